// ONNX dynamic quantization: qnn.dynamic_quantize (DynamicQuantizeLinear)
// and qnn.matmul_integer (MatMulInteger with run-time zero points).
// dynamic_quantize's expected values are what ONNX Runtime 1.30 gives for
// the same inputs (a tensor of zeros gets scale 1 and zero point 0; NaN is
// left out of the range and quantizes to 0; +inf makes the scale inf);
// matmul_integer's were computed with NumPy int64 arithmetic.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})
func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

!u8 = !quant.uniform<u8:f32, 1.0>

// y, scale and zero point, the integers widened to i32 for printing.
func.func @dynamic_quantize(%x: tensor<?xf32>) -> (tensor<?xi32>, tensor<1xf32>, tensor<1xi32>) {
  %y, %s, %z = qnn.dynamic_quantize %x : tensor<?xf32> -> tensor<?xui8>, tensor<f32>, tensor<ui8>
  %q = qnn.storage_cast %y : tensor<?xui8> -> tensor<?x!u8>
  %i = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %i : tensor<?xi8> to tensor<?xi32>
  %s1 = tensor.expand_shape %s [] output_shape [1] : tensor<f32> into tensor<1xf32>
  %zq = qnn.storage_cast %z : tensor<ui8> -> tensor<!u8>
  %zi = qnn.storage_cast %zq : tensor<!u8> -> tensor<i8>
  %z1 = tensor.expand_shape %zi [] output_shape [1] : tensor<i8> into tensor<1xi8>
  %z32 = arith.extui %z1 : tensor<1xi8> to tensor<1xi32>
  return %w, %s1, %z32 : tensor<?xi32>, tensor<1xf32>, tensor<1xi32>
}

func.func @print_dynamic_quantize(%c: tensor<5xf32>) {
  %x = tensor.cast %c : tensor<5xf32> to tensor<?xf32>
  %w, %s, %z = call @dynamic_quantize(%x) : (tensor<?xf32>) -> (tensor<?xi32>, tensor<1xf32>, tensor<1xi32>)
  %wu = tensor.cast %w : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%wu) : (tensor<*xi32>) -> ()
  %su = tensor.cast %s : tensor<1xf32> to tensor<*xf32>
  call @printMemrefF32(%su) : (tensor<*xf32>) -> ()
  %zu = tensor.cast %z : tensor<1xi32> to tensor<*xi32>
  call @printMemrefI32(%zu) : (tensor<*xi32>) -> ()
  return
}

// 3-D u8 activations, i8 weights; a scalar or per-column weight zero point.
func.func @matmul_integer(%a: tensor<2x3x4xi8>, %b: tensor<4x3xi8>, %za: tensor<i8>, %zb: tensor<3xi8>, %zs: tensor<i8>) -> (tensor<2x3x3xi32>, tensor<2x3x3xi32>) {
  %au = qnn.storage_cast %a : tensor<2x3x4xi8> -> tensor<2x3x4x!u8>
  %aui = qnn.storage_cast %au : tensor<2x3x4x!u8> -> tensor<2x3x4xui8>
  %zau = qnn.storage_cast %za : tensor<i8> -> tensor<!u8>
  %zaui = qnn.storage_cast %zau : tensor<!u8> -> tensor<ui8>
  %y = qnn.matmul_integer %aui, %b, %zaui, %zb : tensor<2x3x4xui8>, tensor<4x3xi8>, tensor<ui8>, tensor<3xi8> -> tensor<2x3x3xi32>
  %y2 = qnn.matmul_integer %aui, %b, %zaui, %zs : tensor<2x3x4xui8>, tensor<4x3xi8>, tensor<ui8>, tensor<i8> -> tensor<2x3x3xi32>
  return %y, %y2 : tensor<2x3x3xi32>, tensor<2x3x3xi32>
}

