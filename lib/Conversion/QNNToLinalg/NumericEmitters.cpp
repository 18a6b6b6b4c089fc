//===- NumericEmitters.cpp - Shared emitters of the qnn lowering ---------===//
//
// The scalar arithmetic of docs/Semantics.md and the product output stage;
// see NumericEmitters.h.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/IR/Matchers.h"

#include <cmath>

namespace mlir::qnn::detail {

SmallVector<ChannelParams> channelsFor(const QuantParams &params, size_t n) {
  if (params.isPerAxis())
    return SmallVector<ChannelParams>(params.channels.begin(),
                                      params.channels.end());
  return SmallVector<ChannelParams>(n, params.channels.front());
}

/// The integer type in which q - z is exact: i32 up to 16-bit storage,
/// i64 for 32-bit storage.
IntegerType wideType(MLIRContext *ctx, const QuantParams &params) {
  return params.storageWidth <= 16 ? i32Type(ctx) : i64Type(ctx);
}

Value intConst(OpBuilder &b, Location loc, Type type, int64_t v) {
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, v));
}
Value f32Const(OpBuilder &b, Location loc, float v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

void emitSizeCheck(OpBuilder &b, Location loc, Value size,
                   SizeRelation relation, Value bound, const Twine &message) {
  APInt s, t;
  if (matchPattern(size, m_ConstantInt(&s)) &&
      matchPattern(bound, m_ConstantInt(&t)) &&
      sizeRelationHolds(relation, s.getSExtValue(), t.getSExtValue()))
    return;
  CheckSizeOp::create(b, loc, size, relation, bound, message.str());
}

void emitSizeCheck(OpBuilder &b, Location loc, Value size,
                   SizeRelation relation, int64_t bound, const Twine &message) {
  emitSizeCheck(b, loc, size, relation,
                arith::ConstantIndexOp::create(b, loc, bound), message);
}

Value extendStorage(OpBuilder &b, Location loc, Value q, IntegerType wide,
                    const QuantParams &params) {
  if (q.getType() == wide)
    return q;
  if (params.isSigned)
    return arith::ExtSIOp::create(b, loc, wide, q);
  return arith::ExtUIOp::create(b, loc, wide, q);
}

//===----------------------------------------------------------------------===//
// Scalar emitters
//===----------------------------------------------------------------------===//

QuantizeStage QuantizeStage::plan(ConstantTable &table, MLIRContext *ctx,
                                  const QuantParams &params, size_t n,
                                  qmath::QuantizeFlavour flavour,
                                  bool mayBeNaN) {
  SmallVector<float> factors;
  for (const ChannelParams &c : channelsFor(params, n))
    // PyTorch computes the reciprocal in float32 at run time; doing it
    // here gives the same bits.
    factors.push_back(
        flavour == qmath::QuantizeFlavour::PyTorch ? 1.0f / c.scale : c.scale);
  return planWith(table, ctx, params, flavour, factors, mayBeNaN);
}

QuantizeStage QuantizeStage::planWith(ConstantTable &table, MLIRContext *ctx,
                                      const QuantParams &params,
                                      qmath::QuantizeFlavour flavour,
                                      ArrayRef<float> factors, bool mayBeNaN) {
  QuantizeStage stage{&params, flavour, mayBeNaN};
  SmallVector<float> lows, highs, magics, zeroPoints;
  SmallVector<int64_t> zeroPointInts;
  for (const ChannelParams &c : channelsFor(params, factors.size())) {
    lows.push_back(static_cast<float>(params.qmin - c.zeroPoint));
    highs.push_back(static_cast<float>(params.qmax - c.zeroPoint));
    zeroPointInts.push_back(c.zeroPoint);
    zeroPoints.push_back(static_cast<float>(c.zeroPoint));
  }
  stage.factor = table.addF32(ctx, factors);
  if (stage.isNarrow()) {
    stage.lowBound = table.addF32(ctx, lows);
    stage.highBound = table.addF32(ctx, highs);
    // An odd K + z would round ties to odd c: fold z only if all are even.
    stage.zeroPointInMagic =
        llvm::all_of(zeroPointInts, [](int64_t z) { return z % 2 == 0; });
    for (int64_t z : zeroPointInts)
      magics.push_back(kRoundingMagic +
                       (stage.zeroPointInMagic ? static_cast<float>(z) : 0));
    stage.magic = table.addF32(ctx, magics);
    if (!stage.zeroPointInMagic)
      stage.zeroPointI = table.addInt(i32Type(ctx), zeroPointInts);
  } else {
    stage.zeroPointF = table.addF32(ctx, zeroPoints);
    stage.zeroPointI = table.addInt(i64Type(ctx), zeroPointInts);
  }
  return stage;
}

Value QuantizeStage::maxOf(OpBuilder &b, Location loc, Value x, Value bound) {
  Value gt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, bound);
  return arith::SelectOp::create(b, loc, gt, x, bound);
}

