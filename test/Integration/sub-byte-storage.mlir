// 4-bit storage read from and written to memory, one value per byte:
// i4 codes come in as a tensor<?xi4>, are dequantized (scale 0.5, zero
// point 3) and requantized into u4 (scale 1.0, zero point 2; M = 0.5 puts
// ties on odd inputs) in every rounding mode. Vectors of i4 are bit-packed
// while memrefs of i4 hold a byte per element, so such buffers must not be
// accessed with vector loads; 17 elements cover the former vector body and
// tail. Expected values come from a Python reference of docs/Semantics.md.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!i4 = !quant.uniform<i4:f32, 0.5:3>
!in = !quant.uniform<i4:f32, 0.5:-1>
!out = !quant.uniform<u4:f32, 1.0:2>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @dequantize_i4(%x: tensor<?xi4>) -> tensor<?xi32> {
  %q = qnn.storage_cast %x : tensor<?xi4> -> tensor<?x!i4>
  %f = qnn.dequantize %q : tensor<?x!i4> -> tensor<?xf32>
  %b = arith.bitcast %f : tensor<?xf32> to tensor<?xi32>
  return %b : tensor<?xi32>
}

func.func @requantize_float(%x: tensor<?xi4>) -> tensor<?xi4> {
  %q = qnn.storage_cast %x : tensor<?xi4> -> tensor<?x!in>
  %r = qnn.requantize %q : tensor<?x!in> -> tensor<?x!out>
  %s = qnn.storage_cast %r : tensor<?x!out> -> tensor<?xi4>
  return %s : tensor<?xi4>
}

func.func @requantize_double_round(%x: tensor<?xi4>) -> tensor<?xi4> {
  %q = qnn.storage_cast %x : tensor<?xi4> -> tensor<?x!in>
  %r = qnn.requantize %q rounding(double_round) : tensor<?x!in> -> tensor<?x!out>
  %s = qnn.storage_cast %r : tensor<?x!out> -> tensor<?xi4>
  return %s : tensor<?xi4>
}

func.func @requantize_half_up(%x: tensor<?xi4>) -> tensor<?xi4> {
  %q = qnn.storage_cast %x : tensor<?xi4> -> tensor<?x!in>
  %r = qnn.requantize %q rounding(half_up) : tensor<?x!in> -> tensor<?x!out>
  %s = qnn.storage_cast %r : tensor<?x!out> -> tensor<?xi4>
  return %s : tensor<?xi4>
}

func.func @requantize_half_away(%x: tensor<?xi4>) -> tensor<?xi4> {
  %q = qnn.storage_cast %x : tensor<?xi4> -> tensor<?x!in>
  %r = qnn.requantize %q rounding(half_away) : tensor<?x!in> -> tensor<?x!out>
  %s = qnn.storage_cast %r : tensor<?x!out> -> tensor<?xi4>
  return %s : tensor<?xi4>
}

func.func @widen_u4(%x: tensor<?xi4>) -> tensor<?xi32> {
  %w = arith.extui %x : tensor<?xi4> to tensor<?xi32>
  return %w : tensor<?xi32>
}

func.func @main() {
  %c = arith.constant dense<[-8, -7, -5, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, -8, 7, 0]> : tensor<17xi4>
  %x = tensor.cast %c : tensor<17xi4> to tensor<?xi4>
  %d = call @dequantize_i4(%x) : (tensor<?xi4>) -> tensor<?xi32>
  %du = tensor.cast %d : tensor<?xi32> to tensor<*xi32>
  // The float bits of [-5.5, -5.0, -4.0, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, -5.5, 2.0, -1.5]
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [-1062207488,  -1063256064,  -1065353216,  -1069547520,  -1071644672,  -1073741824,  -1077936128,  -1082130432,  -1090519040,  0,  1056964608,  1065353216,  1069547520,  1073741824,  -1062207488,  1073741824,  -1077936128]
  call @printMemrefI32(%du) : (tensor<*xi32>) -> ()
  %r_float = call @requantize_float(%x) : (tensor<?xi4>) -> tensor<?xi4>
  %w_float = call @widen_u4(%r_float) : (tensor<?xi4>) -> tensor<?xi32>
  %u_float = tensor.cast %w_float : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  1,  2,  2,  2,  3,  4,  4,  4,  5,  6,  6,  0,  6,  2]
  call @printMemrefI32(%u_float) : (tensor<*xi32>) -> ()
  %r_double_round = call @requantize_double_round(%x) : (tensor<?xi4>) -> tensor<?xi4>
  %w_double_round = call @widen_u4(%r_double_round) : (tensor<?xi4>) -> tensor<?xi32>
  %u_double_round = tensor.cast %w_double_round : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  1,  2,  2,  3,  3,  4,  4,  5,  5,  6,  6,  0,  6,  3]
  call @printMemrefI32(%u_double_round) : (tensor<*xi32>) -> ()
  %r_half_up = call @requantize_half_up(%x) : (tensor<?xi4>) -> tensor<?xi4>
  %w_half_up = call @widen_u4(%r_half_up) : (tensor<?xi4>) -> tensor<?xi32>
  %u_half_up = tensor.cast %w_half_up : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  1,  2,  2,  3,  3,  4,  4,  5,  5,  6,  6,  0,  6,  3]
  call @printMemrefI32(%u_half_up) : (tensor<*xi32>) -> ()
  %r_half_away = call @requantize_half_away(%x) : (tensor<?xi4>) -> tensor<?xi4>
  %w_half_away = call @widen_u4(%r_half_away) : (tensor<?xi4>) -> tensor<?xi32>
  %u_half_away = tensor.cast %w_half_away : tensor<?xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [17]
  // CHECK-NEXT: [0,  0,  0,  1,  1,  2,  3,  3,  4,  4,  5,  5,  6,  6,  0,  6,  3]
  call @printMemrefI32(%u_half_away) : (tensor<*xi32>) -> ()
  return
}
