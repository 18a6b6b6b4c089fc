//===- ImportFloatOps.cpp - ONNX float ops to linalg/tensor/arith ---------===//
//
// The float ops of QDQ models, in the forms qnn-fuse-qdq recognizes:
// linalg.conv_2d_nhwc_hwcf / depthwise_conv_2d_nhwc_hwc on a tensor.pad of
// 0.0 into zeros or a broadcast bias, linalg.matmul / batch_matmul into a
// zero fill or a broadcast bias, linalg.pooling_nhwc_max into -inf,
// pooling_nhwc_sum divided by the window size, arith.addf / mulf on equal
// shapes, max/min with splat constants for ReLU and Clip, tensor.concat.
// What stays float after fusion is lowered by qnn-to-llvm as it is.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

namespace {
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
} // namespace

LogicalResult Importer::importCast(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({"to", "saturate"})))
    return failure();
  FailureOr<Entry *> x = input(0);
  FailureOr<int64_t> to = intAttr("to", 0);
  if (failed(x) || failed(to))
    return failure();
  Type target = elementType(*to);
  if (!target)
    return nodeError() << "unsupported attribute value to = " << *to
                       << " (supported: float, int8, uint8, int32, int64)";
  RankedTensorType xType = (*x)->type;
  Type from = xType.getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(from))
    from = onnxStorageType(q);
  Layout layout = currentLayout(0);
  if (from == target) {
    values[node->output(0)] = **x;
    return success();
  }
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  auto fromInt = dyn_cast<IntegerType>(from);
  auto toInt = dyn_cast<IntegerType>(target);
  Value y;
  if (fromInt && target.isF32() &&
      (fromInt.getWidth() == 8 || fromInt.getWidth() == 32)) {
    // Integers to float: a dequantize with scale 1 and zero point 0 is the
    // conversion, rounded to nearest (the integer and its storage type
    // are the same bits).
    bool isSigned = !fromInt.isUnsigned();
    unsigned width = fromInt.getWidth();
    auto unit = quant::UniformQuantizedType::get(
        isSigned ? quant::QuantizationFlags::Signed : 0,
        b.getIntegerType(width), b.getF32Type(), 1.0, 0,
        isSigned ? -(int64_t(1) << (width - 1)) : 0,
        isSigned ? (int64_t(1) << (width - 1)) - 1 : (int64_t(1) << width) - 1);
    Value q = reinterpret(*xv, unit);
    y = DequantizeOp::create(
        b, loc, cast<RankedTensorType>(q.getType()).clone(b.getF32Type()), q);
  } else if (fromInt && toInt && fromInt.isSignless() && toInt.isSignless()) {
    auto t = cast<RankedTensorType>(xv->getType()).clone(target);
    y = toInt.getWidth() > fromInt.getWidth()
            ? arith::ExtSIOp::create(b, loc, t, *xv).getResult()
            : arith::TruncIOp::create(b, loc, t, *xv).getResult();
  } else if (from.isF32() && toInt && toInt.isSignless() &&
             toInt.getWidth() >= 32) {
    // Toward zero, as C's conversion (out of range is undefined in ONNX).
    y = arith::FPToSIOp::create(
        b, loc, cast<RankedTensorType>(xv->getType()).clone(target), *xv);
  } else {
    return nodeError() << "unsupported cast from " << xType << " to " << target;
  }
  define(0, y, layout, xType.clone(target));
  return success();
}

