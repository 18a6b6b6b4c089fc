/*===-- quant-c/Dialect/QNN.h - C API of the qnn dialect ----------*- C -*-===*\
|*                                                                            *|
|* The qnn and qnnx86 dialects for C and other languages, in the MLIR C API   *|
|* convention: dialect handles, the dialect's attributes, and the quantized   *|
|* element types its ops take, checked as the verifiers check them.           *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_C_DIALECT_QNN_H
#define QUANT_C_DIALECT_QNN_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(QNN, qnn);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(QNNX86, qnnx86);

/*===----------------------------------------------------------------------===*
 * Attributes
 *===----------------------------------------------------------------------===*/

/** Whose quantize a `qnn.quantize` or `qnn.add` computes (`flavour(...)`):
 *  docs/Semantics.md section 9. Values match the C++ enum qnn::Flavour. */
typedef enum MlirQNNFlavour {
  MlirQNNFlavourPyTorch = 0,
  MlirQNNFlavourOnnx = 1,
} MlirQNNFlavour;

/** How requantizing ops round (`rounding(...)`). Values match the C++ enum
 *  qnn::RoundingMode. */
typedef enum MlirQNNRoundingMode {
  MlirQNNRoundingModeFloat = 0,
  MlirQNNRoundingModeDoubleRound = 1,
  MlirQNNRoundingModeHalfUp = 2,
  MlirQNNRoundingModeHalfAway = 3,
} MlirQNNRoundingMode;

/** `#qnn.flavour<...>`, owned by the context. */
MLIR_CAPI_EXPORTED MlirAttribute mlirQNNFlavourAttrGet(MlirContext ctx,
                                                       MlirQNNFlavour value);
MLIR_CAPI_EXPORTED bool mlirAttributeIsAQNNFlavourAttr(MlirAttribute attr);
/** The value of a `#qnn.flavour` attribute. */
MLIR_CAPI_EXPORTED MlirQNNFlavour
mlirQNNFlavourAttrGetValue(MlirAttribute attr);

/** `#qnn.rounding<...>`, owned by the context. */
MLIR_CAPI_EXPORTED MlirAttribute
mlirQNNRoundingModeAttrGet(MlirContext ctx, MlirQNNRoundingMode value);
MLIR_CAPI_EXPORTED bool mlirAttributeIsAQNNRoundingModeAttr(MlirAttribute attr);
/** The value of a `#qnn.rounding` attribute. */
MLIR_CAPI_EXPORTED MlirQNNRoundingMode
mlirQNNRoundingModeAttrGetValue(MlirAttribute attr);

/*===----------------------------------------------------------------------===*
 * Quantized element types
 *===----------------------------------------------------------------------===*/

/** `!quant.uniform<{i|u}<width>:<expressed>, scale:zeroPoint>` over the full
 *  range of the storage width, as the qnn ops accept it, in the context of
 *  `loc`. The parameters are checked as the op verifiers check them (a
 *  finite positive scale that is a normal float32, a zero point inside the
 *  storage range, a supported storage width and expressed type); when they
 *  are rejected, an error is emitted at `loc` through the context's
 *  diagnostic handlers and the result is a null type (test it with
 *  mlirTypeIsNull). Loads the quant dialect if it is not loaded. */
MLIR_CAPI_EXPORTED MlirType mlirQNNQuantizedTypeGetChecked(
    MlirLocation loc, unsigned storageWidth, bool isSigned,
    MlirType expressedType, double scale, int64_t zeroPoint);

/** The per-axis form, `!quant.uniform<u8:f32:axis, {s0:z0, s1:z1, ...}>`:
 *  `numChannels` scales and zero points (arrays the call only reads), for
 *  the tensor dimension `axis`. Checked and reported like
 *  mlirQNNQuantizedTypeGetChecked; the axis and the channel count are
 *  checked against a tensor's shape where the type is used. */
MLIR_CAPI_EXPORTED MlirType mlirQNNQuantizedPerAxisTypeGetChecked(
    MlirLocation loc, unsigned storageWidth, bool isSigned,
    MlirType expressedType, intptr_t numChannels, const double *scales,
    const int64_t *zeroPoints, int32_t axis);

/** Whether the qnn ops accept `type`: a quantized element type (its own
 *  parameters), or a ranked tensor of one (then also a per-axis type's
 *  axis and channel count against the tensor's shape). Emits no
 *  diagnostic. */
MLIR_CAPI_EXPORTED bool mlirQNNIsSupportedQuantizedType(MlirType type);

#ifdef __cplusplus
}
#endif

#endif /* QUANT_C_DIALECT_QNN_H */
