//===- QNNToLinalg.cpp - qnn to linalg/arith lowering ---------------------===//
//
// Every qnn op becomes the scalar arithmetic of docs/Semantics.md, wrapped
// in an all-parallel linalg.generic for tensors. The scalar code is built
// by the emit* functions below and is the same for scalars and tensors, so
// a scalar qnn op and one tensor element agree by construction. Compile-time
// parameters come from quant/Support/QuantMath, as in the folders.
//
//===----------------------------------------------------------------------===//

#include "quant/Conversion/QNNToLinalg/QNNToLinalg.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

#include <cmath>

namespace mlir {
#define GEN_PASS_DEF_CONVERTQNNTOLINALG
#include "quant/Conversion/Passes.h.inc"
} // namespace mlir

using namespace mlir;
using namespace mlir::qnn;
using qmath::ChannelParams;

//===----------------------------------------------------------------------===//
// Type conversion
//===----------------------------------------------------------------------===//

static InFlightDiagnostic silentError() { return InFlightDiagnostic(); }

QNNTypeConverter::QNNTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](quant::QuantizedType type) -> std::optional<Type> {
    FailureOr<QuantParams> params = getQuantParams(type, silentError);
    if (failed(params))
      return std::nullopt;
    return params->getContainerType(type.getContext());
  });
  addConversion([this](ShapedType type) -> std::optional<Type> {
    if (!isa<quant::QuantizedType>(type.getElementType()))
      return type;
    Type element = convertType(type.getElementType());
    if (!element)
      return std::nullopt;
    return type.clone(element);
  });
  addConversion([this](FunctionType type) -> std::optional<Type> {
    SmallVector<Type> inputs, results;
    if (failed(convertTypes(type.getInputs(), inputs)) ||
        failed(convertTypes(type.getResults(), results)))
      return std::nullopt;
    return FunctionType::get(type.getContext(), inputs, results);
  });
  addConversion([this](TupleType type) -> std::optional<Type> {
    SmallVector<Type> members;
    if (failed(convertTypes(type.getTypes(), members)))
      return std::nullopt;
    return TupleType::get(type.getContext(), members);
  });
  auto cast = [](OpBuilder &builder, Type type, ValueRange inputs,
                 Location loc) -> Value {
    return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
        .getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

//===----------------------------------------------------------------------===//
// Compile-time constants of an elementwise body
//===----------------------------------------------------------------------===//

namespace {
/// The constants a body needs, each either one value for all channels or
/// one per channel. Uniform ones become scalar `arith.constant`s inside the
/// body; per-channel ones become constant vectors passed to the generic as
/// extra inputs read through the quantization axis.
class ConstantTable {
public:
  using Handle = unsigned;

  Handle add(Type type, SmallVector<TypedAttr> values) {
    assert(!values.empty());
    if (llvm::all_equal(values))
      values.resize(1);
    entries.push_back({type, std::move(values)});
    return entries.size() - 1;
  }
  Handle addF32(MLIRContext *ctx, ArrayRef<float> values) {
    Type f32 = Float32Type::get(ctx);
    return add(f32, llvm::map_to_vector(values, [&](float v) -> TypedAttr {
                 return FloatAttr::get(f32, v);
               }));
  }
  Handle addInt(IntegerType type, ArrayRef<int64_t> values) {
    return add(type, llvm::map_to_vector(values, [&](int64_t v) -> TypedAttr {
                 return IntegerAttr::get(type, v);
               }));
  }

  bool isPerChannel(Handle h) const { return entries[h].values.size() > 1; }
  /// The single value of a uniform entry.
  TypedAttr uniformValue(Handle h) const { return entries[h].values.front(); }
  bool isUniformInt(Handle h, int64_t v) const {
    if (isPerChannel(h))
      return false;
    auto attr = dyn_cast<IntegerAttr>(uniformValue(h));
    return attr && attr.getInt() == v;
  }
  size_t size() const { return entries.size(); }
  Type type(Handle h) const { return entries[h].type; }
  ArrayRef<TypedAttr> values(Handle h) const { return entries[h].values; }

private:
  struct Entry {
    Type type;
    SmallVector<TypedAttr> values;
  };
  SmallVector<Entry> entries;
};

/// Hands out the SSA value of each constant inside one body.
class ConstantValues {
public:
  ConstantValues(OpBuilder &builder, Location loc, const ConstantTable &table,
                 DenseMap<unsigned, Value> perChannelArgs)
      : builder(builder), loc(loc), table(table),
        cache(std::move(perChannelArgs)) {}

  Value operator()(ConstantTable::Handle h) {
    auto it = cache.find(h);
    if (it != cache.end())
      return it->second;
    Value v = arith::ConstantOp::create(builder, loc, table.uniformValue(h));
    cache[h] = v;
    return v;
  }

private:
  OpBuilder &builder;
  Location loc;
  const ConstantTable &table;
  DenseMap<unsigned, Value> cache;
};

/// Per-channel view of a type's parameters for a body with `n` channels:
/// a per-tensor type repeats its one channel.
SmallVector<ChannelParams> channelsFor(const QuantParams &params, size_t n) {
  if (params.isPerAxis())
    return SmallVector<ChannelParams>(params.channels.begin(),
                                      params.channels.end());
  return SmallVector<ChannelParams>(n, params.channels.front());
}

IntegerType i32Type(MLIRContext *ctx) { return IntegerType::get(ctx, 32); }
IntegerType i64Type(MLIRContext *ctx) { return IntegerType::get(ctx, 64); }

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

/// Widens a storage container value to `wide`, honouring signedness.
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

/// quantize: saturate, NaN -> z, then convert; see docs/Semantics.md.
///
/// Storage up to 16 bits uses an equivalent, cheaper form. The contract's
///   q = clamp(f32(z + rne(p)), qmin, qmax)
/// equals
///   q = z + rne(clamp(p, qmin - z, qmax - z))
/// because rne is monotone and fixes the integer bounds, and f32(z + t) is
/// exact whenever it is not saturated (|z + t| < 2^24); NaN gives t = 0.
/// Adding K = 1.5 * 2^23 to the clamped value c (|c| <= 2^16) lands in
/// [2^23, 2^24), where float32 spacing is 1, so the sum is c rounded to an
/// integer, ties to even, and its bit pattern is 0x4B400000 + rne(c). The
/// low 16 bits of that constant are zero, so adding z and truncating to the
/// (at most 16-bit) container gives q, wrapped as the storage needs. When
/// every zero point is even, K + z is itself an even integer with the same
/// ties, and z is folded into the float constant. One float add (and maybe
/// one integer add) replaces round, convert and the zero-point add.
/// 32-bit storage keeps the literal form and clamps exactly in i64.
struct QuantizeStage {
  const QuantParams *params;
  qmath::QuantizeFlavour flavour;
  bool mayBeNaN;
  ConstantTable::Handle factor = 0; // 1/s (PyTorch) or s (ONNX), f32
  // Narrow storage: qmin - z, qmax - z and K (+ z when all z are even),
  // all f32, and otherwise z as i32.
  ConstantTable::Handle lowBound = 0, highBound = 0, magic = 0;
  bool zeroPointInMagic = false;
  // 32-bit storage: f32(z), as PyTorch adds it (int64 + float in C++).
  ConstantTable::Handle zeroPointF = 0;
  // z as an integer: narrow storage with odd zero points (i32), and the
  // NaN result of 32-bit storage (i64).
  ConstantTable::Handle zeroPointI = 0;

  static constexpr float kRoundingMagic = 12582912.0f; // 1.5 * 2^23

  bool isNarrow() const { return params->storageWidth <= 16; }

  static QuantizeStage plan(ConstantTable &table, MLIRContext *ctx,
                            const QuantParams &params, size_t n,
                            qmath::QuantizeFlavour flavour, bool mayBeNaN) {
    SmallVector<float> factors;
    for (const ChannelParams &c : channelsFor(params, n))
      // PyTorch computes the reciprocal in float32 at run time; doing it
      // here gives the same bits.
      factors.push_back(flavour == qmath::QuantizeFlavour::PyTorch
                            ? 1.0f / c.scale
                            : c.scale);
    return planWith(table, ctx, params, flavour, factors, mayBeNaN);
  }

  /// The general form: the input is multiplied by (PyTorch flavour) or
  /// divided by (ONNX flavour) one float32 factor per channel.
  static QuantizeStage planWith(ConstantTable &table, MLIRContext *ctx,
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

  /// select(a > b, a, b) and select(a < b, a, b): x86's max and min
  /// instructions as they are. A NaN `a` yields `b`.
  static Value maxOf(OpBuilder &b, Location loc, Value x, Value bound) {
    Value gt =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, bound);
    return arith::SelectOp::create(b, loc, gt, x, bound);
  }
  static Value minOf(OpBuilder &b, Location loc, Value x, Value bound) {
    Value lt =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, bound);
    return arith::SelectOp::create(b, loc, lt, x, bound);
  }
  static Value isNaN(OpBuilder &b, Location loc, Value x) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  }

  Value emit(OpBuilder &b, Location loc, Value x, ConstantValues &get,
             IntegerType container) const {
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

private:
  Value emitNarrow(OpBuilder &b, Location loc, Value scaled,
                   ConstantValues &get, IntegerType container) const {
    Value c =
        minOf(b, loc, maxOf(b, loc, scaled, get(lowBound)), get(highBound));
    if (mayBeNaN)
      c = arith::SelectOp::create(b, loc, isNaN(b, loc, scaled),
                                  f32Const(b, loc, 0.0f), c);
    Value shifted = arith::AddFOp::create(b, loc, c, get(magic));
    Value bits = arith::BitcastOp::create(b, loc, b.getI32Type(), shifted);
    if (!zeroPointInMagic)
      bits = arith::AddIOp::create(b, loc, bits, get(zeroPointI));
    assert(container.getWidth() <= 16 &&
           "narrow storage has a narrow container");
    return arith::TruncIOp::create(b, loc, container, bits);
  }

  Value emitWide(OpBuilder &b, Location loc, Value scaled, ConstantValues &get,
                 IntegerType container, MLIRContext *ctx) const {
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
    // NaN maps to z exactly, which f32(z) is not beyond 2^24.
    if (mayBeNaN)
      i = arith::SelectOp::create(b, loc, isNaN(b, loc, v), get(zeroPointI), i);
    return arith::TruncIOp::create(b, loc, container, i);
  }
};

/// dequantize: f32(f32(q - z) * s), the subtraction exact in i32 / i64.
struct DequantizeStage {
  const QuantParams *params;
  ConstantTable::Handle scale;     // f32
  ConstantTable::Handle zeroPoint; // i32 or i64

  static DequantizeStage plan(ConstantTable &table, MLIRContext *ctx,
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

  Value emit(OpBuilder &b, Location loc, Value q, ConstantValues &get) const {
    IntegerType wide = wideType(b.getContext(), *params);
    Value qi = extendStorage(b, loc, q, wide, *params);
    Value diff = arith::SubIOp::create(b, loc, qi, get(zeroPoint));
    Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), diff);
    return arith::MulFOp::create(b, loc, f, get(scale));
  }
};

