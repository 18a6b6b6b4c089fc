// RUN: quant-opt %s -canonicalize -split-input-file | FileCheck %s

// Folders of the qnn ops. Every folded value below was computed by hand from
// the numeric contract (docs/Semantics.md), in float32:
//   quantize    q = clamp(f32(z + rne(f32(x * f32(1/s)))), qmin, qmax)
//               (ONNX flavour: f32(x / s)); NaN -> z (ONNX: qmin), +-inf saturate
//   dequantize  x = f32(f32(q - z) * s), q - z exact in 64 bits
//   requantize  a = q - z_in, q_out = clamp(z_out + r, qmin, qmax)

//===----------------------------------------------------------------------===//
// quantize of constants
//===----------------------------------------------------------------------===//

// The seed: 100.0 saturates to 255, 1.0 and 2.0 land on 20 and 30.
// CHECK-LABEL: func.func @quantize_fold_seed
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_seed() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// NaN -> z = 10, +inf and 1e30 -> qmax, -inf and -1e30 -> qmin;
// 24.4 -> 244 + 10 = 254 and 24.6 -> 246 + 10 = 256 -> 255.
// CHECK-LABEL: func.func @quantize_fold_special_values
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[10, 255, 0, 255, 0, 254, 255]> : tensor<7xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_special_values() -> tensor<7x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<[0x7FC00000, 0x7F800000, 0xFF800000, 1.0e+30, -1.0e+30, 24.4, 24.6]> : tensor<7xf32>
  %q = qnn.quantize %x : tensor<7xf32> -> tensor<7x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<7x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// The ONNX flavour folds NaN (and -NaN) to qmin (ONNX Runtime's answer), not z; the
