// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Every user-facing diagnostic of the qnn verifiers (QNNOps.cpp) and of the
// quantized-type checks they share (QNNParams.cpp), one case per message.
// Some invalid types never reach them: the upstream quant type parser
// rejects zero, negative and infinite scales, empty storage ranges and
// storage wider than 32 bits first. Those cases pin that the input is still
// rejected, with a located error.

//===----------------------------------------------------------------------===//
// Element types that must be quantized
//===----------------------------------------------------------------------===//

// The result of quantize must have a !quant.uniform element type.
func.func @negative_quantize_result_not_quantized(%x: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: expected a !quant.uniform element type, got 'i8'}}
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3xi8>
  return
}

// -----

// The operand of dequantize must have a !quant.uniform element type.
func.func @negative_dequantize_operand_not_quantized(%i: tensor<3xi8>) {
  // expected-error @+1 {{'qnn.dequantize' op operand type: expected a !quant.uniform element type, got 'i8'}}
  %x = qnn.dequantize %i : tensor<3xi8> -> tensor<3xf32>
  return
}

// -----

// Both sides of requantize are quantized; the result is checked too.
func.func @negative_requantize_result_not_quantized(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.requantize' op result type: expected a !quant.uniform element type, got 'i8'}}
  %r = qnn.requantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi8>
  return
}

// -----

// A qnn.constant is quantized; plain integer constants are arith.constant.
func.func @negative_constant_result_not_quantized() {
  // expected-error @+1 {{'qnn.constant' op result type: expected a !quant.uniform element type, got 'i8'}}
  %c = qnn.constant 3 : i8 -> i8
  return
}

// -----

//===----------------------------------------------------------------------===//
// Float sides
//===----------------------------------------------------------------------===//

// quantize takes f32, f16 or bf16 values, not integers.
func.func @negative_quantize_operand_integer(%x: tensor<3xi32>) {
  // expected-error @+1 {{'qnn.quantize' op operand type: expected f32, f16 or bf16 elements, got 'i32'}}
  %q = qnn.quantize %x : tensor<3xi32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// f64 inputs are not narrowed implicitly.
func.func @negative_quantize_operand_f64(%x: f64) {
  // expected-error @+1 {{'qnn.quantize' op operand type: expected f32, f16 or bf16 elements, got 'f64'}}
  %q = qnn.quantize %x : f64 -> !quant.uniform<u8:f32, 0.1:10>
  return
}

// -----

// dequantize produces the expressed type, f32, and nothing narrower.
func.func @negative_dequantize_result_f16(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.dequantize' op result type: expected f32 elements (the expressed type), got 'f16'}}
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

// Operand and result shapes must agree (static 3 vs 4).
func.func @negative_quantize_shape_mismatch(%x: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op requires the same shape for all operands and results}}
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// A scalar does not quantize into a one-element tensor.
func.func @negative_quantize_shape_scalar_vs_tensor(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op requires the same shape for all operands and results}}
  %q = qnn.quantize %x : f32 -> tensor<1x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// Unranked tensors have no verifiable per-axis layout and are rejected.
func.func @negative_quantize_unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: expected a scalar or a ranked tensor, got 'tensor<*x!quant.uniform<u8:f32, 1.000000e-01:10>>'}}
  %q = qnn.quantize %x : tensor<*xf32> -> tensor<*x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Per-axis types
//===----------------------------------------------------------------------===//

// The quantization axis must be a dimension of the tensor.
func.func @negative_per_axis_axis_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: quantization axis 2 is out of range for a tensor of rank 2}}
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>>
  return
}

// -----

// One scale per element of the quantized dimension.
func.func @negative_per_axis_wrong_scale_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: expected 3 scales for axis 1 of size 3, got 2}}
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

// A scalar has no axis to quantize along.
func.func @negative_per_axis_scalar(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: per-axis quantized type '!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01}>' needs a tensor, not a scalar}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<i8:f32:0, {0.5, 0.25}>
  return
}

// -----

// A rank-0 tensor has no axis either (reported with the scalar message).
func.func @negative_per_axis_rank0_tensor(%x: tensor<f32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: per-axis quantized type '!quant.uniform<u8:f32:0, {5.000000e-01:1}>' needs a tensor, not a scalar}}
  %q = qnn.quantize %x : tensor<f32> -> tensor<!quant.uniform<u8:f32:0, {0.5:1}>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Zero points
//===----------------------------------------------------------------------===//

// The zero point of a u8 type is a u8 value.
func.func @negative_zero_point_u8_300(%x: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: zero point 300 is outside the storage range [0, 255]}}
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:300>>
  return
}

// -----

// A narrow range bounds the zero point too: -128 is not in i8<-127:127>.
func.func @negative_zero_point_narrow_range(%x: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: zero point -128 is outside the storage range [-127, 127]}}
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<i8<-127:127>:f32, 0.1:-128>>
  return
}

// -----

// 4-bit storage: 8 is out of [-8, 7].
func.func @negative_zero_point_i4(%x: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: zero point 8 is outside the storage range [-8, 7]}}
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<i4:f32, 0.1:8>>
  return
}

// -----

// Every channel of a per-axis type is checked, not only the first.
func.func @negative_zero_point_per_axis_channel(%x: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: zero point -1 is outside the storage range [0, 255]}}
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32:0, {0.5:1, 0.25:-1}>>
  return
}

// -----

// The operand of requantize is validated and named as the operand.
func.func @negative_zero_point_requantize_operand(%q: tensor<2x!quant.uniform<u8:f32, 0.1:300>>) {
  // expected-error @+1 {{'qnn.requantize' op operand type: zero point 300 is outside the storage range [0, 255]}}
  %r = qnn.requantize %q : tensor<2x!quant.uniform<u8:f32, 0.1:300>> -> tensor<2x!quant.uniform<u8:f32, 0.1:3>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Scales
//===----------------------------------------------------------------------===//

// A zero scale is rejected by the upstream type parser.
func.func @negative_scale_zero(%x: f32) {
  // expected-error @+1 {{scale 0.000000e+00 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0.0:10>
  return
}

// -----

// A negative scale is rejected by the upstream type parser.
func.func @negative_scale_negative(%x: f32) {
  // expected-error @+1 {{scale -5.000000e-01 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, -0.5:10>
  return
}

// -----

// An infinite scale (the double bit pattern of +inf) is rejected by the
// upstream type parser.
func.func @negative_scale_infinite(%x: f32) {
  // expected-error @+1 {{scale INF out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0x7FF0000000000000:10>
  return
}

// -----

// A scale beyond the float32 range is rejected by the upstream type parser.
func.func @negative_scale_too_large(%x: f32) {
  // expected-error @+1 {{scale 1.000000e+39 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 1.0e+39:10>
  return
}

// -----

// A NaN scale (the double bit pattern of a quiet NaN) passes the upstream
// parser; the qnn check rejects it.
func.func @negative_scale_nan(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: scale must be positive and finite, got nan}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0x7FF8000000000000:10>
  return
}

