// Kernels timed by bench/run.sh, in destination-passing style so that the
// benchmark owns every buffer. The quantized types must match kQ / kOut in
// bench.cpp (the bit check fails otherwise):
//   input/code type  !quant.uniform<u8:f32, 0.05:128>
//   requantize into  !quant.uniform<u8:f32, 0.04:120>   (float mode)

func.func @quantize_u8(%x: tensor<?xf32>, %out: tensor<?xi8>) -> tensor<?xi8>
    attributes {llvm.emit_c_interface} {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %i = qnn.storage_cast %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>> -> tensor<?xi8>
  %r = bufferization.materialize_in_destination %i in %out
      : (tensor<?xi8>, tensor<?xi8>) -> tensor<?xi8>
  return %r : tensor<?xi8>
}

func.func @dequantize_u8(%in: tensor<?xi8>, %out: tensor<?xf32>) -> tensor<?xf32>
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %in : tensor<?xi8> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %f = qnn.dequantize %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>> -> tensor<?xf32>
  %r = bufferization.materialize_in_destination %f in %out
      : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

func.func @requantize_u8(%in: tensor<?xi8>, %out: tensor<?xi8>) -> tensor<?xi8>
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %in : tensor<?xi8> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>>
      -> tensor<?x!quant.uniform<u8:f32, 0.04:120>>
  %i = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.04:120>> -> tensor<?xi8>
  %d = bufferization.materialize_in_destination %i in %out
      : (tensor<?xi8>, tensor<?xi8>) -> tensor<?xi8>
  return %d : tensor<?xi8>
}
