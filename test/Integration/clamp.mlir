// qnn.clamp executed: ReLU6 on u8 (scale 0.05, zero point 10 keeps
// [10, 130]) over 17 values (a full vector and a masked tail), and ReLU
// after a qnn.matmul, fused into the matmul's output loop (the
// FUSED check: a single vector loop stores the i8 results). Expected values
// are worked out from the bounds by hand / a Python reference.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm --mlir-print-ir-after=qnn-fuse-elementwise 2>&1 >/dev/null | FileCheck %s --check-prefix=FUSED

!u8 = !quant.uniform<u8:f32, 0.05:10>
!a = !quant.uniform<i8:f32, 0.5>
!w = !quant.uniform<i8:f32, 0.5>
!o = !quant.uniform<i8:f32, 0.5>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @relu6(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!u8>
  %r = qnn.clamp %q min(0.0) max(6.0) : tensor<?x!u8>
  %s = qnn.storage_cast %r : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

// The ReLU is the lower bound of the output stage's float clamp, 0.0 (the
// zero point) instead of -128.0; the accumulator (K = 2 steps of i8 x i8,
// no bias) is converted straight from i32.
// FUSED-LABEL: func.func @linear_relu
// FUSED: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// FUSED: linalg.generic {{.*}}"reduction"
// FUSED: linalg.generic
// FUSED:   arith.sitofp
// FUSED:   arith.cmpf ogt, %{{.*}}, %[[LO]] : f32
// FUSED: linalg.yield
// FUSED-NOT: linalg.generic
// FUSED: return
func.func @linear_relu(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!a>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!w>
  %c = qnn.matmul %qa, %qw : tensor<2x2x!a>, tensor<2x4x!w> -> tensor<2x4x!o>
  %r = qnn.clamp %c min(0.0) : tensor<2x4x!o>
  %s = qnn.storage_cast %r : tensor<2x4x!o> -> tensor<2x4xi8>
  %e = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

// The same layer as a QDQ island with a float ReLU, as a frontend writes
// it: qnn-fuse-qdq turns it into qnn.matmul + qnn.clamp.
func.func @linear_relu_qdq(%a8: tensor<2x2xi8>, %w8: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = quant.scast %a8 : tensor<2x2xi8> to tensor<2x2x!a>
  %qw = quant.scast %w8 : tensor<2x4xi8> to tensor<2x4x!w>
  %a = quant.dcast %qa : tensor<2x2x!a> to tensor<2x2xf32>
  %w = quant.dcast %qw : tensor<2x4x!w> to tensor<2x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = linalg.matmul ins(%a, %w : tensor<2x2xf32>, tensor<2x4xf32>) outs(%z : tensor<2x4xf32>) -> tensor<2x4xf32>
  %zeros = arith.constant dense<0.0> : tensor<2x4xf32>
  %r = arith.maximumf %y, %zeros : tensor<2x4xf32>
  %q = quant.qcast %r : tensor<2x4xf32> to tensor<2x4x!o>
  %s = quant.scast %q : tensor<2x4x!o> to tensor<2x4xi8>
  %x = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %x [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

func.func @main() {
  %c = arith.constant dense<[0, 5, 9, 10, 11, 50, -127, -126, -125, -56, -1, 1, 2, 3, 4, 6, 7]> : tensor<17xi8>
  %x = tensor.cast %c : tensor<17xi8> to tensor<?xi8>
  %r = call @relu6(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %u = tensor.cast %r : tensor<?xi32> to tensor<*xi32>
  // CHECK: [10,  10,  10,  10,  11,  50,  129,  130,  130,  130,  130,  10,  10,  10,  10,  10,  10]
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()

  // Without the clamp the products are [0, 0, 2, -2, 0, 2, -10, 10].
  %a = arith.constant dense<[[1, 0], [-3, 2]]> : tensor<2x2xi8>
  %w = arith.constant dense<[[1, -1, 5, -5], [1, 1, -2, 3]]> : tensor<2x4xi8>
  %l = call @linear_relu(%a, %w) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %lu = tensor.cast %l : tensor<8xi32> to tensor<*xi32>
  // CHECK: [0,  0,  2,  0,  0,  2,  0,  10]
  call @printMemrefI32(%lu) : (tensor<*xi32>) -> ()
  %lq = call @linear_relu_qdq(%a, %w) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %lqu = tensor.cast %lq : tensor<8xi32> to tensor<*xi32>
  // CHECK: [0,  0,  2,  0,  0,  2,  0,  10]
  call @printMemrefI32(%lqu) : (tensor<*xi32>) -> ()
  return
}