// -----

// A negative NaN in one channel of a per-axis type.
func.func @negative_scale_nan_per_axis(%x: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: scale must be positive and finite, got nan}}
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32:0, {0.5, 0xFFF8000000000000}>>
  return
}

// -----

// A hex scale is a double bit pattern: the float32 NaN pattern 0x7FC00000 is
// a tiny positive double, which the upstream parser rejects.
func.func @negative_scale_f32_nan_pattern(%x: f32) {
  // expected-error @+1 {{scale 1.058926e-314 out of expressed type range}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0x7FC00000:10>
  return
}

// -----

// A scale that is a float32 subnormal has no accurate float32 reciprocal.
func.func @negative_scale_subnormal(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: scale 1.000000e-40 is not a normal float32 number}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 1.0e-40:10>
  return
}

// -----

// Just below the smallest normal float32 (1.17549435e-38) is subnormal.
func.func @negative_scale_subnormal_boundary(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: scale 1.175494e-38 is not a normal float32 number}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 1.1754942e-38:10>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Expressed and storage types
//===----------------------------------------------------------------------===//

// The expressed type is f32; f16 values are widened by quantize instead.
func.func @negative_expressed_f16(%x: tensor<3xf16>) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported expressed type 'f16': the expressed type must be f32 (f16 and bf16 inputs are widened to f32 by qnn.quantize)}}
  %q = qnn.quantize %x : tensor<3xf16> -> tensor<3x!quant.uniform<u8:f16, 0.1:10>>
  return
}

// -----

// 2-bit storage is not supported.
func.func @negative_storage_i2(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported storage type 'i2' of '!quant.uniform<i2:f32, 1.000000e-01>': storage must be 4, 8, 16 or 32 bits wide}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<i2:f32, 0.1>
  return
}

// -----

// 24-bit storage is accepted by the parser but not supported.
func.func @negative_storage_i24(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported storage type 'i24' of '!quant.uniform<i24:f32, 1.000000e-01>': storage must be 4, 8, 16 or 32 bits wide}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<i24:f32, 0.1>
  return
}

// -----

// 64-bit storage is rejected by the upstream type parser.
func.func @negative_storage_i64(%x: f32) {
  // expected-error @+1 {{illegal storage type size: 64}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<i64:f32, 0.1>
  return
}

// -----

// An empty storage range is rejected by the upstream type parser.
func.func @negative_storage_empty_range(%x: f32) {
  // expected-error @+1 {{illegal storage min and storage max: (3:3)}}
  %q = qnn.quantize %x : f32 -> !quant.uniform<i8<3:3>:f32, 0.1:3>
  return
}

// -----

// !quant.any carries no scale.
func.func @negative_quant_any(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported quantized type '!quant.any<i8:f32>': only per-tensor and per-axis !quant.uniform types are supported}}
  %q = qnn.quantize %x : f32 -> !quant.any<i8:f32>
  return
}

// -----

// !quant.calibrated carries a range, not a scale.
func.func @negative_quant_calibrated(%x: f32) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported quantized type '!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>': only per-tensor and per-axis !quant.uniform types are supported}}
  %q = qnn.quantize %x : f32 -> !quant.calibrated<f32<-1.0:1.0>>
  return
}

// -----

// Sub-channel (blockwise) !quant.uniform types are not supported.
func.func @negative_quant_sub_channel(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result type: unsupported quantized type}}
  %q = qnn.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:{0:1, 1:2}, {{2.0:10, 3.0:20}, {4.0:30, 5.0:40}}>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Custom syntax
//===----------------------------------------------------------------------===//

// Only pytorch and onnx are flavours.
func.func @negative_flavour_unknown(%x: f32) {
  // expected-error @+1 {{custom op 'qnn.quantize' unknown flavour 'tflite'}}
  %q = qnn.quantize %x flavour(tflite) : f32 -> !quant.uniform<u8:f32, 0.1:10>
  return
}

// -----

// Only float, double_round, half_up and half_away are rounding modes.
func.func @negative_rounding_unknown(%q: !quant.uniform<i8:f32, 1.0>) {
  // expected-error @+1 {{custom op 'qnn.requantize' unknown rounding 'toward_zero'}}
  %r = qnn.requantize %q rounding(toward_zero) : !quant.uniform<i8:f32, 1.0> -> !quant.uniform<i8:f32, 0.5>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Requantize
//===----------------------------------------------------------------------===//

// Channel c of the operand maps to channel c of the result: same axis.
func.func @negative_requantize_per_axis_different_axes(%q: tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{'qnn.requantize' op operand and result are quantized per axis along different axes or with different channel counts (0 with 2 vs 1 with 2)}}
  %r = qnn.requantize %q : tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

// With a dynamic axis only the per-axis comparison sees the count mismatch.
func.func @negative_requantize_per_axis_different_channel_counts(%q: tensor<?x?x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{'qnn.requantize' op operand and result are quantized per axis along different axes or with different channel counts (0 with 2 vs 0 with 3)}}
  %r = qnn.requantize %q : tensor<?x?x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<?x?x!quant.uniform<i8:f32:0, {0.5, 0.25, 1.0}>>
  return
}

// -----

