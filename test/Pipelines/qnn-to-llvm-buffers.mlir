// The pipeline fuses a chain of elementwise ops into one loop without
// intermediate buffers: a function allocates only what it returns, and a
// result written into a destination argument allocates nothing.
// RUN: quant-opt %s --qnn-to-llvm | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.1:10>
!i8 = !quant.uniform<i8:f32, 0.3:-5>

// quantize -> requantize -> dequantize -> arith.mulf: one loop (one masked
// tail load) and one allocation, for the result; nothing freed.
// CHECK-LABEL: llvm.func @chain(
// CHECK: llvm.call @malloc
// CHECK-NOT: llvm.call @malloc
// CHECK: llvm.intr.masked.load
// CHECK-NOT: llvm.intr.masked.load
// CHECK-NOT: llvm.call @free
// CHECK: llvm.return
func.func @chain(%x: tensor<?xf32>) -> tensor<?xf32> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  %r = qnn.requantize %q : tensor<?x!u8> -> tensor<?x!i8>
  %d = qnn.dequantize %r : tensor<?x!i8> -> tensor<?xf32>
  %m = arith.mulf %d, %x : tensor<?xf32>
  return %m : tensor<?xf32>
}

// CHECK-LABEL: llvm.func @in_place(
// CHECK-NOT: llvm.call @malloc
// CHECK: llvm.return
func.func @in_place(%x: tensor<?xf32>, %out: memref<?xi8>) {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  %i = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  bufferization.materialize_in_destination %i in restrict writable %out : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}

// A concatenation copies into strided pieces of its result: the copies are
// loops in the generated code, not calls of the runner library's
// memrefCopy, so that a shared object of this code links on its own.
// CHECK-LABEL: llvm.func @concat(
// CHECK-NOT: memrefCopy
// CHECK: llvm.return
// CHECK-NOT: llvm.func @memrefCopy
func.func @concat(%a: tensor<2x3x!u8>, %b: tensor<2x?x!u8>) -> tensor<2x?x!u8> {
  %c = qnn.concat dim(1) %a, %b : tensor<2x3x!u8>, tensor<2x?x!u8> -> tensor<2x?x!u8>
  return %c : tensor<2x?x!u8>
}
