//===- FoldConstants.cpp - Compile-time quantization arithmetic -----------===//
//
// Clamps of a compute op's result become the op's own saturation bounds,
// and the exact qnn folders run (constant float weights become quantized
// constants). See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

#include <limits>

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

/// A matmul (2-D) or an unpadded convolution with constant weights and
/// activation zero point za != 0, whose accumulator
///   sum (a - za)(w - zw) + bias = sum a (w - zw) + bias'
/// with bias'[n] = bias[n] - za * sum_k (w[k, n] - zw[n]): the same op on
/// the activations read with zero point 0 and the folded i32 constant
/// bias', which is exact (integers) and visible in the IR. A padded
/// convolution keeps za: its padded taps hold za and must add 0.
template <typename OpT> struct FoldZeroPointIntoBias : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  static Value activations(MatmulOp op) { return op.getLhs(); }
  static Value activations(Conv2dOp op) { return op.getInput(); }
  static Value weights(MatmulOp op) { return op.getRhs(); }
  static Value weights(Conv2dOp op) { return op.getFilter(); }
  static bool applies(MatmulOp op) {
    return cast<RankedTensorType>(op.getType()).getRank() == 2;
  }
  static bool applies(Conv2dOp op) {
    return llvm::all_of(op.getPadding(), [](int64_t p) { return p == 0; });
  }

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto silent = []() { return InFlightDiagnostic(); };
    Value a = activations(op), w = weights(op);
    auto aType = cast<RankedTensorType>(a.getType());
    FailureOr<QuantParams> ap = getQuantParamsOf(aType, silent);
    FailureOr<QuantParams> wp = getQuantParamsOf(w.getType(), silent);
    if (!applies(op) || failed(ap) || failed(wp) ||
        ap->channels[0].zeroPoint == 0)
      return failure();
    std::optional<SmallVector<int64_t>> weightValues =
        getConstantStorage(w, wp->isSigned);
    if (!weightValues)
      return failure();
    auto wType = cast<RankedTensorType>(w.getType());
    int64_t n = wType.getShape().back();
    std::optional<SmallVector<int64_t>> biasValues;
    if (op.getBias()) {
      biasValues = getConstantStorage(op.getBias(), /*isSigned=*/true);
      if (!biasValues)
        return failure();
    }
    int64_t za = ap->channels[0].zeroPoint;
    int64_t k = static_cast<int64_t>(weightValues->size()) / n;
    SmallVector<int64_t> zw =
        llvm::map_to_vector(wp->channels, [](const qmath::ChannelParams &c) {
          return c.zeroPoint;
        });
    SmallVector<int64_t> values = foldWeightTerms(
        *weightValues, n, k, za, zw,
        /*withActivationSums=*/true,
        biasValues ? std::optional<ArrayRef<int64_t>>(*biasValues)
                   : std::nullopt);
    SmallVector<int32_t> folded;
    for (int64_t value : values) {
      if (value < std::numeric_limits<int32_t>::min() ||
          value > std::numeric_limits<int32_t>::max())
        return failure();
      folded.push_back(static_cast<int32_t>(value));
    }

    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    // The activations with zero point 0: the same storage, reinterpreted.
    auto aq = cast<quant::UniformQuantizedType>(aType.getElementType());
    auto zeroType = quant::UniformQuantizedType::get(
        aq.getFlags(), aq.getStorageType(), aq.getExpressedType(),
        aq.getScale(), 0, aq.getStorageTypeMin(), aq.getStorageTypeMax());
    Value raw = StorageCastOp::create(rewriter, loc,
                                      aType.clone(aq.getStorageType()), a);
    Value a0 = StorageCastOp::create(rewriter, loc, aType.clone(zeroType), raw);
    // The bias type: the original's, or i32 with scale s_a * s_w.
    Type biasType;
    if (op.getBias()) {
      biasType = op.getBias().getType();
    } else {
      IntegerType i32 = rewriter.getI32Type();
      Type f32 = rewriter.getF32Type();
      int64_t lo = std::numeric_limits<int32_t>::min();
      int64_t hi = std::numeric_limits<int32_t>::max();
      // The float32 product of the scales, as frontends store it (the
      // verifier accepts its rounding).
      float sa = ap->channels[0].scale;
      auto product = [&](float sw) { return static_cast<double>(sa * sw); };
      Type element;
      if (wp->isPerAxis()) {
        SmallVector<double> scales;
        for (const qmath::ChannelParams &c : wp->channels)
          scales.push_back(product(c.scale));
        element = quant::UniformQuantizedPerAxisType::get(
            quant::QuantizationFlags::Signed, i32, f32, scales,
            SmallVector<int64_t>(scales.size(), 0), 0, lo, hi);
      } else {
        element = quant::UniformQuantizedType::get(
            quant::QuantizationFlags::Signed, i32, f32,
            product(wp->channels[0].scale), 0, lo, hi);
      }
      biasType = RankedTensorType::get({n}, element);
    }
    auto valueType = RankedTensorType::get(
        {n}, IntegerType::get(ctx, 32, IntegerType::Signed));
    Value bias = ConstantOp::create(
        rewriter, loc, biasType,
        DenseElementsAttr::get(valueType, ArrayRef<int32_t>(folded)));
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperand(0, a0);
      if (op.getBias())
        op.getBiasMutable().assign(bias);
      else
        op.getBiasMutable().append(bias);
    });
    return success();
  }
};

struct QNNFoldConstantsPass
    : public qnn::impl::QNNFoldConstantsBase<QNNFoldConstantsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldClampIntoProducer, FoldZeroPointIntoBias<MatmulOp>,
                 FoldZeroPointIntoBias<Conv2dOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