Value QuantizeStage::minOf(OpBuilder &b, Location loc, Value x, Value bound) {
  Value lt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, bound);
  return arith::SelectOp::create(b, loc, lt, x, bound);
}

Value QuantizeStage::isNaN(OpBuilder &b, Location loc, Value x) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
}

Value QuantizeStage::emit(OpBuilder &b, Location loc, Value x,
                          ConstantValues &get, IntegerType container) const {
  MLIRContext *ctx = b.getContext();
  if (!x.getType().isF32())
    x = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
  Value scaled =
      flavour == qmath::QuantizeFlavour::PyTorch
          ? arith::MulFOp::create(b, loc, x, get(factor)).getResult()
          : arith::DivFOp::create(b, loc, x, get(factor)).getResult();
  return isNarrow() ? emitNarrow(b, loc, scaled, get, container)
                    : emitWide(b, loc, scaled, get, container, ctx);
}

Value QuantizeStage::emitNarrow(OpBuilder &b, Location loc, Value scaled,
                                ConstantValues &get,
                                IntegerType container) const {
  Value c = minOf(b, loc, maxOf(b, loc, scaled, get(lowBound)), get(highBound));
  // The clamp takes NaN to the low bound (its compares are false), which
  // is qmin, the ONNX flavour's answer; the PyTorch flavour's is z.
  if (mayBeNaN && flavour == qmath::QuantizeFlavour::PyTorch)
    c = arith::SelectOp::create(b, loc, isNaN(b, loc, scaled),
                                f32Const(b, loc, 0.0f), c);
  Value shifted = arith::AddFOp::create(b, loc, c, get(magic));
  Value bits = arith::BitcastOp::create(b, loc, b.getI32Type(), shifted);
  if (!zeroPointInMagic)
    bits = arith::AddIOp::create(b, loc, bits, get(zeroPointI));
  assert(container.getWidth() <= 16 && "narrow storage has a narrow container");
  return arith::TruncIOp::create(b, loc, container, bits);
}

Value QuantizeStage::emitWide(OpBuilder &b, Location loc, Value scaled,
                              ConstantValues &get, IntegerType container,
                              MLIRContext *ctx) const {
  IntegerType i64 = i64Type(ctx);
  Value v = arith::AddFOp::create(
      b, loc, math::RoundEvenOp::create(b, loc, scaled), get(zeroPointF));
  // The nearest floats outside [qmin, qmax] (both convertible to i64),
  // then an exact integer clamp after the conversion.
  float lo = static_cast<float>(params->qmin);
  float hi = static_cast<float>(params->qmax);
  if (static_cast<double>(lo) > static_cast<double>(params->qmin))
    lo = std::nextafter(lo, -INFINITY);
  if (static_cast<double>(hi) < static_cast<double>(params->qmax))
    hi = std::nextafter(hi, INFINITY);
  Value c = minOf(b, loc, maxOf(b, loc, v, f32Const(b, loc, lo)),
                  f32Const(b, loc, hi));
  Value i = arith::FPToSIOp::create(b, loc, i64, c);
  i = arith::MaxSIOp::create(b, loc, i, intConst(b, loc, i64, params->qmin));
  i = arith::MinSIOp::create(b, loc, i, intConst(b, loc, i64, params->qmax));
  // The clamp takes NaN to lo, so to qmin: the ONNX flavour's answer. The
  // PyTorch flavour's is z, exactly (f32(z) is not, beyond 2^24).
  if (mayBeNaN && flavour == qmath::QuantizeFlavour::PyTorch)
    i = arith::SelectOp::create(b, loc, isNaN(b, loc, v), get(zeroPointI), i);
  return arith::TruncIOp::create(b, loc, container, i);
}

