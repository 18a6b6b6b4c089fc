//===- QNNOps.cpp - QNN verifiers and folders -----------------------------===//
//
// Verifiers reject every type the contract gives no meaning to; folders
// compute constants with the scalar reference in quant/Support/QuantMath,
// which the generated code matches bit for bit.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/IR/QNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"

#include <cstdlib>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static InFlightDiagnostic silentError() { return InFlightDiagnostic(); }

/// Two sizes that can be equal: equal, or one of them dynamic.
static bool compatibleSize(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Validates the quantized type of an operand or result; diagnostics name
/// the role ("operand", "result") so the user knows which type is wrong.
static FailureOr<QuantParams> verifyQuantized(Operation *op, Type type,
                                              StringRef role) {
  return getQuantParamsOf(
      type, [&]() { return op->emitOpError() << role << " type: "; });
}

/// The operand and result of an elementwise qnn op have compatible shapes
/// (a trait checks that); a per-axis type also fixes the size of its axis,
/// which a static dimension on either side must match, and neither side
/// may carry a tensor encoding.
static LogicalResult verifyElementwiseShapes(Operation *op,
                                             const QuantParams &params) {
  for (Type type :
       llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor)
      continue;
    if (tensor.getEncoding())
      return op->emitOpError("tensors with an encoding are not supported, got ")
             << type;
    if (!params.isPerAxis() || *params.axis >= tensor.getRank())
      continue;
    int64_t size = tensor.getDimSize(*params.axis);
    if (!ShapedType::isDynamic(size) &&
        size != static_cast<int64_t>(params.numChannels()))
      return op->emitOpError("quantization axis ")
             << *params.axis << " has " << params.numChannels()
             << " scales but dimension " << *params.axis << " of " << type
             << " has size " << size;
  }
  return success();
}

static bool isSupportedFloat(Type type) {
  return type.isF32() || type.isF16() || type.isBF16();
}

/// The quantization parameters of a type known to be valid (folders run on
/// verified IR), or failure when the type is not quantized.
static FailureOr<QuantParams> paramsOf(Type type) {
  return getQuantParamsOf(type, silentError);
}

/// Maps linear element indices of a tensor to the channel of a per-axis
/// type: channel = (index / stride) % size, stride being the number of
/// elements in one step of the axis.
namespace {
struct ChannelIndexer {
  int64_t stride = 1;
  int64_t size = 1;
  ChannelIndexer(Type type, const QuantParams &params) {
    if (!params.isPerAxis())
      return;
    auto shaped = cast<ShapedType>(type);
    int32_t axis = *params.axis;
    size = shaped.getDimSize(axis);
    for (int64_t d = axis + 1, e = shaped.getRank(); d < e; ++d)
      stride *= shaped.getDimSize(d);
  }
  int64_t operator()(int64_t index) const { return (index / stride) % size; }
};
} // namespace

/// Returns the float values of a constant as float32 (f16 and bf16 widen
/// exactly), or nothing when the attribute is not a float constant.
static std::optional<SmallVector<float>> getFloatValues(Attribute attr,
                                                        int64_t numElements) {
  SmallVector<float> values;
  auto push = [&](APFloat v) {
    bool losesInfo = false;
    v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &losesInfo);
    values.push_back(v.convertToFloat());
  };
  if (auto f = dyn_cast_or_null<FloatAttr>(attr)) {
    push(f.getValue());
    return values;
  }
  auto dense = dyn_cast_or_null<DenseFPElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  if (dense.isSplat() && numElements > 1) {
    // Expand splats only when the result is per-axis; callers handle it.
    push(dense.getSplatValue<APFloat>());
    return values;
  }
  for (APFloat v : dense.getValues<APFloat>())
    push(v);
  return values;
}

/// Integer values of a storage constant (IntegerAttr or dense integers),
/// interpreted with the given signedness.
static std::optional<SmallVector<int64_t>> getIntValues(Attribute attr,
                                                        bool isSigned) {
  if (auto storage = dyn_cast_or_null<StorageAttr>(attr))
    attr = storage.getValue();
  SmallVector<int64_t> values;
  auto push = [&](const APInt &v) {
    values.push_back(isSigned ? v.getSExtValue()
                              : static_cast<int64_t>(v.getZExtValue()));
  };
  if (auto i = dyn_cast_or_null<IntegerAttr>(attr)) {
    push(i.getValue());
    return values;
  }
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  if (dense.isSplat()) {
    push(dense.getSplatValue<APInt>());
    return values;
  }
  for (APInt v : dense.getValues<APInt>())
    push(v);
  return values;
}

/// Builds the attribute of a constant whose type is `type` (scalar or
/// tensor) with the given element type, from one value per element or a
/// single splat value.
static TypedAttr makeIntAttr(Type type, IntegerType elementType,
                             ArrayRef<int64_t> values) {
  auto toAPInt = [&](int64_t v) {
    return APInt(elementType.getWidth(), static_cast<uint64_t>(v),
                 /*isSigned=*/true, /*implicitTrunc=*/true);
  };
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return IntegerAttr::get(elementType, toAPInt(values.front()));
  auto attrType = RankedTensorType::get(shaped.getShape(), elementType);
  if (values.size() == 1)
    return DenseElementsAttr::get(attrType, toAPInt(values.front()));
  SmallVector<APInt> ints = llvm::map_to_vector(values, toAPInt);
  return DenseElementsAttr::get(attrType, ints);
}

static TypedAttr makeF32Attr(Type type, ArrayRef<float> values) {
  auto f32 = Float32Type::get(type.getContext());
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return FloatAttr::get(f32, values.front());
  auto attrType = RankedTensorType::get(shaped.getShape(), f32);
  if (values.size() == 1)
    return DenseElementsAttr::get(attrType, values.front());
  return DenseElementsAttr::get(attrType, values);
}

/// Largest number of scalar evaluations a folder spends proving that a
/// rewrite holds for every storage value.
static constexpr int64_t kMaxProofEvaluations = int64_t(1) << 20;

