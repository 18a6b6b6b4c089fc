// Stock mlir-opt loads the plugin as a dialect plugin and a pass plugin;
// then it knows the qnn dialect and runs the project's passes and pipeline.
// A sanitized plugin cannot be loaded into the uninstrumented mlir-opt (the
// sanitizer runtime must come first), so the sanitizer build skips this.
// UNSUPPORTED: sanitizers
// RUN: mlir-opt --load-dialect-plugin=%quant_plugin --show-dialects | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%quant_plugin --load-pass-plugin=%quant_plugin \
// RUN:   --pass-pipeline="builtin.module(qnn-to-llvm)" | FileCheck %s --check-prefix=PIPELINE
// RUN: mlir-opt %s --load-dialect-plugin=%quant_plugin --load-pass-plugin=%quant_plugin \
// RUN:   --pass-pipeline="builtin.module(convert-qnn-to-linalg)" | FileCheck %s --check-prefix=PASS
// RUN: mlir-opt %s --load-dialect-plugin=%quant_plugin --load-pass-plugin=%quant_plugin \
// RUN:   --canonicalize | FileCheck %s --check-prefix=FOLD

// CHECK: Available Dialects:
// CHECK-SAME: qnn
// CHECK-SAME: quant

// PIPELINE-LABEL: llvm.func @quantize(
// PIPELINE-SAME: target_cpu
// PIPELINE: llvm.fmul {{.*}} : vector<{{[0-9]+}}xf32>

// PASS-LABEL: func.func @quantize(
// PASS-SAME: -> tensor<?xi8>
// PASS: linalg.generic

// The folder runs inside mlir-opt too: the seed example folds to its bits.
// FOLD-LABEL: func.func @seed
// FOLD: qnn.constant dense<[255, 20, 30]> : tensor<3xui8>
func.func @quantize(%x: tensor<?xf32>) -> tensor<?x!quant.uniform<u8:f32, 0.1:10>> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<?x!quant.uniform<u8:f32, 0.1:10>>
}
func.func @seed() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {
  %c = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>
  %q = qnn.quantize %c : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>
}
