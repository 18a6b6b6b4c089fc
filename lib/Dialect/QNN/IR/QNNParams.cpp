//===- QNNParams.cpp - Validated parameters of quantized types ------------===//
//
// The upstream quant types accept parameters with no defined result (a u8
// zero point of 300, a NaN scale); every consumer in the project goes
// through getQuantParams, so that they all reject the same types.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/IR/QNNParams.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;

IntegerType QuantParams::getContainerType(MLIRContext *ctx) const {
  return IntegerType::get(ctx, storageWidth < 8 ? 8 : storageWidth);
}

IntegerType QuantParams::getStorageType(MLIRContext *ctx) const {
  return IntegerType::get(ctx, storageWidth);
}

IntegerType QuantParams::getSignedStorageType(MLIRContext *ctx) const {
  return IntegerType::get(ctx, storageWidth,
                          isSigned ? IntegerType::Signed
                                   : IntegerType::Unsigned);
}

/// Checks one (scale, zero point) pair and converts the scale to the
/// float32 that all arithmetic uses.
static LogicalResult checkChannel(double scale, int64_t zeroPoint,
                                  const QuantParams &params,
                                  EmitErrorFn emitError,
                                  qmath::ChannelParams &channel) {
  // Each failure returns failure() explicitly: a diagnostic converts to
  // failure only when it is active, and callers may pass a silent emitter.
  if (!std::isfinite(scale) || !(scale > 0.0)) {
    emitError() << "scale must be positive and finite, got " << scale;
    return failure();
  }
  float scale32 = static_cast<float>(scale);
  // A subnormal or overflowing float32 scale has no finite reciprocal in
  // float32, which the PyTorch flavour needs.
  if (!std::isnormal(scale32)) {
    emitError() << "scale " << scale << " is not a normal float32 number";
    return failure();
  }
  if (zeroPoint < params.qmin || zeroPoint > params.qmax) {
    emitError() << "zero point " << zeroPoint
                << " is outside the storage range [" << params.qmin << ", "
                << params.qmax << "]";
    return failure();
  }
  channel = {scale32, zeroPoint, params.qmin, params.qmax};
  return success();
}

FailureOr<QuantParams> mlir::qnn::getQuantParams(Type elementType,
                                                 EmitErrorFn emitError,
                                                 int64_t rank,
                                                 int64_t axisSize) {
  auto quantType = dyn_cast<quant::QuantizedType>(elementType);
  if (!quantType)
    return emitError() << "expected a !quant.uniform element type, got "
                       << elementType;
  auto perTensor = dyn_cast<quant::UniformQuantizedType>(quantType);
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(quantType);
  if (!perTensor && !perAxis)
    return emitError() << "unsupported quantized type " << elementType
                       << ": only per-tensor and per-axis !quant.uniform "
                          "types are supported";

  if (!quantType.getExpressedType().isF32())
    return emitError() << "unsupported expressed type "
                       << quantType.getExpressedType()
                       << ": the expressed type must be f32 (f16 and bf16 "
                          "inputs are widened to f32 by qnn.quantize)";

  QuantParams params;
  params.perTensorType = perTensor;
  params.perAxisType = perAxis;
  params.storageWidth = quantType.getStorageTypeIntegralWidth();
  params.isSigned = quantType.isSigned();
  if (params.storageWidth != 4 && params.storageWidth != 8 &&
      params.storageWidth != 16 && params.storageWidth != 32)
    return emitError() << "unsupported storage type "
                       << quantType.getStorageType() << " of " << elementType
                       << ": storage must be 4, 8, 16 or 32 bits wide";
  params.qmin = quantType.getStorageTypeMin();
  params.qmax = quantType.getStorageTypeMax();
  if (params.qmin > params.qmax)
    return emitError() << "empty storage range [" << params.qmin << ", "
                       << params.qmax << "]";

  if (perTensor) {
    qmath::ChannelParams channel;
    if (failed(checkChannel(perTensor.getScale(), perTensor.getZeroPoint(),
                            params, emitError, channel)))
      return failure();
    params.channels.push_back(channel);
    return params;
  }

  int32_t axis = perAxis.getQuantizedDimension();
  if (rank == 0)
    return emitError() << "per-axis quantized type " << elementType
                       << " needs a tensor, not a scalar";
  if (axis < 0 || (rank >= 0 && axis >= rank))
    return emitError() << "quantization axis " << axis
                       << " is out of range for a tensor of rank " << rank;
  ArrayRef<double> scales = perAxis.getScales();
  ArrayRef<int64_t> zeroPoints = perAxis.getZeroPoints();
  if (scales.size() != zeroPoints.size())
    return emitError() << "per-axis type has " << scales.size()
                       << " scales but " << zeroPoints.size() << " zero points";
  if (!ShapedType::isDynamic(axisSize) &&
      static_cast<int64_t>(scales.size()) != axisSize)
    return emitError() << "expected " << axisSize << " scales for axis " << axis
                       << " of size " << axisSize << ", got " << scales.size();
  params.axis = axis;
  for (auto [scale, zeroPoint] : llvm::zip_equal(scales, zeroPoints)) {
    qmath::ChannelParams channel;
    if (failed(checkChannel(scale, zeroPoint, params, emitError, channel)))
      return failure();
    params.channels.push_back(channel);
  }
  return params;
}