/// True when `f(q, channel) == q` for every value q the storage width can
/// hold (not only [qmin, qmax]: storage_cast can bring values outside a
/// narrow range in, and the ops compute on them) of every channel: the
/// exhaustive proof behind the identity folds. Only storage up to 16 bits
/// is enumerated; wider storage is never folded.
static bool isIdentityOnAllInputs(
    const QuantParams &params,
    function_ref<int64_t(int64_t, const qmath::ChannelParams &)> f) {
  if (params.storageWidth > 16)
    return false;
  int64_t lo = params.widthMin(), hi = params.widthMax();
  int64_t count = (hi - lo + 1) * static_cast<int64_t>(params.numChannels());
  if (count > kMaxProofEvaluations)
    return false;
  for (const qmath::ChannelParams &channel : params.channels)
    for (int64_t q = lo; q <= hi; ++q)
      if (f(q, channel) != q)
        return false;
  return true;
}

/// Largest constant (in elements) a folder materializes element by
/// element; larger ones stay as ops and are computed at run time.
static constexpr int64_t kMaxFoldedElements = int64_t(1) << 26;

/// Constants have static shapes: folders skip results that do not, and
/// results too large to expand.
static bool isStaticOrScalar(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return true;
  if (!shaped.hasStaticShape())
    return false;
  // Multiply with a bound: the product of huge static sizes overflows.
  int64_t count = 1;
  for (int64_t size : shaped.getShape()) {
    if (size != 0 && count > kMaxFoldedElements / size)
      return false;
    count *= size;
  }
  return count <= kMaxFoldedElements;
}

/// Number of elements a constant folder produces for `type`: 1 for scalars
/// and splat-able results, the element count otherwise.
static int64_t numElementsOf(Type type) {
  assert(isStaticOrScalar(type) && "folding into a dynamic shape");
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.getNumElements();
  return 1;
}

/// Applies `f(value, channel)` to every storage value of the constant
/// `attr` (signedness of `storage`), one per element of `type` (a splat is
/// expanded when the channels differ, i.e. `layout` is per axis), where
/// `channel` is the element's index along `layout`'s axis. Nothing when
/// `attr` is not an integer constant or `type` cannot be a folded constant.
template <typename T>
static std::optional<SmallVector<T>>
mapStorageValues(Attribute attr, Type type, const QuantParams &storage,
                 const QuantParams &layout,
                 function_ref<T(int64_t, int64_t)> f) {
  if (!isStaticOrScalar(type))
    return std::nullopt;
  std::optional<SmallVector<int64_t>> inputs =
      getIntValues(attr, storage.isSigned);
  if (!inputs)
    return std::nullopt;
  bool expand = inputs->size() == 1 && layout.isPerAxis();
  int64_t n = expand ? numElementsOf(type) : inputs->size();
  ChannelIndexer channelOf(type, layout);
  SmallVector<T> results;
  results.reserve(n);
  for (int64_t i = 0; i < n; ++i)
    results.push_back(f((*inputs)[expand ? 0 : i], channelOf(i)));
  return results;
}

//===----------------------------------------------------------------------===//
// Custom assembly: `flavour(onnx)` / `rounding(half_up)`, omitted for the
// default value.
//===----------------------------------------------------------------------===//

template <typename AttrT, typename EnumT>
static ParseResult
parseEnumClause(OpAsmParser &parser, AttrT &attr, StringRef keyword,
                EnumT defaultValue,
                std::optional<EnumT> (*symbolize)(StringRef)) {
  MLIRContext *ctx = parser.getContext();
  if (failed(parser.parseOptionalKeyword(keyword))) {
    attr = AttrT::get(ctx, defaultValue);
    return success();
  }
  StringRef name;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLParen() || parser.parseKeyword(&name) ||
      parser.parseRParen())
    return failure();
  std::optional<EnumT> value = symbolize(name);
  if (!value)
    return parser.emitError(loc)
           << "unknown " << keyword << " '" << name << "'";
  attr = AttrT::get(ctx, *value);
  return success();
}

static ParseResult parseFlavour(OpAsmParser &parser, FlavourAttr &attr) {
  return parseEnumClause(parser, attr, "flavour", Flavour::pytorch,
                         &symbolizeFlavour);
}
static void printFlavour(OpAsmPrinter &printer, Operation *, FlavourAttr attr) {
  if (attr && attr.getValue() != Flavour::pytorch)
    printer << " flavour(" << stringifyFlavour(attr.getValue()) << ")";
}

/// `eq` or `ge`: the relation of qnn.check_size, as a bare keyword.
static ParseResult parseSizeRelation(OpAsmParser &parser,
                                     SizeRelationAttr &attr) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<SizeRelation> relation = symbolizeSizeRelation(keyword);
  if (!relation)
    return parser.emitError(loc, "expected 'eq' or 'ge', got '")
           << keyword << "'";
  attr = SizeRelationAttr::get(parser.getContext(), *relation);
  return success();
}
static void printSizeRelation(OpAsmPrinter &printer, Operation *,
                              SizeRelationAttr attr) {
  printer << stringifySizeRelation(attr.getValue());
}

static ParseResult parseRounding(OpAsmParser &parser, RoundingModeAttr &attr) {
  return parseEnumClause(parser, attr, "rounding", RoundingMode::float_,
                         &symbolizeRoundingMode);
}
static void printRounding(OpAsmPrinter &printer, Operation *,
                          RoundingModeAttr attr) {
  if (attr && attr.getValue() != RoundingMode::float_)
    printer << " rounding(" << stringifyRoundingMode(attr.getValue()) << ")";
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  Type inElem = getElementTypeOrSelf(getInput().getType());
  if (!isSupportedFloat(inElem))
    return emitOpError("operand type: expected f32, f16 or bf16 elements, got ")
           << inElem;
  FailureOr<QuantParams> params = verifyQuantized(*this, getType(), "result");
  if (failed(params))
    return failure();
  return verifyElementwiseShapes(*this, *params);
}

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  FailureOr<QuantParams> params = paramsOf(getType());
  if (failed(params))
    return {};
  qmath::QuantizeFlavour flavour = toMathFlavour(getFlavour());

  // quantize(dequantize(q)) is q when that holds for every storage value.
  if (auto dequantize = getInput().getDefiningOp<DequantizeOp>()) {
    if (dequantize.getInput().getType() == getType() &&
        isIdentityOnAllInputs(*params, [&](int64_t q, const auto &channel) {
          return qmath::quantizeValue(qmath::dequantizeValue(q, channel),
                                      channel, flavour);
        }))
      return dequantize.getInput();
  }

  if (!isStaticOrScalar(getType()))
    return {};
  std::optional<SmallVector<float>> inputs =
      getFloatValues(adaptor.getInput(), numElementsOf(getType()));
  if (!inputs)
    return {};
  // A splat input stays a splat unless channels differ.
  bool expand = inputs->size() == 1 && params->isPerAxis();
  int64_t n = expand ? numElementsOf(getType()) : inputs->size();
  ChannelIndexer channelOf(getType(), *params);
  SmallVector<int64_t> results;
  results.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    float x = (*inputs)[expand ? 0 : i];
    results.push_back(
        qmath::quantizeValue(x, params->channels[channelOf(i)], flavour));
  }
  return StorageAttr::get(
      getContext(),
      makeIntAttr(getType(), params->getSignedStorageType(getContext()),
                  results));
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  FailureOr<QuantParams> params =
      verifyQuantized(*this, getInput().getType(), "operand");
  if (failed(params))
    return failure();
  Type outElem = getElementTypeOrSelf(getType());
  if (!outElem.isF32())
    return emitOpError("result type: expected f32 elements (the expressed "
                       "type), got ")
           << outElem;
  return verifyElementwiseShapes(*this, *params);
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  FailureOr<QuantParams> params = paramsOf(getInput().getType());
  if (failed(params))
    return {};
  std::optional<SmallVector<float>> results = mapStorageValues<float>(
      adaptor.getInput(), getType(), *params, *params,
      [&](int64_t q, int64_t c) {
        return qmath::dequantizeValue(q, params->channels[c]);
      });
  if (!results)
    return {};
  return makeF32Attr(getType(), *results);
}

