// The pipeline lowers to LLVM IR whose hot loop uses the target's vector
// width, and every function carries the target's attributes.
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=znver4" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefixes=CHECK,ZNVER4
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefixes=CHECK,HASWELL
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=x86-64 target-features=+avx2,+fma vector-width=128" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefixes=CHECK,EXPLICIT

// CHECK-LABEL: define void @quantize(
// ZNVER4: fmul <16 x float>
// ZNVER4: store <16 x i8>
// ZNVER4: call <16 x float> @llvm.masked.load.v16f32
// ZNVER4: call void @llvm.masked.store.v16i8
// ZNVER4: attributes #{{[0-9]+}} = {{{.*}}"prefer-vector-width"="512"{{.*}}"target-cpu"="znver4"

// HASWELL-NOT: <16 x float>
// HASWELL: fmul <8 x float>
// HASWELL: call <8 x float> @llvm.masked.load.v8f32
// HASWELL: attributes #{{[0-9]+}} = {{{.*}}"prefer-vector-width"="256"{{.*}}"target-cpu"="haswell"

// EXPLICIT: fmul <4 x float>
// EXPLICIT: attributes #{{[0-9]+}} = {{{.*}}"target-cpu"="x86-64" "target-features"="+avx2,+fma"
func.func @quantize(%x: tensor<?xf32>, %out: memref<?xi8>) attributes {llvm.emit_c_interface} {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.05:128>>
  %i = qnn.storage_cast %q : tensor<?x!quant.uniform<u8:f32, 0.05:128>> -> tensor<?xi8>
  bufferization.materialize_in_destination %i in restrict writable %out : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}
