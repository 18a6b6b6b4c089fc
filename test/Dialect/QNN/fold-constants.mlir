// RUN: quant-opt %s --qnn-fold-constants --split-input-file | FileCheck %s

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>

// A ReLU6 of a matmul's only use becomes the matmul's own bounds.
// CHECK-LABEL: func.func @clamp_into_matmul
// CHECK-NEXT: %[[Y:.*]] = qnn.matmul %{{.*}}, %{{.*}} min(0.000000e+00) max(6.000000e+00) :
// CHECK-NEXT: return %[[Y]]
func.func @clamp_into_matmul(%a: tensor<4x16x!qa>, %w: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %y = qnn.matmul %a, %w : tensor<4x16x!qa>, tensor<16x2x!qw> -> tensor<4x2x!qo>
  %r = qnn.clamp %y min(0.0) max(6.0) : tensor<4x2x!qo>
  return %r : tensor<4x2x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.1:5>

// Two clamps in a row fold into the tighter bounds: min(max(0, -1)),
// max(min(6, 4)).
// CHECK-LABEL: func.func @clamps_into_conv
// CHECK-NEXT: %[[Y:.*]] = qnn.conv2d {{.*}} rounding(half_up) min(0.000000e+00) max(4.000000e+00) :
// CHECK-NEXT: return %[[Y]]
func.func @clamps_into_conv(%x: tensor<1x4x4x2x!qx>, %w: tensor<1x1x2x2x!qw>) -> tensor<1x4x4x2x!qo> {
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] rounding(half_up) : tensor<1x4x4x2x!qx>, tensor<1x1x2x2x!qw> -> tensor<1x4x4x2x!qo>
  %r = qnn.clamp %y min(0.0) max(6.0) : tensor<1x4x4x2x!qo>
  %s = qnn.clamp %r min(-1.0) max(4.0) : tensor<1x4x4x2x!qo>
  return %s : tensor<1x4x4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<u8:f32, 0.2:3>

// add, mul and avg_pool2d take their clamps too.
// CHECK-LABEL: func.func @clamp_into_add_mul_pool
// CHECK: qnn.add %{{.*}}, %{{.*}} min(0.000000e+00) :
// CHECK: qnn.mul %{{.*}}, %{{.*}} max(2.000000e+00) :
// CHECK: qnn.avg_pool2d %{{.*}} kernel [2, 2] strides [2, 2] padding [0, 0, 0, 0] min(0.000000e+00) :
// CHECK-NOT: qnn.clamp
func.func @clamp_into_add_mul_pool(%a: tensor<1x4x4x2x!qa>) -> (tensor<1x4x4x2x!qo>, tensor<1x4x4x2x!qo>, tensor<1x2x2x2x!qa>) {
  %s = qnn.add %a, %a : tensor<1x4x4x2x!qa>, tensor<1x4x4x2x!qa> -> tensor<1x4x4x2x!qo>
  %s2 = qnn.clamp %s min(0.0) : tensor<1x4x4x2x!qo>
  %p = qnn.mul %a, %a : tensor<1x4x4x2x!qa>, tensor<1x4x4x2x!qa> -> tensor<1x4x4x2x!qo>
  %p2 = qnn.clamp %p max(2.0) : tensor<1x4x4x2x!qo>
  %g = qnn.avg_pool2d %a kernel [2, 2] strides [2, 2] padding [0, 0, 0, 0] : tensor<1x4x4x2x!qa> -> tensor<1x2x2x2x!qa>
  %g2 = qnn.clamp %g min(0.0) : tensor<1x2x2x2x!qa>
  return %s2, %p2, %g2 : tensor<1x4x4x2x!qo>, tensor<1x4x4x2x!qo>, tensor<1x2x2x2x!qa>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>

// Not folded: the unclamped result has another use; the bounds would be
// disjoint (the clamp's min is above the op's max); a clamp of a
// non-compute op.
// CHECK-LABEL: func.func @no_fold
// CHECK: %[[Y:.*]] = qnn.matmul %{{.*}}, %{{.*}} :
// CHECK: qnn.clamp %[[Y]] min(0.000000e+00)
// CHECK: %[[Z:.*]] = qnn.matmul %{{.*}}, %{{.*}} max(1.000000e+00) :
// CHECK: qnn.clamp %[[Z]] min(2.000000e+00)
// CHECK: qnn.clamp %{{.*}} min(0.000000e+00) : tensor<4x16x
func.func @no_fold(%a: tensor<4x16x!qa>, %w: tensor<16x2x!qw>) -> (tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x16x!qa>) {
  %y = qnn.matmul %a, %w : tensor<4x16x!qa>, tensor<16x2x!qw> -> tensor<4x2x!qo>
  %r = qnn.clamp %y min(0.0) : tensor<4x2x!qo>
  %z = qnn.matmul %a, %w max(1.0) : tensor<4x16x!qa>, tensor<16x2x!qw> -> tensor<4x2x!qo>
  %s = qnn.clamp %z min(2.0) : tensor<4x2x!qo>
  %c = qnn.clamp %a min(0.0) : tensor<4x16x!qa>
  return %y, %r, %s, %c : tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x16x!qa>
}

// -----

!qw = !quant.uniform<i8:f32:1, {0.5, 0.25}>

// Constant float weights quantized in the graph become storage integers:
// 1.0 / 0.5 = 2, -1.0 / 0.25 = -4, 0.3 / 0.5 = 0.6 -> 1, 100 / 0.25 -> 127.
// CHECK-LABEL: func.func @quantize_constant_weights
// CHECK-NEXT: %[[C:.*]] = qnn.constant dense<{{\[}}[2, -4], [1, 127]]> : tensor<2x2xsi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {5.000000e-01,2.500000e-01}>>
// CHECK-NEXT: return %[[C]]
func.func @quantize_constant_weights() -> tensor<2x2x!qw> {
  %f = arith.constant dense<[[1.0, -1.0], [0.3, 100.0]]> : tensor<2x2xf32>
  %q = qnn.quantize %f : tensor<2x2xf32> -> tensor<2x2x!qw>
  return %q : tensor<2x2x!qw>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:1, {0.01, 0.02}>
!qb = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!qo = !quant.uniform<u8:f32, 0.2:3>

// Constant weights: sum (a - za)(w - zw) + bias = sum a (w - zw) + bias',
// bias'[n] = bias[n] - za * sum_k (w[k, n] - zw[n]):
//   n = 0: 100 - 128 * (1 + 3 + 5) = -1052
//   n = 1: -200 - 128 * (-2 + 4 + 6) = -1224
// and the activations are read with zero point 0 (the same storage).
// CHECK-LABEL: func.func @zero_point_into_bias
// CHECK-DAG: %[[B:.*]] = qnn.constant dense<[-1052, -1224]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32:0, {5.000000e-04,1.000000e-03}>>
// CHECK-DAG: %[[W:.*]] = qnn.constant dense<{{\[}}[1, -2], [3, 4], [5, 6]]>
// CHECK: %[[RAW:.*]] = qnn.storage_cast %{{.*}} : tensor<4x3x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<4x3xi8>
// CHECK: %[[A0:.*]] = qnn.storage_cast %[[RAW]] : tensor<4x3xi8> -> tensor<4x3x!quant.uniform<u8:f32, 5.000000e-02>>
// CHECK: qnn.matmul %[[A0]], %[[W]], %[[B]] :
func.func @zero_point_into_bias(%a: tensor<4x3x!qa>) -> tensor<4x2x!qo> {
  %w = qnn.constant dense<[[1, -2], [3, 4], [5, 6]]> : tensor<3x2xsi8> -> tensor<3x2x!qw>
  %b = qnn.constant dense<[100, -200]> : tensor<2xsi32> -> tensor<2x!qb>
  %y = qnn.matmul %a, %w, %b : tensor<4x3x!qa>, tensor<3x2x!qw>, tensor<2x!qb> -> tensor<4x2x!qo>
  return %y : tensor<4x2x!qo>
}

// -----

!qx = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32, 0.01:2>
!qo = !quant.uniform<i8:f32, 0.1:1>

// An unpadded convolution without bias gets one, with the float32 product
// of the scales, f32(0.05 * 0.01), as its scale:
// -za * sum (w - zw) over the 1x2x2 filter of each output channel,
//   f = 0: 3 * ((1 - 2) + (3 - 2)) = 0;  f = 1: 3 * ((2 - 2) + (7 - 2)) = 15.
// A padded one keeps za: its padded taps hold za and add nothing.
// CHECK-LABEL: func.func @zero_point_into_conv_bias
// CHECK: %[[B:.*]] = qnn.constant dense<[0, 15]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32, 5.0000002374872565E-4>>
// CHECK: qnn.conv2d %{{.*}}, %{{.*}}, %[[B]] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x3x3x2x!quant.uniform<i8:f32, 5.000000e-02>>,
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} strides [1, 1] dilations [1, 1] padding [0, 1, 0, 0] : tensor<1x3x3x2x!quant.uniform<i8:f32, 5.000000e-02:-3>>,
func.func @zero_point_into_conv_bias(%x: tensor<1x3x3x2x!qx>) -> (tensor<1x3x3x2x!qo>, tensor<1x3x4x2x!qo>) {
  %w = qnn.constant dense<[[[[1, 2], [3, 7]]]]> : tensor<1x1x2x2xsi8> -> tensor<1x1x2x2x!qw>
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x3x3x2x!qx>, tensor<1x1x2x2x!qw> -> tensor<1x3x3x2x!qo>
  %z = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 1, 0, 0] : tensor<1x3x3x2x!qx>, tensor<1x1x2x2x!qw> -> tensor<1x3x4x2x!qo>
  return %y, %z : tensor<1x3x3x2x!qo>, tensor<1x3x4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qb = !quant.uniform<i32:f32, 5.0e-4>
!qo = !quant.uniform<u8:f32, 0.2:3>

// Not folded when a folded bias would leave i32: 2147480000 - 128 * (-100)
// = 2147492800 > 2^31 - 1. The activations keep their zero point.
// CHECK-LABEL: func.func @zero_point_bias_overflow
// CHECK-NOT: qnn.storage_cast
// CHECK: qnn.matmul %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x100x!quant.uniform<u8:f32, 5.000000e-02:128>>
func.func @zero_point_bias_overflow(%a: tensor<4x100x!qa>) -> tensor<4x1x!qo> {
  %w = qnn.constant dense<-1> : tensor<100x1xsi8> -> tensor<100x1x!qw>
  %b = qnn.constant dense<2147480000> : tensor<1xsi32> -> tensor<1x!qb>
  %y = qnn.matmul %a, %w, %b : tensor<4x100x!qa>, tensor<100x1x!qw>, tensor<1x!qb> -> tensor<4x1x!qo>
  return %y : tensor<4x1x!qo>
}

// -----

// The same fold for an i32 result (the exact accumulator, as ONNX
// MatMulInteger gives): bias' = -za * sum_k (w[k, n] - zw[n]) with za = 3,
//   n = 0: -3 * ((1 + 1) + (3 + 1) + (5 + 1)) = -36
//   n = 1: -3 * (-2 + 4 + 6) = -24
// with scale 1.0 * 1.0.
!qa = !quant.uniform<u8:f32, 1.0:3>
!qw = !quant.uniform<i8:f32:1, {1.0:-1, 1.0}>
// CHECK-LABEL: func.func @zero_point_into_accumulator_bias
// CHECK-DAG: %[[B:.*]] = qnn.constant dense<[-36, -24]> : tensor<2xsi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.000000e+00,1.000000e+00}>>
// CHECK: %[[A0:.*]] = qnn.storage_cast %{{.*}} : tensor<4x3xi8> -> tensor<4x3x!quant.uniform<u8:f32, 1.000000e+00>>
// CHECK: qnn.matmul %[[A0]], %{{.*}}, %[[B]] : {{.*}} -> tensor<4x2xi32>
func.func @zero_point_into_accumulator_bias(%a: tensor<4x3x!qa>) -> tensor<4x2xi32> {
  %w = qnn.constant dense<[[1, -2], [3, 4], [5, 6]]> : tensor<3x2xsi8> -> tensor<3x2x!qw>
  %y = qnn.matmul %a, %w : tensor<4x3x!qa>, tensor<3x2x!qw> -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}
