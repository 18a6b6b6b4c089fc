//===- ImportQOperator.cpp - QLinear* and *Integer ops to qnn -------------===//
//
// ONNX's QOperator format: the quantized ops with their scales and zero
// points as inputs. Constant parameters fold into the !quant.uniform types
// of qnn.conv2d / qnn.matmul, whose `float` output stage is the one ONNX
// Runtime's QLinearConv / QLinearMatMul kernels compute
// (rne(f32(acc) * f32(f32(s_a * s_w) / s_y)) + z_y, saturated).
// MatMulInteger / ConvInteger are the same products with an i32 result and
// scales of 1.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

namespace {
/// The ONNX integer type of an entry (its storage type when quantized).
IntegerType integerTypeOf(Importer &im, Entry &e) {
  Type element = e.type.getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(element))
    return im.onnxStorageType(q);
  return dyn_cast<IntegerType>(element);
}

/// Checks that input `i` holds 8-bit integers whose type is the one its
/// zero point gives the quant type `q`.
LogicalResult checkQuantInput(Importer &im, unsigned i,
                              quant::QuantizedType q) {
  FailureOr<Entry *> e = im.input(i);
  if (failed(e))
    return failure();
  IntegerType t = integerTypeOf(im, **e);
  if (!t || t.getWidth() != 8)
    return im.nodeError() << "type mismatch: input '" << im.inputName(i)
                          << "' must be a uint8 or int8 tensor, got "
                          << (*e)->type;
  if (t != im.onnxStorageType(q))
    return im.nodeError() << "type mismatch: input '" << im.inputName(i)
                          << "' is " << (*e)->type << " but its zero point is "
                          << im.onnxStorageType(q);
  return success();
}

/// Checks that per-axis weights have one scale per output column `n`.
LogicalResult checkColumns(Importer &im, quant::QuantizedType w, int64_t n) {
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(w);
  if (!perAxis || ShapedType::isDynamic(n) ||
      static_cast<int64_t>(perAxis.getScales().size()) == n)
    return success();
  return im.nodeError() << "shape mismatch: " << perAxis.getScales().size()
                        << " weight scales or zero points for " << n
                        << " output columns";
}

/// A quant type of scales 1 and the zero points of input `zpIndex` (absent:
/// 0 of type `element`), per axis `axis` when there are several.
FailureOr<quant::QuantizedType> unitScaleType(Importer &im, unsigned zpIndex,
                                              IntegerType element,
                                              int64_t axis) {
  SmallVector<int64_t> zps{0};
  IntegerType zpType = element;
  if (im.hasInput(zpIndex)) {
    FailureOr<SmallVector<int64_t>> z = im.intValues(zpIndex, "zero point");
    if (failed(z))
      return failure();
    zps = *z;
    zpType = cast<IntegerType>(
        im.values.at(im.inputName(zpIndex).str()).constant.getElementType());
    if (zpType != element)
      return im.nodeError()
                 << "type mismatch: zero point '" << im.inputName(zpIndex)
                 << "' is " << zpType << " but its tensor is " << element,
             failure();
  }
  if (element.getWidth() != 8)
    return im.nodeError() << "type mismatch: expected uint8 or int8, got "
                          << element,
           failure();
  bool isSigned = !element.isUnsigned();
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  int64_t qmin = isSigned ? -128 : 0, qmax = isSigned ? 127 : 255;
  Builder &b = im.b;
  if (zps.size() == 1)
    return cast<quant::QuantizedType>(quant::UniformQuantizedType::get(
        flags, b.getIntegerType(8), b.getF32Type(), 1.0, zps[0], qmin, qmax));
  SmallVector<double> scales(zps.size(), 1.0);
  return cast<quant::QuantizedType>(quant::UniformQuantizedPerAxisType::get(
      flags, b.getIntegerType(8), b.getF32Type(), scales, zps, axis, qmin,
      qmax));
}

/// The i32 bias type of a product: scale s_a * s_w per output channel.
Type biasType(Importer &im, quant::QuantizedType a, quant::QuantizedType w) {
  Builder &b = im.b;
  double sa = cast<quant::UniformQuantizedType>(a).getScale();
  unsigned flags = quant::QuantizationFlags::Signed;
  int64_t qmin = INT32_MIN, qmax = INT32_MAX;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(w)) {
    SmallVector<double> scales;
    for (double s : perAxis.getScales())
      scales.push_back(static_cast<double>(static_cast<float>(sa)) *
                       static_cast<double>(static_cast<float>(s)));
    SmallVector<int64_t> zps(scales.size(), 0);
    return quant::UniformQuantizedPerAxisType::get(flags, b.getIntegerType(32),
                                                   b.getF32Type(), scales, zps,
                                                   0, qmin, qmax);
  }
  double sw = cast<quant::UniformQuantizedType>(w).getScale();
  return quant::UniformQuantizedType::get(
      flags, b.getIntegerType(32), b.getF32Type(),
      static_cast<double>(static_cast<float>(sa)) *
          static_cast<double>(static_cast<float>(sw)),
      0, qmin, qmax);
}
} // namespace

/// The checks QLinearConv and ConvInteger begin with: the arity, the
/// convolution attributes, and the storage integer types of the input
/// (input 0) and the filter (input `wIndex`).
static FailureOr<std::pair<IntegerType, IntegerType>>
convIntegerTypes(Importer &im, unsigned minArity, unsigned maxArity,
                 unsigned wIndex) {
  if (failed(im.checkArity(minArity, maxArity)) ||
      failed(im.checkAttrs({"auto_pad", "dilations", "group", "kernel_shape",
                            "pads", "strides"})))
    return failure();
  FailureOr<Entry *> x = im.input(0);
  FailureOr<Entry *> w = im.input(wIndex);
  if (failed(x) || failed(w))
    return failure();
  IntegerType xInt = integerTypeOf(im, **x);
  IntegerType wInt = integerTypeOf(im, **w);
  if (!xInt || !wInt)
    return im.nodeError() << "type mismatch: input and filter must be uint8 "
                             "or int8 tensors",
           failure();
  return std::make_pair(xInt, wInt);
}