FailureOr<QuantParams> mlir::qnn::getQuantParamsOf(Type scalarOrTensor,
                                                   EmitErrorFn emitError) {
  auto tensor = dyn_cast<RankedTensorType>(scalarOrTensor);
  if (tensor && tensor.getEncoding())
    return emitError() << "quantized tensors with an encoding are not "
                          "supported, got "
                       << scalarOrTensor;
  if (!tensor) {
    if (isa<ShapedType>(scalarOrTensor))
      return emitError() << "expected a scalar or a ranked tensor, got "
                         << scalarOrTensor;
    return getQuantParams(scalarOrTensor, emitError, /*rank=*/0);
  }
  int64_t axisSize = ShapedType::kDynamic;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(
          tensor.getElementType())) {
    int32_t axis = perAxis.getQuantizedDimension();
    if (axis >= 0 && axis < tensor.getRank())
      axisSize = tensor.getDimSize(axis);
  }
  return getQuantParams(tensor.getElementType(), emitError, tensor.getRank(),
                        axisSize);
}

qmath::QuantizeFlavour mlir::qnn::toMathFlavour(Flavour flavour) {
  return flavour == Flavour::onnx ? qmath::QuantizeFlavour::Onnx
                                  : qmath::QuantizeFlavour::PyTorch;
}

qmath::Rounding mlir::qnn::toMathRounding(RoundingMode mode) {
  switch (mode) {
  case RoundingMode::float_:
    return qmath::Rounding::Float;
  case RoundingMode::double_round:
    return qmath::Rounding::DoubleRound;
  case RoundingMode::half_up:
    return qmath::Rounding::HalfUp;
  case RoundingMode::half_away:
    return qmath::Rounding::HalfAway;
  }
  llvm_unreachable("unknown rounding mode");
}

/// The storage integers of a constant quantized value (a qnn.constant,
/// folded to #qnn.storage), in row-major order, or nothing.
std::optional<SmallVector<int64_t>>
mlir::qnn::getConstantStorage(Value value, bool isSigned) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  auto storage = dyn_cast<StorageAttr>(attr);
  if (!storage)
    return std::nullopt;
  auto dense = dyn_cast<DenseIntElementsAttr>(storage.getValue());
  if (!dense)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &v : dense.getValues<APInt>())
    values.push_back(isSigned ? v.getSExtValue()
                              : static_cast<int64_t>(v.getZExtValue()));
  if (dense.isSplat())
    values.resize(dense.getNumElements(), values.front());
  return values;
}

SmallVector<int64_t>
mlir::qnn::foldWeightTerms(ArrayRef<int64_t> weights, int64_t numChannels,
                           int64_t k, int64_t za, ArrayRef<int64_t> zw,
                           bool withActivationSums,
                           std::optional<ArrayRef<int64_t>> bias) {
  SmallVector<int64_t> folded(numChannels, 0);
  int64_t rows = static_cast<int64_t>(weights.size()) / numChannels;
  for (int64_t c = 0; c < numChannels; ++c) {
    int64_t colSum = 0;
    for (int64_t r = 0; r < rows; ++r)
      colSum += weights[r * numChannels + c];
    int64_t zwc = zw[zw.size() == 1 ? 0 : c];
    folded[c] = (withActivationSums ? k * za * zwc : 0) - za * colSum;
    if (bias)
      folded[c] += (*bias)[bias->size() == 1 ? 0 : c];
  }
  return folded;
}
