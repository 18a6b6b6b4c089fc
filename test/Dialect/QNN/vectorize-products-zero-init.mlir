// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd}))" --split-input-file | FileCheck %s

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// An accumulator buffer filled with zeros just for the product, reduced in
// one pass (K = 64, less than a cache tile): the accumulators start from
// zero registers instead of loads, and the fill goes.
// CHECK-LABEL: func.func @zero_filled
// CHECK-NOT: linalg.fill
// CHECK: %[[ZERO:.*]] = arith.constant dense<0> : vector<8xi32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]]
// CHECK-NOT: linalg.fill
func.func @zero_filled(%x: memref<8x64xi16>, %w: memref<64x16xi8>, %out: memref<8x16xi32>) {
  %zero = arith.constant 0 : i32
  linalg.fill ins(%zero : i32) outs(%out : memref<8x16xi32>)
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x64xi16>, memref<64x16xi8>) outs(%out : memref<8x16xi32>) {
  ^bb0(%a: i16, %b: i8, %acc: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

// -----

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// In cache tiles (K = 1000 > 256) the accumulators go through the buffer
// between tiles, so they load it, and the fill stays; a fill of ones is no
// zero initialization either.
// CHECK-LABEL: func.func @tiled
// CHECK: linalg.fill
// CHECK: vector.load %{{.*}} : memref<8x16xi32>, vector<8xi32>
// CHECK-LABEL: func.func @ones
// CHECK: linalg.fill
// CHECK: vector.load %{{.*}} : memref<8x16xi32>, vector<8xi32>
func.func @tiled(%x: memref<8x1000xi16>, %w: memref<1000x16xi8>, %out: memref<8x16xi32>) {
  %zero = arith.constant 0 : i32
  linalg.fill ins(%zero : i32) outs(%out : memref<8x16xi32>)
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x1000xi16>, memref<1000x16xi8>) outs(%out : memref<8x16xi32>) {
  ^bb0(%a: i16, %b: i8, %acc: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

func.func @ones(%x: memref<8x64xi16>, %w: memref<64x16xi8>, %out: memref<8x16xi32>) {
  %one = arith.constant 1 : i32
  linalg.fill ins(%one : i32) outs(%out : memref<8x16xi32>)
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x64xi16>, memref<64x16xi8>) outs(%out : memref<8x16xi32>) {
  ^bb0(%a: i16, %b: i8, %acc: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}
