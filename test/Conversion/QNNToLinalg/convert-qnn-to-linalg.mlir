// RUN: quant-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// Quantize (PyTorch flavour, u8, even zero point): multiply by f32(1/s),
// clamp to [qmin - z, qmax - z], NaN to 0, then add 1.5 * 2^23 + z so that
// the float's low bits are the rounded, shifted value.
// CHECK-LABEL: func.func @quantize_u8
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>) -> tensor<?xi8>
// CHECK: %[[DIM:.*]] = tensor.dim %[[X]]
// CHECK: %[[INIT:.*]] = tensor.empty(%[[DIM]]) : tensor<?xi8>
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<?xf32>) outs(%[[INIT]] : tensor<?xi8>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK:   %[[INV:.*]] = arith.constant 1.000000e+01 : f32
// CHECK:   %[[P:.*]] = arith.mulf %[[IN]], %[[INV]] : f32
// CHECK:   %[[LO:.*]] = arith.constant -1.000000e+01 : f32
// CHECK:   %[[GT:.*]] = arith.cmpf ogt, %[[P]], %[[LO]]
// CHECK:   %[[C1:.*]] = arith.select %[[GT]], %[[P]], %[[LO]]
// CHECK:   %[[HI:.*]] = arith.constant 2.450000e+02 : f32
// CHECK:   %[[LT:.*]] = arith.cmpf olt, %[[C1]], %[[HI]]
// CHECK:   %[[C2:.*]] = arith.select %[[LT]], %[[C1]], %[[HI]]
// CHECK:   %[[NAN:.*]] = arith.cmpf uno, %[[P]], %[[P]]
// CHECK:   %[[C3:.*]] = arith.select %[[NAN]], %{{.*}}, %[[C2]]
// 1.5 * 2^23 + 10 = 12582922.0
// CHECK:   %[[K:.*]] = arith.constant 0x4B40000A : f32
// CHECK:   %[[S:.*]] = arith.addf %[[C3]], %[[K]]
// CHECK:   %[[BITS:.*]] = arith.bitcast %[[S]] : f32 to i32
// CHECK:   %[[Q:.*]] = arith.trunci %[[BITS]] : i32 to i8
// CHECK:   linalg.yield %[[Q]] : i8
func.func @quantize_u8(%x: tensor<?xf32>) -> tensor<?x!quant.uniform<u8:f32, 0.1:10>> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<?x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// ONNX flavour divides by the scale; an odd zero point is added as an
// integer (an odd float constant would round ties to odd).
// CHECK-LABEL: func.func @quantize_onnx_odd_zero_point
// CHECK: %[[S:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: arith.divf %{{.*}}, %[[S]] : f32
// CHECK: %[[K:.*]] = arith.constant 0x4B400000 : f32
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[K]]
// CHECK: %[[BITS:.*]] = arith.bitcast %[[SUM]] : f32 to i32
// CHECK: %[[Z:.*]] = arith.constant -3 : i32
// CHECK: %[[Q:.*]] = arith.addi %[[BITS]], %[[Z]] : i32
// CHECK: arith.trunci %[[Q]] : i32 to i8
func.func @quantize_onnx_odd_zero_point(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>> {
  %q = qnn.quantize %x flavour(onnx) : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

// 32-bit storage: round, add f32(z), clamp to floats just outside the range,
// convert to i64, clamp exactly in i64, NaN to the exact zero point.
// CHECK-LABEL: func.func @quantize_i32
// CHECK: %[[T:.*]] = math.roundeven
// CHECK: %[[ZF:.*]] = arith.constant 7.000000e+00 : f32
// CHECK: %[[V:.*]] = arith.addf %[[T]], %[[ZF]]
// CHECK: arith.constant -2.14748365E+9 : f32
// CHECK: arith.constant 2.14748365E+9 : f32
// CHECK: %[[I:.*]] = arith.fptosi %{{.*}} : f32 to i64
// CHECK: %[[QMIN:.*]] = arith.constant -2147483648 : i64
// CHECK: %[[I1:.*]] = arith.maxsi %[[I]], %[[QMIN]]
// CHECK: %[[QMAX:.*]] = arith.constant 2147483647 : i64
// CHECK: %[[I2:.*]] = arith.minsi %[[I1]], %[[QMAX]]
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[V]], %[[V]]
// CHECK: %[[ZI:.*]] = arith.constant 7 : i64
// CHECK: %[[R:.*]] = arith.select %[[NAN]], %[[ZI]], %[[I2]]
// CHECK: arith.trunci %[[R]] : i64 to i32
func.func @quantize_i32(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i32:f32, 0.5:7>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 0.5:7>>
  return %q : tensor<4x!quant.uniform<i32:f32, 0.5:7>>
}

// -----

// Dequantize: exact integer subtraction, one conversion, one multiply.
// CHECK-LABEL: func.func @dequantize_u8
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: f32):
// CHECK:   %[[W:.*]] = arith.extui %[[IN]] : i8 to i32
// CHECK:   %[[Z:.*]] = arith.constant 10 : i32
// CHECK:   %[[D:.*]] = arith.subi %[[W]], %[[Z]] : i32
// CHECK:   %[[F:.*]] = arith.sitofp %[[D]] : i32 to f32
// CHECK:   %[[S:.*]] = arith.constant 1.000000e-01 : f32
// CHECK:   %[[X:.*]] = arith.mulf %[[F]], %[[S]] : f32
// CHECK:   linalg.yield %[[X]] : f32
func.func @dequantize_u8(%q: tensor<3x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// 32-bit storage subtracts in i64 so that q - z cannot overflow.
// CHECK-LABEL: func.func @dequantize_u32
// CHECK: %[[W:.*]] = arith.extui %{{.*}} : i32 to i64
// CHECK: %[[D:.*]] = arith.subi %[[W]], %{{.*}} : i64
// CHECK: arith.sitofp %[[D]] : i64 to f32
func.func @dequantize_u32(%q: tensor<3x!quant.uniform<u32:f32, 0.5:7>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u32:f32, 0.5:7>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// double_round with M = s_in / s_out = 0.3 / 0.7: multiplier
// round(frexp(M).fraction * 2^31) = 1840700374, exponent -1, so no left
// shift and RoundingDivideByPOT by 1; all integer arithmetic.
// CHECK-LABEL: func.func @requantize_double_round
// CHECK-NOT: arith.mulf
// CHECK: %[[A:.*]] = arith.subi
// CHECK: %[[M:.*]] = arith.constant 1840700374 : i64
// CHECK: %[[AB:.*]] = arith.muli %[[A]], %[[M]] : i64
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant -1073741823 : i64
// CHECK: %[[HIGH:.*]] = arith.divsi %{{.*}}, %{{.*}} : i64
// CHECK: %[[RSHIFT:.*]] = arith.constant 1 : i64
// CHECK: arith.shrsi %[[HIGH]], %{{.*}} : i64
// CHECK: arith.constant -2 : i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
func.func @requantize_double_round(%q: tensor<?x!quant.uniform<i8:f32, 0.3:5>>) -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>> {
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
  return %r : tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
}

// -----

// half_up and half_away with M = 0.5 = 2^30 * 2^(0 - 31): one 64-bit
// product, rounded by the shift k = 31 - e = 31 with 2^(k-1) added.
// CHECK-LABEL: func.func @requantize_half_up
// CHECK: %[[M:.*]] = arith.constant 1073741824 : i64
// CHECK: %[[P:.*]] = arith.muli %{{.*}}, %[[M]] : i64
// CHECK: %[[K:.*]] = arith.constant 31 : i64
// CHECK: %[[H:.*]] = arith.constant 1073741824 : i64
// CHECK: %[[SUM:.*]] = arith.addi %[[P]], %[[H]] : i64
// CHECK: arith.shrsi %[[SUM]], %[[K]] : i64
// CHECK-LABEL: func.func @requantize_half_away
// CHECK: %[[P:.*]] = arith.muli %{{.*}}, %{{.*}} : i64
// CHECK: %[[UP:.*]] = arith.shrsi
// CHECK: %[[NEG:.*]] = arith.subi %{{.*}}, %[[P]] : i64
// CHECK: %[[DOWN:.*]] = arith.shrsi %[[NEG]]
// CHECK: %[[DOWNNEG:.*]] = arith.subi %{{.*}}, %[[DOWN]] : i64
// CHECK: %[[SIGN:.*]] = arith.cmpi sge, %[[P]]
// CHECK: arith.select %[[SIGN]], %[[UP]], %[[DOWNNEG]]
func.func @requantize_half_up(%q: tensor<8x!quant.uniform<i8:f32, 0.5>>) -> tensor<8x!quant.uniform<i8:f32, 1.0>> {
  %r = qnn.requantize %q rounding(half_up) : tensor<8x!quant.uniform<i8:f32, 0.5>> -> tensor<8x!quant.uniform<i8:f32, 1.0>>
  return %r : tensor<8x!quant.uniform<i8:f32, 1.0>>
}
func.func @requantize_half_away(%q: tensor<8x!quant.uniform<i8:f32, 0.5>>) -> tensor<8x!quant.uniform<i8:f32, 1.0>> {
  %r = qnn.requantize %q rounding(half_away) : tensor<8x!quant.uniform<i8:f32, 0.5>> -> tensor<8x!quant.uniform<i8:f32, 1.0>>
  return %r : tensor<8x!quant.uniform<i8:f32, 1.0>>
}

// -----

// float mode: dequantize then quantize in one body; the dequantized value
// cannot be NaN, so there is no NaN test.
// CHECK-LABEL: func.func @requantize_float
// CHECK: arith.sitofp
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK-NOT: arith.cmpf uno
// CHECK: linalg.yield
func.func @requantize_float(%q: tensor<8x!quant.uniform<u8:f32, 0.05:128>>) -> tensor<8x!quant.uniform<u8:f32, 0.04:120>> {
  %r = qnn.requantize %q : tensor<8x!quant.uniform<u8:f32, 0.05:128>> -> tensor<8x!quant.uniform<u8:f32, 0.04:120>>
  return %r : tensor<8x!quant.uniform<u8:f32, 0.04:120>>
}

// -----

// Per-axis parameters become constant vectors read through the axis;
// parameters equal for all channels stay scalar constants in the body.
// CHECK: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK: #[[AXIS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-DAG: %[[INV:.*]] = arith.constant dense<[2.000000e+00, 4.000000e+00, 1.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<[-1.290000e+02, -1.310000e+02, -1.280000e+02]> : tensor<3xf32>
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<[1.260000e+02, 1.240000e+02, 1.270000e+02]> : tensor<3xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<[1, 3, 0]> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[AXIS]], #[[AXIS]], #[[AXIS]], #[[AXIS]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[INV]], %[[LO]], %[[HI]], %[[ZP]] :
func.func @quantize_per_axis(%x: tensor<?x3xf32>) -> tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:3, 1.0}>> {
  %q = qnn.quantize %x : tensor<?x3xf32> -> tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:3, 1.0}>>
  return %q : tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:3, 1.0}>>
}