/// Shared by QLinearConv and ConvInteger: x (input 0) and the constant
/// OIHW filter `wName` of quant type `wq` become qnn.conv2d on NHWC / HWCF.
static LogicalResult buildConv(Importer &im, quant::QuantizedType xq,
                               unsigned wIndex, quant::QuantizedType wq,
                               std::optional<unsigned> biasIndex,
                               Type resultElement) {
  FailureOr<Entry *> x = im.input(0);
  FailureOr<DenseElementsAttr> w = im.constantInput(wIndex, "filter");
  if (failed(x) || failed(w))
    return failure();
  RankedTensorType xType = (*x)->type;
  auto wType = cast<RankedTensorType>(w->getType());
  if (xType.getRank() != 4 || wType.getRank() != 4)
    return im.nodeError() << "only 2-D convolutions are supported (input "
                          << xType << ", filter " << wType << ")";
  FailureOr<Importer::Window> win =
      im.windowAttrs(xType.getShape(), wType.getShape().drop_front(2), false);
  if (failed(win))
    return failure();
  int64_t c = xType.getDimSize(1), f = wType.getDimSize(0);
  if (ShapedType::isDynamic(c))
    return im.nodeError() << "the input's channel count must be static";
  if (c % win->groups || f % win->groups ||
      wType.getDimSize(1) != c / win->groups)
    return im.nodeError() << "shape mismatch: filter " << wType
                          << " does not fit input " << xType << " with group "
                          << win->groups;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(wq))
    if (static_cast<int64_t>(perAxis.getScales().size()) != f)
      return im.nodeError()
             << "shape mismatch: " << perAxis.getScales().size()
             << " filter scales or zero points for " << f << " output channels";

  FailureOr<Value> xv = im.value(0, Layout::NHWC);
  if (failed(xv))
    return failure();
  Value input = im.reinterpret(*xv, xq);
  std::string wName = "%w." + im.node->output(0);
  im.defineQuantConstant(wName, *w, wq);
  FailureOr<Value> filter = im.valueOf(im.values.at(wName), Layout::HWCF);
  if (failed(filter))
    return failure();
  Value bias;
  if (biasIndex && im.hasInput(*biasIndex)) {
    FailureOr<Entry *> be = im.input(*biasIndex);
    if (failed(be))
      return failure();
    RankedTensorType bt = (*be)->type;
    if (bt.getElementType() != im.b.getIntegerType(32) || bt.getRank() != 1 ||
        bt.getDimSize(0) != f)
      return im.nodeError()
             << "type mismatch: bias '" << im.inputName(*biasIndex)
             << "' must be an int32 tensor of " << f << " elements, got " << bt;
    Type bq = biasType(im, xq, wq);
    if ((*be)->constant) {
      bias = im.materialize((*be)->constant, bq);
    } else {
      FailureOr<Value> bv = im.value(*biasIndex);
      if (failed(bv))
        return failure();
      bias = im.reinterpret(*bv, bq);
    }
  }
  int64_t oh = Importer::windowOutput(xType.getDimSize(2), win->kernel[0],
                                      win->strides[0], win->dilations[0],
                                      win->padding[0], win->padding[2]);
  int64_t ow = Importer::windowOutput(xType.getDimSize(3), win->kernel[1],
                                      win->strides[1], win->dilations[1],
                                      win->padding[1], win->padding[3]);
  int64_t n = xType.getDimSize(0);
  auto outNHWC = RankedTensorType::get({n, oh, ow, f}, resultElement);
  Value y = Conv2dOp::create(im.b, im.loc, outNHWC, input, *filter, bias,
                             win->strides, win->dilations, win->padding,
                             win->groups, RoundingMode::float_,
                             /*min=*/nullptr, /*max=*/nullptr);
  im.define(0, y, Layout::NHWC,
            RankedTensorType::get({n, f, oh, ow}, resultElement));
  return success();
}

LogicalResult Importer::importQLinearConv(const onnx::NodeProto &) {
  FailureOr<std::pair<IntegerType, IntegerType>> ints =
      convIntegerTypes(*this, 8, 9, /*wIndex=*/3);
  if (failed(ints))
    return failure();
  auto [xInt, wInt] = *ints;
  FailureOr<quant::QuantizedType> xq = quantType(1, 2, 1, 4, xInt);
  FailureOr<quant::QuantizedType> wq =
      quantType(4, 5, 0, (*input(3))->type.getRank(), wInt);
  FailureOr<Entry *> y = input(7);
  if (failed(xq) || failed(wq) || failed(y))
    return failure();
  FailureOr<quant::QuantizedType> yq =
      quantType(6, 7, 1, 4, integerTypeOf(*this, **y));
  if (failed(yq))
    return failure();
  if (failed(checkQuantInput(*this, 0, *xq)) ||
      failed(checkQuantInput(*this, 3, *wq)))
    return failure();
  if (isa<quant::UniformQuantizedPerAxisType>(*xq) ||
      isa<quant::UniformQuantizedPerAxisType>(*yq))
    return nodeError() << "the input and output must be quantized per tensor";
  return buildConv(*this, *xq, 3, *wq, 8, *yq);
}

LogicalResult Importer::importConvInteger(const onnx::NodeProto &) {
  FailureOr<std::pair<IntegerType, IntegerType>> ints =
      convIntegerTypes(*this, 2, 4, /*wIndex=*/1);
  if (failed(ints))
    return failure();
  auto [xInt, wInt] = *ints;
  if (hasInput(2) && !values.at(inputName(2).str()).constant)
    return nodeError() << "a run-time input zero point is not supported "
                          "(it must be an initializer)";
  FailureOr<quant::QuantizedType> xq = unitScaleType(*this, 2, xInt, 1);
  FailureOr<quant::QuantizedType> wq = unitScaleType(*this, 3, wInt, 0);
  if (failed(xq) || failed(wq))
    return failure();
  if (isa<quant::UniformQuantizedPerAxisType>(*xq))
    return nodeError() << "the input zero point must be a scalar";
  return buildConv(*this, *xq, 1, *wq, std::nullopt, b.getIntegerType(32));
}

