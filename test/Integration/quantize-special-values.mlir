// quantize on the values the contract defines specially: NaN (to the zero
// point in the PyTorch flavour, to qmin in the ONNX flavour), +-inf and huge values (saturate), ties (to even), -0.0, a
// subnormal, for every storage width including narrow ranges, 4-bit and
// 32-bit storage (whose qmax = 2^31 - 1 is not a float32). 17 elements: one
// full 16-lane vector plus a masked tail. Expected values were computed
// with NumPy float32 arithmetic following docs/Semantics.md.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI64(tensor<*xi64> {bufferization.access = "read"})


func.func @quantize_u8(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<u8:f32, 0.1:10>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i8(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i8_narrow(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i8<-127:127>:f32, 0.5>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i16(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<i16:f32, 0.001:100>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i16:f32, 0.001:100>> -> tensor<?xi16>
  %w = arith.extsi %s : tensor<?xi16> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_u4(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u4:f32, 0.5:3>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<u4:f32, 0.5:3>> -> tensor<?xi4>
  %w = arith.extui %s : tensor<?xi4> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i4(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<i4:f32, 0.25:-1>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i4:f32, 0.25:-1>> -> tensor<?xi4>
  %w = arith.extsi %s : tensor<?xi4> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i32(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<i32:f32, 1.0>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i32:f32, 1.0>> -> tensor<?xi32>
  %w = arith.extsi %s : tensor<?xi32> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_u32(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u32:f32, 0.5:7>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<u32:f32, 0.5:7>> -> tensor<?xi32>
  %w = arith.extui %s : tensor<?xi32> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_u8_onnx(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<u8:f32, 0.1:10>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i8_onnx(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i16_onnx(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i16:f32, 0.001:100>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i16:f32, 0.001:100>> -> tensor<?xi16>
  %w = arith.extsi %s : tensor<?xi16> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @quantize_i32_onnx(%x: tensor<?xf32>) -> tensor<?xi64> {
  %q = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i32:f32, 1.0>>
  %s = qnn.storage_cast %q : tensor<?x!quant.uniform<i32:f32, 1.0>> -> tensor<?xi32>
  %w = arith.extsi %s : tensor<?xi32> to tensor<?xi64>
  return %w : tensor<?xi64>
}

func.func @main() {
  %c = arith.constant dense<[0x7FC00000, 0x7F800000, 0xFF800000, 3.4e38, -3.4e38, 0.05, 0.15, 0.25, -0.05, -1.0, -0.0, 1.0e-45, 24.5, 24.6, 0.35, -0.35, 7.0]> : tensor<17xf32>
  %x = tensor.cast %c : tensor<17xf32> to tensor<?xf32>
  %u8 = call @quantize_u8(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %u8_u = tensor.cast %u8 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [10,  255,  0,  255,  0,  10,  12,  12,  10,  0,  10,  10,  255,  255,  14,  6,  80]
  call @printMemrefI64(%u8_u) : (tensor<*xi64>) -> ()
  %i8 = call @quantize_i8(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i8_u = tensor.cast %i8 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-3,  127,  -128,  127,  -128,  -3,  -3,  -3,  -3,  -5,  -3,  -3,  46,  46,  -2,  -4,  11]
  call @printMemrefI64(%i8_u) : (tensor<*xi64>) -> ()
  %i8_narrow = call @quantize_i8_narrow(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i8_narrow_u = tensor.cast %i8_narrow : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  127,  -127,  127,  -127,  0,  0,  0,  0,  -2,  0,  0,  49,  49,  1,  -1,  14]
  call @printMemrefI64(%i8_narrow_u) : (tensor<*xi64>) -> ()
  %i16 = call @quantize_i16(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i16_u = tensor.cast %i16 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [100,  32767,  -32768,  32767,  -32768,  150,  250,  350,  50,  -900,  100,  100,  24600,  24700,  450,  -250,  7100]
  call @printMemrefI64(%i16_u) : (tensor<*xi64>) -> ()
  %u4 = call @quantize_u4(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %u4_u = tensor.cast %u4 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [3,  15,  0,  15,  0,  3,  3,  3,  3,  1,  3,  3,  15,  15,  4,  2,  15]
  call @printMemrefI64(%u4_u) : (tensor<*xi64>) -> ()
  %i4 = call @quantize_i4(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i4_u = tensor.cast %i4 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-1,  7,  -8,  7,  -8,  -1,  0,  0,  -1,  -5,  -1,  -1,  7,  7,  0,  -2,  7]
  call @printMemrefI64(%i4_u) : (tensor<*xi64>) -> ()
  %i32 = call @quantize_i32(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i32_u = tensor.cast %i32 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  2147483647,  -2147483648,  2147483647,  -2147483648,  0,  0,  0,  0,  -1,  0,  0,  24,  25,  0,  0,  7]
  call @printMemrefI64(%i32_u) : (tensor<*xi64>) -> ()
  %u32 = call @quantize_u32(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %u32_u = tensor.cast %u32 : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [7,  4294967295,  0,  4294967295,  0,  7,  7,  7,  7,  5,  7,  7,  56,  56,  8,  6,  21]
  call @printMemrefI64(%u32_u) : (tensor<*xi64>) -> ()
  // The ONNX flavour: NaN gives qmin, as ONNX Runtime's QuantizeLinear does.
  %u8_onnx = call @quantize_u8_onnx(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %u8_onnx_u = tensor.cast %u8_onnx : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  255,  0,  255,  0,  10,  12,  12,  10,  0,  10,  10,  255,  255,  14,  6,  80]
  call @printMemrefI64(%u8_onnx_u) : (tensor<*xi64>) -> ()
  %i8_onnx = call @quantize_i8_onnx(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i8_onnx_u = tensor.cast %i8_onnx : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-128,  127,  -128,  127,  -128,  -3,  -3,  -3,  -3,  -5,  -3,  -3,  46,  46,  -2,  -4,  11]
  call @printMemrefI64(%i8_onnx_u) : (tensor<*xi64>) -> ()
  %i16_onnx = call @quantize_i16_onnx(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i16_onnx_u = tensor.cast %i16_onnx : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-32768,  32767,  -32768,  32767,  -32768,  150,  250,  350,  50,  -900,  100,  100,  24600,  24700,  450,  -250,  7100]
  call @printMemrefI64(%i16_onnx_u) : (tensor<*xi64>) -> ()
  %i32_onnx = call @quantize_i32_onnx(%x) : (tensor<?xf32>) -> tensor<?xi64>
  %i32_onnx_u = tensor.cast %i32_onnx : tensor<?xi64> to tensor<*xi64>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-2147483648,  2147483647,  -2147483648,  2147483647,  -2147483648,  0,  0,  0,  0,  -1,  0,  0,  24,  25,  0,  0,  7]
  call @printMemrefI64(%i32_onnx_u) : (tensor<*xi64>) -> ()
  return
}
