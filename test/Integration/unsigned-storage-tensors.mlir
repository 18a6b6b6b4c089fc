// Tensors of ui8 (how an ONNX importer types uint8 data) enter and leave
// quantized code through qnn.storage_cast; the lowering makes them
// signless, with the same bits: 200 is 200, not -56.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.5:10>

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// Dequantize u8 data given as ui8.
func.func @dequantize(%x: tensor<4xui8>) -> tensor<4xf32> {
  %q = qnn.storage_cast %x : tensor<4xui8> -> tensor<4x!u8>
  %f = qnn.dequantize %q : tensor<4x!u8> -> tensor<4xf32>
  return %f : tensor<4xf32>
}

// Quantize to u8 data returned as ui8.
func.func @quantize(%x: tensor<4xf32>) -> tensor<4xui8> {
  %q = qnn.quantize %x flavour(onnx) : tensor<4xf32> -> tensor<4x!u8>
  %i = qnn.storage_cast %q : tensor<4x!u8> -> tensor<4xui8>
  return %i : tensor<4xui8>
}

func.func @main() {
  %c = qnn.constant dense<[0, 10, 200, 255]> : tensor<4xui8> -> tensor<4x!u8>
  %x = qnn.storage_cast %c : tensor<4x!u8> -> tensor<4xui8>
  %f = call @dequantize(%x) : (tensor<4xui8>) -> tensor<4xf32>
  %f_u = tensor.cast %f : tensor<4xf32> to tensor<*xf32>
  // CHECK-LABEL: sizes = [4]
  // CHECK-NEXT: [-5,  0,  95,  122.5]
  call @printMemrefF32(%f_u) : (tensor<*xf32>) -> ()
  %q = call @quantize(%f) : (tensor<4xf32>) -> tensor<4xui8>
  %back = call @dequantize(%q) : (tensor<4xui8>) -> tensor<4xf32>
  %back_u = tensor.cast %back : tensor<4xf32> to tensor<*xf32>
  // CHECK-LABEL: sizes = [4]
  // CHECK-NEXT: [-5,  0,  95,  122.5]
  call @printMemrefF32(%back_u) : (tensor<*xf32>) -> ()
  return
}