FailureOr<Value> onnx_import::buildMatmul(
    Importer &im, Value a, Value w, Type resultElement,
    function_ref<Value(Value, Value, RankedTensorType)> build) {
  auto aType = cast<RankedTensorType>(a.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  int64_t rank = aType.getRank();
  if (rank < 2 || wType.getRank() < 2)
    return im.nodeError() << "matrix products of 1-D tensors are not "
                             "supported (got "
                          << aType << " and " << wType << ")",
           failure();
  int64_t k = aType.getDimSize(rank - 1);
  int64_t wk = wType.getDimSize(wType.getRank() - 2);
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(wk) && k != wk)
    return im.nodeError() << "shape mismatch: " << aType << " x " << wType,
           failure();
  int64_t n = wType.getDimSize(wType.getRank() - 1);
  if (wType.getRank() == 2) {
    Value a2 = a;
    SmallVector<int64_t> outShape(aType.getShape().drop_back());
    outShape.push_back(n);
    if (rank > 2) {
      ReassociationIndices rows;
      for (int64_t d = 0; d < rank - 1; ++d)
        rows.push_back(d);
      a2 = im.onStorage(a, [&](Value v) -> Value {
        return tensor::CollapseShapeOp::create(
            im.b, im.loc, v,
            SmallVector<ReassociationIndices>{rows, {rank - 1}});
      });
    }
    auto a2Type = cast<RankedTensorType>(a2.getType());
    Value y = build(
        a2, w, RankedTensorType::get({a2Type.getDimSize(0), n}, resultElement));
    if (rank > 2) {
      ReassociationIndices rows;
      for (int64_t d = 0; d < rank - 1; ++d)
        rows.push_back(d);
      y = im.onStorage(y, [&](Value v) -> Value {
        return tensor::ExpandShapeOp::create(
            im.b, im.loc,
            RankedTensorType::get(
                outShape, cast<RankedTensorType>(v.getType()).getElementType()),
            v, SmallVector<ReassociationIndices>{rows, {rank - 1}});
      });
    }
    return y;
  }
  // Batches: the same leading dimensions on both sides, collapsed into
  // one for the 3-D product and expanded back.
  bool sameBatch = rank >= 3 && wType.getRank() == rank;
  for (int64_t d = 0; sameBatch && d < rank - 2; ++d)
    sameBatch =
        aType.getDimSize(d) == wType.getDimSize(d) && !aType.isDynamicDim(d);
  if (!sameBatch)
    return im.nodeError() << "unsupported matrix product shapes " << aType
                          << " x " << wType
                          << " (supported: N-D x 2-D, and N-D x N-D with the "
                             "same batch dimensions)",
           failure();
  if (rank == 3)
    return build(
        a, w,
        RankedTensorType::get({aType.getDimSize(0), aType.getDimSize(1), n},
                              resultElement));
  ReassociationIndices batch;
  for (int64_t d = 0; d < rank - 2; ++d)
    batch.push_back(d);
  SmallVector<ReassociationIndices> re{batch, {rank - 2}, {rank - 1}};
  auto collapse = [&](Value v) {
    return im.onStorage(v, [&](Value s) -> Value {
      return tensor::CollapseShapeOp::create(im.b, im.loc, s, re);
    });
  };
  Value a3 = collapse(a), w3 = collapse(w);
  auto a3Type = cast<RankedTensorType>(a3.getType());
  Value y = build(
      a3, w3,
      RankedTensorType::get({a3Type.getDimSize(0), a3Type.getDimSize(1), n},
                            resultElement));
  SmallVector<int64_t> outShape(aType.getShape().drop_back());
  outShape.push_back(n);
  return im.onStorage(y, [&](Value v) -> Value {
    return tensor::ExpandShapeOp::create(
        im.b, im.loc,
        RankedTensorType::get(
            outShape, cast<RankedTensorType>(v.getType()).getElementType()),
        v, re);
  });
}