// rest as in the PyTorch flavour for these values.
// CHECK-LABEL: func.func @quantize_fold_special_values_onnx
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[0, 0, 255, 0, 254, 255]> : tensor<6xui8>
// CHECK-NEXT: %[[D:.*]] = qnn.constant dense<[-128, 127, -128, 123]> : tensor<4xsi8>
// CHECK-NEXT: return %[[C]], %[[D]]
func.func @quantize_fold_special_values_onnx() -> (tensor<6x!quant.uniform<u8:f32, 0.1:10>>, tensor<4x!quant.uniform<i8:f32, 0.5:-3>>) {
  %x = arith.constant dense<[0x7FC00000, 0xFFC00000, 0x7F800000, 0xFF800000, 24.4, 24.6]> : tensor<6xf32>
  %q = qnn.quantize %x flavour(onnx) : tensor<6xf32> -> tensor<6x!quant.uniform<u8:f32, 0.1:10>>
  %y = arith.constant dense<[0x7FC00000, 0x7F800000, 0xFF800000, 63.0]> : tensor<4xf32>
  %r = qnn.quantize %y flavour(onnx) : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  return %q, %r : tensor<6x!quant.uniform<u8:f32, 0.1:10>>, tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

// Signed storage with a negative zero point: NaN -> -3; 63.0 -> 126 - 3;
// 63.75 -> rne(127.5) = 128, -3 + 128 = 125; -62.75 -> rne(-125.5) = -126,
// -129 saturates to -128.
// CHECK-LABEL: func.func @quantize_fold_special_values_signed
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[-3, 127, -128, 123, 125, -128]> : tensor<6xsi8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_special_values_signed() -> tensor<6x!quant.uniform<i8:f32, 0.5:-3>> {
  %x = arith.constant dense<[0x7FC00000, 0x7F800000, 0xFF800000, 63.0, 63.75, -62.75]> : tensor<6xf32>
  %q = qnn.quantize %x : tensor<6xf32> -> tensor<6x!quant.uniform<i8:f32, 0.5:-3>>
  return %q : tensor<6x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

// Exact ties x / s = k + 0.5 round to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2,
// and symmetrically below zero; the zero point 1 is added afterwards.
// CHECK-LABEL: func.func @quantize_fold_ties_to_even
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[1, 3, 3, 1, -1, -1]> : tensor<6xsi8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_ties_to_even() -> tensor<6x!quant.uniform<i8:f32, 0.5:1>> {
  %x = arith.constant dense<[0.25, 0.75, 1.25, -0.25, -0.75, -1.25]> : tensor<6xf32>
  %q = qnn.quantize %x : tensor<6xf32> -> tensor<6x!quant.uniform<i8:f32, 0.5:1>>
  return %q : tensor<6x!quant.uniform<i8:f32, 0.5:1>>
}

// -----

// The zero point is added in float32, as PyTorch does:
// f32(1 + 16777216) = 16777216 and f32(1 + 16777218) = 16777220 (ties to
// even), not the exact integer sums.
// CHECK-LABEL: func.func @quantize_fold_zero_point_added_in_f32
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[16777216, 16777220]> : tensor<2xsi32>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_zero_point_added_in_f32() -> tensor<2x!quant.uniform<i32:f32, 1.0:1>> {
  %x = arith.constant dense<[16777216.0, 16777218.0]> : tensor<2xf32>
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i32:f32, 1.0:1>>
  return %q : tensor<2x!quant.uniform<i32:f32, 1.0:1>>
}

// -----

// NaN gives the zero point exactly, even one float32 cannot represent
// (16777217); 0.0 gives f32(16777217 + 0) = 16777216 (ties to even).
// CHECK-LABEL: func.func @quantize_fold_nan_wide_zero_point
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[16777217, 16777216]> : tensor<2xsi32>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_nan_wide_zero_point() -> tensor<2x!quant.uniform<i32:f32, 1.0:16777217>> {
  %x = arith.constant dense<[0x7FC00000, 0.0]> : tensor<2xf32>
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i32:f32, 1.0:16777217>>
  return %q : tensor<2x!quant.uniform<i32:f32, 1.0:16777217>>
}

// -----

// i32 saturates exactly at 2^31 - 1 and -2^31; 2147483520 (the largest
// float32 below 2^31) is kept; +inf -> qmax; NaN -> z = 0.
// CHECK-LABEL: func.func @quantize_fold_saturate_i32
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[2147483647, -2147483648, 2147483520, 2147483647, 0]> : tensor<5xsi32>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_saturate_i32() -> tensor<5x!quant.uniform<i32:f32, 1.0>> {
  %x = arith.constant dense<[3.0e+09, -3.0e+09, 2147483520.0, 0x7F800000, 0x7FC00000]> : tensor<5xf32>
  %q = qnn.quantize %x : tensor<5xf32> -> tensor<5x!quant.uniform<i32:f32, 1.0>>
  return %q : tensor<5x!quant.uniform<i32:f32, 1.0>>
}

// -----

// u32 saturates exactly at 2^32 - 1; 4294967040 (the largest float32 below
// 2^32) is kept; negative values and -inf -> 0.
// CHECK-LABEL: func.func @quantize_fold_saturate_u32
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[4294967295, 4294967040, 0, 0]> : tensor<4xui32>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_saturate_u32() -> tensor<4x!quant.uniform<u32:f32, 1.0>> {
  %x = arith.constant dense<[5.0e+09, 4294967040.0, -1.0, 0xFF800000]> : tensor<4xf32>
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u32:f32, 1.0>>
  return %q : tensor<4x!quant.uniform<u32:f32, 1.0>>
}

// -----

// PyTorch flavour: f32(1.55) * f32(1/f32(0.1)) = 1.5499999523 * 10 is a
// float32 tie that rounds to 15.5, and rne(15.5) = 16: 16 + 10 = 26.
// CHECK-LABEL: func.func @quantize_fold_flavour_pytorch
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[26, 255, 20]> : tensor<3xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_flavour_pytorch() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<[1.55, 100.0, 1.0]> : tensor<3xf32>
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// ONNX flavour: f32(1.5499999523 / 0.1000000015) = 15.499999 -> 15, so the
// same input gives 25; the flavour is kept by the fold.
// CHECK-LABEL: func.func @quantize_fold_flavour_onnx
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[25, 255, 20]> : tensor<3xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_flavour_onnx() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<[1.55, 100.0, 1.0]> : tensor<3xf32>
  %q = qnn.quantize %x flavour(onnx) : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// f16 inputs are widened exactly: f16(0.1) = 0.0999755859375 -> 1 + 10;
// 2.5 -> 25 + 10; 65504 saturates.
// CHECK-LABEL: func.func @quantize_fold_f16_input
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<[11, 35, 255]> : tensor<3xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_f16_input() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<[0.1, 2.5, 65504.0]> : tensor<3xf16>
  %q = qnn.quantize %x : tensor<3xf16> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// 4-bit storage saturates at [-8, 7] and [0, 15].
// CHECK-LABEL: func.func @quantize_fold_4bit
// CHECK-NOT: qnn.quantize
// CHECK-DAG: %[[I4:.*]] = qnn.constant dense<[6, -8, 7]> : tensor<3xsi4>
// CHECK-DAG: %[[U4:.*]] = qnn.constant dense<[0, 8, 11, 15]> : tensor<4xui4>
// CHECK: return %[[I4]], %[[U4]]
func.func @quantize_fold_4bit() -> (tensor<3x!quant.uniform<i4:f32, 0.5>>, tensor<4x!quant.uniform<u4:f32, 1.0:8>>) {
  %x = arith.constant dense<[3.0, -5.0, 100.0]> : tensor<3xf32>
  %y = arith.constant dense<[-100.0, 0.0, 3.0, 100.0]> : tensor<4xf32>
  %i4 = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<i4:f32, 0.5>>
  %u4 = qnn.quantize %y : tensor<4xf32> -> tensor<4x!quant.uniform<u4:f32, 1.0:8>>
  return %i4, %u4 : tensor<3x!quant.uniform<i4:f32, 0.5>>, tensor<4x!quant.uniform<u4:f32, 1.0:8>>
}

// -----

// Per axis (axis 1, narrow range): channel 0 is s = 0.5, z = 1, channel 1
// s = 0.25, z = 3, channel 2 s = 1, z = 0; -100 -> -199 saturates to -127;
// 2.5 -> rne(2.5) = 2.
// CHECK-LABEL: func.func @quantize_fold_per_axis
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}3, 7, 1], [-127, 5, 2]]> : tensor<2x3xsi8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_per_axis() -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>> {
  %x = arith.constant dense<[[1.0, 1.0, 1.0], [-100.0, 0.5, 2.5]]> : tensor<2x3xf32>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  return %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
}

