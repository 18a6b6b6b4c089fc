// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=512 instruction=vpdpbusd}))" --split-input-file | FileCheck %s
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpdpbusd}))" --split-input-file | FileCheck %s --check-prefix=W256
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=512}))" --split-input-file | FileCheck %s --check-prefix=OFF
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd}))" --split-input-file | FileCheck %s --check-prefix=PMADD
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=512 instruction=vpdpbusd parallel=true}))" --split-input-file | FileCheck %s --check-prefix=PAR
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-products{vector-width=256 instruction=vpmaddwd register-block=2,3}))" --split-input-file | FileCheck %s --check-prefix=BLOCK

// A u8 x s8 byte product with the dot-product option: the reduction loop
// runs four steps per qnnx86.vpdpbusd: four weight rows interleaved so that
// lane j holds w[k .. k+3, n + j], one 32-bit load of four activation bytes
// broadcast to every lane; the remaining steps keep the widened body. With
// 4 rows (fewer than a block of 8), no row blocking; and as each weight
// vector serves fewer than 6 rows, the reduction streams through the
// weights in tiles of 4 steps (10 = 4 + 4 + 2, the last tile left to the
// widened body). Without the option, no dot product.
// CHECK-LABEL: func.func @products
// CHECK: scf.for %[[KT:.*]] = %c0{{[_0-9]*}} to %c10{{[_0-9]*}} step %c4{{[_0-9]*}} {
// CHECK:   %[[KNEXT:.*]] = arith.addi %[[KT]], %c4
// CHECK:   %[[KHI:.*]] = arith.minui %[[KNEXT]], %c10
// CHECK:   %[[COUNT:.*]] = arith.subi %[[KHI]], %[[KT]] : index
// CHECK:   %[[REM:.*]] = arith.remui %[[COUNT]], %c4{{[_0-9]*}} : index
// CHECK:   %[[END:.*]] = arith.subi %[[KHI]], %[[REM]] : index
// CHECK:   scf.for %[[K:.*]] = %[[KT]] to %[[END]] step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<16xi32>)
// CHECK-COUNT-4: vector.load %{{.*}} : memref<10x20xi8>, vector<16xi8>
// CHECK:   %[[P01:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, 2, 18
// CHECK:   %[[P23:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, 2, 18
// CHECK:   %[[Y:.*]] = vector.shuffle %[[P01]], %[[P23]] [0, 1, 32, 33, 2, 3, 34, 35
// CHECK:   %[[Q:.*]] = vector.load %{{.*}}[%{{.*}}, %[[K]]] : memref<4x10xi8>, vector<4xi8>
// CHECK:   %[[W:.*]] = vector.bitcast %[[Q]] : vector<4xi8> to vector<1xi32>
// CHECK:   %[[S:.*]] = vector.extract %[[W]][0]
// CHECK:   %[[B:.*]] = vector.broadcast %[[S]] : i32 to vector<16xi32>
// CHECK:   %[[X:.*]] = vector.bitcast %[[B]] : vector<16xi32> to vector<64xi8>
// CHECK:   %[[D:.*]] = qnnx86.vpdpbusd %[[ACC]], %[[X]], %[[Y]] : vector<64xi8>, vector<64xi8> -> vector<16xi32>
// CHECK:   scf.yield %[[D]]
// CHECK: scf.for %{{.*}} = %[[END]] to %[[KHI]]
// CHECK:   arith.extui
// CHECK:   arith.muli
// W256-LABEL: func.func @products
// W256: qnnx86.vpdpbusd %{{.*}}, %{{.*}}, %{{.*}} : vector<32xi8>, vector<32xi8> -> vector<8xi32>
// OFF-LABEL: func.func @products
// OFF-NOT: qnnx86
// With vpmaddwd, two steps per instruction up to K - K % 2: two weight rows
// interleaved and sign-extended to i16 (lane j holds w[k, n + j] and
// w[k + 1, n + j]), the row's two activation bytes broadcast as one 16-bit
// word to half the width and zero-extended (lanes alternate a[m, k] and
// a[m, k + 1]), the i32 pair sums added to the accumulator.
// PMADD-LABEL: func.func @products
// PMADD: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c2{{[_0-9]*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<8xi32>)
// PMADD-COUNT-2: vector.load %{{.*}} : memref<10x20xi8>, vector<8xi8>
// PMADD:   %[[Y8:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15] : vector<8xi8>, vector<8xi8>
// PMADD:   %[[Y:.*]] = arith.extsi %[[Y8]] : vector<16xi8> to vector<16xi16>
// PMADD:   %[[PAIR:.*]] = vector.load %{{.*}}[%{{.*}}, %[[K]]] : memref<4x10xi8>, vector<2xi8>
// PMADD:   %[[WORD:.*]] = vector.bitcast %[[PAIR]] : vector<2xi8> to vector<1xi16>
// PMADD:   %[[S:.*]] = vector.extract %[[WORD]][0] : i16 from vector<1xi16>
// PMADD:   %[[B:.*]] = vector.broadcast %[[S]] : i16 to vector<8xi16>
// PMADD:   %[[B8:.*]] = vector.bitcast %[[B]] : vector<8xi16> to vector<16xi8>
// PMADD:   %[[X:.*]] = arith.extui %[[B8]] : vector<16xi8> to vector<16xi16>
// PMADD:   %[[P:.*]] = qnnx86.vpmaddwd %[[X]], %[[Y]] : vector<16xi16> -> vector<8xi32>
// PMADD:   %[[NEXT:.*]] = arith.addi %[[ACC]], %[[P]] : vector<8xi32>
// PMADD:   scf.yield %[[NEXT]]
func.func @products(%a: memref<4x10xi8>, %w: memref<10x20xi8>, %acc: memref<4x20xi32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w : memref<4x10xi8>, memref<10x20xi8>) outs(%acc : memref<4x20xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  return
}

