//===- FloatOpUtils.cpp - Shared pieces of the float op importers ---------===//
//===----------------------------------------------------------------------===//

#include "FloatOpUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

namespace mlir::qnn::onnx_import {

/// Checks that input `i` is a float tensor.
FailureOr<Entry *> floatInput(Importer &im, unsigned i) {
  FailureOr<Entry *> e = im.input(i);
  if (failed(e))
    return failure();
  if (!(*e)->type.getElementType().isF32())
    return im.nodeError() << "type mismatch: input '" << im.inputName(i)
                          << "' must be a float tensor, got " << (*e)->type,
           failure();
  return e;
}

FailureOr<FloatOperand> floatOperand(Importer &im, unsigned i) {
  FailureOr<Entry *> entry = floatInput(im, i);
  if (failed(entry))
    return failure();
  Layout layout = im.currentLayout(i);
  FailureOr<Value> value = im.value(i, layout);
  if (failed(value))
    return failure();
  return FloatOperand{*entry, layout, *value};
}

/// A tensor.pad of `v` (NHWC) by `padding` [top, left, bottom, right] with
/// `value`; `v` itself without padding.
Value padNHWC(Importer &im, Value v, ArrayRef<int64_t> padding, float value) {
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; }))
    return v;
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> low{0, padding[0], padding[1], 0};
  SmallVector<int64_t> high{0, padding[2], padding[3], 0};
  SmallVector<int64_t> shape(type.getShape());
  for (int d = 1; d < 3; ++d)
    if (!ShapedType::isDynamic(shape[d]))
      shape[d] += low[d] + high[d];
  auto padType = RankedTensorType::get(shape, type.getElementType());
  Value pad =
      arith::ConstantOp::create(im.b, im.loc, im.b.getF32FloatAttr(value));
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int d = 0; d < 4; ++d) {
    lowOfr.push_back(im.b.getIndexAttr(low[d]));
    highOfr.push_back(im.b.getIndexAttr(high[d]));
  }
  return tensor::PadOp::create(im.b, im.loc, padType, v, lowOfr, highOfr, pad,
                               /*nofold=*/false);
}

/// A tensor.empty of `type`, its dynamic sizes those of `like` (same rank
/// and the same dynamic dimensions).
Value emptyLike(Importer &im, RankedTensorType type, Value like) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(tensor::DimOp::create(im.b, im.loc, like, d));
  return tensor::EmptyOp::create(im.b, im.loc, type.getShape(),
                                 type.getElementType(), dynamic);
}

Value fillWith(Importer &im, Value empty, float value) {
  Value c =
      arith::ConstantOp::create(im.b, im.loc, im.b.getF32FloatAttr(value));
  return linalg::FillOp::create(im.b, im.loc, ValueRange{c}, ValueRange{empty})
      ->getResult(0);
}

/// An elementwise map of `x` by `fn` on scalars (a linalg.generic).
Value mapElements(Importer &im, Value x,
                  function_ref<Value(OpBuilder &, Location, Value)> fn) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  AffineMap id = im.b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  Value init = emptyLike(im, type, x);
  return linalg::GenericOp::create(
             im.b, im.loc, TypeRange{type}, ValueRange{x}, ValueRange{init},
             ArrayRef<AffineMap>{id, id}, iters,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, fn(nb, nl, args[0]));
             })
      ->getResult(0);
}

/// erf(v) in arith and math.exp (qnn-to-llvm has no lowering of
/// math.erf): Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7,
/// made odd: erf(-x) = -erf(x).
Value erfApprox(OpBuilder &nb, Location nl, Value v) {
  auto cst = [&](float c) {
    return arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(c)).getResult();
  };
  Value a = math::AbsFOp::create(nb, nl, v);
  Value t = arith::DivFOp::create(
      nb, nl, cst(1.0f),
      arith::AddFOp::create(nb, nl, cst(1.0f),
                            arith::MulFOp::create(nb, nl, cst(0.3275911f), a)));
  const float coeffs[] = {1.061405429f, -1.453152027f, 1.421413741f,
                          -0.284496736f, 0.254829592f};
  Value poly = cst(coeffs[0]);
  for (float c : ArrayRef<float>(coeffs).drop_front())
    poly = arith::AddFOp::create(nb, nl, arith::MulFOp::create(nb, nl, poly, t),
                                 cst(c));
  poly = arith::MulFOp::create(nb, nl, poly, t);
  Value e = math::ExpOp::create(
      nb, nl,
      arith::NegFOp::create(nb, nl, arith::MulFOp::create(nb, nl, a, a)));
  Value r = arith::SubFOp::create(nb, nl, cst(1.0f),
                                  arith::MulFOp::create(nb, nl, poly, e));
  return math::CopySignOp::create(nb, nl, r, v);
}

/// max(x, lo) / min(x, hi) with a splat constant: the form qnn-fuse-qdq
/// folds into a product's output stage. Dynamic shapes use a generic.
Value clampValue(Importer &im, Value x, std::optional<float> lo,
                 std::optional<float> hi) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.hasStaticShape()) {
    if (lo)
      x = arith::MaximumFOp::create(im.b, im.loc, x, im.floatSplat(type, *lo));
    if (hi)
      x = arith::MinimumFOp::create(im.b, im.loc, x, im.floatSplat(type, *hi));
    return x;
  }
  return mapElements(im, x, [&](OpBuilder &nb, Location nl, Value v) {
    if (lo)
      v = arith::MaximumFOp::create(
          nb, nl, v,
          arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(*lo)));
    if (hi)
      v = arith::MinimumFOp::create(
          nb, nl, v,
          arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(*hi)));
    return v;
  });
}

/// `entry`, a constant or a dequantized constant of rank < 4, as a new
/// rank-4 entry (leading 1s, as broadcasting aligns them), so that it can
/// be permuted to NHWC at import time. Null when it is neither.
Entry *asRank4(Importer &im, Entry &entry, StringRef name) {
  int64_t rank = entry.type.getRank();
  auto widen = [&](RankedTensorType t) {
    SmallVector<int64_t> shape(4 - rank, 1);
    llvm::append_range(shape, t.getShape());
    Type element = t.getElementType();
    if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
      element = quant::UniformQuantizedPerAxisType::get(
          perAxis.getFlags(), perAxis.getStorageType(),
          perAxis.getExpressedType(), perAxis.getScales(),
          perAxis.getZeroPoints(), perAxis.getQuantizedDimension() + 4 - rank,
          perAxis.getStorageTypeMin(), perAxis.getStorageTypeMax());
    return RankedTensorType::get(shape, element);
  };
  std::string key = ("%r4." + name).str();
  if (im.values.count(key))
    return &im.values.at(key);
  if (entry.constant) {
    RankedTensorType t = widen(entry.type);
    Entry e;
    e.type = t;
    e.constant = entry.constant.reshape(
        RankedTensorType::get(t.getShape(), entry.constant.getElementType()));
    return &(im.values[key] = std::move(e));
  }
  if (!entry.dequantizedConstant.empty()) {
    Entry *q = asRank4(im, im.values.at(entry.dequantizedConstant),
                       entry.dequantizedConstant);
    if (!q)
      return nullptr;
    Entry e;
    e.type = widen(entry.type);
    e.dequantizedConstant = ("%r4." + entry.dequantizedConstant);
    return &(im.values[key] = std::move(e));
  }
  return nullptr;
}

} // namespace mlir::qnn::onnx_import