// -----

// A splat input to a per-axis type expands to one value per channel.
// CHECK-LABEL: func.func @quantize_fold_per_axis_splat
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}3, 7, 1], [3, 7, 1]]> : tensor<2x3xsi8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_per_axis_splat() -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>> {
  %x = arith.constant dense<1.0> : tensor<2x3xf32>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  return %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
}

// -----

// Per axis along axis 0: rows take the channel parameters.
// CHECK-LABEL: func.func @quantize_fold_per_axis_leading
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}2, 2, 2], [4, 4, 4]]> : tensor<2x3xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_per_axis_leading() -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5, 0.25}>> {
  %x = arith.constant dense<1.0> : tensor<2x3xf32>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5, 0.25}>>
  return %q : tensor<2x3x!quant.uniform<u8:f32:0, {0.5, 0.25}>>
}

// -----

// A per-tensor splat stays a splat.
// CHECK-LABEL: func.func @quantize_fold_splat
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant dense<20> : tensor<4xui8>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_splat() -> tensor<4x!quant.uniform<u8:f32, 0.1:10>> {
  %x = arith.constant dense<1.0> : tensor<4xf32>
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// A scalar folds to a scalar qnn.constant.
// CHECK-LABEL: func.func @quantize_fold_scalar
// CHECK-NOT: qnn.quantize
// CHECK: %[[C:.*]] = qnn.constant 20 : ui8 -> !quant.uniform<u8:f32, 1.000000e-01:10>
// CHECK-NEXT: return %[[C]]
func.func @quantize_fold_scalar() -> !quant.uniform<u8:f32, 0.1:10> {
  %x = arith.constant 1.0 : f32
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0.1:10>
  return %q : !quant.uniform<u8:f32, 0.1:10>
}

// -----

//===----------------------------------------------------------------------===//
// dequantize of constants
//===----------------------------------------------------------------------===//

// The seed, back: (255 - 10) * 0.1 = 24.5, (20 - 10) * 0.1 = 1.0, 2.0.
// CHECK-LABEL: func.func @dequantize_fold_seed
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<[2.450000e+01, 1.000000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_seed() -> tensor<3xf32> {
  %q = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// One rounding of f32(q - z) * s: 7 * f32(0.1) = 0.70000001043 rounds to
// f32(0.7) = 0.699999988. The FMA form fma(17, s, f32(-10 * s)) would give
// 0.700000048 instead.
// CHECK-LABEL: func.func @dequantize_fold_one_rounding
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<0.699999988> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_one_rounding() -> tensor<2xf32> {
  %q = qnn.constant dense<17> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 0.1:10>>
  %x = qnn.dequantize %q : tensor<2x!quant.uniform<u8:f32, 0.1:10>> -> tensor<2xf32>
  return %x : tensor<2xf32>
}

// -----

// q - z is exact in 64 bits for 32-bit storage: 2147483647 - (-2^31) =
// 2^32 - 1 -> f32 2^32, and -2^31 - 1 -> f32 -2^31 (a 32-bit wrap would
// flip both signs).
// CHECK-LABEL: func.func @dequantize_fold_i32_wide_subtraction
// CHECK-NOT: qnn.
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<4.2949673E+9> : tensor<1xf32>
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-2.14748365E+9> : tensor<1xf32>
// CHECK: return %[[HI]], %[[LO]]
func.func @dequantize_fold_i32_wide_subtraction() -> (tensor<1xf32>, tensor<1xf32>) {
  %a = qnn.constant dense<2147483647> : tensor<1xsi32> -> tensor<1x!quant.uniform<i32:f32, 1.0:-2147483648>>
  %b = qnn.constant dense<-2147483648> : tensor<1xsi32> -> tensor<1x!quant.uniform<i32:f32, 1.0:1>>
  %x = qnn.dequantize %a : tensor<1x!quant.uniform<i32:f32, 1.0:-2147483648>> -> tensor<1xf32>
  %y = qnn.dequantize %b : tensor<1x!quant.uniform<i32:f32, 1.0:1>> -> tensor<1xf32>
  return %x, %y : tensor<1xf32>, tensor<1xf32>
}

// -----

// Per axis (axis 1): (3 - 1) * 0.5, (7 - 3) * 0.25, 1 * 1; (-127 - 1) * 0.5.
// CHECK-LABEL: func.func @dequantize_fold_per_axis
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 1.000000e+00, 1.000000e+00], [-6.400000e+01, 5.000000e-01, 2.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_per_axis() -> tensor<2x3xf32> {
  %q = qnn.constant dense<[[3, 7, 1], [-127, 5, 2]]> : tensor<2x3xsi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// -----

// A splat dequantizes per channel when the type is per axis (axis 0).
// CHECK-LABEL: func.func @dequantize_fold_per_axis_splat
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<{{\[\[}}2.000000e+00, 2.000000e+00], [1.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_per_axis_splat() -> tensor<2x2xf32> {
  %q = qnn.constant dense<4> : tensor<2x2xui8> -> tensor<2x2x!quant.uniform<u8:f32:0, {0.5, 0.25}>>
  %x = qnn.dequantize %q : tensor<2x2x!quant.uniform<u8:f32:0, {0.5, 0.25}>> -> tensor<2x2xf32>
  return %x : tensor<2x2xf32>
}

// -----

// A per-tensor splat stays a splat.
// CHECK-LABEL: func.func @dequantize_fold_splat
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<2.450000e+01> : tensor<4xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_splat() -> tensor<4xf32> {
  %q = qnn.constant dense<255> : tensor<4xui8> -> tensor<4x!quant.uniform<u8:f32, 0.1:10>>
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.1:10>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

// A scalar folds to a scalar arith.constant.
// CHECK-LABEL: func.func @dequantize_fold_scalar
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: return %[[C]]
func.func @dequantize_fold_scalar() -> f32 {
  %q = qnn.constant 20 : ui8 -> !quant.uniform<u8:f32, 0.1:10>
  %x = qnn.dequantize %q : !quant.uniform<u8:f32, 0.1:10> -> f32
  return %x : f32
}

// -----

// dequantize(quantize(c)) folds through both constants, rounding and
// saturating on the way: 100.0 comes back as 24.5.
// CHECK-LABEL: func.func @dequantize_quantize_fold_constant
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<[2.450000e+01, 1.000000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK-NEXT: return %[[C]]
func.func @dequantize_quantize_fold_constant() -> tensor<3xf32> {
  %x = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  %y = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// requantize of constants
//
// The four modes on a = q - z_in = [1, 2, -2, 6, -6, 10, -10, 3, -3, -1]
// with M = 0.25 / 1.0 = 0.25 (m = 2^30, e = -1: k = 32, right shift 1), so
// a * M = [0.25, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.75, -0.75, -0.25]:
//   float         rne:                    [0, 0, 0, 2, -2, 2, -2, 1, -1, 0]
//   double_round  SRDHM ties up, then RDBPOT ties away from zero:
//                                         [1, 1, -1, 2, -2, 3, -3, 1, -1, 0]
//   half_up       floor(a * M + 0.5):     [0, 1, 0, 2, -1, 3, -2, 1, -1, 0]
//   half_away     ties away from zero:    [0, 1, -1, 2, -2, 3, -3, 1, -1, 0]
// Input zero point -3 (q = a - 3), output zero point 5 (q_out = r + 5).
//===----------------------------------------------------------------------===//

// float: dequantize to a * 0.25 (exact), quantize with rne.
// CHECK-LABEL: func.func @requantize_fold_float
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<[5, 5, 5, 7, 3, 7, 3, 6, 4, 5]> : tensor<10xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_float() -> tensor<10x!quant.uniform<i8:f32, 1.0:5>> {
  %q = qnn.constant dense<[-2, -1, -5, 3, -9, 7, -13, 0, -6, -4]> : tensor<10xsi8> -> tensor<10x!quant.uniform<i8:f32, 0.25:-3>>
  %r = qnn.requantize %q : tensor<10x!quant.uniform<i8:f32, 0.25:-3>> -> tensor<10x!quant.uniform<i8:f32, 1.0:5>>
  return %r : tensor<10x!quant.uniform<i8:f32, 1.0:5>>
}

// -----

// double_round: 0.25 -> SRDHM gives 0.5 -> 1, RDBPOT gives 0.5 -> 1: the
// double rounding of gemmlowp, kept bit for bit.
// CHECK-LABEL: func.func @requantize_fold_double_round
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<[6, 6, 4, 7, 3, 8, 2, 6, 4, 5]> : tensor<10xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_double_round() -> tensor<10x!quant.uniform<i8:f32, 1.0:5>> {
  %q = qnn.constant dense<[-2, -1, -5, 3, -9, 7, -13, 0, -6, -4]> : tensor<10xsi8> -> tensor<10x!quant.uniform<i8:f32, 0.25:-3>>
  %r = qnn.requantize %q rounding(double_round) : tensor<10x!quant.uniform<i8:f32, 0.25:-3>> -> tensor<10x!quant.uniform<i8:f32, 1.0:5>>
  return %r : tensor<10x!quant.uniform<i8:f32, 1.0:5>>
}

// -----

// half_up: (a * 2^30 + 2^31) >> 32, ties toward +inf.
// CHECK-LABEL: func.func @requantize_fold_half_up
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<[5, 6, 5, 7, 4, 8, 3, 6, 4, 5]> : tensor<10xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_half_up() -> tensor<10x!quant.uniform<i8:f32, 1.0:5>> {
  %q = qnn.constant dense<[-2, -1, -5, 3, -9, 7, -13, 0, -6, -4]> : tensor<10xsi8> -> tensor<10x!quant.uniform<i8:f32, 0.25:-3>>
  %r = qnn.requantize %q rounding(half_up) : tensor<10x!quant.uniform<i8:f32, 0.25:-3>> -> tensor<10x!quant.uniform<i8:f32, 1.0:5>>
  return %r : tensor<10x!quant.uniform<i8:f32, 1.0:5>>
}

// -----

// half_away: the same product, ties away from zero.
// CHECK-LABEL: func.func @requantize_fold_half_away
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<[5, 6, 4, 7, 3, 8, 2, 6, 4, 5]> : tensor<10xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_half_away() -> tensor<10x!quant.uniform<i8:f32, 1.0:5>> {
  %q = qnn.constant dense<[-2, -1, -5, 3, -9, 7, -13, 0, -6, -4]> : tensor<10xsi8> -> tensor<10x!quant.uniform<i8:f32, 0.25:-3>>
  %r = qnn.requantize %q rounding(half_away) : tensor<10x!quant.uniform<i8:f32, 0.25:-3>> -> tensor<10x!quant.uniform<i8:f32, 1.0:5>>
  return %r : tensor<10x!quant.uniform<i8:f32, 1.0:5>>
}

// -----

// M = 0.5 / 0.25 = 2 >= 1 (a left shift): a = [-125, 0, 130, 13] -> 2a + 7
// = [-243, 7, 267, 33], saturated to u8.
// CHECK-LABEL: func.func @requantize_fold_left_shift_saturate
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<[0, 7, 255, 33]> : tensor<4xui8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_left_shift_saturate() -> tensor<4x!quant.uniform<u8:f32, 0.25:7>> {
  %q = qnn.constant dense<[-128, -3, 127, 10]> : tensor<4xsi8> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.requantize %q rounding(double_round) : tensor<4x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<4x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<4x!quant.uniform<u8:f32, 0.25:7>>
}

// -----

// M below 2^-31 (1 / 1e10) gives r = 0 even for the extreme i32 values.
// CHECK-LABEL: func.func @requantize_fold_tiny_multiplier
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<5> : tensor<2xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_tiny_multiplier() -> tensor<2x!quant.uniform<i8:f32, 1.0e+10:5>> {
  %q = qnn.constant dense<[2147483647, -2147483648]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32, 1.0>>
  %r = qnn.requantize %q rounding(half_away) : tensor<2x!quant.uniform<i32:f32, 1.0>> -> tensor<2x!quant.uniform<i8:f32, 1.0e+10:5>>
  return %r : tensor<2x!quant.uniform<i8:f32, 1.0e+10:5>>
}

// -----

// Per tensor to per axis 0, half_away: row 0 has M = 2 ([1, -3, 5] -> [2,
// -6, 10]); row 1 has M = 0.5 and z_out = -5 ([0.5, -1.5, 2.5] -> [1, -2, 3]).
// CHECK-LABEL: func.func @requantize_fold_per_tensor_to_per_axis
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}2, -6, 10], [-4, -7, -2]]> : tensor<2x3xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_per_tensor_to_per_axis() -> tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>> {
  %q = qnn.constant dense<[[1, -3, 5], [1, -3, 5]]> : tensor<2x3xsi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q rounding(half_away) : tensor<2x3x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>>
  return %r : tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>>
}

// -----

// The same per-axis requantize in half_up mode: -1.5 -> -1 (ties up).
// CHECK-LABEL: func.func @requantize_fold_per_tensor_to_per_axis_half_up
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}2, -6, 10], [-4, -6, -2]]> : tensor<2x3xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_per_tensor_to_per_axis_half_up() -> tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>> {
  %q = qnn.constant dense<[[1, -3, 5], [1, -3, 5]]> : tensor<2x3xsi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q rounding(half_up) : tensor<2x3x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>>
  return %r : tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 1.0:-5}>>
}

// -----

// Per axis 1 to per axis 1, half_away: channel 0 has M = 0.5 (z_in 128),
// channel 1 M = 2 (z_in 100); 155 * 2 saturates to 127.
// CHECK-LABEL: func.func @requantize_fold_per_axis_to_per_axis
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[}}1, 2], [2, -2], [-64, 127]]> : tensor<3x2xsi8>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_per_axis_to_per_axis() -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>> {
  %q = qnn.constant dense<[[129, 101], [131, 99], [0, 255]]> : tensor<3x2xui8> -> tensor<3x2x!quant.uniform<u8:f32:1, {0.5:128, 0.25:100}>>
  %r = qnn.requantize %q rounding(half_away) : tensor<3x2x!quant.uniform<u8:f32:1, {0.5:128, 0.25:100}>> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>>
  return %r : tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>>
}