LogicalResult Importer::importIdentity(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = input(0);
  if (failed(x))
    return failure();
  values[node->output(0)] = **x;
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution and products.
//===----------------------------------------------------------------------===//

LogicalResult Importer::importConv(const onnx::NodeProto &) {
  if (failed(checkArity(2, 3)) ||
      failed(checkAttrs({"auto_pad", "dilations", "group", "kernel_shape",
                         "pads", "strides"})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  FailureOr<Entry *> w = floatInput(*this, 1);
  if (failed(x) || failed(w))
    return failure();
  RankedTensorType xType = (*x)->type, wType = (*w)->type;
  if (xType.getRank() != 4 || wType.getRank() != 4)
    return nodeError() << "only 2-D convolutions are supported (input " << xType
                       << ", filter " << wType << ")";
  if (!wType.hasStaticShape())
    return nodeError() << "the filter's shape must be static, got " << wType;
  FailureOr<Window> win =
      windowAttrs(xType.getShape(), wType.getShape().drop_front(2), false);
  if (failed(win))
    return failure();
  int64_t c = xType.getDimSize(1), f = wType.getDimSize(0);
  if (ShapedType::isDynamic(c) || xType.isDynamicDim(2) ||
      xType.isDynamicDim(3))
    return nodeError() << "unsupported dynamic shape " << xType
                       << " (only the batch may be dynamic)";
  if (c % win->groups || f % win->groups ||
      wType.getDimSize(1) != c / win->groups)
    return nodeError() << "shape mismatch: filter " << wType
                       << " does not fit input " << xType << " with group "
                       << win->groups;
  // Depthwise (one output channel per input channel) has its own linalg
  // op; other groups are one convolution per group, concatenated.
  bool depthwise = win->groups != 1 && win->groups == c && f == c;
  bool grouped = win->groups != 1 && !depthwise;
  int64_t n = xType.getDimSize(0);
  int64_t oh =
      windowOutput(xType.getDimSize(2), win->kernel[0], win->strides[0],
                   win->dilations[0], win->padding[0], win->padding[2]);
  int64_t ow =
      windowOutput(xType.getDimSize(3), win->kernel[1], win->strides[1],
                   win->dilations[1], win->padding[1], win->padding[3]);
  auto outType = RankedTensorType::get({n, oh, ow, f}, b.getF32Type());

  FailureOr<Value> xv = value(0, Layout::NHWC);
  FailureOr<Value> filter =
      value(1, depthwise ? Layout::DepthwiseHWC : Layout::HWCF);
  if (failed(xv) || failed(filter))
    return failure();
  Value input = padNHWC(*this, *xv, win->padding, 0.0f);
  Value init;
  Value empty = emptyLike(*this, outType, *xv);
  if (hasInput(2)) {
    FailureOr<Entry *> bias = floatInput(*this, 2);
    if (failed(bias))
      return failure();
    if ((*bias)->type.getRank() != 1 || (*bias)->type.getDimSize(0) != f)
      return nodeError() << "shape mismatch: bias '" << inputName(2)
                         << "' must have " << f << " elements, got "
                         << (*bias)->type;
    FailureOr<Value> bv = value(2);
    if (failed(bv))
      return failure();
    init = linalg::BroadcastOp::create(b, loc, *bv, empty,
                                       ArrayRef<int64_t>{0, 1, 2})
               ->getResult(0);
  } else {
    init = fillWith(*this, empty, 0.0f);
  }
  Attribute strides = b.getI64TensorAttr(win->strides);
  Attribute dilations = b.getI64TensorAttr(win->dilations);
  Value y;
  if (grouped) {
    // Slices along the channels (NHWC's and HWCF's last dimension).
    auto slice = [&](Value v, int64_t offset, int64_t size) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      int64_t rank = t.getRank();
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
      offsets.back() = b.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes;
      SmallVector<int64_t> shape(t.getShape());
      shape.back() = size;
      for (int64_t d = 0; d < rank; ++d)
        sizes.push_back(
            d == rank - 1 ? OpFoldResult(b.getIndexAttr(size))
            : t.isDynamicDim(d)
                ? OpFoldResult(tensor::DimOp::create(b, loc, v, d).getResult())
                : OpFoldResult(b.getIndexAttr(t.getDimSize(d))));
      SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
      return tensor::ExtractSliceOp::create(
          b, loc, RankedTensorType::get(shape, t.getElementType()), v, offsets,
          sizes, ones);
    };
    int64_t cg = c / win->groups, fg = f / win->groups;
    SmallVector<Value> parts;
    for (int64_t g = 0; g < win->groups; ++g) {
      Value part = slice(init, g * fg, fg);
      parts.push_back(
          linalg::Conv2DNhwcHwcfOp::create(
              b, loc, TypeRange{part.getType()},
              ValueRange{slice(input, g * cg, cg), slice(*filter, g * fg, fg)},
              ValueRange{part}, strides, dilations)
              ->getResult(0));
    }
    y = tensor::ConcatOp::create(b, loc, outType, 3, parts);
  } else if (depthwise)
    y = linalg::DepthwiseConv2DNhwcHwcOp::create(
            b, loc, TypeRange{outType}, ValueRange{input, *filter},
            ValueRange{init}, strides, dilations)
            ->getResult(0);
  else
    y = linalg::Conv2DNhwcHwcfOp::create(b, loc, TypeRange{outType},
                                         ValueRange{input, *filter},
                                         ValueRange{init}, strides, dilations)
            ->getResult(0);
  define(0, y, Layout::NHWC,
         RankedTensorType::get({n, f, oh, ow}, b.getF32Type()));
  return success();
}

/// linalg.matmul / batch_matmul of `l` and `r` into `init` (or zeros).
/// The result's dynamic sizes are `l`'s (rows, batch): N is static.
static Value floatProduct(Importer &im, Value l, Value r, RankedTensorType t,
                          Value init) {
  if (!init)
    init = fillWith(im, emptyLike(im, t, l), 0.0f);
  if (t.getRank() == 2)
    return linalg::MatmulOp::create(im.b, im.loc, TypeRange{t},
                                    ValueRange{l, r}, ValueRange{init})
        ->getResult(0);
  return linalg::BatchMatmulOp::create(im.b, im.loc, TypeRange{t},
                                       ValueRange{l, r}, ValueRange{init})
      ->getResult(0);
}

LogicalResult Importer::importMatMul(const onnx::NodeProto &) {
  if (failed(checkArity(2, 2)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> wEntry = floatInput(*this, 1);
  if (failed(floatInput(*this, 0)) || failed(wEntry))
    return failure();
  if ((*wEntry)->type.getRank() < 2)
    return nodeError() << "matrix products of tensors of rank below 2 are "
                          "not supported (got "
                       << (*wEntry)->type << ")";
  if ((*wEntry)->type.isDynamicDim((*wEntry)->type.getRank() - 1))
    return nodeError() << "unsupported dynamic shape " << (*wEntry)->type
                       << " (the columns of B must be static)";
  FailureOr<Value> a = value(0);
  FailureOr<Value> w = value(1);
  if (failed(a) || failed(w))
    return failure();
  FailureOr<Value> y = buildMatmul(
      *this, *a, *w, b.getF32Type(), [&](Value l, Value r, RankedTensorType t) {
        return floatProduct(*this, l, r, t, Value());
      });
  if (failed(y))
    return failure();
  define(0, *y, Layout::Plain, cast<RankedTensorType>(y->getType()));
  return success();
}

LogicalResult Importer::importGemm(const onnx::NodeProto &) {
  if (failed(checkArity(2, 3)) ||
      failed(checkAttrs({"alpha", "beta", "transA", "transB"})))
    return failure();
  FailureOr<float> alpha = floatAttr("alpha", 1.0f);
  FailureOr<float> beta = floatAttr("beta", 1.0f);
  FailureOr<int64_t> transA = intAttr("transA", 0);
  FailureOr<int64_t> transB = intAttr("transB", 0);
  if (failed(alpha) || failed(beta) || failed(transA) || failed(transB))
    return failure();
  if (*alpha != 1.0f || (hasInput(2) && *beta != 1.0f))
    return nodeError() << "unsupported attribute value: alpha and beta must "
                          "be 1.0";
  FailureOr<Entry *> a = floatInput(*this, 0);
  FailureOr<Entry *> w = floatInput(*this, 1);
  if (failed(a) || failed(w))
    return failure();
  if ((*a)->type.getRank() != 2 || (*w)->type.getRank() != 2)
    return nodeError() << "type mismatch: Gemm takes 2-D tensors, got "
                       << (*a)->type << " and " << (*w)->type;
  FailureOr<Value> av = value(0, *transA ? Layout::Transposed : Layout::Plain);
  FailureOr<Value> wv = value(1, *transB ? Layout::Transposed : Layout::Plain);
  if (failed(av) || failed(wv))
    return failure();
  auto aType = cast<RankedTensorType>(av->getType());
  auto wType = cast<RankedTensorType>(wv->getType());
  int64_t k = aType.getDimSize(1), wk = wType.getDimSize(0);
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(wk) && k != wk)
    return nodeError() << "shape mismatch: " << aType << " x " << wType;
  if (wType.isDynamicDim(1))
    return nodeError() << "unsupported dynamic shape " << wType
                       << " (the columns of B must be static)";
  auto outType = RankedTensorType::get(
      {aType.getDimSize(0), wType.getDimSize(1)}, b.getF32Type());
  Value init;
  if (hasInput(2)) {
    FailureOr<Entry *> c = floatInput(*this, 2);
    if (failed(c))
      return failure();
    RankedTensorType cType = (*c)->type;
    int64_t nOut = outType.getDimSize(1);
    FailureOr<Value> cv = value(2);
    if (failed(cv))
      return failure();
    Value bias = *cv;
    if (cType.getRank() == 2 && cType.getDimSize(0) == 1)
      bias = tensor::CollapseShapeOp::create(
          b, loc, bias, SmallVector<ReassociationIndices>{{0, 1}});
    else if (cType.getRank() == 0)
      bias = tensor::ExpandShapeOp::create(
          b, loc, RankedTensorType::get({1}, b.getF32Type()), bias,
          SmallVector<ReassociationIndices>{});
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (cType == outType) {
      init = *cv;
    } else if (biasType.getRank() == 1 && (biasType.getDimSize(0) == nOut ||
                                           biasType.getDimSize(0) == 1)) {
      if (biasType.getDimSize(0) != nOut) {
        // One value for every column: broadcast along both dimensions.
        Value scalar = tensor::CollapseShapeOp::create(
            b, loc, bias, SmallVector<ReassociationIndices>{});
        init = linalg::BroadcastOp::create(b, loc, scalar,
                                           emptyLike(*this, outType, *av),
                                           ArrayRef<int64_t>{0, 1})
                   ->getResult(0);
      } else {
        init = linalg::BroadcastOp::create(b, loc, bias,
                                           emptyLike(*this, outType, *av),
                                           ArrayRef<int64_t>{0})
                   ->getResult(0);
      }
    } else {
      return nodeError() << "unsupported bias shape " << cType << " for "
                         << outType;
    }
  }
  Value y = floatProduct(*this, *av, *wv, outType, init);
  define(0, y, Layout::Plain, outType);
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise ops.
//===----------------------------------------------------------------------===//

LogicalResult Importer::importBinary(const onnx::NodeProto &n) {
  if (failed(checkArity(2, 2)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> lhs = floatInput(*this, 0);
  FailureOr<Entry *> rhs = floatInput(*this, 1);
  if (failed(lhs) || failed(rhs))
    return failure();
  RankedTensorType lt = (*lhs)->type, rt = (*rhs)->type;
  // NumPy broadcasting of the ONNX shapes.
  int64_t rank = std::max(lt.getRank(), rt.getRank());
  SmallVector<int64_t> shape(rank);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t li = d - (rank - lt.getRank()), ri = d - (rank - rt.getRank());
    int64_t l = li >= 0 ? lt.getDimSize(li) : 1;
    int64_t r = ri >= 0 ? rt.getDimSize(ri) : 1;
    if (l == 1)
      shape[d] = r;
    else if (r == 1 || l == r)
      shape[d] = l;
    else if (ShapedType::isDynamic(l) || ShapedType::isDynamic(r))
      shape[d] = ShapedType::isDynamic(l) ? r : l;
    else
      return nodeError() << "shape mismatch: " << lt << " and " << rt
                         << " do not broadcast";
  }
  // Stay NHWC when an input is NHWC and the other can follow at no cost
  // (NHWC too, or a constant permuted at import).
  Layout layout = Layout::Plain;
  SmallVector<Entry *, 2> entries{*lhs, *rhs};
  if (rank == 4 &&
      (currentLayout(0) == Layout::NHWC || currentLayout(1) == Layout::NHWC)) {
    layout = Layout::NHWC;
    for (auto [i, e] : llvm::enumerate(entries)) {
      if (e->type.getRank() == 4)
        continue;
      Entry *wide = asRank4(*this, *e, inputName(i));
      if (!wide) {
        layout = Layout::Plain;
        break;
      }
      entries[i] = wide;
    }
    if (layout == Layout::Plain)
      entries = {*lhs, *rhs};
  }
  SmallVector<Value, 2> operands;
  for (Entry *e : entries) {
    FailureOr<Value> v = valueOf(*e, layout);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  auto onnxType = RankedTensorType::get(shape, b.getF32Type());
  RankedTensorType outType = inLayout(onnxType, layout);
  StringRef op = n.op_type();
  auto combine = [&](OpBuilder &nb, Location nl, Value l, Value r) -> Value {
    if (op == "Add")
      return arith::AddFOp::create(nb, nl, l, r);
    if (op == "Sub")
      return arith::SubFOp::create(nb, nl, l, r);
    if (op == "Mul")
      return arith::MulFOp::create(nb, nl, l, r);
    return arith::DivFOp::create(nb, nl, l, r);
  };
  Value y;
  if (operands[0].getType() == outType && operands[1].getType() == outType &&
      outType.hasStaticShape()) {
    y = combine(b, loc, operands[0], operands[1]);
  } else {
    // Broadcasting: a linalg.generic whose maps read size-1 dimensions at 0.
    SmallVector<AffineMap> maps;
    SmallVector<Value> dynamic;
    for (Value v : operands) {
      auto t = cast<RankedTensorType>(v.getType());
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < t.getRank(); ++d) {
        int64_t od = d + rank - t.getRank();
        exprs.push_back(t.getDimSize(d) == 1 && outType.getDimSize(od) != 1
                            ? b.getAffineConstantExpr(0)
                            : b.getAffineDimExpr(od));
      }
      maps.push_back(AffineMap::get(rank, 0, exprs, context));
    }
    for (int64_t d = 0; d < rank; ++d) {
      if (!outType.isDynamicDim(d))
        continue;
      for (Value v : operands) {
        auto t = cast<RankedTensorType>(v.getType());
        int64_t id = d - (rank - t.getRank());
        if (id >= 0 && t.getDimSize(id) != 1) {
          dynamic.push_back(tensor::DimOp::create(b, loc, v, id));
          break;
        }
      }
    }
    maps.push_back(b.getMultiDimIdentityMap(rank));
    Value init = tensor::EmptyOp::create(b, loc, outType.getShape(),
                                         b.getF32Type(), dynamic);
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    y = linalg::GenericOp::create(
            b, loc, TypeRange{outType}, operands, ValueRange{init}, maps, iters,
            [&](OpBuilder &nb, Location nl, ValueRange args) {
              linalg::YieldOp::create(nb, nl,
                                      combine(nb, nl, args[0], args[1]));
            })
            ->getResult(0);
  }
  define(0, y, layout, onnxType);
  return success();
}

LogicalResult Importer::importRelu(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  define(0, clampValue(*this, *xv, 0.0f, std::nullopt), layout, (*x)->type);
  return success();
}

LogicalResult Importer::importClip(const onnx::NodeProto &) {
  if (failed(checkArity(1, 3)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  std::optional<float> lo, hi;
  for (unsigned i : {1u, 2u}) {
    if (!hasInput(i))
      continue;
    FailureOr<SmallVector<double>> v = floatValues(i, i == 1 ? "min" : "max");
    if (failed(v))
      return failure();
    if (v->size() != 1)
      return nodeError() << (i == 1 ? "min" : "max") << " must be a scalar";
    (i == 1 ? lo : hi) = static_cast<float>((*v)[0]);
  }
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  define(0, clampValue(*this, *xv, lo, hi), layout, (*x)->type);
  return success();
}

LogicalResult Importer::importUnary(const onnx::NodeProto &n) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  StringRef op = n.op_type();
  Value y = mapElements(*this, *xv, [&](OpBuilder &nb, Location nl, Value v) {
    if (op == "Erf")
      return erfApprox(nb, nl, v);
    // Sigmoid: 1 / (1 + exp(-x)).
    Value one = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(1.0f));
    Value e = math::ExpOp::create(nb, nl, arith::NegFOp::create(nb, nl, v));
    return arith::DivFOp::create(nb, nl, one,
                                 arith::AddFOp::create(nb, nl, one, e))
        .getResult();
  });
  define(0, y, layout, (*x)->type);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling.
//===----------------------------------------------------------------------===//

Value onnx_import::floatPool(Importer &im, Value x, const Importer::Window &win,
                             RankedTensorType outType, bool isMax,
                             bool countIncludePad) {
  float padValue = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  Value input = padNHWC(im, x, win.padding, padValue);
  Value init = fillWith(im, emptyLike(im, outType, x), padValue);
  Value window =
      tensor::EmptyOp::create(im.b, im.loc, win.kernel, im.b.getF32Type());
  Attribute strides = im.b.getI64TensorAttr(win.strides);
  Attribute dilations = im.b.getI64TensorAttr(win.dilations);
  if (isMax)
    return linalg::PoolingNhwcMaxOp::create(
               im.b, im.loc, TypeRange{outType}, ValueRange{input, window},
               ValueRange{init}, strides, dilations)
        ->getResult(0);
  Value y = linalg::PoolingNhwcSumOp::create(
                im.b, im.loc, TypeRange{outType}, ValueRange{input, window},
                ValueRange{init}, strides, dilations)
                ->getResult(0);
  double count = static_cast<double>(win.kernel[0] * win.kernel[1]);
  bool padded = llvm::any_of(win.padding, [](int64_t p) { return p != 0; });
  if (!countIncludePad && padded) {
    // Each window divides by the number of its taps inside the input: a
    // constant OH x OW table of counts (static spatial sizes).
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t h = xType.getDimSize(1), w = xType.getDimSize(2);
    int64_t oh = outType.getDimSize(1), ow = outType.getDimSize(2);
    auto inside = [](int64_t start, int64_t k, int64_t size) {
      return std::min(start + k, size) - std::max<int64_t>(start, 0);
    };
    SmallVector<float> counts;
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j)
        counts.push_back(static_cast<float>(
            inside(i * win.strides[0] - win.padding[0], win.kernel[0], h) *
            inside(j * win.strides[1] - win.padding[1], win.kernel[1], w)));
    auto countType = RankedTensorType::get({oh, ow}, im.b.getF32Type());
    Value table = arith::ConstantOp::create(
        im.b, im.loc, countType,
        DenseElementsAttr::get(countType, ArrayRef<float>(counts)));
    AffineMap id = im.b.getMultiDimIdentityMap(4);
    AffineMap hw = AffineMap::get(
        4, 0, {im.b.getAffineDimExpr(1), im.b.getAffineDimExpr(2)}, im.context);
    SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
    return linalg::GenericOp::create(
               im.b, im.loc, TypeRange{outType}, ValueRange{y, table},
               ValueRange{emptyLike(im, outType, y)},
               ArrayRef<AffineMap>{id, hw, id}, iters,
               [&](OpBuilder &nb, Location nl, ValueRange args) {
                 Value q = arith::DivFOp::create(nb, nl, args[0], args[1]);
                 linalg::YieldOp::create(nb, nl, q);
               })
        ->getResult(0);
  }
  if (outType.hasStaticShape())
    return arith::DivFOp::create(im.b, im.loc, y,
                                 im.floatSplat(outType, count));
  return mapElements(im, y, [&](OpBuilder &nb, Location nl, Value v) {
    return arith::DivFOp::create(
               nb, nl, v,
               arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(count)))
        .getResult();
  });
}

/// MaxPool / AveragePool: checks, window, output shape.
static LogicalResult importPool(Importer &im, bool isMax) {
  if (failed(im.checkArity(1, 1)))
    return failure();
  SmallVector<StringRef> known{"auto_pad",     "ceil_mode", "dilations",
                               "kernel_shape", "pads",      "strides"};
  known.push_back(isMax ? "storage_order" : "count_include_pad");
  if (failed(im.checkAttrs(known)))
    return failure();
  if (im.node->output_size() > 1 && !im.node->output(1).empty())
    return im.nodeError() << "the Indices output is not supported";
  FailureOr<Entry *> x = im.input(0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  // MaxPool of 8-bit data (QOperator models pool uint8 directly) is
  // qnn.max_pool2d: the maximum of the storage values, exactly.
  Type element = xType.getElementType();
  bool quantized = false;
  if (isMax) {
    if (auto it = dyn_cast<IntegerType>(element); it && it.getWidth() == 8) {
      bool isSigned = !it.isUnsigned();
      element = quant::UniformQuantizedType::get(
          isSigned ? quant::QuantizationFlags::Signed : 0,
          im.b.getIntegerType(8), im.b.getF32Type(), 1.0, 0,
          isSigned ? -128 : 0, isSigned ? 127 : 255);
      quantized = true;
    } else if (isa<quant::UniformQuantizedType>(element)) {
      quantized = true;
    }
  }
  if (!quantized && !element.isF32())
    return im.nodeError() << "type mismatch: input '" << im.inputName(0)
                          << "' must be a float"
                          << (isMax ? ", uint8 or int8" : "") << " tensor, got "
                          << xType;
  if (xType.getRank() != 4)
    return im.nodeError() << "only 2-D pooling is supported, got " << xType;
  if (xType.isDynamicDim(1) || xType.isDynamicDim(2) || xType.isDynamicDim(3))
    return im.nodeError() << "unsupported dynamic shape " << xType
                          << " (only the batch may be dynamic)";
  if (!im.attr("kernel_shape"))
    return im.nodeError() << "attribute 'kernel_shape' is required";
  FailureOr<Importer::Window> win = im.windowAttrs(xType.getShape(), {}, false);
  FailureOr<int64_t> ceil = im.intAttr("ceil_mode", 0);
  FailureOr<int64_t> order = im.intAttr("storage_order", 0);
  FailureOr<int64_t> includePad = im.intAttr("count_include_pad", 0);
  if (failed(win) || failed(ceil) || failed(order) || failed(includePad))
    return failure();
  if (*ceil != 0)
    return im.nodeError() << "unsupported attribute value ceil_mode = "
                          << *ceil;
  if (*order != 0)
    return im.nodeError() << "unsupported attribute value storage_order = "
                          << *order;
  if (!isMax && llvm::any_of(win->dilations, [](int64_t d) { return d != 1; }))
    return im.nodeError() << "unsupported: dilated average pooling";
  int64_t oh = Importer::windowOutput(xType.getDimSize(2), win->kernel[0],
                                      win->strides[0], win->dilations[0],
                                      win->padding[0], win->padding[2]);
  int64_t ow = Importer::windowOutput(xType.getDimSize(3), win->kernel[1],
                                      win->strides[1], win->dilations[1],
                                      win->padding[1], win->padding[3]);
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  auto outType = RankedTensorType::get({n, oh, ow, c}, im.b.getF32Type());
  FailureOr<Value> xv = im.value(0, Layout::NHWC);
  if (failed(xv))
    return failure();
  if (quantized) {
    for (int d = 0; d < 2; ++d)
      if (win->padding[d] >= win->kernel[d] ||
          win->padding[d + 2] >= win->kernel[d])
        return im.nodeError() << "unsupported: padding as large as the "
                                 "kernel";
    Value input = im.reinterpret(*xv, element);
    Value y = MaxPool2dOp::create(im.b, im.loc, outType.clone(element), input,
                                  win->kernel, win->strides, win->dilations,
                                  win->padding);
    im.define(0, y, Layout::NHWC,
              RankedTensorType::get({n, c, oh, ow}, element));
    return success();
  }
  Value y = floatPool(im, *xv, *win, outType, isMax, *includePad != 0);
  im.define(0, y, Layout::NHWC,
            RankedTensorType::get({n, c, oh, ow}, im.b.getF32Type()));
  return success();
}

LogicalResult Importer::importMaxPool(const onnx::NodeProto &) {
  return importPool(*this, /*isMax=*/true);
}

LogicalResult Importer::importAveragePool(const onnx::NodeProto &) {
  return importPool(*this, /*isMax=*/false);
}

LogicalResult Importer::importGlobalAveragePool(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  if (xType.getRank() != 4 || xType.isDynamicDim(2) || xType.isDynamicDim(3))
    return nodeError() << "expected a 4-D input with static H and W, got "
                       << xType;
  Window win;
  win.kernel = {xType.getDimSize(2), xType.getDimSize(3)};
  win.strides = {1, 1};
  win.dilations = {1, 1};
  win.padding = {0, 0, 0, 0};
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  auto outType = RankedTensorType::get({n, 1, 1, c}, b.getF32Type());
  FailureOr<Value> xv = value(0, Layout::NHWC);
  if (failed(xv))
    return failure();
  Value y = floatPool(*this, *xv, win, outType, /*isMax=*/false);
  define(0, y, Layout::NHWC,
         RankedTensorType::get({n, c, 1, 1}, b.getF32Type()));
  return success();
}

//===----------------------------------------------------------------------===//
// Shapes.
//===----------------------------------------------------------------------===//

LogicalResult Importer::importFlatten(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({"axis"})))
    return failure();
  FailureOr<Entry *> x = input(0);
  FailureOr<int64_t> axisAttr = intAttr("axis", 1);
  if (failed(x) || failed(axisAttr))
    return failure();
  RankedTensorType xType = (*x)->type;
  int64_t rank = xType.getRank(), axis = *axisAttr;
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return nodeError() << "axis " << *axisAttr << " is out of range for "
                       << xType;
  auto product = [&](int64_t from, int64_t to) {
    int64_t p = 1;
    for (int64_t d = from; d < to; ++d) {
      if (xType.isDynamicDim(d))
        return ShapedType::kDynamic;
      p *= xType.getDimSize(d);
    }
    return p;
  };
  auto outType = RankedTensorType::get({product(0, axis), product(axis, rank)},
                                       xType.getElementType());
  // N x C x 1 x 1 in NHWC flattens to the same N x C: no transpose back.
  bool unitSpatial = rank == 4 && xType.getDimSize(2) == 1 &&
                     xType.getDimSize(3) == 1 && axis == 1;
  Layout layout = unitSpatial ? currentLayout(0) : Layout::Plain;
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  Value y;
  if (axis == 0 || axis == rank) {
    if (!outType.hasStaticShape())
      return nodeError() << "unsupported dynamic shape " << xType;
    y = reshape(*xv, outType.getShape());
  } else {
    ReassociationIndices lead, tail;
    for (int64_t d = 0; d < axis; ++d)
      lead.push_back(d);
    for (int64_t d = axis; d < rank; ++d)
      tail.push_back(d);
    if (layout == Layout::NHWC)
      tail = {1, 2, 3};
    if (isa<quant::UniformQuantizedPerAxisType>(xType.getElementType()))
      return nodeError() << "unsupported: flattening a tensor quantized per "
                            "axis";
    y = onStorage(*xv, [&](Value v) -> Value {
      return tensor::CollapseShapeOp::create(
          b, loc, v, SmallVector<ReassociationIndices>{lead, tail});
    });
  }
  define(0, y, Layout::Plain, outType);
  return success();
}

LogicalResult Importer::importReshape(const onnx::NodeProto &) {
  if (failed(checkArity(2, 2)) || failed(checkAttrs({"allowzero"})))
    return failure();
  FailureOr<Entry *> x = input(0);
  FailureOr<int64_t> allowZero = intAttr("allowzero", 0);
  if (failed(x) || failed(allowZero))
    return failure();
  FailureOr<SmallVector<int64_t>> target = intValues(1, "shape");
  if (failed(target))
    return failure();
  RankedTensorType xType = (*x)->type;
  if (!xType.hasStaticShape())
    return nodeError() << "unsupported dynamic shape " << xType;
  SmallVector<int64_t> shape;
  int64_t known = 1, inferred = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == 0 && !*allowZero) {
      if (static_cast<int64_t>(i) >= xType.getRank())
        return nodeError() << "shape mismatch: shape entry " << i
                           << " copies a dimension " << xType << " lacks";
      d = xType.getDimSize(i);
    }
    if (d == -1) {
      if (inferred >= 0)
        return nodeError() << "shape mismatch: two -1 entries in the shape";
      inferred = i;
      shape.push_back(1);
      continue;
    }
    if (d < 0)
      return nodeError() << "shape mismatch: negative shape entry " << d;
    if (d > (int64_t(1) << 40) || (d && known > (int64_t(1) << 40) / d))
      return nodeError() << "shape mismatch: shape entry " << d
                         << " is out of range";
    shape.push_back(d);
    known *= d;
  }
  int64_t total = xType.getNumElements();
  if (inferred >= 0) {
    if (known == 0 || total % known)
      return nodeError() << "shape mismatch: cannot reshape " << xType;
    shape[inferred] = total / known;
    known *= shape[inferred];
  }
  if (known != total)
    return nodeError() << "shape mismatch: cannot reshape " << xType << " to "
                       << shape.size() << "-D shape of " << known
                       << " elements";
  FailureOr<Value> xv = value(0);
  if (failed(xv))
    return failure();
  define(0, reshape(*xv, shape), Layout::Plain,
         RankedTensorType::get(shape, xType.getElementType()));
  return success();
}

LogicalResult Importer::importTranspose(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({"perm"})))
    return failure();
  FailureOr<Entry *> x = input(0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  int64_t rank = xType.getRank();
  if (rank <= 1 && !attr("perm")) {
    values[node->output(0)] = **x;
    return success();
  }
  SmallVector<int64_t> reversed;
  for (int64_t d = rank - 1; d >= 0; --d)
    reversed.push_back(d);
  FailureOr<SmallVector<int64_t>> perm = intsAttr("perm", reversed);
  if (failed(perm))
    return failure();
  SmallVector<bool> seen(rank, false);
  if (static_cast<int64_t>(perm->size()) != rank)
    return nodeError() << "unsupported attribute value: perm has "
                       << perm->size() << " entries for rank " << rank;
  for (int64_t p : *perm) {
    if (p < 0 || p >= rank || seen[p])
      return nodeError() << "unsupported attribute value: perm is not a "
                            "permutation";
    seen[p] = true;
  }
  if (rank <= 1) {
    values[node->output(0)] = **x;
    return success();
  }
  SmallVector<int64_t> shape;
  for (int64_t p : *perm)
    shape.push_back(xType.getDimSize(p));
  // From NHWC, one transpose: result dimension i is ONNX dimension
  // perm[i], which NHWC holds at position inverse(nhwc)[perm[i]].
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  SmallVector<int64_t> actual(*perm);
  if (layout == Layout::NHWC) {
    SmallVector<int64_t> nhwc = layoutPermutation(Layout::NHWC, 4);
    SmallVector<int64_t> inverse(4);
    for (int64_t d = 0; d < 4; ++d)
      inverse[nhwc[d]] = d;
    for (int64_t &p : actual)
      p = inverse[p];
  }
  Value y = transpose(*xv, actual);
  define(0, y, Layout::Plain,
         RankedTensorType::get(shape, xType.getElementType()));
  return success();
}

