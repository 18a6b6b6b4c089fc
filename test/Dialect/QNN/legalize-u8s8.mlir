// RUN: quant-opt %s --qnn-legalize-u8s8 --split-input-file | FileCheck %s

!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:1, {0.01, 0.02}>
!qo = !quant.uniform<u8:f32, 0.2:3>

// i8 activations of an i8 x i8 product are read as u8 with the zero point
// shifted by 128 (-3 -> 125): a requantize with a multiplier of 1, exact in
// any integer mode. The product itself is unchanged.
// CHECK-LABEL: func.func @matmul_i8
// CHECK-SAME: (%[[A:.*]]: tensor<4x16x!quant.uniform<i8:f32, 5.000000e-02:-3>>, %[[W:.*]]: tensor<16x2x
// CHECK: %[[U:.*]] = qnn.requantize %[[A]] rounding(half_up) : tensor<4x16x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<4x16x!quant.uniform<u8:f32, 5.000000e-02:125>>
// CHECK: qnn.matmul %[[U]], %[[W]] : tensor<4x16x!quant.uniform<u8:f32, 5.000000e-02:125>>,
func.func @matmul_i8(%a: tensor<4x16x!qa>, %w: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %y = qnn.matmul %a, %w : tensor<4x16x!qa>, tensor<16x2x!qw> -> tensor<4x2x!qo>
  return %y : tensor<4x2x!qo>
}

// -----

!qx = !quant.uniform<i8<-127:127>:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.01>
!qu = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<i8:f32, 0.1:1>

// A narrow range shifts with it ([-127, 127] -> [1, 255]); u8 activations
// are already in the dot product's form.
// CHECK-LABEL: func.func @conv_narrow_and_u8
// CHECK: %[[U:.*]] = qnn.requantize %{{.*}} rounding(half_up) : {{.*}} -> tensor<1x4x4x2x!quant.uniform<u8<1:255>:f32, 5.000000e-02:128>>
// CHECK: qnn.conv2d %[[U]], %{{.*}} strides
// CHECK-NOT: qnn.requantize
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} strides
func.func @conv_narrow_and_u8(%x: tensor<1x4x4x2x!qx>, %u: tensor<1x4x4x2x!qu>, %w: tensor<1x1x2x2x!qw>) -> (tensor<1x4x4x2x!qo>, tensor<1x4x4x2x!qo>) {
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x4x4x2x!qx>, tensor<1x1x2x2x!qw> -> tensor<1x4x4x2x!qo>
  %z = qnn.conv2d %u, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x4x4x2x!qu>, tensor<1x1x2x2x!qw> -> tensor<1x4x4x2x!qo>
  return %y, %z : tensor<1x4x4x2x!qo>, tensor<1x4x4x2x!qo>
}

// -----

!qa = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<i8:f32, 0.2>

// Not shifted when the u8 range would break the accumulator bound: K =
// 70000 products of up to 128 x 128 fit in i32, of up to 255 x 128 not.
// CHECK-LABEL: func.func @long_k
// CHECK-NOT: qnn.requantize
// CHECK: qnn.matmul %{{.*}}, %{{.*}} : tensor<1x70000x!quant.uniform<i8:f32, 5.000000e-02>>
func.func @long_k(%a: tensor<1x70000x!qa>, %w: tensor<70000x1x!qw>) -> tensor<1x1x!qo> {
  %y = qnn.matmul %a, %w : tensor<1x70000x!qa>, tensor<70000x1x!qw> -> tensor<1x1x!qo>
  return %y : tensor<1x1x!qo>
}
