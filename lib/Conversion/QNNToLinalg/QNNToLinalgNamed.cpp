//===- QNNToLinalgNamed.cpp - qnn products and pooling to linalg ----------===//
//
// matmul, conv2d, max_pool2d and avg_pool2d: reductions over the storage
// values (raw sums of products, the row, column and window sums that the
// zero-point terms need) followed by the shared product output stage of
// NumericEmitters.h.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

namespace {

/// Pads H and W of an NHWC container tensor by `pad` ([top, left, bottom,
/// right]) with `value`; the input itself when there is no padding.
Value padSpatial(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> pad,
                 Value value) {
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return input;
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> low{0, pad[0], pad[1], 0};
  SmallVector<int64_t> high{0, pad[2], pad[3], 0};
  SmallVector<int64_t> shape(inputType.getShape());
  for (int i = 0; i < 2; ++i)
    if (!ShapedType::isDynamic(shape[1 + i]))
      shape[1 + i] += pad[i] + pad[i + 2];
  auto paddedType = RankedTensorType::get(shape, inputType.getElementType());
  SmallVector<OpFoldResult> lowFold, highFold;
  for (int d = 0; d < 4; ++d) {
    lowFold.push_back(b.getIndexAttr(low[d]));
    highFold.push_back(b.getIndexAttr(high[d]));
  }
  return tensor::PadOp::create(b, loc, paddedType, input, lowFold, highFold,
                               value);
}

/// The dynamic sizes of an NHWC window op's result: N and C from the
/// (padded) input, H and W as `(size - span) / stride + 1`. The relations
/// the verifier checks on static sizes are checked at run time where the
/// input is dynamic: the window fits in the padded input, and the sizes it
/// gives agree with the static sizes of the result.
SmallVector<Value> windowResultDims(OpBuilder &b, Location loc,
                                    StringRef opName, Value padded,
                                    RankedTensorType resultType,
                                    ArrayRef<int64_t> kernel,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> dilations) {
  auto paddedType = cast<RankedTensorType>(padded.getType());
  SmallVector<Value> dynamicDims;
  for (int64_t d = 0; d < 4; ++d) {
    if (!resultType.isDynamicDim(d) && !paddedType.isDynamicDim(d))
      continue;
    Value size = linalg::createOrFoldDimOp(b, loc, padded, d);
    Value resultSize = size;
    if (d == 1 || d == 2) {
      int i = d - 1;
      int64_t span = dilations[i] * (kernel[i] - 1) + 1;
      Value spanValue = arith::ConstantIndexOp::create(b, loc, span);
      // Checked first, so that a too small input cannot wrap the size
      // around below.
      emitSizeCheck(b, loc, size, SizeRelation::ge, spanValue,
                    opName + ": dimension " + Twine(d) +
                        ": the padded input has size {0}, smaller than the "
                        "window's span {1}");
      Value rest = arith::SubIOp::create(b, loc, size, spanValue);
      Value steps = arith::DivUIOp::create(
          b, loc, rest, arith::ConstantIndexOp::create(b, loc, strides[i]));
      resultSize = arith::AddIOp::create(
          b, loc, steps, arith::ConstantIndexOp::create(b, loc, 1));
    }
    if (resultType.isDynamicDim(d))
      dynamicDims.push_back(resultSize);
    else
      emitSizeCheck(b, loc, resultSize, SizeRelation::eq,
                    resultType.getDimSize(d),
                    opName + ": dimension " + Twine(d) +
                        (d == 1 || d == 2
                             ? ": the input gives a result of size {0} but "
                               "the result type has size {1}"
                             : ": the input has size {0} but the result type "
                               "has size {1}"));
  }
  return dynamicDims;
}

/// The length of a product's bias (when it is dynamic) against the number
/// of output channels `n`, and against the bias type's scales when it is
/// quantized per axis.
void emitBiasChecks(OpBuilder &b, Location loc, StringRef opName, Value bias,
                    Type biasQuantType, Value n) {
  if (!bias || !cast<RankedTensorType>(bias.getType()).isDynamicDim(0))
    return;
  Value length = linalg::createOrFoldDimOp(b, loc, bias, 0);
  emitSizeCheck(b, loc, length, SizeRelation::eq, n,
                opName + ": the bias has {0} elements but there are {1} "
                         "output channels");
  FailureOr<QuantParams> params = paramsOrFail(biasQuantType);
  if (succeeded(params) && params->isPerAxis())
    emitSizeCheck(b, loc, length, SizeRelation::eq,
                  static_cast<int64_t>(params->numChannels()),
                  opName + ": the bias has {0} elements but its type has {1} "
                           "scales");
}

/// The relations between qnn.matmul's sizes that its verifier checks when
/// they are static: batch, K, M and N of the operands against each other
/// and the result, the bias length, and the scales of per-axis weights.
void emitMatmulChecks(OpBuilder &b, Location loc, Value a, Value w,
                      Value bias, Type biasQuantType,
                      RankedTensorType resultType, const QuantParams &rhs,
                      int64_t k) {
  int64_t rank = resultType.getRank();
  auto check = [&](Value size, Value bound, const Twine &what) {
    emitSizeCheck(b, loc, size, SizeRelation::eq, bound,
                  "qnn.matmul: " + what);
  };
  auto staticResult = [&](int64_t d) -> Value {
    if (resultType.isDynamicDim(d))
      return Value();
    return arith::ConstantIndexOp::create(b, loc, resultType.getDimSize(d));
  };
  if (rank == 3) {
    check(linalg::createOrFoldDimOp(b, loc, w, 0), linalg::createOrFoldDimOp(b, loc, a, 0),
          "batch: rhs has size {0} but lhs has size {1}");
    if (Value r = staticResult(0))
      check(linalg::createOrFoldDimOp(b, loc, a, 0), r,
            "batch: lhs has size {0} but the result has size {1}");
  }
  check(linalg::createOrFoldDimOp(b, loc, w, rank - 2),
        arith::ConstantIndexOp::create(b, loc, k),
        "K: rhs has {0} rows but lhs has {1} columns");
  if (Value r = staticResult(rank - 2))
    check(linalg::createOrFoldDimOp(b, loc, a, rank - 2), r,
          "M: lhs has {0} rows but the result has {1}");
  Value n = linalg::createOrFoldDimOp(b, loc, w, rank - 1);
  if (Value r = staticResult(rank - 1))
    check(n, r, "N: rhs has {0} columns but the result has {1}");
  if (rhs.isPerAxis())
    check(n,
          arith::ConstantIndexOp::create(b, loc, rhs.numChannels()),
          "N: rhs has {0} columns but its type has {1} scales");
  emitBiasChecks(b, loc, "qnn.matmul", bias, biasQuantType, n);
}

/// qnn.max_pool2d -> tensor.pad with the storage minimum (which no window
/// maximum can be, every window holding a real element) and the signed or
/// unsigned linalg max pooling of the storage values.
struct MaxPool2dLowering : OpConversionPattern<MaxPool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getInput().getType());
    auto resultType = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    if (failed(params) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    IntegerType container = params->getContainerType(getContext());
    Value lowestValue = intConst(rewriter, loc, container, params->widthMin());
    input = padSpatial(rewriter, loc, input, op.getPadding(), lowestValue);
    SmallVector<Value> dynamicDims =
        windowResultDims(rewriter, loc, "qnn.max_pool2d", input, resultType,
                         op.getKernel(),
                         op.getStrides(), op.getDilations());
    Value empty = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                          container, dynamicDims);
    Value init =
        linalg::FillOp::create(rewriter, loc, lowestValue, empty).getResult(0);
    Value window =
        tensor::EmptyOp::create(rewriter, loc, op.getKernel(), container);
    // Linalg's pooling ops take strides and dilations as i64 tensors.
    auto strides = rewriter.getI64TensorAttr(op.getStrides());
    auto dilations = rewriter.getI64TensorAttr(op.getDilations());
    Value result;
    if (params->isSigned)
      result =
          linalg::PoolingNhwcMaxOp::create(rewriter, loc, TypeRange{resultType},
                                           ValueRange{input, window},
                                           ValueRange{init}, strides, dilations)
              .getResult(0);
    else
      result =
          linalg::PoolingNhwcMaxUnsignedOp::create(
              rewriter, loc, TypeRange{resultType}, ValueRange{input, window},
              ValueRange{init}, strides, dilations)
              .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Builds `init` filled with zeros: an i32 accumulator of the given shape.
