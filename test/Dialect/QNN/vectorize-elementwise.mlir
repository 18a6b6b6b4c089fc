// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise))" --split-input-file | FileCheck %s
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=256}))" --split-input-file | FileCheck %s --check-prefix=W256

#id = affine_map<(d0) -> (d0)>

// A 1-D elementwise generic: full 16-lane vectors up to n - n % 16, then one
// masked step covering the n % 16 remaining elements.
// CHECK-LABEL: func.func @vectorize_1d
// CHECK-SAME: (%[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xi32>)
// CHECK: %[[N:.*]] = memref.dim %[[Y]]
// CHECK: %[[C16:.*]] = arith.constant 16 : index
// CHECK: %[[REM:.*]] = arith.remui %[[N]], %[[C16]]
// CHECK: %[[END:.*]] = arith.subi %[[N]], %[[REM]]
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %[[END]] step %[[C16]]
// CHECK:   %[[V:.*]] = vector.load %[[X]][%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK:   %[[R:.*]] = arith.fptosi %[[V]] : vector<16xf32> to vector<16xi32>
// CHECK:   vector.store %[[R]], %[[Y]][%[[I]]] : memref<?xi32>, vector<16xi32>
// CHECK: %[[MASK:.*]] = vector.create_mask %[[REM]] : vector<16xi1>
// CHECK: %[[T:.*]] = vector.maskedload %[[X]][%[[END]]], %[[MASK]]
// CHECK: %[[TR:.*]] = arith.fptosi %[[T]] : vector<16xf32> to vector<16xi32>
// CHECK: vector.maskedstore %[[Y]][%[[END]]], %[[MASK]], %[[TR]]
// CHECK-NOT: linalg.generic
// W256-LABEL: func.func @vectorize_1d
// W256: vector.load {{.*}} vector<8xf32>
// W256: vector.create_mask {{.*}} vector<8xi1>
func.func @vectorize_1d(%x: memref<?xf32>, %y: memref<?xi32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xi32>) {
  ^bb0(%in: f32, %out: i32):
    %i = arith.fptosi %in : f32 to i32
    linalg.yield %i : i32
  }
  return
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>

// Contiguous identity-layout buffers of any rank are collapsed into one
// flat loop; scalar constants in the body become splats.
// CHECK-LABEL: func.func @vectorize_collapse_2d
// CHECK: %[[XF:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1]] : memref<4x?xf32> into memref<?xf32>
// CHECK: %[[YF:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1]] : memref<4x?xf32> into memref<?xf32>
// CHECK: scf.for
// CHECK:   %[[V:.*]] = vector.load %[[XF]]
// CHECK:   %[[TWO:.*]] = arith.constant dense<2.000000e+00> : vector<16xf32>
// CHECK:   arith.mulf %[[V]], %[[TWO]] : vector<16xf32>
func.func @vectorize_collapse_2d(%x: memref<4x?xf32>, %y: memref<4x?xf32>) {
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x?xf32>) outs(%y : memref<4x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c2 = arith.constant 2.0 : f32
    %m = arith.mulf %in, %c2 : f32
    linalg.yield %m : f32
  }
  return
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>