LogicalResult Importer::importConcat(const onnx::NodeProto &) {
  if (node->input_size() < 1)
    return nodeError() << "expected at least 1 input";
  if (failed(checkAttrs({"axis"})))
    return failure();
  FailureOr<int64_t> axisAttr = intAttr("axis", 0);
  if (failed(axisAttr))
    return failure();
  if (!attr("axis"))
    return nodeError() << "attribute 'axis' is required";
  SmallVector<Entry *> entries;
  for (int i = 0; i < node->input_size(); ++i) {
    FailureOr<Entry *> e = floatInput(*this, i);
    if (failed(e))
      return failure();
    entries.push_back(*e);
  }
  int64_t rank = entries[0]->type.getRank();
  int64_t axis = *axisAttr < 0 ? *axisAttr + rank : *axisAttr;
  if (axis < 0 || axis >= rank)
    return nodeError() << "axis " << *axisAttr << " is out of range";
  SmallVector<int64_t> shape(entries[0]->type.getShape());
  shape[axis] = 0;
  for (auto [i, e] : llvm::enumerate(entries)) {
    if (e->type.getRank() != rank)
      return nodeError() << "shape mismatch: inputs of ranks " << rank
                         << " and " << e->type.getRank();
    for (int64_t d = 0; d < rank; ++d) {
      int64_t s = e->type.getDimSize(d);
      if (d == axis) {
        shape[d] = ShapedType::isDynamic(s) || ShapedType::isDynamic(shape[d])
                       ? ShapedType::kDynamic
                       : shape[d] + s;
      } else if (!ShapedType::isDynamic(s) &&
                 !ShapedType::isDynamic(shape[d]) && s != shape[d]) {
        return nodeError() << "shape mismatch: input " << i << " is "
                           << e->type;
      }
    }
  }
  // Channels (axis 1) of NHWC inputs concatenate along NHWC's axis 3.
  Layout layout = Layout::Plain;
  if (rank == 4)
    for (int i = 0; i < node->input_size(); ++i)
      if (currentLayout(i) == Layout::NHWC)
        layout = Layout::NHWC;
  SmallVector<Value> operands;
  for (Entry *e : entries) {
    FailureOr<Value> v = valueOf(*e, layout);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  int64_t dim = axis;
  if (layout == Layout::NHWC) {
    SmallVector<int64_t> nhwc = layoutPermutation(Layout::NHWC, 4);
    for (int64_t d = 0; d < 4; ++d)
      if (nhwc[d] == axis)
        dim = d;
  }
  auto onnxType = RankedTensorType::get(shape, b.getF32Type());
  Value y = tensor::ConcatOp::create(b, loc, inLayout(onnxType, layout), dim,
                                     operands);
  define(0, y, layout, onnxType);
  return success();
}

/// Squeeze / Unsqueeze: the axes input (opset 13) and the new shape.
static LogicalResult importSqueezeLike(Importer &im, bool squeeze) {
  if (failed(im.checkArity(squeeze ? 1 : 2, 2)) || failed(im.checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = im.input(0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  if (!xType.hasStaticShape())
    return im.nodeError() << "unsupported dynamic shape " << xType;
  SmallVector<int64_t> axes;
  if (im.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> a = im.intValues(1, "axes");
    if (failed(a))
      return failure();
    axes = *a;
  }
  int64_t outRank = xType.getRank() + (squeeze ? 0 : axes.size());
  SmallVector<bool> marked(squeeze ? xType.getRank() : outRank, false);
  for (int64_t a : axes) {
    int64_t r = squeeze ? xType.getRank() : outRank;
    int64_t d = a < 0 ? a + r : a;
    if (d < 0 || d >= r || marked[d])
      return im.nodeError() << "axis " << a << " is out of range or repeated";
    marked[d] = true;
  }
  SmallVector<int64_t> shape;
  if (squeeze) {
    for (int64_t d = 0; d < xType.getRank(); ++d) {
      int64_t s = xType.getDimSize(d);
      bool drop = axes.empty() ? s == 1 : marked[d];
      if (drop && s != 1)
        return im.nodeError() << "shape mismatch: dimension " << d << " of "
                              << xType << " is not 1";
      if (!drop)
        shape.push_back(s);
    }
  } else {
    int64_t next = 0;
    for (int64_t d = 0; d < outRank; ++d)
      shape.push_back(marked[d] ? 1 : xType.getDimSize(next++));
  }
  FailureOr<Value> xv = im.value(0);
  if (failed(xv))
    return failure();
  im.define(0, im.reshape(*xv, shape), Layout::Plain,
            RankedTensorType::get(shape, xType.getElementType()));
  return success();
}

LogicalResult Importer::importSqueeze(const onnx::NodeProto &) {
  return importSqueezeLike(*this, /*squeeze=*/true);
}

LogicalResult Importer::importUnsqueeze(const onnx::NodeProto &) {
  return importSqueezeLike(*this, /*squeeze=*/false);
}

/// A reduction of `x` along `axis` (maximum or sum), its result keeping
/// the dimension with size 1 so that it broadcasts back.
static Value reduceAxis(Importer &im, Value x, int64_t axis, bool isMax) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape(type.getShape());
  shape[axis] = 1;
  auto outType = RankedTensorType::get(shape, type.getElementType());
  float init = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < rank; ++d)
    if (outType.isDynamicDim(d))
      dynamic.push_back(tensor::DimOp::create(im.b, im.loc, x, d));
  Value empty = tensor::EmptyOp::create(im.b, im.loc, shape,
                                        type.getElementType(), dynamic);
  Value acc = fillWith(im, empty, init);
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iters;
  for (int64_t d = 0; d < rank; ++d) {
    outExprs.push_back(d == axis ? im.b.getAffineConstantExpr(0)
                                 : im.b.getAffineDimExpr(d));
    iters.push_back(d == axis ? utils::IteratorType::reduction
                              : utils::IteratorType::parallel);
  }
  SmallVector<AffineMap> maps{im.b.getMultiDimIdentityMap(rank),
                              AffineMap::get(rank, 0, outExprs, im.context)};
  return linalg::GenericOp::create(
             im.b, im.loc, TypeRange{outType}, ValueRange{x}, ValueRange{acc},
             maps, iters,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value r =
                   isMax ? arith::MaximumFOp::create(nb, nl, args[1], args[0])
                               .getResult()
                         : arith::AddFOp::create(nb, nl, args[1], args[0])
                               .getResult();
               linalg::YieldOp::create(nb, nl, r);
             })
      ->getResult(0);
}

/// `fn(x, r)` elementwise, `r` (x's shape with size 1 along `axis`)
/// broadcast along `axis`.
static Value
withReduced(Importer &im, Value x, Value r, int64_t axis,
            function_ref<Value(OpBuilder &, Location, Value, Value)> fn) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<AffineExpr> rExprs;
  for (int64_t d = 0; d < rank; ++d)
    rExprs.push_back(d == axis ? im.b.getAffineConstantExpr(0)
                               : im.b.getAffineDimExpr(d));
  AffineMap id = im.b.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> maps{id, AffineMap::get(rank, 0, rExprs, im.context),
                              id};
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             im.b, im.loc, TypeRange{type}, ValueRange{x, r},
             ValueRange{emptyLike(im, type, x)}, maps, iters,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, fn(nb, nl, args[0], args[1]));
             })
      ->getResult(0);
}

