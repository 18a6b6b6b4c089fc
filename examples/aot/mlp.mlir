// A two-layer quantized MLP in the QDQ form a frontend emits: Linear(4 -> 3)
// + ReLU, then Linear(3 -> 2), on a batch of 4. Activations are u8 per
// tensor, weights s8 per output channel (symmetric), biases i32 with scale
// s_x * s_w; the float weights and biases are constants quantized in the
// graph. quant-compile fuses each island into qnn.matmul (+ qnn.clamp),
// folds the weights and compiles the result to an object with the entry
//
//   int32_t mlp(const float *in0, uint8_t *out0, QNNStatus *status);
//
// (see run.sh and main.c). The output is u8 with scale 6/255, zero point 128.

!qx = !quant.uniform<u8:f32, 0.0235294122248888:128>
!qh = !quant.uniform<u8:f32, 0.01568627543747425>
!qo = !quant.uniform<u8:f32, 0.0235294122248888:128>
!qw1 = !quant.uniform<i8:f32:1, {0.005905511789023876, 0.006299212574958801, 0.007086614146828651}>
!qw2 = !quant.uniform<i8:f32:1, {0.005511811003088951, 0.007086614146828651}>
!qb1 = !quant.uniform<i32:f32:0, {0.0001389532262692228, 0.00014821677177678794, 0.00016674386279191822}>
!qb2 = !quant.uniform<i32:f32:0, {8.645978232380003e-05, 0.00011116258247056976}>

func.func @mlp(%x: tensor<4x4xf32>) -> tensor<4x2x!qo> {
  %qx = quant.qcast %x : tensor<4x4xf32> to tensor<4x4x!qx>
  %dx = quant.dcast %qx : tensor<4x4x!qx> to tensor<4x4xf32>
  // Layer 1: weights in K x N layout.
  %w1 = arith.constant dense<[[0.5, -0.3, 0.9], [-0.25, 0.6, 0.05], [0.75, 0.2, -0.4], [0.1, -0.8, 0.3]]> : tensor<4x3xf32>
  %qw1 = quant.qcast %w1 : tensor<4x3xf32> to tensor<4x3x!qw1>
  %dw1 = quant.dcast %qw1 : tensor<4x3x!qw1> to tensor<4x3xf32>
  %b1 = arith.constant dense<[0.1, -0.2, 0.05]> : tensor<3xf32>
  %qb1 = quant.qcast %b1 : tensor<3xf32> to tensor<3x!qb1>
  %db1 = quant.dcast %qb1 : tensor<3x!qb1> to tensor<3xf32>
  %e1 = tensor.empty() : tensor<4x3xf32>
  %z1 = linalg.broadcast ins(%db1 : tensor<3xf32>) outs(%e1 : tensor<4x3xf32>) dimensions = [0]
  %y1 = linalg.matmul ins(%dx, %dw1 : tensor<4x4xf32>, tensor<4x3xf32>) outs(%z1 : tensor<4x3xf32>) -> tensor<4x3xf32>
  %zeros = arith.constant dense<0.0> : tensor<4x3xf32>
  %r1 = arith.maximumf %y1, %zeros : tensor<4x3xf32>
  %qh = quant.qcast %r1 : tensor<4x3xf32> to tensor<4x3x!qh>
  %dh = quant.dcast %qh : tensor<4x3x!qh> to tensor<4x3xf32>
  // Layer 2.
  %w2 = arith.constant dense<[[0.7, -0.6], [-0.5, 0.4], [0.25, 0.9]]> : tensor<3x2xf32>
  %qw2 = quant.qcast %w2 : tensor<3x2xf32> to tensor<3x2x!qw2>
  %dw2 = quant.dcast %qw2 : tensor<3x2x!qw2> to tensor<3x2xf32>
  %b2 = arith.constant dense<[0.3, -0.1]> : tensor<2xf32>
  %qb2 = quant.qcast %b2 : tensor<2xf32> to tensor<2x!qb2>
  %db2 = quant.dcast %qb2 : tensor<2x!qb2> to tensor<2xf32>
  %e2 = tensor.empty() : tensor<4x2xf32>
  %z2 = linalg.broadcast ins(%db2 : tensor<2xf32>) outs(%e2 : tensor<4x2xf32>) dimensions = [0]
  %y2 = linalg.matmul ins(%dh, %dw2 : tensor<4x3xf32>, tensor<3x2xf32>) outs(%z2 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %qo = quant.qcast %y2 : tensor<4x2xf32> to tensor<4x2x!qo>
  return %qo : tensor<4x2x!qo>
}
