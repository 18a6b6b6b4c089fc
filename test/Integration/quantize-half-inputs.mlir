// f16 and bf16 inputs are widened to f32 exactly before quantizing, so they
// give the f32 results: the seed values, a tie (2.5 -> 2), NaN and +inf.
// Also a 3-D tensor quantized per axis along its middle, dynamic dimension
// (u16 storage, one odd and one even zero point).
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.1:10>
!u16 = !quant.uniform<u16:f32:1, {0.5:3, 0.125:8}>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @quantize_f16(%x: tensor<?xf16>) -> tensor<?xi32> {
  %q = qnn.quantize %x : tensor<?xf16> -> tensor<?x!u8>
  %s = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @quantize_bf16(%x: tensor<?xbf16>) -> tensor<?xi32> {
  %q = qnn.quantize %x : tensor<?xbf16> -> tensor<?x!u8>
  %s = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @quantize_mid_axis(%x: tensor<2x?x3xf32>) -> tensor<2x?x3xi32> {
  %q = qnn.quantize %x : tensor<2x?x3xf32> -> tensor<2x?x3x!u16>
  %s = qnn.storage_cast %q : tensor<2x?x3x!u16> -> tensor<2x?x3xi16>
  %w = arith.extui %s : tensor<2x?x3xi16> to tensor<2x?x3xi32>
  return %w : tensor<2x?x3xi32>
}

func.func @main() {
  %h = arith.constant dense<[100.0, 1.0, 2.0, 0.25, 0x7E00, 0x7C00]> : tensor<6xf16>
  %hd = tensor.cast %h : tensor<6xf16> to tensor<?xf16>
  %hq = call @quantize_f16(%hd) : (tensor<?xf16>) -> tensor<?xi32>
  %hu = tensor.cast %hq : tensor<?xi32> to tensor<*xi32>
  // CHECK: [255,  20,  30,  12,  10,  255]
  call @printMemrefI32(%hu) : (tensor<*xi32>) -> ()

  %b = arith.constant dense<[100.0, 1.0, 2.0, 0.25, 0x7FC0, 0x7F80]> : tensor<6xbf16>
  %bd = tensor.cast %b : tensor<6xbf16> to tensor<?xbf16>
  %bq = call @quantize_bf16(%bd) : (tensor<?xbf16>) -> tensor<?xi32>
  %bu = tensor.cast %bq : tensor<?xi32> to tensor<*xi32>
  // CHECK: [255,  20,  30,  12,  10,  255]
  call @printMemrefI32(%bu) : (tensor<*xi32>) -> ()

  // Channel 0 (scale 0.5, z 3): x / 0.5 + 3; channel 1 (scale 0.125, z 8):
  // x * 8 + 8; 0.25 * 2 = 0.5 -> 0 and 1.25 * 2 = 2.5 -> 2 are ties.
  %m = arith.constant dense<[[[0.25, 1.25, -1.0], [0.25, 1.25, -1.0]],
                             [[-10.0, 100.0, 0.0625], [-10.0, 100.0, 0.0625]]]> : tensor<2x2x3xf32>
  %md = tensor.cast %m : tensor<2x2x3xf32> to tensor<2x?x3xf32>
  %mq = call @quantize_mid_axis(%md) : (tensor<2x?x3xf32>) -> tensor<2x?x3xi32>
  %mu = tensor.cast %mq : tensor<2x?x3xi32> to tensor<*xi32>
  // CHECK: sizes = [2, 2, 3]
  // CHECK-NEXT: {{\[}}{{\[}}[3,   5,   1],
  // CHECK-NEXT: [10,   18,   0]],
  // CHECK-NEXT: {{\[}}[0,   203,   3],
  // CHECK-NEXT: [0,   808,   8]]]
  call @printMemrefI32(%mu) : (tensor<*xi32>) -> ()
  return
}