// -----

// A dynamic quantized axis is checked against the number of scales at run
// time, so that the per-channel constants are never read out of bounds.
// CHECK-LABEL: func.func @dequantize_per_axis_dynamic
// (convert-qnn-to-linalg-runtime-checks.mlir shows the checks of each op.)
// CHECK-DAG: %[[DIM:.*]] = tensor.dim
// CHECK-DAG: %[[N:.*]] = arith.constant 2 : index
// CHECK: qnn.check_size %[[DIM]] eq %[[N]], "qnn.dequantize: quantized axis 0 has size {0} but the type has {1} scales"
// CHECK: linalg.generic
func.func @dequantize_per_axis_dynamic(%x: tensor<?x!quant.uniform<i8:f32:0, {0.5:1, 0.25:3}>>) -> tensor<?xf32> {
  %q = qnn.dequantize %x : tensor<?x!quant.uniform<i8:f32:0, {0.5:1, 0.25:3}>> -> tensor<?xf32>
  return %q : tensor<?xf32>
}

// -----

// Scalars get the same arithmetic without a generic; 4-bit storage lives
// in an i8.
// CHECK-LABEL: func.func @quantize_scalar_u4
// CHECK-SAME: (%[[X:.*]]: f32) -> i8
// CHECK-NOT: linalg.generic
// CHECK: arith.mulf %[[X]]
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK: return %{{.*}} : i8
func.func @quantize_scalar_u4(%x: f32) -> !quant.uniform<u4:f32, 0.5:3> {
  %q = qnn.quantize %x : f32 -> !quant.uniform<u4:f32, 0.5:3>
  return %q : !quant.uniform<u4:f32, 0.5:3>
}

