//===- FoldConstants.cpp - Compile-time quantization arithmetic -----------===//
//
// Clamps of a compute op's result become the op's own saturation bounds,
// and the exact qnn folders run (constant float weights become quantized
// constants). See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNFOLDCONSTANTS
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// qnn.clamp(op(...)) -> op(...) with the clamp's bounds, for a compute op
/// whose result has no other use. Both clamp in the same type with bounds
/// quantized by the same monotone function, so clamping twice is clamping
/// once to the tighter bounds.
struct FoldClampIntoProducer : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ClampOp clamp,
                                PatternRewriter &rewriter) const override {
    Operation *producer = clamp.getInput().getDefiningOp();
    if (!producer ||
        !isa<MatmulOp, Conv2dOp, AddOp, MulOp, AvgPool2dOp>(producer) ||
        !clamp.getInput().hasOneUse())
      return failure();
    auto merge = [](FloatAttr a, FloatAttr b, bool takeLarger) -> FloatAttr {
      if (!a || !b)
        return a ? a : b;
      bool bLarger =
          b.getValue().compare(a.getValue()) == APFloat::cmpGreaterThan;
      return bLarger == takeLarger ? b : a;
    };
    FloatAttr min = merge(producer->getAttrOfType<FloatAttr>("min"),
                          clamp.getMinAttr(), /*takeLarger=*/true);
    FloatAttr max = merge(producer->getAttrOfType<FloatAttr>("max"),
                          clamp.getMaxAttr(), /*takeLarger=*/false);
    // Disjoint ranges (the result is a constant) are left as they are.
    if (min && max &&
        max.getValue().compare(min.getValue()) == APFloat::cmpLessThan)
      return failure();
    rewriter.modifyOpInPlace(producer, [&] {
      if (min)
        producer->setAttr("min", min);
      if (max)
        producer->setAttr("max", max);
    });
    rewriter.replaceOp(clamp, producer->getResults());
    return success();
  }
};

struct QNNFoldConstantsPass
    : public qnn::impl::QNNFoldConstantsBase<QNNFoldConstantsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldClampIntoProducer>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
