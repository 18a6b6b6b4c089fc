//===- QNNToLLVM.cpp - The qnn-to-llvm pipeline ---------------------------===//
//
// Lowers a module of func, arith, math, tensor, linalg, memref,
// bufferization, qnn and upstream quant ops to the LLVM dialect:
//
//   import quant casts -> QDQ islands to qnn ops -> exact qnn folds
//   -> linalg on tensors -> elementwise fusion -> bufferization (results
//   written in place where possible, returned buffers owned by the caller,
//   everything else freed) -> vector loops with a masked tail -> LLVM
//   dialect, with target attributes.
//
//===----------------------------------------------------------------------===//

#include "quant/Pipelines/Pipelines.h"

#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"

using namespace mlir;

/// Canonicalization and CSE, the clean-up between stages.
static void addCleanup(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

/// qnn and quant ops to linalg on tensors, folded and fused.
static void addQNNToLinalgPasses(OpPassManager &pm,
                                 const qnn::QNNToLLVMOptions &options,
                                 const qnn::TargetInfo &target) {
  // Import before anything folds: quant.dcast's own folder is inexact.
  pm.addPass(qnn::createQNNImportQuant());
  // QDQ islands become integer ops before anything folds their casts.
  pm.addPass(qnn::createQNNFuseQDQ({options.qdqRounding}));
  // Exact qnn folds (quantized weights become constants, which the lowering
  // folds further into per-channel correction terms); clamps become the
  // compute ops' saturation bounds. On u8 x s8 dot-product targets, i8
  // activations of products are shifted to u8 first, so that the
  // compensation folds too.
  pm.addPass(createCanonicalizerPass());
  if (target.dotProduct)
    pm.addPass(qnn::createQNNLegalizeU8S8());
  pm.addPass(qnn::createQNNFoldConstants());
  pm.addPass(createConvertQNNToLinalg());
  // arith ops on tensors become generics too, so that they fuse.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  addCleanup(pm);
  // One loop per chain of elementwise ops, no intermediate tensors.
  pm.addPass(qnn::createQNNFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  // Constant weights of byte products in the layout the target's
  // instruction reads (folded here, at compile time).
  qnn::QNNPackProductsOptions pack;
  pack.vectorWidth = target.vectorWidth;
  pack.instruction = target.products;
  pm.addNestedPass<func::FuncOp>(qnn::createQNNPackProducts(pack));
}

/// Tensors to buffers: results written into a destination argument need no
/// allocation, returned buffers belong to the caller.
static void addBufferizationPasses(OpPassManager &pm) {
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferize.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(bufferization::createDropEquivalentBufferResultsPass());
}

/// Vector loops on buffers for the target, then the LLVM dialect.
static void addCodegenPasses(OpPassManager &pm,
                             const qnn::QNNToLLVMOptions &options,
                             const qnn::TargetInfo &target) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(qnn::createQNNExpandStridedCopies());
  qnn::QNNVectorizeProductsOptions products;
  products.vectorWidth = target.vectorWidth;
  products.instruction = target.products;
  products.parallel = options.parallel;
  products.registerBlock = llvm::to_vector(options.registerBlock);
  funcPm.addPass(qnn::createQNNVectorizeProducts(products));
  qnn::QNNVectorizeElementwiseOptions elementwise;
  elementwise.vectorWidth = target.vectorWidth;
  elementwise.parallel = options.parallel;
  funcPm.addPass(qnn::createQNNVectorizeElementwise(elementwise));
  funcPm.addPass(createConvertLinalgToLoopsPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  // The size checks at the start of each function: an abort, a status
  // returned before anything is allocated, or nothing.
  pm.addPass(qnn::createQNNLowerRuntimeChecks({options.runtimeChecks}));
  pm.addPass(createConvertBufferizationToMemRefPass());
  addCleanup(pm);
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // scf.parallel becomes omp.parallel + omp.wsloop (threads from the
  // OpenMP runtime). Its bodies sit in memref.alloca_scope regions of one
  // block, so the scf-to-cf lowering comes after the memref one.
  if (options.parallel)
    pm.addPass(createConvertSCFToOpenMPPass());
  pm.addPass(createConvertQNNX86ToLLVM());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  if (options.parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  qnn::QNNSetTargetOptions setTarget;
  setTarget.targetCpu = target.cpu;
  setTarget.targetFeatures = target.features;
  setTarget.vectorWidth = target.vectorWidth;
  setTarget.sanitizeAddress = options.sanitizeAddress;
  pm.addPass(qnn::createQNNSetTarget(setTarget));
  addCleanup(pm);
  // Whatever the conversions could not lower is reported here, not by
  // mlir-translate.
  pm.addPass(qnn::createQNNVerifyLLVM());
}

LogicalResult qnn::buildQNNToLLVMPipeline(
    OpPassManager &pm, const QNNToLLVMOptions &options,
    function_ref<LogicalResult(const Twine &)> errorHandler) {
  auto fail = [&](const Twine &message) -> LogicalResult {
    if (errorHandler)
      return errorHandler("qnn-to-llvm: " + message);
    llvm::errs() << "qnn-to-llvm: " << message << "\n";
    return failure();
  };
  std::string error;
  auto keep = [&](const Twine &message) { error = message.str(); };
  if (failed(qnn::validateTarget(options.targetCpu, options.targetFeatures,
                                 keep)))
    return fail(error);
  if (!qnn::symbolizeRoundingMode(options.qdqRounding))
    return fail("unknown qdq-rounding '" + options.qdqRounding +
                "' (expected float, double_round, half_up or half_away)");
  TargetInfo target = resolveTarget(options.targetCpu, options.targetFeatures,
                                    options.vectorWidth);
  addQNNToLinalgPasses(pm, options, target);
  addBufferizationPasses(pm);
  addCodegenPasses(pm, options, target);
  return success();
}

static void registerQNNToLLVMPipeline() {
  // Registered with its own parser so that a bad option value is reported
  // by the pass pipeline parser, at the option, before anything runs.
  registerPassPipeline(
      "qnn-to-llvm",
      "Lower qnn, quant, linalg, tensor and func to the LLVM dialect with "
      "vectorized loops for the target CPU",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        qnn::QNNToLLVMOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        return qnn::buildQNNToLLVMPipeline(pm, options, errorHandler);
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> optHandler) {
        optHandler(qnn::QNNToLLVMOptions());
      });
}

void qnn::registerQNNPipelines() {
  // Once per copy of the library (thread-safe): a tool and a C API user
  // may each ask for it.
  static const bool registered = [] {
    registerQNNToLLVMPipeline();
    return true;
  }();
  (void)registered;
}