//===----------------------------------------------------------------------===//
// RequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult RequantizeOp::verify() {
  FailureOr<QuantParams> in =
      verifyQuantized(*this, getInput().getType(), "operand");
  if (failed(in))
    return failure();
  FailureOr<QuantParams> out = verifyQuantized(*this, getType(), "result");
  if (failed(out))
    return failure();
  if (failed(verifyElementwiseShapes(*this, *in)) ||
      failed(verifyElementwiseShapes(*this, *out)))
    return failure();
  if (in->isPerAxis() && out->isPerAxis() &&
      (*in->axis != *out->axis || in->numChannels() != out->numChannels()))
    return emitOpError("operand and result are quantized per axis along "
                       "different axes or with different channel counts (")
           << *in->axis << " with " << in->numChannels() << " vs " << *out->axis
           << " with " << out->numChannels() << ")";
  if (getRounding() == RoundingMode::float_)
    return success();

  // The integer modes take a = q - z as an int32 accumulator.
  if (in->storageWidth == 32) {
    bool allZero = llvm::all_of(in->channels,
                                [](const auto &c) { return c.zeroPoint == 0; });
    if (!in->isSigned || !allZero)
      return emitOpError("rounding mode '")
             << stringifyRoundingMode(getRounding())
             << "' needs q - z to fit in 32 bits: 32-bit input storage must "
                "be signed with zero point 0";
  }
  size_t n = std::max(in->numChannels(), out->numChannels());
  for (size_t c = 0; c < n; ++c) {
    const auto &ci = in->channels[in->isPerAxis() ? c : 0];
    const auto &co = out->channels[out->isPerAxis() ? c : 0];
    double m = qmath::requantizeMultiplier(ci, co);
    if (!(m < qmath::kMaxIntegerMultiplier))
      return emitOpError("multiplier s_in / s_out = ")
             << m << " is too large for rounding mode '"
             << stringifyRoundingMode(getRounding())
             << "' (it must be below 2^30)";
  }
  return success();
}

OpFoldResult RequantizeOp::fold(FoldAdaptor adaptor) {
  FailureOr<QuantParams> in = paramsOf(getInput().getType());
  FailureOr<QuantParams> out = paramsOf(getType());
  if (failed(in) || failed(out))
    return {};
  qmath::Rounding mode = toMathRounding(getRounding());

  if (getInput().getType() == getType() &&
      isIdentityOnAllInputs(*in, [&](int64_t q, const auto &channel) {
        return qmath::requantizeValue(q, channel, channel, mode);
      }))
    return getInput();

  std::optional<SmallVector<int64_t>> results = mapStorageValues<int64_t>(
      adaptor.getInput(), getType(), *in, in->isPerAxis() ? *in : *out,
      [&](int64_t q, int64_t c) {
        return qmath::requantizeValue(q, in->channels[in->isPerAxis() ? c : 0],
                                      out->channels[out->isPerAxis() ? c : 0],
                                      mode);
      });
  if (!results)
    return {};
  return StorageAttr::get(getContext(),
                          makeIntAttr(getType(),
                                      out->getSignedStorageType(getContext()),
                                      *results));
}

//===----------------------------------------------------------------------===//
// StorageCastOp
//===----------------------------------------------------------------------===//

LogicalResult StorageCastOp::verify() {
  Type inElem = getElementTypeOrSelf(getInput().getType());
  Type outElem = getElementTypeOrSelf(getType());
  bool inQuant = isa<quant::QuantizedType>(inElem);
  bool outQuant = isa<quant::QuantizedType>(outElem);
  if (inQuant == outQuant)
    return emitOpError("expected one quantized and one integer side, got ")
           << getInput().getType() << " and " << getType();
  Type quantType = inQuant ? getInput().getType() : getType();
  Type intElem = inQuant ? outElem : inElem;
  FailureOr<QuantParams> params =
      verifyQuantized(*this, quantType, inQuant ? "operand" : "result");
  if (failed(params))
    return failure();
  // The storage integer, signless or with the storage's own signedness
  // (an importer's ui8 for u8 storage).
  auto intType = dyn_cast<IntegerType>(intElem);
  IntegerType storage = params->getStorageType(getContext());
  if (!intType || intType.getWidth() != storage.getWidth() ||
      (!intType.isSignless() && intType.isSigned() != params->isSigned))
    return emitOpError("integer side must be the storage type ")
           << storage << " (or "
           << params->getSignedStorageType(getContext()) << "), got "
           << intElem;
  return verifyElementwiseShapes(*this, *params);
}

