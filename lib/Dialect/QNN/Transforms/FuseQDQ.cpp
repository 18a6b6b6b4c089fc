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
#include "mlir/IR/Verifier.h"
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

/// The float value that `op` quantizes, the end of a QDQ island, and the
/// quantize's flavour: a qnn quantize, or an upstream quant.qcast (PyTorch
/// flavour).
std::pair<Value, Flavour> quantizedFloat(Operation *op) {
  if (auto quantize = dyn_cast<QuantizeOp>(op))
    return {quantize.getInput(), quantize.getFlavour()};
  if (auto cast = dyn_cast<quant::QuantizeCastOp>(op))
    return {cast.getInput(), Flavour::pytorch};
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

/// Builds an `OpT` outside the IR and inserts it at the rewriter's point
/// only if it verifies (silently); otherwise destroys it and returns null,
/// so that a failed match leaves the IR untouched and the island stays
/// float code.
template <typename OpT, typename... Args>
OpT createIfValid(PatternRewriter &rewriter, Location loc, Args &&...args) {
  OpBuilder detached(rewriter.getContext());
  OpT op = OpT::create(detached, loc, std::forward<Args>(args)...);
  ScopedDiagnosticHandler silence(rewriter.getContext(),
                                  [](Diagnostic &) { return success(); });
  if (failed(mlir::verify(op))) {
    op->destroy();
    return {};
  }
  rewriter.insert(op);
  return op;
}

/// Wraps `result` in the qnn.clamp of `clamp`, if it has a bound.
Value applyClamp(PatternRewriter &rewriter, Location loc, Value result,
                 const FloatClamp &clamp) {
  if (!clamp.min && !clamp.max)
    return result;
  auto bound = [&](std::optional<float> v) -> FloatAttr {
    return v ? rewriter.getF32FloatAttr(*v) : FloatAttr();
  };
  return ClampOp::create(rewriter, loc, result, bound(clamp.min),
                         bound(clamp.max));
}

/// A bias added after a product, `arith.addf(product, broadcast(
/// dequantize(b)))` in either order (as some frontends write a linear
/// layer): returns the product's op, whose result must have no other use,
/// and the quantized bias. Otherwise `producer` and no bias.
std::pair<Operation *, Value> peelBiasAdd(Operation *producer) {
  auto add = dyn_cast<arith::AddFOp>(producer);
  auto type = add ? dyn_cast<RankedTensorType>(add.getType()) : nullptr;
  if (!type)
    return {producer, Value()};
  for (int i = 0; i < 2; ++i) {
    Value product = add->getOperand(i);
    Value bias = broadcastBias(add->getOperand(1 - i), type.getRank());
    if (bias && product.hasOneUse() && product.getDefiningOp())
      return {product.getDefiningOp(), bias};
  }
  return {producer, Value()};
}

/// A rewrite of the QDQ island that ends at a quantize (qnn or upstream):
/// subclasses rewrite the op that produces the float value the quantize
/// takes, once the float clamps (ReLU, ReLU6, ...) between them are peeled
/// off into `clamp`. The producer's result has no other use.
///
/// An island that ends in an onnx-flavour quantize stands for the op ONNX
/// Runtime's graph optimizer fuses it into (when `fuseOnnx`): the
/// subclasses then build that op's numerics (`onnx` is set) or decline.
struct QDQIslandPattern : RewritePattern {
  QDQIslandPattern(MLIRContext *ctx, RoundingMode rounding, bool fuseOnnx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx),
        rounding(rounding), fuseOnnx(fuseOnnx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const final {
    auto [floatResult, flavour] = quantizedFloat(op);
    if (!floatResult || (flavour == Flavour::onnx && !fuseOnnx))
      return failure();
    onnx = flavour == Flavour::onnx;
    FloatClamp clamp;
    floatResult = peelClamps(floatResult, clamp);
    if (clamp.min && clamp.max && *clamp.max < *clamp.min)
      return failure();
    Operation *producer = floatResult.getDefiningOp();
    if (!producer || !floatResult.hasOneUse())
      return failure();
    return rewriteIsland(op, producer, clamp, rewriter);
  }

  virtual LogicalResult rewriteIsland(Operation *quantize, Operation *producer,
                                      const FloatClamp &clamp,
                                      PatternRewriter &rewriter) const = 0;

  /// The rounding mode of the fused op: ONNX Runtime's QLinearMatMul,
  /// QLinearConv and QLinearMul use the float one.
  RoundingMode fusedRounding() const {
    return onnx ? RoundingMode::float_ : rounding;
  }

  RoundingMode rounding;
  bool fuseOnnx;
  /// Whether the island being rewritten ends in an onnx-flavour quantize
  /// (set by matchAndRewrite, read by rewriteIsland).
  mutable bool onnx = false;
};

/// quantize([clamp](linalg.matmul / batch_matmul(dequantize(a),
/// dequantize(w)), accumulating into zeros or a broadcast bias)) ->
/// [qnn.clamp](qnn.matmul(a, w[, bias])).
struct FuseMatmulIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    Value addedBias;
    std::tie(producer, addedBias) = peelBiasAdd(producer);
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
    // The init is zeros, or a quantized bias broadcast over the rows (or
    // the bias is added afterwards).
    Value bias = addedBias;
    if (!isZeroTensor(init)) {
      if (bias)
        return rewriter.notifyMatchFailure(op, "two biases");
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
                                 fusedRounding())))
      return rewriter.notifyMatchFailure(op, "not expressible as qnn.matmul");
    Value result =
        MatmulOp::create(rewriter, op->getLoc(), resultType, lhs, rhs, bias,
                         fusedRounding(), /*min=*/nullptr, /*max=*/nullptr);
    rewriter.replaceOp(op, applyClamp(rewriter, op->getLoc(), result, clamp));
    return success();
  }
};