// -----

// Signed activations (extsi on both sides) are not vpdpbusd's u8 x s8
// form: no dot product. vpmaddwd takes them, sign-extended.
// CHECK-LABEL: func.func @signed_products
// CHECK-NOT: qnnx86.vpdpbusd
// CHECK: return
// PMADD-LABEL: func.func @signed_products
// PMADD: %[[Y0:.*]] = arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// PMADD: %[[Y1:.*]] = arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// PMADD: %[[X:.*]] = arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// PMADD: qnnx86.vpmaddwd %[[X]], %[[Y0]]
// PMADD: qnnx86.vpmaddwd %[[X]], %[[Y1]]
func.func @signed_products(%a: memref<4x8xi8>, %w: memref<8x16xi8>, %acc: memref<4x16xi32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w : memref<4x8xi8>, memref<8x16xi8>) outs(%acc : memref<4x16xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  return
}

// -----

// With at least 8 rows, 8 rows share each interleaved weight vector: one
// set of four row loads and three shuffles, then 8 dot products, each with
// its own row's broadcast activation bytes; rows beyond a multiple of 8
// run one at a time. With `parallel`, a product this small (1152
// multiply-adds, fewer than 2^20) stays on one thread.
// PAR-LABEL: func.func @products_blocked
// PAR-NOT: scf.parallel
// PAR: return
// With vpmaddwd at 256 bits the register block is 6 rows x 2 vectors of
// columns: each interleaved weight vector serves 6 rows, each row's
// activation broadcast serves both columns.
// PMADD-LABEL: func.func @products_blocked
// PMADD: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16
// PMADD: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c6
// PMADD: %[[Y0:.*]] = arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// PMADD: %[[Y1:.*]] = arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// PMADD: qnnx86.vpmaddwd %[[X0:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X0]], %[[Y1]] :
// PMADD: qnnx86.vpmaddwd %[[X1:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X1]], %[[Y1]] :
// PMADD: qnnx86.vpmaddwd %[[X2:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X2]], %[[Y1]] :
// PMADD: qnnx86.vpmaddwd %[[X3:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X3]], %[[Y1]] :
// PMADD: qnnx86.vpmaddwd %[[X4:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X4]], %[[Y1]] :
// PMADD: qnnx86.vpmaddwd %[[X5:.*]], %[[Y0]] :
// PMADD: qnnx86.vpmaddwd %[[X5]], %[[Y1]] :
// PMADD-NOT: qnnx86.vpmaddwd
// PMADD: scf.yield
// CHECK-LABEL: func.func @products_blocked
// CHECK: scf.for %[[M:.*]] = %{{.*}} to %{{.*}} step %c8
// CHECK: %[[Y:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 32, 33
// CHECK-COUNT-8: qnnx86.vpdpbusd %{{.*}}, %{{.*}}, %[[Y]] :
// CHECK-NOT: vector.shuffle
// CHECK: scf.yield
func.func @products_blocked(%a: memref<9x8xi8>, %w: memref<8x16xi8>, %acc: memref<9x16xi32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w : memref<9x8xi8>, memref<8x16xi8>) outs(%acc : memref<9x16xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  return
}

