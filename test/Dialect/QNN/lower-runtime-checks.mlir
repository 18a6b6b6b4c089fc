// RUN: quant-opt %s --split-input-file --qnn-lower-runtime-checks | FileCheck %s --check-prefix=ABORT
// RUN: quant-opt %s --split-input-file --qnn-lower-runtime-checks=mode=status | FileCheck %s --check-prefix=STATUS
// RUN: quant-opt %s --split-input-file --qnn-lower-runtime-checks=mode=off | FileCheck %s --check-prefix=OFF

// abort: the message, prefixed with the checked op's location, goes to
// file descriptor 2 with its two sizes; then abort().
// ABORT-DAG: llvm.func @abort()
// ABORT-DAG: llvm.func @dprintf(i32, !llvm.ptr, ...) -> i32
// ABORT-DAG: llvm.mlir.global internal constant @[[MSG:.*]]("error: model.mlir:3:8: qnn.add: result dimension 0: rhs has size %lld but lhs has size %lld (100%%)\0A\00")
// ABORT-LABEL: func.func @f(
// ABORT-SAME: %[[A:.*]]: memref<?xi8>, %[[B:.*]]: memref<?xi8>) -> memref<?xi8>
// ABORT: %[[N:.*]] = memref.dim %[[A]]
// ABORT: %[[M:.*]] = memref.dim %[[B]]
// ABORT: %[[BAD:.*]] = arith.cmpi ne, %[[M]], %[[N]] : index
// ABORT: scf.if %[[BAD]] {
// ABORT:   %[[FD:.*]] = arith.constant 2 : i32
// ABORT:   %[[G:.*]] = llvm.mlir.addressof @[[MSG]]
// ABORT:   %[[FMT:.*]] = llvm.getelementptr %[[G]][0, 0]
// ABORT:   %[[M64:.*]] = arith.index_cast %[[M]] : index to i64
// ABORT:   %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// ABORT:   llvm.call @dprintf(%[[FD]], %[[FMT]], %[[M64]], %[[N64]]) vararg
// ABORT:   llvm.call @abort()
// ABORT: }
// ABORT: memref.alloc

// status: every defined function takes a QNNStatus pointer last; public
// ones clear it on entry. A failed check writes the message (snprintf into
// the 508 bytes after the i32 code), code 1, and returns a null descriptor.
// STATUS-DAG: llvm.func @snprintf(!llvm.ptr, i64, !llvm.ptr, ...) -> i32
// STATUS-DAG: llvm.mlir.global internal constant @[[MSG:.*]]("model.mlir:3:8: qnn.add: result dimension 0: rhs has size %lld but lhs has size %lld (100%%)\00")
// STATUS-LABEL: func.func @f(
// STATUS-SAME: %[[A:.*]]: memref<?xi8>, %[[B:.*]]: memref<?xi8>, %[[S:.*]]: !llvm.ptr) -> memref<?xi8>
// STATUS: %[[OK:.*]] = llvm.mlir.constant(0 : i32) : i32
// STATUS: llvm.store %[[OK]], %[[S]] : i32, !llvm.ptr
// STATUS: %[[NUL:.*]] = llvm.mlir.constant(0 : i8) : i8
// STATUS: %[[TEXT:.*]] = llvm.getelementptr %[[S]][4] : (!llvm.ptr) -> !llvm.ptr, i8
// STATUS: llvm.store %[[NUL]], %[[TEXT]] : i8, !llvm.ptr
// STATUS: %[[N:.*]] = memref.dim %[[A]]
// STATUS: %[[M:.*]] = memref.dim %[[B]]
// STATUS: %[[BAD:.*]] = arith.cmpi ne, %[[M]], %[[N]] : index
// STATUS: cf.cond_br %[[BAD]], ^[[FAIL:.*]], ^[[GO:.*]]
// STATUS: ^[[FAIL]]:
// STATUS: %[[SIZE:.*]] = llvm.mlir.constant(508 : i64) : i64
// STATUS: llvm.call @snprintf(%{{.*}}, %[[SIZE]], %{{.*}}, %{{.*}}, %{{.*}}) vararg
// STATUS: %[[CODE:.*]] = llvm.mlir.constant(1 : i32) : i32
// STATUS: llvm.store %[[CODE]], %[[S]] : i32, !llvm.ptr
// STATUS: %[[Z:.*]] = llvm.mlir.zero : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// STATUS: %[[NULL:.*]] = builtin.unrealized_conversion_cast %[[Z]] : {{.*}} to memref<?xi8>
// STATUS: return %[[NULL]] : memref<?xi8>
// STATUS: ^[[GO]]:
// STATUS: memref.alloc