// -----

// storage_cast is free for whole-byte storage and extends or truncates
// between i4 and its i8 container (sign- or zero-extending by the storage's
// signedness); constants keep their bits.
// CHECK-LABEL: func.func @storage_cast_from_i4
// CHECK-SAME: (%[[X:.*]]: tensor<4xi4>) -> tensor<4xi8>
// CHECK: %[[E:.*]] = arith.extsi %[[X]] : tensor<4xi4> to tensor<4xi8>
// CHECK: return %[[E]]
func.func @storage_cast_from_i4(%x: tensor<4xi4>) -> tensor<4x!quant.uniform<i4:f32, 0.5>> {
  %q = qnn.storage_cast %x : tensor<4xi4> -> tensor<4x!quant.uniform<i4:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i4:f32, 0.5>>
}
// CHECK-LABEL: func.func @storage_cast_from_u4
// CHECK: arith.extui %{{.*}} : tensor<4xi4> to tensor<4xi8>
func.func @storage_cast_from_u4(%x: tensor<4xi4>) -> tensor<4x!quant.uniform<u4:f32, 0.5>> {
  %q = qnn.storage_cast %x : tensor<4xi4> -> tensor<4x!quant.uniform<u4:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<u4:f32, 0.5>>
}
// CHECK-LABEL: func.func @storage_cast_to_i4
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi4>
// CHECK: %[[T:.*]] = arith.trunci %[[X]] : tensor<4xi8> to tensor<4xi4>
// CHECK: return %[[T]]
func.func @storage_cast_to_i4(%q: tensor<4x!quant.uniform<i4:f32, 0.5>>) -> tensor<4xi4> {
  %i = qnn.storage_cast %q : tensor<4x!quant.uniform<i4:f32, 0.5>> -> tensor<4xi4>
  return %i : tensor<4xi4>
}
// CHECK-LABEL: func.func @storage_cast_u8
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-NEXT: return %[[X]]
func.func @storage_cast_u8(%x: tensor<4xi8>) -> tensor<4x!quant.uniform<u8:f32, 0.5>> {
  %q = qnn.storage_cast %x : tensor<4xi8> -> tensor<4x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.5>>
}
// CHECK-LABEL: func.func @constant_u8
// CHECK: %[[C:.*]] = arith.constant dense<[-1, 20, 30]> : tensor<3xi8>
// CHECK: return %[[C]]
func.func @constant_u8() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %c = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %c : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}

