// RUN: quant-opt %s --convert-qnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// dynamic_quantize: min and max reductions from 0 (minnumf / maxnumf skip
// NaN), scale = hi == lo ? 1 : (hi - lo) / 255, zp = rne(max(0, min(255,
// 0 - lo / scale))) with std::min / std::max's ordered compares, then the
// onnx-flavour quantization by the run-time scale: x / scale clamped to
// [0 - zp, 255 - zp] (NaN to the low bound), rounded, plus zp.
// CHECK-LABEL: func.func @dynamic_quantize
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>) -> (tensor<4x8xi8>, tensor<f32>, tensor<i8>)
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[QMAX:.*]] = arith.constant 2.550000e+02 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.reduce ins(%[[X]] : tensor<4x8xf32>) {{.*}} dimensions = [0, 1]
// CHECK:   arith.minnumf
// CHECK: %[[LO:.*]] = tensor.extract
// CHECK: linalg.reduce ins(%[[X]] : tensor<4x8xf32>) {{.*}} dimensions = [0, 1]
// CHECK:   arith.maxnumf
// CHECK: %[[HI:.*]] = tensor.extract
// CHECK: %[[RANGE:.*]] = arith.subf %[[HI]], %[[LO]] : f32
// CHECK: %[[DIV:.*]] = arith.divf %[[RANGE]], %[[QMAX]] : f32
// CHECK: %[[EQ:.*]] = arith.cmpf oeq, %[[HI]], %[[LO]] : f32
// CHECK: %[[SCALE:.*]] = arith.select %[[EQ]], %[[ONE]], %[[DIV]] : f32
// CHECK: %[[R:.*]] = arith.divf %[[LO]], %[[SCALE]] : f32
// CHECK: %[[INITIAL:.*]] = arith.subf %[[ZERO]], %[[R]] : f32
// CHECK: arith.cmpf olt, %[[INITIAL]], %[[QMAX]] : f32
// CHECK: arith.cmpf ogt
// CHECK: %[[ZPF:.*]] = math.roundeven
// CHECK: %[[ZPI:.*]] = arith.fptosi %[[ZPF]] : f32 to i32
// CHECK: %[[LB:.*]] = arith.subf %[[ZERO]], %[[ZPF]] : f32
// CHECK: %[[HB:.*]] = arith.subf %[[QMAX]], %[[ZPF]] : f32
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x8xf32>) outs(%{{.*}} : tensor<4x8xi8>)
// CHECK:   %[[V:.*]] = arith.divf %{{.*}}, %[[SCALE]] : f32
// CHECK:   arith.cmpf ogt, %[[V]], %[[LB]] : f32
// CHECK:   arith.cmpf olt, %{{.*}}, %[[HB]] : f32
// CHECK:   math.roundeven
// CHECK:   arith.fptosi
// CHECK:   arith.addi %{{.*}}, %[[ZPI]] : i32
// CHECK:   arith.trunci %{{.*}} : i32 to i8
// CHECK: %[[S:.*]] = tensor.from_elements %[[SCALE]] : tensor<f32>
// CHECK: %[[ZP8:.*]] = arith.trunci %[[ZPI]] : i32 to i8
// CHECK: %[[Z:.*]] = tensor.from_elements %[[ZP8]] : tensor<i8>
// CHECK: return %[[Y]], %[[S]], %[[Z]]
func.func @dynamic_quantize(%x: tensor<4x8xf32>) -> (tensor<4x8xui8>, tensor<f32>, tensor<ui8>) {
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<4x8xf32> -> tensor<4x8xui8>, tensor<f32>, tensor<ui8>
  return %y, %s, %z : tensor<4x8xui8>, tensor<f32>, tensor<ui8>
}

// -----

// matmul_integer: the raw products of qnn.matmul (u8 x i8, zero points 0),
// row sums of a, column sums of b, and
//   acc = P - zb[n] * R[m] - za * C[n] + za * zb[n] * K
// with za and zb read at run time (zb per column here, its length checked
// against N).
// CHECK-LABEL: func.func @matmul_integer
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xi8>, %[[B:.*]]: tensor<8x3xi8>, %[[ZA:.*]]: tensor<i8>, %[[ZB:.*]]: tensor<?xi8>) -> tensor<4x3xi32>
// CHECK-DAG: %[[K:.*]] = arith.constant 8 : i32
// CHECK: qnn.check_size %{{.*}} eq %{{.*}}, "qnn.matmul_integer: the rhs zero point has {0} elements but rhs has {1} columns"
// CHECK: %[[P:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<4x8xi8>, tensor<8x3xi8>)
// CHECK:   arith.extui %{{.*}} : i8 to i32
// CHECK:   arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<4x8xi8>) outs(%{{.*}} : tensor<4xi32>)
// CHECK:   arith.extui
// CHECK: %[[C:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<8x3xi8>) outs(%{{.*}} : tensor<3xi32>)
// CHECK:   arith.extsi
// CHECK: %[[ZA8:.*]] = tensor.extract %[[ZA]][] : tensor<i8>
// CHECK: %[[ZAI:.*]] = arith.extui %[[ZA8]] : i8 to i32
// CHECK: %[[ZBC:.*]] = tensor.cast %[[ZB]] : tensor<?xi8> to tensor<3xi8>
// CHECK: linalg.generic {{.*}} ins(%[[P]], %[[R]], %[[C]], %[[ZBC]] : tensor<4x3xi32>, tensor<4xi32>, tensor<3xi32>, tensor<3xi8>)
// CHECK: ^bb0(%[[PI:.*]]: i32, %[[RI:.*]]: i32, %[[CI:.*]]: i32, %[[ZBI:.*]]: i8, %{{.*}}: i32):
// CHECK:   %[[ZBW:.*]] = arith.extsi %[[ZBI]] : i8 to i32
// CHECK:   %[[T1:.*]] = arith.muli %[[ZBW]], %[[RI]] : i32
// CHECK:   %[[T2:.*]] = arith.subi %[[PI]], %[[T1]] : i32
// CHECK:   %[[T3:.*]] = arith.muli %[[ZAI]], %[[CI]] : i32
// CHECK:   %[[T4:.*]] = arith.subi %[[T2]], %[[T3]] : i32
// CHECK:   %[[T5:.*]] = arith.muli %[[ZAI]], %[[ZBW]] : i32
// CHECK:   %[[T6:.*]] = arith.muli %[[T5]], %[[K]] : i32
// CHECK:   %[[T7:.*]] = arith.addi %[[T4]], %[[T6]] : i32
// CHECK:   linalg.yield %[[T7]] : i32
func.func @matmul_integer(%a: tensor<4x8xui8>, %b: tensor<8x3xi8>, %za: tensor<ui8>, %zb: tensor<?xi8>) -> tensor<4x3xi32> {
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<4x8xui8>, tensor<8x3xi8>, tensor<ui8>, tensor<?xi8> -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// -----

// Leading dimensions of a are collapsed into M and expanded back.
// CHECK-LABEL: func.func @matmul_integer_batched
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<2x3x4xi8> into tensor<6x4xi8>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [2, 3, 5] : tensor<6x5xi32> into tensor<2x3x5xi32>
func.func @matmul_integer_batched(%a: tensor<2x3x4xi8>, %b: tensor<4x5xui8>, %za: tensor<i8>, %zb: tensor<ui8>) -> tensor<2x3x5xi32> {
  %y = qnn.matmul_integer %a, %b, %za, %zb : tensor<2x3x4xi8>, tensor<4x5xui8>, tensor<i8>, tensor<ui8> -> tensor<2x3x5xi32>
  return %y : tensor<2x3x5xi32>
}