DequantizeStage DequantizeStage::plan(ConstantTable &table, MLIRContext *ctx,
                                      const QuantParams &params, size_t n) {
  DequantizeStage stage{&params, 0, 0};
  SmallVector<float> scales;
  SmallVector<int64_t> zeroPoints;
  for (const ChannelParams &c : channelsFor(params, n)) {
    scales.push_back(c.scale);
    zeroPoints.push_back(c.zeroPoint);
  }
  stage.scale = table.addF32(ctx, scales);
  stage.zeroPoint = table.addInt(wideType(ctx, params), zeroPoints);
  return stage;
}

Value DequantizeStage::emit(OpBuilder &b, Location loc, Value q,
                            ConstantValues &get) const {
  IntegerType wide = wideType(b.getContext(), *params);
  Value qi = extendStorage(b, loc, q, wide, *params);
  Value diff = arith::SubIOp::create(b, loc, qi, get(zeroPoint));
  Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), diff);
  return arith::MulFOp::create(b, loc, f, get(scale));
}

IntegerRequantizeStage
IntegerRequantizeStage::plan(ConstantTable &table, MLIRContext *ctx,
                             const QuantParams &in, const QuantParams &out,
                             size_t n, qmath::Rounding mode) {
  SmallVector<ChannelParams> cin = channelsFor(in, n),
                             cout = channelsFor(out, n);
  SmallVector<double> multipliers;
  SmallVector<int64_t> zin;
  for (size_t c = 0; c < cin.size(); ++c) {
    multipliers.push_back(qmath::requantizeMultiplier(cin[c], cout[c]));
    zin.push_back(cin[c].zeroPoint);
  }
  return planWith(table, ctx, in.isSigned, zin, multipliers, out, mode);
}

IntegerRequantizeStage
IntegerRequantizeStage::planWith(ConstantTable &table, MLIRContext *ctx,
                                 bool inputSigned, ArrayRef<int64_t> zin,
                                 ArrayRef<double> multipliers,
                                 const QuantParams &out, qmath::Rounding mode) {
  IntegerRequantizeStage s{inputSigned, &out, mode};
  SmallVector<int64_t> zout, m, left, right, masks, halfMasks, k, halves;
  SmallVector<ChannelParams> cout = channelsFor(out, multipliers.size());
  for (size_t c = 0; c < multipliers.size(); ++c) {
    zout.push_back(cout[c].zeroPoint);
    qmath::FixedPointMultiplier fp = qmath::quantizeMultiplier(multipliers[c]);
    // M < 2^-31: a zero multiplier makes every mode produce r = 0.
    int exponent = fp.isZero ? 0 : fp.exponent;
    m.push_back(fp.isZero ? 0 : fp.multiplier);
    int l = std::max(exponent, 0), r = std::max(-exponent, 0);
    left.push_back(l);
    right.push_back(r);
    masks.push_back((int64_t(1) << r) - 1);
    halfMasks.push_back(((int64_t(1) << r) - 1) >> 1);
    int kk = 31 - exponent;
    k.push_back(kk);
    halves.push_back(int64_t(1) << (kk - 1));
    s.anyLeftShift |= l > 0;
    s.anyRightShift |= r > 0;
  }
  IntegerType i64 = i64Type(ctx);
  s.zeroPointIn = table.addInt(i64, zin);
  s.zeroPointOut = table.addInt(i64, zout);
  s.multiplier = table.addInt(i64, m);
  s.leftShift = table.addInt(i64, left);
  s.rightShift = table.addInt(i64, right);
  s.mask = table.addInt(i64, masks);
  s.halfMask = table.addInt(i64, halfMasks);
  s.shift = table.addInt(i64, k);
  s.half = table.addInt(i64, halves);
  return s;
}

