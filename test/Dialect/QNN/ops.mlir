// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Round trip of every qnn op and attribute, in the custom and the generic
// form. The default flavour and rounding mode are omitted by the custom
// printer and always present (as properties) in the generic form.

// A scalar f32 quantizes to a scalar quantized value.
// CHECK-LABEL: func.func @quantize_scalar
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : f32 -> !quant.uniform<u8:f32, 1.000000e-01:10>
// CHECK: return %[[Q]]
// GENERIC-LABEL: sym_name = "quantize_scalar"
// GENERIC: "qnn.quantize"(%{{.*}}) <{flavour = #qnn.flavour<pytorch>}> : (f32) -> !quant.uniform<u8:f32, 1.000000e-01:10>
func.func @quantize_scalar(%x: f32) -> !quant.uniform<u8:f32, 0.1:10> {
  %q = qnn.quantize %x : f32 -> !quant.uniform<u8:f32, 0.1:10>
  return %q : !quant.uniform<u8:f32, 0.1:10>
}

// A statically shaped tensor, the seed example.
// CHECK-LABEL: func.func @quantize_static
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK: return %[[Q]]
func.func @quantize_static(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// Dynamic dimensions are kept on both sides.
// CHECK-LABEL: func.func @quantize_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<?x4xf32> -> tensor<?x4x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK: return %[[Q]]
func.func @quantize_dynamic(%x: tensor<?x4xf32>) -> tensor<?x4x!quant.uniform<i8:f32, 0.5:-3>> {
  %q = qnn.quantize %x : tensor<?x4xf32> -> tensor<?x4x!quant.uniform<i8:f32, 0.5:-3>>
  return %q : tensor<?x4x!quant.uniform<i8:f32, 0.5:-3>>
}

// The ONNX flavour is printed as a clause and kept as a property.
// CHECK-LABEL: func.func @quantize_flavour_onnx
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 5.000000e-01>>
// CHECK: return %[[Q]]
// GENERIC-LABEL: sym_name = "quantize_flavour_onnx"
// GENERIC: "qnn.quantize"(%{{.*}}) <{flavour = #qnn.flavour<onnx>}>
func.func @quantize_flavour_onnx(%x: tensor<?xf32>) -> tensor<?x!quant.uniform<i8:f32, 0.5>> {
  %o = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
  return %o : tensor<?x!quant.uniform<i8:f32, 0.5>>
}

// An explicit default flavour parses and is not printed.
// CHECK-LABEL: func.func @quantize_flavour_default_omitted
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK: return %[[Q]]
func.func @quantize_flavour_default_omitted(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %q = qnn.quantize %x flavour(pytorch) : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// f16 and bf16 inputs are accepted (they are widened to f32).
// CHECK-LABEL: func.func @quantize_half_inputs
// CHECK-SAME: (%[[H:.*]]: tensor<2xf16>, %[[B:.*]]: tensor<2xbf16>)
// CHECK: %[[QH:.*]] = qnn.quantize %[[H]] : tensor<2xf16> -> tensor<2x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: %[[QB:.*]] = qnn.quantize %[[B]] flavour(onnx) : tensor<2xbf16> -> tensor<2x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: return %[[QH]], %[[QB]]
func.func @quantize_half_inputs(%h: tensor<2xf16>, %b: tensor<2xbf16>)
    -> (tensor<2x!quant.uniform<i8:f32, 0.25>>, tensor<2x!quant.uniform<i8:f32, 0.25>>) {
  %qh = qnn.quantize %h : tensor<2xf16> -> tensor<2x!quant.uniform<i8:f32, 0.25>>
  %qb = qnn.quantize %b flavour(onnx) : tensor<2xbf16> -> tensor<2x!quant.uniform<i8:f32, 0.25>>
  return %qh, %qb : tensor<2x!quant.uniform<i8:f32, 0.25>>, tensor<2x!quant.uniform<i8:f32, 0.25>>
}

// A per-axis type with a narrow storage range, on axis 1.
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {5.000000e-01:1,2.500000e-01:3,1.000000e+00}>>
// CHECK: return %[[Q]]
func.func @quantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>> {
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  return %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
}

// A per-axis type whose quantized dimension is dynamic: the number of
// scales cannot be checked against it.
// CHECK-LABEL: func.func @quantize_per_axis_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] flavour(onnx) : tensor<?x?xf32> -> tensor<?x?x!quant.uniform<u8:f32:0, {1.000000e-01:128,2.000000e-01}>>
// CHECK: return %[[Q]]
func.func @quantize_per_axis_dynamic(%x: tensor<?x?xf32>) -> tensor<?x?x!quant.uniform<u8:f32:0, {0.1:128, 0.2:0}>> {
  %q = qnn.quantize %x flavour(onnx) : tensor<?x?xf32> -> tensor<?x?x!quant.uniform<u8:f32:0, {0.1:128, 0.2:0}>>
  return %q : tensor<?x?x!quant.uniform<u8:f32:0, {0.1:128, 0.2:0}>>
}

// 4-bit signed storage; its integer side is i4.
// CHECK-LABEL: func.func @storage_i4
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 5.000000e-02:-8>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<i4:f32, 5.000000e-02:-8>> -> tensor<4xi4>
// CHECK: return %[[I]]
func.func @storage_i4(%x: tensor<4xf32>) -> tensor<4xi4> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.05:-8>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<i4:f32, 0.05:-8>> -> tensor<4xi4>
  return %i : tensor<4xi4>
}

// 4-bit unsigned storage; its integer side is the signless i4.
// CHECK-LABEL: func.func @storage_u4
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u4:f32, 5.000000e-02:15>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<u4:f32, 5.000000e-02:15>> -> tensor<4xi4>
// CHECK: return %[[I]]
func.func @storage_u4(%x: tensor<4xf32>) -> tensor<4xi4> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u4:f32, 0.05:15>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<u4:f32, 0.05:15>> -> tensor<4xi4>
  return %i : tensor<4xi4>
}

