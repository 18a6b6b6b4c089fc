// The seed example end to end: [100.0, 1.0, 2.0] with scale 0.1 and zero
// point 10 in u8 quantizes to [255, 20, 30] (100 saturates) and dequantizes
// to [24.5, 1.0, 2.0], bit for bit (printed as float and as raw bits).
// The inputs go through a call so that nothing is constant-folded: this
// runs the generated vector code, including its masked tail.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.1:10>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})
func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @quantize(%x: tensor<?xf32>) -> tensor<?x!u8> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  return %q : tensor<?x!u8>
}

func.func @dequantize(%q: tensor<?x!u8>) -> tensor<?xf32> {
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
  // CHECK: [255,  20,  30]
  call @printMemrefI32(%wu) : (tensor<*xi32>) -> ()

  %d = call @dequantize(%q) : (tensor<?x!u8>) -> tensor<?xf32>
  %du = tensor.cast %d : tensor<?xf32> to tensor<*xf32>
  // CHECK: [24.5,  1,  2]
  call @printMemrefF32(%du) : (tensor<*xf32>) -> ()
  // 24.5 = 0x41C40000, 1.0 = 0x3F800000, 2.0 = 0x40000000.
  %bits = arith.bitcast %d : tensor<?xf32> to tensor<?xi32>
  %bu = tensor.cast %bits : tensor<?xi32> to tensor<*xi32>
  // CHECK: [1103364096,  1065353216,  1073741824]
  call @printMemrefI32(%bu) : (tensor<*xi32>) -> ()
  return
}
