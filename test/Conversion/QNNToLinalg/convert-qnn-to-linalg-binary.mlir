// RUN: quant-opt %s --convert-qnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// qnn.add, integer mode: M_a = 0.05 / 0.2 = 0.25 and M_b = 0.1 / 0.2 = 0.5.
// The larger, 0.5 = 0.5 * 2^0, gives m = 2^30 and the shift k = 31; the
// other is rounded at the same shift: 0.25 * 2^31 = 2^29. One generic,
// with b (8) broadcast along the rows; half_away rounds |acc| half up and
// restores the sign, then adds z_out = 10 and clamps to [0, 255].
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK-DAG: %[[MA:.*]] = arith.constant 536870912 : i64
// CHECK-DAG: %[[MB:.*]] = arith.constant 1073741824 : i64
// CHECK-DAG: %[[K:.*]] = arith.constant 31 : i64
// CHECK-DAG: %[[ZA:.*]] = arith.constant 128 : i64
// CHECK-DAG: %[[ZB:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[ZO:.*]] = arith.constant 10 : i64
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK:   %[[A:.*]] = arith.subi %{{.*}}, %[[ZA]] : i64
// CHECK:   %[[TA:.*]] = arith.muli %[[A]], %[[MA]] : i64
// CHECK:   %[[B:.*]] = arith.subi %{{.*}}, %[[ZB]] : i64
// CHECK:   %[[TB:.*]] = arith.muli %[[B]], %[[MB]] : i64
// CHECK:   %[[ACC:.*]] = arith.addi %[[TA]], %[[TB]] : i64
// CHECK:   arith.shrsi %{{.*}}, %[[K]] : i64
// CHECK:   arith.cmpi sge, %[[ACC]]
// CHECK:   arith.addi %{{.*}}, %[[ZO]] : i64
// CHECK-NOT: arith.mulf
// CHECK: return
!a = !quant.uniform<u8:f32, 0.05:128>
!b = !quant.uniform<u8:f32, 0.1:3>
!o = !quant.uniform<u8:f32, 0.2:10>
func.func @add_broadcast(%a: tensor<4x8x!a>, %b: tensor<8x!b>) -> tensor<4x8x!o> {
  %y = qnn.add %a, %b rounding(half_away) : tensor<4x8x!a>, tensor<8x!b> -> tensor<4x8x!o>
  return %y : tensor<4x8x!o>
}

// -----

// qnn.mul, float mode: the exact i32 product (a - 128)(b - 3), then
// rne(f32(acc) * M32) with M32 = f32(f32(0.05 * 0.1) / 0.2) = 0.025 (the
// float32 nearest, 0.0250000022), clamped to [0 - 10, 255 - 10] and rounded
// through 1.5 * 2^23 + z_out (0x4B40000A). b (4x1) is read at column 0.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @mul_stretched
// CHECK-DAG: %[[MAGIC:.*]] = arith.constant 0x4B40000A : f32
// CHECK-DAG: %[[M:.*]] = arith.constant 0.0250000022 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]]
// CHECK:   %[[P:.*]] = arith.muli %{{.*}}, %{{.*}} : i32
// CHECK:   %[[F:.*]] = arith.sitofp %[[P]] : i32 to f32
// CHECK:   arith.mulf %[[F]], %[[M]] : f32
// CHECK:   arith.addf %{{.*}}, %[[MAGIC]] : f32
!a = !quant.uniform<u8:f32, 0.05:128>
!b = !quant.uniform<u8:f32, 0.1:3>
!o = !quant.uniform<u8:f32, 0.2:10>
func.func @mul_stretched(%a: tensor<4x8x!a>, %b: tensor<4x1x!b>) -> tensor<4x8x!o> {
  %y = qnn.mul %a, %b : tensor<4x8x!a>, tensor<4x1x!b> -> tensor<4x8x!o>
  return %y : tensor<4x8x!o>
}

// -----

// flavour(onnx): ONNX Runtime's QLinearAdd. With s_a = 0.5, s_b = 0.25,
// s_o = 1: r_a = 0.5, r_b = 0.25, c = 3 - fma(0.5, 10, 0.25 * 20) = -7;
// t = fma(a, 0.5, fma(b, 0.25, -7)), rounded to even, saturated (outside
// i32: qmin).
// CHECK-LABEL: func.func @add_onnx_flavour
// CHECK-DAG: %[[QMAX:.*]] = arith.constant 2.550000e+02 : f32
// CHECK-DAG: %[[QMIN:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[RA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[C:.*]] = arith.constant -7.000000e+00 : f32
// CHECK-DAG: %[[RB:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: linalg.generic
// CHECK: %[[FA:.*]] = arith.sitofp %{{.*}} : i32 to f32
// CHECK: %[[FB:.*]] = arith.sitofp %{{.*}} : i32 to f32
// CHECK: %[[T0:.*]] = math.fma %[[FB]], %[[RB]], %[[C]] : f32
// CHECK: %[[T:.*]] = math.fma %[[FA]], %[[RA]], %[[T0]] : f32
// CHECK: %[[R:.*]] = math.roundeven %[[T]] : f32
// CHECK: arith.cmpf oge, %[[R]]
// CHECK: arith.cmpf olt, %[[R]]
// CHECK: %[[LO:.*]] = arith.maximumf %[[R]], %[[QMIN]] : f32
// CHECK: %[[HI:.*]] = arith.minimumf %[[LO]], %[[QMAX]] : f32
// CHECK: %[[S:.*]] = arith.select %{{.*}}, %[[HI]], %[[QMIN]] : f32
// CHECK: arith.fptosi %[[S]] : f32 to i32
func.func @add_onnx_flavour(%a: tensor<4x!quant.uniform<u8:f32, 0.5:10>>, %b: tensor<4x!quant.uniform<u8:f32, 0.25:20>>) -> tensor<4x!quant.uniform<u8:f32, 1.0:3>> {
  %c = qnn.add %a, %b flavour(onnx) : tensor<4x!quant.uniform<u8:f32, 0.5:10>>, tensor<4x!quant.uniform<u8:f32, 0.25:20>> -> tensor<4x!quant.uniform<u8:f32, 1.0:3>>
  return %c : tensor<4x!quant.uniform<u8:f32, 1.0:3>>
}
