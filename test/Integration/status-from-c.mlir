// A C program calls a function compiled with runtime-checks=status through
// its C interface and include/quant/Runtime/QNNStatus.h: matching sizes
// give code 0 and the sums; a shorter rhs gives QNN_STATUS_SIZE_MISMATCH,
// the located message and a null result, and the program goes on.
// RUN: quant-opt %s --qnn-to-llvm="runtime-checks=status" -o %t.llvm.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.llvm.mlir -o %t.ll
// RUN: %clang -O2 -I%quant_src/include %S/Inputs/status_caller.c %t.ll -o %t.exe -Wno-override-module
// RUN: %t.exe | FileCheck %s

// CHECK: code 0, message '': 11 22 33 44 55
// CHECK: code 1 (size mismatch: 1), result null: {{.*}}status-from-c.mlir:[[# @LINE + 6]]:8: qnn.add: result dimension 0: rhs has size 3 but lhs has size 5

!q = !quant.uniform<i8:f32, 1.0:0>
func.func @add(%a: tensor<?xi8>, %b: tensor<?xi8>) -> tensor<?xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!q>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!q>
  %s = qnn.add %qa, %qb : tensor<?x!q>, tensor<?x!q> -> tensor<?x!q>
  %r = qnn.storage_cast %s : tensor<?x!q> -> tensor<?xi8>
  return %r : tensor<?xi8>
}
