// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=512 dot-product=true}))" | FileCheck %s
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=256 dot-product=true}))" | FileCheck %s --check-prefix=W256
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=512}))" | FileCheck %s --check-prefix=OFF

// A u8 x s8 byte product with the dot-product option: the reduction loop
// runs four steps per qnnx86.vpdpbusd up to K - K % 4 (8 of 10): four weight
// rows interleaved so that lane j holds w[k .. k+3, n + j], one 32-bit load
// of four activation bytes broadcast to every lane; the remaining steps
// keep the widened body. With 4 rows (fewer than a block of 8), no row
// blocking. Without the option, no dot product.
// CHECK-LABEL: func.func @products
// CHECK: %[[END:.*]] = arith.subi %c10{{[_0-9]*}}, %{{.*}} : index
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %[[END]] step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<16xi32>)
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
// CHECK: scf.for %{{.*}} = %[[END]] to
// CHECK:   arith.extui
// CHECK:   arith.muli
// W256-LABEL: func.func @products
// W256: qnnx86.vpdpbusd %{{.*}}, %{{.*}}, %{{.*}} : vector<32xi8>, vector<32xi8> -> vector<8xi32>
// OFF-LABEL: func.func @products
// OFF-NOT: qnnx86.vpdpbusd
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

// Signed activations (extsi on both sides) are not the instruction's
// u8 x s8 form: no dot product.
// CHECK-LABEL: func.func @signed_products
// CHECK-NOT: qnnx86.vpdpbusd
// CHECK: return
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

// With at least 8 rows, 8 rows share each interleaved weight vector: one
// set of four row loads and three shuffles, then 8 dot products, each with
// its own row's broadcast activation bytes; rows beyond a multiple of 8
// run one at a time.
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