/// quantize(tensor.concat(dequantize(x_i)...)) -> qnn.concat(x_i...), for
/// per-tensor types: each input is requantized into the result's type.
struct FuseConcatIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    auto concat = dyn_cast<tensor::ConcatOp>(producer);
    // ONNX Runtime's QLinearConcat requantizes with a division: not
    // qnn.concat's rounding.
    if (!concat || clamp.min || clamp.max || onnx)
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

/// The quantized input of a window op and its padding [top, left, bottom,
/// right]: dequantize(x), or a tensor.pad of it in H and W only whose
/// constant value satisfies `isPadValue`.
std::optional<std::pair<Value, SmallVector<int64_t>>>
paddedInput(Value v, function_ref<bool(Value)> isPadValue) {
  SmallVector<int64_t> padding(4, 0);
  if (auto pad = v.getDefiningOp<tensor::PadOp>()) {
    ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
    Value value = pad.getConstantPaddingValue();
    if (low.size() != 4 || low[0] || low[3] || high[0] || high[3] ||
        ShapedType::isDynamic(low[1]) || ShapedType::isDynamic(low[2]) ||
        ShapedType::isDynamic(high[1]) || ShapedType::isDynamic(high[2]) ||
        !value || !isPadValue(value) || !v.hasOneUse())
      return std::nullopt;
    padding = {low[1], low[2], high[1], high[2]};
    v = pad.getSource();
  }
  Value x = dequantizedFrom(v);
  if (!x)
    return std::nullopt;
  return std::make_pair(x, padding);
}

SmallVector<int64_t> i64Values(DenseIntElementsAttr attr) {
  return llvm::map_to_vector(attr.getValues<APInt>(),
                             [](const APInt &v) { return v.getSExtValue(); });
}

