// The integer rounding modes lower to integer instructions only: the LLVM
// IR of these functions (vector loops and tails included) contains no
// floating-point instruction, while the float mode does use them.
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=znver4" | mlir-translate --mlir-to-llvmir | FileCheck %s

// CHECK-LABEL: define {{.*}} @requantize_double_round(
// CHECK-NOT: {{fmul|fadd|fsub|fdiv|fptosi|fptoui|sitofp|uitofp|fcmp|float}}
// CHECK: ret
func.func @requantize_double_round(%x: tensor<?x!quant.uniform<i8:f32, 0.3:5>>) -> tensor<?x!quant.uniform<u8:f32, 0.7:2>> {
  %r = qnn.requantize %x rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<u8:f32, 0.7:2>>
  return %r : tensor<?x!quant.uniform<u8:f32, 0.7:2>>
}

// CHECK-LABEL: define {{.*}} @requantize_half_away_per_axis(
// CHECK-NOT: {{fmul|fadd|fsub|fdiv|fptosi|fptoui|sitofp|uitofp|fcmp|float}}
// CHECK: ret
func.func @requantize_half_away_per_axis(%x: tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25, 0.125:-3}>>) -> tensor<?x3x!quant.uniform<i8:f32, 0.2>> {
  %r = qnn.requantize %x rounding(half_away) : tensor<?x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25, 0.125:-3}>> -> tensor<?x3x!quant.uniform<i8:f32, 0.2>>
  return %r : tensor<?x3x!quant.uniform<i8:f32, 0.2>>
}

// CHECK-LABEL: define {{.*}} @matmul_half_up(
// CHECK-NOT: {{fmul|fadd|fsub|fdiv|fptosi|fptoui|sitofp|uitofp|fcmp|float}}
// CHECK: ret
func.func @matmul_half_up(%a: tensor<4x16x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<16x8x!quant.uniform<i8:f32:1, {0.01, 0.02, 0.03, 0.04, 0.01, 0.02, 0.03, 0.04}>>) -> tensor<4x8x!quant.uniform<u8:f32, 0.2:3>> {
  %c = qnn.matmul %a, %w rounding(half_up) : tensor<4x16x!quant.uniform<u8:f32, 0.05:128>>, tensor<16x8x!quant.uniform<i8:f32:1, {0.01, 0.02, 0.03, 0.04, 0.01, 0.02, 0.03, 0.04}>> -> tensor<4x8x!quant.uniform<u8:f32, 0.2:3>>
  return %c : tensor<4x8x!quant.uniform<u8:f32, 0.2:3>>
}

// CHECK-LABEL: define {{.*}} @conv_double_round(
// CHECK-NOT: {{fmul|fadd|fsub|fdiv|fptosi|fptoui|sitofp|uitofp|fcmp|float}}
// CHECK: ret
func.func @conv_double_round(%x: tensor<1x6x6x4x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<3x3x4x8x!quant.uniform<i8:f32, 0.01:2>>) -> tensor<1x6x6x8x!quant.uniform<u8:f32, 0.2:3>> {
  %y = qnn.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] rounding(double_round) : tensor<1x6x6x4x!quant.uniform<u8:f32, 0.05:128>>, tensor<3x3x4x8x!quant.uniform<i8:f32, 0.01:2>> -> tensor<1x6x6x8x!quant.uniform<u8:f32, 0.2:3>>
  return %y : tensor<1x6x6x8x!quant.uniform<u8:f32, 0.2:3>>
}

// CHECK-LABEL: define {{.*}} @add_mul_half_away(
// CHECK-NOT: {{fmul|fadd|fsub|fdiv|fptosi|fptoui|sitofp|uitofp|fcmp|float}}
// CHECK: ret
func.func @add_mul_half_away(%a: tensor<?x!quant.uniform<u8:f32, 0.05:128>>, %b: tensor<?x!quant.uniform<u8:f32, 0.1:3>>) -> (tensor<?x!quant.uniform<u8:f32, 0.2:10>>, tensor<?x!quant.uniform<u8:f32, 0.2:10>>) {
  %s = qnn.add %a, %b rounding(half_away) : tensor<?x!quant.uniform<u8:f32, 0.05:128>>, tensor<?x!quant.uniform<u8:f32, 0.1:3>> -> tensor<?x!quant.uniform<u8:f32, 0.2:10>>
  %p = qnn.mul %a, %b rounding(half_away) : tensor<?x!quant.uniform<u8:f32, 0.05:128>>, tensor<?x!quant.uniform<u8:f32, 0.1:3>> -> tensor<?x!quant.uniform<u8:f32, 0.2:10>>
  return %s, %p : tensor<?x!quant.uniform<u8:f32, 0.2:10>>, tensor<?x!quant.uniform<u8:f32, 0.2:10>>
}

// The float mode, by contrast, multiplies in float.
// CHECK-LABEL: define {{.*}} @requantize_float(
// CHECK: fmul
func.func @requantize_float(%x: tensor<?x!quant.uniform<i8:f32, 0.3:5>>) -> tensor<?x!quant.uniform<u8:f32, 0.7:2>> {
  %r = qnn.requantize %x : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<u8:f32, 0.7:2>>
  return %r : tensor<?x!quant.uniform<u8:f32, 0.7:2>>
}
