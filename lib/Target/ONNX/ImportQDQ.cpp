//===- ImportQDQ.cpp - QuantizeLinear, DequantizeLinear, dynamic ----------===//
//
// ONNX's casts between float and quantized tensors. Constant scales and
// zero points become the parameters of a !quant.uniform type; the
// quantized value keeps that type through the graph, and becomes its ONNX
// integer tensor (ui8 / i8 / i32) only where a consumer or a graph output
// needs the integers.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

/// Opset 19's `saturate` only concerns float8 outputs; opset 21's
/// `block_size` (blocked quantization) and `output_dtype` are supported at
/// their defaults only.
static LogicalResult checkQDQAttrs(Importer &im) {
  if (failed(im.checkAttrs({"axis", "saturate", "block_size", "output_dtype"})))
    return failure();
  FailureOr<int64_t> block = im.intAttr("block_size", 0);
  if (failed(block))
    return failure();
  if (*block != 0)
    return im.nodeError() << "unsupported attribute value block_size = "
                          << *block << " (blocked quantization)";
  FailureOr<int64_t> dtype = im.intAttr("output_dtype", 0);
  if (failed(dtype))
    return failure();
  if (*dtype != 0 && *dtype != onnx::TensorProto::UINT8 &&
      *dtype != onnx::TensorProto::INT8)
    return im.nodeError() << "unsupported attribute value output_dtype = "
                          << *dtype << " (supported: uint8, int8)";
  return success();
}

LogicalResult Importer::importQuantizeLinear(const onnx::NodeProto &) {
  if (failed(checkArity(2, 3)) || failed(checkQDQAttrs(*this)))
    return failure();
  FailureOr<Entry *> x = input(0);
  FailureOr<int64_t> axis = intAttr("axis", 1);
  FailureOr<int64_t> dtype = intAttr("output_dtype", 0);
  if (failed(x) || failed(axis) || failed(dtype))
    return failure();
  RankedTensorType xType = (*x)->type;
  if (!xType.getElementType().isF32())
    return nodeError() << "type mismatch: input '" << inputName(0)
                       << "' must be a float tensor, got " << xType;
  IntegerType defaultZp =
      *dtype == onnx::TensorProto::INT8 ? b.getIntegerType(8) : ui8();
  FailureOr<quant::QuantizedType> q =
      quantType(1, 2, *axis, xType.getRank(), defaultZp);
  if (failed(q))
    return failure();
  if (q->getStorageTypeIntegralWidth() != 8)
    return nodeError() << "unsupported output type: only uint8 and int8 "
                          "quantization is supported";
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(*q)) {
    int64_t size = xType.getDimSize(perAxis.getQuantizedDimension());
    if (!ShapedType::isDynamic(size) &&
        size != static_cast<int64_t>(perAxis.getScales().size()))
      return nodeError() << "shape mismatch: " << perAxis.getScales().size()
                         << " scales for axis " << *axis << " of size " << size;
  }
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  RankedTensorType outType = xType.clone(*q);
  Value result =
      QuantizeOp::create(b, loc, inLayout(outType, layout), *xv, Flavour::onnx);
  define(0, result, layout, outType);
  return success();
}

LogicalResult Importer::importDequantizeLinear(const onnx::NodeProto &) {
  if (failed(checkArity(2, 3)) || failed(checkQDQAttrs(*this)))
    return failure();
  FailureOr<Entry *> x = input(0);
  FailureOr<int64_t> axis = intAttr("axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  RankedTensorType xType = (*x)->type;
  Type xElement = xType.getElementType();
  // The integer type x holds (its storage, for a quantized value).
  IntegerType xInt;
  if (auto q = dyn_cast<quant::QuantizedType>(xElement))
    xInt = onnxStorageType(q);
  else
    xInt = dyn_cast<IntegerType>(xElement);
  if (!xInt || (xInt.getWidth() != 8 && xInt.getWidth() != 32))
    return nodeError() << "type mismatch: input '" << inputName(0)
                       << "' must be a uint8, int8 or int32 tensor, got "
                       << xType;
  FailureOr<quant::QuantizedType> q =
      quantType(1, 2, *axis, xType.getRank(), xInt);
  if (failed(q))
    return failure();
  if (onnxStorageType(*q) != xInt)
    return nodeError() << "type mismatch: input '" << inputName(0) << "' is "
                       << xType << " but zero point '" << inputName(2)
                       << "' is " << onnxStorageType(*q);
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(*q)) {
    int64_t size = xType.getDimSize(perAxis.getQuantizedDimension());
    if (!ShapedType::isDynamic(size) &&
        size != static_cast<int64_t>(perAxis.getScales().size()))
      return nodeError() << "shape mismatch: " << perAxis.getScales().size()
                         << " scales for axis " << *axis << " of size " << size;
  }
  RankedTensorType outType = xType.clone(b.getF32Type());
  if ((*x)->constant) {
    // A dequantized constant: each layout a consumer asks for gets its own
    // permuted constant, dequantized (qnn-fuse-qdq sees the constant).
    std::string qName = "%q." + node->output(0);
    defineQuantConstant(qName, (*x)->constant, *q);
    Entry entry;
    entry.type = outType;
    entry.dequantizedConstant = qName;
    values[node->output(0)] = std::move(entry);
    return success();
  }
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  Value quantized =
      reinterpret(*xv, quantInLayout(*q, layout, xType.getRank()));
  Value result =
      DequantizeOp::create(b, loc, inLayout(outType, layout), quantized);
  define(0, result, layout, outType);
  return success();
}

LogicalResult Importer::importDynamicQuantizeLinear(const onnx::NodeProto &) {
  if (failed(checkArity(1, 1, 3)) || failed(checkAttrs({})))
    return failure();
  FailureOr<Entry *> x = input(0);
  if (failed(x))
    return failure();
  RankedTensorType xType = (*x)->type;
  if (!xType.getElementType().isF32())
    return nodeError() << "type mismatch: input '" << inputName(0)
                       << "' must be a float tensor, got " << xType;
  Layout layout = currentLayout(0);
  FailureOr<Value> xv = value(0, layout);
  if (failed(xv))
    return failure();
  auto scaleType = RankedTensorType::get({}, b.getF32Type());
  auto zpType = RankedTensorType::get({}, ui8());
  auto op = DynamicQuantizeOp::create(
      b, loc, inLayout(xType.clone(ui8()), layout), scaleType, zpType, *xv);
  define(0, op.getResult(), layout, xType.clone(ui8()));
  define(1, op.getScale(), Layout::Plain, scaleType);
  define(2, op.getZeroPoint(), Layout::Plain, zpType);
  return success();
}
