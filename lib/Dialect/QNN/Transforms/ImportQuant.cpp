//===- ImportQuant.cpp - Upstream quant casts to qnn ops ------------------===//
//
// The upstream quant casts say where values are quantized but leave the
// arithmetic to the consumer; importing them gives them the project's
// exact semantics, and checks their types where the user wrote them.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNIMPORTQUANT
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
/// quant.qcast %x -> qnn.quantize %x (PyTorch flavour).
struct ImportQuantizeCast : OpRewritePattern<quant::QuantizeCastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(quant::QuantizeCastOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<QuantizeOp>(op, op.getType(), op.getInput());
    return success();
  }
};

/// quant.dcast %q -> qnn.dequantize %q.
struct ImportDequantizeCast : OpRewritePattern<quant::DequantizeCastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(quant::DequantizeCastOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<DequantizeOp>(op, op.getType(), op.getInput());
    return success();
  }
};

/// quant.scast %x -> qnn.storage_cast %x.
struct ImportStorageCast : OpRewritePattern<quant::StorageCastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(quant::StorageCastOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<StorageCastOp>(op, op.getType(), op.getInput());
    return success();
  }
};

struct QNNImportQuantPass
    : public qnn::impl::QNNImportQuantBase<QNNImportQuantPass> {
  void runOnOperation() override {
    // Validate first, so that a type the contract cannot honour is reported
    // at the upstream cast that carries it rather than at a generated op.
    bool valid = true;
    getOperation()->walk([&](Operation *op) {
      if (!isa<quant::QuantizeCastOp, quant::DequantizeCastOp,
               quant::StorageCastOp>(op))
        return;
      for (Type type :
           llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
        if (!isa<quant::QuantizedType>(getElementTypeOrSelf(type)))
          continue;
        if (failed(getQuantParamsOf(type, [&]() {
              return op->emitOpError() << "cannot be imported: ";
            })))
          valid = false;
      }
    });
    if (!valid)
      return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    populateImportQuantPatterns(patterns);
    // Only the casts are rewritten: one walk, no folding (so upstream's
    // inexact dcast(qcast(x)) -> x cannot run) and no dead-code removal.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

void mlir::qnn::populateImportQuantPatterns(RewritePatternSet &patterns) {
  patterns.add<ImportQuantizeCast, ImportDequantizeCast, ImportStorageCast>(
      patterns.getContext());
}
