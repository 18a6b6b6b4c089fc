//===- NumericEmitters.h - Shared emitters of the qnn lowering --*- C++ -*-===//
//
// Private to lib/Conversion/QNNToLinalg. The scalar arithmetic of
// docs/Semantics.md (quantize, dequantize, the integer requantization
// modes) and the product output stage, shared by the elementwise lowerings
// (QNNToLinalg.cpp) and the structured ones (QNNToLinalgNamed.cpp). Scalar
// code is the same for scalars and tensors, so a scalar qnn op and one
// tensor element agree by construction. Compile-time parameters come from
// quant/Support/QuantMath, as in the folders.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_CONVERSION_QNNTOLINALG_NUMERICEMITTERS_H
#define LIB_CONVERSION_QNNTOLINALG_NUMERICEMITTERS_H

#include "quant/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

namespace mlir::qnn::detail {
using qmath::ChannelParams;

/// An error that is not reported: type queries of an already verified
/// module that only need to know whether parameters exist.
inline InFlightDiagnostic silentError() { return InFlightDiagnostic(); }

//===----------------------------------------------------------------------===//
// Compile-time constants of an elementwise body
//===----------------------------------------------------------------------===//

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
SmallVector<ChannelParams> channelsFor(const QuantParams &params, size_t n);

inline IntegerType i32Type(MLIRContext *ctx) {
  return IntegerType::get(ctx, 32);
}
inline IntegerType i64Type(MLIRContext *ctx) {
  return IntegerType::get(ctx, 64);
}

/// The integer type in which q - z is exact: i32 up to 16-bit storage,
/// i64 for 32-bit storage.
IntegerType wideType(MLIRContext *ctx, const QuantParams &params);

Value intConst(OpBuilder &b, Location loc, Type type, int64_t v);
Value f32Const(OpBuilder &b, Location loc, float v);

/// A run-time check `size relation bound` (qnn.check_size) with `message`,
/// in which `{0}` and `{1}` stand for the two sizes. Nothing is emitted when
/// both are constants for which the relation holds.
void emitSizeCheck(OpBuilder &b, Location loc, Value size,
                   SizeRelation relation, Value bound, const Twine &message);
void emitSizeCheck(OpBuilder &b, Location loc, Value size,
                   SizeRelation relation, int64_t bound, const Twine &message);
/// Checks of every tensor.cast in `root` from a dynamic to a static size.
void emitCastChecks(Operation *root);
/// Checks that every bufferization.materialize_in_destination in `root`
/// writes a destination (a caller's buffer) of the value's sizes.
void emitDestinationChecks(Operation *root);
/// Moves every qnn.check_size whose sizes derive from its function's
/// arguments alone, with the ops that compute them, to the start of the
/// function (in their order). Others stay where they are.
void hoistRuntimeChecks(Operation *root);

/// Widens a storage container value to `wide`, honouring signedness.
Value extendStorage(OpBuilder &b, Location loc, Value q, IntegerType wide,
                    const QuantParams &params);

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
                            qmath::QuantizeFlavour flavour, bool mayBeNaN);

  /// The general form: the input is multiplied by (PyTorch flavour) or
  /// divided by (ONNX flavour) one float32 factor per channel.
  static QuantizeStage planWith(ConstantTable &table, MLIRContext *ctx,
                                const QuantParams &params,
                                qmath::QuantizeFlavour flavour,
                                ArrayRef<float> factors, bool mayBeNaN);

  /// select(a > b, a, b) and select(a < b, a, b): x86's max and min
  /// instructions as they are. A NaN `a` yields `b`.
  static Value maxOf(OpBuilder &b, Location loc, Value x, Value bound);
  static Value minOf(OpBuilder &b, Location loc, Value x, Value bound);
  static Value isNaN(OpBuilder &b, Location loc, Value x);

  Value emit(OpBuilder &b, Location loc, Value x, ConstantValues &get,
             IntegerType container) const;