func.func @main() {
  // CHECK: [0,  109,  255,  90,  91]
  // CHECK-NEXT: Unranked
  // CHECK-NEXT: [0.0164706]
  // CHECK-NEXT: Unranked
  // CHECK-NEXT: [91]
  %x0 = arith.constant dense<[-1.5, 0.3, 2.7, -0.01, 0.001]> : tensor<5xf32>
  call @print_dynamic_quantize(%x0) : (tensor<5xf32>) -> ()
  // CHECK: [51,  102,  153,  204,  255]
  // CHECK: [0.0196078]
  // CHECK: [0]
  %x1 = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  call @print_dynamic_quantize(%x1) : (tensor<5xf32>) -> ()
  // CHECK: [204,  153,  102,  51,  0]
  // CHECK: [0.0196078]
  // CHECK: [255]
  %x2 = arith.constant dense<[-1.0, -2.0, -3.0, -4.0, -5.0]> : tensor<5xf32>
  call @print_dynamic_quantize(%x2) : (tensor<5xf32>) -> ()
  // CHECK: [0,  0,  0,  0,  0]
  // CHECK: [1]
  // CHECK: [0]
  %x3 = arith.constant dense<0.0> : tensor<5xf32>
  call @print_dynamic_quantize(%x3) : (tensor<5xf32>) -> ()
  // CHECK: [0,  128,  191,  255,  0]
  // CHECK: [0.0156863]
  // CHECK: [64]
  %x4 = arith.constant dense<[0x7FC00000, 1.0, 2.0, 3.0, -1.0]> : tensor<5xf32>
  call @print_dynamic_quantize(%x4) : (tensor<5xf32>) -> ()
  // CHECK: [0,  0,  0,  0,  0]
  // CHECK: [inf]
  // CHECK: [0]
  %x5 = arith.constant dense<[0x7F800000, 1.0, 2.0, 3.0, 4.0]> : tensor<5xf32>
  call @print_dynamic_quantize(%x5) : (tensor<5xf32>) -> ()

  %a = arith.constant dense<[[[207, 21, 45, 60], [46, 205, 222, 149], [10, 24, 85, 110]], [[159, 122, 67, 40], [177, 188, 8, 29], [115, 100, 227, 132]]]> : tensor<2x3x4xi8>
  %b = arith.constant dense<[[-21, -18, 42], [22, -84, 60], [65, 116, 73], [-56, -47, 38]]> : tensor<4x3xi8>
  %za = arith.constant dense<7> : tensor<i8>
  %zb = arith.constant dense<[1, -2, 0]> : tensor<3xi8>
  %zs = arith.constant dense<5> : tensor<i8>
  %y, %y2 = call @matmul_integer(%a, %b, %za, %zb, %zs) : (tensor<2x3x4xi8>, tensor<4x3xi8>, tensor<i8>, tensor<3xi8>, tensor<i8>) -> (tensor<2x3x3xi32>, tensor<2x3x3xi32>)
  // CHECK-LABEL: sizes = [2, 3, 3]
  // CHECK-NEXT: {{\[}}[{{\[}}-4695,   -2249,   14028],
  // CHECK-NEXT:    [8966,   2120,   34609],
  // CHECK-NEXT:    [-588,   3127,   10754]],
  // CHECK-NEXT:   {{\[}}[1030,   -6267,   18918],
  // CHECK-NEXT:    [-1129,   -18434,   18909],
  // CHECK-NEXT:    [6532,   10981,   30926]]]
  %yu = tensor.cast %y : tensor<2x3x3xi32> to tensor<*xi32>
  call @printMemrefI32(%yu) : (tensor<*xi32>) -> ()
  // CHECK-LABEL: sizes = [2, 3, 3]
  // CHECK-NEXT: {{\[}}[{{\[}}-5915,   -4384,   12503],
  // CHECK-NEXT:    [6590,   -2038,   31639],
  // CHECK-NEXT:    [-1392,   1720,   9749]],
  // CHECK-NEXT:   {{\[}}[-410,   -8787,   17118],
  // CHECK-NEXT:    [-2625,   -21052,   17039],
  // CHECK-NEXT:    [4348,   7159,   28196]]]
  %y2u = tensor.cast %y2 : tensor<2x3x3xi32> to tensor<*xi32>
  call @printMemrefI32(%y2u) : (tensor<*xi32>) -> ()
  return
}
