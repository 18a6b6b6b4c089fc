// RUN: quant-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// With za != 0 and per-channel zw (one of them nonzero), the lowering is
// the raw i32 sum of products, row sums of a, column sums of w, and one
// epilogue: acc = P - zw[n] * R[m] - za * C[n] + K * za * zw[n] + bias[n],
// saturated to i32, then the float output stage with
// M32[n] = f32(f32(s_a * s_w[n]) / s_out), about [0.0025, 0.005] here.
// With K = 16 steps of bytes, no term but the bias can leave i32: they are
// summed in i32, and the bias is added with an i32 saturating add (the
// wrapped sum, or INT32_MIN / INT32_MAX by the sign of the first operand
// when both signs differ from the sum's).
// CHECK: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_asymmetric
// CHECK-SAME: (%[[AV:.*]]: tensor<4x16xi8>, %[[WV:.*]]: tensor<16x2xi8>, %[[BV:.*]]: tensor<2xi32>)
// CHECK: %[[ZERO:.*]] = linalg.fill
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[A]], #[[W]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AV]], %[[WV]] : tensor<4x16xi8>, tensor<16x2xi8>)
// CHECK:   arith.extui %{{.*}} : i8 to i32
// CHECK:   arith.extsi %{{.*}} : i8 to i32
// CHECK:   arith.muli
// CHECK:   arith.addi
// CHECK: %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[AV]] : tensor<4x16xi8>)
// CHECK: %[[CS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[WV]] : tensor<16x2xi8>)
// CHECK-DAG: %[[ZW:.*]] = arith.constant dense<[0, 3]> : tensor<2xi32>
// K * za * zw = 16 * 128 * [0, 3]
// CHECK-DAG: %[[KZAZW:.*]] = arith.constant dense<[0, 6144]> : tensor<2xi32>
// CHECK-DAG: %[[M32:.*]] = arith.constant dense<[0.00250000018, 0.00500000035]> : tensor<2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[R]], %[[CS]], %[[BV]], %[[ZW]], %[[KZAZW]], %[[M32]]
// CHECK: ^bb0(%[[PI:.*]]: i32, %[[RI:.*]]: i32, %[[CI:.*]]: i32, %[[BI:.*]]: i32, %[[ZWI:.*]]: i32, %[[KI:.*]]: i32, %[[MI:.*]]: f32, %{{.*}}: i8):
// CHECK:   %[[T1:.*]] = arith.muli %[[ZWI]], %[[RI]] : i32
// CHECK:   %[[T2:.*]] = arith.subi %[[PI]], %[[T1]] : i32
// CHECK:   %[[ZA:.*]] = arith.constant 128 : i32
// CHECK:   %[[T3:.*]] = arith.muli %[[ZA]], %[[CI]] : i32
// CHECK:   %[[T4:.*]] = arith.subi %[[T2]], %[[T3]] : i32
// CHECK:   %[[T:.*]] = arith.addi %[[T4]], %[[KI]] : i32
// CHECK:   %[[SUM:.*]] = arith.addi %[[T]], %[[BI]] : i32
// CHECK:   %[[X1:.*]] = arith.xori %[[T]], %[[SUM]] : i32
// CHECK:   %[[X2:.*]] = arith.xori %[[BI]], %[[SUM]] : i32
// CHECK:   %[[FLIPS:.*]] = arith.andi %[[X1]], %[[X2]] : i32
// CHECK:   %[[OVF:.*]] = arith.cmpi slt, %[[FLIPS]], %{{.*}} : i32
// CHECK:   %[[SIGN:.*]] = arith.shrsi %[[T]], %{{.*}} : i32
// CHECK:   %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK:   %[[LIMIT:.*]] = arith.xori %[[SIGN]], %[[MAX]] : i32
// CHECK:   %[[ACC:.*]] = arith.select %[[OVF]], %[[LIMIT]], %[[SUM]] : i32
// CHECK-NOT: i64
// CHECK:   %[[F:.*]] = arith.sitofp %[[ACC]] : i32 to f32
// CHECK:   arith.mulf %[[F]], %[[MI]] : f32
!a = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:1, {0.01, 0.02:3}>
!b = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!o = !quant.uniform<u8:f32, 0.2:3>
func.func @matmul_asymmetric(%a: tensor<4x16x!a>, %w: tensor<16x2x!w>, %b: tensor<2x!b>) -> tensor<4x2x!o> {
  %c = qnn.matmul %a, %w, %b : tensor<4x16x!a>, tensor<16x2x!w>, tensor<2x!b> -> tensor<4x2x!o>
  return %c : tensor<4x2x!o>
}