/// The integer rounding modes: r from a = q - z_in with a fixed-point
/// multiplier, then q_out = clamp(z_out + r). Everything is i64 so that no
/// intermediate can overflow (|a| < 2^31, m < 2^31).
struct IntegerRequantizeStage {
  bool inputSigned;
  const QuantParams *out;
  qmath::Rounding mode;
  ConstantTable::Handle zeroPointIn = 0, zeroPointOut = 0, multiplier = 0;
  // double_round: left shift, right shift, and RoundingDivideByPOT's mask
  // and half-mask; half_up / half_away: the shift k and 2^(k-1).
  ConstantTable::Handle leftShift = 0, rightShift = 0, mask = 0, halfMask = 0;
  ConstantTable::Handle shift = 0, half = 0;
  bool anyLeftShift = false, anyRightShift = false;

  /// qnn.requantize: M = s_in / s_out and a = q - z_in, per channel.
  static IntegerRequantizeStage plan(ConstantTable &table, MLIRContext *ctx,
                                     const QuantParams &in,
                                     const QuantParams &out, size_t n,
                                     qmath::Rounding mode) {
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

  /// The general form: an integer input (of the given signedness) minus
  /// per-channel zero points, scaled by per-channel real multipliers.
  static IntegerRequantizeStage
  planWith(ConstantTable &table, MLIRContext *ctx, bool inputSigned,
           ArrayRef<int64_t> zin, ArrayRef<double> multipliers,
           const QuantParams &out, qmath::Rounding mode) {
    IntegerRequantizeStage s{inputSigned, &out, mode};
    SmallVector<int64_t> zout, m, left, right, masks, halfMasks, k, halves;
    SmallVector<ChannelParams> cout = channelsFor(out, multipliers.size());
    for (size_t c = 0; c < multipliers.size(); ++c) {
      zout.push_back(cout[c].zeroPoint);
      qmath::FixedPointMultiplier fp =
          qmath::quantizeMultiplier(multipliers[c]);
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

  Value emit(OpBuilder &b, Location loc, Value q, ConstantValues &get,
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
      Value high = arith::DivSIOp::create(
          b, loc, arith::AddIOp::create(b, loc, ab, nudge),
          c64(int64_t(1) << 31));
      r = high;
      if (anyRightShift) {
        // RoundingDivideByPOT.
        Value remainder = arith::AndIOp::create(b, loc, high, get(mask));
        Value negative = arith::ExtUIOp::create(
            b, loc, i64, cmp(arith::CmpIPredicate::slt, high, c64(0)));
        Value threshold =
            arith::AddIOp::create(b, loc, get(halfMask), negative);
        Value roundUp = arith::ExtUIOp::create(
            b, loc, i64, cmp(arith::CmpIPredicate::sgt, remainder, threshold));
        r = arith::AddIOp::create(
            b, loc, arith::ShRSIOp::create(b, loc, high, get(rightShift)),
            roundUp);
      }
    } else {
      Value p = arith::MulIOp::create(b, loc, a, get(multiplier));
      Value k = get(shift), h = get(half);
      Value up = arith::ShRSIOp::create(b, loc,
                                        arith::AddIOp::create(b, loc, p, h), k);
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
};

//===----------------------------------------------------------------------===//
// Elementwise application
//===----------------------------------------------------------------------===//

using BodyFn =
    function_ref<Value(OpBuilder &, Location, Value, ConstantValues &)>;

/// Applies `body` to every element of `input`, producing `resultType`
/// (already converted). For tensors this is a linalg.generic whose extra
/// inputs are the per-channel constant vectors of `table`, read through
/// `axis`; a dynamic axis is checked against the channel count at run time.
Value applyElementwise(OpBuilder &b, Location loc, Value input, Type resultType,
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
  if (axisSize) {
    Value size = axisSize;
    Value expected = arith::ConstantIndexOp::create(b, loc, numChannels);
    Value ok =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, size, expected);
    cf::AssertOp::create(
        b, loc, ok,
        (Twine("qnn: quantized axis ") + Twine(*axis) +
         " must have as many elements as the type has scales (" +
         Twine(numChannels) + ")")
            .str());
  }
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

/// Axis and channel count of an op's per-axis operand or result, if any.
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

/// The parameters of an op's two quantized operands and its result, with
/// the converted result tensor type: where the lowerings of the product and
/// binary ops start.
struct OperandTypes {
  QuantParams lhs, rhs, out;
  RankedTensorType resultType;
};
FailureOr<OperandTypes> operandTypes(Value lhs, Value rhs, Value result,
                                     const TypeConverter *converter) {
  FailureOr<QuantParams> lp = paramsOrFail(lhs.getType());
  FailureOr<QuantParams> rp = paramsOrFail(rhs.getType());
  FailureOr<QuantParams> outp = paramsOrFail(result.getType());
  auto resultType = dyn_cast_or_null<RankedTensorType>(
      converter->convertType(result.getType()));
  if (failed(lp) || failed(rp) || failed(outp) || !resultType)
    return failure();
  return OperandTypes{*lp, *rp, *outp, resultType};
}

/// `out` with [qmin, qmax] narrowed to a compute op's optional `min` /
/// `max` bounds, quantized in the output type as qnn.clamp quantizes them:
/// the output stage's saturation then is the clamp.
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

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// qnn.quantize -> saturating float arithmetic and one conversion.
struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto [axis, n] = channelLayout({&*params});
    MLIRContext *ctx = getContext();
    ConstantTable table;
    QuantizeStage stage = QuantizeStage::plan(table, ctx, *params, n,
                                              toMathFlavour(op.getFlavour()),
                                              /*mayBeNaN=*/true);
    IntegerType container = params->getContainerType(ctx);
    Value result = applyElementwise(
        rewriter, op.getLoc(), adaptor.getInput(), resultType, axis, n, table,
        [&](OpBuilder &b, Location loc, Value x, ConstantValues &get) {
          return stage.emit(b, loc, x, get, container);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.dequantize -> exact subtraction, conversion and one multiply.
struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getInput().getType());
    if (failed(params))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto [axis, n] = channelLayout({&*params});
    ConstantTable table;
    DequantizeStage stage =
        DequantizeStage::plan(table, getContext(), *params, n);
    Value result = applyElementwise(
        rewriter, op.getLoc(), adaptor.getInput(), op.getType(), axis, n, table,
        [&](OpBuilder &b, Location loc, Value q, ConstantValues &get) {
          return stage.emit(b, loc, q, get);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.requantize -> dequantize + quantize (float mode) or fixed-point
/// integer arithmetic (the other modes).
/// Requantizes the converted value `input` from `in` to `out` in `mode`:
/// the body of qnn.requantize's lowering, shared with qnn.concat.
Value emitRequantize(OpBuilder &b, Location loc, Value input,
                     const QuantParams &in, const QuantParams &out,
                     Type resultType, RoundingMode mode) {
  auto [axis, n] = channelLayout({&in, &out});
  MLIRContext *ctx = b.getContext();
  IntegerType container = out.getContainerType(ctx);
  ConstantTable table;
  if (mode == RoundingMode::float_) {
    DequantizeStage dq = DequantizeStage::plan(table, ctx, in, n);
    // A dequantized value is finite or infinite, never NaN.
    QuantizeStage q =
        QuantizeStage::plan(table, ctx, out, n, qmath::QuantizeFlavour::PyTorch,
                            /*mayBeNaN=*/false);
    return applyElementwise(
        b, loc, input, resultType, axis, n, table,
        [&](OpBuilder &nb, Location l, Value v, ConstantValues &get) {
          return q.emit(nb, l, dq.emit(nb, l, v, get), get, container);
        });
  }
  IntegerRequantizeStage stage = IntegerRequantizeStage::plan(
      table, ctx, in, out, n, toMathRounding(mode));
  return applyElementwise(
      b, loc, input, resultType, axis, n, table,
      [&](OpBuilder &nb, Location l, Value v, ConstantValues &get) {
        return stage.emit(nb, l, v, get, container);
      });
}

struct RequantizeLowering : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in = paramsOrFail(op.getInput().getType());
    FailureOr<QuantParams> out = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(in) || failed(out) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    rewriter.replaceOp(op,
                       emitRequantize(rewriter, op.getLoc(), adaptor.getInput(),
                                      *in, *out, resultType, op.getRounding()));
    return success();
  }
};

/// The generic of qnn.add and qnn.mul: one elementwise loop over the
/// result's shape reading both operands with NumPy broadcasting (a static
/// size 1 facing a larger result dimension is read at index 0; leading
/// result dimensions an operand lacks are not in its map). `body` computes
/// the result container from the two storage values.
Value emitBroadcastBinary(
    OpBuilder &b, Location loc, Value lhs, Value rhs,
    RankedTensorType resultType, const ConstantTable &table,
    function_ref<Value(OpBuilder &, Location, Value, Value, ConstantValues &)>
        body) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  SmallVector<Value> operands{lhs, rhs};
  SmallVector<AffineMap> maps;
  for (Value v : operands) {
    auto type = cast<RankedTensorType>(v.getType());
    int64_t offset = rank - type.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      bool stretched =
          type.getDimSize(i) == 1 && resultType.getDimSize(offset + i) != 1;
      exprs.push_back(stretched ? getAffineConstantExpr(0, ctx)
                                : getAffineDimExpr(offset + i, ctx));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  // Dynamic result sizes from an operand that is not stretched there.
  SmallVector<Value> dynamicDims;
  for (int64_t d = 0; d < rank; ++d) {
    if (!resultType.isDynamicDim(d))
      continue;
    for (auto [v, map] : llvm::zip(operands, maps)) {
      if (std::optional<unsigned> pos =
              map.getResultPosition(getAffineDimExpr(d, ctx))) {
        dynamicDims.push_back(tensor::DimOp::create(b, loc, v, *pos));
        break;
      }
    }
  }
  Value init = tensor::EmptyOp::create(
      b, loc, resultType.getShape(), resultType.getElementType(), dynamicDims);
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, operands, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               ConstantValues get(nb, l, table, DenseMap<unsigned, Value>());
               linalg::YieldOp::create(nb, l,
                                       body(nb, l, args[0], args[1], get));
             })
      .getResult(0);
}

/// `acc / 2^k` rounded by an integer mode, as qmath::roundingShift.
Value emitRoundingShift(OpBuilder &b, Location loc, Value acc, int k,
                        qmath::Rounding mode) {
  IntegerType i64 = i64Type(b.getContext());
  auto c64 = [&](int64_t v) { return intConst(b, loc, i64, v); };
  auto nonNegative = [&](Value v) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v, c64(0));
  };
  if (mode == qmath::Rounding::HalfUp)
    return arith::ShRSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, acc, c64(int64_t(1) << (k - 1))),
        c64(k));
  if (mode == qmath::Rounding::HalfAway) {
    Value half = c64(int64_t(1) << (k - 1));
    Value up = arith::ShRSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, acc, half), c64(k));
    Value down = arith::SubIOp::create(
        b, loc, c64(0),
        arith::ShRSIOp::create(b, loc, arith::SubIOp::create(b, loc, half, acc),
                               c64(k)));
    return arith::SelectOp::create(b, loc, nonNegative(acc), up, down);
  }
  // double_round: SaturatingRoundingDoublingHighMul's nudge and truncating
  // division at bit min(k, 31), then RoundingDivideByPOT.
  int first = std::min(k, 31);
  int64_t h = int64_t(1) << (first - 1);
  Value nudge =
      arith::SelectOp::create(b, loc, nonNegative(acc), c64(h), c64(1 - h));
  Value high =
      arith::DivSIOp::create(b, loc, arith::AddIOp::create(b, loc, acc, nudge),
                             c64(int64_t(1) << first));
  int rest = k - first;
  if (rest == 0)
    return high;
  int64_t mask = (int64_t(1) << rest) - 1;
  Value negative = arith::ExtUIOp::create(
      b, loc, i64,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, high, c64(0)));
  Value threshold = arith::AddIOp::create(b, loc, c64(mask >> 1), negative);
  Value roundUp = arith::ExtUIOp::create(
      b, loc, i64,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                            arith::AndIOp::create(b, loc, high, c64(mask)),
                            threshold));
  return arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, high, c64(rest)), roundUp);
}

