// qnn-set-target puts the CPU, its features and the preferred vector width
// on every llvm.func definition, and leaves declarations alone.
// RUN: quant-opt %s --qnn-set-target="target-cpu=znver4" | FileCheck %s --check-prefixes=CHECK,ZNVER4
// RUN: quant-opt %s --qnn-set-target="target-cpu=haswell" | FileCheck %s --check-prefixes=CHECK,HASWELL
// RUN: quant-opt %s --qnn-set-target="target-cpu=x86-64 target-features=+sse4.2,+popcnt vector-width=128" | FileCheck %s --check-prefixes=CHECK,EXPLICIT
// RUN: quant-opt %s --qnn-set-target | FileCheck %s --check-prefixes=CHECK,HOST
// Explicit features apply on top of the CPU's when the width is derived.
// RUN: quant-opt %s --qnn-set-target="target-cpu=znver4 target-features=+fma" | FileCheck %s --check-prefixes=CHECK,ADD
// RUN: quant-opt %s --qnn-set-target="target-cpu=znver4 target-features=-avx512f" | FileCheck %s --check-prefixes=CHECK,REMOVE
// sanitize-address: definitions carry sanitize_address, which clang's
// -fsanitize=address needs to instrument a function of LLVM IR input.
// RUN: quant-opt %s --qnn-set-target="target-cpu=haswell sanitize-address=1" | FileCheck %s --check-prefixes=CHECK,ASAN
// RUN: quant-opt %s --qnn-set-target="target-cpu=haswell" | FileCheck %s --check-prefixes=CHECK,NOASAN

// CHECK-LABEL: llvm.func @kernel
// ASAN-SAME: passthrough = ["sanitize_address"]
// NOASAN-NOT: sanitize_address
// ZNVER4-SAME: (){{.*}}attributes
// ZNVER4-SAME: prefer_vector_width = "512"
// ZNVER4-SAME: target_cpu = "znver4"
// ZNVER4-NOT: target_features
// ZNVER4: llvm.func @external
// ZNVER4-NOT: target_cpu
// HASWELL-SAME: prefer_vector_width = "256", target_cpu = "haswell"
// EXPLICIT-SAME: prefer_vector_width = "128", target_cpu = "x86-64", target_features = #llvm.target_features<["+sse4.2", "+popcnt"]>
// ADD-SAME: prefer_vector_width = "512", target_cpu = "znver4", target_features = #llvm.target_features<["+fma"]>
// REMOVE-SAME: prefer_vector_width = "256", target_cpu = "znver4", target_features = #llvm.target_features<["-avx512f"]>
// The host's CPU and its detected features are spelled out.
// HOST-SAME: target_cpu = "{{[a-z0-9-]+}}", target_features = #llvm.target_features<["+
llvm.func @kernel() {
  llvm.return
}
llvm.func @external()
