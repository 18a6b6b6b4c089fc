//===- ImportNormalization.cpp - ONNX Softmax, LayerNorm, Gelu ------------===//
//
// The float ops of transformer blocks, as reductions (linalg.generic) and
// maps in arith and math; what stays float after fusion is lowered by
// qnn-to-llvm as it is.
//
//===----------------------------------------------------------------------===//

#include "FloatOpUtils.h"

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
  FailureOr<FloatOperand> x = floatOperand(*this, 0);
  if (failed(x))
    return failure();
  bool useTanh = *approximate == "tanh";
  Value y = mapElements(*this, x->value, [&](OpBuilder &nb, Location nl,
                                            Value v) {
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
  define(0, y, x->layout, x->entry->type);
  return success();
}
