// RUN: quant-opt %s -qnn-import-quant -split-input-file -verify-diagnostics | FileCheck %s

// quant.qcast / quant.dcast / quant.scast become qnn.quantize (PyTorch
// flavour) / qnn.dequantize / qnn.storage_cast with the same types; types
// the numeric contract cannot honour are reported at the upstream cast.

// quant.qcast becomes qnn.quantize in the default (PyTorch) flavour.
// CHECK-LABEL: func.func @import_qcast_static
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NOT: quant.qcast
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK-NEXT: return %[[Q]]
func.func @import_qcast_static(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// quant.dcast becomes qnn.dequantize.
// CHECK-LABEL: func.func @import_dcast_static
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK-NOT: quant.dcast
// CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xf32>
// CHECK-NEXT: return %[[X]]
func.func @import_dcast_static(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3xf32> {
  %x = quant.dcast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> to tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// quant.scast from a quantized type becomes qnn.storage_cast to integers.
// CHECK-LABEL: func.func @import_scast_to_integer
// CHECK-SAME: (%[[Q:.*]]: tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>)
// CHECK-NOT: quant.scast
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xi8>
// CHECK-NEXT: return %[[I]]
func.func @import_scast_to_integer(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3xi8> {
  %i = quant.scast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> to tensor<3xi8>
  return %i : tensor<3xi8>
}

// -----

// quant.scast from integers becomes qnn.storage_cast to a quantized type.
// CHECK-LABEL: func.func @import_scast_to_quantized
// CHECK-SAME: (%[[I:.*]]: tensor<4xi4>)
// CHECK-NOT: quant.scast
// CHECK: %[[Q:.*]] = qnn.storage_cast %[[I]] : tensor<4xi4> -> tensor<4x!quant.uniform<i4:f32, 5.000000e-02:-8>>
// CHECK-NEXT: return %[[Q]]
func.func @import_scast_to_quantized(%i: tensor<4xi4>) -> tensor<4x!quant.uniform<i4:f32, 0.05:-8>> {
  %q = quant.scast %i : tensor<4xi4> to tensor<4x!quant.uniform<i4:f32, 0.05:-8>>
  return %q : tensor<4x!quant.uniform<i4:f32, 0.05:-8>>
}

// -----

// Scalar casts are imported like tensors.
// CHECK-LABEL: func.func @import_scalar
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : f32 -> !quant.uniform<i8<-127:127>:f32, 5.000000e-01:-3>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] : !quant.uniform<i8<-127:127>:f32, 5.000000e-01:-3> -> i8
// CHECK-NEXT: return %[[I]]
func.func @import_scalar(%x: f32) -> i8 {
  %q = quant.qcast %x : f32 to !quant.uniform<i8<-127:127>:f32, 0.5:-3>
  %i = quant.scast %q : !quant.uniform<i8<-127:127>:f32, 0.5:-3> to i8
  return %i : i8
}

// -----

// Per-axis types on dynamic tensors keep their axis and parameters.
// CHECK-LABEL: func.func @import_per_axis_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<?x3xf32> -> tensor<?x3x!quant.uniform<i8:f32:1, {5.000000e-01:1,2.500000e-01:3,1.000000e+00}>>
// CHECK: %[[D:.*]] = qnn.dequantize %[[Q]] : tensor<?x3x!quant.uniform<i8:f32:1, {5.000000e-01:1,2.500000e-01:3,1.000000e+00}>> -> tensor<?x3xf32>
// CHECK-NEXT: return %[[D]]
func.func @import_per_axis_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %q = quant.qcast %x : tensor<?x3xf32> to tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:3, 1.0}>>
  %d = quant.dcast %q : tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:3, 1.0}>> to tensor<?x3xf32>
  return %d : tensor<?x3xf32>
}

// -----

// dcast(qcast(x)) rounds and saturates: the pass must not fold it to x
// (upstream's quant.dcast folder would).
// CHECK-LABEL: func.func @import_qcast_dcast_not_folded
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK: %[[D:.*]] = qnn.dequantize %[[Q]] : tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<3xf32>
// CHECK-NEXT: return %[[D]]
func.func @import_qcast_dcast_not_folded(%x: tensor<3xf32>) -> tensor<3xf32> {
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  %d = quant.dcast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> to tensor<3xf32>
  return %d : tensor<3xf32>
}

// -----

// Casts of constants are imported, not folded.
// CHECK-LABEL: func.func @import_constant_not_folded
// CHECK: %[[C:.*]] = arith.constant dense<[1.000000e+02, 1.000000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK: %[[Q:.*]] = qnn.quantize %[[C]] : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
// CHECK-NEXT: return %[[Q]]
func.func @import_constant_not_folded() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %c = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>
  %q = quant.qcast %c : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// A u8 zero point of 300 has no meaning: reported at the quant.qcast.