Value zeroAccumulator(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                      ValueRange dynamicDims) {
  Value empty =
      tensor::EmptyOp::create(b, loc, shape, b.getI32Type(), dynamicDims);
  Value zero = intConst(b, loc, b.getI32Type(), 0);
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

/// An affine map of `numDims` loops with the given results.
AffineMap loopMap(MLIRContext *ctx, unsigned numDims,
                  ArrayRef<AffineExpr> results) {
  return AffineMap::get(numDims, 0, results, ctx);
}

/// The map of `numLoops` loops onto their leading `count` ones, in order.
AffineMap leadingDimsMap(MLIRContext *ctx, unsigned numLoops, unsigned count) {
  return AffineMap::get(
      numLoops, 0,
      llvm::map_to_vector(llvm::seq<unsigned>(0, count),
                          [&](unsigned d) { return getAffineDimExpr(d, ctx); }),
      ctx);
}

/// An i32 sum over the trailing (reduction) loops of a generic whose output
/// is indexed by its leading `numParallel` loops in order: the row and
/// column sums of a matmul, the window sums of a convolution. Each element
/// of `x` (read through `xMap`) is widened from storage `p`.
///
/// A loop that `xMap` only uses inside compound expressions (the window
/// loops of a convolution, in `oh * stride + kh * dilation`) needs its
/// range from elsewhere: `window` gives the sizes of such loops, which
/// `windowMap` selects, through an operand the body does not read (as in
/// linalg's pooling ops).
Value emitStorageSum(OpBuilder &b, Location loc, Value x, AffineMap xMap,
                     const QuantParams &p, unsigned numParallel,
                     ArrayRef<int64_t> shape, ValueRange dynamicDims,
                     ArrayRef<int64_t> window = {}, AffineMap windowMap = {}) {
  MLIRContext *ctx = b.getContext();
  unsigned numLoops = xMap.getNumDims();
  Value acc = zeroAccumulator(b, loc, shape, dynamicDims);
  SmallVector<utils::IteratorType> iterators(numParallel,
                                             utils::IteratorType::parallel);
  iterators.resize(numLoops, utils::IteratorType::reduction);
  SmallVector<Value> inputs{x};
  SmallVector<AffineMap> maps{xMap};
  if (!window.empty()) {
    inputs.push_back(
        tensor::EmptyOp::create(b, loc, window, b.getI8Type()).getResult());
    maps.push_back(windowMap);
  }
  maps.push_back(leadingDimsMap(ctx, numLoops, numParallel));
  return linalg::GenericOp::create(
             b, loc, TypeRange{acc.getType()}, inputs, ValueRange{acc}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value v = extendStorage(nb, l, args[0], nb.getI32Type(), p);
               linalg::YieldOp::create(
                   nb, l,
                   ValueRange{arith::AddIOp::create(nb, l, args.back(), v)});
             })
      .getResult(0);
}