/// A depthwise filter KH x KW x C (quantized per tensor or along C) as the
/// HWCF filter KH x KW x 1 x C of qnn.conv2d with groups = C: an
/// expand_shape of the storage, the per-axis axis moving from 2 to 3.
RankedTensorType depthwiseFilterType(RankedTensorType type) {
  if (!type.hasStaticShape() || type.getRank() != 3)
    return {};
  ArrayRef<int64_t> s = type.getShape();
  SmallVector<int64_t> shape{s[0], s[1], 1, s[2]};
  Type element = type.getElementType();
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element)) {
    if (perAxis.getQuantizedDimension() != 2)
      return {};
    element = quant::UniformQuantizedPerAxisType::get(
        perAxis.getFlags(), perAxis.getStorageType(),
        perAxis.getExpressedType(), perAxis.getScales(),
        perAxis.getZeroPoints(), 3, perAxis.getStorageTypeMin(),
        perAxis.getStorageTypeMax());
  }
  return RankedTensorType::get(shape, element);
}

/// Builds `w` in the type depthwiseFilterType gave.
Value depthwiseAsHWCF(PatternRewriter &rewriter, Location loc, Value w,
                      RankedTensorType hwcf) {
  SmallVector<ReassociationIndices> re{{0}, {1}, {2, 3}};
  auto perAxis =
      dyn_cast<quant::UniformQuantizedPerAxisType>(hwcf.getElementType());
  if (!perAxis)
    return tensor::ExpandShapeOp::create(rewriter, loc, hwcf, w, re);
  Type storage = perAxis.getStorageType();
  auto type = cast<RankedTensorType>(w.getType());
  Value raw = StorageCastOp::create(rewriter, loc, type.clone(storage), w);
  Value expanded = tensor::ExpandShapeOp::create(rewriter, loc,
                                                 hwcf.clone(storage), raw, re);
  return StorageCastOp::create(rewriter, loc, hwcf, expanded);
}

/// quantize([clamp](linalg.conv_2d_nhwc_hwcf / depthwise_conv_2d_nhwc_hwc(
/// [tensor.pad with 0.0](dequantize(x)), dequantize(w)), accumulating into
/// zeros or a broadcast bias)) -> [qnn.clamp](qnn.conv2d(x, w[, bias])).
/// A real 0.0 pad is the quantized zero point, which qnn.conv2d's padding
/// holds.
struct FuseConvIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    Value addedBias;
    std::tie(producer, addedBias) = peelBiasAdd(producer);
    DenseIntElementsAttr strides, dilations;
    bool depthwise = false;
    if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(producer)) {
      strides = conv.getStrides();
      dilations = conv.getDilations();
    } else if (auto dw = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(producer)) {
      strides = dw.getStrides();
      dilations = dw.getDilations();
      depthwise = true;
    } else {
      return rewriter.notifyMatchFailure(op, "not a convolution");
    }
    auto linalgOp = cast<linalg::LinalgOp>(producer);
    if (linalgOp.getNumDpsInputs() != 2 || linalgOp.getNumDpsInits() != 1 ||
        !linalgOp.hasPureTensorSemantics())
      return failure();
    auto input = paddedInput(linalgOp.getDpsInputs()[0], [](Value v) {
      return matchPattern(v, m_AnyZeroFloat());
    });
    Value w = dequantizedFrom(linalgOp.getDpsInputs()[1]);
    if (!input || !w)
      return rewriter.notifyMatchFailure(op, "not a QDQ island");
    Value init = linalgOp.getDpsInits()[0];
    Value bias = addedBias;
    if (!isZeroTensor(init)) {
      if (bias)
        return rewriter.notifyMatchFailure(op, "two biases");
      bias = broadcastBias(init, 4);
      if (!bias || !init.hasOneUse())
        return rewriter.notifyMatchFailure(op, "init is not zeros or a bias");
    }
    Location loc = op->getLoc();
    int64_t groups = 1;
    // Everything is checked before any IR is built: a failed match must
    // leave the island as it is.
    Type filterType = w.getType();
    RankedTensorType hwcf;
    if (depthwise) {
      auto type = cast<RankedTensorType>(w.getType());
      groups = type.getDimSize(2);
      hwcf = depthwiseFilterType(type);
      if (!hwcf)
        return rewriter.notifyMatchFailure(op, "unsupported depthwise filter");
      filterType = hwcf;
    }
    Type resultType = op->getResult(0).getType();
    SmallVector<int64_t> st = i64Values(strides), dil = i64Values(dilations);
    auto silent = []() { return InFlightDiagnostic(); };
    if (failed(verifyConv2dTypes(silent, input->first.getType(), filterType,
                                 bias ? bias.getType() : Type(), resultType, st,
                                 dil, input->second, groups,
                                 fusedRounding())))
      return rewriter.notifyMatchFailure(op, "not expressible as qnn.conv2d");
    if (depthwise)
      w = depthwiseAsHWCF(rewriter, loc, w, hwcf);
    Value result =
        Conv2dOp::create(rewriter, loc, resultType, input->first, w, bias, st,
                         dil, input->second, groups, fusedRounding(),
                         /*min=*/nullptr, /*max=*/nullptr);
    rewriter.replaceOp(op, applyClamp(rewriter, loc, result, clamp));
    return success();
  }
};