Value IntegerRequantizeStage::emit(OpBuilder &b, Location loc, Value q,
                                   ConstantValues &get,
                                   IntegerType container) const {
  IntegerType i64 = i64Type(b.getContext());
  auto c64 = [&](int64_t v) { return intConst(b, loc, i64, v); };
  auto cmp = [&](arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  };
  Value wide = q;
  if (q.getType() != i64)
    wide = inputSigned ? arith::ExtSIOp::create(b, loc, i64, q).getResult()
                       : arith::ExtUIOp::create(b, loc, i64, q).getResult();
  Value a = arith::SubIOp::create(b, loc, wide, get(zeroPointIn));
  Value r;
  if (mode == qmath::Rounding::DoubleRound) {
    Value x = a;
    if (anyLeftShift) {
      // TFLite shifts in int32 and would overflow; the contract here is
      // to saturate the shifted value to int32 (docs/Semantics.md).
      x = arith::ShLIOp::create(b, loc, x, get(leftShift));
      x = arith::MaxSIOp::create(b, loc, x, c64(INT32_MIN));
      x = arith::MinSIOp::create(b, loc, x, c64(INT32_MAX));
    }
    // SaturatingRoundingDoublingHighMul: m > 0 rules out its overflow.
    Value ab = arith::MulIOp::create(b, loc, x, get(multiplier));
    Value nudge = arith::SelectOp::create(
        b, loc, cmp(arith::CmpIPredicate::sge, ab, c64(0)),
        c64(int64_t(1) << 30), c64(1 - (int64_t(1) << 30)));
    Value high =
        arith::DivSIOp::create(b, loc, arith::AddIOp::create(b, loc, ab, nudge),
                               c64(int64_t(1) << 31));
    r = high;
    if (anyRightShift) {
      // RoundingDivideByPOT.
      Value remainder = arith::AndIOp::create(b, loc, high, get(mask));
      Value negative = arith::ExtUIOp::create(
          b, loc, i64, cmp(arith::CmpIPredicate::slt, high, c64(0)));
      Value threshold = arith::AddIOp::create(b, loc, get(halfMask), negative);
      Value roundUp = arith::ExtUIOp::create(
          b, loc, i64, cmp(arith::CmpIPredicate::sgt, remainder, threshold));
      r = arith::AddIOp::create(
          b, loc, arith::ShRSIOp::create(b, loc, high, get(rightShift)),
          roundUp);
    }
  } else {
    Value p = arith::MulIOp::create(b, loc, a, get(multiplier));
    Value k = get(shift), h = get(half);
    Value up =
        arith::ShRSIOp::create(b, loc, arith::AddIOp::create(b, loc, p, h), k);
    if (mode == qmath::Rounding::HalfUp) {
      r = up;
    } else {
      // Ties away from zero: round |p| half up and restore the sign.
      Value down = arith::SubIOp::create(
          b, loc, c64(0),
          arith::ShRSIOp::create(b, loc, arith::SubIOp::create(b, loc, h, p),
                                 k));
      r = arith::SelectOp::create(
          b, loc, cmp(arith::CmpIPredicate::sge, p, c64(0)), up, down);
    }
  }
  Value result = arith::AddIOp::create(b, loc, r, get(zeroPointOut));
  result = arith::MaxSIOp::create(b, loc, result, c64(out->qmin));
  result = arith::MinSIOp::create(b, loc, result, c64(out->qmax));
  return arith::TruncIOp::create(b, loc, container, result);
}

