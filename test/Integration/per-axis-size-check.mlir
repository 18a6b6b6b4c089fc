// A per-axis type fixes the number of channels; a dynamically sized axis
// is checked at run time, and a mismatch stops the program with a message
// on stderr (written unbuffered, so it is kept when piped) instead of
// reading scales out of bounds. runtime-checks.test covers every op.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   not --crash mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s

// CHECK: error: {{.*}}per-axis-size-check.mlir:[[# @LINE + 5]]:8: qnn.dequantize: quantized axis 0 has size 3 but the type has 2 scales
!q = !quant.uniform<i8:f32:0, {0.5:1, 0.25:3}>

func.func @dequantize(%x: tensor<?xi8>) -> tensor<?xf32> {
  %q = qnn.storage_cast %x : tensor<?xi8> -> tensor<?x!q>
  %f = qnn.dequantize %q : tensor<?x!q> -> tensor<?xf32>
  return %f : tensor<?xf32>
}

func.func @main() {
  %c = arith.constant dense<[1, 2, 3]> : tensor<3xi8>
  %x = tensor.cast %c : tensor<3xi8> to tensor<?xi8>
  %f = call @dequantize(%x) : (tensor<?xi8>) -> tensor<?xf32>
  return
}
