// RUN: quant-opt %s --convert-qnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// count_include_pad(false) with padding 1 around a 5x5 input, 3x3 windows
// at stride 2: corner windows hold 4 taps, edge windows 6, the centre 9.
// The window sums run over the input padded with z = 10 and the epilogue
// adds -9 * 10 = -90, so that acc = sum (q - 10) over the taps inside the
// input; the float multipliers f32(f32(s / s) / d) = f32(1 / d) form one
// 3x3 table read through (oh, ow).
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[POS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @avg_exclude_pad
// CHECK-DAG: %[[FOLD:.*]] = arith.constant -90 : i64
// CHECK-DAG: %[[M:.*]] = arith.constant dense<{{\[}}[2.500000e-01, 0.166666672, 2.500000e-01], [0.166666672, 0.111111112, 0.166666672], [2.500000e-01, 0.166666672, 2.500000e-01]]> : tensor<3x3xf32>
// CHECK-DAG: %[[Z:.*]] = arith.constant 10 : i8
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:   tensor.yield %[[Z]] : i8
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[PADDED]]
// CHECK: linalg.generic {indexing_maps = [{{.*}}, #[[POS]], {{.*}}]{{.*}} ins(%[[S]], %[[M]] :
// CHECK:   arith.addi %{{.*}}, %[[FOLD]] : i64
// CHECK:   arith.sitofp
// CHECK:   arith.mulf
!a = !quant.uniform<u8:f32, 0.05:10>
func.func @avg_exclude_pad(%x: tensor<1x5x5x3x!a>) -> tensor<1x3x3x3x!a> {
  %y = qnn.avg_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 1, 1] count_include_pad(false) : tensor<1x5x5x3x!a> -> tensor<1x3x3x3x!a>
  return %y : tensor<1x3x3x3x!a>
}

// -----

// One divisor for every window (the override, 3) and an integer mode: the
// multiplier 0.05 / 0.1 / 3 = 1/6 = 0.6666... * 2^-2 is one fixed-point
// constant, round(0.6666... * 2^31) = 1431655765, with the shift k = 33.
// CHECK-LABEL: func.func @avg_divisor_half_up
// CHECK-DAG: %[[M:.*]] = arith.constant 1431655765 : i64
// CHECK-DAG: %[[K:.*]] = arith.constant 33 : i64
// CHECK-NOT: tensor<{{.*}}xf32>
// CHECK: linalg.generic
// CHECK:   arith.muli %{{.*}}, %[[M]] : i64
// CHECK:   arith.shrsi %{{.*}}, %[[K]] : i64
!a = !quant.uniform<u8:f32, 0.05:10>
!o = !quant.uniform<u8:f32, 0.1:3>
func.func @avg_divisor_half_up(%x: tensor<1x4x4x2x!a>) -> tensor<1x2x2x2x!o> {
  %y = qnn.avg_pool2d %x kernel [2, 2] strides [2, 2] padding [0, 0, 0, 0] divisor(3) rounding(half_up) : tensor<1x4x4x2x!a> -> tensor<1x2x2x2x!o>
  return %y : tensor<1x2x2x2x!o>
}
