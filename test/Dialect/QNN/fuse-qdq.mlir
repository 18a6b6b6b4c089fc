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

// What the integer op cannot express stays correct float code: an
// accumulation into a non-zero init, and a dynamic K. (Islands that end in
// an ONNX quantize: fuse-qdq-onnx.mlir.)
// CHECK-LABEL: func.func @negative_islands
// CHECK-NOT: qnn.matmul
// CHECK: linalg.matmul
// CHECK: linalg.matmul
// CHECK-NOT: qnn.matmul
func.func @negative_islands(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %init: tensor<4x2xf32>,
                            %qd: tensor<4x?x!qa>, %qwd: tensor<?x2x!qw>)
    -> (tensor<4x2x!qo>, tensor<4x2x!qo>) {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y2 = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q2 = qnn.quantize %y2 : tensor<4x2xf32> -> tensor<4x2x!qo>
  %ad = qnn.dequantize %qd : tensor<4x?x!qa> -> tensor<4x?xf32>
  %wd = qnn.dequantize %qwd : tensor<?x2x!qw> -> tensor<?x2xf32>
  %y3 = linalg.matmul ins(%ad, %wd : tensor<4x?xf32>, tensor<?x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q3 = qnn.quantize %y3 : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q2, %q3 : tensor<4x2x!qo>, tensor<4x2x!qo>
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

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:3, {0.01, 0.02}>
!qb = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!qo = !quant.uniform<u8:f32, 0.1:5>

// A convolution island with upstream casts: the input padded with the real
// 0.0 (the zero point) becomes qnn.conv2d's padding, the broadcast bias its
// bias operand, the strides and dilations carry over, and the ReLU becomes
// a qnn.clamp.
// CHECK-LABEL: func.func @island_conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x5x6x3x!{{.*}}>, %[[W:.*]]: tensor<3x3x3x2x!{{.*}}>, %[[B:.*]]: tensor<2x!{{.*}}>)
// CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] strides [2, 1] dilations [1, 2] padding [1, 2, 0, 2] : {{.*}} -> tensor<1x2x6x2x!{{.*}}>
// CHECK: %[[R:.*]] = qnn.clamp %[[Y]] min(0.000000e+00)
// CHECK: return %[[R]]
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// ROUND-LABEL: func.func @island_conv
// ROUND: qnn.conv2d {{.*}} rounding(double_round)
func.func @island_conv(%qx: tensor<1x5x6x3x!qx>, %qw: tensor<3x3x3x2x!qw>, %qb: tensor<2x!qb>) -> tensor<1x2x6x2x!qo> {
  %x = quant.dcast %qx : tensor<1x5x6x3x!qx> to tensor<1x5x6x3xf32>
  %w = quant.dcast %qw : tensor<3x3x3x2x!qw> to tensor<3x3x3x2xf32>
  %b = quant.dcast %qb : tensor<2x!qb> to tensor<2xf32>
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 1, 2, 0] high[0, 0, 2, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x5x6x3xf32> to tensor<1x6x10x3xf32>
  %e = tensor.empty() : tensor<1x2x6x2xf32>
  %init = linalg.broadcast ins(%b : tensor<2xf32>) outs(%e : tensor<1x2x6x2xf32>) dimensions = [0, 1, 2]
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[1, 2]> : tensor<2xi64>} ins(%xp, %w : tensor<1x6x10x3xf32>, tensor<3x3x3x2xf32>) outs(%init : tensor<1x2x6x2xf32>) -> tensor<1x2x6x2xf32>
  %zeros = arith.constant dense<0.0> : tensor<1x2x6x2xf32>
  %r = arith.maximumf %y, %zeros : tensor<1x2x6x2xf32>
  %q = quant.qcast %r : tensor<1x2x6x2xf32> to tensor<1x2x6x2x!qo>
  return %q : tensor<1x2x6x2x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:2, {0.01, 0.02, 0.03}>
!qo = !quant.uniform<u8:f32, 0.1:5>

// A depthwise island (HWC filter, per channel along C): the filter becomes
// the HWCF filter 3x3x1x3 of groups(3), its per-axis type moved to axis 3
// through the storage.
// CHECK-LABEL: func.func @island_depthwise
// CHECK: %[[S:.*]] = qnn.storage_cast %{{.*}} : tensor<3x3x3x!quant.uniform<i8:f32:2, {{.*}}>> -> tensor<3x3x3xi8>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[S]] {{\[}}[0], [1], [2, 3]] {{.*}} : tensor<3x3x3xi8> into tensor<3x3x1x3xi8>
// CHECK: %[[W:.*]] = qnn.storage_cast %[[E]] : tensor<3x3x1x3xi8> -> tensor<3x3x1x3x!quant.uniform<i8:f32:3, {{.*}}>>
// CHECK: qnn.conv2d %{{.*}}, %[[W]] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] groups(3)
// CHECK-NOT: linalg.depthwise_conv_2d_nhwc_hwc
func.func @island_depthwise(%qx: tensor<1x5x5x3x!qx>, %qw: tensor<3x3x3x!qw>) -> tensor<1x3x3x3x!qo> {
  %x = quant.dcast %qx : tensor<1x5x5x3x!qx> to tensor<1x5x5x3xf32>
  %w = quant.dcast %qw : tensor<3x3x3x!qw> to tensor<3x3x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x3x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x5x5x3xf32>, tensor<3x3x3xf32>) outs(%z : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %q = quant.qcast %y : tensor<1x3x3x3xf32> to tensor<1x3x3x3x!qo>
  return %q : tensor<1x3x3x3x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qb = !quant.uniform<u8:f32, 0.1:3>
!qo = !quant.uniform<u8:f32, 0.2:10>

// Elementwise float add and mul between casts become qnn.add and qnn.mul;
// a ReLU6 after the add becomes a qnn.clamp.
// CHECK-LABEL: func.func @island_add_mul
// CHECK-SAME: (%[[A:.*]]: tensor<16x!{{.*}}>, %[[B:.*]]: tensor<16x!{{.*}}>)
// CHECK: %[[S:.*]] = qnn.add %[[A]], %[[B]] : tensor<16x{{.*}}>, tensor<16x{{.*}}> -> tensor<16x!quant.uniform<u8:f32, 2.000000e-01:10>>
// CHECK: qnn.clamp %[[S]] min(0.000000e+00) max(6.000000e+00)
// CHECK: qnn.mul %[[A]], %[[B]] :
// CHECK-NOT: arith.addf
// CHECK-NOT: arith.mulf
// ROUND-LABEL: func.func @island_add_mul
// ROUND: qnn.add {{.*}} rounding(double_round)
// ROUND: qnn.mul {{.*}} rounding(double_round)
func.func @island_add_mul(%qa: tensor<16x!qa>, %qb: tensor<16x!qb>) -> (tensor<16x!qo>, tensor<16x!qo>) {
  %a = quant.dcast %qa : tensor<16x!qa> to tensor<16xf32>
  %b = quant.dcast %qb : tensor<16x!qb> to tensor<16xf32>
  %s = arith.addf %a, %b : tensor<16xf32>
  %zeros = arith.constant dense<0.0> : tensor<16xf32>
  %sixes = arith.constant dense<6.0> : tensor<16xf32>
  %r0 = arith.maximumf %s, %zeros : tensor<16xf32>
  %r = arith.minimumf %r0, %sixes : tensor<16xf32>
  %qs = quant.qcast %r : tensor<16xf32> to tensor<16x!qo>
  %p = arith.mulf %a, %b : tensor<16xf32>
  %qp = quant.qcast %p : tensor<16xf32> to tensor<16x!qo>
  return %qs, %qp : tensor<16x!qo>, tensor<16x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<u8:f32, 0.1:5>

// Max pooling of dequantized values into a fill of -inf, padded with -inf:
// qnn.max_pool2d in the input's type, then a float-mode requantize into the
// quantize's type (exact: the maximum commutes with dequantize).
// CHECK-LABEL: func.func @island_max_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2x!{{.*}}>)
// CHECK: %[[P:.*]] = qnn.max_pool2d %[[X]] kernel [2, 2] strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x4x4x2x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x3x3x2x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: qnn.requantize %[[P]] : tensor<1x3x3x2x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x3x3x2x!quant.uniform<u8:f32, 1.000000e-01:5>>
// CHECK-NOT: linalg.pooling_nhwc_max
// ROUND-LABEL: func.func @island_max_pool
// ROUND-NOT: rounding(
func.func @island_max_pool(%qx: tensor<1x4x4x2x!qx>) -> tensor<1x3x3x2x!qo> {
  %x = quant.dcast %qx : tensor<1x4x4x2x!qx> to tensor<1x4x4x2xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %xp = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %ninf : f32
  } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %y = linalg.pooling_nhwc_max {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%xp, %win : tensor<1x6x6x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %q = quant.qcast %y : tensor<1x3x3x2xf32> to tensor<1x3x3x2x!qo>
  return %q : tensor<1x3x3x2x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.1:5>

// Islands whose float meaning qnn ops do not have stay float code: a
// convolution input padded with 1.0 (not the zero point), and a max pool
// accumulating into 0.0 (a ReLU, not -inf).
// CHECK-LABEL: func.func @negative_island_conv_pad_one
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: qnn.conv2d
func.func @negative_island_conv_pad_one(%qx: tensor<1x4x4x1x!qx>, %qw: tensor<3x3x1x1x!qw>) -> tensor<1x4x4x1x!qo> {
  %x = quant.dcast %qx : tensor<1x4x4x1x!qx> to tensor<1x4x4x1xf32>
  %w = quant.dcast %qw : tensor<3x3x1x1x!qw> to tensor<3x3x1x1xf32>
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %one : f32
  } : tensor<1x4x4x1xf32> to tensor<1x6x6x1xf32>
  %e = tensor.empty() : tensor<1x4x4x1xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%xp, %w : tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) outs(%z : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %q = quant.qcast %y : tensor<1x4x4x1xf32> to tensor<1x4x4x1x!qo>
  return %q : tensor<1x4x4x1x!qo>
}

// CHECK-LABEL: func.func @negative_island_pool_zero_init
// CHECK: linalg.pooling_nhwc_max
// CHECK-NOT: qnn.max_pool2d
func.func @negative_island_pool_zero_init(%qx: tensor<1x4x4x1x!qx>) -> tensor<1x2x2x1x!qx> {
  %x = quant.dcast %qx : tensor<1x4x4x1x!qx> to tensor<1x4x4x1xf32>
  %zero = arith.constant 0.0 : f32
  %win = tensor.empty() : tensor<2x2xf32>
  %e = tensor.empty() : tensor<1x2x2x1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %y = linalg.pooling_nhwc_max {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%x, %win : tensor<1x4x4x1xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %q = quant.qcast %y : tensor<1x2x2x1xf32> to tensor<1x2x2x1x!qx>
  return %q : tensor<1x2x2x1x!qx>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<u8:f32, 0.1:5>

// Average pooling as frontends lower it: a sum pooling of the dequantized
// input padded with 0.0, divided by the kernel size, becomes
// qnn.avg_pool2d (count_include_pad, the default); another divisor is kept
// as divisor(...).
// CHECK-LABEL: func.func @island_avg_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2x!{{.*}}>)
// CHECK: qnn.avg_pool2d %[[X]] kernel [2, 2] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x4x4x2x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x3x3x2x!quant.uniform<u8:f32, 1.000000e-01:5>>
// CHECK: qnn.avg_pool2d %[[X]] kernel [2, 2] strides [2, 2] padding [1, 1, 1, 1] divisor(3) :
// CHECK-NOT: linalg.pooling_nhwc_sum
// ROUND-LABEL: func.func @island_avg_pool
// ROUND: qnn.avg_pool2d {{.*}} rounding(double_round)
func.func @island_avg_pool(%qx: tensor<1x4x4x2x!qx>) -> (tensor<1x3x3x2x!qo>, tensor<1x3x3x2x!qo>) {
  %x = quant.dcast %qx : tensor<1x4x4x2x!qx> to tensor<1x4x4x2xf32>
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %s = linalg.pooling_nhwc_sum {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%xp, %win : tensor<1x6x6x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %four = arith.constant dense<4.0> : tensor<1x3x3x2xf32>
  %y = arith.divf %s, %four : tensor<1x3x3x2xf32>
  %q = quant.qcast %y : tensor<1x3x3x2xf32> to tensor<1x3x3x2x!qo>
  %xp2 = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
  %s2 = linalg.pooling_nhwc_sum {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%xp2, %win : tensor<1x6x6x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %three = arith.constant dense<3.0> : tensor<1x3x3x2xf32>
  %y2 = arith.divf %s2, %three : tensor<1x3x3x2xf32>
  %q2 = quant.qcast %y2 : tensor<1x3x3x2xf32> to tensor<1x3x3x2x!qo>
  return %q, %q2 : tensor<1x3x3x2x!qo>, tensor<1x3x3x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:1, {0.01, 0.02}>
!qb = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>
!qo = !quant.uniform<u8:f32, 0.2:3>

// A bias added after the matmul (arith.addf of its broadcast) is the same
// linear layer as a bias in the init: it becomes qnn.matmul's bias.
// CHECK-LABEL: func.func @island_matmul_bias_add
// CHECK-SAME: (%[[A:.*]]: tensor<4x16x!{{.*}}>, %[[W:.*]]: tensor<16x2x!{{.*}}>, %[[B:.*]]: tensor<2x!{{.*}}>)
// CHECK: %[[Y:.*]] = qnn.matmul %[[A]], %[[W]], %[[B]] :
// CHECK: qnn.clamp %[[Y]] min(0.000000e+00)
// CHECK-NOT: arith.addf
func.func @island_matmul_bias_add(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>, %qb: tensor<2x!qb>) -> tensor<4x2x!qo> {
  %a = quant.dcast %qa : tensor<4x16x!qa> to tensor<4x16xf32>
  %w = quant.dcast %qw : tensor<16x2x!qw> to tensor<16x2xf32>
  %b = quant.dcast %qb : tensor<2x!qb> to tensor<2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %e2 = tensor.empty() : tensor<4x2xf32>
  %bb = linalg.broadcast ins(%b : tensor<2xf32>) outs(%e2 : tensor<4x2xf32>) dimensions = [0]
  %s = arith.addf %bb, %y : tensor<4x2xf32>
  %zeros = arith.constant dense<0.0> : tensor<4x2xf32>
  %r = arith.maximumf %s, %zeros : tensor<4x2xf32>
  %q = quant.qcast %r : tensor<4x2xf32> to tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32:3, {0.1:5, 0.1:5, 0.1:5}>
!qa = !quant.uniform<u8:f32, 0.05:128>
!q32 = !quant.uniform<i32:f32, 0.2:3>

// Islands whose qnn op would not verify (a per-axis result; a 32-bit add
// result) stay float code, and the pass succeeds: nothing is built before
// the check.
// CHECK-LABEL: func.func @negative_island_unverifiable
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc
// CHECK: arith.addf
// CHECK-NOT: qnn.conv2d
// CHECK-NOT: qnn.add
func.func @negative_island_unverifiable(%qx: tensor<1x3x3x3x!qx>, %qw: tensor<1x1x3x!qw>, %qa: tensor<4x!qa>) -> (tensor<1x3x3x3x!qo>, tensor<4x!q32>) {
  %x = quant.dcast %qx : tensor<1x3x3x3x!qx> to tensor<1x3x3x3xf32>
  %w = quant.dcast %qw : tensor<1x1x3x!qw> to tensor<1x1x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x3x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x3x3x3xf32>, tensor<1x1x3xf32>) outs(%z : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %q = quant.qcast %y : tensor<1x3x3x3xf32> to tensor<1x3x3x3x!qo>
  %a = quant.dcast %qa : tensor<4x!qa> to tensor<4xf32>
  %s = arith.addf %a, %a : tensor<4xf32>
  %qs = quant.qcast %s : tensor<4xf32> to tensor<4x!q32>
  return %q, %qs : tensor<1x3x3x3x!qo>, tensor<4x!q32>
}

// -----

!q = !quant.uniform<u8:f32, 0.05:128>

// Layout ops of a dequantized per-tensor value move above the dequantize
// (exact): a transpose moves the storage integers, reshapes the quantized
// tensor itself; then quantize(dequantize(x)) in the same type is x.
// CHECK-LABEL: func.func @layout_above_dequantize
// CHECK: %[[I:.*]] = qnn.storage_cast %arg0 : tensor<1x4x2x3x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x4x2x3xi8>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[I]] : tensor<1x4x2x3xi8>) outs(%{{.*}} : tensor<1x2x3x4xi8>) permutation = [0, 2, 3, 1]
// CHECK: %[[Q:.*]] = qnn.storage_cast %[[T]] : tensor<1x2x3x4xi8> -> tensor<1x2x3x4x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0], [1, 2, 3]] : tensor<1x2x3x4x!quant.uniform<u8:f32, 5.000000e-02:128>> into tensor<1x24x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0], [1, 2]] output_shape [1, 6, 4] : tensor<1x24x!quant.uniform<u8:f32, 5.000000e-02:128>> into tensor<1x6x4x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: %[[D:.*]] = qnn.dequantize %[[E]]
// CHECK: %[[R:.*]] = qnn.quantize %[[D]]
// CHECK: return %[[R]]
func.func @layout_above_dequantize(%x: tensor<1x4x2x3x!q>) -> tensor<1x6x4x!q> {
  %d = qnn.dequantize %x : tensor<1x4x2x3x!q> -> tensor<1x4x2x3xf32>
  %e = tensor.empty() : tensor<1x2x3x4xf32>
  %t = linalg.transpose ins(%d : tensor<1x4x2x3xf32>) outs(%e : tensor<1x2x3x4xf32>) permutation = [0, 2, 3, 1]
  %c = tensor.collapse_shape %t [[0], [1, 2, 3]] : tensor<1x2x3x4xf32> into tensor<1x24xf32>
  %x2 = tensor.expand_shape %c [[0], [1, 2]] output_shape [1, 6, 4] : tensor<1x24xf32> into tensor<1x6x4xf32>
  %q = qnn.quantize %x2 : tensor<1x6x4xf32> -> tensor<1x6x4x!q>
  return %q : tensor<1x6x4x!q>
}
