//===- FuseQDQ.cpp - Dequantize/float op/quantize islands to qnn ops ------===//
//
// The QDQ form marks a quantized layer with float code between casts; the
// qnn op for it computes the layer's integer arithmetic exactly, which is
// what quantization-aware frontends mean by that form.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNFUSEQDQ
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The quantized value that `v` dequantizes (qnn or upstream cast), if any.
Value dequantizedFrom(Value v) {
  if (auto op = v.getDefiningOp<DequantizeOp>())
    return op.getInput();
  if (auto op = v.getDefiningOp<quant::DequantizeCastOp>())
    return op.getInput();
  return {};
}

/// The quantized bias broadcast into a matmul's init, as linear layers are
/// commonly lowered: `linalg.broadcast ins(dequantize(b) : tensor<N>)` over
/// the row dimensions (the batch and M).
Value broadcastBias(Value init, int64_t rank) {
  auto broadcast = init.getDefiningOp<linalg::BroadcastOp>();
  if (!broadcast)
    return {};
  SmallVector<int64_t> rows;
  for (int64_t d = 0; d < rank - 1; ++d)
    rows.push_back(d);
  if (broadcast.getDimensions() != ArrayRef<int64_t>(rows))
    return {};
  return dequantizedFrom(broadcast.getInput());
}

/// The float value that `op` quantizes: the end of a QDQ island, a qnn
/// quantize in the PyTorch flavour (the integer ops' output stages multiply
/// by a factor as it does; ONNX's division is another rounding) or an
/// upstream quant.qcast.
Value quantizedFloat(Operation *op) {
  if (auto quantize = dyn_cast<QuantizeOp>(op))
    return quantize.getFlavour() == Flavour::pytorch ? quantize.getInput()
                                                     : Value();
  if (auto cast = dyn_cast<quant::QuantizeCastOp>(op))
    return cast.getInput();
  return {};
}

/// True when `v` is a float tensor of zeros.
bool isZeroTensor(Value v) {
  if (auto fill = v.getDefiningOp<linalg::FillOp>())
    return matchPattern(fill.value(), m_AnyZeroFloat());
  return matchPattern(v, m_AnyZeroFloat());
}

/// A float clamp between the contraction and the quantize: max / min with a
/// splat constant (ReLU is max(y, 0), ReLU6 adds min(., 6)).
struct FloatClamp {
  std::optional<float> min, max;
};

/// The splat float value of a constant operand, if it is one.
std::optional<float> splatConstant(Value v) {
  FloatAttr scalar;
  if (matchPattern(v, m_Constant(&scalar)))
    return scalar.getValue().convertToFloat();
  DenseFPElementsAttr dense;
  if (matchPattern(v, m_Constant(&dense)) && dense.isSplat())
    return dense.getSplatValue<APFloat>().convertToFloat();
  return std::nullopt;
}

/// Peels max / min ops with constant bounds off `v`, each used once, and
/// returns the value they clamp.
Value peelClamps(Value v, FloatClamp &clamp) {
  while (Operation *op = v.getDefiningOp()) {
    if (!v.hasOneUse() || op->getNumOperands() != 2)
      break;
    bool isMax = isa<arith::MaximumFOp, arith::MaxNumFOp>(op);
    bool isMin = isa<arith::MinimumFOp, arith::MinNumFOp>(op);
    if (!isMax && !isMin)
      break;
    Value lhs = op->getOperand(0), rhs = op->getOperand(1);
    std::optional<float> bound = splatConstant(rhs);
    Value rest = lhs;
    if (!bound) {
      bound = splatConstant(lhs);
      rest = rhs;
    }
    if (!bound || std::isnan(*bound))
      break;
    if (isMax)
      clamp.min = clamp.min ? std::max(*clamp.min, *bound) : *bound;
    else
      clamp.max = clamp.max ? std::min(*clamp.max, *bound) : *bound;
    v = rest;
  }
  return v;
}

/// A rewrite of the QDQ island that ends at a quantize (qnn or upstream):
/// subclasses rewrite the float value the quantize takes.
struct QDQIslandPattern : RewritePattern {
  QDQIslandPattern(MLIRContext *ctx, RoundingMode rounding)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx),
        rounding(rounding) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const final {
    Value floatResult = quantizedFloat(op);
    if (!floatResult)
      return failure();
    return rewriteIsland(op, floatResult, rewriter);
  }

  virtual LogicalResult rewriteIsland(Operation *quantize, Value floatResult,
                                      PatternRewriter &rewriter) const = 0;

  RoundingMode rounding;
};

