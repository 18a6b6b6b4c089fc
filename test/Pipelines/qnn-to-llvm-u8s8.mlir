// qnn-to-llvm runs qnn-legalize-u8s8 on targets with a u8 x s8 dot product
// (AVX512-VNNI here) and not elsewhere; with constant weights the +128
// compensation folds, with the zero-point term, into the bias constant of
// qnn-fold-constants.
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=icelake-server" --mlir-print-ir-after=qnn-fold-constants -o /dev/null 2>&1 | FileCheck %s --check-prefix=VNNI
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell" --mlir-print-ir-after=qnn-fold-constants -o /dev/null 2>&1 | FileCheck %s --check-prefix=WIDEN
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell target-features=+avxvnni" --mlir-print-ir-after=qnn-fold-constants -o /dev/null 2>&1 | FileCheck %s --check-prefix=VNNI

// za' = -3 + 128 = 125; bias' = -125 * sum_k w[k, n]:
//   n = 0: -125 * (1 + 3) = -500;  n = 1: -125 * (-2 + 4) = -250.
// VNNI-LABEL: func.func @linear
// VNNI: qnn.constant dense<[-500, -250]> : tensor<2xsi32>
// VNNI: qnn.requantize %{{.*}} rounding(half_up) : tensor<4x2x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<4x2x!quant.uniform<u8:f32, 5.000000e-02:125>>
// VNNI: qnn.matmul

// Without a dot product: the i8 activations stay, and their zero point -3
// folds: bias' = 3 * sum_k w[k, n] = [12, 6].
// WIDEN-LABEL: func.func @linear
// WIDEN-NOT: qnn.requantize
// WIDEN: qnn.constant dense<[12, 6]> : tensor<2xsi32>
// WIDEN-NOT: qnn.requantize
// WIDEN: qnn.matmul
func.func @linear(%a: tensor<4x2x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<4x2x!quant.uniform<u8:f32, 0.2:3>> {
  %w = qnn.constant dense<[[1, -2], [3, 4]]> : tensor<2x2xsi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.01>>
  %y = qnn.matmul %a, %w : tensor<4x2x!quant.uniform<i8:f32, 0.05:-3>>, tensor<2x2x!quant.uniform<i8:f32, 0.01>> -> tensor<4x2x!quant.uniform<u8:f32, 0.2:3>>
  return %y : tensor<4x2x!quant.uniform<u8:f32, 0.2:3>>
}
