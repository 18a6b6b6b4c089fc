//===- quant-opt.cpp - The project's optimizer driver ---------------------===//
//
// mlir-opt with the qnn and qnnx86 dialects, the project's passes and the
// qnn-to-llvm pipeline registered. It runs exactly the passes the user names.
//
//===----------------------------------------------------------------------===//

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"
#include "quant/Pipelines/Pipelines.h"
#include "quant/Support/ToolVersion.h"

#include "../AsanDefaultOptions.h"

int main(int argc, char **argv) {
  quant::registerToolVersionPrinter("quant-opt");
  mlir::registerAllPasses();
  mlir::qnn::registerQNNPasses();
  mlir::registerQuantConversionPasses();
  mlir::qnn::registerQNNPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::qnn::QNNDialect, mlir::qnnx86::QNNX86Dialect>();

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Quantization compiler optimizer driver\n", registry));
}
