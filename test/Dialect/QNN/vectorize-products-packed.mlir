// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd}))" --split-input-file | FileCheck %s
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=512 instruction=vpmaddwd}))" --split-input-file | FileCheck %s --check-prefix=OTHER
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=512 instruction=vpdpbusd}))" --split-input-file | FileCheck %s --check-prefix=VNNI
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd parallel=true}))" --split-input-file | FileCheck %s --check-prefix=PAR

#x = affine_map<(m, n, k) -> (m, k)>
#packed = affine_map<(m, n, k) -> (n floordiv 8, k floordiv 2, (n mod 8) * 2 + k mod 2)>
#c = affine_map<(m, n, k) -> (m, n)>

// Weights packed by qnn-pack-products (8 lanes, pairs of steps) and i16
// activations: each instruction step loads one packed vector of 16 bytes
// per column (no interleaving shuffles) and broadcasts one 32-bit word of
// two activations per row (no widening shuffle). K = 3: one whole pair,
// then the last step as one more pair whose second activation is masked
// off (its packed weight is zero padding), instead of a widened remainder.
// CHECK-LABEL: func.func @packed
// CHECK: scf.for %[[K:.*]] = %c0{{[_0-9]*}} to %[[END:.*]] step %c2{{[_0-9]*}} iter_args
// CHECK:   %[[KB:.*]] = arith.divui %[[K]], %c2{{[_0-9]*}} : index
// CHECK:   %[[Y:.*]] = vector.load %{{.*}}[%{{.*}}, %[[KB]], %c0{{[_0-9]*}}] : memref<2x2x16xi8>, vector<16xi8>
// CHECK:   %[[YS:.*]] = arith.extsi %[[Y]] : vector<16xi8> to vector<16xi16>
// CHECK:   %[[XW:.*]] = vector.load %{{.*}}[%{{.*}}, %[[K]]] : memref<4x3xi16>, vector<2xi16>
// CHECK:   %[[XB:.*]] = vector.bitcast %[[XW]] : vector<2xi16> to vector<1xi32>
// CHECK:   %[[XE:.*]] = vector.extract %[[XB]][0] : i32 from vector<1xi32>
// CHECK:   %[[XV:.*]] = vector.broadcast %[[XE]] : i32 to vector<8xi32>
// CHECK:   %[[XS:.*]] = vector.bitcast %[[XV]] : vector<8xi32> to vector<16xi16>
// CHECK:   qnnx86.vpmaddwd %[[XS]], %[[YS]] : vector<16xi16> -> vector<8xi32>
// CHECK-NOT: vector.shuffle
// CHECK: scf.for %[[T:.*]] = %[[END]] to %{{.*}} step %c2{{[_0-9]*}} iter_args
// CHECK:   %[[VALID:.*]] = arith.subi %{{.*}}, %[[T]] : index
// CHECK:   vector.load %{{.*}} : memref<2x2x16xi8>, vector<16xi8>
// CHECK:   %[[MASK:.*]] = vector.create_mask %[[VALID]] : vector<2xi1>
// CHECK:   vector.maskedload %{{.*}}[%{{.*}}, %[[T]]], %[[MASK]], %{{.*}} : memref<4x3xi16>, vector<2xi1>, vector<2xi16> into vector<2xi16>
// CHECK:   qnnx86.vpmaddwd
// CHECK-NOT: linalg.generic
// Packed for 8 lanes, vectorized for 16: the packed weights cannot be
// read as the other layout, and the generic is left for the scalar loops.
// OTHER-LABEL: func.func @packed
// OTHER: linalg.generic
// OTHER-NOT: qnnx86.vpmaddwd
func.func @packed(%x: memref<4x3xi16>, %w: memref<2x2x16xi8>, %out: memref<4x10xi32>) {
  linalg.generic {indexing_maps = [#x, #packed, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<4x3xi16>, memref<2x2x16xi8>) outs(%out : memref<4x10xi32>) {
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

// Run-time weights with 16 rows or more: packed once per call into a
// scratch buffer of the same layout (2 x 2 x 16 bytes for K = 3, N = 10),
// whole groups by plain loads, the ends of K and N by masked ones (zeros
// past them), then read as above. With fewer rows they are interleaved in
// the inner loop (@runtime_few_rows).
// CHECK-LABEL: func.func @runtime_weights
// CHECK-SAME: (%[[X:.*]]: memref<16x3xi16>, %[[W:.*]]: memref<3x10xi8>
// CHECK: %[[P:.*]] = memref.alloc() : memref<2x2x16xi8>
// CHECK: scf.for %[[NB:.*]] = %c0 to %c2
// CHECK:   scf.for %[[KB:.*]] = %c0 to %c2
// CHECK:     %[[V:.*]] = scf.if %{{.*}} -> (vector<16xi8>) {
// CHECK-COUNT-2: vector.load %[[W]][%{{.*}}, %{{.*}}] : memref<3x10xi8>, vector<8xi8>
// CHECK:       vector.shuffle %{{.*}}, %{{.*}} [0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15] : vector<8xi8>, vector<8xi8>
// CHECK:     } else {
// CHECK-COUNT-2: vector.maskedload %[[W]]
// CHECK:       vector.shuffle
// CHECK:     }
// CHECK:     vector.store %[[V]], %[[P]][%[[NB]], %[[KB]], %c0] : memref<2x2x16xi8>, vector<16xi8>
// CHECK: vector.load %[[P]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<2x2x16xi8>, vector<16xi8>
// CHECK: qnnx86.vpmaddwd
// CHECK-NOT: linalg.generic
// At 512 bits, the same: a scratch buffer of 16 lanes.
// OTHER-LABEL: func.func @runtime_weights
// OTHER: memref.alloc() : memref<1x2x32xi8>
func.func @runtime_weights(%x: memref<16x3xi16>, %w: memref<3x10xi8>, %out: memref<16x10xi32>) {
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<16x3xi16>, memref<3x10xi8>) outs(%out : memref<16x10xi32>) {
  ^bb0(%a: i16, %b: i8, %acc: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

// CHECK-LABEL: func.func @runtime_few_rows
// CHECK-NOT: memref.alloc
// CHECK: vector.shuffle
// CHECK: qnnx86.vpmaddwd
func.func @runtime_few_rows(%x: memref<15x3xi16>, %w: memref<3x10xi8>, %out: memref<15x10xi32>) {
  linalg.generic {indexing_maps = [#x, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<15x3xi16>, memref<3x10xi8>) outs(%out : memref<15x10xi32>) {
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
#packed4 = affine_map<(m, n, k) -> (n floordiv 16, k floordiv 4, (n mod 16) * 4 + k mod 4)>
#c = affine_map<(m, n, k) -> (m, n)>

// Weights packed for vpdpbusd on 16 lanes (groups of 4 steps, 64 bytes per
// vector), u8 activations: one 64-byte load per column and group, the
// group's four activation bytes broadcast as one word; K = 6: one whole
// group, then a group of 2 steps with the other two bytes masked off. The
// vpmaddwd runs leave the generic alone (another layout).
// VNNI-LABEL: func.func @packed_vnni
// VNNI: scf.for %[[K:.*]] = %c0{{[_0-9]*}} to %[[END:.*]] step %c4{{[_0-9]*}} iter_args
// VNNI:   %[[Y:.*]] = vector.load %{{.*}} : memref<1x2x64xi8>, vector<64xi8>
// VNNI:   %[[XW:.*]] = vector.load %{{.*}}[%{{.*}}, %[[K]]] : memref<8x6xi8>, vector<4xi8>
// VNNI:   vector.bitcast %[[XW]] : vector<4xi8> to vector<1xi32>
// VNNI:   qnnx86.vpdpbusd %{{.*}}, %{{.*}}, %[[Y]] : vector<64xi8>, vector<64xi8> -> vector<16xi32>
// VNNI-NOT: vector.shuffle
// VNNI: scf.for %{{.*}} = %[[END]] to %{{.*}} step %c4{{[_0-9]*}} iter_args
// VNNI:   vector.create_mask %{{.*}} : vector<4xi1>
// VNNI:   vector.maskedload %{{.*}} : memref<8x6xi8>, vector<4xi1>, vector<4xi8> into vector<4xi8>
// VNNI:   qnnx86.vpdpbusd
// VNNI-NOT: linalg.generic
// CHECK-LABEL: func.func @packed_vnni
// CHECK: linalg.generic
// OTHER-LABEL: func.func @packed_vnni
// OTHER: linalg.generic
func.func @packed_vnni(%x: memref<8x6xi8>, %w: memref<1x2x64xi8>, %out: memref<8x16xi32>) {
  linalg.generic {indexing_maps = [#x, #packed4, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x6xi8>, memref<1x2x64xi8>) outs(%out : memref<8x16xi32>) {
  ^bb0(%a: i8, %b: i8, %acc: i32):
    %ae = arith.extui %a : i8 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

// -----

#x = affine_map<(m, n, k) -> (m, k)>
#packed = affine_map<(m, n, k) -> (n floordiv 8, k floordiv 2, (n mod 8) * 2 + k mod 2)>
#c = affine_map<(m, n, k) -> (m, n)>

// A GEMV on packed weights streams each block's weights whole (no tiles of
// the reduction), so with `parallel` the blocks of output channels go to
// threads (2^22 multiply-adds).
// PAR-LABEL: func.func @gemv_packed
// PAR-NOT: step %c4
// PAR: scf.parallel
// PAR: vector.load %{{.*}} : memref<256x1024x16xi8>, vector<16xi8>
// CHECK-LABEL: func.func @gemv_packed
// OTHER-LABEL: func.func @gemv_packed
// VNNI-LABEL: func.func @gemv_packed
func.func @gemv_packed(%x: memref<1x2048xi16>, %w: memref<256x1024x16xi8>, %out: memref<1x2048xi32>) {
  linalg.generic {indexing_maps = [#x, #packed, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<1x2048xi16>, memref<256x1024x16xi8>) outs(%out : memref<1x2048xi32>) {
  ^bb0(%a: i16, %b: i8, %acc: i32):
    %ae = arith.extsi %a : i16 to i32
    %be = arith.extsi %b : i8 to i32
    %p = arith.muli %ae, %be : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}
