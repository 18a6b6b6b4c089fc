//===- QNNParams.h - Validated parameters of quantized types ----*- C++ -*-===//
//
// One place that reads a `!quant.uniform` type and decides whether the
// project can give it a defined meaning. Verifiers, the importer of
// upstream quant casts, the folders and the lowering all go through it, so
// they accept and reject exactly the same types.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DIALECT_QNN_IR_QNNPARAMS_H
#define QUANT_DIALECT_QNN_IR_QNNPARAMS_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Types.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Support/QuantMath.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::qnn {

/// The parameters of a uniform quantized element type, per tensor (one
/// channel) or per axis.
struct QuantParams {
  quant::UniformQuantizedType perTensorType;
  quant::UniformQuantizedPerAxisType perAxisType;
  unsigned storageWidth = 0;
  bool isSigned = true;
  int64_t qmin = 0;
  int64_t qmax = 0;
  /// Quantization axis for per-axis types.
  std::optional<int32_t> axis;
  /// One entry per channel (a single one when per tensor).
  SmallVector<qmath::ChannelParams> channels;

  bool isPerAxis() const { return axis.has_value(); }
  /// The values the storage width can hold, narrow range or not (the
  /// values storage_cast can bring in).
  int64_t widthMin() const {
    return isSigned ? -(int64_t(1) << (storageWidth - 1)) : 0;
  }
  int64_t widthMax() const {
    return isSigned ? (int64_t(1) << (storageWidth - 1)) - 1
                    : (int64_t(1) << storageWidth) - 1;
  }
  size_t numChannels() const { return channels.size(); }
  /// The signless integer type that holds one storage value in memory and
  /// in generated code. 4-bit storage is held in an i8, one value per byte.
  IntegerType getContainerType(MLIRContext *ctx) const;
  /// The signless integer type of the storage width (i4 for 4-bit).
  IntegerType getStorageType(MLIRContext *ctx) const;
  /// The storage type with its signedness (ui8, si8, ...), used for
  /// the values of `qnn.constant`.
  IntegerType getSignedStorageType(MLIRContext *ctx) const;
};

using EmitErrorFn = function_ref<InFlightDiagnostic()>;

/// Validates `elementType` as a quantized type the project supports and
/// returns its parameters; emits a diagnostic through `emitError` and fails
/// otherwise. `rank` is the rank of the enclosing tensor (0 for a scalar)
/// and `axisSize` the static size of the quantized axis (or dynamic), both
/// used to check per-axis types.
FailureOr<QuantParams> getQuantParams(Type elementType, EmitErrorFn emitError,
                                      int64_t rank = -1,
                                      int64_t axisSize = ShapedType::kDynamic);

/// As above, taking rank and axis size from a scalar or ranked tensor type.
FailureOr<QuantParams> getQuantParamsOf(Type scalarOrTensor,
                                        EmitErrorFn emitError);

/// The type rules of qnn.matmul (the op's verifier), for callers that want
/// to know whether an op with these types would verify before creating it.
LogicalResult verifyMatmulTypes(EmitErrorFn emitError, Type lhs, Type rhs,
                                Type bias, Type result, RoundingMode rounding);

/// The checks of qnn.conv2d, for the op's verifier and for passes that
/// build one (e.g. qnn-fuse-qdq).
LogicalResult verifyConv2dTypes(EmitErrorFn emitError, Type input, Type filter,
                                Type bias, Type result,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> dilations,
                                ArrayRef<int64_t> padding, int64_t groups,
                                RoundingMode rounding);

/// The storage integers of a constant quantized value (a qnn.constant, which
/// folds to #qnn.storage), row-major with splats expanded, or nothing.
std::optional<SmallVector<int64_t>> getConstantStorage(Value value,
                                                       bool isSigned);

/// K * za * zw[c] - za * sum_r w[r, c] (+ bias[c]) for constant weights
/// stored row-major with the output channel innermost (`numChannels`
/// columns): the weight-only terms of the accumulator, per output channel.
/// `zw` holds one zero point or one per channel; the K * za * zw term is
/// only part of it when the activation sums (its partner) are computed.
SmallVector<int64_t> foldWeightTerms(ArrayRef<int64_t> weights,
                                     int64_t numChannels, int64_t k, int64_t za,
                                     ArrayRef<int64_t> zw,
                                     bool withActivationSums,
                                     std::optional<ArrayRef<int64_t>> bias);

/// The storage bounds of qnn.clamp per channel: min and max quantized with
/// each channel's parameters (PyTorch flavour), or qmin / qmax when absent.
SmallVector<std::pair<int64_t, int64_t>> clampBounds(const QuantParams &params,
                                                     std::optional<float> min,
                                                     std::optional<float> max);

/// The scalar reference's names for the op attributes.
qmath::QuantizeFlavour toMathFlavour(Flavour flavour);
qmath::Rounding toMathRounding(RoundingMode mode);

} // namespace mlir::qnn

#endif // QUANT_DIALECT_QNN_IR_QNNPARAMS_H
