// A splat constant stays a splat through the conversion and the pipeline,
// whatever its element count: 2^31 elements lower in milliseconds (the
// timeout stops a run that would materialize them one by one).
// RUN: timeout 20 quant-opt %s --convert-qnn-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: timeout 20 quant-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=LLVM

// LINALG-LABEL: func.func @splat
// LINALG: arith.constant dense<-56> : tensor<2147483648xi8>
// LINALG-LABEL: func.func @splat_dequantize
// LINALG: arith.constant dense<-56> : tensor<2147483648xi8>
// LINALG: linalg.generic

// LLVM: llvm.mlir.global private constant @{{.*}}(dense<-56> : tensor<2147483648xi8>)

!q = !quant.uniform<u8:f32, 0.1:10>
func.func @splat() -> tensor<2147483648xi8> {
  %c = qnn.constant dense<200> : tensor<2147483648xui8> -> tensor<2147483648x!q>
  %s = qnn.storage_cast %c : tensor<2147483648x!q> -> tensor<2147483648xi8>
  return %s : tensor<2147483648xi8>
}

func.func @splat_dequantize() -> tensor<2147483648xf32> {
  %c = qnn.constant dense<200> : tensor<2147483648xui8> -> tensor<2147483648x!q>
  %f = qnn.dequantize %c : tensor<2147483648x!q> -> tensor<2147483648xf32>
  return %f : tensor<2147483648xf32>
}
