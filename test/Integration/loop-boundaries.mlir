// Lengths around every loop boundary of the generated code: the packed
// loop (64 elements per step for i8 results at 512 bits), the full-vector
// loop (16), and the masked tail, at lengths 1, 15, 16, 17, 63, 64, 65, 100
// and 129, for an even zero point (folded into the rounding constant) and an
// odd one. Each call gets a prefix of the same input; the expected values
// come from a Python reference of docs/Semantics.md.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=256" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

!u8 = !quant.uniform<u8:f32, 0.1:10>
!i8 = !quant.uniform<i8:f32, 0.5:-3>

// The kernels under test end in the i8 store; widening for printing is a
// separate function so that it does not fuse into them.
func.func @quantize_u8(%x: tensor<?xf32>) -> tensor<?x!u8> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  return %q : tensor<?x!u8>
}

func.func @quantize_i8(%x: tensor<?xf32>) -> tensor<?x!i8> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!i8>
  return %q : tensor<?x!i8>
}

func.func @widen_u8(%q: tensor<?x!u8>) -> tensor<?xi32> {
  %s = qnn.storage_cast %q : tensor<?x!u8> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @widen_i8(%q: tensor<?x!i8>) -> tensor<?xi32> {
  %s = qnn.storage_cast %q : tensor<?x!i8> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @main() {
  %c = arith.constant dense<[-10.0, -9.75, -9.5, -9.25, -9.0, -8.75, -8.5, 0x7FC00000, -8.0, -7.75, -7.5, -7.25, -7.0, -6.75, -6.5, -6.25, -6.0, -5.75, -5.5, -5.25, -5.0, -4.75, -4.5, -4.25, -4.0, -3.75, -3.5, -3.25, -3.0, -2.75, -2.5, -2.25, -2.0, -1.75, -1.5, -1.25, -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75, 4.0, 4.25, 4.5, 4.75, 5.0, 5.25, 5.5, 5.75, 6.0, 6.25, 6.5, 6.75, 7.0, 7.25, 0x7F800000, 7.75, 8.0, 8.25, 8.5, 8.75, 9.0, 9.25, 9.5, 9.75, 10.0, 10.25, 10.5, 10.75, 11.0, 11.25, 11.5, 11.75, 12.0, 12.25, 12.5, 12.75, 13.0, 13.25, 13.5, 13.75, 14.0, 14.25, 14.5, 14.75, 0xFF800000, 15.25, 15.5, 15.75, 16.0, 16.25, 16.5, 16.75, 17.0, 17.25, 17.5, 17.75, 18.0, 18.25, 18.5, 18.75, 19.0, 19.25, 19.5, 19.75, 20.0, 20.25, 20.5, 20.75, 21.0, 21.25, 21.5, 21.75, 22.0]> : tensor<129xf32>
  %x1 = tensor.extract_slice %c[0] [1] [1] : tensor<129xf32> to tensor<1xf32>
  %d1 = tensor.cast %x1 : tensor<1xf32> to tensor<?xf32>
  %u8_1_q = call @quantize_u8(%d1) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_1 = call @widen_u8(%u8_1_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_1_u = tensor.cast %u8_1 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [0]
  call @printMemrefI32(%u8_1_u) : (tensor<*xi32>) -> ()
  %i8_1_q = call @quantize_i8(%d1) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_1 = call @widen_i8(%i8_1_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_1_u = tensor.cast %i8_1 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [-23]
  call @printMemrefI32(%i8_1_u) : (tensor<*xi32>) -> ()
  %x15 = tensor.extract_slice %c[0] [15] [1] : tensor<129xf32> to tensor<15xf32>
  %d15 = tensor.cast %x15 : tensor<15xf32> to tensor<?xf32>
  %u8_15_q = call @quantize_u8(%d15) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_15 = call @widen_u8(%u8_15_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_15_u = tensor.cast %u8_15 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0]
  call @printMemrefI32(%u8_15_u) : (tensor<*xi32>) -> ()
  %i8_15_q = call @quantize_i8(%d15) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_15 = call @widen_i8(%i8_15_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_15_u = tensor.cast %i8_15 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16]
  call @printMemrefI32(%i8_15_u) : (tensor<*xi32>) -> ()
  %x16 = tensor.extract_slice %c[0] [16] [1] : tensor<129xf32> to tensor<16xf32>
  %d16 = tensor.cast %x16 : tensor<16xf32> to tensor<?xf32>
  %u8_16_q = call @quantize_u8(%d16) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_16 = call @widen_u8(%u8_16_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_16_u = tensor.cast %u8_16 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [16]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0]
  call @printMemrefI32(%u8_16_u) : (tensor<*xi32>) -> ()
  %i8_16_q = call @quantize_i8(%d16) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_16 = call @widen_i8(%i8_16_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_16_u = tensor.cast %i8_16 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [16]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15]
  call @printMemrefI32(%i8_16_u) : (tensor<*xi32>) -> ()
  %x17 = tensor.extract_slice %c[0] [17] [1] : tensor<129xf32> to tensor<17xf32>
  %d17 = tensor.cast %x17 : tensor<17xf32> to tensor<?xf32>
  %u8_17_q = call @quantize_u8(%d17) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_17 = call @widen_u8(%u8_17_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_17_u = tensor.cast %u8_17 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0]
  call @printMemrefI32(%u8_17_u) : (tensor<*xi32>) -> ()
  %i8_17_q = call @quantize_i8(%d17) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_17 = call @widen_i8(%i8_17_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_17_u = tensor.cast %i8_17 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15]
  call @printMemrefI32(%i8_17_u) : (tensor<*xi32>) -> ()
  %x63 = tensor.extract_slice %c[0] [63] [1] : tensor<129xf32> to tensor<63xf32>
  %d63 = tensor.cast %x63 : tensor<63xf32> to tensor<?xf32>
  %u8_63_q = call @quantize_u8(%d63) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_63 = call @widen_u8(%u8_63_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_63_u = tensor.cast %u8_63 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [63]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  5,  8,  10,  12,  15,  18,  20,  22,  25,  28,  30,  32,  35,  38,  40,  42,  45,  48,  50,  52,  55,  58,  60,  62,  65]
  call @printMemrefI32(%u8_63_u) : (tensor<*xi32>) -> ()
  %i8_63_q = call @quantize_i8(%d63) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_63 = call @widen_i8(%i8_63_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_63_u = tensor.cast %i8_63 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [63]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15,  -15,  -14,  -13,  -13,  -13,  -12,  -11,  -11,  -11,  -10,  -9,  -9,  -9,  -8,  -7,  -7,  -7,  -6,  -5,  -5,  -5,  -4,  -3,  -3,  -3,  -2,  -1,  -1,  -1,  0,  1,  1,  1,  2,  3,  3,  3,  4,  5,  5,  5,  6,  7,  7,  7,  8]
  call @printMemrefI32(%i8_63_u) : (tensor<*xi32>) -> ()
  %x64 = tensor.extract_slice %c[0] [64] [1] : tensor<129xf32> to tensor<64xf32>
  %d64 = tensor.cast %x64 : tensor<64xf32> to tensor<?xf32>
  %u8_64_q = call @quantize_u8(%d64) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_64 = call @widen_u8(%u8_64_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_64_u = tensor.cast %u8_64 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [64]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  5,  8,  10,  12,  15,  18,  20,  22,  25,  28,  30,  32,  35,  38,  40,  42,  45,  48,  50,  52,  55,  58,  60,  62,  65,  68]
  call @printMemrefI32(%u8_64_u) : (tensor<*xi32>) -> ()
  %i8_64_q = call @quantize_i8(%d64) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_64 = call @widen_i8(%i8_64_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_64_u = tensor.cast %i8_64 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [64]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15,  -15,  -14,  -13,  -13,  -13,  -12,  -11,  -11,  -11,  -10,  -9,  -9,  -9,  -8,  -7,  -7,  -7,  -6,  -5,  -5,  -5,  -4,  -3,  -3,  -3,  -2,  -1,  -1,  -1,  0,  1,  1,  1,  2,  3,  3,  3,  4,  5,  5,  5,  6,  7,  7,  7,  8,  9]
  call @printMemrefI32(%i8_64_u) : (tensor<*xi32>) -> ()
  %x65 = tensor.extract_slice %c[0] [65] [1] : tensor<129xf32> to tensor<65xf32>
  %d65 = tensor.cast %x65 : tensor<65xf32> to tensor<?xf32>
  %u8_65_q = call @quantize_u8(%d65) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_65 = call @widen_u8(%u8_65_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_65_u = tensor.cast %u8_65 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [65]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  5,  8,  10,  12,  15,  18,  20,  22,  25,  28,  30,  32,  35,  38,  40,  42,  45,  48,  50,  52,  55,  58,  60,  62,  65,  68,  70]
  call @printMemrefI32(%u8_65_u) : (tensor<*xi32>) -> ()
  %i8_65_q = call @quantize_i8(%d65) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_65 = call @widen_i8(%i8_65_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_65_u = tensor.cast %i8_65 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [65]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15,  -15,  -14,  -13,  -13,  -13,  -12,  -11,  -11,  -11,  -10,  -9,  -9,  -9,  -8,  -7,  -7,  -7,  -6,  -5,  -5,  -5,  -4,  -3,  -3,  -3,  -2,  -1,  -1,  -1,  0,  1,  1,  1,  2,  3,  3,  3,  4,  5,  5,  5,  6,  7,  7,  7,  8,  9,  9]
  call @printMemrefI32(%i8_65_u) : (tensor<*xi32>) -> ()
  %x100 = tensor.extract_slice %c[0] [100] [1] : tensor<129xf32> to tensor<100xf32>
  %d100 = tensor.cast %x100 : tensor<100xf32> to tensor<?xf32>
  %u8_100_q = call @quantize_u8(%d100) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_100 = call @widen_u8(%u8_100_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_100_u = tensor.cast %u8_100 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [100]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  5,  8,  10,  12,  15,  18,  20,  22,  25,  28,  30,  32,  35,  38,  40,  42,  45,  48,  50,  52,  55,  58,  60,  62,  65,  68,  70,  72,  75,  78,  80,  82,  255,  88,  90,  92,  95,  98,  100,  102,  105,  108,  110,  112,  115,  118,  120,  122,  125,  128,  130,  132,  135,  138,  140,  142,  145,  148,  150,  152,  155,  158]
  call @printMemrefI32(%u8_100_u) : (tensor<*xi32>) -> ()
  %i8_100_q = call @quantize_i8(%d100) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_100 = call @widen_i8(%i8_100_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_100_u = tensor.cast %i8_100 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [100]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15,  -15,  -14,  -13,  -13,  -13,  -12,  -11,  -11,  -11,  -10,  -9,  -9,  -9,  -8,  -7,  -7,  -7,  -6,  -5,  -5,  -5,  -4,  -3,  -3,  -3,  -2,  -1,  -1,  -1,  0,  1,  1,  1,  2,  3,  3,  3,  4,  5,  5,  5,  6,  7,  7,  7,  8,  9,  9,  9,  10,  11,  11,  11,  127,  13,  13,  13,  14,  15,  15,  15,  16,  17,  17,  17,  18,  19,  19,  19,  20,  21,  21,  21,  22,  23,  23,  23,  24,  25,  25,  25,  26,  27]
  call @printMemrefI32(%i8_100_u) : (tensor<*xi32>) -> ()
  %x129 = tensor.extract_slice %c[0] [129] [1] : tensor<129xf32> to tensor<129xf32>
  %d129 = tensor.cast %x129 : tensor<129xf32> to tensor<?xf32>
  %u8_129_q = call @quantize_u8(%d129) : (tensor<?xf32>) -> tensor<?x!u8>
  %u8_129 = call @widen_u8(%u8_129_q) : (tensor<?x!u8>) -> tensor<?xi32>
  %u8_129_u = tensor.cast %u8_129 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [129]
  // CHECK-NEXT: [0,  0,  0,  0,  0,  0,  0,  10,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  5,  8,  10,  12,  15,  18,  20,  22,  25,  28,  30,  32,  35,  38,  40,  42,  45,  48,  50,  52,  55,  58,  60,  62,  65,  68,  70,  72,  75,  78,  80,  82,  255,  88,  90,  92,  95,  98,  100,  102,  105,  108,  110,  112,  115,  118,  120,  122,  125,  128,  130,  132,  135,  138,  140,  142,  145,  148,  150,  152,  155,  158,  0,  162,  165,  168,  170,  172,  175,  178,  180,  182,  185,  188,  190,  192,  195,  198,  200,  202,  205,  208,  210,  212,  215,  218,  220,  222,  225,  228,  230]
  call @printMemrefI32(%u8_129_u) : (tensor<*xi32>) -> ()
  %i8_129_q = call @quantize_i8(%d129) : (tensor<?xf32>) -> tensor<?x!i8>
  %i8_129 = call @widen_i8(%i8_129_q) : (tensor<?x!i8>) -> tensor<?xi32>
  %i8_129_u = tensor.cast %i8_129 : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [129]
  // CHECK-NEXT: [-23,  -23,  -22,  -21,  -21,  -21,  -20,  -3,  -19,  -19,  -18,  -17,  -17,  -17,  -16,  -15,  -15,  -15,  -14,  -13,  -13,  -13,  -12,  -11,  -11,  -11,  -10,  -9,  -9,  -9,  -8,  -7,  -7,  -7,  -6,  -5,  -5,  -5,  -4,  -3,  -3,  -3,  -2,  -1,  -1,  -1,  0,  1,  1,  1,  2,  3,  3,  3,  4,  5,  5,  5,  6,  7,  7,  7,  8,  9,  9,  9,  10,  11,  11,  11,  127,  13,  13,  13,  14,  15,  15,  15,  16,  17,  17,  17,  18,  19,  19,  19,  20,  21,  21,  21,  22,  23,  23,  23,  24,  25,  25,  25,  26,  27,  -128,  27,  28,  29,  29,  29,  30,  31,  31,  31,  32,  33,  33,  33,  34,  35,  35,  35,  36,  37,  37,  37,  38,  39,  39,  39,  40,  41,  41]
  call @printMemrefI32(%i8_129_u) : (tensor<*xi32>) -> ()
  return
}