// -----

// Symmetric weights (zw = 0) and za = 0: no row or column sums at all, and
// an integer mode: the fixed-point multiplier of M = 0.5 * 0.25 / 0.5.
// CHECK-LABEL: func.func @matmul_symmetric_half_up
// CHECK: %[[P:.*]] = linalg.generic {{.*}}"reduction"
// CHECK-NOT: "reduction"
// CHECK: linalg.generic {{.*}} ins(%[[P]] : tensor<2x3xi32>)
// CHECK-NOT: arith.mulf
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.shrsi
// CHECK: linalg.yield
!a2 = !quant.uniform<i8:f32, 0.5>
!w2 = !quant.uniform<i8:f32, 0.25>
!o2 = !quant.uniform<i8:f32, 0.5>
func.func @matmul_symmetric_half_up(%a: tensor<2x8x!a2>, %w: tensor<8x3x!w2>) -> tensor<2x3x!o2> {
  %c = qnn.matmul %a, %w rounding(half_up) : tensor<2x8x!a2>, tensor<8x3x!w2> -> tensor<2x3x!o2>
  return %c : tensor<2x3x!o2>
}

// -----

// Constant weights and bias: the terms that depend on them alone fold into
// one constant per output channel, C[n] = K*za*zw[n] - za*sum_k w[k,n] +
// bias[n]: with K = 3, za = 128, zw = [0, 3], column sums [9, 12] and bias
// [100, -200], C = [-1152 + 100, 1152 - 1536 - 200] = [-1052, -584]. No
// column-sum loop is left; the row sums remain (zw != 0).
// CHECK-LABEL: func.func @matmul_constant_weights
// CHECK: %[[P:.*]] = linalg.generic {{.*}}"reduction"
// CHECK: %[[R:.*]] = linalg.generic {{.*}}"reduction"{{.*}} ins(%{{.*}} : tensor<2x3xi8>)
// CHECK-NOT: "reduction"
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[-1052, -584]> : tensor<2xi32>
// CHECK: linalg.generic {{.*}} ins(%[[P]], %[[R]], %{{.*}}, %[[C]]
!ca = !quant.uniform<u8:f32, 0.05:128>
!cw = !quant.uniform<i8:f32:1, {0.01, 0.02:3}>
!cb = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!co = !quant.uniform<u8:f32, 0.2:3>
func.func @matmul_constant_weights(%a: tensor<2x3x!ca>) -> tensor<2x2x!co> {
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xsi8> -> tensor<3x2x!cw>
  %b = qnn.constant dense<[100, -200]> : tensor<2xsi32> -> tensor<2x!cb>
  %c = qnn.matmul %a, %w, %b : tensor<2x3x!ca>, tensor<3x2x!cw>, tensor<2x!cb> -> tensor<2x2x!co>
  return %c : tensor<2x2x!co>
}

// -----