// Integer modes need a = q - z in int32: i32 input with a nonzero zero point.
func.func @negative_requantize_i32_zero_point(%q: tensor<4x!quant.uniform<i32:f32, 0.5:1>>) {
  // expected-error @+1 {{'qnn.requantize' op rounding mode 'half_up' needs q - z to fit in 32 bits: 32-bit input storage must be signed with zero point 0}}
  %r = qnn.requantize %q rounding(half_up) : tensor<4x!quant.uniform<i32:f32, 0.5:1>> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// A nonzero zero point in any channel of a per-axis i32 input.
func.func @negative_requantize_i32_zero_point_per_axis(%q: tensor<2x!quant.uniform<i32:f32:0, {1.0, 1.0:5}>>) {
  // expected-error @+1 {{'qnn.requantize' op rounding mode 'half_away' needs q - z to fit in 32 bits}}
  %r = qnn.requantize %q rounding(half_away) : tensor<2x!quant.uniform<i32:f32:0, {1.0, 1.0:5}>> -> tensor<2x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// Integer modes need a = q - z in int32: u32 input, even with zero point 0.
func.func @negative_requantize_u32(%q: tensor<4x!quant.uniform<u32:f32, 0.5>>) {
  // expected-error @+1 {{'qnn.requantize' op rounding mode 'double_round' needs q - z to fit in 32 bits: 32-bit input storage must be signed with zero point 0}}
  %r = qnn.requantize %q rounding(double_round) : tensor<4x!quant.uniform<u32:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// M = 1.0 / 1e-10 = 1e10 is not below 2^30.
func.func @negative_requantize_multiplier_too_large(%q: tensor<4x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'qnn.requantize' op multiplier s_in / s_out = 1.000000e+10 is too large for rounding mode 'half_away' (it must be below 2^30)}}
  %r = qnn.requantize %q rounding(half_away) : tensor<4x!quant.uniform<i8:f32, 1.0>> -> tensor<4x!quant.uniform<i8:f32, 1.0e-10>>
  return
}

// -----

// M = 2^30 exactly is already too large.
func.func @negative_requantize_multiplier_exactly_2_pow_30(%q: tensor<4x!quant.uniform<i8:f32, 1073741824.0>>) {
  // expected-error @+1 {{'qnn.requantize' op multiplier s_in / s_out = 1.073742e+09 is too large for rounding mode 'double_round' (it must be below 2^30)}}
  %r = qnn.requantize %q rounding(double_round) : tensor<4x!quant.uniform<i8:f32, 1073741824.0>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// The multiplier is checked for every channel of a per-axis result.
func.func @negative_requantize_multiplier_per_channel(%q: tensor<2x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'qnn.requantize' op multiplier s_in / s_out = 1.000000e+12 is too large for rounding mode 'half_up' (it must be below 2^30)}}
  %r = qnn.requantize %q rounding(half_up) : tensor<2x!quant.uniform<i8:f32, 1.0>> -> tensor<2x!quant.uniform<i8:f32:0, {1.0, 1.0e-12}>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Storage cast
//===----------------------------------------------------------------------===//

// Two quantized sides: that is a requantize, not a storage cast.
func.func @negative_storage_cast_two_quantized(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.storage_cast' op expected one quantized and one integer side, got 'tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>' and 'tensor<3x!quant.uniform<u8:f32, 2.000000e-01:10>>'}}
  %r = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3x!quant.uniform<u8:f32, 0.2:10>>
  return
}

// -----

// Two integer sides.
func.func @negative_storage_cast_two_integers(%i: tensor<3xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op expected one quantized and one integer side, got 'tensor<3xi8>' and 'tensor<3xi8>'}}
  %j = qnn.storage_cast %i : tensor<3xi8> -> tensor<3xi8>
  return
}

// -----

// The integer side has the storage width: i16 is not the storage of u8.
func.func @negative_storage_cast_wrong_width(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.storage_cast' op integer side must be the storage type 'i8' (or 'ui8'), got 'i16'}}
  %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi16>
  return
}

// -----

// The integer side is signless or has the storage's signedness: si8 is not
// the storage of u8 (ui8 is), ui8 not that of i8.
func.func @negative_storage_cast_signed_integer(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.storage_cast' op integer side must be the storage type 'i8' (or 'ui8'), got 'si8'}}
  %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xsi8>
  return
}

// -----

func.func @negative_storage_cast_unsigned_integer(%i: tensor<3xui8>) {
  // expected-error @+1 {{'qnn.storage_cast' op integer side must be the storage type 'i8' (or 'si8'), got 'ui8'}}
  %q = qnn.storage_cast %i : tensor<3xui8> -> tensor<3x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

// 4-bit storage casts to i4, not to the i8 container it is held in.
func.func @negative_storage_cast_i4_container(%i: tensor<3xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op integer side must be the storage type 'i4' (or 'si4'), got 'i8'}}
  %q = qnn.storage_cast %i : tensor<3xi8> -> tensor<3x!quant.uniform<i4:f32, 0.1>>
  return
}

// -----

// A float side is not an integer side: that is a dequantize.
func.func @negative_storage_cast_float_side(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) {
  // expected-error @+1 {{'qnn.storage_cast' op integer side must be the storage type 'i8' (or 'ui8'), got 'f32'}}
  %x = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return
}

// -----

// The quantized side of a storage cast is validated like any other.
func.func @negative_storage_cast_invalid_result(%i: tensor<3xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op result type: zero point 300 is outside the storage range [0, 255]}}
  %q = qnn.storage_cast %i : tensor<3xi8> -> tensor<3x!quant.uniform<u8:f32, 0.1:300>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

// Tensor constant values must lie in a narrow storage range.
func.func @negative_constant_value_out_of_range() {
  // expected-error @+1 {{'qnn.constant' op value -128 is outside the storage range [-127, 127]}}
  %c = qnn.constant dense<[0, -128]> : tensor<2xsi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return
}

// -----

// Scalar constant values must lie in a narrow storage range.
func.func @negative_constant_scalar_out_of_range() {
  // expected-error @+1 {{'qnn.constant' op value 0 is outside the storage range [1, 15]}}
  %c = qnn.constant 0 : ui4 -> !quant.uniform<u4<1:15>:f32, 0.5:1>
  return
}

// -----

