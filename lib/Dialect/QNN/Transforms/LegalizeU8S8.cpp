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

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLEGALIZEU8S8
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The per-tensor signed 8-bit quantized type of `v`'s elements, if any.
quant::UniformQuantizedType signedByteType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  auto q = type ? dyn_cast<quant::UniformQuantizedType>(type.getElementType())
                : quant::UniformQuantizedType();
  if (!q || !q.isSigned() || q.getStorageTypeIntegralWidth() != 8)
    return {};
  return q;
}

/// Signed 8-bit weights, per tensor or per axis.
bool hasSignedByteWeights(Value w) {
  auto type = dyn_cast<RankedTensorType>(w.getType());
  auto q = type ? dyn_cast<quant::QuantizedType>(type.getElementType())
                : quant::QuantizedType();
  return q && q.isSigned() && q.getStorageTypeIntegralWidth() == 8;
}

template <typename OpT> struct ShiftActivations : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Value a = op->getOperand(0), w = op->getOperand(1);
    quant::UniformQuantizedType q = signedByteType(a);
    if (!q || !hasSignedByteWeights(w))
      return failure();
    MLIRContext *ctx = rewriter.getContext();
    auto shifted = quant::UniformQuantizedType::get(
        /*flags=*/0, IntegerType::get(ctx, 8), q.getExpressedType(),
        q.getScale(), q.getZeroPoint() + 128, q.getStorageTypeMin() + 128,
        q.getStorageTypeMax() + 128);
    auto type = cast<RankedTensorType>(a.getType()).clone(shifted);
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
