// A QDQ matmul island written with upstream quant casts, as a frontend
// emits it, goes through qnn-to-llvm: it is fused into qnn.matmul (exact
// i32 accumulation, one rounding in the chosen mode) and run. Expected
// values come from a Python reference that sums (a - za)(w - zw) exactly.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s --check-prefix=FLOAT
// RUN: quant-opt %s --qnn-to-llvm="qdq-rounding=half_away" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s --check-prefix=AWAY
// RUN: quant-opt %s --qnn-import-quant --qnn-fuse-qdq | FileCheck %s

!qa = !quant.uniform<u8:f32, 0.5:128>
!qw = !quant.uniform<i8:f32:1, {0.5, 0.25}>
!qo = !quant.uniform<u8:f32, 0.5:100>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

// CHECK-LABEL: func.func @layer
// CHECK: qnn.matmul
// CHECK-NOT: linalg.matmul
func.func @layer(%a8: tensor<3x16xi8>, %w8: tensor<16x2xi8>) -> tensor<3x2xi32> {
  %qa = quant.scast %a8 : tensor<3x16xi8> to tensor<3x16x!qa>
  %qw = quant.scast %w8 : tensor<16x2xi8> to tensor<16x2x!qw>
  %a = quant.dcast %qa : tensor<3x16x!qa> to tensor<3x16xf32>
  %w = quant.dcast %qw : tensor<16x2x!qw> to tensor<16x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y = linalg.matmul ins(%a, %w : tensor<3x16xf32>, tensor<16x2xf32>) outs(%z : tensor<3x2xf32>) -> tensor<3x2xf32>
  %q = quant.qcast %y : tensor<3x2xf32> to tensor<3x2x!qo>
  %s = quant.scast %q : tensor<3x2x!qo> to tensor<3x2xi8>
  %r = arith.extui %s : tensor<3x2xi8> to tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}

func.func @main() {
  %a = arith.constant dense<[[-128, -125, -120, 120, -122, 127, 121, 125, 123, -125, -121, 127, -124, 123, 127, 120], [126, -123, -128, 125, -124, 125, 122, 124, -122, 124, 124, 120, 120, 126, 126, 125], [125, -127, -126, 126, 126, 125, 126, -124, -127, 120, -125, -123, 125, 124, -128, 122]]> : tensor<3x16xi8>
  %w = arith.constant dense<[[-1, -1], [3, 1], [1, -3], [1, 2], [2, -1], [-3, -1], [-1, 3], [-1, 0], [2, -1], [-2, 0], [0, 2], [-2, -3], [-1, -3], [2, -1], [3, 0], [-3, 1]]> : tensor<16x2xi8>
  %r = call @layer(%a, %w) : (tensor<3x16xi8>, tensor<16x2xi8>) -> tensor<3x2xi32>
  %f = tensor.collapse_shape %r [[0, 1]] : tensor<3x2xi32> into tensor<6xi32>
  %u = tensor.cast %f : tensor<6xi32> to tensor<*xi32>
  // FLOAT: [114,  86,  142,  104,  115,  98]
  // AWAY: [114,  86,  142,  104,  115,  97]
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
