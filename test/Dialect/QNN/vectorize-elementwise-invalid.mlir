// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=48}))" -verify-diagnostics

// expected-error @+1 {{vector-width must be a multiple of 32 bits and at least 64, got 48}}
func.func @negative_vector_width() {
  return
}
