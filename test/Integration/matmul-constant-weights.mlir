// qnn.matmul with constant weights and bias, whose weight-only terms
// (K * za * zw - za * column sums + bias) the lowering folds into one
// constant per channel, computes the same as with the weights passed in:
// both against a Python reference that sums (a - za)(w - zw) + bias
// directly. za = 128 and zw = [0, 3] make every correction term count.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:1, {0.01, 0.02:3}>
!b = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!o = !quant.uniform<u8:f32, 0.05:100>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @folded(%a8: tensor<2x3xi8>) -> tensor<4xi32> {
  %a = qnn.storage_cast %a8 : tensor<2x3xi8> -> tensor<2x3x!a>
  %w = qnn.constant dense<[[100, -50], [30, 127], [-128, 60]]> : tensor<3x2xsi8> -> tensor<3x2x!w>
  %b = qnn.constant dense<[100, -200]> : tensor<2xsi32> -> tensor<2x!b>
  %c = qnn.matmul %a, %w, %b : tensor<2x3x!a>, tensor<3x2x!w>, tensor<2x!b> -> tensor<2x2x!o>
  %s = qnn.storage_cast %c : tensor<2x2x!o> -> tensor<2x2xi8>
  %e = arith.extui %s : tensor<2x2xi8> to tensor<2x2xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x2xi32> into tensor<4xi32>
  return %f : tensor<4xi32>
}

func.func @passed_in(%a8: tensor<2x3xi8>, %w8: tensor<3x2xi8>, %b32: tensor<2xi32>) -> tensor<4xi32> {
  %a = qnn.storage_cast %a8 : tensor<2x3xi8> -> tensor<2x3x!a>
  %w = qnn.storage_cast %w8 : tensor<3x2xi8> -> tensor<3x2x!w>
  %b = qnn.storage_cast %b32 : tensor<2xi32> -> tensor<2x!b>
  %c = qnn.matmul %a, %w, %b : tensor<2x3x!a>, tensor<3x2x!w>, tensor<2x!b> -> tensor<2x2x!o>
  %s = qnn.storage_cast %c : tensor<2x2x!o> -> tensor<2x2xi8>
  %e = arith.extui %s : tensor<2x2xi8> to tensor<2x2xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x2xi32> into tensor<4xi32>
  return %f : tensor<4xi32>
}

func.func @main() {
  %a = arith.constant dense<[[-126, 125, -128], [120, -116, -125]]> : tensor<2x3xi8>
  %w = arith.constant dense<[[100, -50], [30, 127], [-128, 60]]> : tensor<3x2xi8>
  %b = arith.constant dense<[100, -200]> : tensor<2xi32>
  %r1 = call @folded(%a) : (tensor<2x3xi8>) -> tensor<4xi32>
  %u1 = tensor.cast %r1 : tensor<4xi32> to tensor<*xi32>
  // CHECK: [102,  86,  93,  138]
  call @printMemrefI32(%u1) : (tensor<*xi32>) -> ()
  %r2 = call @passed_in(%a, %w, %b) : (tensor<2x3xi8>, tensor<3x2xi8>, tensor<2xi32>) -> tensor<4xi32>
  %u2 = tensor.cast %r2 : tensor<4xi32> to tensor<*xi32>
  // CHECK: [102,  86,  93,  138]
  call @printMemrefI32(%u2) : (tensor<*xi32>) -> ()
  return
}
