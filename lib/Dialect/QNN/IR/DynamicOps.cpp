//===- DynamicOps.cpp - qnn.dynamic_quantize, qnn.matmul_integer ---------===//
//
// The ops whose quantization parameters are run-time values (ONNX dynamic
// quantization): their operands are storage integers, not quantized types.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/IR/QNNOps.h"

#include "mlir/IR/TypeUtilities.h"

#include <limits>

using namespace mlir;
using namespace mlir::qnn;

/// True for the 8-bit integer types the dynamic ops take: i8 / si8
/// (signed) and ui8 (unsigned).
static bool isByteType(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.getWidth() == 8;
}

LogicalResult DynamicQuantizeOp::verify() {
  auto in = dyn_cast<RankedTensorType>(getInput().getType());
  auto out = dyn_cast<RankedTensorType>(getResult().getType());
  auto scale = dyn_cast<RankedTensorType>(getScale().getType());
  auto zp = dyn_cast<RankedTensorType>(getZeroPoint().getType());
  if (!in || !in.getElementType().isF32())
    return emitOpError("input must be a ranked tensor of f32, got ")
           << getInput().getType();
  if (!out || !out.getElementType().isUnsignedInteger(8) ||
      failed(verifyCompatibleShape(in, out)))
    return emitOpError("result must be a tensor of ui8 of the input's "
                       "shape, got ")
           << getResult().getType();
  if (!scale || scale.getRank() != 0 || !scale.getElementType().isF32())
    return emitOpError("scale must be a tensor<f32>, got ")
           << getScale().getType();
  if (!zp || zp.getRank() != 0 || !zp.getElementType().isUnsignedInteger(8))
    return emitOpError("zero point must be a tensor<ui8>, got ")
           << getZeroPoint().getType();
  return success();
}

LogicalResult MatmulIntegerOp::verify() {
  auto lhs = dyn_cast<RankedTensorType>(getLhs().getType());
  auto rhs = dyn_cast<RankedTensorType>(getRhs().getType());
  auto za = dyn_cast<RankedTensorType>(getLhsZeroPoint().getType());
  auto zb = dyn_cast<RankedTensorType>(getRhsZeroPoint().getType());
  auto out = dyn_cast<RankedTensorType>(getResult().getType());
  if (!lhs || !rhs || !za || !zb || !out)
    return emitOpError("operands and result must be ranked tensors");
  if (!isByteType(lhs.getElementType()) || !isByteType(rhs.getElementType()))
    return emitOpError("lhs and rhs must hold 8-bit integers (i8, si8 or "
                       "ui8), got ")
           << lhs.getElementType() << " and " << rhs.getElementType();
  if (za.getElementType() != lhs.getElementType() ||
      zb.getElementType() != rhs.getElementType())
    return emitOpError("each zero point must have its operand's element "
                       "type, got ")
           << za.getElementType() << " for " << lhs.getElementType()
           << " and " << zb.getElementType() << " for "
           << rhs.getElementType();
  if (!out.getElementType().isSignlessInteger(32))
    return emitOpError("result must be a tensor of i32, got ") << out;
  if (lhs.getRank() < 2 || rhs.getRank() != 2 ||
      out.getRank() != lhs.getRank())
    return emitOpError("expected lhs [..., M, K], rhs K x N and a result "
                       "[..., M, N], got ranks ")
           << lhs.getRank() << ", " << rhs.getRank() << " -> "
           << out.getRank();
  int64_t rank = lhs.getRank();
  int64_t k = lhs.getDimSize(rank - 1);
  int64_t n = rhs.getDimSize(1);
  auto compatible = [](int64_t a, int64_t b) {
    return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
  };
  bool shapesAgree = compatible(k, rhs.getDimSize(0)) &&
                     compatible(n, out.getDimSize(rank - 1));
  for (int64_t d = 0; d < rank - 1; ++d)
    shapesAgree &= compatible(lhs.getDimSize(d), out.getDimSize(d));
  if (!shapesAgree)
    return emitOpError("incompatible shapes ")
           << lhs << " x " << rhs << " -> " << out;
  if (za.getRank() != 0)
    return emitOpError("lhs zero point must be a scalar tensor, got ") << za;
  if (zb.getRank() > 1 ||
      (zb.getRank() == 1 && !compatible(zb.getDimSize(0), n)))
    return emitOpError("rhs zero point must be a scalar or one per column "
                       "(N = ")
           << n << "), got " << zb;
  if (ShapedType::isDynamic(k))
    return emitOpError("the reduction dimension K must be static, so that "
                       "the i32 result can be proved not to overflow");
  // |a - za| and |b - zb| are at most 255 for any 8-bit values.
  if (static_cast<__int128>(k) * 255 * 255 >
      std::numeric_limits<int32_t>::max())
    return emitOpError("the i32 result could overflow: K = ")
           << k << " products of up to 255 x 255";
  return success();
}
