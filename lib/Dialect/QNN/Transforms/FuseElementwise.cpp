//===- FuseElementwise.cpp - One generic per elementwise chain ------------===//
//
// Fusing every chain of elementwise generics into one is what turns a
// sequence of qnn ops and arith ops on tensors into a single loop with no
// intermediate buffer after bufferization.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNFUSEELEMENTWISE
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
/// Replaces an init operand whose block argument is unused in the body of an
/// all-parallel generic on tensors by a tensor.empty of the same shape.
struct DetachUnreadInit : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() ||
        op.getNumParallelLoops() != op.getNumLoops())
      return failure();
    bool changed = false;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      Value value = init.get();
      // An unread init is fully overwritten only when the output map
      // reaches every element (a permutation).
      if (value.getDefiningOp<tensor::EmptyOp>() ||
          !op.getMatchingBlockArgument(&init).use_empty() ||
          !op.getMatchingIndexingMap(&init).isPermutation())
        continue;
      auto type = cast<RankedTensorType>(value.getType());
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(rewriter, op.getLoc(), value);
      Value empty = tensor::EmptyOp::create(rewriter, op.getLoc(), sizes,
                                            type.getElementType());
      rewriter.modifyOpInPlace(op, [&] { init.set(empty); });
      changed = true;
    }
    return success(changed);
  }
};

/// Fuses the producer of an input into its consumer when upstream says the
/// pair is fusable elementwise (the same transformation as upstream's
/// elementwise fusion, without that pattern set's other rewrites, one of
/// which also detaches inits that are only partly overwritten).
struct FuseProducer : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    for (OpOperand &operand : op->getOpOperands()) {
      if (!linalg::areElementwiseOpsFusable(&operand))
        continue;
      Operation *producer = operand.get().getDefiningOp();
      // Only where the consumer reads each produced element once: an
      // operand map that leaves out some loops (the activations of a
      // matrix product) would recompute the producer in each of them.
      if (!op.getMatchingIndexingMap(&operand).isPermutation())
        continue;
      // The fused op, at the consumer's place, also yields the producer's
      // results for its other users, which must therefore come after it.
      bool othersAfter = llvm::all_of(producer->getUsers(), [&](Operation *u) {
        return u == op ||
               (u->getBlock() == op->getBlock() && op->isBeforeInBlock(u));
      });
      if (!othersAfter)
        continue;
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, &operand);
      if (failed(fused))
        continue;
      for (auto [original, replacement] : fused->replacements)
        rewriter.replaceUsesWithIf(original, replacement, [&](OpOperand &use) {
          return use.getOwner() != fused->fusedOp;
        });
      rewriter.replaceOp(
          op, fused->fusedOp->getResults().take_back(op->getNumResults()));
      if (producer && producer->use_empty())
        rewriter.eraseOp(producer);
      return success();
    }
    return failure();
  }
};

struct QNNFuseElementwisePass
    : public qnn::impl::QNNFuseElementwiseBase<QNNFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateQNNFuseElementwisePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

void mlir::qnn::populateQNNFuseElementwisePatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<DetachUnreadInit, FuseProducer>(ctx);
  tensor::EmptyOp::getCanonicalizationPatterns(patterns, ctx);
  // Drops the results a fused op keeps for uses that fold away later.
  linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
  // tensor.dim of a fused producer's result is answered from its operands,
  // so that nothing keeps the producer alive.
  memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
}
