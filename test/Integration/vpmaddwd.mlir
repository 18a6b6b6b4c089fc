// qnnx86.vpmaddwd executed on the host at 128 and 256 bits: each i32 lane
// is a[2j] * b[2j] + a[2j+1] * b[2j+1]. The extreme lanes pin the wrapping:
// (-32768)^2 + (-32768)^2 = 2^31 is the one sum that overflows and becomes
// -2^31 (INT32_MIN), as the instruction gives it; 32767^2 + 32767^2 and
// 2 * (-32768 * 32767) still fit. The ops sit in functions of their own,
// called on constants, so that the JIT runs the instruction rather than a
// folded result.
// REQUIRES: avx2
// RUN: quant-opt %s --convert-qnnx86-to-llvm --convert-vector-to-scf \
// RUN:   --convert-scf-to-cf --convert-vector-to-llvm --convert-func-to-llvm \
// RUN:   --convert-arith-to-llvm --convert-cf-to-llvm \
// RUN:   --reconcile-unrealized-casts | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils | FileCheck %s

func.func @vpmaddwd_128(%a: vector<8xi16>, %b: vector<8xi16>) -> vector<4xi32> {
  %r = qnnx86.vpmaddwd %a, %b : vector<8xi16> -> vector<4xi32>
  return %r : vector<4xi32>
}

func.func @vpmaddwd_256(%a: vector<16xi16>, %b: vector<16xi16>) -> vector<8xi32> {
  %r = qnnx86.vpmaddwd %a, %b : vector<16xi16> -> vector<8xi32>
  return %r : vector<8xi32>
}

func.func @main() {
  // 2^31 wraps; -1 - 1 = -2; -32768 * 32767 + 2^30 = 32768; 35 + 48 = 83.
  %a4 = arith.constant dense<[-32768, -32768, 1, -1, 32767, -32768, 5, 6]> : vector<8xi16>
  %b4 = arith.constant dense<[-32768, -32768, -1, 1, -32768, -32768, 7, 8]> : vector<8xi16>
  %r4 = call @vpmaddwd_128(%a4, %b4) : (vector<8xi16>, vector<8xi16>) -> vector<4xi32>
  // CHECK: ( -2147483648, -2, 32768, 83 )
  vector.print %r4 : vector<4xi32>

  // 2^31 wraps; 2 * 32767^2; 2 * (-32768 * 32767); 3 + 8; -15 - 24;
  // -30000 + 80000; 1 - 1; 0 - 63.
  %a8 = arith.constant dense<[-32768, -32768, 32767, 32767, -32768, 32767, 1, 2, 3, -4, 100, 200, -1, -1, 0, 7]> : vector<16xi16>
  %b8 = arith.constant dense<[-32768, -32768, 32767, 32767, 32767, -32768, 3, 4, -5, 6, -300, 400, -1, 1, 12345, -9]> : vector<16xi16>
  %r8 = call @vpmaddwd_256(%a8, %b8) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
  // CHECK: ( -2147483648, 2147352578, -2147418112, 11, -39, 50000, 0, -63 )
  vector.print %r8 : vector<8xi32>
  return
}