// 8-bit signed storage at the bottom of its zero-point range.
// CHECK-LABEL: func.func @storage_i8
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01:-128>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<i8:f32, 2.500000e-01:-128>> -> tensor<4xi8>
// CHECK: return %[[I]]
func.func @storage_i8(%x: tensor<4xf32>) -> tensor<4xi8> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:-128>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<i8:f32, 0.25:-128>> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

// 8-bit unsigned storage at the top of its zero-point range.
// CHECK-LABEL: func.func @storage_u8
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 2.500000e-01:255>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<u8:f32, 2.500000e-01:255>> -> tensor<4xi8>
// CHECK: return %[[I]]
func.func @storage_u8(%x: tensor<4xf32>) -> tensor<4xi8> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.25:255>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<u8:f32, 0.25:255>> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

// 16-bit signed storage.
// CHECK-LABEL: func.func @storage_i16
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 1.000000e-03:-32768>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<i16:f32, 1.000000e-03:-32768>> -> tensor<4xi16>
// CHECK: return %[[I]]
func.func @storage_i16(%x: tensor<4xf32>) -> tensor<4xi16> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.001:-32768>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<i16:f32, 0.001:-32768>> -> tensor<4xi16>
  return %i : tensor<4xi16>
}

// 16-bit unsigned storage.
// CHECK-LABEL: func.func @storage_u16
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u16:f32, 1.000000e-03:65535>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<u16:f32, 1.000000e-03:65535>> -> tensor<4xi16>
// CHECK: return %[[I]]
func.func @storage_u16(%x: tensor<4xf32>) -> tensor<4xi16> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u16:f32, 0.001:65535>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<u16:f32, 0.001:65535>> -> tensor<4xi16>
  return %i : tensor<4xi16>
}

// 32-bit signed storage with the extreme zero point.
// CHECK-LABEL: func.func @storage_i32
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 1.000000e+00:-2147483648>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<i32:f32, 1.000000e+00:-2147483648>> -> tensor<4xi32>
// CHECK: return %[[I]]
func.func @storage_i32(%x: tensor<4xf32>) -> tensor<4xi32> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 1.0:-2147483648>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<i32:f32, 1.0:-2147483648>> -> tensor<4xi32>
  return %i : tensor<4xi32>
}

// 32-bit unsigned storage with the extreme zero point.
// CHECK-LABEL: func.func @storage_u32
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u32:f32, 1.000000e+00:4294967295>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<4x!quant.uniform<u32:f32, 1.000000e+00:4294967295>> -> tensor<4xi32>
// CHECK: return %[[I]]
func.func @storage_u32(%x: tensor<4xf32>) -> tensor<4xi32> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u32:f32, 1.0:4294967295>>
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<u32:f32, 1.0:4294967295>> -> tensor<4xi32>
  return %i : tensor<4xi32>
}

