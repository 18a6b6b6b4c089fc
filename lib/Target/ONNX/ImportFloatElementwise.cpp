//===- ImportFloatElementwise.cpp - ONNX float elementwise ops ------------===//
//
// Cast and Identity, and the elementwise float ops of QDQ models in the
// forms qnn-fuse-qdq recognizes: arith.addf / mulf on equal shapes (with
// broadcasts made explicit), max/min with splat constants for ReLU and Clip,
// and maps (linalg.generic) for the unary ops.
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

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

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
  FailureOr<FloatOperand> x = floatOperand(*this, 0);
  if (failed(x))
    return failure();
  define(0, clampValue(*this, x->value, 0.0f, std::nullopt), x->layout,
         x->entry->type);
  return success();
}

LogicalResult Importer::importClip(const onnx::NodeProto &) {
  if (failed(checkArity(1, 3)) || failed(checkAttrs({})))
    return failure();
  FailureOr<FloatOperand> x = floatOperand(*this, 0);
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
  define(0, clampValue(*this, x->value, lo, hi), x->layout, x->entry->type);
  return success();
}

LogicalResult Importer::importUnary(const onnx::NodeProto &n) {
  if (failed(checkArity(1, 1)) || failed(checkAttrs({})))
    return failure();
  FailureOr<FloatOperand> x = floatOperand(*this, 0);
  if (failed(x))
    return failure();
  StringRef op = n.op_type();
  Value y = mapElements(*this, x->value, [&](OpBuilder &nb, Location nl,
                                            Value v) {
    if (op == "Erf")
      return erfApprox(nb, nl, v);
    // Sigmoid: 1 / (1 + exp(-x)).
    Value one = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(1.0f));
    Value e = math::ExpOp::create(nb, nl, arith::NegFOp::create(nb, nl, v));
    return arith::DivFOp::create(nb, nl, one,
                                 arith::AddFOp::create(nb, nl, one, e))
        .getResult();
  });
  define(0, y, x->layout, x->entry->type);
  return success();
}