// -----

#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#w = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// A matrix product (parallel m, n; reduction k) is vectorized along n, its
// innermost parallel loop. The k loop runs in cache tiles of 256 steps, the
// outermost loop; per tile, for each row and 16 columns (a widened body
// keeps the vector loop innermost), the accumulator vector is loaded once,
// carried through the tile's k steps (a broadcast of a[m, k] times the
// contiguous w[k, n:n+16]) and stored once; a masked step covers the last
// columns.
// CHECK-LABEL: func.func @vectorize_matmul_reduction
// CHECK-SAME: (%[[A:.*]]: memref<?x?xi32>, %[[W:.*]]: memref<?x?xi32>, %[[C:.*]]: memref<?x?xi32>)
// CHECK: %[[KDIM:.*]] = memref.dim %[[A]], %c1
// CHECK: scf.for %[[KT:.*]] = %{{.*}} to %[[KDIM]] step %c256 {
// CHECK:   %[[KNEXT:.*]] = arith.addi %[[KT]], %c256
// CHECK:   %[[KEND:.*]] = arith.minui %[[KNEXT]], %[[KDIM]]
// CHECK:   scf.for %[[M:.*]] =
// CHECK:     scf.for %[[N:.*]] =
// CHECK:       %[[ACC:.*]] = vector.load %[[C]][%[[M]], %[[N]]] : memref<?x?xi32>, vector<16xi32>
// CHECK:       %[[SUM:.*]] = scf.for %[[K:.*]] = %[[KT]] to %[[KEND]] step %{{.*}} iter_args(%[[CUR:.*]] = %[[ACC]]) -> (vector<16xi32>)
// CHECK:         %[[AS:.*]] = memref.load %[[A]][%[[M]], %[[K]]]
// CHECK:         %[[AV:.*]] = vector.broadcast %[[AS]] : i32 to vector<16xi32>
// CHECK:         %[[WV:.*]] = vector.load %[[W]][%[[K]], %[[N]]] : memref<?x?xi32>, vector<16xi32>
// CHECK:         %[[P:.*]] = arith.muli %[[AV]], %[[WV]] : vector<16xi32>
// CHECK:         %[[NEXT:.*]] = arith.addi %[[CUR]], %[[P]] : vector<16xi32>
// CHECK:         scf.yield %[[NEXT]] : vector<16xi32>
// CHECK:       vector.store %[[SUM]], %[[C]][%[[M]], %[[N]]]
// CHECK:   vector.create_mask
// CHECK:   scf.for
// CHECK:     vector.maskedload %[[C]]
// CHECK:     scf.for
// CHECK:     vector.maskedstore %[[C]]
func.func @vectorize_matmul_reduction(%a: memref<?x?xi32>, %w: memref<?x?xi32>, %c: memref<?x?xi32>) {
  linalg.generic {indexing_maps = [#a, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : memref<?x?xi32>, memref<?x?xi32>) outs(%c : memref<?x?xi32>) {
  ^bb0(%x: i32, %y: i32, %acc: i32):
    %p = arith.muli %x, %y : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

// -----

#in = affine_map<(d0, d1) -> (d0, d1)>
#out = affine_map<(d0, d1) -> (d0)>

// A row sum reduces along the contiguous dimension: the parallel dimension
// is not unit-stride in the input, so it stays with scalar loops.
// CHECK-LABEL: func.func @negative_row_sum
// CHECK: linalg.generic
func.func @negative_row_sum(%x: memref<?x?xi32>, %y: memref<?xi32>) {
  linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xi32>) outs(%y : memref<?xi32>) {
  ^bb0(%v: i32, %acc: i32):
    %s = arith.addi %acc, %v : i32
    linalg.yield %s : i32
  }
  return
}

// -----

// With `parallel`, a product of run-time sizes is distributed: the vector
// loop and the blocks of rows are one scf.parallel, the remaining rows
// another, and the masked last columns two more.
// PAR-LABEL: func.func @products_parallel
// PAR: scf.parallel (%{{.*}}, %{{.*}}) = (%c0{{[_0-9]*}}, %c0{{[_0-9]*}}) to (%[[NEND:.*]], %[[MEND:.*]]) step (%c16{{[_0-9]*}}, %c8{{[_0-9]*}})
// PAR-COUNT-8: qnnx86.vpdpbusd
// PAR: scf.reduce
// PAR: scf.parallel (%{{.*}}, %{{.*}}) = (%c0{{[_0-9]*}}, %[[MEND]]) to (%[[NEND]], %[[M:.*]]) step (%c16{{[_0-9]*}}, %c1{{[_0-9]*}})
// PAR: vector.create_mask
// PAR: scf.parallel (%{{.*}}) = (%c0{{[_0-9]*}}) to (%[[MEND]]) step (%c8{{[_0-9]*}})
// PAR: scf.parallel (%{{.*}}) = (%[[MEND]]) to (%[[M]]) step (%c1{{[_0-9]*}})
// PAR-NOT: scf.parallel
// PAR: return
// register-block=2,3 replaces the instruction's block: steps of 3 vectors
// of 8 columns and 2 rows, 6 instructions per pair of reduction steps.
// BLOCK-LABEL: func.func @products_parallel
// BLOCK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c24
// BLOCK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c2
// BLOCK: scf.for {{.*}} -> (vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>)
// BLOCK-COUNT-6: qnnx86.vpmaddwd
// BLOCK-NOT: qnnx86.vpmaddwd
// BLOCK: scf.yield
func.func @products_parallel(%a: memref<?x?xi8>, %w: memref<?x?xi8>, %acc: memref<?x?xi32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w : memref<?x?xi8>, memref<?x?xi8>) outs(%acc : memref<?x?xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  return
}

// -----

// A GEMV (one row per weight vector) streams through the weights in
// reduction tiles of 4 steps, whole rows in memory order, and stays on one
// thread under `parallel`: a fork per tile would cost more than the tile.
// CHECK-LABEL: func.func @gemv_streaming
// CHECK: %[[K:.*]] = memref.dim %{{.*}}, %c1
// CHECK: scf.for %{{.*}} = %c0{{[_0-9]*}} to %[[K]] step %c4{{[_0-9]*}} {
// CHECK: qnnx86.vpdpbusd
// PAR-LABEL: func.func @gemv_streaming
// PAR-NOT: scf.parallel
// PAR: return
func.func @gemv_streaming(%a: memref<1x?xi8>, %w: memref<?x?xi8>, %acc: memref<1x?xi32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w : memref<1x?xi8>, memref<?x?xi8>) outs(%acc : memref<1x?xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  return
}
