//===- QNNX86ToLLVM.cpp - qnnx86 ops to LLVM intrinsic calls --------------===//
//
// One pattern for the whole dialect, as upstream lowers x86vector: each op
// names its intrinsic through OneToOneIntrinsicOpInterface.
//
//===----------------------------------------------------------------------===//

#include "quant/Conversion/QNNX86ToLLVM/QNNX86ToLLVM.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/DialectConversion.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"

namespace mlir {
#define GEN_PASS_DEF_CONVERTQNNX86TOLLVM
#include "quant/Conversion/Passes.h.inc"
} // namespace mlir

using namespace mlir;

namespace {

/// A qnnx86 op becomes a call of its intrinsic on the converted operands.
struct IntrinsicOpConversion
    : OpInterfaceConversionPattern<LLVM::OneToOneIntrinsicOpInterface> {
  IntrinsicOpConversion(const LLVMTypeConverter &converter)
      : OpInterfaceConversionPattern(converter, &converter.getContext()),
        converter(converter) {}

  LogicalResult
  matchAndRewrite(LLVM::OneToOneIntrinsicOpInterface op,
                  ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    // Other dialects' intrinsic ops are their own lowerings' business.
    if (!isa<qnnx86::QNNX86Dialect>(op->getDialect()))
      return rewriter.notifyMatchFailure(op, "not a qnnx86 op");
    return LLVM::detail::intrinsicRewrite(
        op, op.getIntrinsicName(),
        op.getIntrinsicOperands(operands, converter, rewriter), converter,
        rewriter);
  }

  const LLVMTypeConverter &converter;
};

struct ConvertQNNX86ToLLVMPass
    : public impl::ConvertQNNX86ToLLVMBase<ConvertQNNX86ToLLVMPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    LLVMTypeConverter converter(ctx);
    RewritePatternSet patterns(ctx);
    qnnx86::populateQNNX86ToLLVMConversionPatterns(converter, patterns);
    ConversionTarget target(*ctx);
    target.addLegalDialect<LLVM::LLVMDialect>();
    target.addIllegalDialect<qnnx86::QNNX86Dialect>();
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void qnnx86::populateQNNX86ToLLVMConversionPatterns(
    const LLVMTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<IntrinsicOpConversion>(converter);
}