/// qnn.add -> dequantize both, add, quantize (float mode), or the exact
/// fixed-point sum m_a (a - z_a) + m_b (b - z_b) rounded once at shift k.
struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getLhs(), op.getRhs(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams &lp = types->lhs, &rp = types->rhs;
    QuantParams outp = clampedOutput(types->out, op);
    RankedTensorType resultType = types->resultType;
    MLIRContext *ctx = getContext();
    IntegerType container = outp.getContainerType(ctx);
    ConstantTable table;
    Value result;
    if (op.getRounding() == RoundingMode::float_) {
      DequantizeStage lhsStage = DequantizeStage::plan(table, ctx, lp, 1);
      DequantizeStage rhsStage = DequantizeStage::plan(table, ctx, rp, 1);
      // inf + -inf is NaN: the quantize stage must map it.
      QuantizeStage outStage = QuantizeStage::plan(
          table, ctx, outp, 1, qmath::QuantizeFlavour::PyTorch,
          /*mayBeNaN=*/true);
      result = emitBroadcastBinary(
          rewriter, op.getLoc(), adaptor.getLhs(), adaptor.getRhs(), resultType,
          table,
          [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &get) {
            Value sum = arith::AddFOp::create(b, l, lhsStage.emit(b, l, x, get),
                                              rhsStage.emit(b, l, y, get));
            return outStage.emit(b, l, sum, get, container);
          });
    } else {
      const ChannelParams &out = outp.channels[0];
      qmath::SumMultipliers m = qmath::sumMultipliers(
          qmath::requantizeMultiplier(lp.channels[0], out),
          qmath::requantizeMultiplier(rp.channels[0], out));
      qmath::Rounding mode = toMathRounding(op.getRounding());
      result = emitBroadcastBinary(
          rewriter, op.getLoc(), adaptor.getLhs(), adaptor.getRhs(), resultType,
          table,
          [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &) {
            IntegerType i64 = i64Type(ctx);
            auto term = [&](Value q, const QuantParams &p, int64_t mult) {
              Value centred = arith::SubIOp::create(
                  b, l, extendStorage(b, l, q, i64, p),
                  intConst(b, l, i64, p.channels[0].zeroPoint));
              return arith::MulIOp::create(b, l, centred,
                                           intConst(b, l, i64, mult))
                  .getResult();
            };
            Value acc = arith::AddIOp::create(b, l, term(x, lp, m.lhs),
                                              term(y, rp, m.rhs));
            Value q = arith::AddIOp::create(
                b, l, emitRoundingShift(b, l, acc, m.shift, mode),
                intConst(b, l, i64, out.zeroPoint));
            q = arith::MaxSIOp::create(b, l, q, intConst(b, l, i64, outp.qmin));
            q = arith::MinSIOp::create(b, l, q, intConst(b, l, i64, outp.qmax));
            return arith::TruncIOp::create(b, l, container, q).getResult();
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.mul -> the exact i32 product (a - z_a)(b - z_b) and the output stage
/// of a product (as qnn.matmul's epilogue).
struct MulLowering : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getLhs(), op.getRhs(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams &lp = types->lhs, &rp = types->rhs;
    QuantParams outp = clampedOutput(types->out, op);
    RankedTensorType resultType = types->resultType;
    MLIRContext *ctx = getContext();
    float sa = lp.channels[0].scale, sb = rp.channels[0].scale,
          so = outp.channels[0].scale;
    ConstantTable table;
    std::optional<QuantizeStage> floatStage;
    std::optional<IntegerRequantizeStage> intStage;
    if (op.getRounding() == RoundingMode::float_)
      floatStage = QuantizeStage::planWith(
          table, ctx, outp, qmath::QuantizeFlavour::PyTorch,
          {qmath::productMultiplierF32(sa, sb, so)}, /*mayBeNaN=*/false);
    else
      intStage = IntegerRequantizeStage::planWith(
          table, ctx, /*inputSigned=*/true, {0},
          {qmath::productMultiplier(sa, sb, so)}, outp,
          toMathRounding(op.getRounding()));
    IntegerType container = outp.getContainerType(ctx);
    Value result = emitBroadcastBinary(
        rewriter, op.getLoc(), adaptor.getLhs(), adaptor.getRhs(), resultType,
        table,
        [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &get) {
          IntegerType i32 = b.getI32Type();
          auto centred = [&](Value q, const QuantParams &p) {
            return arith::SubIOp::create(
                       b, l, extendStorage(b, l, q, i32, p),
                       intConst(b, l, i32, p.channels[0].zeroPoint))
                .getResult();
          };
          Value acc =
              arith::MulIOp::create(b, l, centred(x, lp), centred(y, rp));
          if (floatStage) {
            Value f = arith::SIToFPOp::create(b, l, b.getF32Type(), acc);
            return floatStage->emit(b, l, f, get, container);
          }
          return intStage->emit(b, l, acc, get, container);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.concat -> the requantization of each input whose type differs from
/// the result's, then tensor.concat of the storage containers.
struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type converted = getTypeConverter()->convertType(resultType);
    FailureOr<QuantParams> out = paramsOrFail(resultType);
    if (!converted || failed(out))
      return failure();
    SmallVector<Value> parts;
    for (auto [input, convertedInput] :
         llvm::zip_equal(op.getInputs(), adaptor.getInputs())) {
      auto inputType = cast<RankedTensorType>(input.getType());
      if (inputType.getElementType() == resultType.getElementType()) {
        parts.push_back(convertedInput);
        continue;
      }
      FailureOr<QuantParams> in = paramsOrFail(inputType);
      if (failed(in))
        return failure();
      Type partType = getTypeConverter()->convertType(RankedTensorType::get(
          inputType.getShape(), resultType.getElementType()));
      parts.push_back(emitRequantize(rewriter, op.getLoc(), convertedInput, *in,
                                     *out, partType, op.getRounding()));
    }
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, converted, op.getDim(),
                                                  parts);
    return success();
  }
};

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
/// (padded) input, H and W as `(size - span) / stride + 1`.
SmallVector<Value> windowResultDims(OpBuilder &b, Location loc, Value padded,
                                    RankedTensorType resultType,
                                    ArrayRef<int64_t> kernel,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> dilations) {
  SmallVector<Value> dynamicDims;
  for (int64_t d = 0; d < 4; ++d) {
    if (!resultType.isDynamicDim(d))
      continue;
    Value size = tensor::DimOp::create(b, loc, padded, d);
    if (d == 0 || d == 3) {
      dynamicDims.push_back(size);
      continue;
    }
    int i = d - 1;
    int64_t span = dilations[i] * (kernel[i] - 1) + 1;
    Value spanValue = arith::ConstantIndexOp::create(b, loc, span);
    // The verifier checks static sizes; a dynamic one is checked here, so
    // that a too small input cannot wrap the size around.
    Value fits = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, size,
                                       spanValue);
    cf::AssertOp::create(
        b, loc, fits,
        "qnn: the (padded) input is smaller than the window in dimension " +
            std::to_string(d));
    Value rest = arith::SubIOp::create(b, loc, size, spanValue);
    Value steps = arith::DivUIOp::create(
        b, loc, rest, arith::ConstantIndexOp::create(b, loc, strides[i]));
    dynamicDims.push_back(arith::AddIOp::create(
        b, loc, steps, arith::ConstantIndexOp::create(b, loc, 1)));
  }
  return dynamicDims;
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
        windowResultDims(rewriter, loc, input, resultType, op.getKernel(),
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

/// qnn.clamp -> an integer max and min with the bounds quantized at compile
/// time (per channel for per-axis types), signed or unsigned by storage.
struct ClampLowering : OpConversionPattern<ClampOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto toFloat = [](std::optional<APFloat> v) -> std::optional<float> {
      if (!v)
        return std::nullopt;
      return v->convertToFloat();
    };
    auto bounds =
        clampBounds(*params, toFloat(op.getMin()), toFloat(op.getMax()));
    auto [axis, n] = channelLayout({&*params});
    IntegerType container = params->getContainerType(getContext());
    SmallVector<int64_t> lows, highs;
    for (auto [lo, hi] : bounds) {
      lows.push_back(lo);
      highs.push_back(hi);
    }
    ConstantTable table;
    ConstantTable::Handle lo = table.addInt(container, lows);
    ConstantTable::Handle hi = table.addInt(container, highs);
    bool isSigned = params->isSigned;
    Value result = applyElementwise(
        rewriter, op.getLoc(), adaptor.getInput(), resultType, axis, n, table,
        [&](OpBuilder &b, Location loc, Value q, ConstantValues &get) -> Value {
          if (isSigned)
            return arith::MinSIOp::create(
                b, loc, arith::MaxSIOp::create(b, loc, q, get(lo)), get(hi));
          return arith::MinUIOp::create(
              b, loc, arith::MaxUIOp::create(b, loc, q, get(lo)), get(hi));
        });
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

/// The terms of an exact product accumulator (docs/Semantics.md, 9a):
///   acc = P - zw * SA - za * SW + K * za * zw + bias
/// over the loop space of P, the raw i32 sum of products (read with the
/// identity map). SA holds the sums of the activations each output reads
/// (present when some zw != 0); SW the sums of each output channel's
/// weights (present when za != 0 and the weights are not constant). With
/// constant weights, `folded` holds K * za * zw - za * SW (+ a constant
/// bias) per output channel, computed at compile time. Output channels are
/// read through `channelMap`, whose results index per-channel tensors of
/// shape `channelShape`.
struct ProductTerms {
  Value products;
  Value activationSums;
  AffineMap activationSumsMap;
  Value weightSums;
  AffineMap weightSumsMap;
  Value bias; // i32 container of shape channelShape, unless folded
  AffineMap channelMap;
  SmallVector<int64_t> channelShape;
  int64_t k = 0;
  std::optional<SmallVector<int64_t>> folded;
};

/// What an accumulator's output stage needs per output channel (or per
/// position): the weight zero points of the K * za * zw term, the real
/// multipliers of the integer modes and the float32 factors of the float
/// mode.
struct OutputScales {
  SmallVector<int64_t> zw;
  SmallVector<double> multipliers;
  SmallVector<float> factors;
};

/// The output scales of a product: M = s_a * s_w / s_out per channel of
/// the weights.
OutputScales productScales(const QuantParams &lhs, const QuantParams &rhs,
                           const QuantParams &out) {
  OutputScales s;
  float sa = lhs.channels[0].scale, so = out.channels[0].scale;
  for (const ChannelParams &c : channelsFor(rhs, rhs.numChannels())) {
    s.zw.push_back(c.zeroPoint);
    s.multipliers.push_back(qmath::productMultiplier(sa, c.scale, so));
    s.factors.push_back(qmath::productMultiplierF32(sa, c.scale, so));
  }
  return s;
}

/// Forms the accumulator of `t` in i64, saturates it to i32 (a bias can
/// push it out) and applies the output stage of `rounding`: one elementwise
/// generic producing the result container of `resultType`'s shape, which
/// must be the loop space of the products.
Value emitProductEpilogue(OpBuilder &rewriter, Location loc,
                          const ProductTerms &t, int64_t za,
                          const OutputScales &scales, const QuantParams &out,
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
  ConstantTable table;
  ConstantTable::Handle zwHandle = table.addInt(i64, zw);
  ConstantTable::Handle kzazwHandle = table.addInt(i64, kzazw);
  std::optional<ConstantTable::Handle> foldedHandle;
  if (t.folded)
    foldedHandle = table.addInt(i64, *t.folded);
  IntegerType container = out.getContainerType(ctx);
  std::optional<QuantizeStage> floatStage;
  std::optional<IntegerRequantizeStage> intStage;
  if (rounding == RoundingMode::float_)
    floatStage = QuantizeStage::planWith(table, ctx, out,
                                         qmath::QuantizeFlavour::PyTorch,
                                         factors, /*mayBeNaN=*/false);
  else
    intStage = IntegerRequantizeStage::planWith(
        table, ctx, /*inputSigned=*/true, SmallVector<int64_t>(n, 0),
        multipliers, out, toMathRounding(rounding));

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
  bool needKzazw = t.activationSums && za != 0;
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
              arith::MulIOp::create(b, l, intConst(b, l, i64, za),
                                    ext(args[weightSumsIndex])));
        if (foldedHandle)
          acc = arith::AddIOp::create(b, l, acc, get(*foldedHandle));
        else if (needKzazw)
          acc = arith::AddIOp::create(b, l, acc, get(kzazwHandle));
        if (biasIndex >= 0)
          acc = arith::AddIOp::create(b, l, acc, ext(args[biasIndex]));
        // The bias may push the sum out of i32: saturate, as documented.
        acc = arith::MaxSIOp::create(b, l, acc, intConst(b, l, i64, INT32_MIN));
        acc = arith::MinSIOp::create(b, l, acc, intConst(b, l, i64, INT32_MAX));
        Value acc32 = arith::TruncIOp::create(b, l, i32, acc);
        Value q;
        if (floatStage) {
          Value x = arith::SIToFPOp::create(b, l, b.getF32Type(), acc32);
          q = floatStage->emit(b, l, x, get, container);
        } else {
          q = intStage->emit(b, l, acc32, get, container);
        }
        linalg::YieldOp::create(b, l, q);
      });
  return epilogue.getResult(0);
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

    // Sizes of the result: [B,] M from the lhs, N from the rhs.
    SmallVector<Value> dynamicDims;
    for (int64_t i = 0; i < rank; ++i)
      if (resultType.isDynamicDim(i))
        dynamicDims.push_back(
            tensor::DimOp::create(rewriter, loc, i == rank - 1 ? w : a, i));

    ProductTerms t;
    t.k = k;
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
    rewriter.replaceOp(op, emitProductEpilogue(rewriter, loc, t, za,
                                               productScales(*lhs, *rhs, *out),
                                               clampedOutput(*out, op),
                                               op.getRounding(), resultType,
                                               dynamicDims));
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
        windowResultDims(rewriter, loc, x, resultType, {kh, kw}, st, dil);

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
    Value result = emitProductEpilogue(
        rewriter, loc, t, za, productScales(*in, *wp, *out),
        clampedOutput(*out, op), op.getRounding(), productType, dynamicDims);
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
        windowResultDims(rewriter, loc, x, resultType, kernel, st, {1, 1});

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
    rewriter.replaceOp(op, emitProductEpilogue(rewriter, loc, t, /*za=*/0,
                                               scales, clampedOutput(*out, op),
                                               op.getRounding(), resultType,
                                               dynamicDims));
    return success();
  }
};

/// qnn.storage_cast -> nothing (same container), or the extension /
/// truncation between a 4-bit value's i8 container and i4.
struct StorageCastLowering : OpConversionPattern<StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (!resultType)
      return failure();
    Value input = adaptor.getInput();
    if (input.getType() == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    bool toQuantized =
        isa<quant::QuantizedType>(getElementTypeOrSelf(op.getType()));
    FailureOr<QuantParams> params =
        paramsOrFail(toQuantized ? op.getType() : op.getInput().getType());
    if (failed(params))
      return failure();
    Location loc = op.getLoc();
    Value result;
    if (!toQuantized)
      result = arith::TruncIOp::create(rewriter, loc, resultType, input);
    else if (params->isSigned)
      result = arith::ExtSIOp::create(rewriter, loc, resultType, input);
    else
      result = arith::ExtUIOp::create(rewriter, loc, resultType, input);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.constant -> arith.constant of the signless container type.
struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return failure();
    IntegerType container = params->getContainerType(getContext());
    auto convert = [&](const APInt &v) {
      return params->isSigned ? v.sextOrTrunc(container.getWidth())
                              : v.zextOrTrunc(container.getWidth());
    };
    TypedAttr value;
    if (auto dense = dyn_cast<DenseIntElementsAttr>(op.getValue())) {
      SmallVector<APInt> values;
      for (APInt v : dense.getValues<APInt>())
        values.push_back(convert(v));
      value = DenseElementsAttr::get(cast<ShapedType>(resultType), values);
    } else {
      value = IntegerAttr::get(
          container, convert(cast<IntegerAttr>(op.getValue()).getValue()));
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, resultType, value);
    return success();
  }
};

