// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd}))" --split-input-file | FileCheck %s

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>
#ch = affine_map<(m, n) -> (n)>

// The output stage of a product (an elementwise generic right after it,
// reading its accumulators with the identity map from a buffer nothing
// else reads) runs on the accumulator registers of each register block:
// the bias add and the narrowing are computed on the vpmaddwd results and
// stored as bytes; the accumulator buffer, its fill and the epilogue
// generic go.
// CHECK-LABEL: func.func @fused
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.fill
// CHECK: scf.for
// CHECK:   qnnx86.vpmaddwd
// CHECK: %[[B:.*]] = vector.load %{{.*}} : memref<16xi32>, vector<8xi32>
// CHECK: %[[S:.*]] = arith.addi %{{.*}}#0, %[[B]] : vector<8xi32>
// CHECK: %[[T:.*]] = arith.trunci %[[S]] : vector<8xi32> to vector<8xi8>
// CHECK: vector.store %[[T]], %{{.*}} : memref<8x16xi8>, vector<8xi8>
// CHECK-NOT: linalg.generic
// CHECK-NOT: memref<8x16xi32>
func.func @fused(%x: memref<8x64xi16>, %w: memref<64x16xi8>, %bias: memref<16xi32>, %out: memref<8x16xi8>) {
  %acc = memref.alloc() : memref<8x16xi32>
  %zero = arith.constant 0 : i32
  linalg.fill ins(%zero : i32) outs(%acc : memref<8x16xi32>)
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x64xi16>, memref<64x16xi8>) outs(%acc : memref<8x16xi32>) {
  ^bb0(%a: i16, %b: i8, %o: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  }
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel"]}
      ins(%acc, %bias : memref<8x16xi32>, memref<16xi32>) outs(%out : memref<8x16xi8>) {
  ^bb0(%a: i32, %b: i32, %o: i8):
    %s = arith.addi %a, %b : i32
    %t = arith.trunci %s : i32 to i8
    linalg.yield %t : i8
  }
  return
}

// -----

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>

// Accumulators that something else reads too (here the function's caller:
// the buffer is an argument) are stored, and the epilogue stays.
// CHECK-LABEL: func.func @kept
// CHECK: vector.store %{{.*}} : memref<8x16xi32>, vector<8xi32>
// CHECK: linalg.generic
func.func @kept(%x: memref<8x64xi16>, %w: memref<64x16xi8>, %acc: memref<8x16xi32>, %out: memref<8x16xi8>) {
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x64xi16>, memref<64x16xi8>) outs(%acc : memref<8x16xi32>) {
  ^bb0(%a: i16, %b: i8, %o: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%acc : memref<8x16xi32>) outs(%out : memref<8x16xi8>) {
  ^bb0(%a: i32, %o: i8):
    %t = arith.trunci %a : i32 to i8
    linalg.yield %t : i8
  }
  return
}

// -----

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>

// An output stage that writes over the product's activations (in place)
// would overwrite rows other register blocks still read: it stays apart.
// CHECK-LABEL: func.func @in_place
// CHECK: vector.store %{{.*}} : memref<8x16xi32>, vector<8xi32>
// CHECK: linalg.generic
func.func @in_place(%x: memref<8x16xi8>, %w: memref<16x16xi8>) {
  %acc = memref.alloc() : memref<8x16xi32>
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x16xi8>, memref<16x16xi8>) outs(%acc : memref<8x16xi32>) {
  ^bb0(%a: i8, %b: i8, %o: i32):
    %ae = arith.extui %a : i8 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%acc : memref<8x16xi32>) outs(%x : memref<8x16xi8>) {
  ^bb0(%a: i32, %o: i8):
    %t = arith.trunci %a : i32 to i8
    linalg.yield %t : i8
  }
  return
}
