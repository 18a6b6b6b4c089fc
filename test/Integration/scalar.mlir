// Scalar qnn ops lower to the same arithmetic as tensor elements: the seed
// values one at a time, a NaN, a 4-bit signed value (held in an i8), and a
// scalar requantize in half_away mode (-2.5 -> -3). Also a qnn.constant,
// lowered to its storage bits and dequantized at run time.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.1:10>
!i4 = !quant.uniform<i4:f32, 0.25:-1>
!in = !quant.uniform<i8:f32, 0.5>
!out = !quant.uniform<i8:f32, 1.0>

func.func @quantize_u8(%x: f32) -> i32 {
  %q = qnn.quantize %x : f32 -> !u8
  %s = qnn.storage_cast %q : !u8 -> i8
  %w = arith.extui %s : i8 to i32
  return %w : i32
}

func.func @roundtrip_u8(%x: f32) -> f32 {
  %q = qnn.quantize %x : f32 -> !u8
  %d = qnn.dequantize %q : !u8 -> f32
  return %d : f32
}

func.func @quantize_i4(%x: f32) -> i32 {
  %q = qnn.quantize %x : f32 -> !i4
  %s = qnn.storage_cast %q : !i4 -> i4
  %w = arith.extsi %s : i4 to i32
  return %w : i32
}

func.func @requantize_half_away(%x: i8) -> i32 {
  %q = qnn.storage_cast %x : i8 -> !in
  %r = qnn.requantize %q rounding(half_away) : !in -> !out
  %s = qnn.storage_cast %r : !out -> i8
  %w = arith.extsi %s : i8 to i32
  return %w : i32
}

func.func @seed_constant() -> !u8 {
  %c = qnn.constant 255 : ui8 -> !u8
  return %c : !u8
}

func.func @dequantize_u8(%q: !u8) -> f32 {
  %d = qnn.dequantize %q : !u8 -> f32
  return %d : f32
}

func.func @main() {
  %c100 = arith.constant 100.0 : f32
  %c1 = arith.constant 1.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %a = call @quantize_u8(%c100) : (f32) -> i32
  %b = call @quantize_u8(%c1) : (f32) -> i32
  %n = call @quantize_u8(%nan) : (f32) -> i32
  // CHECK: 255
  vector.print %a : i32
  // CHECK-NEXT: 20
  vector.print %b : i32
  // CHECK-NEXT: 10
  vector.print %n : i32
  %d = call @roundtrip_u8(%c100) : (f32) -> f32
  // CHECK-NEXT: 24.5
  vector.print %d : f32
  // -0.625 / 0.25 = -2.5 -> -2 (ties to even) - 1 = -3; 3.0 -> 12 - 1 saturates at 7.
  %m = arith.constant -0.625 : f32
  %big = arith.constant 3.0 : f32
  %e = call @quantize_i4(%m) : (f32) -> i32
  %f = call @quantize_i4(%big) : (f32) -> i32
  // CHECK-NEXT: -3
  vector.print %e : i32
  // CHECK-NEXT: 7
  vector.print %f : i32
  %q = arith.constant -5 : i8
  %r = call @requantize_half_away(%q) : (i8) -> i32
  // CHECK-NEXT: -3
  vector.print %r : i32
  %k = call @seed_constant() : () -> !u8
  %kd = call @dequantize_u8(%k) : (!u8) -> f32
  // CHECK-NEXT: 24.5
  vector.print %kd : f32
  return
}
