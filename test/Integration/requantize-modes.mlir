// Every requantize rounding mode on i8 inputs, executed: M = 0.5 puts a tie
// on every odd input, so float (ties to even), double_round (gemmlowp:
// two roundings, halves away from zero), half_up (ties toward +inf) and
// half_away differ on negative ties; M = 3/7 shows double_round's double
// rounding (q = -5 -> -7, not -6); M = 2 (a left shift) saturates;
// M = 1e-12 is below 2^-31, so every mode yields the output zero point.
// 17 inputs: one full vector and a masked tail. Expected values come from
// a Python reference of docs/Semantics.md (integers in Python's unbounded
// arithmetic, floats in NumPy float32).
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=256" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})


func.func @half_float(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<i8:f32, 0.5>> -> tensor<?x!quant.uniform<i8:f32, 1.0>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @half_double_round(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 0.5>> -> tensor<?x!quant.uniform<i8:f32, 1.0>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @half_half_up(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q rounding(half_up) : tensor<?x!quant.uniform<i8:f32, 0.5>> -> tensor<?x!quant.uniform<i8:f32, 1.0>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @half_half_away(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %q rounding(half_away) : tensor<?x!quant.uniform<i8:f32, 0.5>> -> tensor<?x!quant.uniform<i8:f32, 1.0>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @up_float(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x!quant.uniform<u8:f32, 0.25:7>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.25:7>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @up_double_round(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x!quant.uniform<u8:f32, 0.25:7>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.25:7>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @up_half_up(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.requantize %q rounding(half_up) : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x!quant.uniform<u8:f32, 0.25:7>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.25:7>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @up_half_away(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.requantize %q rounding(half_away) : tensor<?x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x!quant.uniform<u8:f32, 0.25:7>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<u8:f32, 0.25:7>> -> tensor<?xi8>
  %w = arith.extui %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @down_float(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.3:5>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 0.7:-2>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @down_double_round(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.3:5>>
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 0.7:-2>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @down_half_up(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.3:5>>
  %r = qnn.requantize %q rounding(half_up) : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 0.7:-2>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @down_half_away(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 0.3:5>>
  %r = qnn.requantize %q rounding(half_away) : tensor<?x!quant.uniform<i8:f32, 0.3:5>> -> tensor<?x!quant.uniform<i8:f32, 0.7:-2>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 0.7:-2>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @tiny_float(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 1.0e-12>>
  %r = qnn.requantize %q : tensor<?x!quant.uniform<i8:f32, 1.0e-12>> -> tensor<?x!quant.uniform<i8:f32, 1.0:3>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0:3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @tiny_double_round(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 1.0e-12>>
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!quant.uniform<i8:f32, 1.0e-12>> -> tensor<?x!quant.uniform<i8:f32, 1.0:3>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0:3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @tiny_half_up(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 1.0e-12>>
  %r = qnn.requantize %q rounding(half_up) : tensor<?x!quant.uniform<i8:f32, 1.0e-12>> -> tensor<?x!quant.uniform<i8:f32, 1.0:3>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0:3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @tiny_half_away(%x: tensor<?xi8>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!quant.uniform<i8:f32, 1.0e-12>>
  %r = qnn.requantize %q rounding(half_away) : tensor<?x!quant.uniform<i8:f32, 1.0e-12>> -> tensor<?x!quant.uniform<i8:f32, 1.0:3>>
  %s = qnn.storage_cast %r : tensor<?x!quant.uniform<i8:f32, 1.0:3>> -> tensor<?xi8>
  %w = arith.extsi %s : tensor<?xi8> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @main() {
  %c = arith.constant dense<[-128, -127, -9, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 9, 126, 127]> : tensor<17xi8>
  %x = tensor.cast %c : tensor<17xi8> to tensor<?xi8>
  %half_float = call @half_float(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %half_float_u = tensor.cast %half_float : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-64,  -64,  -4,  -2,  -2,  -2,  -1,  0,  0,  0,  1,  2,  2,  2,  4,  63,  64]
  call @printMemrefI32(%half_float_u) : (tensor<*xi32>) -> ()
  %half_double_round = call @half_double_round(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %half_double_round_u = tensor.cast %half_double_round : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-64,  -63,  -4,  -2,  -2,  -1,  -1,  0,  0,  1,  1,  2,  2,  3,  5,  63,  64]
  call @printMemrefI32(%half_double_round_u) : (tensor<*xi32>) -> ()
  %half_half_up = call @half_half_up(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %half_half_up_u = tensor.cast %half_half_up : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-64,  -63,  -4,  -2,  -2,  -1,  -1,  0,  0,  1,  1,  2,  2,  3,  5,  63,  64]
  call @printMemrefI32(%half_half_up_u) : (tensor<*xi32>) -> ()
  %half_half_away = call @half_half_away(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %half_half_away_u = tensor.cast %half_half_away : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-64,  -64,  -5,  -3,  -2,  -2,  -1,  -1,  0,  1,  1,  2,  2,  3,  5,  63,  64]
  call @printMemrefI32(%half_half_away_u) : (tensor<*xi32>) -> ()
  %up_float = call @up_float(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %up_float_u = tensor.cast %up_float : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  3,  5,  7,  9,  11,  13,  15,  17,  19,  21,  23,  31,  255,  255]
  call @printMemrefI32(%up_float_u) : (tensor<*xi32>) -> ()
  %up_double_round = call @up_double_round(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %up_double_round_u = tensor.cast %up_double_round : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  3,  5,  7,  9,  11,  13,  15,  17,  19,  21,  23,  31,  255,  255]
  call @printMemrefI32(%up_double_round_u) : (tensor<*xi32>) -> ()
  %up_half_up = call @up_half_up(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %up_half_up_u = tensor.cast %up_half_up : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  3,  5,  7,  9,  11,  13,  15,  17,  19,  21,  23,  31,  255,  255]
  call @printMemrefI32(%up_half_up_u) : (tensor<*xi32>) -> ()
  %up_half_away = call @up_half_away(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %up_half_away_u = tensor.cast %up_half_away : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  3,  5,  7,  9,  11,  13,  15,  17,  19,  21,  23,  31,  255,  255]
  call @printMemrefI32(%up_half_away_u) : (tensor<*xi32>) -> ()
  %down_float = call @down_float(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %down_float_u = tensor.cast %down_float : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-59,  -59,  -8,  -6,  -6,  -5,  -5,  -5,  -4,  -4,  -3,  -3,  -2,  -2,  0,  50,  50]
  call @printMemrefI32(%down_float_u) : (tensor<*xi32>) -> ()
  %down_double_round = call @down_double_round(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %down_double_round_u = tensor.cast %down_double_round : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-59,  -59,  -8,  -7,  -6,  -6,  -5,  -5,  -4,  -4,  -4,  -3,  -3,  -2,  0,  50,  51]
  call @printMemrefI32(%down_double_round_u) : (tensor<*xi32>) -> ()
  %down_half_up = call @down_half_up(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %down_half_up_u = tensor.cast %down_half_up : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-59,  -59,  -8,  -6,  -6,  -5,  -5,  -5,  -4,  -4,  -3,  -3,  -2,  -2,  0,  50,  50]
  call @printMemrefI32(%down_half_up_u) : (tensor<*xi32>) -> ()
  %down_half_away = call @down_half_away(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %down_half_away_u = tensor.cast %down_half_away : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-59,  -59,  -8,  -6,  -6,  -5,  -5,  -5,  -4,  -4,  -3,  -3,  -2,  -2,  0,  50,  50]
  call @printMemrefI32(%down_half_away_u) : (tensor<*xi32>) -> ()
  %tiny_float = call @tiny_float(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %tiny_float_u = tensor.cast %tiny_float : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3]
  call @printMemrefI32(%tiny_float_u) : (tensor<*xi32>) -> ()
  %tiny_double_round = call @tiny_double_round(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %tiny_double_round_u = tensor.cast %tiny_double_round : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3]
  call @printMemrefI32(%tiny_double_round_u) : (tensor<*xi32>) -> ()
  %tiny_half_up = call @tiny_half_up(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %tiny_half_up_u = tensor.cast %tiny_half_up : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3]
  call @printMemrefI32(%tiny_half_up_u) : (tensor<*xi32>) -> ()
  %tiny_half_away = call @tiny_half_away(%x) : (tensor<?xi8>) -> tensor<?xi32>
  %tiny_half_away_u = tensor.cast %tiny_half_away : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3]
  call @printMemrefI32(%tiny_half_away_u) : (tensor<*xi32>) -> ()
  return
}
