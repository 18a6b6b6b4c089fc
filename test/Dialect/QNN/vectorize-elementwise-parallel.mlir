// RUN: quant-opt %s --pass-pipeline="builtin.module(func.func(qnn-vectorize-elementwise{vector-width=256 parallel=true},canonicalize))" | FileCheck %s

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#ch = affine_map<(d0, d1) -> (d1)>
#id1 = affine_map<(d0) -> (d0)>

// With `parallel`, the loops outside the vector loop become one
// scf.parallel when the generic has 2^16 elements or more: rows of a
// per-channel output stage (256 x 256)...
// CHECK-LABEL: func.func @rows
// CHECK: scf.parallel (%[[I:.*]]) = (%c0) to (%c256) step (%c1) {
// CHECK:   scf.for %{{.*}} = %c0 to %{{.*}} step %c8
// CHECK:     vector.load %{{.*}}[%[[I]], %{{.*}}] : memref<256x256xi32>, vector<8xi32>
func.func @rows(%acc: memref<256x256xi32>, %bias: memref<256xi32>, %out: memref<256x256xi32>) {
  linalg.generic {indexing_maps = [#id2, #ch, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%acc, %bias : memref<256x256xi32>, memref<256xi32>) outs(%out : memref<256x256xi32>) {
  ^bb0(%a: i32, %b: i32, %o: i32):
    %s = arith.addi %a, %b : i32
    linalg.yield %s : i32
  }
  return
}

// ... chunks of 16384 elements of a flat one (the last chunk shorter)...
// CHECK-LABEL: func.func @flat
// CHECK: scf.parallel (%[[C:.*]]) = (%c0) to (%c100000) step (%c16384) {
// CHECK:   %[[NEXT:.*]] = arith.addi %[[C]], %c16384
// CHECK:   %[[END:.*]] = arith.minui %[[NEXT]], %c100000
// CHECK:   scf.for %{{.*}} = %[[C]] to %{{.*}} step %c8
// CHECK:   vector.maskedstore
func.func @flat(%x: memref<100000xi32>, %out: memref<100000xi32>) {
  linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : memref<100000xi32>) outs(%out : memref<100000xi32>) {
  ^bb0(%a: i32, %o: i32):
    %s = arith.addi %a, %a : i32
    linalg.yield %s : i32
  }
  return
}

// ... and a small one stays on one thread.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.parallel
// CHECK: scf.for
func.func @small(%x: memref<1000xi32>, %out: memref<1000xi32>) {
  linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : memref<1000xi32>) outs(%out : memref<1000xi32>) {
  ^bb0(%a: i32, %o: i32):
    %s = arith.addi %a, %a : i32
    linalg.yield %s : i32
  }
  return
}
