// RUN: quant-opt %s --convert-qnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// A constant filter: the weight-only terms fold into one constant per
// output channel, -za * sum(w[., ., ., f]) + bias[f], in i32 (with K = 8
// steps of bytes no term can leave i32):
//   f = 0: sum = 1+3+5-7+9+11+13+15 = 50,  -128 * 50 + 100 = -6300
//   f = 1: sum = -2+4+6+8+10-12+14+16 = 44, -128 * 44 - 200 = -5832
// The symmetric filter (zw = 0) needs no window sums. The padding (bottom
// and right) holds za = 128 (-128 as i8). double_round: the multipliers
// s_a * s_w[f] / s_out, 0.005 and 0.01, are both 0.64 * 2^e, so the
// fixed-point multiplier is one uniform constant and only the right shifts
// (7 and 6) differ per channel.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4, d2 + d5, d6)>
// CHECK-DAG: #[[FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)>
// CHECK-LABEL: func.func @conv_constant_filter
// CHECK-DAG: %[[M:.*]] = arith.constant 1374389504 : i64
// CHECK-DAG: %[[SHIFTS:.*]] = arith.constant dense<[7, 6]> : tensor<2xi64>
// CHECK-DAG: %[[FOLDED:.*]] = arith.constant dense<[-6300, -5832]> : tensor<2xi32>
// CHECK-DAG: %[[ZA:.*]] = arith.constant -128 : i8
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:   tensor.yield %[[ZA]] : i8
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[FILTER]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %{{.*}} : tensor<1x5x5x2xi8>, tensor<2x2x2x2xi8>)
// CHECK:   arith.extui
// CHECK:   arith.extsi
// CHECK:   arith.muli
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[FOLDED]], %[[SHIFTS]]
// CHECK:   %[[ACC:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK:   arith.muli %{{.*}}, %[[M]] : i64
// CHECK-NOT: linalg.generic
!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:3, {0.01, 0.02}>
!b = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!o = !quant.uniform<u8:f32, 0.1:5>
func.func @conv_constant_filter(%x: tensor<1x4x4x2x!a>) -> tensor<1x4x4x2x!o> {
  %w = qnn.constant dense<[[[[1, -2], [3, 4]], [[5, 6], [-7, 8]]], [[[9, 10], [11, -12]], [[13, 14], [15, 16]]]]> : tensor<2x2x2x2xsi8> -> tensor<2x2x2x2x!w>
  %b = qnn.constant dense<[100, -200]> : tensor<2xsi32> -> tensor<2x!b>
  %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1] padding [0, 0, 1, 1] rounding(double_round) : tensor<1x4x4x2x!a>, tensor<2x2x2x2x!w>, tensor<2x!b> -> tensor<1x4x4x2x!o>
  return %y : tensor<1x4x4x2x!o>
}

// -----

