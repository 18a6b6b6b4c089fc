// The 3x3 convolution timed by bench/run-conv.sh: N = 1, H = W = 56,
// C = F = 64, stride 1, padding 1 on every side, NHWC activations, HWCF
// filter. u8 activations (scale 0.05, zero point 128), s8 weights quantized
// per output channel (axis 3, symmetric, scales 0.001 * (1 + f % 7)), i32
// bias (scale 0.05 * s_w[f], zero point 0), u8 result (scale 0.5, zero
// point 5) with ReLU, float output stage; written into a destination buffer.
// conv_bench.cpp repeats these parameters.
!x = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:3, {
    0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.001, 0.002, 0.003,
    0.004, 0.005, 0.006, 0.007, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006,
    0.007, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.001, 0.002,
    0.003, 0.004, 0.005, 0.006, 0.007, 0.001, 0.002, 0.003, 0.004, 0.005,
    0.006, 0.007, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.001,
    0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.001, 0.002, 0.003, 0.004,
    0.005, 0.006, 0.007, 0.001}>
!b = !quant.uniform<i32:f32:0, {
    5.000000e-05, 1.000000e-04, 1.500000e-04, 2.000000e-04, 2.500000e-04,
    3.000000e-04, 3.500000e-04, 5.000000e-05, 1.000000e-04, 1.500000e-04,
    2.000000e-04, 2.500000e-04, 3.000000e-04, 3.500000e-04, 5.000000e-05,
    1.000000e-04, 1.500000e-04, 2.000000e-04, 2.500000e-04, 3.000000e-04,
    3.500000e-04, 5.000000e-05, 1.000000e-04, 1.500000e-04, 2.000000e-04,
    2.500000e-04, 3.000000e-04, 3.500000e-04, 5.000000e-05, 1.000000e-04,
    1.500000e-04, 2.000000e-04, 2.500000e-04, 3.000000e-04, 3.500000e-04,
    5.000000e-05, 1.000000e-04, 1.500000e-04, 2.000000e-04, 2.500000e-04,
    3.000000e-04, 3.500000e-04, 5.000000e-05, 1.000000e-04, 1.500000e-04,
    2.000000e-04, 2.500000e-04, 3.000000e-04, 3.500000e-04, 5.000000e-05,
    1.000000e-04, 1.500000e-04, 2.000000e-04, 2.500000e-04, 3.000000e-04,
    3.500000e-04, 5.000000e-05, 1.000000e-04, 1.500000e-04, 2.000000e-04,
    2.500000e-04, 3.000000e-04, 3.500000e-04, 5.000000e-05}>
!y = !quant.uniform<u8:f32, 0.5:5>
func.func @conv3x3(%x: tensor<1x56x56x64xi8>, %w: tensor<3x3x64x64xi8>, %b: tensor<64xi32>, %out: memref<1x56x56x64xi8>) attributes {llvm.emit_c_interface} {
  %qx = qnn.storage_cast %x : tensor<1x56x56x64xi8> -> tensor<1x56x56x64x!x>
  %qw = qnn.storage_cast %w : tensor<3x3x64x64xi8> -> tensor<3x3x64x64x!w>
  %qb = qnn.storage_cast %b : tensor<64xi32> -> tensor<64x!b>
  %y = qnn.conv2d %qx, %qw, %qb strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] groups(1)
      : tensor<1x56x56x64x!x>, tensor<3x3x64x64x!w>, tensor<64x!b> -> tensor<1x56x56x64x!y>
  %r = qnn.clamp %y min(0.0) : tensor<1x56x56x64x!y>
  %s = qnn.storage_cast %r : tensor<1x56x56x64x!y> -> tensor<1x56x56x64xi8>
  bufferization.materialize_in_destination %s in restrict writable %out : (tensor<1x56x56x64xi8>, memref<1x56x56x64xi8>) -> ()
  return
}
