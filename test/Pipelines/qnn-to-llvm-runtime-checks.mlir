// The runtime-checks option of qnn-to-llvm: what a call whose dynamic
// sizes disagree does. runtime-checks.test runs each mode.
// RUN: quant-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=ABORT
// RUN: quant-opt %s --qnn-to-llvm=runtime-checks=status | FileCheck %s --check-prefix=STATUS
// RUN: quant-opt %s --qnn-to-llvm=runtime-checks=off | FileCheck %s --check-prefix=OFF
// RUN: not quant-opt %s --qnn-to-llvm=runtime-checks=bogus 2>&1 | FileCheck %s --check-prefix=BAD

// abort (the default): the located message on stderr, then abort().
// ABORT: llvm.mlir.global internal constant @{{.*}}("error: {{.*}}qnn-to-llvm-runtime-checks.mlir:[[# @LINE + 29]]:8: qnn.add: result dimension 0: rhs has size %lld but lhs has size %lld\0A\00")
// ABORT-LABEL: llvm.func @add(
// ABORT: llvm.cond_br
// ABORT: llvm.call @dprintf
// ABORT: llvm.call @abort
// ABORT-NOT: qnn.check_size

// status: the function and its C interface take a QNNStatus pointer last.
// STATUS: llvm.mlir.global internal constant @{{.*}}("{{.*}}qnn-to-llvm-runtime-checks.mlir:[[# @LINE + 21]]:8: qnn.add: result dimension 0: rhs has size %lld but lhs has size %lld\00")
// STATUS-LABEL: llvm.func @add(
// STATUS-SAME: %[[S:arg10]]: !llvm.ptr) -> !llvm.struct
// STATUS: llvm.call @snprintf
// STATUS-NOT: llvm.call @abort
// STATUS-LABEL: llvm.func @_mlir_ciface_add(
// STATUS-SAME: %arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr, %[[CS:arg3]]: !llvm.ptr)
// STATUS: llvm.call @add({{.*}}, %[[CS]])

// OFF-LABEL: llvm.func @add(
// OFF-NOT: dprintf
// OFF-NOT: snprintf
// OFF-NOT: abort
// OFF: llvm.return

// BAD: for the --runtime-checks option: Cannot find option named 'bogus'!

!q = !quant.uniform<i8:f32, 0.25:0>
func.func @add(%a: tensor<?xi8>, %b: tensor<?xi8>) -> tensor<?xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!q>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!q>
  %s = qnn.add %qa, %qb : tensor<?x!q>, tensor<?x!q> -> tensor<?x!q>
  %r = qnn.storage_cast %s : tensor<?x!q> -> tensor<?xi8>
  return %r : tensor<?xi8>
}