// -----

// Quantized values flowing through calls, scf.for and tensor ops are
// retyped to their storage containers.
// CHECK-LABEL: func.func @structural
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>, %[[N:.*]]: index) -> tensor<2xi8>
// CHECK: %[[LOOP:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[X]]) -> (tensor<4xi8>)
// CHECK:   %[[R:.*]] = func.call @identity(%[[ACC]]) : (tensor<4xi8>) -> tensor<4xi8>
// CHECK:   scf.yield %[[R]] : tensor<4xi8>
// CHECK: tensor.extract_slice %[[LOOP]][0] [2] [1] : tensor<4xi8> to tensor<2xi8>
!q = !quant.uniform<u8:f32, 0.1:10>
func.func @identity(%x: tensor<4x!q>) -> tensor<4x!q> {
  return %x : tensor<4x!q>
}
func.func @structural(%x: tensor<4x!q>, %n: index) -> tensor<2x!q> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (tensor<4x!q>) {
    %y = func.call @identity(%acc) : (tensor<4x!q>) -> tensor<4x!q>
    scf.yield %y : tensor<4x!q>
  }
  %s = tensor.extract_slice %r[0] [2] [1] : tensor<4x!q> to tensor<2x!q>
  return %s : tensor<2x!q>
}

// -----

// Quantized types nested in function and tuple types are retyped too.
// CHECK-LABEL: func.func @indirect
// CHECK-SAME: (%[[X:.*]]: tensor<3xi8>) -> tensor<3xi8>
// CHECK: %[[F:.*]] = constant @identity3 : (tensor<3xi8>) -> tensor<3xi8>
// CHECK: call_indirect %[[F]](%[[X]]) : (tensor<3xi8>) -> tensor<3xi8>
// CHECK-LABEL: func.func private @takes_tuple(tuple<i8, f32>)
!q3 = !quant.uniform<u8:f32, 0.1:10>
func.func @identity3(%x: tensor<3x!q3>) -> tensor<3x!q3> {
  return %x : tensor<3x!q3>
}
func.func @indirect(%x: tensor<3x!q3>) -> tensor<3x!q3> {
  %f = func.constant @identity3 : (tensor<3x!q3>) -> tensor<3x!q3>
  %r = func.call_indirect %f(%x) : (tensor<3x!q3>) -> tensor<3x!q3>
  return %r : tensor<3x!q3>
}
func.func private @takes_tuple(tuple<!q3, f32>)