OpFoldResult StorageCastOp::fold(FoldAdaptor adaptor) {
  // storage_cast(storage_cast(x)) back to x's type is x.
  if (auto inner = getInput().getDefiningOp<StorageCastOp>())
    if (inner.getInput().getType() == getType())
      return inner.getInput();

  Attribute value = adaptor.getInput();
  if (!value || !isStaticOrScalar(getType()))
    return {};
  bool toQuantized = isa<quant::QuantizedType>(getElementTypeOrSelf(getType()));
  FailureOr<QuantParams> params =
      paramsOf(toQuantized ? getType() : getInput().getType());
  if (failed(params))
    return {};
  std::optional<SmallVector<int64_t>> values =
      getIntValues(value, params->isSigned);
  if (!values)
    return {};
  if (!toQuantized)
    return makeIntAttr(getType(),
                       cast<IntegerType>(getElementTypeOrSelf(getType())),
                       *values);
  // Storage integers outside a narrow range have no quantized constant.
  for (int64_t v : *values)
    if (v < params->qmin || v > params->qmax)
      return {};
  return StorageAttr::get(
      getContext(),
      makeIntAttr(getType(), params->getSignedStorageType(getContext()),
                  *values));
}

//===----------------------------------------------------------------------===//
// ClampOp
//===----------------------------------------------------------------------===//

/// The real clamp bounds of qnn.clamp and of the compute ops' output
/// stage: not NaN, and max not below min.
static LogicalResult verifyClampBounds(Operation *op, FloatAttr min,
                                       FloatAttr max) {
  if ((min && min.getValue().isNaN()) || (max && max.getValue().isNaN()))
    return op->emitOpError("bounds must not be NaN");
  if (min && max &&
      max.getValue().compare(min.getValue()) == APFloat::cmpLessThan)
    return op->emitOpError("max ") << max.getValueAsDouble() << " is below min "
                                   << min.getValueAsDouble();
  return success();
}

LogicalResult ClampOp::verify() {
  FailureOr<QuantParams> params =
      verifyQuantized(*this, getInput().getType(), "operand");
  if (failed(params))
    return failure();
  return verifyClampBounds(*this, getMinAttr(), getMaxAttr());
}

SmallVector<std::pair<int64_t, int64_t>>
mlir::qnn::clampBounds(const QuantParams &params, std::optional<float> min,
                       std::optional<float> max) {
  SmallVector<std::pair<int64_t, int64_t>> bounds;
  for (const qmath::ChannelParams &c : params.channels)
    bounds.push_back({min ? qmath::quantizeValue(*min, c) : params.qmin,
                      max ? qmath::quantizeValue(*max, c) : params.qmax});
  return bounds;
}

static std::optional<float> asFloat(std::optional<APFloat> v) {
  if (!v)
    return std::nullopt;
  return v->convertToFloat();
}

OpFoldResult ClampOp::fold(FoldAdaptor adaptor) {
  FailureOr<QuantParams> params = paramsOf(getType());
  if (failed(params))
    return {};
  auto bounds = clampBounds(*params, asFloat(getMin()), asFloat(getMax()));
  // Bounds that cover the storage width leave every value alone (values
  // outside a narrow range included: storage_cast can bring them in).
  int64_t lo = params->widthMin(), hi = params->widthMax();
  if (llvm::all_of(bounds,
                   [&](auto b) { return b.first <= lo && b.second >= hi; }))
    return getInput();
  std::optional<SmallVector<int64_t>> results = mapStorageValues<int64_t>(
      adaptor.getInput(), getType(), *params, *params,
      [&](int64_t q, int64_t c) {
        return std::clamp(q, bounds[c].first, bounds[c].second);
      });
  if (!results)
    return {};
  return StorageAttr::get(
      getContext(),
      makeIntAttr(getType(), params->getSignedStorageType(getContext()),
                  *results));
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  auto resultType = dyn_cast<RankedTensorType>(getType());
  if (!resultType)
    return emitOpError("result must be a ranked tensor");
  FailureOr<QuantParams> out = verifyQuantized(*this, resultType, "result");
  if (failed(out))
    return failure();
  int64_t rank = resultType.getRank();
  int64_t dim = getDim();
  if (dim < 0 || dim >= rank)
    return emitOpError("dim ") << dim << " is out of range for rank " << rank;
  if (out->isPerAxis() && *out->axis == dim)
    return emitOpError("the result may not be quantized along the "
                       "concatenated dimension");
  int64_t total = 0;
  bool dynamicTotal = false;
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    auto type = dyn_cast<RankedTensorType>(input.getType());
    if (!type || type.getRank() != rank)
      return emitOpError("input #") << i << " must be a ranked tensor of rank "
                                    << rank << ", got " << input.getType();
    FailureOr<QuantParams> in =
        verifyQuantized(*this, type, ("input #" + Twine(i)).str());
    if (failed(in))
      return failure();
    if (in->isPerAxis() &&
        (*in->axis == dim || !out->isPerAxis() || *in->axis != *out->axis ||
         in->numChannels() != out->numChannels()))
      return emitOpError("input #")
             << i << " is quantized per axis, which needs a result quantized "
             << "per axis along the same dimension (not the concatenated one)";
    for (int64_t d = 0; d < rank; ++d) {
      if (d == dim)
        continue;
      int64_t a = type.getDimSize(d), b = resultType.getDimSize(d);
      if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
        return emitOpError("input #")
               << i << " has size " << a << " in dimension " << d
               << " where the result has " << b;
    }
    if (type.isDynamicDim(dim))
      dynamicTotal = true;
    else
      total += type.getDimSize(dim);
  }
  if (!dynamicTotal && !resultType.isDynamicDim(dim) &&
      resultType.getDimSize(dim) != total)
    return emitOpError("result has size ")
           << resultType.getDimSize(dim) << " in dimension " << dim
           << " but the inputs add up to " << total;
  return success();
}

//===----------------------------------------------------------------------===//
// MaxPool2dOp
//===----------------------------------------------------------------------===//

/// Checks H and W of an NHWC window op's result against the padded input:
/// `(size + pad_lo + pad_hi - span) / stride + 1`, with
/// `span = dilation * (kernel - 1) + 1`.
static LogicalResult
verifyWindowSizes(EmitErrorFn emitError, RankedTensorType inType,
                  RankedTensorType outType, ArrayRef<int64_t> k,
                  ArrayRef<int64_t> st, ArrayRef<int64_t> dil,
                  ArrayRef<int64_t> pad) {
  for (int i = 0; i < 2; ++i) {
    int64_t size = inType.getDimSize(1 + i);
    if (ShapedType::isDynamic(size))
      continue;
    int64_t span = dil[i] * (k[i] - 1) + 1;
    int64_t padded = size + pad[i] + pad[i + 2];
    if (padded < span) {
      emitError() << "window larger than the padded input in dimension "
                  << 1 + i;
      return failure();
    }
    int64_t expected = (padded - span) / st[i] + 1;
    int64_t got = outType.getDimSize(1 + i);
    if (!ShapedType::isDynamic(got) && got != expected) {
      emitError() << "expected output size " << expected << " in dimension "
                  << 1 + i << ", got " << got;
      return failure();
    }
  }
  return success();
}