// -----

// A scalar requantize folds to a scalar constant: a = 3, M = 0.5 -> 2 (ties
// away), + 1.
// CHECK-LABEL: func.func @requantize_fold_scalar
// CHECK-NOT: qnn.requantize
// CHECK: %[[C:.*]] = qnn.constant 3 : ui8 -> !quant.uniform<u8:f32, 1.000000e+00:1>
// CHECK-NEXT: return %[[C]]
func.func @requantize_fold_scalar() -> !quant.uniform<u8:f32, 1.0:1> {
  %q = qnn.constant 3 : si16 -> !quant.uniform<i16:f32, 0.5>
  %r = qnn.requantize %q rounding(half_away) : !quant.uniform<i16:f32, 0.5> -> !quant.uniform<u8:f32, 1.0:1>
  return %r : !quant.uniform<u8:f32, 1.0:1>
}

// -----

//===----------------------------------------------------------------------===//
// Identities
//===----------------------------------------------------------------------===//

// quantize(dequantize(q)) to the same u8 type is q: no qnn op remains.
// CHECK-LABEL: func.func @quantize_dequantize_fold
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK-NOT: qnn.
// CHECK: return %[[Q]]
func.func @quantize_dequantize_fold(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  %r = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// The same in the ONNX flavour, on a dynamic per-axis type.
// CHECK-LABEL: func.func @quantize_dequantize_fold_onnx_per_axis
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x!quant.uniform<i8:f32:1, {1.000000e-01:-7,3.000000e-01:12}>>)
// CHECK-NOT: qnn.
// CHECK: return %[[Q]]
func.func @quantize_dequantize_fold_onnx_per_axis(%q: tensor<?x2x!quant.uniform<i8:f32:1, {0.1:-7, 0.3:12}>>) -> tensor<?x2x!quant.uniform<i8:f32:1, {0.1:-7, 0.3:12}>> {
  %x = qnn.dequantize %q : tensor<?x2x!quant.uniform<i8:f32:1, {0.1:-7, 0.3:12}>> -> tensor<?x2xf32>
  %r = qnn.quantize %x flavour(onnx) : tensor<?x2xf32> -> tensor<?x2x!quant.uniform<i8:f32:1, {0.1:-7, 0.3:12}>>
  return %r : tensor<?x2x!quant.uniform<i8:f32:1, {0.1:-7, 0.3:12}>>
}