/// Any other op that merely carries quantized values (tensor.empty,
/// tensor.extract_slice, bufferization.materialize_in_destination, ...) is
/// rebuilt with the converted types.
struct RetypeOp : ConversionPattern {
  RetypeOp(const TypeConverter &converter, MLIRContext *ctx)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (op->getNumRegions() != 0 || isa<QNNDialect>(op->getDialect()) ||
        isa<func::ReturnOp, func::CallOp>(op))
      return failure();
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    OperationState state(op->getLoc(), op->getName(), operands, resultTypes,
                         op->getAttrs(), op->getSuccessors());
    Operation *newOp = rewriter.create(state);
    rewriter.replaceOp(op, newOp->getResults());
    return success();
  }
};

/// True when `type` (or a type nested in it: a tensor's element, a
/// function's inputs, a tuple's members) is quantized.
bool containsQuantized(Type type) {
  bool found = false;
  type.walk([&](quant::QuantizedType) { found = true; });
  return found;
}

/// Ops with regions whose quantized values the conversion retypes: function
/// bodies and structured control flow (scf). Any other op with regions is
/// rebuilt by no pattern.
bool isRetypableRegionOp(Operation *op) {
  return isa<ModuleOp, FunctionOpInterface>(op) ||
         isa<scf::SCFDialect>(op->getDialect());
}