/// quantize([clamp](arith.addf / mulf(dequantize(a), dequantize(b)))) ->
/// [qnn.clamp](qnn.add / qnn.mul(a, b)).
struct FuseBinaryIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    if (!isa<arith::AddFOp, arith::MulFOp>(producer) ||
        !isa<RankedTensorType>(producer->getResult(0).getType()))
      return failure();
    Value a = dequantizedFrom(producer->getOperand(0));
    Value b = dequantizedFrom(producer->getOperand(1));
    if (!a || !b)
      return rewriter.notifyMatchFailure(op, "not a QDQ island");
    Location loc = op->getLoc();
    Type resultType = op->getResult(0).getType();
    Operation *fused;
    if (isa<arith::AddFOp>(producer))
      fused = createIfValid<AddOp>(
          rewriter, loc, resultType, a, b,
          onnx ? Flavour::onnx : Flavour::pytorch, fusedRounding(),
          /*min=*/nullptr, /*max=*/nullptr);
    else
      fused = createIfValid<MulOp>(rewriter, loc, resultType, a, b,
                                   fusedRounding(),
                                   /*min=*/nullptr, /*max=*/nullptr);
    if (!fused)
      return rewriter.notifyMatchFailure(op, "not expressible as a qnn op");
    rewriter.replaceOp(op,
                       applyClamp(rewriter, loc, fused->getResult(0), clamp));
    return success();
  }
};

/// quantize([clamp](linalg.pooling_nhwc_max([tensor.pad with -inf](
/// dequantize(x)), window) into a fill of -inf)) -> qnn.max_pool2d(x),
/// requantized (float mode) into the quantize's type when it differs:
/// the maximum of dequantized values is the dequantized maximum (scales
/// are positive), so quantize(max) is requantize(max_pool2d), exactly.
struct FuseMaxPoolIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  static bool isNegativeInfinity(Value v) {
    FloatAttr attr;
    return matchPattern(v, m_Constant(&attr)) && attr.getValue().isInfinity() &&
           attr.getValue().isNegative();
  }

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    auto pool = dyn_cast<linalg::PoolingNhwcMaxOp>(producer);
    if (!pool || !pool.hasPureTensorSemantics())
      return failure();
    auto fill = pool.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
    if (!fill || !isNegativeInfinity(fill.value()))
      return rewriter.notifyMatchFailure(op, "init is not -inf");
    auto input = paddedInput(pool.getDpsInputs()[0], isNegativeInfinity);
    if (!input)
      return rewriter.notifyMatchFailure(op, "not a QDQ island");
    auto window = cast<ShapedType>(pool.getDpsInputs()[1].getType());
    if (!window.hasStaticShape() || window.getRank() != 2)
      return failure();
    Location loc = op->getLoc();
    auto inType = cast<RankedTensorType>(input->first.getType());
    auto outType = cast<RankedTensorType>(op->getResult(0).getType());
    auto pooledType =
        RankedTensorType::get(outType.getShape(), inType.getElementType());
    // ONNX Runtime keeps an island that changes type float (its Q divides).
    if (onnx && pooledType != outType)
      return rewriter.notifyMatchFailure(op, "onnx island changes type");
    auto pooled = createIfValid<MaxPool2dOp>(
        rewriter, loc, pooledType, input->first, window.getShape(),
        i64Values(pool.getStrides()), i64Values(pool.getDilations()),
        input->second);
    if (!pooled)
      return rewriter.notifyMatchFailure(op, "not expressible as a qnn op");
    Value result = pooled;
    if (pooledType != outType)
      result = RequantizeOp::create(rewriter, loc, outType, result,
                                    RoundingMode::float_);
    rewriter.replaceOp(op, applyClamp(rewriter, loc, result, clamp));
    return success();
  }
};

