//===- QNNToLLVM.cpp - The qnn-to-llvm pipeline ---------------------------===//
//
// Lowers a module of func, arith, math, tensor, linalg, memref,
// bufferization, qnn and upstream quant ops to the LLVM dialect:
//
//   import quant casts -> qnn -> linalg on tensors -> elementwise fusion
//   -> bufferization (results written in place where possible, returned
//   buffers owned by the caller, everything else freed) -> vector loops
//   with a masked tail -> LLVM dialect, with target attributes.
//
//===----------------------------------------------------------------------===//

#include "quant/Pipelines/Pipelines.h"

#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

/// Registers the upstream passes the textual pipeline below names, so that
/// the pipeline also works in tools that registered only a few passes.
static void registerUpstreamPasses() {
  static bool once = [] {
    registerAllPasses();
    qnn::registerQNNPasses();
    registerQuantConversionPasses();
    return true;
  }();
  (void)once;
}

LogicalResult qnn::buildQNNToLLVMPipeline(OpPassManager &pm,
                                          const QNNToLLVMOptions &options) {
  registerUpstreamPasses();
  TargetInfo target = resolveTarget(options.targetCpu, options.targetFeatures,
                                    options.vectorWidth);
  std::string pipeline = llvm::formatv(
      // Import before anything folds: quant.dcast's own folder is inexact.
      "qnn-import-quant,"
      // QDQ islands become integer ops before anything folds their casts.
      "qnn-fuse-qdq{{rounding={3}},"
      // Exact qnn folds (quantized weights become constants, which the
      // lowering folds further into per-channel correction terms); clamps
      // become the compute ops' saturation bounds.
      // On u8 x s8 dot-product targets, i8 activations of products are
      // shifted to u8 first, so that the compensation folds too.
      "canonicalize,{4}qnn-fold-constants,"
      "convert-qnn-to-linalg,"
      // arith ops on tensors become generics too, so that they fuse.
      "func.func(convert-elementwise-to-linalg),"
      "canonicalize,cse,"
      // One loop per chain of elementwise ops, no intermediate tensors.
      "qnn-fuse-elementwise,"
      "canonicalize,"
      // Results written into a destination argument need no allocation.
      "eliminate-empty-tensors,"
      "one-shot-bufferize{{bufferize-function-boundaries "
      "function-boundary-type-conversion=identity-layout-map "
      "allow-return-allocs-from-loops},"
      "drop-equivalent-buffer-results,"
      "func.func(qnn-expand-strided-copies,"
      "qnn-vectorize-elementwise{{vector-width={0} dot-product={5}},"
      "convert-linalg-to-loops),"
      "buffer-deallocation-pipeline,"
      // After deallocation, which cannot reason about intrinsic calls.
      "qnn-lower-dot-product,"
      "convert-bufferization-to-memref,"
      "canonicalize,cse,"
      "expand-strided-metadata,lower-affine,"
      "convert-scf-to-cf,"
      "convert-vector-to-llvm,"
      "convert-math-to-llvm,"
      "finalize-memref-to-llvm,"
      "convert-func-to-llvm,"
      "convert-cf-to-llvm,"
      "convert-arith-to-llvm,"
      "convert-index-to-llvm,"
      "reconcile-unrealized-casts,"
      "qnn-set-target{{target-cpu={1} target-features={2} vector-width={0}},"
      "canonicalize,cse",
      target.vectorWidth, target.cpu,
      target.features.empty() ? std::string("\"\"")
                              : "\"" + target.features + "\"",
      options.qdqRounding.getValue(),
      target.dotProduct ? "qnn-legalize-u8s8," : "",
      target.dotProduct ? "true" : "false");
  return parsePassPipeline(pipeline, pm);
}

void qnn::registerQNNPipelines() {
  PassPipelineRegistration<QNNToLLVMOptions>(
      "qnn-to-llvm",
      "Lower qnn, quant, linalg, tensor and func to the LLVM dialect with "
      "vectorized loops for the target CPU",
      [](OpPassManager &pm, const QNNToLLVMOptions &options) {
        if (failed(buildQNNToLLVMPipeline(pm, options)))
          llvm::report_fatal_error("qnn-to-llvm: invalid internal pipeline");
      });
}
