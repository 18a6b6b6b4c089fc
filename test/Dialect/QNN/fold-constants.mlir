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
