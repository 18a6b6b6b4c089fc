// RUN: quant-opt %s -split-input-file -qnn-verify-llvm -verify-diagnostics

// All LLVM dialect: nothing to report.
llvm.func @f(%x: i32) -> i32 {
  llvm.return %x : i32
}

// -----

// expected-error @below {{qnn-to-llvm: 'func.func' has no lowering to the LLVM dialect: 'tuple<i32, f32>' has no LLVM form (pass its members separately)}}
func.func private @ext(tuple<i32, f32>)

// -----

llvm.func @g() {
  // expected-error @below {{qnn-to-llvm: 'arith.constant' has no lowering to the LLVM dialect}}
  %c = arith.constant 1 : i32
  llvm.return
}
