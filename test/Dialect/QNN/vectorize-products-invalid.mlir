// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=40}))" -verify-diagnostics

// A vector width that is no whole number of 32-bit lanes is reported on the
// function, before anything is rewritten.
// expected-error @+1 {{vector-width must be a multiple of 32 bits and at least 64, got 40}}
func.func @negative_vector_width() {
  return
}