LogicalResult MaxPool2dOp::verify() {
  auto inType = dyn_cast<RankedTensorType>(getInput().getType());
  auto outType = dyn_cast<RankedTensorType>(getType());
  if (!inType || !outType || inType.getRank() != 4 || outType.getRank() != 4)
    return emitOpError("expected NHWC tensors of rank 4");
  FailureOr<QuantParams> params = verifyQuantized(*this, inType, "operand");
  if (failed(params))
    return failure();
  if (inType.getElementType() != outType.getElementType())
    return emitOpError("result element type must be the operand's, got ")
           << outType.getElementType();
  if (params->isPerAxis() && *params->axis != 3)
    return emitOpError("per-axis quantization must be along C (axis 3), got ")
           << *params->axis;
  ArrayRef<int64_t> k = getKernel(), st = getStrides(), dil = getDilations(),
                    pad = getPadding();
  if (k.size() != 2 || st.size() != 2 || dil.size() != 2 || pad.size() != 4)
    return emitOpError("expected 2 kernel sizes, 2 strides, 2 dilations and "
                       "4 paddings");
  for (int i = 0; i < 2; ++i) {
    if (k[i] < 1 || st[i] < 1 || dil[i] < 1)
      return emitOpError("kernel sizes, strides and dilations must be "
                         "positive");
    if (pad[i] < 0 || pad[i + 2] < 0 || pad[i] >= k[i] || pad[i + 2] >= k[i])
      return emitOpError("padding must be non-negative and smaller than the "
                         "kernel");
  }
  if (!compatibleSize(inType.getDimSize(0), outType.getDimSize(0)) ||
      !compatibleSize(inType.getDimSize(3), outType.getDimSize(3)))
    return emitOpError("N and C of the result must be the operand's");
  return verifyWindowSizes([&]() { return emitOpError(); }, inType, outType, k,
                           st, dil, pad);
}

//===----------------------------------------------------------------------===//
// AvgPool2dOp
//===----------------------------------------------------------------------===//

LogicalResult AvgPool2dOp::verify() {
  if (failed(verifyClampBounds(*this, getMinAttr(), getMaxAttr())))
    return failure();
  auto inType = dyn_cast<RankedTensorType>(getInput().getType());
  auto outType = dyn_cast<RankedTensorType>(getType());
  if (!inType || !outType || inType.getRank() != 4 || outType.getRank() != 4)
    return emitOpError("expected NHWC tensors of rank 4");
  FailureOr<QuantParams> in = verifyQuantized(*this, inType, "operand");
  FailureOr<QuantParams> out = verifyQuantized(*this, outType, "result");
  if (failed(in) || failed(out))
    return failure();
  if (in->isPerAxis() || out->isPerAxis())
    return emitOpError("operand and result must be quantized per tensor");
  if (in->storageWidth > 16 || out->storageWidth > 16)
    return emitOpError("operand and result storage must be at most 16 bits "
                       "wide");
  ArrayRef<int64_t> k = getKernel(), st = getStrides(), pad = getPadding();
  if (k.size() != 2 || st.size() != 2 || pad.size() != 4)
    return emitOpError("expected 2 kernel sizes, 2 strides and 4 paddings");
  for (int i = 0; i < 2; ++i) {
    if (k[i] < 1 || st[i] < 1)
      return emitOpError("kernel sizes and strides must be positive");
    if (pad[i] < 0 || pad[i + 2] < 0 || pad[i] >= k[i] || pad[i + 2] >= k[i])
      return emitOpError("padding must be non-negative and smaller than the "
                         "kernel");
  }
  std::optional<int64_t> divisor = getDivisor();
  if (divisor && *divisor < 1)
    return emitOpError("divisor must be positive, got ") << *divisor;
  if (!compatibleSize(inType.getDimSize(0), outType.getDimSize(0)) ||
      !compatibleSize(inType.getDimSize(3), outType.getDimSize(3)))
    return emitOpError("N and C of the result must be the operand's");
  bool padded = llvm::any_of(pad, [](int64_t p) { return p != 0; });
  if (!divisor && !getCountIncludePad() && padded &&
      (inType.isDynamicDim(1) || inType.isDynamicDim(2) ||
       outType.isDynamicDim(1) || outType.isDynamicDim(2)))
    return emitOpError("count_include_pad(false) with padding needs static "
                       "H and W: the border windows' divisors are compile-time "
                       "constants");
  // The window sum of centred values is exact in i32.
  const qmath::ChannelParams &ic = in->channels[0];
  int64_t span = std::max(std::abs(in->widthMin() - ic.zeroPoint),
                          std::abs(in->widthMax() - ic.zeroPoint));
  if (static_cast<__int128>(k[0]) * k[1] * span >
      std::numeric_limits<int32_t>::max())
    return emitOpError("the i32 window sum could overflow: ")
           << k[0] * k[1] << " values of up to " << span;
  if (getRounding() != RoundingMode::float_) {
    // The largest multiplier is that of the smallest divisor.
    int64_t smallest = divisor ? *divisor : 1;
    double m =
        qmath::averageMultiplier(ic.scale, out->channels[0].scale, smallest);
    if (!(m < qmath::kMaxIntegerMultiplier))
      return emitOpError() << "multiplier s_in / (s_out * d) = " << m
                           << " is too large for rounding mode '"
                           << stringifyRoundingMode(getRounding())
                           << "' (it must be below 2^30)";
  }
  return verifyWindowSizes([&]() { return emitOpError(); }, inType, outType, k,
                           st, {1, 1}, pad);
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

/// Largest |v| over the values a storage range can hold.
static int64_t maxMagnitude(const QuantParams &p) {
  return std::max(std::abs(p.qmin), std::abs(p.qmax));
}

/// The largest |q - z| over the storage range and every channel.
static int64_t maxDifference(const QuantParams &p) {
  int64_t m = 0;
  for (const qmath::ChannelParams &c : p.channels)
    m = std::max({m, std::abs(p.qmin - c.zeroPoint),
                  std::abs(p.qmax - c.zeroPoint)});
  return m;
}

/// True for the result type of a product that is its exact accumulator: a
/// ranked tensor of signless i32.
static bool isAccumulatorType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getElementType().isSignlessInteger(32);
}

