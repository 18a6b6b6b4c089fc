//===- downstream-opt.cpp - A compiler that links quant-compiler ----------===//
//
// The optimizer driver of a downstream compiler: upstream's dialects and
// passes, the qnn dialect and its passes from the installed libraries, and
// its own pipeline, `downstream-to-llvm`, which canonicalizes and then
// appends qnn-to-llvm through the C++ API with options set in code.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "quant/Config/Version.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"
#include "quant/Pipelines/Pipelines.h"

using namespace mlir;

namespace {
/// The downstream pipeline's own options.
struct DownstreamOptions : public PassPipelineOptions<DownstreamOptions> {
  Option<std::string> cpu{*this, "cpu",
                          llvm::cl::desc("Target CPU; empty for the host"),
                          llvm::cl::init("")};
  Option<bool> statusChecks{
      *this, "status-checks",
      llvm::cl::desc("Report bad sizes through a status argument"),
      llvm::cl::init(false)};
};
} // namespace

static LogicalResult
buildDownstreamPipeline(OpPassManager &pm, const DownstreamOptions &options,
                        function_ref<LogicalResult(const Twine &)> onError) {
  pm.addPass(createCanonicalizerPass());
  qnn::QNNToLLVMOptions lowering;
  lowering.targetCpu = options.cpu;
  if (options.statusChecks)
    lowering.runtimeChecks = qnn::RuntimeCheckMode::Status;
  return qnn::buildQNNToLLVMPipeline(pm, lowering, onError);
}

int main(int argc, char **argv) {
  registerAllPasses();
  qnn::registerQNNPasses();
  registerQuantConversionPasses();
  registerPassPipeline(
      "downstream-to-llvm",
      "The downstream compiler's lowering: canonicalize, then qnn-to-llvm",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> onError) {
        DownstreamOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        return buildDownstreamPipeline(pm, options, onError);
      },
      [](function_ref<void(const detail::PassOptions &)> optHandler) {
        optHandler(DownstreamOptions());
      });

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<qnn::QNNDialect, qnnx86::QNNX86Dialect>();

  return asMainReturnCode(MlirOptMain(
      argc, argv,
      "Downstream optimizer (quant-compiler " QUANT_COMPILER_VERSION_STRING
      ")\n",
      registry));
}
