//===- QNNDialect.cpp - QNN dialect registration --------------------------===//
//
// Registration, and the constant materializer through which folds of
// quantized values (#qnn.storage attributes) become qnn.constant ops.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::qnn;

#include "quant/Dialect/QNN/IR/QNNOpsDialect.cpp.inc"

#include "quant/Dialect/QNN/IR/QNNEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "quant/Dialect/QNN/IR/QNNAttrs.cpp.inc"

void QNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "quant/Dialect/QNN/IR/QNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "quant/Dialect/QNN/IR/QNNAttrs.cpp.inc"
      >();
}

Operation *QNNDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  // Quantized results are spelled by their storage integers.
  if (auto storage = dyn_cast<StorageAttr>(value)) {
    if (!isa<quant::QuantizedType>(getElementTypeOrSelf(type)))
      return nullptr;
    return ConstantOp::create(builder, loc, type, storage.getValue());
  }
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed)
    return nullptr;
  if (typed.getType() == type &&
      arith::ConstantOp::isBuildableWith(typed, type))
    return arith::ConstantOp::create(builder, loc, type, typed);
  return nullptr;
}
