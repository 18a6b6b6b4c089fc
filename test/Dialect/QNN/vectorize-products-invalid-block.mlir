// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{register-block=6}))" -verify-diagnostics
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{register-block=0,2}))" -verify-diagnostics
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{register-block=6,17}))" -verify-diagnostics

// A register block needs two sizes, each from 1 to 16: one size, a zero
// and a 17 are reported on the function before anything is rewritten.
// expected-error @+1 {{register-block takes two sizes (rows, vectors of columns) from 1 to 16}}
func.func @negative_register_block() {
  return
}