/// quantize([clamp](arith.divf(linalg.pooling_nhwc_sum([tensor.pad with
/// 0.0](dequantize(x)), window) into zeros, splat d))) ->
/// qnn.avg_pool2d(x) with divisor d (the kernel size: count_include_pad),
/// as frontends lower average pooling. The padded taps are real zeros,
/// which qnn.avg_pool2d's sum of (q - z_in) leaves out, as it should.
struct FuseAvgPoolIsland : QDQIslandPattern {
  using QDQIslandPattern::QDQIslandPattern;

  LogicalResult rewriteIsland(Operation *op, Operation *producer,
                              const FloatClamp &clamp,
                              PatternRewriter &rewriter) const override {
    auto div = dyn_cast<arith::DivFOp>(producer);
    if (!div || !isa<RankedTensorType>(div.getType()))
      return failure();
    if (onnx)
      return rewriteOnnxIsland(op, div, clamp, rewriter);
    std::optional<float> divisor = splatConstant(div.getRhs());
    auto pool = div.getLhs().getDefiningOp<linalg::PoolingNhwcSumOp>();
    if (!divisor || !pool || !div.getLhs().hasOneUse() ||
        !pool.hasPureTensorSemantics() || !isZeroTensor(pool.getDpsInits()[0]))
      return failure();
    auto d = static_cast<int64_t>(*divisor);
    if (static_cast<float>(d) != *divisor || d < 1)
      return rewriter.notifyMatchFailure(op, "divisor is not a count");
    auto input = paddedInput(pool.getDpsInputs()[0], [](Value v) {
      return matchPattern(v, m_AnyZeroFloat());
    });
    auto window = cast<ShapedType>(pool.getDpsInputs()[1].getType());
    SmallVector<int64_t> dilations = i64Values(pool.getDilations());
    if (!input || !window.hasStaticShape() || window.getRank() != 2 ||
        llvm::any_of(dilations, [](int64_t v) { return v != 1; }))
      return rewriter.notifyMatchFailure(op, "not a QDQ island");
    Location loc = op->getLoc();
    ArrayRef<int64_t> k = window.getShape();
    auto divisorAttr =
        d == k[0] * k[1] ? IntegerAttr() : rewriter.getI64IntegerAttr(d);
    auto pooled = createIfValid<AvgPool2dOp>(
        rewriter, loc, op->getResult(0).getType(), input->first, k,
        i64Values(pool.getStrides()), input->second,
        /*count_include_pad=*/true, divisorAttr, rounding, /*min=*/nullptr,
        /*max=*/nullptr);
    if (!pooled)
      return rewriter.notifyMatchFailure(op, "not expressible as a qnn op");
    rewriter.replaceOp(op, applyClamp(rewriter, loc, pooled, clamp));
    return success();
  }