Value applyElementwise(OpBuilder &b, Location loc, StringRef opName,
                       Value input, Type resultType,
                       std::optional<int32_t> axis, int64_t numChannels,
                       const ConstantTable &table, BodyFn body) {
  auto tensorType = dyn_cast<RankedTensorType>(resultType);
  if (!tensorType) {
    ConstantValues get(b, loc, table, DenseMap<unsigned, Value>());
    return body(b, loc, input, get);
  }

  int64_t rank = tensorType.getRank();
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<Value> dynamicDims;
  Value axisSize;
  for (int64_t d = 0; d < rank; ++d) {
    if (!tensorType.isDynamicDim(d) &&
        !(axis && *axis == d && inputType.isDynamicDim(d)))
      continue;
    Value dim = tensor::DimOp::create(b, loc, input, d);
    if (tensorType.isDynamicDim(d))
      dynamicDims.push_back(dim);
    if (axis && *axis == d)
      axisSize = dim;
  }
  // The verifier matched every static size of the axis against the scales;
  // a dynamic input size is checked here.
  if (axisSize)
    emitSizeCheck(b, loc, axisSize, SizeRelation::eq, numChannels,
                  opName + ": quantized axis " + Twine(*axis) +
                      " has size {0} but the type has {1} scales");
  Value init = tensor::EmptyOp::create(
      b, loc, tensorType.getShape(), tensorType.getElementType(), dynamicDims);

  MLIRContext *ctx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
  SmallVector<Value> inputs{input};
  SmallVector<AffineMap> maps{identity};
  SmallVector<unsigned> perChannel;
  for (unsigned h = 0; h < table.size(); ++h) {
    if (!table.isPerChannel(h))
      continue;
    assert(axis && "per-channel constant without an axis");
    auto vectorType = RankedTensorType::get(
        {static_cast<int64_t>(table.values(h).size())}, table.type(h));
    SmallVector<Attribute> values(table.values(h).begin(),
                                  table.values(h).end());
    inputs.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, values)));
    maps.push_back(AffineMap::get(rank, 0, getAffineDimExpr(*axis, ctx)));
    perChannel.push_back(h);
  }
  maps.push_back(identity);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{tensorType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        DenseMap<unsigned, Value> argsOf;
        for (auto [i, h] : llvm::enumerate(perChannel))
          argsOf[h] = args[1 + i];
        ConstantValues get(nb, nloc, table, std::move(argsOf));
        Value result = body(nb, nloc, args[0], get);
        linalg::YieldOp::create(nb, nloc, result);
      });
  return generic.getResult(0);
}

std::pair<std::optional<int32_t>, int64_t>
channelLayout(ArrayRef<const QuantParams *> params) {
  for (const QuantParams *p : params)
    if (p && p->isPerAxis())
      return {p->axis, static_cast<int64_t>(p->numChannels())};
  return {std::nullopt, 1};
}

FailureOr<QuantParams> paramsOrFail(Type type) {
  return getQuantParamsOf(type, silentError);
}

FailureOr<OperandTypes> operandTypes(Value lhs, Value rhs, Value result,
                                     const TypeConverter *converter) {
  FailureOr<QuantParams> lp = paramsOrFail(lhs.getType());
  FailureOr<QuantParams> rp = paramsOrFail(rhs.getType());
  bool accumulator =
      getElementTypeOrSelf(result.getType()).isSignlessInteger(32);
  FailureOr<QuantParams> outp =
      accumulator ? QuantParams() : paramsOrFail(result.getType());
  auto resultType = dyn_cast_or_null<RankedTensorType>(
      converter->convertType(result.getType()));
  if (failed(lp) || failed(rp) || failed(outp) || !resultType)
    return failure();
  return OperandTypes{*lp, *rp, *outp, resultType, accumulator};
}

QuantParams clampedOutput(QuantParams out, Operation *op) {
  auto bound = [&](StringRef name) -> std::optional<float> {
    if (auto attr = op->getAttrOfType<FloatAttr>(name))
      return attr.getValue().convertToFloat();
    return std::nullopt;
  };
  auto [lo, hi] = clampBounds(out, bound("min"), bound("max")).front();
  out.qmin = lo;
  out.qmax = hi;
  return out;
}

OutputScales productScales(const QuantParams &lhs, const QuantParams &rhs,
                           const QuantParams *out) {
  OutputScales s;
  for (const ChannelParams &c : channelsFor(rhs, rhs.numChannels())) {
    s.zw.push_back(c.zeroPoint);
    if (!out)
      continue;
    float sa = lhs.channels[0].scale, so = out->channels[0].scale;
    s.multipliers.push_back(qmath::productMultiplier(sa, c.scale, so));
    s.factors.push_back(qmath::productMultiplierF32(sa, c.scale, so));
  }
  return s;
}

/// The largest magnitude of `values`, as unsigned.
static uint64_t maxMagnitude(ArrayRef<int64_t> values) {
  uint64_t m = 0;
  for (int64_t v : values)
    m = std::max(m, v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v));
  return m;
}