/// What matmul and convolution require of their accumulator and output
/// stage: K products of the storage ranges fit in i32; the bias is i32 with
/// zero point 0 and scale s_a * s_w, with `numOutputs` elements (per output
/// channel); integer modes need a multiplier below 2^30.
///
/// `out` is null for an i32 result (the exact accumulator itself), which
/// must then fit in i32 too: K products of the largest |q - z|, and has no
/// rounding mode.
static LogicalResult
verifyProductStage(EmitErrorFn emitError, const QuantParams &lhs,
                   const QuantParams &rhs, const QuantParams *out, int64_t k,
                   Type biasT, int64_t numOutputs, RoundingMode rounding) {
  // The raw sum of products is accumulated in i32 (zero points are folded
  // out of the loop), so K times the largest product must fit.
  __int128 bound =
      static_cast<__int128>(k) * maxMagnitude(lhs) * maxMagnitude(rhs);
  if (bound > std::numeric_limits<int32_t>::max()) {
    emitError() << "the i32 accumulator could overflow: K = " << k
                << " products of up to " << maxMagnitude(lhs) << " x "
                << maxMagnitude(rhs);
    return failure();
  }
  if (!out) {
    __int128 exact = static_cast<__int128>(k) * maxDifference(lhs) *
                     maxDifference(rhs);
    if (exact > std::numeric_limits<int32_t>::max()) {
      emitError() << "the i32 result could overflow: K = " << k
                  << " products (q - z) of up to " << maxDifference(lhs)
                  << " x " << maxDifference(rhs);
      return failure();
    }
    if (rounding != RoundingMode::float_) {
      emitError() << "an i32 result is the exact accumulator and takes no "
                     "rounding mode";
      return failure();
    }
  }

  // The bias is the accumulator's own type: i32 storage, zero point 0,
  // scale s_a * s_w (per output channel with per-channel weights).
  size_t n = rhs.numChannels();
  if (biasT) {
    auto biasType = dyn_cast<RankedTensorType>(biasT);
    if (!biasType || biasType.getRank() != 1 ||
        !compatibleSize(biasType.getDimSize(0), numOutputs)) {
      emitError() << "bias must be a 1-D tensor of one element per output "
                     "channel, got "
                  << biasT;
      return failure();
    }
    FailureOr<QuantParams> b = getQuantParamsOf(
        biasType, [&]() { return emitError() << "bias type: "; });
    if (failed(b))
      return failure();
    if (b->storageWidth != 32 || !b->isSigned) {
      emitError() << "bias storage must be i32";
      return failure();
    }
    if (b->isPerAxis() && rhs.isPerAxis() && b->numChannels() != n) {
      emitError() << "bias has " << b->numChannels()
                  << " scales but the weights have " << n;
      return failure();
    }
    size_t channels = std::max(n, b->numChannels());
    for (size_t c = 0; c < channels; ++c) {
      const auto &bc = b->channels[b->isPerAxis() ? c : 0];
      const auto &wc = rhs.channels[rhs.isPerAxis() ? c : 0];
      double expected = static_cast<double>(lhs.channels[0].scale) *
                        static_cast<double>(wc.scale);
      if (bc.zeroPoint != 0) {
        emitError() << "bias zero point must be 0, got " << bc.zeroPoint;
        return failure();
      }
      // float32 scales: allow the rounding of the product to float32.
      if (std::abs(static_cast<double>(bc.scale) - expected) >
          1e-6 * expected) {
        emitError() << "bias scale " << bc.scale << " of channel " << c
                    << " is not s_a * s_w = " << expected;
        return failure();
      }
    }
  }

  if (out && rounding != RoundingMode::float_) {
    for (size_t c = 0; c < n; ++c) {
      double m = qmath::productMultiplier(
          lhs.channels[0].scale, rhs.channels[c].scale, out->channels[0].scale);
      if (!(m < qmath::kMaxIntegerMultiplier)) {
        emitError() << "multiplier s_a * s_w / s_out = " << m
                    << " is too large for rounding mode '"
                    << stringifyRoundingMode(rounding)
                    << "' (it must be below 2^30)";
        return failure();
      }
    }
  }
  return success();
}

LogicalResult mlir::qnn::verifyMatmulTypes(EmitErrorFn emitError, Type lhsT,
                                           Type rhsT, Type biasT, Type resultT,
                                           RoundingMode rounding) {
  auto lhsType = dyn_cast<RankedTensorType>(lhsT);
  auto rhsType = dyn_cast<RankedTensorType>(rhsT);
  auto resultType = dyn_cast<RankedTensorType>(resultT);
  auto quantized = [&](Type type, StringRef role) {
    return getQuantParamsOf(type,
                            [&]() { return emitError() << role << " type: "; });
  };
  if (!lhsType || !rhsType || !resultType) {
    emitError() << "operands and result must be ranked tensors";
    return failure();
  }
  int64_t rank = lhsType.getRank();
  if ((rank != 2 && rank != 3) || rhsType.getRank() != rank ||
      resultType.getRank() != rank) {
    emitError() << "expected 2-D operands (MxK, KxN -> MxN) or batched "
                   "3-D ones (BxMxK, BxKxN -> BxMxN), got ranks "
                << lhsType.getRank() << ", " << rhsType.getRank() << " -> "
                << resultType.getRank();
    return failure();
  }
  FailureOr<QuantParams> lhs = quantized(lhsType, "lhs");
  FailureOr<QuantParams> rhs = quantized(rhsType, "rhs");
  bool accumulator = isAccumulatorType(resultType);
  FailureOr<QuantParams> out =
      accumulator ? QuantParams() : quantized(resultType, "result");
  if (failed(lhs) || failed(rhs) || failed(out))
    return failure();
  if (lhs->isPerAxis()) {
    emitError() << "lhs (activations) must be quantized per tensor";
    return failure();
  }
  if (!accumulator && out->isPerAxis()) {
    emitError() << "result must be quantized per tensor";
    return failure();
  }
  if (rhs->isPerAxis() && *rhs->axis != rank - 1) {
    emitError() << "rhs (weights) may be quantized per output channel "
                   "only, i.e. along axis "
                << rank - 1 << ", got axis " << *rhs->axis;
    return failure();
  }
  if (!accumulator && out->storageWidth > 16) {
    emitError() << "result storage must be at most 16 bits wide (or an i32 "
                   "accumulator), got "
                << out->storageWidth;
    return failure();
  }

  int64_t k = lhsType.getDimSize(rank - 1);
  if (!compatibleSize(k, rhsType.getDimSize(rank - 2)) ||
      !compatibleSize(lhsType.getDimSize(rank - 2),
                      resultType.getDimSize(rank - 2)) ||
      !compatibleSize(rhsType.getDimSize(rank - 1),
                      resultType.getDimSize(rank - 1)) ||
      (rank == 3 &&
       (!compatibleSize(lhsType.getDimSize(0), rhsType.getDimSize(0)) ||
        !compatibleSize(lhsType.getDimSize(0), resultType.getDimSize(0))))) {
    emitError() << "incompatible shapes " << lhsType << " x " << rhsType
                << " -> " << resultType;
    return failure();
  }

  if (ShapedType::isDynamic(k)) {
    emitError() << "the reduction dimension K must be static, so that "
                   "the i32 accumulator can be proved not to overflow";
    return failure();
  }
  return verifyProductStage(emitError, *lhs, *rhs, accumulator ? nullptr : &*out,
                            k, biasT, resultType.getDimSize(rank - 1),
                            rounding);
}

