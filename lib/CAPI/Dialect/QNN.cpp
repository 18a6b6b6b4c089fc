//===- QNN.cpp - C API of the qnn dialect ---------------------------------===//

#include "quant-c/Dialect/QNN.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/IR/QNNParams.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"

using namespace mlir;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(QNN, qnn, qnn::QNNDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(QNNX86, qnnx86, qnnx86::QNNX86Dialect)

// The C enums are the C++ enums' values; a mismatch is a build error.
static_assert(MlirQNNFlavourPyTorch == int(qnn::Flavour::pytorch) &&
              MlirQNNFlavourOnnx == int(qnn::Flavour::onnx));
static_assert(MlirQNNRoundingModeFloat == int(qnn::RoundingMode::float_) &&
              MlirQNNRoundingModeDoubleRound ==
                  int(qnn::RoundingMode::double_round) &&
              MlirQNNRoundingModeHalfUp == int(qnn::RoundingMode::half_up) &&
              MlirQNNRoundingModeHalfAway ==
                  int(qnn::RoundingMode::half_away));

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

MlirAttribute mlirQNNFlavourAttrGet(MlirContext ctx, MlirQNNFlavour value) {
  MLIRContext *context = unwrap(ctx);
  context->getOrLoadDialect<qnn::QNNDialect>();
  return wrap(qnn::FlavourAttr::get(context, qnn::Flavour(value)));
}

bool mlirAttributeIsAQNNFlavourAttr(MlirAttribute attr) {
  return isa<qnn::FlavourAttr>(unwrap(attr));
}

MlirQNNFlavour mlirQNNFlavourAttrGetValue(MlirAttribute attr) {
  return MlirQNNFlavour(cast<qnn::FlavourAttr>(unwrap(attr)).getValue());
}

MlirAttribute mlirQNNRoundingModeAttrGet(MlirContext ctx,
                                         MlirQNNRoundingMode value) {
  MLIRContext *context = unwrap(ctx);
  context->getOrLoadDialect<qnn::QNNDialect>();
  return wrap(qnn::RoundingModeAttr::get(context, qnn::RoundingMode(value)));
}

bool mlirAttributeIsAQNNRoundingModeAttr(MlirAttribute attr) {
  return isa<qnn::RoundingModeAttr>(unwrap(attr));
}

MlirQNNRoundingMode mlirQNNRoundingModeAttrGetValue(MlirAttribute attr) {
  return MlirQNNRoundingMode(
      cast<qnn::RoundingModeAttr>(unwrap(attr)).getValue());
}

//===----------------------------------------------------------------------===//
// Quantized element types
//===----------------------------------------------------------------------===//

namespace {
/// The storage type and range of `width` bits, or a diagnostic.
struct Storage {
  IntegerType type;
  int64_t min = 0, max = 0;
};
} // namespace

static FailureOr<Storage> getStorage(Location loc, unsigned width,
                                     bool isSigned) {
  // Widths beyond 32 bits are not storage types of quant.uniform; the qnn
  // verifiers reject the ones in between that they do not support.
  if (width < 2 || width > 32)
    return emitError(loc) << "storage width " << width
                          << " is not supported (2 to 32 bits)";
  // The types belong to the quant dialect, which may not be loaded yet.
  loc.getContext()->getOrLoadDialect<quant::QuantDialect>();
  Storage storage;
  storage.type = IntegerType::get(loc.getContext(), width);
  storage.min = isSigned ? -(int64_t(1) << (width - 1)) : 0;
  storage.max = isSigned ? (int64_t(1) << (width - 1)) - 1
                         : (int64_t(1) << width) - 1;
  return storage;
}

/// The type if qnn::getQuantParams accepts it, else null (with its error).
static MlirType checkedForQNN(Location loc, Type type) {
  if (!type)
    return wrap(Type());
  if (failed(qnn::getQuantParams(type, [&] { return emitError(loc); })))
    return wrap(Type());
  return wrap(type);
}

MlirType mlirQNNQuantizedTypeGetChecked(MlirLocation location,
                                        unsigned storageWidth, bool isSigned,
                                        MlirType expressedType, double scale,
                                        int64_t zeroPoint) {
  Location loc = unwrap(location);
  FailureOr<Storage> storage = getStorage(loc, storageWidth, isSigned);
  if (failed(storage))
    return wrap(Type());
  auto type = quant::UniformQuantizedType::getChecked(
      [&] { return emitError(loc); },
      isSigned ? quant::QuantizationFlags::Signed : 0, storage->type,
      unwrap(expressedType), scale, zeroPoint, storage->min, storage->max);
  return checkedForQNN(loc, type);
}

MlirType mlirQNNQuantizedPerAxisTypeGetChecked(
    MlirLocation location, unsigned storageWidth, bool isSigned,
    MlirType expressedType, intptr_t numChannels, const double *scales,
    const int64_t *zeroPoints, int32_t axis) {
  Location loc = unwrap(location);
  if (numChannels < 1) {
    emitError(loc) << "a per-axis type needs at least one channel, got "
                   << numChannels;
    return wrap(Type());
  }
  FailureOr<Storage> storage = getStorage(loc, storageWidth, isSigned);
  if (failed(storage))
    return wrap(Type());
  auto type = quant::UniformQuantizedPerAxisType::getChecked(
      [&] { return emitError(loc); },
      isSigned ? quant::QuantizationFlags::Signed : 0, storage->type,
      unwrap(expressedType), llvm::ArrayRef(scales, numChannels),
      llvm::ArrayRef(zeroPoints, numChannels), axis, storage->min,
      storage->max);
  return checkedForQNN(loc, type);
}

bool mlirQNNIsSupportedQuantizedType(MlirType type) {
  Type t = unwrap(type);
  if (!t)
    return false;
  // An inactive diagnostic: a rejection reports nothing.
  auto quiet = [] { return InFlightDiagnostic(); };
  if (isa<ShapedType>(t))
    return succeeded(qnn::getQuantParamsOf(t, quiet));
  // An element type on its own: its axis is checked where a tensor uses it.
  return succeeded(qnn::getQuantParams(t, quiet, /*rank=*/-1));
}
