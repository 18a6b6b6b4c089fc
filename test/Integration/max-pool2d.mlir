// qnn.max_pool2d executed: u8 (per tensor) with a 3x3 window, stride 2
// and padding 1 on all sides (checked against PyTorch's quantized
// max_pool2d when this test was written), and i8 per channel with a 2x2
// window, strides [1, 2], dilations [2, 1] and uneven padding [0, 1, 1, 0].
// Padded positions take no part in the maximum. Expected values come from a
// direct Python evaluation of the windows.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.05:10>
!i8c = !quant.uniform<i8:f32:3, {0.1:-3, 0.2:5}>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @pool_u8(%x: tensor<1x5x7x3xi8>) -> tensor<36xi32> {
  %q = qnn.storage_cast %x : tensor<1x5x7x3xi8> -> tensor<1x5x7x3x!u8>
  %p = qnn.max_pool2d %q kernel [3, 3] strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x5x7x3x!u8> -> tensor<1x3x4x3x!u8>
  %s = qnn.storage_cast %p : tensor<1x3x4x3x!u8> -> tensor<1x3x4x3xi8>
  %e = arith.extui %s : tensor<1x3x4x3xi8> to tensor<1x3x4x3xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2, 3]] : tensor<1x3x4x3xi32> into tensor<36xi32>
  return %f : tensor<36xi32>
}

func.func @pool_i8(%x: tensor<2x4x4x2xi8>) -> tensor<24xi32> {
  %q = qnn.storage_cast %x : tensor<2x4x4x2xi8> -> tensor<2x4x4x2x!i8c>
  %p = qnn.max_pool2d %q kernel [2, 2] strides [1, 2] dilations [2, 1] padding [0, 1, 1, 0] : tensor<2x4x4x2x!i8c> -> tensor<2x3x2x2x!i8c>
  %s = qnn.storage_cast %p : tensor<2x3x2x2x!i8c> -> tensor<2x3x2x2xi8>
  %e = arith.extsi %s : tensor<2x3x2x2xi8> to tensor<2x3x2x2xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2, 3]] : tensor<2x3x2x2xi32> into tensor<24xi32>
  return %f : tensor<24xi32>
}

func.func @main() {
  %x = arith.constant dense<[[[[107, -34, -10], [73, 29, -102], [-86, -57, -92], [-73, -22, -22], [-19, -36, -72], [-21, 3, 6], [-52, 111, -65]], [[124, -26, 16], [-84, 1, 37], [-44, 74, -5], [89, -56, -11], [80, -6, -76], [-9, 76, -125], [-67, -9, 71]], [[123, -56, -42], [-4, 54, -4], [29, -30, -33], [-23, -33, -75], [-108, -115, 20], [-20, -21, 22], [-104, 94, -66]], [[-101, -106, 122], [28, -54, -29], [49, 119, 15], [111, 32, 105], [-10, 36, 33], [-76, 57, 1], [96, 45, -97]], [[-115, -56, -101], [20, 15, -18], [-68, -61, -48], [82, -121, 48], [0, -104, 57], [-104, -28, 68], [65, 43, 85]]]]> : tensor<1x5x7x3xi8>
  %y = call @pool_u8(%x) : (tensor<1x5x7x3xi8>) -> tensor<36xi32>
  %yu = tensor.cast %y : tensor<36xi32> to tensor<*xi32>
  // CHECK: [172,  230,  246,  212,  234,  251,  247,  250,  245,  247,  247,  191,  252,  230,  252,  252,  226,  252,  247,  250,  245,  247,  247,  190,  155,  202,  238,  188,  202,  238,  246,  228,  105,  180,  228,  159]
  call @printMemrefI32(%yu) : (tensor<*xi32>) -> ()
  %xs = arith.constant dense<[[[[68, 41], [44, -118], [76, 61], [-72, 24]], [[57, -115], [-109, -72], [-127, 28], [-83, 19]], [[72, -61], [10, 36], [29, -62], [23, -69]], [[34, -55], [-46, 116], [56, -93], [-125, -104]]], [[[-32, 100], [-115, -99], [-96, -61], [103, -48]], [[26, -125], [74, 14], [27, 116], [18, -110]], [[75, 12], [31, -117], [2, 99], [14, -23]], [[17, -118], [-41, 90], [42, -57], [-24, -111]]]]> : tensor<2x4x4x2xi8>
  %ys = call @pool_i8(%xs) : (tensor<2x4x4x2xi8>) -> tensor<24xi32>
  %ysu = tensor.cast %ys : tensor<24xi32> to tensor<*xi32>
  // CHECK: [72,  41,  76,  61,  57,  -55,  56,  116,  72,  -61,  29,  36,  75,  100,  31,  99,  26,  -118,  74,  116,  75,  12,  31,  99]
  call @printMemrefI32(%ysu) : (tensor<*xi32>) -> ()
  return
}