LogicalResult MatmulOp::verify() {
  if (failed(verifyClampBounds(*this, getMinAttr(), getMaxAttr())))
    return failure();
  if (isAccumulatorType(getType()) && (getMinAttr() || getMaxAttr()))
    return emitOpError("an i32 result is the exact accumulator and takes no "
                       "min or max");
  return verifyMatmulTypes(
      [&]() { return emitOpError(); }, getLhs().getType(), getRhs().getType(),
      getBias() ? getBias().getType() : Type(), getType(), getRounding());
}

//===----------------------------------------------------------------------===//
// Conv2dOp
//===----------------------------------------------------------------------===//

LogicalResult mlir::qnn::verifyConv2dTypes(
    EmitErrorFn emitError, Type inputT, Type filterT, Type biasT, Type resultT,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
    ArrayRef<int64_t> padding, int64_t groups, RoundingMode rounding) {
  auto inType = dyn_cast<RankedTensorType>(inputT);
  auto filterType = dyn_cast<RankedTensorType>(filterT);
  auto outType = dyn_cast<RankedTensorType>(resultT);
  if (!inType || !filterType || !outType || inType.getRank() != 4 ||
      filterType.getRank() != 4 || outType.getRank() != 4) {
    emitError() << "expected an NHWC input, an HWCF filter and an NHWC "
                   "result, all ranked tensors of rank 4";
    return failure();
  }
  auto quantized = [&](Type type, StringRef role) {
    return getQuantParamsOf(type,
                            [&]() { return emitError() << role << " type: "; });
  };
  FailureOr<QuantParams> in = quantized(inType, "input");
  FailureOr<QuantParams> w = quantized(filterType, "filter");
  bool accumulator = isAccumulatorType(outType);
  FailureOr<QuantParams> out =
      accumulator ? QuantParams() : quantized(outType, "result");
  if (failed(in) || failed(w) || failed(out))
    return failure();
  if (in->isPerAxis()) {
    emitError() << "input (activations) must be quantized per tensor";
    return failure();
  }
  if (!accumulator && out->isPerAxis()) {
    emitError() << "result must be quantized per tensor";
    return failure();
  }
  if (w->isPerAxis() && *w->axis != 3) {
    emitError() << "filter may be quantized per output channel only, i.e. "
                   "along axis 3 (F of HWCF), got axis "
                << *w->axis;
    return failure();
  }
  if (!accumulator && out->storageWidth > 16) {
    emitError() << "result storage must be at most 16 bits wide (or an i32 "
                   "accumulator), got "
                << out->storageWidth;
    return failure();
  }
  if (strides.size() != 2 || dilations.size() != 2 || padding.size() != 4) {
    emitError() << "expected 2 strides, 2 dilations and 4 paddings";
    return failure();
  }
  for (int i = 0; i < 2; ++i) {
    if (strides[i] < 1 || dilations[i] < 1) {
      emitError() << "strides and dilations must be positive";
      return failure();
    }
  }
  if (llvm::any_of(padding, [](int64_t p) { return p < 0; })) {
    emitError() << "padding must be non-negative";
    return failure();
  }
  if (!filterType.hasStaticShape() || inType.isDynamicDim(3)) {
    emitError() << "the filter and the input channel count must be static, "
                   "so that the i32 accumulator can be proved not to "
                   "overflow";
    return failure();
  }
  ArrayRef<int64_t> fs = filterType.getShape();
  int64_t channels = inType.getDimSize(3);
  if (groups < 1 || channels % groups != 0 || fs[3] % groups != 0) {
    emitError() << "groups (" << groups
                << ") must be positive and divide the input channels ("
                << channels << ") and the filter's output channels (" << fs[3]
                << ")";
    return failure();
  }
  if (fs[2] != channels / groups) {
    emitError() << "filter has " << fs[2]
                << " input channels per group, expected C / groups = "
                << channels / groups;
    return failure();
  }
  if (!compatibleSize(inType.getDimSize(0), outType.getDimSize(0)) ||
      outType.getDimSize(3) != fs[3]) {
    emitError() << "result must have the input's N and the filter's F ("
                << fs[3] << ") channels, got " << outType;
    return failure();
  }
  if (failed(verifyWindowSizes(emitError, inType, outType, fs.take_front(2),
                               strides, dilations, padding)))
    return failure();
  return verifyProductStage(emitError, *in, *w, accumulator ? nullptr : &*out,
                            fs[0] * fs[1] * fs[2], biasT, fs[3], rounding);
}

LogicalResult Conv2dOp::verify() {
  if (failed(verifyClampBounds(*this, getMinAttr(), getMaxAttr())))
    return failure();
  if (isAccumulatorType(getType()) && (getMinAttr() || getMaxAttr()))
    return emitOpError("an i32 result is the exact accumulator and takes no "
                       "min or max");
  return verifyConv2dTypes([&]() { return emitOpError(); },
                           getInput().getType(), getFilter().getType(),
                           getBias() ? getBias().getType() : Type(), getType(),
                           getStrides(), getDilations(), getPadding(),
                           getGroups(), getRounding());
}

//===----------------------------------------------------------------------===//
// AddOp, MulOp
//===----------------------------------------------------------------------===//