// A call between two functions of the module passes the status on, and a
// failure of the callee returns at once (zero for a scalar result).
// STATUS-LABEL: func.func @g(
// STATUS-SAME: %[[S:[^:]*]]: !llvm.ptr) -> (memref<?xi8>, i32)
// STATUS: %[[R:.*]] = call @f(%{{.*}}, %{{.*}}, %[[S]])
// STATUS: %[[CODE:.*]] = llvm.load %[[S]] : !llvm.ptr -> i32
// STATUS: %[[BAD:.*]] = arith.cmpi ne, %[[CODE]], %{{.*}} : i32
// STATUS: cf.cond_br %[[BAD]], ^[[FAIL:.*]], ^[[GO:.*]]
// STATUS: ^[[FAIL]]:
// STATUS: llvm.mlir.zero
// STATUS: %[[ZERO:.*]] = arith.constant 0 : i32
// STATUS: return %{{.*}}, %[[ZERO]] : memref<?xi8>, i32
// STATUS: ^[[GO]]:
// STATUS: return %[[R]], %{{.*}} : memref<?xi8>, i32

// Declarations keep their signature.
// STATUS-LABEL: func.func private @external(memref<?xi8>)

// off: no check is left.
// OFF-LABEL: func.func @f(
// OFF-NOT: qnn.check_size
// OFF-NOT: llvm.call
// OFF: memref.alloc
func.func @f(%a: memref<?xi8>, %b: memref<?xi8>) -> memref<?xi8> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %a, %c0 : memref<?xi8>
  %m = memref.dim %b, %c0 : memref<?xi8>
  qnn.check_size %m eq %n, "qnn.add: result dimension 0: rhs has size {0} but lhs has size {1} (100%)" loc("model.mlir":3:8)
  %r = memref.alloc(%n) : memref<?xi8>
  return %r : memref<?xi8>
}

func.func @g(%a: memref<?xi8>, %b: memref<?xi8>) -> (memref<?xi8>, i32) {
  %r = call @f(%a, %b) : (memref<?xi8>, memref<?xi8>) -> memref<?xi8>
  %c = arith.constant 7 : i32
  return %r, %c : memref<?xi8>, i32
}

func.func private @external(memref<?xi8>)

// -----

// ge fails on a signed less-than; a size may appear twice, in any order;
// a location without a file is reported as unknown.
// ABORT: llvm.mlir.global internal constant @{{.*}}("error: unknown location: window: %lld < %lld (%lld)\0A\00")
// ABORT-LABEL: func.func @window
// ABORT: %[[BAD:.*]] = arith.cmpi slt, %arg0, %arg1 : index
// ABORT: scf.if %[[BAD]]
// ABORT-DAG: %[[SIZE:.*]] = arith.index_cast %arg0 : index to i64
// ABORT-DAG: %[[SPAN:.*]] = arith.index_cast %arg1 : index to i64
// ABORT-DAG: %[[SIZE2:.*]] = arith.index_cast %arg0 : index to i64
// ABORT: llvm.call @dprintf(%{{.*}}, %{{.*}}, %[[SIZE]], %[[SPAN]], %[[SIZE2]])
func.func @window(%size: index, %span: index) {
  qnn.check_size %size ge %span, "window: {0} < {1} ({0})" loc(unknown)
  return
}