/// Checks, before converting, every type in the module that mentions a
/// quantized type: each must be one the contract can honour, and each op
/// carrying one must be one the conversion can handle. Each bad type is
/// reported once, at the first op (outermost first) that carries it.
LogicalResult validateQuantizedTypes(Operation *root) {
  bool valid = true;
  DenseSet<Type> reported;
  auto checkType = [&](Operation *op, Type type) {
    if (reported.contains(type))
      return;
    // Shaped types are checked whole (axis against rank and size), bare
    // quantized types (scalars, tuple members) on their own.
    auto report = [&]() -> InFlightDiagnostic {
      valid = false;
      reported.insert(type);
      return op->emitOpError();
    };
    type.walk([&](Type nested) {
      if (auto shaped = dyn_cast<ShapedType>(nested)) {
        if (isa<quant::QuantizedType>(shaped.getElementType()))
          (void)getQuantParamsOf(shaped, report);
      } else if (isa<quant::QuantizedType>(nested)) {
        (void)getQuantParams(nested, report);
      }
    });
  };
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    SmallVector<Type> types(op->getOperandTypes());
    llvm::append_range(types, op->getResultTypes());
    if (auto func = dyn_cast<FunctionOpInterface>(op)) {
      llvm::append_range(types, func.getArgumentTypes());
      llvm::append_range(types, func.getResultTypes());
    }
    for (Region &region : op->getRegions())
      for (Block &block : region)
        llvm::append_range(types, block.getArgumentTypes());
    // Types held in attributes (globals, function constants).
    op->getAttrDictionary().walk([&](Type t) { types.push_back(t); });
    bool carriesQuantized = llvm::any_of(types, containsQuantized);
    if (!carriesQuantized)
      return;
    if (isa<quant::QuantDialect>(op->getDialect())) {
      op->emitOpError("must be imported into qnn ops first (run "
                      "--qnn-import-quant before this pass)");
      valid = false;
      return;
    }
    if (op->getNumRegions() != 0 && !isRetypableRegionOp(op)) {
      op->emitOpError("has quantized operands, results or block arguments, "
                      "which only qnn ops, func and scf ops, and ops without "
                      "regions support; dequantize or storage_cast before it");
      valid = false;
      return;
    }
    for (Type t : types)
      checkType(op, t);
  });
  return success(valid);
}

