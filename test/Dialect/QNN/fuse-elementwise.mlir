// RUN: quant-opt %s --qnn-fuse-elementwise --split-input-file | FileCheck %s

#id = affine_map<(d0) -> (d0)>

// dequantize (init: tensor.empty) -> mulf whose init is the dequantized
// tensor itself, as convert-elementwise-to-linalg writes it: the init is
// only a shape, so it is replaced by an empty tensor and the two generics
// fuse into one.
// CHECK-LABEL: func.func @fuse_through_reused_init
// CHECK-SAME: (%[[Q:.*]]: tensor<?xi8>, %[[X:.*]]: tensor<?xf32>)
// CHECK: %[[E:.*]] = tensor.empty
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[Q]], %[[X]] : tensor<?xi8>, tensor<?xf32>) outs(%[[E]] : tensor<?xf32>)
// CHECK:   arith.sitofp
// CHECK:   arith.mulf
// CHECK:   arith.mulf
// CHECK: return %[[R]]
// CHECK-NOT: linalg.generic
func.func @fuse_through_reused_init(%q: tensor<?xi8>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %q, %c0 : tensor<?xi8>
  %e = tensor.empty(%n) : tensor<?xf32>
  %d = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%q : tensor<?xi8>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: i8, %out: f32):
    %w = arith.extsi %in : i8 to i32
    %f = arith.sitofp %w : i32 to f32
    %s = arith.constant 0.5 : f32
    %m = arith.mulf %f, %s : f32
    linalg.yield %m : f32
  } -> tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%d, %x : tensor<?xf32>, tensor<?xf32>) outs(%d : tensor<?xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// An init whose value the body reads (an accumulation) is kept.
// CHECK-LABEL: func.func @negative_init_is_read
// CHECK: linalg.generic {{.*}} outs(%[[ACC:.*]] : tensor<4xf32>)
// CHECK-NOT: tensor.empty
func.func @negative_init_is_read(%x: tensor<4xf32>, %acc: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %s = arith.addf %a, %out : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col0 = affine_map<(d0) -> (d0, 0)>
#in = affine_map<(d0) -> (d0)>

// An init that the output map does not cover entirely (column 0 only) keeps
// its other values: it is not replaced by an empty tensor.
// CHECK-LABEL: func.func @negative_partial_output
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[INIT:.*]]: tensor<4x2xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[INIT]] : tensor<4x2xf32>)
func.func @negative_partial_output(%x: tensor<4xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %r = linalg.generic {indexing_maps = [#in, #col0], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%init : tensor<4x2xf32>) {
  ^bb0(%a: f32, %out: f32):
    linalg.yield %a : f32
  } -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
