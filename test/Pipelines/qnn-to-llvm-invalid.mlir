// RUN: quant-opt %s -split-input-file --qnn-to-llvm -verify-diagnostics

// A signature whose types have no LLVM form is reported by the pipeline,
// not later by mlir-translate.
// expected-error @below {{qnn-to-llvm: 'func.func' has no lowering to the LLVM dialect: 'tuple<i32, f32>' has no LLVM form (pass its members separately)}}
func.func private @ext(tuple<i32, f32>)

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
