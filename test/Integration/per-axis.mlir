// Per-axis quantization, executed: scales and zero points per channel
// along axis 0 (an outer loop: per-row constants broadcast) and axis 1 (the
// inner loop: constant vectors loaded with the data), with odd and even
// zero points, NaN, saturation and ties; 17 elements per row so every row
// has a masked tail. Expected values come from a Python reference of
// docs/Semantics.md, not from the compiler; floats are compared as bits.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @quantize_axis0(%x: tensor<3x?xf32>) -> tensor<3x?xi32> {
  %q = qnn.quantize %x : tensor<3x?xf32> -> tensor<3x?x!quant.uniform<i8:f32:0, {0.5:1, 0.25:-4, 1.0}>>
  %s = qnn.storage_cast %q : tensor<3x?x!quant.uniform<i8:f32:0, {0.5:1, 0.25:-4, 1.0}>> -> tensor<3x?xi8>
  %w = arith.extsi %s : tensor<3x?xi8> to tensor<3x?xi32>
  return %w : tensor<3x?xi32>
}

func.func @quantize_axis1(%x: tensor<?x3xf32>) -> tensor<?x3xi32> {
  %q = qnn.quantize %x : tensor<?x3xf32> -> tensor<?x3x!quant.uniform<u8:f32:1, {0.5:3, 0.1:7, 2.0:10}>>
  %s = qnn.storage_cast %q : tensor<?x3x!quant.uniform<u8:f32:1, {0.5:3, 0.1:7, 2.0:10}>> -> tensor<?x3xi8>
  %w = arith.extui %s : tensor<?x3xi8> to tensor<?x3xi32>
  return %w : tensor<?x3xi32>
}

func.func @dequantize_axis1(%i: tensor<?x3xi8>) -> tensor<?x3xi32> {
  %q = qnn.storage_cast %i : tensor<?x3xi8> -> tensor<?x3x!quant.uniform<u8:f32:1, {0.5:3, 0.1:7, 2.0:10}>>
  %f = qnn.dequantize %q : tensor<?x3x!quant.uniform<u8:f32:1, {0.5:3, 0.1:7, 2.0:10}>> -> tensor<?x3xf32>
  %b = arith.bitcast %f : tensor<?x3xf32> to tensor<?x3xi32>
  return %b : tensor<?x3xi32>
}

// Per-axis input, per-tensor output, integer rounding: the fixed-point
// multiplier and shift differ per row.
func.func @requantize_axis0(%i: tensor<3x?xi8>) -> tensor<3x?xi32> {
  %q = qnn.storage_cast %i : tensor<3x?xi8> -> tensor<3x?x!quant.uniform<i8:f32:0, {0.5:1, 0.3:-4, 0.125}>>
  %r = qnn.requantize %q rounding(double_round) : tensor<3x?x!quant.uniform<i8:f32:0, {0.5:1, 0.3:-4, 0.125}>> -> tensor<3x?x!quant.uniform<i8:f32, 0.25:1>>
  %s = qnn.storage_cast %r : tensor<3x?x!quant.uniform<i8:f32, 0.25:1>> -> tensor<3x?xi8>
  %w = arith.extsi %s : tensor<3x?xi8> to tensor<3x?xi32>
  return %w : tensor<3x?xi32>
}

func.func @main() {
  %c0 = arith.constant dense<[[-3.0, -1.25, -0.75, -0.25, 0.0, 0.25, 0.5, 0.75, 1.25, 2.5, 3.75, 10.0, 100.0, -100.0, 0x7FC00000, 0.125, 1.0], [-3.0, -1.25, -0.75, -0.25, 0.0, 0.25, 0.5, 0.75, 1.25, 2.5, 3.75, 10.0, 100.0, -100.0, 0x7FC00000, 0.125, 1.0], [-3.0, -1.25, -0.75, -0.25, 0.0, 0.25, 0.5, 0.75, 1.25, 2.5, 3.75, 10.0, 100.0, -100.0, 0x7FC00000, 0.125, 1.0]]> : tensor<3x17xf32>
  %x0 = tensor.cast %c0 : tensor<3x17xf32> to tensor<3x?xf32>
  %r0 = call @quantize_axis0(%x0) : (tensor<3x?xf32>) -> tensor<3x?xi32>
  %u0 = tensor.cast %r0 : tensor<3x?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [3, 17]
// CHECK-NEXT: {{\[}}[-5,   -1,   -1,   1,   1,   1,   2,   3,   3,   6,   9,   21,   127,   -128,   1,   1,   3],
// CHECK-NEXT:  [-16,   -9,   -7,   -5,   -4,   -3,   -2,   -1,   1,   6,   11,   36,   127,   -128,   -4,   -4,   0],
// CHECK-NEXT:  [-3,   -1,   -1,   0,   0,   0,   0,   1,   1,   2,   4,   10,   100,   -100,   0,   0,   1]]
  call @printMemrefI32(%u0) : (tensor<*xi32>) -> ()

  %c1 = arith.constant dense<[[-3.0, -6.0, -9.0], [-1.25, -2.5, -3.75], [-0.75, -1.5, -2.25], [-0.25, -0.5, -0.75], [0.0, 0.0, 0.0], [0.25, 0.5, 0.75], [0.5, 1.0, 1.5], [0.75, 1.5, 2.25], [1.25, 2.5, 3.75], [2.5, 5.0, 7.5], [3.75, 7.5, 11.25], [10.0, 20.0, 30.0], [100.0, 200.0, 300.0], [-100.0, -200.0, -300.0], [0x7FC00000, 0x7FC00000, 0x7FC00000], [0.125, 0.25, 0.375], [1.0, 2.0, 3.0]]> : tensor<17x3xf32>
  %x1 = tensor.cast %c1 : tensor<17x3xf32> to tensor<?x3xf32>
  %r1 = call @quantize_axis1(%x1) : (tensor<?x3xf32>) -> tensor<?x3xi32>
  %u1 = tensor.cast %r1 : tensor<?x3xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17, 3]