// -----

// Different scales: quantize(dequantize(q)) is a requantization, not q.
// CHECK-LABEL: func.func @negative_quantize_dequantize_different_type
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]]
// CHECK: %[[R:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 2.000000e-01:10>>
// CHECK: return %[[R]]
func.func @negative_quantize_dequantize_different_type(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3x!quant.uniform<u8:f32, 0.2:10>> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  %r = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.2:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 0.2:10>>
}

// -----

// With s = 3e38, (q - z) * s overflows to +inf for |q - z| >= 2, which
// quantizes to 255: not the identity, so not folded.
// CHECK-LABEL: func.func @negative_quantize_dequantize_huge_scale
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 3.000000e+38:10>>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]]
// CHECK: %[[R:.*]] = qnn.quantize %[[X]]
// CHECK: return %[[R]]
func.func @negative_quantize_dequantize_huge_scale(%q: tensor<3x!quant.uniform<u8:f32, 3.0e+38:10>>) -> tensor<3x!quant.uniform<u8:f32, 3.0e+38:10>> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 3.0e+38:10>> -> tensor<3xf32>
  %r = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 3.0e+38:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 3.0e+38:10>>
}

// -----

// i32 storage is not exact through f32 (16777217 -> 16777216): not folded.
// CHECK-LABEL: func.func @negative_quantize_dequantize_i32
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<i32:f32, 1.000000e+00>>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]]
// CHECK: %[[R:.*]] = qnn.quantize %[[X]]
// CHECK: return %[[R]]
func.func @negative_quantize_dequantize_i32(%q: tensor<3x!quant.uniform<i32:f32, 1.0>>) -> tensor<3x!quant.uniform<i32:f32, 1.0>> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<i32:f32, 1.0>> -> tensor<3xf32>
  %r = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<i32:f32, 1.0>>
  return %r : tensor<3x!quant.uniform<i32:f32, 1.0>>
}

