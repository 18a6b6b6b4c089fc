//===- LegalizeU8S8.cpp - i8 activations as u8 for u8 x s8 dot products --===//
//
// See the pass description in Passes.td. The shift is exact: the
// requantize has the same scale on both sides, so its multiplier is 1 and
// every integer mode returns a + 128 (which the u8 range holds).
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLEGALIZEU8S8
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// Whether the op would verify with the activations of type `a`: the
/// shift widens their range to [0, 255], which the accumulator bound must
/// still allow (a very long K can exceed it).
bool verifiesWith(MatmulOp op, Type a) {
  auto silent = []() { return InFlightDiagnostic(); };
  return succeeded(
      verifyMatmulTypes(silent, a, op.getRhs().getType(),
                        op.getBias() ? op.getBias().getType() : Type(),
                        op.getType(), op.getRounding()));
}
bool verifiesWith(Conv2dOp op, Type a) {
  auto silent = []() { return InFlightDiagnostic(); };
  return succeeded(
      verifyConv2dTypes(silent, a, op.getFilter().getType(),
                        op.getBias() ? op.getBias().getType() : Type(),
                        op.getType(), op.getStrides(), op.getDilations(),
                        op.getPadding(), op.getGroups(), op.getRounding()));
}

template <typename OpT> struct ShiftActivations : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto silent = []() { return InFlightDiagnostic(); };
    Value a = op->getOperand(0), w = op->getOperand(1);
    auto aType = cast<RankedTensorType>(a.getType());
    FailureOr<QuantParams> ap = getQuantParamsOf(aType, silent);
    FailureOr<QuantParams> wp = getQuantParamsOf(w.getType(), silent);
    // Signed bytes on both sides, activations per tensor.
    if (failed(ap) || failed(wp) || !ap->isSigned || ap->storageWidth != 8 ||
        ap->isPerAxis() || !wp->isSigned || wp->storageWidth != 8)
      return failure();
    auto q = cast<quant::UniformQuantizedType>(aType.getElementType());
    auto shifted = quant::UniformQuantizedType::get(
        /*flags=*/0, q.getStorageType(), q.getExpressedType(), q.getScale(),
        q.getZeroPoint() + 128, q.getStorageTypeMin() + 128,
        q.getStorageTypeMax() + 128);
    RankedTensorType type = aType.clone(shifted);
    if (!verifiesWith(op, type))
      return failure();
    Value u8 = RequantizeOp::create(rewriter, op.getLoc(), type, a,
                                    RoundingMode::half_up);
    rewriter.modifyOpInPlace(op, [&] { op->setOperand(0, u8); });
    return success();
  }
};

struct QNNLegalizeU8S8Pass
    : public qnn::impl::QNNLegalizeU8S8Base<QNNLegalizeU8S8Pass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ShiftActivations<MatmulOp>, ShiftActivations<Conv2dOp>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