// CHECK-NEXT: {{\[}}[0,   0,   6],
// CHECK-NEXT:  [1,   0,   8],
// CHECK-NEXT:  [1,   0,   9],
// CHECK-NEXT:  [3,   2,   10],
// CHECK-NEXT:  [3,   7,   10],
// CHECK-NEXT:  [3,   12,   10],
// CHECK-NEXT:  [4,   17,   11],
// CHECK-NEXT:  [5,   22,   11],
// CHECK-NEXT:  [5,   32,   12],
// CHECK-NEXT:  [8,   57,   14],
// CHECK-NEXT:  [11,   82,   16],
// CHECK-NEXT:  [23,   207,   25],
// CHECK-NEXT:  [203,   255,   160],
// CHECK-NEXT:  [0,   0,   0],
// CHECK-NEXT:  [3,   7,   10],
// CHECK-NEXT:  [3,   9,   10],
// CHECK-NEXT:  [5,   27,   12]]
  call @printMemrefI32(%u1) : (tensor<*xi32>) -> ()

  %c2 = arith.constant dense<[[0, 91, -74], [37, -128, -37], [74, -91, 0], [111, -54, 37], [-108, -17, 74], [-71, 20, 111], [-34, 57, -108], [3, 94, -71], [40, -125, -34], [77, -88, 3], [114, -51, 40], [-105, -14, 77], [-68, 23, 114], [-31, 60, -105], [6, 97, -68], [43, -122, -31], [80, -85, 6]]> : tensor<17x3xi8>
  %x2 = tensor.cast %c2 : tensor<17x3xi8> to tensor<?x3xi8>
  %r2 = call @dequantize_axis1(%x2) : (tensor<?x3xi8>) -> tensor<?x3xi32>
  %u2 = tensor.cast %r2 : tensor<?x3xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17, 3]
// CHECK-NEXT: {{\[}}[-1077936128,   1090938471,   1135345664],
// CHECK-NEXT:  [1099431936,   1094818202,   1137770496],
// CHECK-NEXT:  [1108213760,   1098697933,   -1046478848],
// CHECK-NEXT:  [1113063424,   1100742656,   1113063424],
// CHECK-NEXT:  [1116798976,   1102682522,   1124073472],
// CHECK-NEXT:  [1119223808,   1067869799,   1128923136],
// CHECK-NEXT:  [1121648640,   1084227584,   1133117440],
// CHECK-NEXT:  [0,   1091253043,   1135542272],
// CHECK-NEXT:  [1100218368,   1095132775,   1137967104],
// CHECK-NEXT:  [1108606976,   1098960077,   -1050673152],
// CHECK-NEXT:  [1113456640,   1100899943,   1114636288],
// CHECK-NEXT:  [1116995584,   1102839808,   1124466688],
// CHECK-NEXT:  [1119420416,   1070386381,   1129316352],
// CHECK-NEXT:  [1121845248,   1084856730,   1133314048],
// CHECK-NEXT:  [1069547520,   1091567616,   1135738880],
// CHECK-NEXT:  [1101004800,   1095447347,   1138163712],
// CHECK-NEXT:  [1109000192,   1099117363,   -1056964608]]
  call @printMemrefI32(%u2) : (tensor<*xi32>) -> ()

  %c3 = arith.constant dense<[[-128, -127, -9, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 9, 126, 127], [-128, -127, -9, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 9, 126, 127], [-128, -127, -9, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 9, 126, 127]]> : tensor<3x17xi8>
  %x3 = tensor.cast %c3 : tensor<3x17xi8> to tensor<3x?xi8>
  %r3 = call @requantize_axis0(%x3) : (tensor<3x?xi8>) -> tensor<3x?xi32>
  %u3 = tensor.cast %r3 : tensor<3x?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [3, 17]
// CHECK-NEXT: {{\[}}[-128,   -128,   -19,   -11,   -9,   -7,   -5,   -3,   -1,   1,   3,   5,   7,   9,   17,   127,   127],
// CHECK-NEXT:  [-128,   -128,   -5,   0,   1,   2,   3,   5,   6,   7,   8,   9,   11,   12,   17,   127,   127],
// CHECK-NEXT:  [-63,   -62,   -3,   -1,   -1,   0,   0,   1,   1,   2,   2,   3,   3,   4,   6,   64,   65]]
  call @printMemrefI32(%u3) : (tensor<*xi32>) -> ()
  return
}