// Narrow storage ranges of several widths, zero points on their bounds.
// CHECK-LABEL: func.func @storage_narrow_ranges
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q8:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01:-127>>
// CHECK: %[[Q4:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u4<1:15>:f32, 5.000000e-01:15>>
// CHECK: %[[Q16:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i16<-32767:32767>:f32, 5.000000e-01:32767>>
// CHECK: return %[[Q8]], %[[Q4]], %[[Q16]]
func.func @storage_narrow_ranges(%x: tensor<4xf32>)
    -> (tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:-127>>,
        tensor<4x!quant.uniform<u4<1:15>:f32, 0.5:15>>,
        tensor<4x!quant.uniform<i16<-32767:32767>:f32, 0.5:32767>>) {
  %q8 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:-127>>
  %q4 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u4<1:15>:f32, 0.5:15>>
  %q16 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16<-32767:32767>:f32, 0.5:32767>>
  return %q8, %q4, %q16 : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:-127>>,
      tensor<4x!quant.uniform<u4<1:15>:f32, 0.5:15>>,
      tensor<4x!quant.uniform<i16<-32767:32767>:f32, 0.5:32767>>
}

// Dequantize of a scalar.
// CHECK-LABEL: func.func @dequantize_scalar
// CHECK-SAME: (%[[Q:.*]]: !quant.uniform<u8:f32, 1.000000e-01:10>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : !quant.uniform<u8:f32, 1.000000e-01:10> -> f32
// CHECK: return %[[X]]
func.func @dequantize_scalar(%q: !quant.uniform<u8:f32, 0.1:10>) -> f32 {
  %x = qnn.dequantize %q : !quant.uniform<u8:f32, 0.1:10> -> f32
  return %x : f32
}

// Dequantize of a static tensor.
// CHECK-LABEL: func.func @dequantize_static
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xf32>
// CHECK: return %[[X]]
func.func @dequantize_static(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// Dequantize of a dynamic per-axis tensor.
// CHECK-LABEL: func.func @dequantize_per_axis_dynamic
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x!quant.uniform<i8:f32:1, {5.000000e-01:-1,2.500000e-01:2}>>)
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<?x2x!quant.uniform<i8:f32:1, {5.000000e-01:-1,2.500000e-01:2}>> -> tensor<?x2xf32>
// CHECK: return %[[X]]
func.func @dequantize_per_axis_dynamic(%q: tensor<?x2x!quant.uniform<i8:f32:1, {0.5:-1, 0.25:2}>>) -> tensor<?x2xf32> {
  %x = qnn.dequantize %q : tensor<?x2x!quant.uniform<i8:f32:1, {0.5:-1, 0.25:2}>> -> tensor<?x2xf32>
  return %x : tensor<?x2xf32>
}

