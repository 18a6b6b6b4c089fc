// qnn.matmul and qnn.conv2d with an i32 result: the exact accumulator
// sum (a - za)(w - zw), with no output stage (ONNX MatMulInteger and
// ConvInteger). Run-time and constant weights, per-channel weight zero
// points, a padded strided convolution, and the extremes of u8 x i8.
// Expected values were computed with NumPy int64 arithmetic.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-fold-constants --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!A = !quant.uniform<u8:f32, 1.0:3>
!W = !quant.uniform<i8:f32:1, {1.0:-1, 1.0, 1.0:2}>
!X = !quant.uniform<u8:f32, 1.0:5>
!F = !quant.uniform<i8:f32, 1.0:1>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @matmul(%a: tensor<2x5xi8>, %w: tensor<5x3xi8>) -> tensor<2x3xi32> {
  %qa = qnn.storage_cast %a : tensor<2x5xi8> -> tensor<2x5x!A>
  %qw = qnn.storage_cast %w : tensor<5x3xi8> -> tensor<5x3x!W>
  %y = qnn.matmul %qa, %qw : tensor<2x5x!A>, tensor<5x3x!W> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// The same weights as a constant: the weight terms fold at compile time
// (and qnn-fold-constants moves za into a bias).
func.func @matmul_constant_weights(%a: tensor<2x5xi8>) -> tensor<2x3xi32> {
  %qa = qnn.storage_cast %a : tensor<2x5xi8> -> tensor<2x5x!A>
  %qw = qnn.constant dense<[[-56, 95, 105], [-127, -1, 82], [-95, 76, -98], [-9, 81, -51], [-41, -57, 56]]> : tensor<5x3xsi8> -> tensor<5x3x!W>
  %y = qnn.matmul %qa, %qw : tensor<2x5x!A>, tensor<5x3x!W> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

func.func @conv(%x: tensor<1x4x4x2xi8>, %f: tensor<3x3x2x3xi8>) -> tensor<1x2x2x3xi32> {
  %qx = qnn.storage_cast %x : tensor<1x4x4x2xi8> -> tensor<1x4x4x2x!X>
  %qf = qnn.storage_cast %f : tensor<3x3x2x3xi8> -> tensor<3x3x2x3x!F>
  %y = qnn.conv2d %qx, %qf strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1]
      : tensor<1x4x4x2x!X>, tensor<3x3x2x3x!F> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}

// u8 with zero point 0 times i8 with zero point 0: 255 x -128 four times,
// and 255 x 127.
func.func @extremes(%a: tensor<1x4xi8>, %w: tensor<4x2xi8>) -> tensor<1x2xi32> {
  %qa = qnn.storage_cast %a : tensor<1x4xi8> -> tensor<1x4x!quant.uniform<u8:f32, 1.0>>
  %qw = qnn.storage_cast %w : tensor<4x2xi8> -> tensor<4x2x!quant.uniform<i8:f32, 1.0>>
  %y = qnn.matmul %qa, %qw : tensor<1x4x!quant.uniform<u8:f32, 1.0>>, tensor<4x2x!quant.uniform<i8:f32, 1.0>> -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

func.func @main() {
  %a = arith.constant dense<[[241, 160, 175, 229, 148], [198, 213, 57, 14, 76]]> : tensor<2x5xi8>
  %w = arith.constant dense<[[-56, 95, 105], [-127, -1, 82], [-95, 76, -98], [-9, 81, -51], [-41, -57, 56]]> : tensor<5x3xi8>
  %mm = call @matmul(%a, %w) : (tensor<2x5xi8>, tensor<5x3xi8>) -> tensor<2x3xi32>
  %mm_u = tensor.cast %mm : tensor<2x3xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[-56648,   45566,   15726],
  // CHECK-NEXT:  [-45269,   19149,   34844]]
  call @printMemrefI32(%mm_u) : (tensor<*xi32>) -> ()
  %mc = call @matmul_constant_weights(%a) : (tensor<2x5xi8>) -> tensor<2x3xi32>
  %mc_u = tensor.cast %mc : tensor<2x3xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[-56648,   45566,   15726],
  // CHECK-NEXT:  [-45269,   19149,   34844]]
  call @printMemrefI32(%mc_u) : (tensor<*xi32>) -> ()

  %x = arith.constant dense<[[[[65, 253], [113, 122], [129, 149], [141, 130]], [[254, 206], [202, 179], [159, 87], [253, 119]], [[55, 216], [41, 219], [156, 29], [11, 113]], [[9, 36], [131, 248], [119, 206], [234, 210]]]]> : tensor<1x4x4x2xi8>
  %f = arith.constant dense<[[[[33, -16, 3], [-60, -1, -31]], [[-65, 126, -125], [-104, -79, 120]], [[49, 97, -77], [56, -34, -3]]], [[[-128, 30, 84], [41, -89, 8]], [[-60, 119, 97], [-81, 2, 112]], [[88, 53, 35], [-118, 61, -7]]], [[[-105, -66, 10], [58, 1, 28]], [[95, 47, -36], [36, 25, -101]], [[-113, 41, -29], [25, -46, -71]]]]> : tensor<3x3x2x3xi8>
  %cv = call @conv(%x, %f) : (tensor<1x4x4x2xi8>, tensor<3x3x2x3xi8>) -> tensor<1x2x2x3xi32>
  %cv_u = tensor.cast %cv : tensor<1x2x2x3xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1, 2, 2, 3]
  // CHECK-NEXT: {{\[}}[{{\[}}[-16364,   35944,   -12129],
  // CHECK-NEXT:    [-50821,   22365,   18056]],
  // CHECK-NEXT:   {{\[}}[-68270,   43237,   -20370],
  // CHECK-NEXT:    [-27443,   36380,   -52289]]]]
  call @printMemrefI32(%cv_u) : (tensor<*xi32>) -> ()

  %ea = arith.constant dense<[[255, 255, 255, 255]]> : tensor<1x4xi8>
  %ew = arith.constant dense<[[-128, 127], [-128, 127], [-128, 127], [-128, 127]]> : tensor<4x2xi8>
  %e = call @extremes(%ea, %ew) : (tensor<1x4xi8>, tensor<4x2xi8>) -> tensor<1x2xi32>
  %e_u = tensor.cast %e : tensor<1x2xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1, 2]
  // CHECK-NEXT: {{\[}}[-130560,   129540]]
  call @printMemrefI32(%e_u) : (tensor<*xi32>) -> ()
  return
}