  /// `v`'s storage integers read as `type`'s elements (storage casts).
  static Value reinterpret(PatternRewriter &rewriter, Location loc, Value v,
                           RankedTensorType type) {
    auto silent = []() { return InFlightDiagnostic(); };
    FailureOr<QuantParams> p = getQuantParamsOf(v.getType(), silent);
    auto storage = cast<RankedTensorType>(v.getType())
                       .clone(p->getStorageType(rewriter.getContext()));
    Value raw = StorageCastOp::create(rewriter, loc, storage, v);
    return StorageCastOp::create(rewriter, loc, type, raw);
  }

  /// The island as ONNX Runtime fuses it. A window over the whole image
  /// without padding is QLinearGlobalAveragePool: the exact sum brought to
  /// the output with f32(s_x / f32(s_y * count)), which is qnn.avg_pool2d
  /// with divisor 1 into the output's type with scale f32(s_y * count),
  /// read back as the output's integers. Any other window is
  /// QLinearAveragePool, which sums the dequantized taps in float (as the
  /// island does) and rounds y / s_y + z_y with the zero point added in
  /// float before the rounding: the island's quantize becomes that, a
  /// quantize of scale 1 and zero point 0 of (y / s_y + z_y).
  LogicalResult rewriteOnnxIsland(Operation *op, arith::DivFOp div,
                                  const FloatClamp &clamp,
                                  PatternRewriter &rewriter) const {
    auto pool = div.getLhs().getDefiningOp<linalg::PoolingNhwcSumOp>();
    auto outType = cast<RankedTensorType>(op->getResult(0).getType());
    auto yt = dyn_cast<quant::UniformQuantizedType>(outType.getElementType());
    if (!pool || !yt || clamp.min || clamp.max)
      return rewriter.notifyMatchFailure(op, "not an average pool island");
    Location loc = op->getLoc();
    auto window = cast<ShapedType>(pool.getDpsInputs()[1].getType());
    Value poolInput = pool.getDpsInputs()[0];
    Value x = dequantizedFrom(poolInput);
    auto xType = x ? dyn_cast<RankedTensorType>(x.getType()) : nullptr;
    std::optional<float> divisor = splatConstant(div.getRhs());
    bool global = xType && window.hasStaticShape() && xType.getRank() == 4 &&
                  xType.getDimSize(1) == window.getDimSize(0) &&
                  xType.getDimSize(2) == window.getDimSize(1) && divisor &&
                  *divisor == static_cast<float>(window.getNumElements()) &&
                  isZeroTensor(pool.getDpsInits()[0]);
    if (global) {
      int64_t count = window.getNumElements();
      float scale = static_cast<float>(yt.getScale()) *
                    static_cast<float>(count);
      auto poolType = quant::UniformQuantizedType::get(
          yt.getFlags(), yt.getStorageType(), yt.getExpressedType(), scale,
          yt.getZeroPoint(), yt.getStorageTypeMin(), yt.getStorageTypeMax());
      auto pooled = createIfValid<AvgPool2dOp>(
          rewriter, loc, outType.clone(poolType), x, window.getShape(),
          i64Values(pool.getStrides()), SmallVector<int64_t>(4, 0),
          /*count_include_pad=*/true, rewriter.getI64IntegerAttr(1),
          RoundingMode::float_, /*min=*/nullptr, /*max=*/nullptr);
      if (pooled) {
        rewriter.replaceOp(op, reinterpret(rewriter, loc, pooled, outType));
        return success();
      }
    }
    auto floatType = cast<RankedTensorType>(div.getType());
    auto splat = [&](double v) -> Value {
      return arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(floatType,
                                 rewriter.getF32FloatAttr(static_cast<float>(v))));
    };
    Value scaled = arith::DivFOp::create(rewriter, loc, div,
                                         splat(static_cast<float>(yt.getScale())));
    Value moved = arith::AddFOp::create(rewriter, loc, scaled,
                                        splat(yt.getZeroPoint()));
    auto unit = quant::UniformQuantizedType::get(
        yt.getFlags(), yt.getStorageType(), yt.getExpressedType(), 1.0, 0,
        yt.getStorageTypeMin(), yt.getStorageTypeMax());
    Value q = QuantizeOp::create(rewriter, loc, outType.clone(unit), moved,
                                 Flavour::onnx);
    rewriter.replaceOp(op, reinterpret(rewriter, loc, q, outType));
    return success();
  }
};