// -----

// qnn.clamp: integer max and min with the bounds quantized at compile time
// (ReLU6 on u8 scale 0.05, zero point 10: [10, 130], 130 printed as the
// signless i8 -126), unsigned comparisons for unsigned storage, per channel
// for per-axis types.
// CHECK-LABEL: func.func @clamp_relu6
// CHECK: %[[LO:.*]] = arith.constant 10 : i8
// CHECK: %[[MAX:.*]] = arith.maxui %{{.*}}, %[[LO]] : i8
// CHECK: %[[HI:.*]] = arith.constant -126 : i8
// CHECK: arith.minui %[[MAX]], %[[HI]] : i8
// CHECK-LABEL: func.func @clamp_per_axis
// CHECK-DAG: arith.constant dense<[1, -3]> : tensor<2xi8>
// CHECK-DAG: arith.constant dense<[13, 21]> : tensor<2xi8>
// CHECK: arith.maxsi
// CHECK: arith.minsi
func.func @clamp_relu6(%x: tensor<?x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<?x!quant.uniform<u8:f32, 0.05:10>> {
  %r = qnn.clamp %x min(0.0) max(6.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
  return %r : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
}
func.func @clamp_per_axis(%x: tensor<?x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-3}>>) -> tensor<?x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-3}>> {
  %r = qnn.clamp %x min(0.0) max(6.0) : tensor<?x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-3}>>
  return %r : tensor<?x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-3}>>
}

// -----

// qnn.concat: inputs of another type are requantized into the result's
// (here float mode, from scale 0.1 to 0.2), inputs of the result's type go
// in as they are; then tensor.concat of the storage containers.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xi8>, %[[B:.*]]: tensor<2x?xi8>)
// CHECK: %[[RA:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<2x3xi8>)
// CHECK:   arith.sitofp
// CHECK:   arith.mulf
// CHECK: %[[C:.*]] = tensor.concat dim(1) %[[RA]], %[[B]] : (tensor<2x3xi8>, tensor<2x?xi8>) -> tensor<2x?xi8>
// CHECK: return %[[C]]
func.func @concat(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, %b: tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>) -> tensor<2x?x!quant.uniform<u8:f32, 0.2:4>> {
  %c = qnn.concat dim(1) %a, %b : tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, tensor<2x?x!quant.uniform<u8:f32, 0.2:4>> -> tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>
  return %c : tensor<2x?x!quant.uniform<u8:f32, 0.2:4>>
}

// -----

// qnn.max_pool2d: pad with the storage minimum (0 for u8), then linalg's
// unsigned max pooling with the op's strides and dilations.
// CHECK-LABEL: func.func @max_pool2d
// CHECK: %[[LOW:.*]] = arith.constant 0 : i8
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:   tensor.yield %[[LOW]] : i8
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[LOW]] : i8)
// CHECK: linalg.pooling_nhwc_max_unsigned {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x10x10x4xi8>, tensor<3x3xi8>) outs(%[[INIT]] : tensor<1x4x4x4xi8>)
func.func @max_pool2d(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>> {
  %y = qnn.max_pool2d %x kernel [3, 3] strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

// ui8 tensors (an ONNX importer's uint8) become signless i8 with the same
// bits: the signature, the storage_cast (a no-op) and constants.
// CHECK-LABEL: func.func @unsigned_storage
// CHECK-SAME: (%[[X:.*]]: tensor<3xi8>) -> (tensor<3xf32>, tensor<3xi8>)
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<3xi8>)
// CHECK:   arith.extui %{{.*}} : i8 to i32
// CHECK: arith.constant dense<[0, -56, -1]> : tensor<3xi8>
// CHECK: return %{{.*}}, %{{.*}} : tensor<3xf32>, tensor<3xi8>
func.func @unsigned_storage(%x: tensor<3xui8>) -> (tensor<3xf32>, tensor<3xui8>) {
  %q = qnn.storage_cast %x : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.5:10>>
  %f = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.5:10>> -> tensor<3xf32>
  %c = qnn.constant dense<[0, 200, 255]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.5:10>>
  %i = qnn.storage_cast %c : tensor<3x!quant.uniform<u8:f32, 0.5:10>> -> tensor<3xui8>
  return %f, %i : tensor<3xf32>, tensor<3xui8>
}
