//===- Passes.cpp - C API of the project's passes -------------------------===//

#include "quant-c/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Pipelines/Pipelines.h"

using namespace mlir;
using namespace mlir::qnn;

extern "C" {

#include "quant/Conversion/Passes.capi.cpp.inc"
#include "quant/Dialect/QNN/Transforms/Passes.capi.cpp.inc"

void mlirRegisterQuantCompilerPasses(void) {
  mlirRegisterQNNPasses();
  mlirRegisterQuantConversionPasses();
  qnn::registerQNNPipelines();
}

} // extern "C"
