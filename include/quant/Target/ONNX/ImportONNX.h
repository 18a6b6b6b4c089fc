//===- ImportONNX.h - ONNX models to func + qnn IR --------------*- C++ -*-===//
//
// Translates an ONNX ModelProto into a builtin.module holding one
// func.func for the main graph, in upstream dialects plus qnn, which the
// project's passes (qnn-fuse-qdq, qnn-to-llvm) take.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_TARGET_ONNX_IMPORTONNX_H
#define QUANT_TARGET_ONNX_IMPORTONNX_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir {
class MLIRContext;
namespace qnn {

/// Imports the serialized ONNX model in the main buffer of `sourceMgr`
/// (its identifier is the model's path: external data files are read
/// relative to its folder). Errors are emitted on `context` at locations
/// that name the file, the node and its op; returns null after an error.
OwningOpRef<ModuleOp> importONNX(llvm::SourceMgr &sourceMgr,
                                 MLIRContext *context);

/// Registers `--import-onnx` with the translation registry.
void registerImportONNXTranslation();

} // namespace qnn
} // namespace mlir

#endif // QUANT_TARGET_ONNX_IMPORTONNX_H
