// Kernels timed by bench/run.sh, in destination-passing style so that the
// benchmark owns every buffer: each result is materialized in a memref
// argument, so the generated code allocates nothing. The quantized types must match kQ / kOut in
// bench.cpp (the bit check fails otherwise):
//   input/code type  !quant.uniform<u8:f32, 0.05:128>
//   requantize into  !quant.uniform<u8:f32, 0.04:120>   (float mode)

func.func @quantize_u8(%x: tensor<?xf32>, %out: memref<?xi8>)
    attributes {llvm.emit_c_interface} {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %i = qnn.storage_cast %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>> -> tensor<?xi8>
  bufferization.materialize_in_destination %i in restrict writable %out
      : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}

func.func @dequantize_u8(%in: tensor<?xi8>, %out: memref<?xf32>)
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %in : tensor<?xi8> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %f = qnn.dequantize %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>> -> tensor<?xf32>
  bufferization.materialize_in_destination %f in restrict writable %out
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}

func.func @requantize_u8(%in: tensor<?xi8>, %out: memref<?xi8>)
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %in : tensor<?xi8> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>>
      -> tensor<?x!quant.uniform<u8:f32, 0.04:120>>
  %i = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.04:120>> -> tensor<?xi8>
  bufferization.materialize_in_destination %i in restrict writable %out
      : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}
