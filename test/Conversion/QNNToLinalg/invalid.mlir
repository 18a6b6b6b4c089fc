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