private:
  Value emitNarrow(OpBuilder &b, Location loc, Value scaled,
                   ConstantValues &get, IntegerType container) const;

  Value emitWide(OpBuilder &b, Location loc, Value scaled, ConstantValues &get,
                 IntegerType container, MLIRContext *ctx) const;
};

/// dequantize: f32(f32(q - z) * s), the subtraction exact in i32 / i64.
struct DequantizeStage {
  const QuantParams *params;
  ConstantTable::Handle scale;     // f32
  ConstantTable::Handle zeroPoint; // i32 or i64

  static DequantizeStage plan(ConstantTable &table, MLIRContext *ctx,
                              const QuantParams &params, size_t n);

  Value emit(OpBuilder &b, Location loc, Value q, ConstantValues &get) const;
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
                                     qmath::Rounding mode);

  /// The general form: an integer input (of the given signedness) minus
  /// per-channel zero points, scaled by per-channel real multipliers.
  static IntegerRequantizeStage
  planWith(ConstantTable &table, MLIRContext *ctx, bool inputSigned,
           ArrayRef<int64_t> zin, ArrayRef<double> multipliers,
           const QuantParams &out, qmath::Rounding mode);

  Value emit(OpBuilder &b, Location loc, Value q, ConstantValues &get,
             IntegerType container) const;
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
Value applyElementwise(OpBuilder &b, Location loc, StringRef opName,
                       Value input, Type resultType,
                       std::optional<int32_t> axis, int64_t numChannels,
                       const ConstantTable &table, BodyFn body);

/// Axis and channel count of an op's per-axis operand or result, if any.
std::pair<std::optional<int32_t>, int64_t>
channelLayout(ArrayRef<const QuantParams *> params);

FailureOr<QuantParams> paramsOrFail(Type type);

/// The parameters of an op's two quantized operands and its result, with
/// the converted result tensor type: where the lowerings of the product and
/// binary ops start. A product whose result is a plain i32 tensor (its
/// exact accumulator) has `accumulator` set and no `out` parameters.
struct OperandTypes {
  QuantParams lhs, rhs, out;
  RankedTensorType resultType;
  bool accumulator = false;
};
FailureOr<OperandTypes> operandTypes(Value lhs, Value rhs, Value result,
                                     const TypeConverter *converter);

/// `out` with [qmin, qmax] narrowed to a compute op's optional `min` /
/// `max` bounds, quantized in the output type as qnn.clamp quantizes them:
/// the output stage's saturation then is the clamp.
QuantParams clampedOutput(QuantParams out, Operation *op);

//===----------------------------------------------------------------------===//
// Output stage of products
//===----------------------------------------------------------------------===//

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
  /// The operands whose storage values the raw products multiply (over k
  /// steps, k static), when known: the epilogue then bounds every term.
  const QuantParams *lhs = nullptr, *rhs = nullptr;
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
/// the weights; only the zero points when `out` is null (an i32 result).
OutputScales productScales(const QuantParams &lhs, const QuantParams &rhs,
                           const QuantParams *out);

/// Forms the accumulator of `t` in i64, saturates it to i32 (a bias can
/// push it out) and applies the output stage of `rounding`: one elementwise
/// generic producing the result container of `resultType`'s shape, which
/// must be the loop space of the products. When the terms other than the
/// bias are bounded within i32 for every storage value (t.lhs, t.rhs and a
/// static k), they are summed in i32 instead and the bias added with an
/// i32 saturating add: the same result, on twice as many vector lanes.
/// A null `out` yields the i32 accumulator itself (no output stage).
Value emitProductEpilogue(OpBuilder &rewriter, Location loc,
                          const ProductTerms &t, int64_t za,
                          const OutputScales &scales, const QuantParams *out,
                          RoundingMode rounding, RankedTensorType resultType,
                          ValueRange dynamicDims);

} // namespace mlir::qnn::detail

#endif // LIB_CONVERSION_QNNTOLINALG_NUMERICEMITTERS_H