/// The axis attribute of a node on a tensor of `rank`, made non-negative.
static FailureOr<int64_t> axisOf(Importer &im, int64_t defaultValue,
                                 int64_t rank) {
  FailureOr<int64_t> a = im.intAttr("axis", defaultValue);
  if (failed(a))
    return failure();
  int64_t axis = *a < 0 ? *a + rank : *a;
  if (axis < 0 || axis >= rank)
    return im.nodeError() << "axis " << *a << " is out of range for rank "
                          << rank,
           failure();
  return axis;
}

LogicalResult Importer::importSoftmax(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({"axis"})))
    return failure();
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->type.getRank();
  FailureOr<int64_t> axis = axisOf(*this, -1, rank);
  if (failed(axis))
    return failure();
  // NHWC input: the same softmax along the axis's NHWC position.
  Layout layout = currentLayout(0);
  int64_t dim = *axis;
  if (layout == Layout::NHWC) {
    SmallVector<int64_t> nhwc = layoutPermutation(Layout::NHWC, 4);
    for (int64_t d = 0; d < 4; ++d)
      if (nhwc[d] == *axis)
        dim = d;
  }
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  // As ONNX Runtime's kernel: the maximum, exp(x - max) and its sum, then
  // a multiplication by the reciprocal of the sum.
  Value max = reduceAxis(*this, *xv, dim, /*isMax=*/true);
  Value e = withReduced(
      *this, *xv, max, dim, [](OpBuilder &nb, Location nl, Value v, Value m) {
        return math::ExpOp::create(nb, nl, arith::SubFOp::create(nb, nl, v, m))
            .getResult();
      });
  Value sum = reduceAxis(*this, e, dim, /*isMax=*/false);
  Value y = withReduced(
      *this, e, sum, dim, [](OpBuilder &nb, Location nl, Value v, Value s) {
        Value one = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(1.0f));
        return arith::MulFOp::create(nb, nl, v,
                                     arith::DivFOp::create(nb, nl, one, s))
            .getResult();
      });
  define(0, y, layout, (*x)->type);
  return success();
}

