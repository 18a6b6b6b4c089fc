//===- ImportFloatPooling.cpp - ONNX MaxPool, AveragePool in float --------===//
//
// Pools of QDQ models in the forms qnn-fuse-qdq recognizes:
// linalg.pooling_nhwc_max into -inf, pooling_nhwc_sum divided by the window
// size (or by the taps inside the input), GlobalAveragePool.
//
//===----------------------------------------------------------------------===//

#include "FloatOpUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

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
