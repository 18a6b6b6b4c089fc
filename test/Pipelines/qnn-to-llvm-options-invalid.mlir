// Bad qnn-to-llvm options stop the pipeline before it runs, with an error
// that names the value and no dump of the module.
// RUN: not quant-opt %s --qnn-to-llvm="target-cpu=nonsense" 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not quant-opt %s --pass-pipeline="builtin.module(qnn-to-llvm{target-cpu=nonsense})" 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not quant-opt %s --qnn-to-llvm="target-features=+nonsense" 2>&1 | FileCheck %s --check-prefix=FEATURE
// RUN: not quant-opt %s --qnn-to-llvm="qdq-rounding=toward_zero" 2>&1 | FileCheck %s --check-prefix=ROUNDING

// CPU: error: qnn-to-llvm: unknown target-cpu 'nonsense': not a CPU LLVM knows for
// CPU-NOT: func.func
// FEATURE: error: qnn-to-llvm: unknown target-features entry '+nonsense'
// FEATURE-NOT: func.func
// ROUNDING: error: qnn-to-llvm: unknown qdq-rounding 'toward_zero' (expected float, double_round, half_up or half_away)
// ROUNDING-NOT: func.func

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
