//===- VerifyLLVM.cpp - Check that a lowered module is all LLVM dialect ---===//
//
// Conversions to the LLVM dialect are partial: an op whose types have no
// LLVM form (a function taking a tuple) is left as it was, and only
// mlir-translate would notice. This pass reports it where it is.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNVERIFYLLVM
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {

/// A type nested in `op`'s operands, results, block arguments or function
/// type that the LLVM dialect has no form of, if any.
Type typeWithoutLLVMForm(Operation *op) {
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  if (auto func = dyn_cast<FunctionOpInterface>(op))
    types.push_back(func.getFunctionType());
  for (Region &region : op->getRegions())
    for (Block &block : region)
      llvm::append_range(types, block.getArgumentTypes());
  Type found;
  for (Type type : types)
    type.walk([&](Type nested) {
      if (!found && isa<TupleType>(nested))
        found = nested;
    });
  return found;
}

struct QNNVerifyLLVMPass
    : public qnn::impl::QNNVerifyLLVMBase<QNNVerifyLLVMPass> {
  void runOnOperation() override {
    bool valid = true;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == getOperation().getOperation() ||
          isa<LLVM::LLVMDialect, omp::OpenMPDialect>(op->getDialect()))
        return WalkResult::advance();
      valid = false;
      InFlightDiagnostic diag =
          op->emitError("qnn-to-llvm: '")
          << op->getName() << "' has no lowering to the LLVM dialect";
      if (Type type = typeWithoutLLVMForm(op))
        diag << ": " << type << " has no LLVM form (pass its members "
             << "separately)";
      return WalkResult::skip();
    });
    if (!valid)
      signalPassFailure();
  }
};

} // namespace
