//===- FloatOpUtils.h - Shared pieces of the float op importers -*- C++ -*-===//
//
// What the importers of ONNX's float ops (ImportFloat*.cpp, ImportShapeOps,
// ImportNormalization) build alike: input checks, pads, fills, maps,
// clamps, and constants made rank 4 for NHWC.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_LIB_TARGET_ONNX_FLOATOPUTILS_H
#define QUANT_LIB_TARGET_ONNX_FLOATOPUTILS_H

#include "Importer.h"

#include <optional>

namespace mlir::qnn::onnx_import {

/// Checks that input `i` is a float tensor.
FailureOr<Entry *> floatInput(Importer &im, unsigned i);

/// Float input `i` as the elementwise ops take it: in the layout it already
/// has, with its entry (whose ONNX type the result keeps).
struct FloatOperand {
  Entry *entry;
  Layout layout;
  Value value;
};
FailureOr<FloatOperand> floatOperand(Importer &im, unsigned i);

/// A tensor.pad of `v` (NHWC) by `padding` [top, left, bottom, right] with
/// `value`; `v` itself without padding.
Value padNHWC(Importer &im, Value v, ArrayRef<int64_t> padding, float value);

/// A tensor.empty of `type`, its dynamic sizes those of `like` (same rank
/// and the same dynamic dimensions).
Value emptyLike(Importer &im, RankedTensorType type, Value like);

/// `empty` filled with `value` (linalg.fill).
Value fillWith(Importer &im, Value empty, float value);

/// An elementwise map of `x` by `fn` on scalars (a linalg.generic).
Value mapElements(Importer &im, Value x,
                  function_ref<Value(OpBuilder &, Location, Value)> fn);

/// erf(v) in arith and math.exp (qnn-to-llvm has no lowering of
/// math.erf): Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7,
/// made odd: erf(-x) = -erf(x).
Value erfApprox(OpBuilder &nb, Location nl, Value v);

/// max(x, lo) / min(x, hi) with a splat constant: the form qnn-fuse-qdq
/// folds into a product's output stage. Dynamic shapes use a generic.
Value clampValue(Importer &im, Value x, std::optional<float> lo,
                 std::optional<float> hi);

/// `entry`, a constant or a dequantized constant of rank < 4, as a new
/// rank-4 entry (leading 1s, as broadcasting aligns them), so that it can
/// be permuted to NHWC at import time. Null when it is neither.
Entry *asRank4(Importer &im, Entry &entry, StringRef name);

} // namespace mlir::qnn::onnx_import

#endif // QUANT_LIB_TARGET_ONNX_FLOATOPUTILS_H