// A ReLU6 folded into the matmul (min(0.0) max(6.0)) is the output stage's
// saturation: quantize(0.0) = 3 and quantize(6.0) = 3 + 30 = 33 replace
// [0, 255], and no separate clamp follows.
// CHECK-LABEL: func.func @matmul_relu6_bounds
// CHECK: linalg.generic
// CHECK:   %[[Q:.*]] = arith.maxsi %{{.*}}, %c3_i64{{.*}} : i64
// CHECK:   %[[HI:.*]] = arith.constant 33 : i64
// CHECK:   arith.minsi %[[Q]], %[[HI]] : i64
// CHECK-NOT: arith.maxsi
// CHECK: return
!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>
func.func @matmul_relu6_bounds(%a: tensor<4x16x!qa>, %w: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %y = qnn.matmul %a, %w rounding(half_up) min(0.0) max(6.0) : tensor<4x16x!qa>, tensor<16x2x!qw> -> tensor<4x2x!qo>
  return %y : tensor<4x2x!qo>
}

// -----

// K = 65000 steps of u8 x s8 stay within i32 (at most 65000 * 255 * 128 =
// 2121600000, as the verifier requires), but with za = 128 the term
// za * sum_k w can add another 65000 * 128 * 128: the terms are summed in
// i64 and saturated to i32 once, at the end.
// CHECK-LABEL: func.func @matmul_long_k
// CHECK: linalg.generic {{.*}}"reduction"
// CHECK: linalg.generic
// CHECK:   arith.extsi %{{.*}} : i32 to i64
// CHECK:   arith.subi %{{.*}} : i64
// CHECK:   arith.maxsi %{{.*}} : i64
// CHECK:   arith.minsi %{{.*}} : i64
// CHECK:   arith.trunci %{{.*}} : i64 to i32
!da = !quant.uniform<u8:f32, 0.05:128>
!dw = !quant.uniform<i8:f32, 0.01>
!db = !quant.uniform<i32:f32, 5.0e-4>
!do = !quant.uniform<u8:f32, 0.1:5>
func.func @matmul_long_k(%a: tensor<2x65000x!da>, %w: tensor<65000x3x!dw>, %b: tensor<3x!db>) -> tensor<2x3x!do> {
  %c = qnn.matmul %a, %w, %b : tensor<2x65000x!da>, tensor<65000x3x!dw>, tensor<3x!db> -> tensor<2x3x!do>
  return %c : tensor<2x3x!do>
}

// -----

// An i32 result is the accumulator itself: the same terms, and the
// epilogue yields their sum with no output stage (no float, no clamp).
// CHECK-LABEL: func.func @matmul_accumulator_result
// CHECK-SAME: -> tensor<4x2xi32>
// CHECK: %[[P:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]}
// CHECK: %[[CS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]}
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[P]], %[[R]], %[[CS]]
// CHECK-SAME: outs(%{{.*}} : tensor<4x2xi32>)
// CHECK: ^bb0(%[[PI:.*]]: i32, %[[RI:.*]]: i32, %[[CI:.*]]: i32, %[[ZWI:.*]]: i32, %[[KI:.*]]: i32, %{{.*}}: i32):
// CHECK:   %[[T1:.*]] = arith.muli %[[ZWI]], %[[RI]] : i32
// CHECK:   %[[T2:.*]] = arith.subi %[[PI]], %[[T1]] : i32
// CHECK:   %[[ZA:.*]] = arith.constant 3 : i32
// CHECK:   %[[T3:.*]] = arith.muli %[[ZA]], %[[CI]] : i32
// CHECK:   %[[T4:.*]] = arith.subi %[[T2]], %[[T3]] : i32
// CHECK:   %[[T:.*]] = arith.addi %[[T4]], %[[KI]] : i32
// CHECK-NEXT: linalg.yield %[[T]] : i32
// CHECK: return %[[Y]] : tensor<4x2xi32>
!a = !quant.uniform<u8:f32, 1.0:3>
!w = !quant.uniform<i8:f32:1, {1.0:-1, 1.0:2}>
func.func @matmul_accumulator_result(%a: tensor<4x16x!a>, %w: tensor<16x2x!w>) -> tensor<4x2xi32> {
  %c = qnn.matmul %a, %w : tensor<4x16x!a>, tensor<16x2x!w> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}