LogicalResult Importer::importLayerNormalization(const onnx::NodeProto &) {
  if (failed(checkArity(2, 3)) ||
      failed(checkAttrs({"axis", "epsilon", "stash_type"})))
    return failure();
  if (node->output_size() > 1)
    for (int i = 1; i < node->output_size(); ++i)
      if (!node->output(i).empty())
        return nodeError() << "the Mean and InvStdDev outputs are not "
                              "supported";
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  int64_t rank = xType.getRank();
  FailureOr<int64_t> axis = axisOf(*this, -1, rank);
  FailureOr<float> epsilon = floatAttr("epsilon", 1e-5f);
  FailureOr<int64_t> stash = intAttr("stash_type", 1);
  if (failed(axis) || failed(epsilon) || failed(stash))
    return failure();
  if (*axis != rank - 1)
    return nodeError() << "unsupported: normalization over more than the "
                          "last dimension (axis "
                       << *axis << ")";
  if (*stash != 1)
    return nodeError() << "unsupported attribute value stash_type = " << *stash;
  int64_t n = xType.getDimSize(rank - 1);
  if (ShapedType::isDynamic(n))
    return nodeError() << "the normalized dimension must be static";
  for (unsigned i : {1u, 2u}) {
    if (!hasInput(i))
      continue;
    FailureOr<Entry *> p = floatInput(*this, i);
    if (failed(p))
      return failure();
    if ((*p)->type.getRank() != 1 || (*p)->type.getDimSize(0) != n)
      return nodeError() << "shape mismatch: '" << inputName(i)
                         << "' must have " << n << " elements, got "
                         << (*p)->type;
  }
  FailureOr<Value> xv = value(0);
  FailureOr<Value> scale = value(1);
  if (failed(xv) || failed(scale))
    return failure();
  Value bias;
  if (hasInput(2)) {
    FailureOr<Value> bv = value(2);
    if (failed(bv))
      return failure();
    bias = *bv;
  }
  int64_t last = rank - 1;
  float count = static_cast<float>(n);
  // mean = sum(x) / N; var = sum((x - mean)^2) / N;
  // y = (x - mean) / sqrt(var + epsilon) * scale + bias.
  Value sum = reduceAxis(*this, *xv, last, /*isMax=*/false);
  Value centred = withReduced(
      *this, *xv, sum, last, [&](OpBuilder &nb, Location nl, Value v, Value s) {
        Value c = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(count));
        return arith::SubFOp::create(nb, nl, v,
                                     arith::DivFOp::create(nb, nl, s, c))
            .getResult();
      });
  Value squares =
      mapElements(*this, centred, [](OpBuilder &nb, Location nl, Value v) {
        return arith::MulFOp::create(nb, nl, v, v).getResult();
      });
  Value sumSquares = reduceAxis(*this, squares, last, /*isMax=*/false);
  Value normalized = withReduced(
      *this, centred, sumSquares, last,
      [&](OpBuilder &nb, Location nl, Value v, Value s) {
        Value c = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(count));
        Value eps =
            arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(*epsilon));
        Value var = arith::DivFOp::create(nb, nl, s, c);
        Value sd = math::SqrtOp::create(
            nb, nl, arith::AddFOp::create(nb, nl, var, eps));
        return arith::DivFOp::create(nb, nl, v, sd).getResult();
      });
  // Scale and bias along the last dimension.
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap lastOnly = AffineMap::get(rank, 0, b.getAffineDimExpr(last));
  SmallVector<Value> ins{normalized, *scale};
  SmallVector<AffineMap> maps{id, lastOnly};
  if (bias) {
    ins.push_back(bias);
    maps.push_back(lastOnly);
  }
  maps.push_back(id);
  auto type = cast<RankedTensorType>(normalized.getType());
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  Value y = linalg::GenericOp::create(
                b, loc, TypeRange{type}, ins,
                ValueRange{emptyLike(*this, type, normalized)}, maps, iters,
                [&](OpBuilder &nb, Location nl, ValueRange args) {
                  Value r = arith::MulFOp::create(nb, nl, args[0], args[1]);
                  if (bias)
                    r = arith::AddFOp::create(nb, nl, r, args[2]);
                  linalg::YieldOp::create(nb, nl, r);
                })
                ->getResult(0);
  define(0, y, Layout::Plain, xType);
  return success();
}