/// A bound of |acc| over every storage value of the products' operands,
/// for the terms of `t` other than the bias (each partial sum is bounded by
/// it too), when t knows its operands and a static reduction length.
static std::optional<uint64_t> termsBound(const ProductTerms &t, int64_t za,
                                          ArrayRef<int64_t> zw,
                                          ArrayRef<int64_t> kzazw,
                                          bool needKzazw) {
  if (!t.lhs || !t.rhs || ShapedType::isDynamic(t.k) || t.k < 0)
    return std::nullopt;
  auto widest = [](const QuantParams &p) {
    return maxMagnitude({p.widthMin(), p.widthMax()});
  };
  uint64_t k = t.k, xa = widest(*t.lhs), wa = widest(*t.rhs);
  using llvm::SaturatingAdd, llvm::SaturatingMultiply;
  uint64_t bound = SaturatingMultiply(k, SaturatingMultiply(xa, wa));
  if (t.activationSums)
    bound = SaturatingAdd(
        bound, SaturatingMultiply(maxMagnitude(zw), SaturatingMultiply(k, xa)));
  if (t.weightSums)
    bound = SaturatingAdd(
        bound, SaturatingMultiply(maxMagnitude({za}), SaturatingMultiply(k, wa)));
  if (t.folded)
    bound = SaturatingAdd(bound, maxMagnitude(*t.folded));
  else if (needKzazw)
    bound = SaturatingAdd(bound, maxMagnitude(kzazw));
  return bound;
}

/// a + b in i32, saturated to the i32 range: the wrapped sum, unless both
/// signs differ from it (an overflow), then INT32_MIN for a negative `a`,
/// else INT32_MAX ((a >> 31) ^ INT32_MAX).
static Value saturatingAddI32(OpBuilder &b, Location loc, Value x, Value y) {
  Type i32 = b.getI32Type();
  Value sum = arith::AddIOp::create(b, loc, x, y);
  Value flips = arith::AndIOp::create(b, loc,
                                      arith::XOrIOp::create(b, loc, x, sum),
                                      arith::XOrIOp::create(b, loc, y, sum));
  Value overflow = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                         flips, intConst(b, loc, i32, 0));
  Value limit = arith::XOrIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, x, intConst(b, loc, i32, 31)),
      intConst(b, loc, i32, INT32_MAX));
  return arith::SelectOp::create(b, loc, overflow, limit, sum);
}