/// quantize([clamp](linalg.matmul / batch_matmul(dequantize(a),
/// dequantize(w)), accumulating into zeros or a broadcast bias)) ->
/// [qnn.clamp](qnn.matmul(a, w[, bias])).
struct FuseMatmulIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Value floatResult,
                              PatternRewriter &rewriter) const override {
    FloatClamp clamp;
    floatResult = peelClamps(floatResult, clamp);
    if (clamp.min && clamp.max && *clamp.max < *clamp.min)
      return failure();
    Operation *producer = floatResult.getDefiningOp();
    if (!producer || !floatResult.hasOneUse())
      return failure();
    bool isContraction = false;
    if (auto mm = dyn_cast<linalg::MatmulOp>(producer))
      isContraction = !mm.hasUserDefinedMaps();
    else if (auto bmm = dyn_cast<linalg::BatchMatmulOp>(producer))
      isContraction = !bmm.hasUserDefinedMaps();
    if (!isContraction)
      return rewriter.notifyMatchFailure(op, "not a plain (batch) matmul");
    auto linalgOp = cast<linalg::LinalgOp>(producer);
    if (linalgOp.getNumDpsInputs() != 2 || linalgOp.getNumDpsInits() != 1 ||
        !linalgOp.hasPureTensorSemantics())
      return failure();
    Value lhs = dequantizedFrom(linalgOp.getDpsInputs()[0]);
    Value rhs = dequantizedFrom(linalgOp.getDpsInputs()[1]);
    Value init = linalgOp.getDpsInits()[0];
    // The init is zeros, or a quantized bias broadcast over the rows.
    Value bias;
    if (!isZeroTensor(init)) {
      bias =
          broadcastBias(init, cast<RankedTensorType>(init.getType()).getRank());
      if (!bias || !init.hasOneUse())
        return rewriter.notifyMatchFailure(op, "init is not zeros or a bias");
    }
    if (!lhs || !rhs)
      return rewriter.notifyMatchFailure(op, "not a QDQ island");
    Type resultType = op->getResult(0).getType();
    auto silent = []() { return InFlightDiagnostic(); };
    if (failed(verifyMatmulTypes(silent, lhs.getType(), rhs.getType(),
                                 bias ? bias.getType() : Type(), resultType,
                                 rounding)))
      return rewriter.notifyMatchFailure(op, "not expressible as qnn.matmul");
    Value result = MatmulOp::create(rewriter, op->getLoc(), resultType, lhs,
                                    rhs, bias, rounding);
    if (clamp.min || clamp.max) {
      auto bound = [&](std::optional<float> v) -> FloatAttr {
        return v ? rewriter.getF32FloatAttr(*v) : FloatAttr();
      };
      result = ClampOp::create(rewriter, op->getLoc(), result, bound(clamp.min),
                               bound(clamp.max));
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// quantize(tensor.concat(dequantize(x_i)...)) -> qnn.concat(x_i...), for
/// per-tensor types: each input is requantized into the result's type.
struct FuseConcatIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Value floatResult,
                              PatternRewriter &rewriter) const override {
    auto concat = floatResult.getDefiningOp<tensor::ConcatOp>();
    if (!concat || !floatResult.hasOneUse())
      return failure();
    auto silent = []() { return InFlightDiagnostic(); };
    Type resultType = op->getResult(0).getType();
    FailureOr<QuantParams> out = getQuantParamsOf(resultType, silent);
    if (failed(out) || out->isPerAxis())
      return failure();
    SmallVector<Value> inputs;
    for (Value input : concat.getInputs()) {
      Value quantized = dequantizedFrom(input);
      if (!quantized)
        return failure();
      FailureOr<QuantParams> in = getQuantParamsOf(quantized.getType(), silent);
      if (failed(in) || in->isPerAxis())
        return failure();
      inputs.push_back(quantized);
    }
    rewriter.replaceOpWithNewOp<ConcatOp>(op, resultType, inputs,
                                          concat.getDim(), rounding);
    return success();
  }
};

struct QNNFuseQDQPass : public qnn::impl::QNNFuseQDQBase<QNNFuseQDQPass> {
  using Base::Base;
  void runOnOperation() override {
    std::optional<RoundingMode> mode = symbolizeRoundingMode(rounding);
    if (!mode) {
      getOperation()->emitError("qnn-fuse-qdq: unknown rounding mode '")
          << rounding << "' (expected float, double_round, half_up or "
          << "half_away)";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateQNNFuseQDQPatterns(patterns, *mode);
    // No folding: the QDQ casts of constants must stay recognizable, and
    // upstream's dcast(qcast(x)) -> x folder must not run.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    config.enableConstantCSE(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace

void mlir::qnn::populateQNNFuseQDQPatterns(RewritePatternSet &patterns,
                                           RoundingMode rounding) {
  patterns.add<FuseMatmulIsland, FuseConcatIsland>(patterns.getContext(),
                                                   rounding);
}