/// The checks shared by qnn.add and qnn.mul: ranked tensors whose shapes
/// broadcast to the result's, all quantized per tensor with storage of at
/// most 16 bits. Returns the three parameter sets.
static FailureOr<std::array<QuantParams, 3>> verifyBinary(Operation *op) {
  if (failed(verifyClampBounds(op, op->getAttrOfType<FloatAttr>("min"),
                               op->getAttrOfType<FloatAttr>("max"))))
    return failure();
  auto lhsType = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  auto rhsType = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  auto outType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!lhsType || !rhsType || !outType) {
    op->emitOpError("operands and result must be ranked tensors");
    return failure();
  }
  std::array<QuantParams, 3> params;
  const char *roles[] = {"lhs", "rhs", "result"};
  RankedTensorType types[] = {lhsType, rhsType, outType};
  for (int i = 0; i < 3; ++i) {
    FailureOr<QuantParams> p = verifyQuantized(op, types[i], roles[i]);
    if (failed(p))
      return failure();
    if (p->isPerAxis()) {
      op->emitOpError() << roles[i] << " must be quantized per tensor";
      return failure();
    }
    if (p->storageWidth > 16) {
      op->emitOpError() << roles[i]
                        << " storage must be at most 16 bits wide, got "
                        << p->storageWidth;
      return failure();
    }
    params[i] = *p;
  }
  // NumPy broadcasting, trailing dimensions aligned.
  int64_t rank = outType.getRank();
  if (lhsType.getRank() > rank || rhsType.getRank() > rank) {
    op->emitOpError("operands may not have a higher rank than the result");
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d) {
    int64_t want = outType.getDimSize(d);
    bool provided = false;
    for (RankedTensorType t : {lhsType, rhsType}) {
      int64_t i = d - (rank - t.getRank());
      if (i < 0)
        continue;
      int64_t size = t.getDimSize(i);
      if (size == 1 && want != 1)
        continue;
      // A dynamic size is never stretched, so it must be the result's.
      if (ShapedType::isDynamic(size) && !ShapedType::isDynamic(want)) {
        op->emitOpError() << "dimension " << i << " of " << t
                          << " is dynamic where the result's is " << want
                          << ": dynamic sizes are not broadcast";
        return failure();
      }
      if (!compatibleSize(size, want)) {
        op->emitOpError() << "operand shapes of " << lhsType << " and "
                          << rhsType << " do not broadcast to the result's "
                          << outType;
        return failure();
      }
      provided = true;
    }
    if (!provided && want != 1) {
      op->emitOpError() << "result dimension " << d << " of size "
                        << (ShapedType::isDynamic(want) ? std::string("?")
                                                        : std::to_string(want))
                        << " is not any operand's";
      return failure();
    }
  }
  return params;
}

LogicalResult AddOp::verify() {
  FailureOr<std::array<QuantParams, 3>> p = verifyBinary(*this);
  if (failed(p))
    return failure();
  if (getFlavour() == Flavour::onnx && getRounding() != RoundingMode::float_)
    return emitOpError("flavour(onnx) is ONNX Runtime's float kernel and "
                       "takes no rounding mode");
  if (getRounding() == RoundingMode::float_)
    return success();
  const qmath::ChannelParams &out = (*p)[2].channels[0];
  for (int i = 0; i < 2; ++i) {
    double m = qmath::requantizeMultiplier((*p)[i].channels[0], out);
    if (!(m < qmath::kMaxIntegerMultiplier))
      return emitOpError() << "multiplier s_" << (i ? "b" : "a")
                           << " / s_out = " << m
                           << " is too large for rounding mode '"
                           << stringifyRoundingMode(getRounding())
                           << "' (it must be below 2^30)";
  }
  return success();
}

LogicalResult MulOp::verify() {
  FailureOr<std::array<QuantParams, 3>> p = verifyBinary(*this);
  if (failed(p))
    return failure();
  // (a - z_a)(b - z_b) is computed exactly in i32.
  auto span = [](const QuantParams &q) {
    const qmath::ChannelParams &c = q.channels[0];
    return std::max(std::abs(q.widthMin() - c.zeroPoint),
                    std::abs(q.widthMax() - c.zeroPoint));
  };
  int64_t bound = span((*p)[0]) * span((*p)[1]);
  if (bound > std::numeric_limits<int32_t>::max())
    return emitOpError() << "the product (a - z_a)(b - z_b) could overflow "
                            "i32: up to "
                         << span((*p)[0]) << " x " << span((*p)[1]);
  if (getRounding() == RoundingMode::float_)
    return success();
  double m = qmath::productMultiplier((*p)[0].channels[0].scale,
                                      (*p)[1].channels[0].scale,
                                      (*p)[2].channels[0].scale);
  if (!(m < qmath::kMaxIntegerMultiplier))
    return emitOpError() << "multiplier s_a * s_b / s_out = " << m
                         << " is too large for rounding mode '"
                         << stringifyRoundingMode(getRounding())
                         << "' (it must be below 2^30)";
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  FailureOr<QuantParams> params = verifyQuantized(*this, getType(), "result");
  if (failed(params))
    return failure();
  TypedAttr value = getValue();
  Type expected = params->getSignedStorageType(getContext());
  if (auto shaped = dyn_cast<ShapedType>(getType())) {
    auto dense = dyn_cast<DenseIntElementsAttr>(value);
    if (!dense || !isa<RankedTensorType>(dense.getType()))
      return emitOpError("value must be a tensor of dense integer elements, "
                         "got ")
             << value;
    if (!shaped.hasStaticShape() ||
        dense.getType().getShape() != shaped.getShape())
      return emitOpError("value shape does not match the result type ")
             << getType();
    if (dense.getElementType() != expected)
      return emitOpError("value elements must have the storage type ")
             << expected << ", got " << dense.getElementType();
  } else {
    auto integer = dyn_cast<IntegerAttr>(value);
    if (!integer || integer.getType() != expected)
      return emitOpError("value must be an integer of the storage type ")
             << expected << ", got " << value;
  }
  std::optional<SmallVector<int64_t>> values =
      getIntValues(value, params->isSigned);
  for (int64_t v : *values)
    if (v < params->qmin || v > params->qmax)
      return emitOpError("value ")
             << v << " is outside the storage range [" << params->qmin << ", "
             << params->qmax << "]";
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor adaptor) {
  return StorageAttr::get(getContext(), getValue());
}

#define GET_OP_CLASSES
#include "quant/Dialect/QNN/IR/QNNOps.cpp.inc"
