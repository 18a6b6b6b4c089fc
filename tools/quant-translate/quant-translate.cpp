//===- quant-translate.cpp - The project's translation driver -------------===//
//
// mlir-translate with the project's importers registered: today
// `--import-onnx`, an ONNX model to func + qnn IR.
//
//===----------------------------------------------------------------------===//

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "quant/Support/ToolVersion.h"
#include "quant/Target/ONNX/ImportONNX.h"

#include "../AsanDefaultOptions.h"

int main(int argc, char **argv) {
  quant::registerToolVersionPrinter("quant-translate");
  mlir::qnn::registerImportONNXTranslation();
  return mlir::failed(mlir::mlirTranslateMain(
      argc, argv, "Quantization compiler translation driver\n"));
}