// 300 is no ui8 value: the attribute parser rejects it first.
func.func @negative_constant_u8_300() {
  // expected-error @+1 {{integer constant out of range for type}}
  %c = qnn.constant dense<[300]> : tensor<1xui8> -> tensor<1x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// u8 storage is spelled ui8, not signless i8.
func.func @negative_constant_signless_elements() {
  // expected-error @+1 {{'qnn.constant' op value elements must have the storage type 'ui8', got 'i8'}}
  %c = qnn.constant dense<[1, 2, 3]> : tensor<3xi8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// Wider elements are not accepted even when the values would fit.
func.func @negative_constant_wider_elements() {
  // expected-error @+1 {{'qnn.constant' op value elements must have the storage type 'ui8', got 'ui16'}}
  %c = qnn.constant dense<[1, 2, 256]> : tensor<3xui16> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// The value has the shape of the result.
func.func @negative_constant_shape_mismatch() {
  // expected-error @+1 {{'qnn.constant' op value shape does not match the result type 'tensor<4x!quant.uniform<u8:f32, 1.000000e-01:10>>'}}
  %c = qnn.constant dense<[1, 2, 3]> : tensor<3xui8> -> tensor<4x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// A constant has a static shape.
func.func @negative_constant_dynamic_shape() {
  // expected-error @+1 {{'qnn.constant' op value shape does not match the result type 'tensor<?x!quant.uniform<u8:f32, 1.000000e-01:10>>'}}
  %c = qnn.constant dense<[1, 2, 3]> : tensor<3xui8> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// Constants hold storage integers, not the float values they stand for.
func.func @negative_constant_float_value() {
  // expected-error @+1 {{'qnn.constant' op value must be a tensor of dense integer elements, got dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>}}
  %c = qnn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// Sparse values are not dense.
func.func @negative_constant_sparse_value() {
  // expected-error @+1 {{'qnn.constant' op value must be a tensor of dense integer elements, got sparse<0, 1> : tensor<3xui8>}}
  %c = qnn.constant sparse<[[0]], [1]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return
}

// -----

// A scalar constant is an integer of the signed storage type.
func.func @negative_constant_scalar_signless() {
  // expected-error @+1 {{'qnn.constant' op value must be an integer of the storage type 'ui8', got 3 : i8}}
  %c = qnn.constant 3 : i8 -> !quant.uniform<u8:f32, 0.1:10>
  return
}

// -----

// A scalar constant is not a rank-0 tensor.
func.func @negative_constant_scalar_tensor_value() {
  // expected-error @+1 {{'qnn.constant' op value must be an integer of the storage type 'ui8', got dense<3> : tensor<ui8>}}
  %c = qnn.constant dense<3> : tensor<ui8> -> !quant.uniform<u8:f32, 0.1:10>
  return
}

// -----

// A static size on the float side must match the per-axis scale count too.
func.func @negative_per_axis_static_other_side(%q: tensor<?x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) -> tensor<3xf32> {
  // expected-error @+1 {{'qnn.dequantize' op quantization axis 0 has 2 scales but dimension 0 of 'tensor<3xf32>' has size 3}}
  %x = qnn.dequantize %q : tensor<?x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

func.func @negative_encoding(%x: tensor<3xf32, "enc">) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>, "enc"> {
  // expected-error @+1 {{'qnn.quantize' op result type: quantized tensors with an encoding are not supported}}
  %q = qnn.quantize %x : tensor<3xf32, "enc"> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>, "enc">
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>, "enc">
}

// -----

func.func @negative_encoding_float_side(%x: tensor<3xf32, "enc">) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'qnn.quantize' op tensors with an encoding are not supported, got 'tensor<3xf32, "enc">'}}
  %q = qnn.quantize %x : tensor<3xf32, "enc"> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

func.func @negative_constant_vector_value() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'qnn.constant' op value must be a tensor of dense integer elements, got dense<[1, 2, 3]> : vector<3xui8>}}
  %c = qnn.constant dense<[1, 2, 3]> : vector<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %c : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_rank(%a: tensor<4x!a>, %w: tensor<4x2x!w>) -> tensor<2x!o> {
  // expected-error @+1 {{'qnn.matmul' op expected 2-D operands (MxK, KxN -> MxN) or batched 3-D ones (BxMxK, BxKxN -> BxMxN), got ranks 1, 2 -> 1}}
  %c = qnn.matmul %a, %w : tensor<4x!a>, tensor<4x2x!w> -> tensor<2x!o>
  return %c : tensor<2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_shapes(%a: tensor<4x8x!a>, %w: tensor<7x2x!w>) -> tensor<4x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op incompatible shapes}}
  %c = qnn.matmul %a, %w : tensor<4x8x!a>, tensor<7x2x!w> -> tensor<4x2x!o>
  return %c : tensor<4x2x!o>
}

// -----

!a = !quant.uniform<u8:f32:0, {0.05:128, 0.1:0}>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_per_axis_activations(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op lhs (activations) must be quantized per tensor}}
  %c = qnn.matmul %a, %w : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:0, {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08}>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_weights_axis(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op rhs (weights) may be quantized per output channel only, i.e. along axis 1, got axis 0}}
  %c = qnn.matmul %a, %w : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32:1, {0.2:3, 0.1:3}>
func.func @negative_matmul_per_axis_result(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op result must be quantized per tensor}}
  %c = qnn.matmul %a, %w : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<i32:f32, 0.2>
func.func @negative_matmul_wide_result(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op result storage must be at most 16 bits wide (or an i32 accumulator), got 32}}
  %c = qnn.matmul %a, %w : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_dynamic_k(%a: tensor<2x?x!a>, %w: tensor<?x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op the reduction dimension K must be static, so that the i32 accumulator can be proved not to overflow}}
  %c = qnn.matmul %a, %w : tensor<2x?x!a>, tensor<?x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

// u8 x i8 products reach 255 * 128 = 32640; 65794 of them overflow i32.
!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_overflow(%a: tensor<1x65794x!a>, %w: tensor<65794x1x!w>) -> tensor<1x1x!o> {
  // expected-error @+1 {{'qnn.matmul' op the i32 accumulator could overflow: K = 65794 products of up to 255 x 128}}
  %c = qnn.matmul %a, %w : tensor<1x65794x!a>, tensor<65794x1x!w> -> tensor<1x1x!o>
  return %c : tensor<1x1x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!b = !quant.uniform<i32:f32, 1.0e-3>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_bias_scale(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>, %b: tensor<2x!b>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op bias scale 1.000000e-03 of channel 0 is not s_a * s_w = 5.000000e-04}}
  %c = qnn.matmul %a, %w, %b : tensor<2x8x!a>, tensor<8x2x!w>, tensor<2x!b> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!b = !quant.uniform<i32:f32, 5.0e-4:7>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_bias_zero_point(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>, %b: tensor<2x!b>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op bias zero point must be 0, got 7}}
  %c = qnn.matmul %a, %w, %b : tensor<2x8x!a>, tensor<8x2x!w>, tensor<2x!b> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!b = !quant.uniform<i16:f32, 5.0e-4>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_bias_storage(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>, %b: tensor<2x!b>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op bias storage must be i32}}
  %c = qnn.matmul %a, %w, %b : tensor<2x8x!a>, tensor<8x2x!w>, tensor<2x!b> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!b = !quant.uniform<i32:f32, 5.0e-4>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_bias_shape(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>, %b: tensor<3x!b>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op bias must be a 1-D tensor of one element per output channel, got 'tensor<3x!quant.uniform<i32:f32, 5.000000e-04>>'}}
  %c = qnn.matmul %a, %w, %b : tensor<2x8x!a>, tensor<8x2x!w>, tensor<3x!b> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

// M = 1.0 * 1.0 / 1e-10 = 1e10 is beyond what the integer modes represent.
!a = !quant.uniform<u8:f32, 1.0>
!w = !quant.uniform<i8:f32, 1.0>
!o = !quant.uniform<u8:f32, 1.0e-10>
func.func @negative_matmul_multiplier(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op multiplier s_a * s_w / s_out = 1.000000e+10 is too large for rounding mode 'half_up' (it must be below 2^30)}}
  %c = qnn.matmul %a, %w rounding(half_up) : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

func.func @negative_matmul_not_tensors(%a: !quant.uniform<u8:f32, 1.0>, %w: !quant.uniform<i8:f32, 1.0>) -> !quant.uniform<u8:f32, 1.0> {
  // expected-error @+1 {{'qnn.matmul' op operands and result must be ranked tensors}}
  %c = qnn.matmul %a, %w : !quant.uniform<u8:f32, 1.0>, !quant.uniform<i8:f32, 1.0> -> !quant.uniform<u8:f32, 1.0>
  return %c : !quant.uniform<u8:f32, 1.0>
}