// Depthwise (groups = C = 3, one channel per group) with a run-time,
// asymmetric filter: no channel split, the group loop d3 is the innermost
// parallel loop; the filter's per-group input channel is the constant 0.
// Window sums of the activations (for zw = 2) and filter sums (for za = -3)
// are reductions of their own, and the epilogue adds K * za * zw =
// 9 * -3 * 2 = -54, all in i32.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5, 0, d3)>
// CHECK-DAG: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[FSUM:.*]] = affine_map<(d0, d1, d2) -> (d1, d2, 0, d0)>
// CHECK-LABEL: func.func @depthwise_asymmetric
// CHECK-DAG: %[[KZZ:.*]] = arith.constant -54 : i32
// CHECK-DAG: %[[ZW:.*]] = arith.constant 2 : i32
// CHECK-DAG: %[[ZA:.*]] = arith.constant -3 : i32
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[FILTER]], {{.*}}]
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], {{.*}}]
// CHECK-SAME: ins(%[[PADDED]], %{{.*}} : tensor<1x8x8x3xi8>, tensor<3x3xi8>) outs(%{{.*}} : tensor<1x3x3x3xi32>)
// CHECK: %[[F:.*]] = linalg.generic {indexing_maps = [#[[FSUM]], {{.*}}], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<3xi32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[S]], %[[F]] :
// CHECK:   arith.muli %{{.*}}, %[[ZW]] : i32
// CHECK:   arith.subi
// CHECK:   arith.muli %{{.*}}, %[[ZA]] : i32
// CHECK:   arith.subi
// CHECK:   arith.addi %{{.*}}, %[[KZZ]] : i32
!a = !quant.uniform<i8:f32, 0.05:-3>
!w = !quant.uniform<i8:f32, 0.01:2>
!o = !quant.uniform<i8:f32, 0.1:1>
func.func @depthwise_asymmetric(%x: tensor<1x6x6x3x!a>, %w: tensor<3x3x1x3x!w>) -> tensor<1x3x3x3x!o> {
  %y = qnn.conv2d %x, %w strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] groups(3) : tensor<1x6x6x3x!a>, tensor<3x3x1x3x!w> -> tensor<1x3x3x3x!o>
  return %y : tensor<1x3x3x3x!o>
}

// -----

// Groups with several channels on both sides: C = 4 and F = 6 split into
// (2 groups x 2) and (2 groups x 3) by expand_shape; the per-channel
// constants take the [groups, F / groups] shape; the result is collapsed
// back to NHWC.
// CHECK-LABEL: func.func @grouped
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2], [3, 4]] {{.*}} : tensor<1x5x5x4xi8> into tensor<1x5x5x2x2xi8>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2], [3, 4]] {{.*}} : tensor<1x1x2x6xi8> into tensor<1x1x2x2x3xi8>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x5x5x2x2xi8>, tensor<1x1x2x2x3xi8>) outs(%{{.*}} : tensor<1x5x5x2x3xi32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x5x5x2x3xi8>)
// CHECK: tensor.collapse_shape %[[Y]] {{\[}}[0], [1], [2], [3, 4]] : tensor<1x5x5x2x3xi8> into tensor<1x5x5x6xi8>
!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:3, {0.01, 0.02, 0.03, 0.04, 0.05, 0.06}>
!o = !quant.uniform<u8:f32, 0.1:5>
func.func @grouped(%x: tensor<1x5x5x4x!a>, %w: tensor<1x1x2x6x!w>) -> tensor<1x5x5x6x!o> {
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] groups(2) rounding(half_up) : tensor<1x5x5x4x!a>, tensor<1x1x2x6x!w> -> tensor<1x5x5x6x!o>
  return %y : tensor<1x5x5x6x!o>
}

// -----

// Dynamic N, H and W: the result's H and W are computed from the padded
// input, after a run-time check that it is not smaller than the window
// (which would otherwise wrap the size around).
// CHECK-LABEL: func.func @conv_dynamic
// (convert-qnn-to-linalg-runtime-checks.mlir shows the checks of each op.)
// CHECK: %[[H:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: %[[PH:.*]] = affine.apply #{{.*}}()[%[[H]]]
// CHECK: qnn.check_size %[[PH]] ge %c3, "qnn.conv2d: dimension 1: the padded input has size {0}, smaller than the window's span {1}"
// CHECK: qnn.check_size %{{.*}} ge %c3, "qnn.conv2d: dimension 2: the padded input has size {0}, smaller than the window's span {1}"
// CHECK: tensor.pad
!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32, 0.01>
!o = !quant.uniform<u8:f32, 0.1:5>
func.func @conv_dynamic(%x: tensor<?x?x?x2x!a>, %w: tensor<3x3x2x4x!w>) -> tensor<?x?x?x4x!o> {
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] : tensor<?x?x?x2x!a>, tensor<3x3x2x4x!w> -> tensor<?x?x?x4x!o>
  return %y : tensor<?x?x?x4x!o>
}