// Per-channel inputs: one read through the inner dimension is a vector
// load, one read through an outer dimension is loaded once and broadcast.
// CHECK-LABEL: func.func @vectorize_per_channel
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32>, %[[ROW:.*]]: memref<?xf32>, %[[COL:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?x?xf32>)
// CHECK: scf.for %[[R:.*]] =
// CHECK:   scf.for %[[C:.*]] =
// CHECK:     %[[XV:.*]] = vector.load %[[X]][%[[R]], %[[C]]]
// CHECK:     %[[RS:.*]] = memref.load %[[ROW]][%[[R]]]
// CHECK:     %[[RV:.*]] = vector.broadcast %[[RS]] : f32 to vector<16xf32>
// CHECK:     %[[CV:.*]] = vector.load %[[COL]][%[[C]]]
func.func @vectorize_per_channel(%x: memref<?x?xf32>, %row: memref<?xf32>, %col: memref<?xf32>, %y: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [#id2, #row, #col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %row, %col : memref<?x?xf32>, memref<?xf32>, memref<?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%in: f32, %r: f32, %c: f32, %out: f32):
    %a = arith.mulf %in, %r : f32
    %b = arith.addf %a, %c : f32
    linalg.yield %b : f32
  }
  return
}

// -----

#t = affine_map<(d0, d1) -> (d1, d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>

// A transposed read has no unit-stride vector form: the generic is left
// for convert-linalg-to-loops.
// CHECK-LABEL: func.func @negative_transposed
// CHECK: linalg.generic
// CHECK-NOT: vector.load
func.func @negative_transposed(%x: memref<?x?xf32>, %y: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [#t, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
#none = affine_map<(d0) -> ()>

// A reduction is not elementwise: left alone.
// CHECK-LABEL: func.func @negative_reduction
// CHECK: linalg.generic
// CHECK-NOT: vector.
func.func @negative_reduction(%x: memref<?xf32>, %y: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #none], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%y : memref<f32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>

// A result truncated from i32 to i8: the widest loop computes four vectors
// and keeps the low byte of each lane with two byte shuffles, then stores
// 64 bytes at once; the 16-lane loop and the masked tail follow.
// CHECK-LABEL: func.func @vectorize_packed_i8
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %[[C64]]
// CHECK: %[[W0:.*]] = arith.fptosi {{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: %[[B0:.*]] = vector.bitcast %[[W0]] : vector<16xi32> to vector<64xi8>
// CHECK: %[[W1:.*]] = arith.fptosi {{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: %[[B1:.*]] = vector.bitcast %[[W1]] : vector<16xi32> to vector<64xi8>
// CHECK: %[[W2:.*]] = arith.fptosi {{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: %[[B2:.*]] = vector.bitcast %[[W2]] : vector<16xi32> to vector<64xi8>
// CHECK: %[[W3:.*]] = arith.fptosi {{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: %[[B3:.*]] = vector.bitcast %[[W3]] : vector<16xi32> to vector<64xi8>
// CHECK: %[[LO:.*]] = vector.shuffle %[[B0]], %[[B1]] [0, 4, 8, {{.*}}, 120, 124] : vector<64xi8>, vector<64xi8>
// CHECK: %[[HI:.*]] = vector.shuffle %[[B2]], %[[B3]] [0, 4, 8, {{.*}}, 120, 124] : vector<64xi8>, vector<64xi8>
// CHECK: %[[ALL:.*]] = vector.shuffle %[[LO]], %[[HI]] [0, 1, 2, {{.*}}, 62, 63] : vector<32xi8>, vector<32xi8>
// CHECK: vector.store %[[ALL]], %{{.*}}[%[[I]]] : memref<?xi8>, vector<64xi8>
// CHECK: scf.for {{.*}} step %{{.*}}
// CHECK:   arith.trunci {{.*}} : vector<16xi32> to vector<16xi8>
// CHECK:   vector.store {{.*}} : memref<?xi8>, vector<16xi8>
// CHECK: vector.maskedstore
func.func @vectorize_packed_i8(%x: memref<?xf32>, %y: memref<?xi8>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xi8>) {
  ^bb0(%in: f32, %out: i8):
    %i = arith.fptosi %in : f32 to i32
    %t = arith.trunci %i : i32 to i8
    linalg.yield %t : i8
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>

// The masked tail computes every lane, including masked-off zeros: a body
// with integer division (undefined for a zero divisor) stays scalar.
// CHECK-LABEL: func.func @negative_division
// CHECK: linalg.generic
// CHECK-NOT: vector.
func.func @negative_division(%a: memref<?xi32>, %b: memref<?xi32>, %y: memref<?xi32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<?xi32>, memref<?xi32>) outs(%y : memref<?xi32>) {
  ^bb0(%x: i32, %d: i32, %out: i32):
    %q = arith.divsi %x, %d : i32
    linalg.yield %q : i32
  }
  return
}

// -----

#id = affine_map<(d0) -> (d0)>

// A memref of i4 holds one element per byte, a vector of i4 is bit-packed:
// such buffers stay with scalar loops.
// CHECK-LABEL: func.func @negative_sub_byte_memref
// CHECK: linalg.generic
// CHECK-NOT: vector.load
func.func @negative_sub_byte_memref(%x: memref<?xi4>, %y: memref<?xi8>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xi4>) outs(%y : memref<?xi8>) {
  ^bb0(%in: i4, %out: i8):
    %e = arith.extsi %in : i4 to i8
    linalg.yield %e : i8
  }
  return
}