/// A layout op of a dequantized per-tensor value (linalg.transpose,
/// tensor.collapse_shape, tensor.expand_shape) is the dequantize of that
/// layout op of the quantized value, exactly: the op moves above the
/// dequantize, so that the islands around it can fuse (an importer that
/// converts layouts puts them between a dequantize and the float op), and
/// a quantize(dequantize(x)) in the same type folds away. A transpose,
/// whose region computes nothing, moves the storage integers.
struct HoistLayoutAboveDequantize : RewritePattern {
  HoistLayoutAboveDequantize(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, ctx) {}

  static bool perTensor(Type type) {
    auto silent = []() { return InFlightDiagnostic(); };
    FailureOr<QuantParams> p = getQuantParamsOf(type, silent);
    return succeeded(p) && !p->isPerAxis();
  }

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<linalg::TransposeOp, tensor::CollapseShapeOp,
             tensor::ExpandShapeOp>(op) ||
        op->getNumResults() != 1)
      return failure();
    auto dequantize = op->getOperand(0).getDefiningOp<DequantizeOp>();
    if (!dequantize || !perTensor(dequantize.getInput().getType()))
      return failure();
    Value q = dequantize.getInput();
    auto qType = cast<RankedTensorType>(q.getType());
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    auto movedType = resultType.clone(qType.getElementType());
    Location loc = op->getLoc();
    Value moved;
    if (auto transpose = dyn_cast<linalg::TransposeOp>(op)) {
      if (!resultType.hasStaticShape() || !transpose.hasPureTensorSemantics())
        return failure();
      auto silent = []() { return InFlightDiagnostic(); };
      Type storage = getQuantParamsOf(qType, silent)
                         ->getStorageType(rewriter.getContext());
      Value raw = StorageCastOp::create(rewriter, loc, qType.clone(storage), q);
      Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                           storage);
      Value t = linalg::TransposeOp::create(rewriter, loc, raw, init,
                                            transpose.getPermutation())
                    .getResult()[0];
      moved = StorageCastOp::create(rewriter, loc, movedType, t);
    } else if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
      moved = tensor::CollapseShapeOp::create(
          rewriter, loc, movedType, q, collapse.getReassociationIndices());
    } else {
      auto expand = cast<tensor::ExpandShapeOp>(op);
      moved = tensor::ExpandShapeOp::create(
          rewriter, loc, movedType, q, expand.getReassociationIndices(),
          expand.getMixedOutputShape());
    }
    rewriter.replaceOpWithNewOp<DequantizeOp>(op, resultType, moved);
    return success();
  }
};

struct QNNFuseQDQPass : public qnn::impl::QNNFuseQDQBase<QNNFuseQDQPass> {
  using Base::Base;
  void runOnOperation() override {
    std::optional<RoundingMode> mode = symbolizeRoundingMode(rounding);
    if (!mode) {
      emitOptionError(&getContext(), "qnn-fuse-qdq",
                      "unknown rounding mode '" + rounding +
                          "' (expected float, double_round, half_up or "
                          "half_away)");
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateQNNFuseQDQPatterns(patterns, *mode, fuseOnnx);
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
                                           RoundingMode rounding,
                                           bool fuseOnnx) {
  patterns.add<FuseMatmulIsland, FuseConvIsland, FuseBinaryIsland,
               FuseMaxPoolIsland, FuseAvgPoolIsland, FuseConcatIsland>(
      patterns.getContext(), rounding, fuseOnnx);
  patterns.add<HoistLayoutAboveDequantize>(patterns.getContext());
}
