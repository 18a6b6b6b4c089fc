// A splat qnn.constant lowered as a splat (qnn-to-llvm-splat-constants.mlir
// shows it stays one) holds its value at run time: storage 200 of
// u8 0.1:10 dequantizes to (200 - 10) * 0.1 = 19.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

// CHECK: [200, 200, 200, 200, 200]
// CHECK: [19, 19, 19, 19, 19]
!q = !quant.uniform<u8:f32, 0.1:10>
func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %c = qnn.constant dense<200> : tensor<5xui8> -> tensor<5x!q>
  %s = qnn.storage_cast %c : tensor<5x!q> -> tensor<5xi8>
  %w = arith.extui %s : tensor<5xi8> to tensor<5xi32>
  %wu = tensor.cast %w : tensor<5xi32> to tensor<*xi32>
  call @printMemrefI32(%wu) : (tensor<*xi32>) -> ()
  %f = qnn.dequantize %c : tensor<5x!q> -> tensor<5xf32>
  %fu = tensor.cast %f : tensor<5xf32> to tensor<*xf32>
  call @printMemrefF32(%fu) : (tensor<*xf32>) -> ()
  return
}