// -----

// dequantize(quantize(x)) rounds and saturates: both ops remain.
// CHECK-LABEL: func.func @negative_dequantize_quantize
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK: %[[Y:.*]] = qnn.dequantize %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xf32>
// CHECK: return %[[Y]]
func.func @negative_dequantize_quantize(%x: tensor<3xf32>) -> tensor<3xf32> {
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  %y = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// A requantize to the identical type is its input (float mode).
// CHECK-LABEL: func.func @requantize_identity_float
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK-NOT: qnn.
// CHECK: return %[[Q]]
func.func @requantize_identity_float(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<i8:f32, 0.5:-3>> {
  %r = qnn.requantize %q : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<i8:f32, 0.5:-3>>
  return %r : tensor<8x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

// A requantize to the identical per-axis u16 type is its input (integer mode).
// CHECK-LABEL: func.func @requantize_identity_per_axis_double_round
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x!quant.uniform<u16:f32:1, {1.000000e-03:100,3.000000e-01:65535}>>)
// CHECK-NOT: qnn.
// CHECK: return %[[Q]]
func.func @requantize_identity_per_axis_double_round(%q: tensor<?x2x!quant.uniform<u16:f32:1, {0.001:100, 0.3:65535}>>) -> tensor<?x2x!quant.uniform<u16:f32:1, {0.001:100, 0.3:65535}>> {
  %r = qnn.requantize %q rounding(double_round) : tensor<?x2x!quant.uniform<u16:f32:1, {0.001:100, 0.3:65535}>> -> tensor<?x2x!quant.uniform<u16:f32:1, {0.001:100, 0.3:65535}>>
  return %r : tensor<?x2x!quant.uniform<u16:f32:1, {0.001:100, 0.3:65535}>>
}

// -----

// In float mode an i32 requantize to the same type rounds through f32, so it
// is not the identity and stays.
// CHECK-LABEL: func.func @negative_requantize_identity_i32_float
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<i32:f32, 1.000000e+00>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]]
// CHECK: return %[[R]]
func.func @negative_requantize_identity_i32_float(%q: tensor<3x!quant.uniform<i32:f32, 1.0>>) -> tensor<3x!quant.uniform<i32:f32, 1.0>> {
  %r = qnn.requantize %q : tensor<3x!quant.uniform<i32:f32, 1.0>> -> tensor<3x!quant.uniform<i32:f32, 1.0>>
  return %r : tensor<3x!quant.uniform<i32:f32, 1.0>>
}

