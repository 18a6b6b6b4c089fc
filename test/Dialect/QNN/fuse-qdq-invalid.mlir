// RUN: quant-opt %s --qnn-fuse-qdq="rounding=toward_zero" -verify-diagnostics
// RUN: not quant-opt %s --qnn-fuse-qdq="rounding=toward_zero" 2>&1 | FileCheck %s

// An option is not in the IR: its error is not attached to an op, and the
// module is not printed with it.
// CHECK: error: qnn-fuse-qdq: unknown rounding mode 'toward_zero'
// CHECK-NOT: see current operation
// CHECK-NOT: func.func

// expected-error@unknown {{qnn-fuse-qdq: unknown rounding mode 'toward_zero' (expected float, double_round, half_up or half_away)}}
func.func @f() {
  return
}
