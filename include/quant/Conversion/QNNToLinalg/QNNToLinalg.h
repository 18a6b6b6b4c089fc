//===- QNNToLinalg.h - qnn to linalg/arith lowering -------------*- C++ -*-===//

#ifndef QUANT_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
#define QUANT_CONVERSION_QNNTOLINALG_QNNTOLINALG_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir {
class ConversionTarget;
class RewritePatternSet;

namespace qnn {
/// Maps quantized element types (and tensors of them) to their signless
/// storage containers; leaves every other type alone.
class QNNTypeConverter : public TypeConverter {
public:
  QNNTypeConverter();
};

/// Patterns lowering the elementwise qnn ops (quantize, dequantize,
/// requantize, add, mul, clamp, concat, storage_cast, constant).
void populateQNNToLinalgElementwiseConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns);

/// Patterns lowering the structured qnn ops (matmul, conv2d, max_pool2d,
/// avg_pool2d) to reductions and the product output stage.
void populateQNNToLinalgNamedConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns);

/// Patterns lowering the ops with run-time quantization parameters
/// (dynamic_quantize, matmul_integer).
void populateQNNToLinalgDynamicConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns);

/// Patterns lowering all qnn ops, plus the structural patterns that retype
/// func, call, return, branches, scf and any other region-free op carrying
/// quantized values.
void populateQNNToLinalgConversionPatterns(const QNNTypeConverter &converter,
                                           RewritePatternSet &patterns);

/// Makes qnn ops illegal and every other op legal once no quantized type is
/// left on it (the conversion's own legality; a pipeline with other
/// conversions in the same target may prefer to set its own).
void configureQNNToLinalgLegality(const QNNTypeConverter &converter,
                                  ConversionTarget &target);
} // namespace qnn

#define GEN_PASS_DECL_CONVERTQNNTOLINALG
#include "quant/Conversion/Passes.h.inc"

} // namespace mlir

#endif // QUANT_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