// -----

// storage_cast(storage_cast(q)) back to the quantized type is q.
// CHECK-LABEL: func.func @storage_cast_round_trip_quantized
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK-NOT: qnn.
// CHECK: return %[[Q]]
func.func @storage_cast_round_trip_quantized(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi8>
  %r = qnn.storage_cast %i : tensor<3xi8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// storage_cast(storage_cast(i)) back to the integer type is i.
// CHECK-LABEL: func.func @storage_cast_round_trip_integer
// CHECK-SAME: (%[[I:.*]]: tensor<?xi4>)
// CHECK-NOT: qnn.
// CHECK: return %[[I]]
func.func @storage_cast_round_trip_integer(%i: tensor<?xi4>) -> tensor<?xi4> {
  %q = qnn.storage_cast %i : tensor<?xi4> -> tensor<?x!quant.uniform<u4:f32, 0.5:8>>
  %j = qnn.storage_cast %q : tensor<?x!quant.uniform<u4:f32, 0.5:8>> -> tensor<?xi4>
  return %j : tensor<?xi4>
}

// -----

// A storage cast of a constant reinterprets the bits: ui8 255 is i8 -1.
// CHECK-LABEL: func.func @storage_cast_fold_constant_to_integer
// CHECK-NOT: qnn.
// CHECK: %[[C:.*]] = arith.constant dense<[-1, 20, 30]> : tensor<3xi8>
// CHECK-NEXT: return %[[C]]
func.func @storage_cast_fold_constant_to_integer() -> tensor<3xi8> {
  %q = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi8>
  return %i : tensor<3xi8>
}

// -----

// And back: i8 -1 is the u8 storage value 255.
// CHECK-LABEL: func.func @storage_cast_fold_constant_to_quantized
// CHECK-NOT: qnn.storage_cast
// CHECK: %[[C:.*]] = qnn.constant dense<[255, 20]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK-NEXT: return %[[C]]
func.func @storage_cast_fold_constant_to_quantized() -> tensor<2x!quant.uniform<u8:f32, 0.1:10>> {
  %i = arith.constant dense<[-1, 20]> : tensor<2xi8>
  %q = qnn.storage_cast %i : tensor<2xi8> -> tensor<2x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<2x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// -128 is outside i8<-127:127>: there is no qnn.constant for it, the cast stays.
// CHECK-LABEL: func.func @negative_storage_cast_constant_outside_narrow_range
// CHECK: %[[I:.*]] = arith.constant dense<[-128, 0]> : tensor<2xi8>
// CHECK: %[[Q:.*]] = qnn.storage_cast %[[I]] : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
// CHECK-NEXT: return %[[Q]]
func.func @negative_storage_cast_constant_outside_narrow_range() -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>> {
  %i = arith.constant dense<[-128, 0]> : tensor<2xi8>
  %q = qnn.storage_cast %i : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
}

// -----

// Folds of other dialects must not read a qnn.constant's storage integers
// as elements of the quantized type: the reshape stays, nothing crashes.
// CHECK-LABEL: func.func @negative_reshape_of_constant
// CHECK: %[[C:.*]] = qnn.constant dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8>
// CHECK: tensor.collapse_shape %[[C]]
!q6 = !quant.uniform<u8:f32, 0.1:10>
func.func @negative_reshape_of_constant() -> tensor<6x!q6> {
  %c = qnn.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8> -> tensor<2x3x!q6>
  %r = tensor.collapse_shape %c [[0, 1]] : tensor<2x3x!q6> into tensor<6x!q6>
  return %r : tensor<6x!q6>
}

// -----

// A narrow range leaves storage values (-128 here) that storage_cast can
// bring in and that quantize(dequantize(q)) clamps: the identity does not
// hold for every input, so neither identity fold applies.
// CHECK-LABEL: func.func @negative_narrow_range_identity
// CHECK: qnn.dequantize
// CHECK: qnn.quantize
// CHECK: qnn.requantize
!n = !quant.uniform<i8<-127:127>:f32, 0.5>
func.func @negative_narrow_range_identity(%q: tensor<3x!n>) -> (tensor<3x!n>, tensor<3x!n>) {
  %d = qnn.dequantize %q : tensor<3x!n> -> tensor<3xf32>
  %r = qnn.quantize %d : tensor<3xf32> -> tensor<3x!n>
  %s = qnn.requantize %q rounding(half_up) : tensor<3x!n> -> tensor<3x!n>
  return %r, %s : tensor<3x!n>, tensor<3x!n>
}

// -----

// A per-axis result of a splat input is not a splat; beyond 2^20 elements
// (or an element count that overflows int64) it is not expanded at compile
// time and stays an op computed at run time.
// CHECK-LABEL: func.func @negative_huge_per_axis_splat
// CHECK: qnn.quantize
// CHECK: qnn.dequantize
!pa = !quant.uniform<i8:f32:0, {0.5, 0.25}>
func.func @negative_huge_per_axis_splat() -> (tensor<2x1099511627776x!pa>, tensor<2x4611686018427387904xf32>) {
  %c = arith.constant dense<1.0> : tensor<2x1099511627776xf32>
  %q = qnn.quantize %c : tensor<2x1099511627776xf32> -> tensor<2x1099511627776x!pa>
  %i = arith.constant dense<1> : tensor<2x4611686018427387904xi8>
  %s = qnn.storage_cast %i : tensor<2x4611686018427387904xi8> -> tensor<2x4611686018427387904x!pa>
  %d = qnn.dequantize %s : tensor<2x4611686018427387904x!pa> -> tensor<2x4611686018427387904xf32>
  return %q, %d : tensor<2x1099511627776x!pa>, tensor<2x4611686018427387904xf32>
}

// -----

// qnn.clamp of a constant folds to the clamped storage values: ReLU6 on
// u8 scale 0.05, zero point 10 keeps [10, 130] (0.0 and 6.0 quantized).
// CHECK-LABEL: func.func @clamp_constant
// CHECK: qnn.constant dense<[10, 10, 50, 130, 130]> : tensor<5xui8>
func.func @clamp_constant() -> tensor<5x!quant.uniform<u8:f32, 0.05:10>> {
  %c = qnn.constant dense<[0, 10, 50, 131, 255]> : tensor<5xui8> -> tensor<5x!quant.uniform<u8:f32, 0.05:10>>
  %r = qnn.clamp %c min(0.0) max(6.0) : tensor<5x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<5x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

// Bounds beyond the storage range clamp nothing: the op folds away. With
// scale 0.05 and zero point 10, -1.0 and 20.0 quantize to 0 and 255.
// CHECK-LABEL: func.func @clamp_identity
// CHECK-SAME: (%[[X:.*]]: tensor<?x{{.*}}>)
// CHECK-NEXT: return %[[X]]
// CHECK-LABEL: func.func @negative_clamp_relu
// CHECK: qnn.clamp
func.func @clamp_identity(%x: tensor<?x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<?x!quant.uniform<u8:f32, 0.05:10>> {
  %r = qnn.clamp %x min(-1.0) max(20.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
}
func.func @negative_clamp_relu(%x: tensor<?x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<?x!quant.uniform<u8:f32, 0.05:10>> {
  %r = qnn.clamp %x min(0.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

// A size check that holds for any sizes (a size against itself) or for its
// constants disappears; a failing one stays, to stop the call at run time.
// CHECK-LABEL: func.func @check_size_folds
// CHECK-NEXT: %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT: qnn.check_size %[[C2]] eq %[[C3]], "fails"
// CHECK-NEXT: qnn.check_size %[[C2]] ge %[[C3]], "fails too"
// CHECK-NEXT: qnn.check_size %arg0 eq %[[C3]], "unknown"
// CHECK-NEXT: return
func.func @check_size_folds(%n: index) {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  qnn.check_size %n eq %n, "same size"
  qnn.check_size %n ge %n, "same size"
  qnn.check_size %c3 eq %c3, "equal constants"
  qnn.check_size %c3 ge %c2, "larger constant"
  qnn.check_size %c2 eq %c3, "fails"
  qnn.check_size %c2 ge %c3, "fails too"
  qnn.check_size %n eq %c3, "unknown"
  return
}
