// Elementwise code next to the quantized ops may trap on the zeros that a
// masked vector tail would feed it (integer division): such loops run
// scalar, and 3 elements (all in what would be the tail) divide correctly.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s


func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @divide(%a: tensor<?xi32>, %b: tensor<?xi32>) -> tensor<?xi32> {
  %q = arith.divsi %a, %b : tensor<?xi32>
  return %q : tensor<?xi32>
}

func.func @main() {
  %a = arith.constant dense<[7, -9, 100]> : tensor<3xi32>
  %b = arith.constant dense<[2, 3, 7]> : tensor<3xi32>
  %ad = tensor.cast %a : tensor<3xi32> to tensor<?xi32>
  %bd = tensor.cast %b : tensor<3xi32> to tensor<?xi32>
  %r = call @divide(%ad, %bd) : (tensor<?xi32>, tensor<?xi32>) -> tensor<?xi32>
  %u = tensor.cast %r : tensor<?xi32> to tensor<*xi32>
  // CHECK: [3,  -3,  14]
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
