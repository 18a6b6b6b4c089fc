// RUN: quant-opt %s --convert-qnn-to-linalg -split-input-file -verify-diagnostics

// A quantized type the contract cannot honour is reported once, at the
// first op that carries it, even when that is not a qnn op.
// expected-error @+1 {{'func.func' op zero point 300 is outside the storage range [0, 255]}}
func.func @negative_zero_point_on_signature(%x: tensor<3x!quant.uniform<u8:f32, 0.1:300>>) {
  return
}

// -----

// A subnormal float32 scale (which the upstream type accepts) has no finite
// float32 reciprocal.
func.func @negative_subnormal_scale_in_body() {
  // expected-error @+1 {{'tensor.empty' op scale 1.000000e-40 is not a normal float32 number}}
  %e = tensor.empty() : tensor<3x!quant.uniform<i8:f32, 1.0e-40>>
  return
}

// -----

// A declaration has no body: its signature is checked all the same.
// expected-error @+1 {{'func.func' op zero point 300 is outside the storage range [0, 255]}}
func.func private @negative_declaration(tensor<3x!quant.uniform<u8:f32, 0.1:300>>)

// -----

// Types held in attributes (a global's type) are checked too.
// expected-error @+1 {{'ml_program.global' op zero point 300 is outside the storage range [0, 255]}}
ml_program.global private @negative_global(dense<1> : tensor<3xi8>) : tensor<3x!quant.uniform<u8:f32, 0.1:300>>

// -----

func.func @negative_upstream_cast_not_imported(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'quant.qcast' op must be imported into qnn ops first (run --qnn-import-quant before this pass)}}
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

func.func @negative_region_op(%x: tensor<3x!quant.uniform<u8:f32, 0.1:10>>, %pad: !quant.uniform<u8:f32, 0.1:10>) -> tensor<5x!quant.uniform<u8:f32, 0.1:10>> {
  // expected-error @+1 {{'tensor.pad' op has quantized operands, results or block arguments, which only qnn ops, func and scf ops, and ops without regions support; dequantize or storage_cast before it}}
  %p = tensor.pad %x low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %pad : !quant.uniform<u8:f32, 0.1:10>
  } : tensor<3x!quant.uniform<u8:f32, 0.1:10>> to tensor<5x!quant.uniform<u8:f32, 0.1:10>>
  return %p : tensor<5x!quant.uniform<u8:f32, 0.1:10>>
}
