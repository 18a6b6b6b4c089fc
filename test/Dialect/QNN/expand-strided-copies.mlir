// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-expand-strided-copies))" | FileCheck %s

// A copy into a strided view becomes a linalg.copy (loops, no runtime
// call); a copy between contiguous buffers stays a memref.copy (memcpy).
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[SRC:.*]]: memref<2x3xi8>, %[[DST:.*]]: memref<2x5xi8>, %[[OTHER:.*]]: memref<2x3xi8>)
// CHECK: %[[VIEW:.*]] = memref.subview %[[DST]]
// CHECK: linalg.copy ins(%[[SRC]] : memref<2x3xi8>) outs(%[[VIEW]] : memref<2x3xi8, strided<[5, 1]>>)
// CHECK: memref.copy %[[SRC]], %[[OTHER]] : memref<2x3xi8> to memref<2x3xi8>
func.func @copies(%src: memref<2x3xi8>, %dst: memref<2x5xi8>, %other: memref<2x3xi8>) {
  %view = memref.subview %dst[0, 0] [2, 3] [1, 1] : memref<2x5xi8> to memref<2x3xi8, strided<[5, 1]>>
  memref.copy %src, %view : memref<2x3xi8> to memref<2x3xi8, strided<[5, 1]>>
  memref.copy %src, %other : memref<2x3xi8> to memref<2x3xi8>
  return
}