// An explicit default rounding mode parses and is not printed.
// CHECK-LABEL: func.func @requantize_rounding_float_omitted
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<8x!quant.uniform<u8:f32, 2.500000e-01:7>>
// CHECK: return %[[R]]
// GENERIC-LABEL: sym_name = "requantize_rounding_float_omitted"
// GENERIC: "qnn.requantize"(%{{.*}}) <{rounding = #qnn.rounding<float>}>
func.func @requantize_rounding_float_omitted(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<u8:f32, 0.25:7>> {
  %r = qnn.requantize %q rounding(float) : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.25:7>>
}

// Without a rounding clause the mode is float.
// CHECK-LABEL: func.func @requantize_rounding_default
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<8x!quant.uniform<u8:f32, 2.500000e-01:7>>
// CHECK: return %[[R]]
// GENERIC-LABEL: sym_name = "requantize_rounding_default"
// GENERIC: "qnn.requantize"(%{{.*}}) <{rounding = #qnn.rounding<float>}>
func.func @requantize_rounding_default(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<u8:f32, 0.25:7>> {
  %r = qnn.requantize %q : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.25:7>>
}

// The gemmlowp mode is printed as a clause.
// CHECK-LABEL: func.func @requantize_rounding_double_round
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(double_round) : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<8x!quant.uniform<u8:f32, 2.500000e-01:7>>
// CHECK: return %[[R]]
// GENERIC-LABEL: sym_name = "requantize_rounding_double_round"
// GENERIC: "qnn.requantize"(%{{.*}}) <{rounding = #qnn.rounding<double_round>}>
func.func @requantize_rounding_double_round(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<u8:f32, 0.25:7>> {
  %r = qnn.requantize %q rounding(double_round) : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.25:7>>
}

// The single-rounding, ties-up mode is printed as a clause.
// CHECK-LABEL: func.func @requantize_rounding_half_up
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(half_up) : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<8x!quant.uniform<u8:f32, 2.500000e-01:7>>
// CHECK: return %[[R]]
// GENERIC-LABEL: sym_name = "requantize_rounding_half_up"
// GENERIC: "qnn.requantize"(%{{.*}}) <{rounding = #qnn.rounding<half_up>}>
func.func @requantize_rounding_half_up(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<u8:f32, 0.25:7>> {
  %r = qnn.requantize %q rounding(half_up) : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.25:7>>
}

// The single-rounding, ties-away mode is printed as a clause.
// CHECK-LABEL: func.func @requantize_rounding_half_away
// CHECK-SAME: (%[[Q:.*]]: tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(half_away) : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<8x!quant.uniform<u8:f32, 2.500000e-01:7>>
// CHECK: return %[[R]]
// GENERIC-LABEL: sym_name = "requantize_rounding_half_away"
// GENERIC: "qnn.requantize"(%{{.*}}) <{rounding = #qnn.rounding<half_away>}>
func.func @requantize_rounding_half_away(%q: tensor<8x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<8x!quant.uniform<u8:f32, 0.25:7>> {
  %r = qnn.requantize %q rounding(half_away) : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.25:7>>
}

// Requantize of scalars.
// CHECK-LABEL: func.func @requantize_scalar
// CHECK-SAME: (%[[Q:.*]]: !quant.uniform<i16:f32, 1.000000e-03>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(half_up) : !quant.uniform<i16:f32, 1.000000e-03> -> !quant.uniform<i8:f32, 1.000000e-01:1>
// CHECK: return %[[R]]
func.func @requantize_scalar(%q: !quant.uniform<i16:f32, 0.001>) -> !quant.uniform<i8:f32, 0.1:1> {
  %r = qnn.requantize %q rounding(half_up) : !quant.uniform<i16:f32, 0.001> -> !quant.uniform<i8:f32, 0.1:1>
  return %r : !quant.uniform<i8:f32, 0.1:1>
}

// A per-tensor i32 accumulator (signed, zero point 0) requantized per axis
// in an integer mode.
// CHECK-LABEL: func.func @requantize_per_tensor_to_per_axis
// CHECK-SAME: (%[[Q:.*]]: tensor<2x3x!quant.uniform<i32:f32, 1.000000e-04>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(double_round) : tensor<2x3x!quant.uniform<i32:f32, 1.000000e-04>> -> tensor<2x3x!quant.uniform<i8:f32:0, {5.000000e-02:-1,1.000000e-01:2}>>
// CHECK: return %[[R]]
func.func @requantize_per_tensor_to_per_axis(%q: tensor<2x3x!quant.uniform<i32:f32, 0.0001>>) -> tensor<2x3x!quant.uniform<i8:f32:0, {0.05:-1, 0.1:2}>> {
  %r = qnn.requantize %q rounding(double_round) : tensor<2x3x!quant.uniform<i32:f32, 0.0001>> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.05:-1, 0.1:2}>>
  return %r : tensor<2x3x!quant.uniform<i8:f32:0, {0.05:-1, 0.1:2}>>
}

// Requantize between two per-axis types on the same axis.
// CHECK-LABEL: func.func @requantize_per_axis_to_per_axis
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x!quant.uniform<u8:f32:1, {5.000000e-01:128,2.500000e-01:100}>>)
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]] rounding(half_away) : tensor<?x2x!quant.uniform<u8:f32:1, {5.000000e-01:128,2.500000e-01:100}>> -> tensor<?x2x!quant.uniform<i8<-127:127>:f32:1, {1.000000e+00,1.250000e-01}>>
// CHECK: return %[[R]]
func.func @requantize_per_axis_to_per_axis(%q: tensor<?x2x!quant.uniform<u8:f32:1, {0.5:128, 0.25:100}>>) -> tensor<?x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>> {
  %r = qnn.requantize %q rounding(half_away) : tensor<?x2x!quant.uniform<u8:f32:1, {0.5:128, 0.25:100}>> -> tensor<?x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>>
  return %r : tensor<?x2x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.125}>>
}

