// RUN: quant-opt %s --qnn-fuse-qdq --split-input-file | FileCheck %s
// RUN: quant-opt %s --qnn-fuse-qdq="rounding=double_round" --split-input-file | FileCheck %s
// RUN: quant-opt %s --qnn-fuse-qdq="fuse-onnx=false" --split-input-file | FileCheck %s --check-prefix=FLOAT

// Islands that end in an onnx-flavour quantize (an ONNX model's
// QuantizeLinear) become the ops ONNX Runtime's graph optimizer fuses them
// into, with those kernels' numbers: QLinearMatMul and QLinearConv are the
// float rounding mode (whatever `rounding` says), QLinearAdd is qnn.add
// flavour(onnx), QLinearMul qnn.mul's float mode. fuse-onnx=false keeps
// them float, as ONNX Runtime runs them with its optimizations disabled.

!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<u8:f32, 0.2:3>

// CHECK-LABEL: func.func @matmul
// CHECK: %[[Y:.*]] = qnn.matmul %{{.*}}, %{{.*}} : tensor<4x16x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<16x2x!quant.uniform<i8:f32, 1.000000e-02>> -> tensor<4x2x!quant.uniform<u8:f32, 2.000000e-01:3>>
// CHECK-NEXT: return %[[Y]]
// FLOAT-LABEL: func.func @matmul
// FLOAT: linalg.matmul
// FLOAT: qnn.quantize %{{.*}} flavour(onnx)
func.func @matmul(%qa: tensor<4x16x!qa>, %qw: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
  %w = qnn.dequantize %qw : tensor<16x2x!qw> -> tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<4x16xf32>, tensor<16x2xf32>) outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
  %q = qnn.quantize %y flavour(onnx) : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %q : tensor<4x2x!qo>
}

// -----

!qa = !quant.uniform<u8:f32, 0.05:128>
!qb = !quant.uniform<u8:f32, 0.1:3>
!qo = !quant.uniform<u8:f32, 0.2:10>