struct ConvertQNNToLinalgPass
    : public impl::ConvertQNNToLinalgBase<ConvertQNNToLinalgPass> {
  void runOnOperation() override {
    if (failed(validateQuantizedTypes(getOperation())))
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    QNNTypeConverter converter;
    ConversionTarget target(*ctx);
    RewritePatternSet patterns(ctx);
    populateQNNToLinalgConversionPatterns(converter, patterns);
    configureQNNToLinalgLegality(converter, target);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void mlir::qnn::populateQNNToLinalgConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<QuantizeLowering, DequantizeLowering, RequantizeLowering,
               MatmulLowering, Conv2dLowering, AvgPool2dLowering, AddLowering,
               MulLowering, MaxPool2dLowering, ClampLowering, ConcatLowering,
               StorageCastLowering, ConstantLowering, RetypeOp>(converter, ctx);
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 converter);
  populateCallOpTypeConversionPattern(patterns, converter);
  populateReturnOpTypeConversionPattern(patterns, converter);
  populateBranchOpInterfaceTypeConversionPattern(patterns, converter);
  scf::populateSCFStructuralTypeConversions(converter, patterns);
}

void mlir::qnn::configureQNNToLinalgLegality(const QNNTypeConverter &converter,
                                             ConversionTarget &target) {
  scf::populateSCFStructuralTypeConversionTarget(converter, target);

  // Legality is by type: any op (of any dialect) is legal once no quantized
  // type is left on it.
  target.addIllegalDialect<QNNDialect>();
  target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
    return converter.isSignatureLegal(op.getFunctionType()) &&
           converter.isLegal(&op.getBody());
  });
  target.markUnknownOpDynamicallyLegal(
      [&](Operation *op) { return converter.isLegal(op); });
}
