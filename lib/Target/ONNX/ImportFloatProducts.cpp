//===- ImportFloatProducts.cpp - ONNX Conv, MatMul, Gemm in float ---------===//
//
// The products of QDQ models in the forms qnn-fuse-qdq recognizes:
// linalg.conv_2d_nhwc_hwcf / depthwise_conv_2d_nhwc_hwc on a tensor.pad of
// 0.0 into zeros or a broadcast bias, linalg.matmul / batch_matmul into a
// zero fill or a broadcast bias.
//
//===----------------------------------------------------------------------===//

#include "FloatOpUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

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
