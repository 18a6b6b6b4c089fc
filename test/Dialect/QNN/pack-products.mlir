// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-pack-products{vector-width=256 instruction=vpmaddwd}))" --split-input-file | FileCheck %s
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-pack-products{vector-width=128 instruction=vpdpbusd}))" --split-input-file | FileCheck %s --check-prefix=VNNI
// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-pack-products{vector-width=256}))" --split-input-file | FileCheck %s --check-prefix=OFF

#a = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// Constant weights w[k][n] = 16 * k + n, K = 3, N = 10, packed at compile
// time. vpmaddwd on 8 lanes: [ceil(10 / 8), ceil(3 / 2), 8 * 2] = 2 x 2 x
// 16 bytes, lane j of [nb, kb] holding w[2 kb][8 nb + j], w[2 kb + 1][8 nb
// + j]; k = 3 and n = 10..15 are zero padding. The activations are widened
// to i16 once (as the body extended them: unsigned), and the body extends
// the i16 values as signed.
// CHECK-DAG: #[[PACKED:.*]] = affine_map<(d0, d1, d2) -> (d1 floordiv 8, d2 floordiv 2, (d1 mod 8) * 2 + d2 mod 2)>
// CHECK-LABEL: func.func @constant_weights
// CHECK-SAME: (%[[A:.*]]: tensor<4x3xi8>
// CHECK-NOT: tensor<3x10xi8>
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[}}0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23], [32, 0, 33, 0, 34, 0, 35, 0, 36, 0, 37, 0, 38, 0, 39, 0]], {{\[\[}}8, 24, 9, 25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [40, 0, 41, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]> : tensor<2x2x16xi8>
// CHECK: %[[X:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<4x3xi8>) outs(%{{.*}} : tensor<4x3xi16>)
// CHECK:   arith.extui %{{.*}} : i8 to i16
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[PACKED]], #{{.*}}], {{.*}} ins(%[[X]], %[[W]] : tensor<4x3xi16>, tensor<2x2x16xi8>)
// CHECK:   ^bb0(%[[XI:.*]]: i16, %[[WI:.*]]: i8, %{{.*}}: i32):
// CHECK:   arith.extsi %[[XI]] : i16 to i32
// CHECK:   arith.extsi %[[WI]] : i8 to i32
// Groups of 4 steps for vpdpbusd on 4 lanes: [3, 1, 16].
// VNNI-DAG: #[[PACKED4:.*]] = affine_map<(d0, d1, d2) -> (d1 floordiv 4, d2 floordiv 4, (d1 mod 4) * 4 + d2 mod 4)>
// VNNI-LABEL: func.func @constant_weights
// VNNI: %[[W:.*]] = arith.constant dense<{{\[\[\[}}0, 16, 32, 0, 1, 17, 33, 0, 2, 18, 34, 0, 3, 19, 35, 0]], {{.*}} : tensor<3x1x16xi8>
// VNNI: linalg.generic {indexing_maps = [#{{.*}}, #[[PACKED4]], #{{.*}}], {{.*}} ins(%{{.*}}, %[[W]] : tensor<4x3xi8>, tensor<3x1x16xi8>)
// VNNI:   arith.extui %{{.*}} : i8 to i32
// Without an instruction, nothing changes.
// OFF-LABEL: func.func @constant_weights
// OFF: arith.constant dense<{{.*}}> : tensor<3x10xi8>
// OFF-NOT: floordiv
// OFF-NOT: i16
func.func @constant_weights(%a: tensor<4x3xi8>) -> tensor<4x10xi32> {
  %w = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
                             [16, 17, 18, 19, 20, 21, 22, 23, 24, 25],
                             [32, 33, 34, 35, 36, 37, 38, 39, 40, 41]]> : tensor<3x10xi8>
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4x10xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e : tensor<4x10xi32>) -> tensor<4x10xi32>
  %r = linalg.generic {indexing_maps = [#a, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : tensor<4x3xi8>, tensor<3x10xi8>) outs(%init : tensor<4x10xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<4x10xi32>
  return %r : tensor<4x10xi32>
}

// -----

#a = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// Run-time weights keep their layout (the vectorizer interleaves them);
// the activations are still widened for vpmaddwd. vpdpbusd takes u8 x s8
// only: i8 activations leave the product as it is.
// CHECK-LABEL: func.func @runtime_weights
// CHECK-SAME: (%[[A:.*]]: tensor<?x8xi8>, %[[W:.*]]: tensor<8x16xi8>
// CHECK: %[[D:.*]] = tensor.dim %[[A]], %c0
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x8xi16>
// CHECK: %[[X:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<?x8xi8>) outs(%[[E]] : tensor<?x8xi16>)
// CHECK:   arith.extsi %{{.*}} : i8 to i16
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[W]] : tensor<?x8xi16>, tensor<8x16xi8>)
// VNNI-LABEL: func.func @runtime_weights
// VNNI-NOT: floordiv
// VNNI-NOT: i16
func.func @runtime_weights(%a: tensor<?x8xi8>, %w: tensor<8x16xi8>, %init: tensor<?x16xi32>) -> tensor<?x16xi32> {
  %r = linalg.generic {indexing_maps = [#a, #w, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : tensor<?x8xi8>, tensor<8x16xi8>) outs(%init : tensor<?x16xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<?x16xi32>
  return %r : tensor<?x16xi32>
}