LogicalResult Importer::importQLinearMatMul(const onnx::NodeProto &) {
  if (failed(checkArity(8, 8)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> a = input(0);
  FailureOr<Entry *> w = input(3);
  FailureOr<Entry *> y = input(7);
  if (failed(a) || failed(w) || failed(y))
    return failure();
  IntegerType aInt = integerTypeOf(*this, **a);
  IntegerType wInt = integerTypeOf(*this, **w);
  IntegerType yInt = integerTypeOf(*this, **y);
  if (!aInt || !wInt || !yInt)
    return nodeError() << "type mismatch: inputs must be uint8 or int8 "
                          "tensors";
  int64_t wRank = (*w)->type.getRank();
  if ((*a)->type.getRank() < 2 || wRank < 2)
    return nodeError() << "matrix products of tensors of rank below 2 are "
                          "not supported (got "
                       << (*a)->type << " and " << (*w)->type << ")";
  FailureOr<quant::QuantizedType> aq = quantType(1, 2, -1, 2, aInt);
  FailureOr<quant::QuantizedType> wq = quantType(4, 5, wRank - 1, wRank, wInt);
  FailureOr<quant::QuantizedType> yq = quantType(6, 7, -1, 2, yInt);
  if (failed(aq) || failed(wq) || failed(yq))
    return failure();
  if (failed(checkQuantInput(*this, 0, *aq)) ||
      failed(checkQuantInput(*this, 3, *wq)) ||
      failed(checkColumns(*this, *wq, (*w)->type.getDimSize(wRank - 1))))
    return failure();
  if (isa<quant::UniformQuantizedPerAxisType>(*aq) ||
      isa<quant::UniformQuantizedPerAxisType>(*yq))
    return nodeError() << "the input a and the output must be quantized per "
                          "tensor";
  FailureOr<Value> av = value(0);
  FailureOr<Value> wv;
  if ((*w)->constant) {
    std::string wName = "%w." + node->output(0);
    defineQuantConstant(wName, (*w)->constant, *wq);
    wv = valueOf(values.at(wName), Layout::Plain);
  } else {
    wv = value(3);
    if (succeeded(wv))
      wv = reinterpret(*wv, *wq);
  }
  if (failed(av) || failed(wv))
    return failure();
  Value aval = reinterpret(*av, *aq);
  FailureOr<Value> result = buildMatmul(
      *this, aval, *wv, *yq, [&](Value l, Value r, RankedTensorType t) {
        return MatmulOp::create(b, loc, t, l, r, Value(), RoundingMode::float_,
                                nullptr, nullptr)
            .getResult();
      });
  if (failed(result))
    return failure();
  define(0, *result, Layout::Plain, cast<RankedTensorType>(result->getType()));
  return success();
}

LogicalResult Importer::importMatMulInteger(const onnx::NodeProto &) {
  if (failed(checkArity(2, 4)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> a = input(0);
  FailureOr<Entry *> w = input(1);
  if (failed(a) || failed(w))
    return failure();
  IntegerType aInt = integerTypeOf(*this, **a);
  IntegerType wInt = integerTypeOf(*this, **w);
  if (!aInt || !wInt || aInt.getWidth() != 8 || wInt.getWidth() != 8)
    return nodeError() << "type mismatch: inputs must be uint8 or int8 "
                          "tensors, got "
                       << (*a)->type << " and " << (*w)->type;
  int64_t wRank = (*w)->type.getRank();
  if ((*a)->type.getRank() < 2 || wRank < 2)
    return nodeError() << "matrix products of tensors of rank below 2 are "
                          "not supported (got "
                       << (*a)->type << " and " << (*w)->type << ")";
  bool constantZps = true;
  for (unsigned i : {2u, 3u})
    if (hasInput(i)) {
      FailureOr<Entry *> z = input(i);
      if (failed(z))
        return failure();
      constantZps &= static_cast<bool>((*z)->constant);
    }
  FailureOr<Value> av = value(0);
  FailureOr<Value> wv = value(1);
  if (failed(av) || failed(wv))
    return failure();
  Type i32 = b.getIntegerType(32);
  if (constantZps) {
    FailureOr<quant::QuantizedType> aq = unitScaleType(*this, 2, aInt, 0);
    FailureOr<quant::QuantizedType> wq =
        unitScaleType(*this, 3, wInt, wRank - 1);
    if (failed(aq) || failed(wq))
      return failure();
    if (isa<quant::UniformQuantizedPerAxisType>(*aq))
      return nodeError() << "a per-row zero point of a is not supported";
    if (failed(checkColumns(*this, *wq, (*w)->type.getDimSize(wRank - 1))))
      return failure();
    Value aval = reinterpret(*av, *aq);
    Value wval = reinterpret(*wv, *wq);
    FailureOr<Value> result = buildMatmul(
        *this, aval, wval, i32, [&](Value l, Value r, RankedTensorType t) {
          return MatmulOp::create(b, loc, t, l, r, Value(),
                                  RoundingMode::float_, nullptr, nullptr)
              .getResult();
        });
    if (failed(result))
      return failure();
    define(0, *result, Layout::Plain,
           cast<RankedTensorType>(result->getType()));
    return success();
  }
  // Run-time zero points (DynamicQuantizeLinear in front): the integer ops
  // take them as tensors. An absent one is a constant 0.
  SmallVector<Value> zps;
  const unsigned zpIndices[] = {2, 3};
  const IntegerType zpTypes[] = {aInt, wInt};
  for (auto [i, t] : llvm::zip(zpIndices, zpTypes)) {
    if (hasInput(i)) {
      FailureOr<Value> z = value(i);
      if (failed(z))
        return failure();
      auto zt = cast<RankedTensorType>(z->getType());
      if (zt.getElementType() != t)
        return nodeError() << "type mismatch: zero point '" << inputName(i)
                           << "' is " << zt << " but its tensor holds " << t;
      zps.push_back(*z);
    } else {
      auto zt = RankedTensorType::get({}, t);
      zps.push_back(
          materialize(DenseElementsAttr::get(zt, IntegerAttr::get(t, 0)), t));
    }
  }
  // qnn.matmul_integer takes a 2-D rhs: a batched product is one per batch
  // (a static count), concatenated.
  auto wRankedType = cast<RankedTensorType>(wv->getType());
  if (wRankedType.getRank() >= 3) {
    int64_t batches = 1;
    for (int64_t d = 0; d < wRankedType.getRank() - 2; ++d)
      batches = ShapedType::isDynamic(wRankedType.getDimSize(d)) ||
                        batches == ShapedType::kDynamic
                    ? ShapedType::kDynamic
                    : batches * wRankedType.getDimSize(d);
    if (ShapedType::isDynamic(batches) || batches > 1024)
      return nodeError() << "unsupported: a batched product with run-time "
                            "zero points needs a static batch of at most "
                            "1024, got "
                         << wRankedType;
  }
  auto sliceBatch = [&](Value v, int64_t i) -> Value {
    auto t = cast<RankedTensorType>(v.getType());
    SmallVector<OpFoldResult> offsets{b.getIndexAttr(i), b.getIndexAttr(0),
                                      b.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
    for (int64_t d = 1; d < 3; ++d)
      sizes.push_back(
          t.isDynamicDim(d)
              ? OpFoldResult(tensor::DimOp::create(b, loc, v, d).getResult())
              : OpFoldResult(b.getIndexAttr(t.getDimSize(d))));
    SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
    auto sliceType = RankedTensorType::get({t.getDimSize(1), t.getDimSize(2)},
                                           t.getElementType());
    return tensor::ExtractSliceOp::create(b, loc, sliceType, v, offsets, sizes,
                                          strides);
  };
  FailureOr<Value> result = buildMatmul(
      *this, toOnnxInteger(*av), toOnnxInteger(*wv), i32,
      [&](Value l, Value r, RankedTensorType t) -> Value {
        if (t.getRank() == 2)
          return MatmulIntegerOp::create(b, loc, t, l, r, zps[0], zps[1])
              .getResult();
        auto slice = RankedTensorType::get({t.getDimSize(1), t.getDimSize(2)},
                                           t.getElementType());
        auto one = RankedTensorType::get({1, t.getDimSize(1), t.getDimSize(2)},
                                         t.getElementType());
        SmallVector<Value> parts;
        for (int64_t i = 0; i < t.getDimSize(0); ++i) {
          Value y = MatmulIntegerOp::create(b, loc, slice, sliceBatch(l, i),
                                            sliceBatch(r, i), zps[0], zps[1]);
          parts.push_back(tensor::ExpandShapeOp::create(
              b, loc, one, y, SmallVector<ReassociationIndices>{{0, 1}, {2}}));
        }
        return tensor::ConcatOp::create(b, loc, t, 0, parts).getResult();
      });
  if (failed(result))
    return failure();
  define(0, *result, Layout::Plain, cast<RankedTensorType>(result->getType()));
  return success();
}

LogicalResult Importer::importQGemm(const onnx::NodeProto &) {
  if (failed(checkArity(6, 9)) ||
      failed(checkAttrs({"alpha", "transA", "transB"})))
    return failure();
  FailureOr<float> alpha = floatAttr("alpha", 1.0f);
  FailureOr<int64_t> transA = intAttr("transA", 0);
  FailureOr<int64_t> transB = intAttr("transB", 0);
  if (failed(alpha) || failed(transA) || failed(transB))
    return failure();
  bool floatOutput = !hasInput(7);
  FailureOr<Entry *> a = input(0);
  FailureOr<Entry *> w = input(3);
  if (failed(a) || failed(w))
    return failure();
  if (!floatOutput && !hasInput(8))
    return nodeError() << "y_zero_point is required with y_scale";
  IntegerType aInt = integerTypeOf(*this, **a);
  IntegerType wInt = integerTypeOf(*this, **w);
  if (!aInt || !wInt || (*a)->type.getRank() != 2 || (*w)->type.getRank() != 2)
    return nodeError() << "type mismatch: A and B must be 2-D uint8 or int8 "
                          "tensors, got "
                       << (*a)->type << " and " << (*w)->type;
  FailureOr<quant::QuantizedType> aq = quantType(1, 2, -1, 2, aInt);
  FailureOr<quant::QuantizedType> wq =
      quantType(4, 5, *transB ? 0 : 1, 2, wInt);
  if (failed(aq) || failed(wq))
    return failure();
  quant::QuantizedType yq;
  if (!floatOutput) {
    FailureOr<Entry *> y = input(8);
    if (failed(y))
      return failure();
    IntegerType yInt = integerTypeOf(*this, **y);
    if (!yInt)
      return nodeError() << "type mismatch: y_zero_point must be uint8 or "
                            "int8";
    FailureOr<quant::QuantizedType> q = quantType(7, 8, -1, 2, yInt);
    if (failed(q))
      return failure();
    yq = *q;
  }
  if (failed(checkQuantInput(*this, 0, *aq)) ||
      failed(checkQuantInput(*this, 3, *wq)) ||
      failed(checkColumns(*this, *wq, (*w)->type.getDimSize(*transB ? 0 : 1))))
    return failure();
  if (isa<quant::UniformQuantizedPerAxisType>(*aq) ||
      (yq && isa<quant::UniformQuantizedPerAxisType>(yq)))
    return nodeError() << "A and the output must be quantized per tensor";
  // ONNX Runtime's output scale is f32(f32(alpha * s_a) * s_b) (divided by
  // s_y): alpha folds into A's scale, which qnn.matmul's multiplier then
  // reads in the same order.
  if (*alpha != 1.0f) {
    if (!(*alpha > 0.0f) || !std::isfinite(*alpha))
      return nodeError() << "unsupported attribute value alpha = " << *alpha
                         << " (supported: positive)";
    auto at = cast<quant::UniformQuantizedType>(*aq);
    float scaled = *alpha * static_cast<float>(at.getScale());
    aq = cast<quant::QuantizedType>(quant::UniformQuantizedType::get(
        at.getFlags(), at.getStorageType(), at.getExpressedType(), scaled,
        at.getZeroPoint(), at.getStorageTypeMin(), at.getStorageTypeMax()));
  }
  FailureOr<Value> av = value(0, *transA ? Layout::Transposed : Layout::Plain);
  if (failed(av))
    return failure();
  Layout wLayout = *transB ? Layout::Transposed : Layout::Plain;
  FailureOr<Value> wv;
  if ((*w)->constant) {
    std::string wName = "%w." + node->output(0);
    defineQuantConstant(wName, (*w)->constant, *wq);
    wv = valueOf(values.at(wName), wLayout);
  } else {
    wv = value(3, wLayout);
    if (succeeded(wv))
      wv = reinterpret(*wv, quantInLayout(*wq, wLayout, 2));
  }
  if (failed(wv))
    return failure();
  Value aval = reinterpret(*av, *aq);
  auto aType = cast<RankedTensorType>(aval.getType());
  auto wType = cast<RankedTensorType>(wv->getType());
  int64_t n = wType.getDimSize(1);
  Value bias;
  if (hasInput(6)) {
    FailureOr<Entry *> c = input(6);
    if (failed(c))
      return failure();
    RankedTensorType ct = (*c)->type;
    if (ct.getElementType() != b.getIntegerType(32) || ct.getRank() != 1 ||
        ct.getDimSize(0) != n)
      return nodeError() << "unsupported C " << ct << " (supported: an int32 "
                         << "tensor of " << n << " elements)";
    Type bq = biasType(*this, *aq, *wq);
    if ((*c)->constant) {
      bias = materialize((*c)->constant, bq);
    } else {
      FailureOr<Value> cv = value(6);
      if (failed(cv))
        return failure();
      bias = reinterpret(*cv, bq);
    }
  }
  if (aType.getDimSize(1) != wType.getDimSize(0) && !aType.isDynamicDim(1) &&
      !wType.isDynamicDim(0))
    return nodeError() << "shape mismatch: " << aType << " x " << wType;
  if (floatOutput) {
    // The exact i32 accumulator (with C), then f32(f32(acc) * S) with
    // S = f32(s_a' * s_b) per column: a dequantize of the accumulator in a
    // type of scale S and zero point 0.
    auto accType =
        RankedTensorType::get({aType.getDimSize(0), n}, b.getIntegerType(32));
    Value acc = MatmulOp::create(b, loc, accType, aval, *wv, bias,
                                 RoundingMode::float_, nullptr, nullptr);
    float sa =
        static_cast<float>(cast<quant::UniformQuantizedType>(*aq).getScale());
    SmallVector<double> scales;
    if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(*wq)) {
      for (double sw : perAxis.getScales())
        scales.push_back(sa * static_cast<float>(sw));
    } else {
      scales.push_back(sa *
                       static_cast<float>(
                           cast<quant::UniformQuantizedType>(*wq).getScale()));
    }
    unsigned flags = quant::QuantizationFlags::Signed;
    Type i32 = b.getIntegerType(32);
    Type accQuant = scales.size() == 1
                        ? Type(quant::UniformQuantizedType::get(
                              flags, i32, b.getF32Type(), scales[0], 0,
                              INT32_MIN, INT32_MAX))
                        : Type(quant::UniformQuantizedPerAxisType::get(
                              flags, i32, b.getF32Type(), scales,
                              SmallVector<int64_t>(scales.size(), 0), 1,
                              INT32_MIN, INT32_MAX));
    Value q = StorageCastOp::create(b, loc, accType.clone(accQuant), acc);
    auto outType = accType.clone(b.getF32Type());
    define(0, DequantizeOp::create(b, loc, outType, q), Layout::Plain, outType);
    return success();
  }
  auto outType = RankedTensorType::get({aType.getDimSize(0), n}, yq);
  Value result = MatmulOp::create(b, loc, outType, aval, *wv, bias,
                                  RoundingMode::float_, nullptr, nullptr);
  define(0, result, Layout::Plain, outType);
  return success();
}

LogicalResult Importer::importQLinearConcat(const onnx::NodeProto &) {
  if (node->input_size() < 5 || (node->input_size() - 2) % 3 != 0)
    return nodeError() << "expected Y_scale, Y_zero_point and triples of "
                          "inputs, got "
                       << node->input_size() << " inputs";
  if (failed(checkAttrs({"axis"})))
    return failure();
  FailureOr<int64_t> axisAttr = intAttr("axis", 0);
  FailureOr<Entry *> yz = input(1);
  if (failed(axisAttr) || failed(yz))
    return failure();
  IntegerType yInt = integerTypeOf(*this, **yz);
  FailureOr<quant::QuantizedType> yq = quantType(0, 1, -1, 0, yInt);
  if (failed(yq))
    return failure();
  unsigned count = (node->input_size() - 2) / 3;
  FailureOr<Entry *> first = input(2);
  if (failed(first))
    return failure();
  int64_t rank = (*first)->type.getRank();
  int64_t axis = *axisAttr < 0 ? *axisAttr + rank : *axisAttr;
  if (axis < 0 || axis >= rank)
    return nodeError() << "axis " << *axisAttr << " is out of range";
  // Channels of NHWC inputs concatenate along NHWC's last dimension.
  Layout layout = Layout::Plain;
  if (rank == 4 && axis == 1)
    for (unsigned i = 0; i < count; ++i)
      if (currentLayout(2 + 3 * i) == Layout::NHWC)
        layout = Layout::NHWC;
  SmallVector<Value> parts;
  SmallVector<int64_t> shape((*first)->type.getShape());
  shape[axis] = 0;
  for (unsigned i = 0; i < count; ++i) {
    unsigned xi = 2 + 3 * i;
    FailureOr<Entry *> x = input(xi);
    if (failed(x))
      return failure();
    IntegerType xInt = integerTypeOf(*this, **x);
    if (!xInt || (*x)->type.getRank() != rank)
      return nodeError() << "type mismatch: input '" << inputName(xi) << "' is "
                         << (*x)->type;
    FailureOr<quant::QuantizedType> xq = quantType(xi + 1, xi + 2, -1, 0, xInt);
    if (failed(xq))
      return failure();
    if (failed(checkQuantInput(*this, xi, *xq)))
      return failure();
    for (int64_t d = 0; d < rank; ++d) {
      int64_t s = (*x)->type.getDimSize(d);
      if (d == axis)
        shape[d] = ShapedType::isDynamic(s) || ShapedType::isDynamic(shape[d])
                       ? ShapedType::kDynamic
                       : shape[d] + s;
      else if (s != shape[d])
        return nodeError() << "shape mismatch: input '" << inputName(xi)
                           << "' is " << (*x)->type;
    }
    FailureOr<Value> xv = value(xi, layout);
    if (failed(xv))
      return failure();
    Value part = reinterpret(*xv, *xq);
    if (*xq != *yq) {
      // ONNX Runtime requantizes each input through a table built by
      // dequantizing every storage value and quantizing it with
      // QuantizeLinear: qnn.dequantize, then the onnx flavour.
      auto t = cast<RankedTensorType>(part.getType());
      Value f = DequantizeOp::create(b, loc, t.clone(b.getF32Type()), part);
      part = QuantizeOp::create(b, loc, t.clone(*yq), f, Flavour::onnx);
    }
    auto t = cast<RankedTensorType>(part.getType());
    parts.push_back(
        StorageCastOp::create(b, loc, t.clone(storageType(*yq)), part));
  }
  auto onnxType = RankedTensorType::get(shape, *yq);
  RankedTensorType outType = inLayout(onnxType, layout);
  int64_t dim = layout == Layout::NHWC ? 3 : axis;
  Value raw = tensor::ConcatOp::create(b, loc, outType.clone(storageType(*yq)),
                                       dim, parts);
  Value y = StorageCastOp::create(b, loc, outType, raw);
  define(0, y, layout, onnxType);
  return success();
}

/// QLinearAveragePool / QLinearGlobalAveragePool: qnn.avg_pool2d (NHWC).
static LogicalResult importQLinearPool(Importer &im, bool global) {
  if (failed(im.checkArity(4, 5)))
    return failure();
  SmallVector<StringRef> known{"channels_last"};
  if (!global)
    known.append({"auto_pad", "ceil_mode", "count_include_pad", "kernel_shape",
                  "pads", "strides"});
  if (failed(im.checkAttrs(known)))
    return failure();
  FailureOr<int64_t> channelsLast = im.intAttr("channels_last", 0);
  FailureOr<int64_t> ceil = im.intAttr("ceil_mode", 0);
  FailureOr<int64_t> includePad = im.intAttr("count_include_pad", 0);
  FailureOr<Entry *> x = im.input(0);
  FailureOr<Entry *> yz = im.input(4);
  if (failed(channelsLast) || failed(ceil) || failed(includePad) || failed(x))
    return failure();
  if (failed(yz))
    return im.nodeError() << "y_zero_point is required";
  if (*channelsLast)
    return im.nodeError() << "unsupported attribute value channels_last = "
                          << *channelsLast;
  if (*ceil)
    return im.nodeError() << "unsupported attribute value ceil_mode = "
                          << *ceil;
  RankedTensorType xType = (*x)->type;
  IntegerType xInt = integerTypeOf(im, **x);
  IntegerType yInt = integerTypeOf(im, **yz);
  if (xType.getRank() == 4 &&
      (xType.isDynamicDim(1) || xType.isDynamicDim(2) || xType.isDynamicDim(3)))
    return im.nodeError() << "unsupported dynamic shape " << xType
                          << " (only the batch may be dynamic)";
  if (!xInt || xType.getRank() != 4)
    return im.nodeError() << "type mismatch: expected a 4-D uint8 or int8 "
                             "tensor, got "
                          << xType;
  FailureOr<quant::QuantizedType> xq = im.quantType(1, 2, -1, 0, xInt);
  FailureOr<quant::QuantizedType> yq = im.quantType(3, 4, -1, 0, yInt);
  if (failed(xq) || failed(yq) || failed(checkQuantInput(im, 0, *xq)))
    return failure();
  Importer::Window win;
  if (global) {
    if (xType.isDynamicDim(2) || xType.isDynamicDim(3))
      return im.nodeError() << "H and W must be static, got " << xType;
    win.kernel = {xType.getDimSize(2), xType.getDimSize(3)};
    win.strides = {1, 1};
    win.dilations = {1, 1};
    win.padding = {0, 0, 0, 0};
  } else {
    if (!im.attr("kernel_shape"))
      return im.nodeError() << "attribute 'kernel_shape' is required";
    FailureOr<Importer::Window> w = im.windowAttrs(xType.getShape(), {}, false);
    if (failed(w))
      return failure();
    win = *w;
  }
  int64_t oh =
      Importer::windowOutput(xType.getDimSize(2), win.kernel[0], win.strides[0],
                             1, win.padding[0], win.padding[2]);
  int64_t ow =
      Importer::windowOutput(xType.getDimSize(3), win.kernel[1], win.strides[1],
                             1, win.padding[1], win.padding[3]);
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  FailureOr<Value> xv = im.value(0, Layout::NHWC);
  if (failed(xv))
    return failure();
  Value input = im.reinterpret(*xv, *xq);
  auto outType = RankedTensorType::get({n, oh, ow, c}, *yq);
  bool padded = llvm::any_of(win.padding, [](int64_t p) { return p != 0; });
  auto yt = cast<quant::UniformQuantizedType>(*yq);
  auto xt = dyn_cast<quant::UniformQuantizedType>(*xq);
  if (!xt)
    return im.nodeError() << "the input must be quantized per tensor";
  bool wholeImage = !padded && win.kernel[0] == xType.getDimSize(2) &&
                    win.kernel[1] == xType.getDimSize(3);
  if (!wholeImage) {
    // ONNX Runtime's QLinearAveragePool dequantizes, sums the window's taps
    // in float (in window order), divides by the count and rounds
    // y / s_y + z_y (the zero point added in float, before the rounding):
    // built as that float code, then a quantize of scale 1 and zero point
    // 0 (rne and saturation) whose integers are the output's.
    auto inType = cast<RankedTensorType>(input.getType());
    Type f32 = im.b.getF32Type();
    Value f = DequantizeOp::create(im.b, im.loc, inType.clone(f32), input);
    Value pooled = floatPool(im, f, win, outType.clone(f32), /*isMax=*/false,
                             global || *includePad != 0);
    float ys = static_cast<float>(yt.getScale());
    auto shifted = RankedTensorType::get(outType.getShape(), f32);
    Value scaled =
        arith::DivFOp::create(im.b, im.loc, pooled, im.floatSplat(shifted, ys));
    Value moved = arith::AddFOp::create(
        im.b, im.loc, scaled,
        im.floatSplat(shifted, static_cast<double>(yt.getZeroPoint())));
    auto unit = quant::UniformQuantizedType::get(
        yt.getFlags(), yt.getStorageType(), yt.getExpressedType(), 1.0, 0,
        yt.getStorageTypeMin(), yt.getStorageTypeMax());
    Value q = QuantizeOp::create(im.b, im.loc, outType.clone(unit), moved,
                                 Flavour::onnx);
    im.define(0, im.reinterpret(q, *yq), Layout::NHWC,
              RankedTensorType::get({n, c, oh, ow}, *yq));
    return success();
  }
  // A whole-image window (QLinearGlobalAveragePool, and ONNX Runtime's
  // fallback of QLinearAveragePool to it): the integer sum sum(x - z_x) is
  // brought to the output with one multiplier, f32(s_x / f32(s_y * count)),
  // and rounded once. qnn.avg_pool2d with divisor(1) computes
  // f32(f32(s_x / s') / 1): with s' = f32(s_y * count) as its result scale
  // it is the same product; the result is then the same integers in the
  // output's own type.
  int64_t count = win.kernel[0] * win.kernel[1];
  float scaled = static_cast<float>(yt.getScale()) * static_cast<float>(count);
  auto poolType = quant::UniformQuantizedType::get(
      yt.getFlags(), yt.getStorageType(), yt.getExpressedType(), scaled,
      yt.getZeroPoint(), yt.getStorageTypeMin(), yt.getStorageTypeMax());
  Value pooled = AvgPool2dOp::create(
      im.b, im.loc, outType.clone(poolType), input, win.kernel, win.strides,
      win.padding, /*count_include_pad=*/true, im.b.getI64IntegerAttr(1),
      RoundingMode::float_, nullptr, nullptr);
  Value y = im.reinterpret(pooled, *yq);
  im.define(0, y, Layout::NHWC, RankedTensorType::get({n, c, oh, ow}, *yq));
  return success();
}

LogicalResult
Importer::importQLinearGlobalAveragePool(const onnx::NodeProto &) {
  return importQLinearPool(*this, /*global=*/true);
}

LogicalResult Importer::importQLinearAveragePool(const onnx::NodeProto &) {
  return importQLinearPool(*this, /*global=*/false);
}

// QLinearAdd is qnn.add in the onnx flavour, which computes ONNX Runtime's
// kernel (ratios of scales and fused multiply-adds in float32). ONNX
// Runtime's QLinearMul rounds its own way, which no qnn op computes yet: it
// is reported as unsupported rather than imported with other numerics.
LogicalResult Importer::importQLinearBinary(const onnx::NodeProto &n) {
  bool isAdd = n.op_type() == "QLinearAdd";
  if (failed(checkArity(7, 8)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> a = input(0);
  FailureOr<Entry *> bEntry = input(3);
  if (failed(a) || failed(bEntry))
    return failure();
  if (!hasInput(7))
    return nodeError() << "C_zero_point is required";
  FailureOr<Entry *> c = input(7);
  if (failed(c))
    return failure();
  IntegerType aInt = integerTypeOf(*this, **a);
  IntegerType bInt = integerTypeOf(*this, **bEntry);
  IntegerType cInt = integerTypeOf(*this, **c);
  if (!aInt || !bInt || !cInt)
    return nodeError() << "type mismatch: inputs must be uint8 or int8 "
                          "tensors";
  FailureOr<quant::QuantizedType> aq = quantType(1, 2, -1, 0, aInt);
  FailureOr<quant::QuantizedType> bq = quantType(4, 5, -1, 0, bInt);
  FailureOr<quant::QuantizedType> cq = quantType(6, 7, -1, 0, cInt);
  if (failed(aq) || failed(bq) || failed(cq) ||
      failed(checkQuantInput(*this, 0, *aq)) ||
      failed(checkQuantInput(*this, 3, *bq)))
    return failure();
  RankedTensorType at = (*a)->type, bt = (*bEntry)->type;
  int64_t rank = std::max(at.getRank(), bt.getRank());
  SmallVector<int64_t> shape(rank);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t ai = d - (rank - at.getRank()), bi = d - (rank - bt.getRank());
    int64_t l = ai >= 0 ? at.getDimSize(ai) : 1;
    int64_t r = bi >= 0 ? bt.getDimSize(bi) : 1;
    // qnn.add broadcasts static sizes of 1 only: a dynamic size makes the
    // result's dynamic (a run-time check compares it with the other).
    if (l == 1)
      shape[d] = r;
    else if (r == 1 || l == r)
      shape[d] = l;
    else if (ShapedType::isDynamic(l) || ShapedType::isDynamic(r))
      shape[d] = ShapedType::kDynamic;
    else
      return nodeError() << "shape mismatch: " << at << " and " << bt
                         << " do not broadcast";
  }
  // NHWC when both are 4-D and one already is.
  Layout layout = Layout::Plain;
  if (at.getRank() == 4 && bt.getRank() == 4 &&
      (currentLayout(0) == Layout::NHWC || currentLayout(3) == Layout::NHWC))
    layout = Layout::NHWC;
  FailureOr<Value> av = value(0, layout);
  FailureOr<Value> bv = value(3, layout);
  if (failed(av) || failed(bv))
    return failure();
  auto onnxType = RankedTensorType::get(shape, *cq);
  Value y;
  if (isAdd)
    y = AddOp::create(b, loc, inLayout(onnxType, layout), reinterpret(*av, *aq),
                      reinterpret(*bv, *bq), Flavour::onnx,
                      RoundingMode::float_, nullptr, nullptr);
  else
    y = MulOp::create(b, loc, inLayout(onnxType, layout), reinterpret(*av, *aq),
                      reinterpret(*bv, *bq), RoundingMode::float_, nullptr,
                      nullptr);
  define(0, y, layout, onnxType);
  return success();
}
