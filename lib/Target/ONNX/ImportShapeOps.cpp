//===- ImportShapeOps.cpp - ONNX shape ops --------------------------------===//
//
// Flatten, Reshape, Transpose, Concat (tensor.concat), Squeeze and
// Unsqueeze: tensor.collapse_shape / expand_shape and linalg.transpose,
// which qnn-fuse-qdq moves above a dequantize.
//
//===----------------------------------------------------------------------===//

#include "FloatOpUtils.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

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