func.func @negative_import_zero_point_u8_300(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 0.1:300>> {
  // expected-error @+1 {{'quant.qcast' op cannot be imported: zero point 300 is outside the storage range [0, 255]}}
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:300>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:300>>
}

// -----

// A zero point outside a narrow range, reported at the quant.scast.
func.func @negative_import_scast_narrow_zero_point(%i: tensor<3xi8>) -> tensor<3x!quant.uniform<i8<-127:127>:f32, 0.5:-128>> {
  // expected-error @+1 {{'quant.scast' op cannot be imported: zero point -128 is outside the storage range [-127, 127]}}
  %q = quant.scast %i : tensor<3xi8> to tensor<3x!quant.uniform<i8<-127:127>:f32, 0.5:-128>>
  return %q : tensor<3x!quant.uniform<i8<-127:127>:f32, 0.5:-128>>
}

// -----

// A NaN scale passes the upstream verifier and is reported by the import.
func.func @negative_import_nan_scale(%x: tensor<3xf32>) {
  // expected-error @+1 {{'quant.qcast' op cannot be imported: scale must be positive and finite, got nan}}
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0x7FF8000000000000:10>>
  return
}

// -----

// A float32-subnormal scale on the operand of a quant.dcast.
func.func @negative_import_subnormal_scale(%q: tensor<3x!quant.uniform<u8:f32, 1.0e-40:10>>) -> tensor<3xf32> {
  // expected-error @+1 {{'quant.dcast' op cannot be imported: scale 1.000000e-40 is not a normal float32 number}}
  %x = quant.dcast %q : tensor<3x!quant.uniform<u8:f32, 1.0e-40:10>> to tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// An f16 expressed type is valid upstream but not in the contract.
func.func @negative_import_f16_expressed(%x: tensor<3xf16>) -> tensor<3x!quant.uniform<u8:f16, 0.1:10>> {
  // expected-error @+1 {{'quant.qcast' op cannot be imported: unsupported expressed type 'f16'}}
  %q = quant.qcast %x : tensor<3xf16> to tensor<3x!quant.uniform<u8:f16, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f16, 0.1:10>>
}

// -----

// 24-bit storage is valid upstream but not in the contract.
func.func @negative_import_storage_i24(%i: tensor<3xi24>) -> tensor<3x!quant.uniform<i24:f32, 0.5>> {
  // expected-error @+1 {{'quant.scast' op cannot be imported: unsupported storage type 'i24' of '!quant.uniform<i24:f32, 5.000000e-01>': storage must be 4, 8, 16 or 32 bits wide}}
  %q = quant.scast %i : tensor<3xi24> to tensor<3x!quant.uniform<i24:f32, 0.5>>
  return %q : tensor<3x!quant.uniform<i24:f32, 0.5>>
}

// -----

// Unranked tensors are valid upstream but cannot be imported.
func.func @negative_import_unranked(%x: tensor<*xf32>) -> tensor<*x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'quant.qcast' op cannot be imported: expected a scalar or a ranked tensor, got 'tensor<*x!quant.uniform<u8:f32, 1.000000e-01:10>>'}}
  %q = quant.qcast %x : tensor<*xf32> to tensor<*x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<*x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// Every invalid cast is reported, not only the first one.
func.func @negative_import_reports_all(%x: tensor<3xf32>, %q: tensor<3x!quant.uniform<i8:f32, 0.5:200>>) -> (tensor<3x!quant.uniform<u8:f32, 0.1:300>>, tensor<3xf32>) {
  // expected-error @+1 {{'quant.qcast' op cannot be imported: zero point 300 is outside the storage range [0, 255]}}
  %a = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:300>>
  // expected-error @+1 {{'quant.dcast' op cannot be imported: zero point 200 is outside the storage range [-128, 127]}}
  %b = quant.dcast %q : tensor<3x!quant.uniform<i8:f32, 0.5:200>> to tensor<3xf32>
  return %a, %b : tensor<3x!quant.uniform<u8:f32, 0.1:300>>, tensor<3xf32>
}

// -----

// A per-axis axis out of range never reaches the import: the upstream
// quant.dcast verifier rejects it first.
func.func @negative_import_per_axis_axis_out_of_range(%q: tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{quantized dimension must be less than tensor rank}}
  %x = quant.dcast %q : tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>> to tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// -----

// A wrong number of per-axis scales is also rejected upstream first.
func.func @negative_import_per_axis_scale_count(%q: tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{quantized dimension size does not match number of scales}}
  %x = quant.dcast %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>> to tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}
