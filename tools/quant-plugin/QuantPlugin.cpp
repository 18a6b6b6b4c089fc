//===- QuantPlugin.cpp - Dialect and pass plugin for mlir-opt -------------===//
//
//   mlir-opt --load-dialect-plugin=libQuantPlugin.so \
//            --load-pass-plugin=libQuantPlugin.so \
//            --pass-pipeline="builtin.module(qnn-to-llvm)" in.mlir
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "quant/Conversion/Passes.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"
#include "quant/Pipelines/Pipelines.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QuantPlugin", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            registry->insert<mlir::qnn::QNNDialect, mlir::qnnx86::QNNX86Dialect,
                             mlir::quant::QuantDialect>();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QuantPlugin", LLVM_VERSION_STRING, []() {
            mlir::qnn::registerQNNPasses();
            mlir::registerQuantConversionPasses();
            mlir::qnn::registerQNNPipelines();
          }};
}