LogicalResult Importer::importGelu(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({"approximate"})))
    return failure();
  FailureOr<std::string> approximate = stringAttr("approximate", "none");
  if (failed(approximate))
    return failure();
  if (*approximate != "none" && *approximate != "tanh")
    return nodeError() << "unsupported attribute value approximate = '"
                       << *approximate << "'";
  FailureOr<Entry *> x = floatInput(*this, 0);
  if (failed(x))
    return failure();
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  bool useTanh = *approximate == "tanh";
  Value y = mapElements(*this, *xv, [&](OpBuilder &nb, Location nl, Value v) {
    auto cst = [&](float c) {
      return arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(c))
          .getResult();
    };
    Value inner;
    if (useTanh) {
      // tanh(sqrt(2 / pi) * (x + 0.044715 x^3))
      Value cube =
          arith::MulFOp::create(nb, nl, v, arith::MulFOp::create(nb, nl, v, v));
      Value poly = arith::AddFOp::create(
          nb, nl, v, arith::MulFOp::create(nb, nl, cst(0.044715f), cube));
      inner = math::TanhOp::create(
          nb, nl, arith::MulFOp::create(nb, nl, cst(0.7978845608f), poly));
    } else {
      // erf(x / sqrt(2))
      inner = erfApprox(nb, nl,
                        arith::MulFOp::create(nb, nl, v, cst(0.70710678118f)));
    }
    Value half = arith::MulFOp::create(nb, nl, cst(0.5f), v);
    return arith::MulFOp::create(
               nb, nl, half, arith::AddFOp::create(nb, nl, cst(1.0f), inner))
        .getResult();
  });
  define(0, y, layout, (*x)->type);
  return success();
}