/// The raw i32 sum of products `sum a*w` over the trailing (reduction)
/// loops, the storage values widened in the body. The output (of shape
/// `shape`) is indexed by the leading `numParallel` loops in order.
Value emitRawProducts(OpBuilder &b, Location loc, Value a, AffineMap aMap,
                      const QuantParams &ap, Value w, AffineMap wMap,
                      const QuantParams &wp, unsigned numParallel,
                      ArrayRef<int64_t> shape, ValueRange dynamicDims) {
  MLIRContext *ctx = b.getContext();
  unsigned numLoops = aMap.getNumDims();
  Value init = zeroAccumulator(b, loc, shape, dynamicDims);
  SmallVector<utils::IteratorType> iterators(numParallel,
                                             utils::IteratorType::parallel);
  iterators.resize(numLoops, utils::IteratorType::reduction);
  AffineMap outMap = leadingDimsMap(ctx, numLoops, numParallel);
  IntegerType i32 = b.getI32Type();
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{a, w},
             ValueRange{init}, ArrayRef<AffineMap>{aMap, wMap, outMap},
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value p = arith::MulIOp::create(
                   nb, l, extendStorage(nb, l, args[0], i32, ap),
                   extendStorage(nb, l, args[1], i32, wp));
               linalg::YieldOp::create(
                   nb, l, ValueRange{arith::AddIOp::create(nb, l, args[2], p)});
             })
      .getResult(0);
}