// -----

!a = !quant.uniform<u8:f32, 0.5:128>
!w = !quant.uniform<i8:f32:1, {0.5, 0.25}>
!b = !quant.uniform<i32:f32:0, {0.25, 0.125, 0.25}>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_bias_channels(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>, %b: tensor<?x!b>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op bias has 3 scales but the weights have 2}}
  %c = qnn.matmul %a, %w, %b : tensor<2x8x!a>, tensor<8x2x!w>, tensor<?x!b> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

func.func @negative_clamp_order(%x: tensor<3x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<3x!quant.uniform<u8:f32, 0.05:10>> {
  // expected-error @+1 {{'qnn.clamp' op max 1.000000e+00 is below min 2.000000e+00}}
  %r = qnn.clamp %x min(2.0) max(1.0) : tensor<3x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

func.func @negative_clamp_nan(%x: tensor<3x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<3x!quant.uniform<u8:f32, 0.05:10>> {
  // expected-error @+1 {{'qnn.clamp' op bounds must not be NaN}}
  %r = qnn.clamp %x min(0x7FC00000) : tensor<3x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<3x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

func.func @negative_clamp_not_quantized(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'qnn.clamp' op operand type: expected a !quant.uniform element type, got 'f32'}}
  %r = qnn.clamp %x min(0.0) : tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

!q = !quant.uniform<u8:f32, 0.1:10>
func.func @negative_concat_dim(%a: tensor<2x3x!q>) -> tensor<2x6x!q> {
  // expected-error @+1 {{'qnn.concat' op dim 2 is out of range for rank 2}}
  %c = qnn.concat dim(2) %a, %a : tensor<2x3x!q>, tensor<2x3x!q> -> tensor<2x6x!q>
  return %c : tensor<2x6x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.1:10>
func.func @negative_concat_sizes(%a: tensor<2x3x!q>, %b: tensor<3x3x!q>) -> tensor<2x6x!q> {
  // expected-error @+1 {{'qnn.concat' op input #1 has size 3 in dimension 0 where the result has 2}}
  %c = qnn.concat dim(1) %a, %b : tensor<2x3x!q>, tensor<3x3x!q> -> tensor<2x6x!q>
  return %c : tensor<2x6x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.1:10>
func.func @negative_concat_total(%a: tensor<2x3x!q>) -> tensor<2x7x!q> {
  // expected-error @+1 {{'qnn.concat' op result has size 7 in dimension 1 but the inputs add up to 6}}
  %c = qnn.concat dim(1) %a, %a : tensor<2x3x!q>, tensor<2x3x!q> -> tensor<2x7x!q>
  return %c : tensor<2x7x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.1:10>
func.func @negative_concat_rank(%a: tensor<2x3x!q>, %b: tensor<3x!q>) -> tensor<2x6x!q> {
  // expected-error @+1 {{'qnn.concat' op input #1 must be a ranked tensor of rank 2, got 'tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>'}}
  %c = qnn.concat dim(1) %a, %b : tensor<2x3x!q>, tensor<3x!q> -> tensor<2x6x!q>
  return %c : tensor<2x6x!q>
}

// -----

!p = !quant.uniform<u8:f32:1, {0.1:10, 0.2:4, 0.3:1}>
func.func @negative_concat_per_axis_dim(%a: tensor<2x3x!p>) -> tensor<4x3x!p> {
  // expected-error @+1 {{'qnn.concat' op input #0 is quantized per axis, which needs a result quantized per axis along the same dimension (not the concatenated one)}}
  %c = qnn.concat dim(0) %a, %a : tensor<2x3x!p>, tensor<2x3x!p> -> tensor<4x3x!quant.uniform<u8:f32, 0.1:10>>
  return %c : tensor<4x3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

!q = !quant.uniform<u8:f32:0, {0.1:10, 0.2:4}>
func.func @negative_concat_result_axis(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<2x6x!q> {
  // expected-error @+1 {{'qnn.concat' op the result may not be quantized along the concatenated dimension}}
  %c = qnn.concat dim(0) %a : tensor<2x3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<2x6x!q>
  return %c : tensor<2x6x!q>
}

// -----

func.func @negative_concat_empty() -> tensor<2x6x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'qnn.concat' op needs at least one input}}
  %c = "qnn.concat"() <{dim = 0 : i64}> : () -> tensor<2x6x!quant.uniform<u8:f32, 0.1:10>>
  return %c : tensor<2x6x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_rank(%x: tensor<8x8x4x!q>) -> tensor<4x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op expected NHWC tensors of rank 4}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<8x8x4x!q> -> tensor<4x4x4x!q>
  return %y : tensor<4x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_type(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'qnn.max_pool2d' op result element type must be the operand's, got '!quant.uniform<u8:f32, 1.000000e-01:10>'}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:10>>
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

!q = !quant.uniform<u8:f32:1, {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}>
func.func @negative_max_pool_axis(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op per-axis quantization must be along C (axis 3), got 1}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %y : tensor<1x4x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_padding(%x: tensor<1x8x8x4x!q>) -> tensor<1x5x5x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op padding must be non-negative and smaller than the kernel}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [2, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x5x5x4x!q>
  return %y : tensor<1x5x5x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_output(%x: tensor<1x8x8x4x!q>) -> tensor<1x5x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op expected output size 4 in dimension 1, got 5}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x5x4x4x!q>
  return %y : tensor<1x5x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_attrs(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op expected 2 kernel sizes, 2 strides, 2 dilations and 4 paddings}}
  %y = qnn.max_pool2d %x kernel [2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %y : tensor<1x4x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_stride(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op kernel sizes, strides and dilations must be positive}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [0, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %y : tensor<1x4x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_channels(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x3x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op N and C of the result must be the operand's}}
  %y = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!q> -> tensor<1x4x4x3x!q>
  return %y : tensor<1x4x4x3x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_max_pool_window(%x: tensor<1x2x8x4x!q>) -> tensor<1x1x4x4x!q> {
  // expected-error @+1 {{'qnn.max_pool2d' op window larger than the padded input in dimension 1}}
  %y = qnn.max_pool2d %x kernel [3, 2] strides [1, 2] dilations [2, 1] padding [1, 0, 1, 0] : tensor<1x2x8x4x!q> -> tensor<1x1x4x4x!q>
  return %y : tensor<1x1x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_concat_scalar_result(%x: tensor<3x!q>) -> !q {
  // expected-error @+1 {{'qnn.concat' op result must be a ranked tensor}}
  %c = qnn.concat dim(0) %x : tensor<3x!q> -> !q
  return %c : !q
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_rank(%x: tensor<8x8x4x!a>, %w: tensor<3x3x4x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op expected an NHWC input, an HWCF filter and an NHWC result, all ranked tensors of rank 4}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<8x8x4x!a>, tensor<3x3x4x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32:3, {0.05:128, 0.1:128}>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_input_per_axis(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op input (activations) must be quantized per tensor}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32:3, {0.2:3, 0.1:3}>
func.func @negative_conv_result_per_axis(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op result must be quantized per tensor}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:2, {0.01, 0.02}>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_filter_axis(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op filter may be quantized per output channel only, i.e. along axis 3 (F of HWCF), got axis 2}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<i32:f32, 0.2:3>
func.func @negative_conv_result_width(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op result storage must be at most 16 bits wide (or an i32 accumulator), got 32}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_attr_counts(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op expected 2 strides, 2 dilations and 4 paddings}}
  %y = qnn.conv2d %x, %w strides [1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_stride(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op strides and dilations must be positive}}
  %y = qnn.conv2d %x, %w strides [0, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_padding(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op padding must be non-negative}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, -1, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_dynamic_channels(%x: tensor<1x8x8x?x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op the filter and the input channel count must be static, so that the i32 accumulator can be proved not to overflow}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x?x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_groups(%x: tensor<1x8x8x4x!a>, %w: tensor<3x3x1x6x!w>) -> tensor<1x6x6x6x!o> {
  // expected-error @+1 {{'qnn.conv2d' op groups (3) must be positive and divide the input channels (4) and the filter's output channels (6)}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] groups(3) : tensor<1x8x8x4x!a>, tensor<3x3x1x6x!w> -> tensor<1x6x6x6x!o>
  return %y : tensor<1x6x6x6x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_group_channels(%x: tensor<1x8x8x4x!a>, %w: tensor<3x3x4x4x!w>) -> tensor<1x6x6x4x!o> {
  // expected-error @+1 {{'qnn.conv2d' op filter has 4 input channels per group, expected C / groups = 2}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] groups(2) : tensor<1x8x8x4x!a>, tensor<3x3x4x4x!w> -> tensor<1x6x6x4x!o>
  return %y : tensor<1x6x6x4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_result_channels(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x3x!o> {
  // expected-error @+1 {{'qnn.conv2d' op result must have the input's N and the filter's F (2) channels, got 'tensor<1x6x6x3x!quant.uniform<u8:f32, 2.000000e-01:3>>'}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x3x!o>
  return %y : tensor<1x6x6x3x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_window(%x: tensor<1x2x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x1x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op window larger than the padded input in dimension 1}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x2x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x1x6x2x!o>
  return %y : tensor<1x1x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_output_size(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op expected output size 4 in dimension 2, got 6}}
  %y = qnn.conv2d %x, %w strides [1, 2] dilations [1, 1] padding [0, 1, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u16:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_overflow(%x: tensor<1x8x8x4096x!a>, %w: tensor<3x3x4096x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op the i32 accumulator could overflow: K = 36864 products of up to 65535 x 128}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4096x!a>, tensor<3x3x4096x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
!b = !quant.uniform<i32:f32, 5.0e-4>
func.func @negative_conv_bias_shape(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>, %b: tensor<3x!b>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op bias must be a 1-D tensor of one element per output channel, got 'tensor<3x!quant.uniform<i32:f32, 5.000000e-04>>'}}
  %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w>, tensor<3x!b> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
!b = !quant.uniform<i32:f32, 1.0e-3>
func.func @negative_conv_bias_scale(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>, %b: tensor<2x!b>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op bias scale 1.000000e-03 of channel 0 is not s_a * s_w = 5.000000e-04}}
  %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w>, tensor<2x!b> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 2.0e10>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_multiplier(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x2x!o> {
  // expected-error @+1 {{'qnn.conv2d' op multiplier s_a * s_w / s_out = 5.000000e+09 is too large for rounding mode 'half_up' (it must be below 2^30)}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] rounding(half_up) : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x2x!o>
  return %y : tensor<1x6x6x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_unranked(%a: tensor<*x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op operands and result must be ranked tensors}}
  %y = qnn.add %a, %b : tensor<*x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32:0, {0.05:128, 0.1:128}>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_per_axis(%a: tensor<2x!a>, %b: tensor<2x!a>) -> tensor<2x!o> {
  // expected-error @+1 {{'qnn.add' op lhs must be quantized per tensor}}
  %y = qnn.add %a, %b : tensor<2x!a>, tensor<2x!a> -> tensor<2x!o>
  return %y : tensor<2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<i32:f32, 0.2:3>
func.func @negative_add_wide(%a: tensor<4x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op result storage must be at most 16 bits wide, got 32}}
  %y = qnn.add %a, %b : tensor<4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_rank(%a: tensor<2x4x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op operands may not have a higher rank than the result}}
  %y = qnn.add %a, %b : tensor<2x4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_broadcast(%a: tensor<3x4x!a>, %b: tensor<5x!a>) -> tensor<3x4x!o> {
  // expected-error @+1 {{'qnn.add' op operand shapes of 'tensor<3x4x!quant.uniform<u8:f32, 5.000000e-02:128>>' and 'tensor<5x!quant.uniform<u8:f32, 5.000000e-02:128>>' do not broadcast to the result's 'tensor<3x4x!quant.uniform<u8:f32, 2.000000e-01:3>>'}}
  %y = qnn.add %a, %b : tensor<3x4x!a>, tensor<5x!a> -> tensor<3x4x!o>
  return %y : tensor<3x4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_result_dim(%a: tensor<1x4x!a>, %b: tensor<4x!a>) -> tensor<3x4x!o> {
  // expected-error @+1 {{'qnn.add' op result dimension 0 of size 3 is not any operand's}}
  %y = qnn.add %a, %b : tensor<1x4x!a>, tensor<4x!a> -> tensor<3x4x!o>
  return %y : tensor<3x4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 1.0e10:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_multiplier(%a: tensor<4x!a>, %b: tensor<4x!o>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op multiplier s_a / s_out = 5.000000e+10 is too large for rounding mode 'double_round' (it must be below 2^30)}}
  %y = qnn.add %a, %b rounding(double_round) : tensor<4x!a>, tensor<4x!o> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u16:f32, 0.05:0>
!o = !quant.uniform<u16:f32, 0.2:3>
func.func @negative_mul_overflow(%a: tensor<4x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.mul' op the product (a - z_a)(b - z_b) could overflow i32: up to 65535 x 65535}}
  %y = qnn.mul %a, %b : tensor<4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 1.0e5:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_mul_multiplier(%a: tensor<4x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.mul' op multiplier s_a * s_b / s_out = 5.000000e+10 is too large for rounding mode 'half_up' (it must be below 2^30)}}
  %y = qnn.mul %a, %b rounding(half_up) : tensor<4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_rank(%x: tensor<5x5x3x!a>) -> tensor<3x3x3x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op expected NHWC tensors of rank 4}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<5x5x3x!a> -> tensor<3x3x3x!a>
  return %y : tensor<3x3x3x!a>
}

// -----

!a = !quant.uniform<u8:f32:3, {0.05:10, 0.1:10}>
func.func @negative_avg_pool_per_axis(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op operand and result must be quantized per tensor}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!a>
  return %y : tensor<1x3x3x2x!a>
}

// -----

!a = !quant.uniform<i32:f32, 0.05:10>
func.func @negative_avg_pool_wide(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op operand and result storage must be at most 16 bits wide}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!a>
  return %y : tensor<1x3x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_attrs(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op expected 2 kernel sizes, 2 strides and 4 paddings}}
  %y = qnn.avg_pool2d %x kernel [3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!a>
  return %y : tensor<1x3x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_stride(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op kernel sizes and strides must be positive}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [0, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!a>
  return %y : tensor<1x3x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_padding(%x: tensor<1x5x5x2x!a>) -> tensor<1x5x5x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op padding must be non-negative and smaller than the kernel}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [3, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x5x5x2x!a>
  return %y : tensor<1x5x5x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_divisor(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op divisor must be positive, got 0}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] divisor(0) : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!a>
  return %y : tensor<1x3x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_channels(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x4x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op N and C of the result must be the operand's}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x3x3x4x!a>
  return %y : tensor<1x3x3x4x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_dynamic_border(%x: tensor<1x?x5x2x!a>) -> tensor<1x?x5x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op count_include_pad(false) with padding needs static H and W: the border windows' divisors are compile-time constants}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [1, 1, 1, 1] count_include_pad(false) : tensor<1x?x5x2x!a> -> tensor<1x?x5x2x!a>
  return %y : tensor<1x?x5x2x!a>
}

// -----

!a = !quant.uniform<u16:f32, 0.05:0>
func.func @negative_avg_pool_overflow(%x: tensor<1x300x300x2x!a>) -> tensor<1x1x1x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op the i32 window sum could overflow: 90000 values of up to 65535}}
  %y = qnn.avg_pool2d %x kernel [300, 300] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x300x300x2x!a> -> tensor<1x1x1x2x!a>
  return %y : tensor<1x1x1x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 1.0e10:10>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_avg_pool_multiplier(%x: tensor<1x5x5x2x!a>) -> tensor<1x3x3x2x!o> {
  // expected-error @+1 {{'qnn.avg_pool2d' op multiplier s_in / (s_out * d) = 5.000000e+10 is too large for rounding mode 'half_up' (it must be below 2^30)}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] rounding(half_up) : tensor<1x5x5x2x!a> -> tensor<1x3x3x2x!o>
  return %y : tensor<1x3x3x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_output_size(%x: tensor<1x5x5x2x!a>) -> tensor<1x4x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op expected output size 3 in dimension 1, got 4}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x5x5x2x!a> -> tensor<1x4x3x2x!a>
  return %y : tensor<1x4x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_matmul_clamp_order(%a: tensor<2x8x!a>, %w: tensor<8x2x!w>) -> tensor<2x2x!o> {
  // expected-error @+1 {{'qnn.matmul' op max 1.000000e+00 is below min 2.000000e+00}}
  %c = qnn.matmul %a, %w min(2.0) max(1.0) : tensor<2x8x!a>, tensor<8x2x!w> -> tensor<2x2x!o>
  return %c : tensor<2x2x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_clamp_nan(%a: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op bounds must not be NaN}}
  %y = qnn.add %a, %a min(0x7FC00000) : tensor<4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_conv_dynamic_f(%x: tensor<1x8x8x2x!a>, %w: tensor<3x3x2x2x!w>) -> tensor<1x6x6x?x!o> {
  // expected-error @+1 {{'qnn.conv2d' op result must have the input's N and the filter's F (2) channels, got 'tensor<1x6x6x?x!quant.uniform<u8:f32, 2.000000e-01:3>>'}}
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x2x!a>, tensor<3x3x2x2x!w> -> tensor<1x6x6x?x!o>
  return %y : tensor<1x6x6x?x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_dynamic_result(%x: tensor<1x5x5x2x!a>) -> tensor<1x?x5x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op count_include_pad(false) with padding needs static H and W: the border windows' divisors are compile-time constants}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [1, 1, 1, 1] count_include_pad(false) : tensor<1x5x5x2x!a> -> tensor<1x?x5x2x!a>
  return %y : tensor<1x?x5x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:10>
func.func @negative_avg_pool_window(%x: tensor<1x2x5x2x!a>) -> tensor<1x1x3x2x!a> {
  // expected-error @+1 {{'qnn.avg_pool2d' op window larger than the padded input in dimension 1}}
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x2x5x2x!a> -> tensor<1x1x3x2x!a>
  return %y : tensor<1x1x3x2x!a>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_add_dynamic_broadcast(%a: tensor<?x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op dimension 0 of 'tensor<?x!quant.uniform<u8:f32, 5.000000e-02:128>>' is dynamic where the result's is 4: dynamic sizes are not broadcast}}
  %y = qnn.add %a, %b : tensor<?x!a>, tensor<4x!a> -> tensor<4x!o>
  return %y : tensor<4x!o>
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @negative_mul_dynamic_result(%a: tensor<1x!a>, %b: tensor<1x!a>) -> tensor<?x!o> {
  // expected-error @+1 {{'qnn.mul' op result dimension 0 of size ? is not any operand's}}
  %y = qnn.mul %a, %b : tensor<1x!a>, tensor<1x!a> -> tensor<?x!o>
  return %y : tensor<?x!o>
}

// -----

func.func @check_size_bad_relation(%a: index) {
  // expected-error @below {{expected 'eq' or 'ge', got 'lt'}}
  qnn.check_size %a lt %a, "sizes {0} {1}"
  return
}

// -----

// An i32 result is the exact accumulator: no rounding mode...
!a = !quant.uniform<u8:f32, 1.0:3>
!w = !quant.uniform<i8:f32, 1.0>
func.func @negative_accumulator_rounding(%a: tensor<2x4x!a>, %w: tensor<4x2x!w>) -> tensor<2x2xi32> {
  // expected-error @+1 {{'qnn.matmul' op an i32 result is the exact accumulator and takes no rounding mode}}
  %c = qnn.matmul %a, %w rounding(double_round) : tensor<2x4x!a>, tensor<4x2x!w> -> tensor<2x2xi32>
  return %c : tensor<2x2xi32>
}

// -----

// ... and no clamp.
!x = !quant.uniform<u8:f32, 1.0:3>
!f = !quant.uniform<i8:f32, 1.0>
func.func @negative_accumulator_clamp(%x: tensor<1x4x4x2x!x>, %f: tensor<1x1x2x2x!f>) -> tensor<1x4x4x2xi32> {
  // expected-error @+1 {{'qnn.conv2d' op an i32 result is the exact accumulator and takes no min or max}}
  %y = qnn.conv2d %x, %f strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] min(0.0) : tensor<1x4x4x2x!x>, tensor<1x1x2x2x!f> -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}

// -----

// The accumulator itself must fit in i32: |q - z| reaches 255 for u8 with
// zero point 0 and for i8 with zero point 127 (-128 - 127), and
// 33026 * 255 * 255 > 2^31 - 1, though the raw products (255 x 128) fit.
!a = !quant.uniform<u8:f32, 1.0>
!w = !quant.uniform<i8:f32, 1.0:127>
func.func @negative_accumulator_overflow(%a: tensor<1x33026x!a>, %w: tensor<33026x1x!w>) -> tensor<1x1xi32> {
  // expected-error @+1 {{'qnn.matmul' op the i32 result could overflow: K = 33026 products (q - z) of up to 255 x 255}}
  %c = qnn.matmul %a, %w : tensor<1x33026x!a>, tensor<33026x1x!w> -> tensor<1x1xi32>
  return %c : tensor<1x1xi32>
}

// -----

// Any other integer result is not an accumulator, nor quantized.
!a = !quant.uniform<u8:f32, 1.0:3>
!w = !quant.uniform<i8:f32, 1.0>
func.func @negative_accumulator_i16(%a: tensor<2x4x!a>, %w: tensor<4x2x!w>) -> tensor<2x2xi16> {
  // expected-error @+1 {{'qnn.matmul' op result type: expected a !quant.uniform element type, got 'i16'}}
  %c = qnn.matmul %a, %w : tensor<2x4x!a>, tensor<4x2x!w> -> tensor<2x2xi16>
  return %c : tensor<2x2xi16>
}

// -----

func.func @negative_dynamic_quantize_input(%x: tensor<4xf16>) {
  // expected-error @+1 {{'qnn.dynamic_quantize' op input must be a ranked tensor of f32, got 'tensor<4xf16>'}}
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4xf16> -> tensor<4xui8>, tensor<f32>, tensor<ui8>
  return
}

// -----

func.func @negative_dynamic_quantize_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.dynamic_quantize' op result must be a tensor of ui8 of the input's shape, got 'tensor<4xi8>'}}
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4xf32> -> tensor<4xi8>, tensor<f32>, tensor<ui8>
  return
}

// -----

func.func @negative_dynamic_quantize_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.dynamic_quantize' op result must be a tensor of ui8 of the input's shape, got 'tensor<5xui8>'}}
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4xf32> -> tensor<5xui8>, tensor<f32>, tensor<ui8>
  return
}

// -----

func.func @negative_dynamic_quantize_scale(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.dynamic_quantize' op scale must be a tensor<f32>, got 'tensor<1xf32>'}}
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4xf32> -> tensor<4xui8>, tensor<1xf32>, tensor<ui8>
  return
}

// -----

func.func @negative_dynamic_quantize_zero_point(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.dynamic_quantize' op zero point must be a tensor<ui8>, got 'tensor<i8>'}}
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4xf32> -> tensor<4xui8>, tensor<f32>, tensor<i8>
  return
}

// -----

func.func @negative_matmul_integer_element(%a: tensor<2x4xi16>, %b: tensor<4x3xi8>, %za: tensor<i16>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op lhs and rhs must hold 8-bit integers (i8, si8 or ui8), got 'i16' and 'i8'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xi16>, tensor<4x3xi8>, tensor<i16>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_zero_point_type(%a: tensor<2x4xui8>, %b: tensor<4x3xi8>, %za: tensor<i8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op each zero point must have its operand's element type, got 'i8' for 'ui8' and 'i8' for 'i8'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<4x3xi8>, tensor<i8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_result(%a: tensor<2x4xui8>, %b: tensor<4x3xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op result must be a tensor of i32, got 'tensor<2x3xf32>'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<4x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3xf32>
  return
}

// -----

func.func @negative_matmul_integer_ranks(%a: tensor<2x4xui8>, %b: tensor<2x4x3xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op expected lhs [..., M, K], rhs K x N and a result [..., M, N], got ranks 2, 3 -> 2}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<2x4x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_shapes(%a: tensor<2x4xui8>, %b: tensor<5x3xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op incompatible shapes 'tensor<2x4xui8>' x 'tensor<5x3xi8>' -> 'tensor<2x3xi32>'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<5x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_lhs_zero_point(%a: tensor<2x4xui8>, %b: tensor<4x3xi8>, %za: tensor<2xui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op lhs zero point must be a scalar tensor, got 'tensor<2xui8>'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<4x3xi8>, tensor<2xui8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_rhs_zero_point(%a: tensor<2x4xui8>, %b: tensor<4x3xi8>, %za: tensor<ui8>, %zb: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op rhs zero point must be a scalar or one per column (N = 3), got 'tensor<4xi8>'}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x4xui8>, tensor<4x3xi8>, tensor<ui8>, tensor<4xi8> -> tensor<2x3xi32>
  return
}

// -----

func.func @negative_matmul_integer_dynamic_k(%a: tensor<2x?xui8>, %b: tensor<?x3xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op the reduction dimension K must be static, so that the i32 result can be proved not to overflow}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x?xui8>, tensor<?x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

// 33026 * 255 * 255 > 2^31 - 1.
func.func @negative_matmul_integer_overflow(%a: tensor<1x33026xui8>, %b: tensor<33026x1xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op the i32 result could overflow: K = 33026 products of up to 255 x 255}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<1x33026xui8>, tensor<33026x1xi8>, tensor<ui8>, tensor<i8> -> tensor<1x1xi32>
  return
}

// -----

func.func @negative_matmul_integer_unranked(%a: tensor<*xui8>, %b: tensor<4x3xi8>, %za: tensor<ui8>, %zb: tensor<i8>) {
  // expected-error @+1 {{'qnn.matmul_integer' op operands and result must be ranked tensors}}
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<*xui8>, tensor<4x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3xi32>
  return
}

// -----

!a = !quant.uniform<u8:f32, 0.05:128>
!o = !quant.uniform<u8:f32, 0.1:3>
func.func @negative_add_onnx_rounding(%a: tensor<4x!a>, %b: tensor<4x!a>) -> tensor<4x!o> {
  // expected-error @+1 {{'qnn.add' op flavour(onnx) is ONNX Runtime's float kernel and takes no rounding mode}}
  %c = qnn.add %a, %b flavour(onnx) rounding(half_up) : tensor<4x!a>, tensor<4x!a> -> tensor<4x!o>
  return %c : tensor<4x!o>
}