Value emitProductEpilogue(OpBuilder &rewriter, Location loc,
                          const ProductTerms &t, int64_t za,
                          const OutputScales &scales, const QuantParams *out,
                          RoundingMode rounding, RankedTensorType resultType,
                          ValueRange dynamicDims) {
  MLIRContext *ctx = rewriter.getContext();
  IntegerType i32 = rewriter.getI32Type();
  IntegerType i64 = i64Type(ctx);
  size_t n = scales.multipliers.size();
  ArrayRef<int64_t> zw = scales.zw;
  SmallVector<int64_t> kzazw =
      llvm::map_to_vector(zw, [&](int64_t z) { return t.k * za * z; });
  ArrayRef<double> multipliers = scales.multipliers;
  ArrayRef<float> factors = scales.factors;
  bool needKzazw = t.activationSums && za != 0;
  // Every term but the bias summed in i32 when none can leave it.
  std::optional<uint64_t> bound = termsBound(t, za, zw, kzazw, needKzazw);
  bool narrow = bound && *bound <= uint64_t(INT32_MAX);
  IntegerType sumType = narrow ? i32 : i64;
  ConstantTable table;
  ConstantTable::Handle zwHandle = table.addInt(sumType, zw);
  ConstantTable::Handle kzazwHandle = table.addInt(sumType, kzazw);
  std::optional<ConstantTable::Handle> foldedHandle;
  if (t.folded)
    foldedHandle = table.addInt(sumType, *t.folded);
  IntegerType container = out ? out->getContainerType(ctx) : i32;
  std::optional<QuantizeStage> floatStage;
  std::optional<IntegerRequantizeStage> intStage;
  if (!out)
    ; // The i32 accumulator is the result.
  else if (rounding == RoundingMode::float_)
    floatStage = QuantizeStage::planWith(table, ctx, *out,
                                         qmath::QuantizeFlavour::PyTorch,
                                         factors, /*mayBeNaN=*/false);
  else
    intStage = IntegerRequantizeStage::planWith(
        table, ctx, /*inputSigned=*/true, SmallVector<int64_t>(n, 0),
        multipliers, *out, toMathRounding(rounding));

  unsigned numLoops = resultType.getRank();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(numLoops, ctx);
  SmallVector<Value> inputs{t.products};
  SmallVector<AffineMap> maps{identity};
  int sumsIndex = -1, weightSumsIndex = -1, biasIndex = -1;
  if (t.activationSums) {
    sumsIndex = inputs.size();
    inputs.push_back(t.activationSums);
    maps.push_back(t.activationSumsMap);
  }
  if (t.weightSums) {
    weightSumsIndex = inputs.size();
    inputs.push_back(t.weightSums);
    maps.push_back(t.weightSumsMap);
  }
  if (t.bias) {
    biasIndex = inputs.size();
    inputs.push_back(t.bias);
    maps.push_back(t.channelMap);
  }
  SmallVector<unsigned> perChannel;
  unsigned firstConstant = inputs.size();
  for (unsigned h = 0; h < table.size(); ++h) {
    if (!table.isPerChannel(h))
      continue;
    auto type = RankedTensorType::get(t.channelShape, table.type(h));
    SmallVector<Attribute> values(table.values(h).begin(),
                                  table.values(h).end());
    inputs.push_back(arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(type, values)));
    maps.push_back(t.channelMap);
    perChannel.push_back(h);
  }
  Value outInit = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                          container, dynamicDims);
  maps.push_back(identity);
  SmallVector<utils::IteratorType> iterators(numLoops,
                                             utils::IteratorType::parallel);
  auto epilogue = linalg::GenericOp::create(
      rewriter, loc, TypeRange{resultType}, inputs, ValueRange{outInit}, maps,
      iterators, [&](OpBuilder &b, Location l, ValueRange args) {
        DenseMap<unsigned, Value> argsOf;
        for (auto [i, h] : llvm::enumerate(perChannel))
          argsOf[h] = args[firstConstant + i];
        ConstantValues get(b, l, table, std::move(argsOf));
        auto ext = [&](Value v) {
          if (narrow)
            return v;
          return arith::ExtSIOp::create(b, l, i64, v).getResult();
        };
        Value acc = ext(args[0]);
        if (sumsIndex >= 0)
          acc = arith::SubIOp::create(
              b, l, acc,
              arith::MulIOp::create(b, l, get(zwHandle), ext(args[sumsIndex])));
        if (weightSumsIndex >= 0)
          acc = arith::SubIOp::create(
              b, l, acc,
              arith::MulIOp::create(b, l, intConst(b, l, sumType, za),
                                    ext(args[weightSumsIndex])));
        if (foldedHandle)
          acc = arith::AddIOp::create(b, l, acc, get(*foldedHandle));
        else if (needKzazw)
          acc = arith::AddIOp::create(b, l, acc, get(kzazwHandle));
        Value acc32;
        if (narrow) {
          // The bias may push the sum out of i32: saturate, as documented.
          acc32 = biasIndex >= 0 ? saturatingAddI32(b, l, acc, args[biasIndex])
                                 : acc;
        } else {
          if (biasIndex >= 0)
            acc = arith::AddIOp::create(b, l, acc, ext(args[biasIndex]));
          // The bias or the terms may push the sum out of i32: saturate.
          acc = arith::MaxSIOp::create(b, l, acc,
                                       intConst(b, l, i64, INT32_MIN));
          acc = arith::MinSIOp::create(b, l, acc,
                                       intConst(b, l, i64, INT32_MAX));
          acc32 = arith::TruncIOp::create(b, l, i32, acc);
        }
        Value q = acc32;
        if (floatStage) {
          Value x = arith::SIToFPOp::create(b, l, b.getF32Type(), acc32);
          q = floatStage->emit(b, l, x, get, container);
        } else if (intStage) {
          q = intStage->emit(b, l, acc32, get, container);
        }
        linalg::YieldOp::create(b, l, q);
      });
  return epilogue.getResult(0);
}

} // namespace mlir::qnn::detail