/// qnn.matmul -> the raw i32 sum of products (a reduction whose body widens
/// the storage values), the row and column sums that the zero-point terms
/// need, and one elementwise epilogue that forms
///   acc = sum a*w - zw * sum_k a - za * sum_k w + K * za * zw + bias
/// (in i64, saturated to i32) and applies the output stage.
struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getLhs(), op.getRhs(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams *lhs = &types->lhs, *rhs = &types->rhs,
                      *out = &types->out;
    RankedTensorType resultType = types->resultType;
    auto lhsQType = cast<RankedTensorType>(op.getLhs().getType());
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    Value a = adaptor.getLhs(), w = adaptor.getRhs();
    int64_t rank = resultType.getRank();
    bool batched = rank == 3;
    int64_t k = lhsQType.getDimSize(rank - 1);

    // Loop dims: [b,] m, n, k.
    unsigned o = batched ? 1 : 0; // position of m
    auto d = [&](unsigned p) { return getAffineDimExpr(p, ctx); };
    auto with = [&](std::initializer_list<AffineExpr> rest) {
      SmallVector<AffineExpr> v;
      if (batched)
        v.push_back(d(0));
      v.append(rest.begin(), rest.end());
      return v;
    };

    emitMatmulChecks(rewriter, loc, a, w, adaptor.getBias(),
                     op.getBias() ? op.getBias().getType() : Type(), resultType,
                     *rhs, k);
    // Sizes of the result: [B,] M from the lhs, N from the rhs.
    SmallVector<Value> dynamicDims;
    for (int64_t i = 0; i < rank; ++i)
      if (resultType.isDynamicDim(i))
        dynamicDims.push_back(
            tensor::DimOp::create(rewriter, loc, i == rank - 1 ? w : a, i));

    ProductTerms t;
    t.k = k;
    t.lhs = lhs;
    t.rhs = rhs;
    t.products = emitRawProducts(
        rewriter, loc, a, loopMap(ctx, o + 3, with({d(o), d(o + 2)})), *lhs, w,
        loopMap(ctx, o + 3, with({d(o + 2), d(o + 1)})), *rhs, o + 2,
        resultType.getShape(), dynamicDims);

    // sum_k x[b, m, k] -> [b, m] (rows of a) or sum_k x[b, k, n] -> [b, n]
    // (columns of w); loops [b,] kept, k.
    auto sumOverK = [&](Value x, const QuantParams &p, bool rows) -> Value {
      auto xType = cast<RankedTensorType>(x.getType());
      SmallVector<int64_t> shape;
      SmallVector<Value> dyn;
      SmallVector<int64_t> kept{rows ? rank - 2 : rank - 1};
      if (batched)
        kept.insert(kept.begin(), 0);
      for (int64_t i : kept) {
        shape.push_back(xType.getDimSize(i));
        if (xType.isDynamicDim(i))
          dyn.push_back(tensor::DimOp::create(rewriter, loc, x, i));
      }
      AffineMap xMap = loopMap(
          ctx, o + 2, rows ? with({d(o), d(o + 1)}) : with({d(o + 1), d(o)}));
      return emitStorageSum(rewriter, loc, x, xMap, p, o + 1, shape, dyn);
    };
    int64_t za = lhs->channels[0].zeroPoint;
    bool needRowSums = llvm::any_of(
        rhs->channels, [](const ChannelParams &c) { return c.zeroPoint != 0; });
    if (needRowSums) {
      t.activationSums = sumOverK(a, *lhs, /*rows=*/true);
      t.activationSumsMap = loopMap(ctx, o + 2, with({d(o)}));
    }
    // With constant 2-D weights, the terms that depend on w alone are
    // folded at compile time into one constant per output channel.
    std::optional<SmallVector<int64_t>> weights =
        getConstantStorage(op.getRhs(), rhs->isSigned);
    std::optional<SmallVector<int64_t>> constantBias =
        op.getBias() ? getConstantStorage(op.getBias(), /*isSigned=*/true)
                     : std::nullopt;
    int64_t numColumns = resultType.getDimSize(rank - 1);
    if (!batched && weights) {
      SmallVector<int64_t> zw = llvm::map_to_vector(
          rhs->channels, [](const ChannelParams &c) { return c.zeroPoint; });
      t.folded = foldWeightTerms(*weights, numColumns, k, za, zw, needRowSums,
                                 constantBias);
    } else if (za != 0) {
      t.weightSums = sumOverK(w, *rhs, /*rows=*/false);
      t.weightSumsMap = loopMap(ctx, o + 2, with({d(o + 1)}));
    }
    if (adaptor.getBias() && !(t.folded && constantBias))
      t.bias = adaptor.getBias();
    t.channelMap = loopMap(ctx, o + 2, {d(o + 1)});
    t.channelShape = {ShapedType::isDynamic(numColumns)
                          ? static_cast<int64_t>(rhs->numChannels())
                          : numColumns};
    const QuantParams *outStage = nullptr;
    QuantParams clamped;
    if (!types->accumulator) {
      clamped = clampedOutput(*out, op);
      outStage = &clamped;
    }
    rewriter.replaceOp(op, emitProductEpilogue(
                               rewriter, loc, t, za,
                               productScales(*lhs, *rhs, outStage), outStage,
                               op.getRounding(), resultType, dynamicDims));
    return success();
  }
};