// storage_cast from the quantized type to its storage integers.
// CHECK-LABEL: func.func @storage_cast_to_integer
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xi8>
// CHECK: return %[[I]]
func.func @storage_cast_to_integer(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3xi8> {
  %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi8>
  return %i : tensor<3xi8>
}

// storage_cast from storage integers to a per-axis quantized type.
// CHECK-LABEL: func.func @storage_cast_to_quantized
// CHECK-SAME: (%[[I:.*]]: tensor<?x3xi8>)
// CHECK: %[[Q:.*]] = qnn.storage_cast %[[I]] : tensor<?x3xi8> -> tensor<?x3x!quant.uniform<i8<-127:127>:f32:1, {5.000000e-01:1,2.500000e-01:3,1.000000e+00}>>
// CHECK: return %[[Q]]
func.func @storage_cast_to_quantized(%i: tensor<?x3xi8>) -> tensor<?x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>> {
  %q = qnn.storage_cast %i : tensor<?x3xi8> -> tensor<?x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  return %q : tensor<?x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
}

// storage_cast of scalars, both directions.
// CHECK-LABEL: func.func @storage_cast_scalar
// CHECK-SAME: (%[[I:.*]]: i16)
// CHECK: %[[Q:.*]] = qnn.storage_cast %[[I]] : i16 -> !quant.uniform<u16:f32, 1.000000e-02:32768>
// CHECK: %[[J:.*]] = qnn.storage_cast %[[Q]] : !quant.uniform<u16:f32, 1.000000e-02:32768> -> i16
// CHECK: return %[[J]]
func.func @storage_cast_scalar(%i: i16) -> i16 {
  %q = qnn.storage_cast %i : i16 -> !quant.uniform<u16:f32, 0.01:32768>
  %j = qnn.storage_cast %q : !quant.uniform<u16:f32, 0.01:32768> -> i16
  return %j : i16
}

// A tensor constant spells u8 storage as ui8 values up to 255.
// CHECK-LABEL: func.func @constant_tensor
// CHECK: %[[C:.*]] = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK: return %[[C]]
// GENERIC-LABEL: sym_name = "constant_tensor"
// GENERIC: "qnn.constant"() <{value = dense<[255, 20, 30]> : tensor<3xui8>}> : () -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
func.func @constant_tensor() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %c = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %c : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// A scalar constant is an integer attribute of the signed storage type.
// CHECK-LABEL: func.func @constant_scalar
// CHECK: %[[C:.*]] = qnn.constant -127 : si8 -> !quant.uniform<i8<-127:127>:f32, 5.000000e-01>
// CHECK: return %[[C]]
func.func @constant_scalar() -> !quant.uniform<i8<-127:127>:f32, 0.5> {
  %c = qnn.constant -127 : si8 -> !quant.uniform<i8<-127:127>:f32, 0.5>
  return %c : !quant.uniform<i8<-127:127>:f32, 0.5>
}

// Splat, per-axis and sub-byte constants.
// CHECK-LABEL: func.func @constant_splat_per_axis_i4
// CHECK: %[[S:.*]] = qnn.constant dense<65535> : tensor<2x2xui16> -> tensor<2x2x!quant.uniform<u16:f32, 1.000000e-03>>
// CHECK: %[[P:.*]] = qnn.constant dense<{{\[}}[1, 3, 0], [-127, 127, 5]]> : tensor<2x3xsi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {5.000000e-01:1,2.500000e-01:3,1.000000e+00}>>
// CHECK: %[[F:.*]] = qnn.constant dense<[-8, 7]> : tensor<2xsi4> -> tensor<2x!quant.uniform<i4:f32, 5.000000e-02>>
// CHECK: return %[[S]], %[[P]], %[[F]]
func.func @constant_splat_per_axis_i4()
    -> (tensor<2x2x!quant.uniform<u16:f32, 0.001>>,
        tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>,
        tensor<2x!quant.uniform<i4:f32, 0.05>>) {
  %s = qnn.constant dense<65535> : tensor<2x2xui16> -> tensor<2x2x!quant.uniform<u16:f32, 0.001>>
  %p = qnn.constant dense<[[1, 3, 0], [-127, 127, 5]]> : tensor<2x3xsi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>
  %f = qnn.constant dense<[-8, 7]> : tensor<2xsi4> -> tensor<2x!quant.uniform<i4:f32, 0.05>>
  return %s, %p, %f : tensor<2x2x!quant.uniform<u16:f32, 0.001>>,
      tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {0.5:1, 0.25:3, 1.0}>>,
      tensor<2x!quant.uniform<i4:f32, 0.05>>
}

// 32-bit constants at the ends of their storage ranges.
// CHECK-LABEL: func.func @constant_32bit
// CHECK: %[[I:.*]] = qnn.constant dense<[-2147483648, 2147483647]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32, 1.000000e+00>>
// CHECK: %[[U:.*]] = qnn.constant 4294967295 : ui32 -> !quant.uniform<u32:f32, 1.000000e+00>
// CHECK: return %[[I]], %[[U]]
func.func @constant_32bit() -> (tensor<2x!quant.uniform<i32:f32, 1.0>>, !quant.uniform<u32:f32, 1.0>) {
  %i = qnn.constant dense<[-2147483648, 2147483647]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32, 1.0>>
  %u = qnn.constant 4294967295 : ui32 -> !quant.uniform<u32:f32, 1.0>
  return %i, %u : tensor<2x!quant.uniform<i32:f32, 1.0>>, !quant.uniform<u32:f32, 1.0>
}

// -----

// qnn.matmul: 2-D with a bias and the default rounding, batched with an
// explicit rounding mode.
!mm_a = !quant.uniform<u8:f32, 0.05:128>
!mm_w = !quant.uniform<i8:f32:1, {0.01, 0.02}>
!mm_b = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!mm_o = !quant.uniform<u8:f32, 0.2:3>
// CHECK-LABEL: func.func @matmul_bias
// CHECK: qnn.matmul %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x16x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<16x2x!quant.uniform<i8:f32:1, {1.000000e-02,2.000000e-02}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-04,1.000000e-03}>> -> tensor<4x2x!quant.uniform<u8:f32, 2.000000e-01:3>>
func.func @matmul_bias(%a: tensor<4x16x!mm_a>, %w: tensor<16x2x!mm_w>, %b: tensor<2x!mm_b>) -> tensor<4x2x!mm_o> {
  %c = qnn.matmul %a, %w, %b : tensor<4x16x!mm_a>, tensor<16x2x!mm_w>, tensor<2x!mm_b> -> tensor<4x2x!mm_o>
  return %c : tensor<4x2x!mm_o>
}
// CHECK-LABEL: func.func @matmul_batched
// CHECK: qnn.matmul %{{.*}}, %{{.*}} rounding(half_away) : tensor<3x?x16x
func.func @matmul_batched(%a: tensor<3x?x16x!mm_a>, %w: tensor<3x16x2x!quant.uniform<i8:f32, 0.01>>) -> tensor<3x?x2x!mm_o> {
  %c = qnn.matmul %a, %w rounding(half_away) : tensor<3x?x16x!mm_a>, tensor<3x16x2x!quant.uniform<i8:f32, 0.01>> -> tensor<3x?x2x!mm_o>
  return %c : tensor<3x?x2x!mm_o>
}

// qnn.matmul and qnn.conv2d with an i32 result: the exact accumulator
// (ONNX MatMulInteger, ConvInteger).
// CHECK-LABEL: func.func @accumulator_results
// CHECK: qnn.matmul %{{.*}}, %{{.*}} : tensor<4x16x!quant.uniform<u8:f32, 1.000000e+00:3>>, tensor<16x2x!quant.uniform<i8:f32, 1.000000e+00>> -> tensor<4x2xi32>
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : {{.*}} -> tensor<1x6x6x2xi32>
func.func @accumulator_results(%a: tensor<4x16x!quant.uniform<u8:f32, 1.0:3>>, %w: tensor<16x2x!quant.uniform<i8:f32, 1.0>>,
                               %x: tensor<1x8x8x4x!quant.uniform<u8:f32, 1.0:3>>, %f: tensor<3x3x4x2x!quant.uniform<i8:f32, 1.0>>) -> (tensor<4x2xi32>, tensor<1x6x6x2xi32>) {
  %c = qnn.matmul %a, %w : tensor<4x16x!quant.uniform<u8:f32, 1.0:3>>, tensor<16x2x!quant.uniform<i8:f32, 1.0>> -> tensor<4x2xi32>
  %y = qnn.conv2d %x, %f strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x8x8x4x!quant.uniform<u8:f32, 1.0:3>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 1.0>> -> tensor<1x6x6x2xi32>
  return %c, %y : tensor<4x2xi32>, tensor<1x6x6x2xi32>
}

// The ops with run-time quantization parameters (ONNX dynamic
// quantization).
// CHECK-LABEL: func.func @dynamic_quantization
// CHECK: %[[Y:.*]], %[[S:.*]], %[[Z:.*]] = qnn.dynamic_quantize %{{.*}} : tensor<?x64xf32> -> tensor<?x64xui8>, tensor<f32>, tensor<ui8>
// CHECK: qnn.matmul_integer %[[Y]], %{{.*}}, %[[Z]], %{{.*}} : tensor<?x64xui8>, tensor<64x32xi8>, tensor<ui8>, tensor<32xi8> -> tensor<?x32xi32>
func.func @dynamic_quantization(%x: tensor<?x64xf32>, %w: tensor<64x32xi8>, %wz: tensor<32xi8>) -> (tensor<?x32xi32>, tensor<f32>) {
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<?x64xf32> -> tensor<?x64xui8>, tensor<f32>, tensor<ui8>
  %acc = qnn.matmul_integer %y, %w, %z, %wz : tensor<?x64xui8>, tensor<64x32xi8>, tensor<ui8>, tensor<32xi8> -> tensor<?x32xi32>
  return %acc, %s : tensor<?x32xi32>, tensor<f32>
}

// qnn.add in ONNX Runtime's flavour, with a clamp.
// CHECK-LABEL: func.func @add_onnx_flavour
// CHECK: qnn.add %{{.*}}, %{{.*}} flavour(onnx) min(0.000000e+00) : tensor<4x!quant.uniform<u8:f32, 5.000000e-02:128>>
func.func @add_onnx_flavour(%a: tensor<4x!quant.uniform<u8:f32, 0.05:128>>, %b: tensor<4x!quant.uniform<u8:f32, 0.05:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:3>> {
  %c = qnn.add %a, %b flavour(onnx) min(0.0) : tensor<4x!quant.uniform<u8:f32, 0.05:128>>, tensor<4x!quant.uniform<u8:f32, 0.05:128>> -> tensor<4x!quant.uniform<u8:f32, 0.1:3>>
  return %c : tensor<4x!quant.uniform<u8:f32, 0.1:3>>
}

// qnn.clamp with both, one or no bounds.
// CHECK-LABEL: func.func @clamp_bounds
// CHECK: qnn.clamp %{{.*}} min(0.000000e+00) max(6.000000e+00) : tensor<?x!quant.uniform<u8:f32, 5.000000e-02:10>>
// CHECK: qnn.clamp %{{.*}} min(0.000000e+00) : tensor<?x!quant.uniform<u8:f32, 5.000000e-02:10>>
// CHECK: qnn.clamp %{{.*}} : tensor<?x!quant.uniform<u8:f32, 5.000000e-02:10>>
func.func @clamp_bounds(%x: tensor<?x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<?x!quant.uniform<u8:f32, 0.05:10>> {
  %a = qnn.clamp %x min(0.0) max(6.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  %b = qnn.clamp %a min(0.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  %c = qnn.clamp %b : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  return %c : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
}

// qnn.concat with and without a rounding mode.
// CHECK-LABEL: func.func @concat_round_trip
// CHECK: qnn.concat dim(1) %{{.*}}, %{{.*}} : tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:10>>, tensor<2x?x!quant.uniform<u8:f32, 2.000000e-01:4>> -> tensor<2x?x!quant.uniform<u8:f32, 2.000000e-01:4>>
// CHECK: qnn.concat dim(0) %{{.*}}, %{{.*}} rounding(half_up) :
func.func @concat_round_trip(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, %b: tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>) -> (tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>, tensor<4x3x!quant.uniform<u8:f32, 0.2:4>>) {
  %c = qnn.concat dim(1) %a, %b : tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, tensor<2x?x!quant.uniform<u8:f32, 0.2:4>> -> tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>
  %d = qnn.concat dim(0) %a, %a rounding(half_up) : tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<4x3x!quant.uniform<u8:f32, 0.2:4>>
  return %c, %d : tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>, tensor<4x3x!quant.uniform<u8:f32, 0.2:4>>
}

// qnn.max_pool2d.
// CHECK-LABEL: func.func @max_pool2d_round_trip
// CHECK: qnn.max_pool2d %{{.*}} kernel [3, 3] strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02:10>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 5.000000e-02:10>>
func.func @max_pool2d_round_trip(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>> {
  %y = qnn.max_pool2d %x kernel [3, 3] strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
}

// qnn.conv2d: groups(1) and the float mode are elided when printed.
// CHECK-LABEL: func.func @conv2d_round_trip
// CHECK: qnn.conv2d %{{.*}}, %{{.*}}, %{{.*}} strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<3x3x4x2x!quant.uniform<i8:f32:3, {1.000000e-02,2.000000e-02}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-04,1.000000e-03}>> -> tensor<1x8x8x2x!quant.uniform<u8:f32, 1.000000e-01:5>>
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} strides [2, 2] dilations [1, 1] padding [0, 0, 1, 1] groups(4) rounding(half_away) :
func.func @conv2d_round_trip(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32:3, {0.01, 0.02}>>, %b: tensor<2x!quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>>, %dw: tensor<2x2x1x4x!quant.uniform<i8:f32, 0.01>>) -> (tensor<1x8x8x2x!quant.uniform<u8:f32, 0.1:5>>, tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:5>>) {
  %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] groups(1) : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:128>>, tensor<3x3x4x2x!quant.uniform<i8:f32:3, {0.01, 0.02}>>, tensor<2x!quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>> -> tensor<1x8x8x2x!quant.uniform<u8:f32, 0.1:5>>
  %d = qnn.conv2d %x, %dw strides [2, 2] dilations [1, 1] padding [0, 0, 1, 1] groups(4) rounding(half_away) : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:128>>, tensor<2x2x1x4x!quant.uniform<i8:f32, 0.01>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:5>>
  return %y, %d : tensor<1x8x8x2x!quant.uniform<u8:f32, 0.1:5>>, tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:5>>
}

// qnn.add and qnn.mul, with broadcasting.
// CHECK-LABEL: func.func @add_mul_round_trip
// CHECK: qnn.add %{{.*}}, %{{.*}} rounding(double_round) : tensor<4x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>> -> tensor<4x8x!quant.uniform<u8:f32, 2.000000e-01:10>>
// CHECK: qnn.mul %{{.*}}, %{{.*}} : tensor<4x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>> -> tensor<4x8x!quant.uniform<u8:f32, 2.000000e-01:10>>
func.func @add_mul_round_trip(%a: tensor<4x8x!quant.uniform<u8:f32, 0.05:128>>, %b: tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> (tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>, tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>) {
  %s = qnn.add %a, %b rounding(double_round) : tensor<4x8x!quant.uniform<u8:f32, 0.05:128>>, tensor<8x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>
  %p = qnn.mul %a, %b : tensor<4x8x!quant.uniform<u8:f32, 0.05:128>>, tensor<8x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>
  return %s, %p : tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>, tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>
}

// qnn.avg_pool2d: count_include_pad(true) is elided when printed.
// CHECK-LABEL: func.func @avg_pool2d_round_trip
// CHECK: qnn.avg_pool2d %{{.*}} kernel [3, 3] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02:10>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 5.000000e-02:10>>
// CHECK: qnn.avg_pool2d %{{.*}} kernel [2, 2] strides [2, 2] padding [1, 1, 1, 1] count_include_pad(false) divisor(3) rounding(half_up) :
func.func @avg_pool2d_round_trip(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>>) -> (tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>, tensor<1x5x5x4x!quant.uniform<u8:f32, 0.1:3>>) {
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 1, 1] count_include_pad(true) : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
  %z = qnn.avg_pool2d %x kernel [2, 2] strides [2, 2] padding [1, 1, 1, 1] count_include_pad(false) divisor(3) rounding(half_up) : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>> -> tensor<1x5x5x4x!quant.uniform<u8:f32, 0.1:3>>
  return %y, %z : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>, tensor<1x5x5x4x!quant.uniform<u8:f32, 0.1:3>>
}

// CHECK-LABEL: func.func @check_size_round_trip
// CHECK: qnn.check_size %{{.*}} eq %{{.*}}, "qnn.add: rhs has size {0} but lhs has size {1}"
// CHECK: qnn.check_size %{{.*}} ge %{{.*}}, "window {0} {1}"
// GENERIC-LABEL: sym_name = "check_size_round_trip"
// GENERIC: "qnn.check_size"(%{{.*}}, %{{.*}}) <{message = "qnn.add: rhs has size {0} but lhs has size {1}", relation = #qnn.relation<eq>}> : (index, index) -> ()
func.func @check_size_round_trip(%a: index, %b: index) {
  qnn.check_size %a eq %b, "qnn.add: rhs has size {0} but lhs has size {1}"
  qnn.check_size %a ge %b, "window {0} {1}"
  return
}
