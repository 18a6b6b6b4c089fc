// The seed example of the quantization contract, as a user would write it:
// PyTorch's torch.quantize_per_tensor([100., 1., 2.], 0.1, 10, quint8) is
// [255, 20, 30], which dequantizes to [24.5, 1.0, 2.0] (100 saturates).
//
//   quant-opt examples/seed.mlir --qnn-to-llvm | mlir-runner -e main \
//     -entry-point-result=void -shared-libs=<mlir_runner_utils>,<mlir_c_runner_utils>
//
// The kernels take dynamically sized tensors, so the same generated code
// serves any length: full vectors, then one masked step for the rest.

!u8 = !quant.uniform<u8:f32, 0.1:10>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})
func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// Exported with a C interface: _mlir_ciface_quantize(result*, x*).
func.func @quantize(%x: tensor<?xf32>) -> tensor<?x!u8> attributes {llvm.emit_c_interface} {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  return %q : tensor<?x!u8>
}

func.func @dequantize(%q: tensor<?x!u8>) -> tensor<?xf32> attributes {llvm.emit_c_interface} {
  %x = qnn.dequantize %q : tensor<?x!u8> -> tensor<?xf32>
  return %x : tensor<?xf32>
}

func.func @main() {
  %c = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>
  %x = tensor.cast %c : tensor<3xf32> to tensor<?xf32>
  %q = call @quantize(%x) : (tensor<?xf32>) -> tensor<?x!u8>
  %s = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  %wu = tensor.cast %w : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%wu) : (tensor<*xi32>) -> ()
  %d = call @dequantize(%q) : (tensor<?x!u8>) -> tensor<?xf32>
  %du = tensor.cast %d : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%du) : (tensor<*xf32>) -> ()
  return
}
