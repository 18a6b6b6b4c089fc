// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-pack-products{vector-width=48}))" -verify-diagnostics

// A vector width that is no whole number of 32-bit lanes is reported on the
// function, before anything is rewritten.
// expected-error @+1 {{vector-width must be a multiple of 32 bits and at least 64, got 48}}
func.func @bad_vector_width() {
  return
}
