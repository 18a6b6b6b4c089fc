// The product epilogue's i32 saturation, executed: with K = 2 steps of
// u8 x s8 every term but the bias stays within i32, so the bias is added
// with an i32 saturating add (the FORM check), whose result must equal the
// exact sum clamped to [INT32_MIN, INT32_MAX]. Unit input scales and an
// i16 result of scale 65536 (half_up) give q = clamp(rne(acc / 2^16)):
// a wrapped sum would flip the sign of q, a false overflow would move it
// to the other end. Worked by hand, row 0 (a = [255, 255]): products
// 2 * 255 * [127, -128, 1, 127] = [64770, -65280, 510, 64770], plus bias
// [2147483547, -2147483548, 5, -2147483648]:
//   64770 + 2147483547 > INT32_MAX  -> 2147483647 / 2^16 -> 32767
//   -65280 - 2147483548 < INT32_MIN -> -2147483648 / 2^16 -> -32768
//   (510 + 5) / 2^16 -> 0
//   64770 - 2147483648 = -2147418878 (no overflow) / 2^16 = -32767.01
//   -> -32767 (a false saturation would give -32768)
// Row 1 (a = [0, 0]): the biases alone: 32767.998 -> 32767 (saturated
// i16), -32767.998 -> -32768, 0, -32768.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --convert-qnn-to-linalg | FileCheck %s --check-prefix=FORM

!a = !quant.uniform<u8:f32, 1.0>
!w = !quant.uniform<i8:f32, 1.0>
!b = !quant.uniform<i32:f32, 1.0>
!o = !quant.uniform<i16:f32, 65536.0>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

// FORM-LABEL: func.func @linear
// FORM: linalg.generic {{.*}}"reduction"
// FORM: linalg.generic
// FORM-NOT: i64
// FORM: arith.xori
// FORM: arith.select
// FORM: linalg.yield
func.func @linear(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>, %b: tensor<4xi32>) -> tensor<2x4xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!a>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!w>
  %qb = qnn.storage_cast %b : tensor<4xi32> -> tensor<4x!b>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_up) : tensor<2x2x!a>, tensor<2x4x!w>, tensor<4x!b> -> tensor<2x4x!o>
  %s = qnn.storage_cast %c : tensor<2x4x!o> -> tensor<2x4xi16>
  %e = arith.extsi %s : tensor<2x4xi16> to tensor<2x4xi32>
  return %e : tensor<2x4xi32>
}

func.func @main() {
  %a = arith.constant dense<[[-1, -1], [0, 0]]> : tensor<2x2xi8>
  %w = arith.constant dense<[[127, -128, 1, 127], [127, -128, 1, 127]]> : tensor<2x4xi8>
  %b = arith.constant dense<[2147483547, -2147483548, 5, -2147483648]> : tensor<4xi32>
  %r = call @linear(%a, %w, %b) : (tensor<2x2xi8>, tensor<2x4xi8>, tensor<4xi32>) -> tensor<2x4xi32>
  %u = tensor.cast %r : tensor<2x4xi32> to tensor<*xi32>
  // CHECK: [32767,   -32768,   0,   -32767]
  // CHECK: [32767,   -32768,   0,   -32768]
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
