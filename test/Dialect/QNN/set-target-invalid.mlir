// Target names LLVM does not know for the host are errors that name them.
// RUN: not quant-opt %s --qnn-set-target="target-cpu=nonsense" 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not quant-opt %s --qnn-set-target="target-features=+avx2,+nonsense" 2>&1 | FileCheck %s --check-prefix=FEATURE
// RUN: not quant-opt %s --qnn-set-target="target-features=avx2" 2>&1 | FileCheck %s --check-prefix=SIGN
// RUN: quant-opt %s --qnn-set-target="target-cpu=znver4 target-features=+avx512vnni,-avx512f" -o /dev/null

// CPU: error: qnn-set-target: unknown target-cpu 'nonsense': not a CPU LLVM knows for {{.*}} -mcpu=help lists them
// CPU-NOT: llvm.func
// FEATURE: error: qnn-set-target: unknown target-features entry '+nonsense': expected +name or -name of a feature LLVM knows
// SIGN: error: qnn-set-target: unknown target-features entry 'avx2': expected +name or -name

llvm.func @f() {
  llvm.return
}