// CHECK-LABEL: func.func @add_mul
// CHECK: %[[S:.*]] = qnn.add %{{.*}}, %{{.*}} flavour(onnx) : {{.*}} -> tensor<8x!quant.uniform<u8:f32, 2.000000e-01:10>>
// CHECK: %[[P:.*]] = qnn.mul %{{.*}}, %{{.*}} : {{.*}} -> tensor<8x!quant.uniform<u8:f32, 2.000000e-01:10>>
// CHECK: return %[[S]], %[[P]]
// FLOAT-LABEL: func.func @add_mul
// FLOAT: arith.addf
// FLOAT: arith.mulf
func.func @add_mul(%qa: tensor<8x!qa>, %qb: tensor<8x!qb>) -> (tensor<8x!qo>, tensor<8x!qo>) {
  %a = qnn.dequantize %qa : tensor<8x!qa> -> tensor<8xf32>
  %b = qnn.dequantize %qb : tensor<8x!qb> -> tensor<8xf32>
  %s = arith.addf %a, %b : tensor<8xf32>
  %qs = qnn.quantize %s flavour(onnx) : tensor<8xf32> -> tensor<8x!qo>
  %p = arith.mulf %a, %b : tensor<8xf32>
  %qp = qnn.quantize %p flavour(onnx) : tensor<8xf32> -> tensor<8x!qo>
  return %qs, %qp : tensor<8x!qo>, tensor<8x!qo>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<u8:f32, 0.1:3>

// A max pool keeps its type (ONNX Runtime drops the casts: exact); one
// that changes type stays float. An average pool is QLinearAveragePool,
// which sums the dequantized taps in float as the island does, but rounds
// y / s_y + z_y with the zero point added before the rounding: a quantize
// of scale 1 of that, read as the output's integers.
// CHECK-LABEL: func.func @pools
// CHECK: %[[M:.*]] = qnn.max_pool2d %{{.*}} kernel [2, 2]
// CHECK: linalg.pooling_nhwc_max
// CHECK: qnn.quantize %{{.*}} flavour(onnx)
// CHECK: %[[SUM:.*]] = linalg.pooling_nhwc_sum
// CHECK: %[[AVG:.*]] = arith.divf %[[SUM]], %{{.*}} : tensor<1x2x2x2xf32>
// CHECK: %[[SY:.*]] = arith.constant dense<5.000000e-02> : tensor<1x2x2x2xf32>
// CHECK: %[[T:.*]] = arith.divf %[[AVG]], %[[SY]]
// CHECK: %[[ZY:.*]] = arith.constant dense<1.280000e+02> : tensor<1x2x2x2xf32>
// CHECK: %[[V:.*]] = arith.addf %[[T]], %[[ZY]]
// CHECK: %[[Q:.*]] = qnn.quantize %[[V]] flavour(onnx) : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 1.000000e+00>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[Q]] {{.*}} -> tensor<1x2x2x2xi8>
// CHECK: %[[R:.*]] = qnn.storage_cast %[[I]] : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: return %[[M]], %{{.*}}, %[[R]]
func.func @pools(%qx: tensor<1x4x4x2x!qx>) -> (tensor<1x2x2x2x!qx>, tensor<1x2x2x2x!qo>, tensor<1x2x2x2x!qx>) {
  %x = qnn.dequantize %qx : tensor<1x4x4x2x!qx> -> tensor<1x4x4x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %m = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%x, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %qm = qnn.quantize %m flavour(onnx) : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qx>
  %init2 = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %m2 = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%x, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%init2 : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %qm2 = qnn.quantize %m2 flavour(onnx) : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qo>
  %zero = arith.constant 0.0 : f32
  %zinit = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %sum = linalg.pooling_nhwc_sum {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%x, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%zinit : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %four = arith.constant dense<4.0> : tensor<1x2x2x2xf32>
  %avg = arith.divf %sum, %four : tensor<1x2x2x2xf32>
  %qa = qnn.quantize %avg flavour(onnx) : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qx>
  return %qm, %qm2, %qa : tensor<1x2x2x2x!qx>, tensor<1x2x2x2x!qo>, tensor<1x2x2x2x!qx>
}

// -----

!qx = !quant.uniform<u8:f32, 0.05:128>
!qo = !quant.uniform<u8:f32, 0.1:3>

// A window over the whole image is QLinearGlobalAveragePool: the exact sum
// times f32(s_x / f32(s_y * 16)), which is qnn.avg_pool2d with divisor 1
// into the scale f32(0.1 * 16) (1.6000000238418579), read as the output's integers.
// CHECK-LABEL: func.func @global_avg_pool
// CHECK: %[[P:.*]] = qnn.avg_pool2d %{{.*}} kernel [4, 4] strides [1, 1] padding [0, 0, 0, 0] divisor(1) : tensor<1x4x4x2x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x1x1x2x!quant.uniform<u8:f32, 1.6000000238418579:3>>
// CHECK: %[[I:.*]] = qnn.storage_cast %[[P]]
// CHECK: %[[R:.*]] = qnn.storage_cast %[[I]] : tensor<1x1x1x2xi8> -> tensor<1x1x1x2x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK: return %[[R]]
// FLOAT-LABEL: func.func @global_avg_pool
// FLOAT: linalg.pooling_nhwc_sum
func.func @global_avg_pool(%qx: tensor<1x4x4x2x!qx>) -> tensor<1x1x1x2x!qo> {
  %x = qnn.dequantize %qx : tensor<1x4x4x2x!qx> -> tensor<1x4x4x2xf32>
  %window = tensor.empty() : tensor<4x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x1x2xf32>
  %zinit = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  %sum = linalg.pooling_nhwc_sum {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%x, %window : tensor<1x4x4x2xf32>, tensor<4x4xf32>) outs(%zinit : tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  %n = arith.constant dense<16.0> : tensor<1x1x1x2xf32>
  %avg = arith.divf %sum, %n : tensor<1x1x1x2xf32>
  %q = qnn.quantize %avg flavour(onnx) : tensor<1x1x1x2xf32> -> tensor<1x1x1x2x!qo>
  return %q : tensor<1x1x1x2x!qo>
}
