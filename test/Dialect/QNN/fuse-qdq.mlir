// RUN: quant-opt %s --qnn-fuse-qdq --split-input-file | FileCheck %s
// RUN: quant-opt %s --qnn-fuse-qdq="rounding=double_round" --split-input-file | FileCheck %s --check-prefix=ROUND

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:1, {0.01, 0.02}>
!qo = !quant.uniform<u8:f32, 0.2:3>

// A QDQ matmul island of qnn casts becomes one qnn.matmul; the rounding
// option sets its output stage.
// CHECK-LABEL: func.func @island_qnn
// CHECK-SAME: (%[[A:.*]]: tensor<4x16x!{{.*}}>, %[[W:.*]]: tensor<16x2x!{{.*}}>)
// CHECK-NEXT: %[[C:.*]] = qnn.matmul %[[A]], %[[W]] :
// CHECK-NEXT: return %[[C]]
// ROUND-LABEL: func.func @island_qnn
// ROUND: qnn.matmul %{{.*}}, %{{.*}} rounding(double_round)
func.func @island_qnn(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q = qnn.quantize %y : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>

// Upstream casts, a batched matmul, and constant float weights quantized in
// the island: the weights stay a quantize of the constant (folded later).
// CHECK-LABEL: func.func @island_upstream_batched_constant_weights
// CHECK: %[[CW:.*]] = arith.constant dense<{{.*}}> : tensor<2x3x2xf32>
// CHECK: %[[QW:.*]] = quant.qcast %[[CW]]
// CHECK: qnn.matmul %{{.*}}, %[[QW]] : tensor<2x4x3x{{.*}}>, tensor<2x3x2x{{.*}}> -> tensor<2x4x2x{{.*}}>
// CHECK-NOT: linalg.batch_matmul
func.func @island_upstream_batched_constant_weights(%qa: tensor<2x4x3x!qa>) -> tensor<2x4x2x!qo> {
  %a = quant.dcast %qa : tensor<2x4x3x!qa> to tensor<2x4x3xf32>
  %cw = arith.constant dense<[[[0.5, -0.25], [0.125, 1.0], [-1.0, 0.0]], [[0.5, 0.25], [0.0, 1.0], [1.0, -0.5]]]> : tensor<2x3x2xf32>
  %qw = quant.qcast %cw : tensor<2x3x2xf32> to tensor<2x3x2x!qw>
  %w = quant.dcast %qw : tensor<2x3x2x!qw> to tensor<2x3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  %y = linalg.batch_matmul ins(%a, %w : tensor<2x4x3xf32>, tensor<2x3x2xf32>) outs(%z : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  %q = quant.qcast %y : tensor<2x4x2xf32> to tensor<2x4x2x!qo>
  return %q : tensor<2x4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>

// What the integer op cannot express stays correct float code: an ONNX
// quantize (division, another rounding), an accumulation into a non-zero
// init, and a dynamic K.
// CHECK-LABEL: func.func @negative_islands
// CHECK-NOT: qnn.matmul
// CHECK: linalg.matmul
// CHECK: linalg.matmul
// CHECK: linalg.matmul
// CHECK-NOT: qnn.matmul
func.func @negative_islands(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %init: tensor<4x2xf32>,
                            %qd: tensor<4x?x!qa>, %qwd: tensor<?x2x!qw>)
    -> (tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x2x!qo>) {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y1 = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q1 = qnn.quantize %y1 flavour(onnx) : tensor<4x2xf32> -> tensor<4x2x!qo>
  %y2 = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q2 = qnn.quantize %y2 : tensor<4x2xf32> -> tensor<4x2x!qo>
  %ad = qnn.dequantize %qd : tensor<4x?x!qa> -> tensor<4x?xf32>
  %wd = qnn.dequantize %qwd : tensor<?x2x!qw> -> tensor<?x2xf32>
  %y3 = linalg.matmul ins(%ad, %wd : tensor<4x?xf32>, tensor<?x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q3 = qnn.quantize %y3 : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q1, %q2, %q3 : tensor<4x2x!qo>, tensor<4x2x!qo>, tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.05:10>

// ReLU6 (max with 0, min with 6) between the product and the quantize
// becomes a qnn.clamp of the qnn.matmul.
// CHECK-LABEL: func.func @island_relu6
// CHECK: %[[MM:.*]] = qnn.matmul
// CHECK: %[[R:.*]] = qnn.clamp %[[MM]] min(0.000000e+00) max(6.000000e+00)
// CHECK: return %[[R]]
// CHECK-NOT: arith.maximumf
func.func @island_relu6(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %zeros = arith.constant dense<0.0> : tensor<4x2xf32>
  %sixes = arith.constant dense<6.0> : tensor<4x2xf32>
  %r = arith.maximumf %y, %zeros : tensor<4x2xf32>
  %r6 = arith.minimumf %sixes, %r : tensor<4x2xf32>
  %q = qnn.quantize %r6 : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.05:10>

// A max with a non-constant operand is not a clamp: nothing is fused.
// CHECK-LABEL: func.func @negative_island_dynamic_max
// CHECK-NOT: qnn.matmul
// CHECK: arith.maximumf
func.func @negative_island_dynamic_max(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %m: tensor<4x2xf32>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = arith.maximumf %y, %m : tensor<4x2xf32>
  %q = qnn.quantize %r : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.5:128>
!qw = !quant.uniform<i8:f32:1, {0.5, 0.25}>
!qb = !quant.uniform<i32:f32:0, {0.25, 0.125}>
!qo = !quant.uniform<u8:f32, 0.5:10>

// A linear layer accumulating into its broadcast bias (the bias quantized
// to i32 with scale s_a * s_w): the bias becomes qnn.matmul's bias operand.
// CHECK-LABEL: func.func @island_bias
// CHECK-SAME: (%[[A:.*]]: tensor<4x16x{{.*}}>, %[[W:.*]]: tensor<16x2x{{.*}}>, %[[B:.*]]: tensor<2x{{.*}}>)
// CHECK: %[[C:.*]] = qnn.matmul %[[A]], %[[W]], %[[B]] :
// CHECK: return %[[C]]
// CHECK-NOT: linalg.broadcast
func.func @island_bias(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %qb: tensor<2x!qb>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %b = qnn.dequantize %qb : tensor<2x!qb> -> tensor<2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.broadcast ins(%b : tensor<2xf32>) outs(%e : tensor<4x2xf32>) dimensions = [0]
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q = qnn.quantize %y : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.5:128>
!qw = !quant.uniform<i8:f32, 0.5>
!qb = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<u8:f32, 0.5:10>

// A bias whose scale is not s_a * s_w (1.0 vs 0.25) cannot be the integer
// op's bias: the island stays float code.
// CHECK-LABEL: func.func @negative_island_bias_scale
// CHECK-NOT: qnn.matmul
// CHECK: linalg.matmul
func.func @negative_island_bias_scale(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %qb: tensor<2x!qb>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %b = qnn.dequantize %qb : tensor<2x!qb> -> tensor<2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.broadcast ins(%b : tensor<2xf32>) outs(%e : tensor<4x2xf32>) dimensions = [0]
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q = qnn.quantize %y : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}