/// qnn.conv2d -> the input padded with za (padded taps contribute
/// (za - za) * w = 0), the raw i32 sum of products over (kh, kw, c), the
/// window sums (when some zw != 0) and filter sums (when za != 0 and the
/// filter is not constant) of the zero-point terms, and the epilogue of
/// qnn.matmul. Channels of a group are addressed by splitting C and F into
/// (group, channel-in-group) with expand_shape; a depthwise convolution
/// (one channel per group on either side) needs no split, so its loop over
/// groups is the innermost parallel loop and reads contiguous channels.
struct Conv2dLowering : OpConversionPattern<Conv2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getInput(), op.getFilter(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams *in = &types->lhs, *wp = &types->rhs, *out = &types->out;
    RankedTensorType resultType = types->resultType;
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    ArrayRef<int64_t> fs =
        cast<RankedTensorType>(op.getFilter().getType()).getShape();
    int64_t kh = fs[0], kw = fs[1], cg = fs[2], f = fs[3];
    int64_t groups = op.getGroups(), fg = f / groups;
    int64_t k = kh * kw * cg;
    ArrayRef<int64_t> st = op.getStrides(), dil = op.getDilations();
    int64_t za = in->channels[0].zeroPoint;

    Value x =
        padSpatial(rewriter, loc, adaptor.getInput(), op.getPadding(),
                   intConst(rewriter, loc, in->getContainerType(ctx), za));
    SmallVector<Value> dynamicDims =
        windowResultDims(rewriter, loc, "qnn.conv2d", x, resultType, {kh, kw},
                         st, dil);
    emitBiasChecks(rewriter, loc, "qnn.conv2d", adaptor.getBias(),
                   op.getBias() ? op.getBias().getType() : Type(),
                   arith::ConstantIndexOp::create(rewriter, loc, f));

    // Channel structure: split C into (g, c) and F into (g, fg) only where
    // both parts are larger than one.
    bool splitIn = groups > 1 && cg > 1;
    bool splitOut = groups > 1 && fg > 1;
    bool hasGroupLoop = groups > 1;
    bool hasChannelLoop = groups == 1 || fg > 1; // f, or fg within a group
    bool hasInputLoop = groups == 1 || cg > 1;   // c within a group
    auto expandLast = [&](Value v, int64_t outer, int64_t inner) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      SmallVector<int64_t> shape(type.getShape().drop_back());
      shape.append({outer, inner});
      SmallVector<ReassociationIndices> re;
      for (int64_t i = 0; i + 1 < type.getRank(); ++i)
        re.push_back({i});
      re.push_back({type.getRank() - 1, type.getRank()});
      return tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(shape, type.getElementType()), v,
          re);
    };
    if (splitIn)
      x = expandLast(x, groups, cg);
    Value w = adaptor.getFilter();
    if (splitOut)
      w = expandLast(w, groups, fg);
    SmallVector<int64_t> channelShape =
        splitOut ? SmallVector<int64_t>{groups, fg} : SmallVector<int64_t>{f};

    // Index expressions of the input and filter for given loop exprs (a
    // null expr: that loop does not exist).
    AffineExpr zero = getAffineConstantExpr(0, ctx);
    auto inputExprs = [&](AffineExpr n, AffineExpr oh, AffineExpr ow,
                          AffineExpr g, AffineExpr kH, AffineExpr kW,
                          AffineExpr c) {
      SmallVector<AffineExpr> e{n, oh * st[0] + kH * dil[0],
                                ow * st[1] + kW * dil[1]};
      if (g)
        e.push_back(g);
      if (c)
        e.push_back(c);
      return e;
    };
    auto filterExprs = [&](AffineExpr kH, AffineExpr kW, AffineExpr c,
                           AffineExpr g, AffineExpr fc) {
      SmallVector<AffineExpr> e{kH, kW, c ? c : zero};
      if (g && (splitOut || !fc))
        e.push_back(g);
      if (fc)
        e.push_back(fc);
      return e;
    };

    // The products: loops n, oh, ow, [g,] [f | fg,] kh, kw, [c].
    unsigned next = 0;
    auto newDim = [&]() { return getAffineDimExpr(next++, ctx); };
    AffineExpr n = newDim(), oh = newDim(), ow = newDim();
    AffineExpr g = hasGroupLoop ? newDim() : AffineExpr();
    AffineExpr fc = hasChannelLoop ? newDim() : AffineExpr();
    unsigned numParallel = next;
    AffineExpr kH = newDim(), kW = newDim();
    AffineExpr c = hasInputLoop ? newDim() : AffineExpr();
    unsigned numLoops = next;
    SmallVector<int64_t> productShape(resultType.getShape().take_front(3));
    productShape.append(channelShape);
    ProductTerms t;
    t.k = k;
    t.lhs = in;
    t.rhs = wp;
    t.products = emitRawProducts(
        rewriter, loc, x,
        loopMap(ctx, numLoops, inputExprs(n, oh, ow, g, kH, kW, c)), *in, w,
        loopMap(ctx, numLoops, filterExprs(kH, kW, c, g, fc)), *wp, numParallel,
        productShape, dynamicDims);
    SmallVector<AffineExpr> channelExprs;
    if (g && (splitOut || !fc))
      channelExprs.push_back(g);
    if (fc)
      channelExprs.push_back(fc);
    t.channelMap = loopMap(ctx, numParallel, channelExprs);
    t.channelShape = channelShape;

    // Window sums of the activations, one per (n, oh, ow[, g]): loops
    // n, oh, ow, [g,] kh, kw, [c].
    bool needWindowSums =
        llvm::any_of(wp->channels,
                     [](const ChannelParams &ch) { return ch.zeroPoint != 0; });
    if (needWindowSums) {
      next = 0;
      AffineExpr sn = newDim(), soh = newDim(), sow = newDim();
      AffineExpr sg = hasGroupLoop ? newDim() : AffineExpr();
      unsigned sumParallel = next;
      AffineExpr skh = newDim(), skw = newDim();
      AffineExpr sc = hasInputLoop ? newDim() : AffineExpr();
      SmallVector<int64_t> shape(resultType.getShape().take_front(3));
      if (hasGroupLoop)
        shape.push_back(groups);
      t.activationSums = emitStorageSum(
          rewriter, loc, x,
          loopMap(ctx, next, inputExprs(sn, soh, sow, sg, skh, skw, sc)), *in,
          sumParallel, shape, dynamicDims, {kh, kw},
          loopMap(ctx, next, {skh, skw}));
      SmallVector<AffineExpr> e{n, oh, ow};
      if (g)
        e.push_back(g);
      t.activationSumsMap = loopMap(ctx, numParallel, e);
    }

    // Filter sums, one per output channel, or the compile-time fold of the
    // weight-only terms when the filter is constant.
    std::optional<SmallVector<int64_t>> weights =
        getConstantStorage(op.getFilter(), wp->isSigned);
    std::optional<SmallVector<int64_t>> constantBias =
        op.getBias() ? getConstantStorage(op.getBias(), /*isSigned=*/true)
                     : std::nullopt;
    if (weights) {
      SmallVector<int64_t> zw = llvm::map_to_vector(
          wp->channels, [](const ChannelParams &ch) { return ch.zeroPoint; });
      t.folded =
          foldWeightTerms(*weights, f, k, za, zw, needWindowSums, constantBias);
    } else if (za != 0) {
      // Loops [g,] [f | fg,] kh, kw, [c].
      next = 0;
      AffineExpr wg = hasGroupLoop ? newDim() : AffineExpr();
      AffineExpr wf = hasChannelLoop ? newDim() : AffineExpr();
      unsigned sumParallel = next;
      AffineExpr wkh = newDim(), wkw = newDim();
      AffineExpr wc = hasInputLoop ? newDim() : AffineExpr();
      t.weightSums =
          emitStorageSum(rewriter, loc, w,
                         loopMap(ctx, next, filterExprs(wkh, wkw, wc, wg, wf)),
                         *wp, sumParallel, channelShape, {});
      t.weightSumsMap = t.channelMap;
    }
    if (Value bias = adaptor.getBias(); bias && !(t.folded && constantBias))
      t.bias = splitOut ? expandLast(bias, groups, fg) : bias;

    auto productType =
        RankedTensorType::get(productShape, resultType.getElementType());
    const QuantParams *outStage = nullptr;
    QuantParams clamped;
    if (!types->accumulator) {
      clamped = clampedOutput(*out, op);
      outStage = &clamped;
    }
    Value result = emitProductEpilogue(
        rewriter, loc, t, za, productScales(*in, *wp, outStage), outStage,
        op.getRounding(), productType, dynamicDims);
    if (splitOut)
      result = tensor::CollapseShapeOp::create(
          rewriter, loc, resultType, result,
          ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The divisor of each window of an average pooling, row-major over
/// (oh, ow): the taps inside the input of a `size`-long dimension for a
/// window starting at `o * stride - padLow`.
SmallVector<int64_t> validTaps(int64_t size, int64_t outSize, int64_t kernel,
                               int64_t stride, int64_t padLow) {
  SmallVector<int64_t> taps;
  for (int64_t o = 0; o < outSize; ++o) {
    int64_t start = o * stride - padLow;
    taps.push_back(std::min(start + kernel, size) -
                   std::max(start, int64_t(0)));
  }
  return taps;
}

/// qnn.avg_pool2d -> the input padded with z_in, the i32 window sums of its
/// storage values, and the epilogue of the product ops with the folded
/// constant -KH * KW * z_in (so that acc = sum (q - z_in) over the taps
/// inside the input) and the multiplier of each divisor: one for all
/// windows, or one per output position (count_include_pad(false) with
/// padding), read through (oh, ow).
struct AvgPool2dLowering : OpConversionPattern<AvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in = paramsOrFail(op.getInput().getType());
    FailureOr<QuantParams> out = paramsOrFail(op.getType());
    auto resultType = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    if (failed(in) || failed(out) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    ArrayRef<int64_t> kernel = op.getKernel(), st = op.getStrides(),
                      pad = op.getPadding();
    int64_t zin = in->channels[0].zeroPoint;
    Value x =
        padSpatial(rewriter, loc, adaptor.getInput(), pad,
                   intConst(rewriter, loc, in->getContainerType(ctx), zin));
    SmallVector<Value> dynamicDims =
        windowResultDims(rewriter, loc, "qnn.avg_pool2d", x, resultType,
                         kernel, st, {1, 1});

    // Window sums: loops n, oh, ow, c, kh, kw.
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    ProductTerms t;
    t.products = emitStorageSum(
        rewriter, loc, x,
        loopMap(ctx, 6, {d(0), d(1) * st[0] + d(4), d(2) * st[1] + d(5), d(3)}),
        *in, 4, resultType.getShape(), dynamicDims, kernel,
        loopMap(ctx, 6, {d(4), d(5)}));
    t.folded = SmallVector<int64_t>{-kernel[0] * kernel[1] * zin};

    // The divisors: one, or one per output position.
    SmallVector<int64_t> divisors;
    bool padded = llvm::any_of(pad, [](int64_t p) { return p != 0; });
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t oh = resultType.getDimSize(1), ow = resultType.getDimSize(2);
    if (std::optional<int64_t> divisor = op.getDivisor()) {
      divisors.push_back(*divisor);
    } else if (op.getCountIncludePad() || !padded) {
      divisors.push_back(kernel[0] * kernel[1]);
    } else {
      // The verifier requires static H and W here, hence static OH, OW.
      SmallVector<int64_t> rows =
          validTaps(inType.getDimSize(1), oh, kernel[0], st[0], pad[0]);
      SmallVector<int64_t> cols =
          validTaps(inType.getDimSize(2), ow, kernel[1], st[1], pad[1]);
      for (int64_t r : rows)
        for (int64_t c : cols)
          divisors.push_back(r * c);
    }
    OutputScales scales;
    scales.zw = {0};
    float sIn = in->channels[0].scale, sOut = out->channels[0].scale;
    for (int64_t divisor : divisors) {
      scales.multipliers.push_back(
          qmath::averageMultiplier(sIn, sOut, divisor));
      scales.factors.push_back(qmath::averageMultiplierF32(sIn, sOut, divisor));
    }
    t.channelMap = loopMap(ctx, 4, {d(1), d(2)});
    t.channelShape = {oh, ow};
    QuantParams clamped = clampedOutput(*out, op);
    rewriter.replaceOp(op, emitProductEpilogue(rewriter, loc, t, /*za=*/0,
                                               scales, &clamped,
                                               op.getRounding(), resultType,
                                               dynamicDims));
    return success();
  }
};

} // namespace

void mlir::qnn::populateQNNToLinalgNamedConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, Conv2dLowering, MaxPool2dLowering,
               AvgPool2dLowering>(converter, patterns.getContext());
}
