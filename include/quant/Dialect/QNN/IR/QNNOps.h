//===- QNNOps.h - QNN operations --------------------------------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNN_IR_QNNOPS_H
#define QUANT_DIALECT_QNN_IR_QNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"

#define GET_OP_CLASSES
#include "quant/Dialect/QNN/IR/QNNOps.h.inc"

namespace mlir::qnn {
/// Whether `size relation bound` holds (the meaning of qnn.check_size).
bool sizeRelationHolds(SizeRelation relation, int64_t size, int64_t bound);
} // namespace mlir::qnn

#endif // QUANT_DIALECT_QNN_IR_QNNOPS_H
