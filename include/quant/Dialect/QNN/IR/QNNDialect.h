//===- QNNDialect.h - QNN dialect declaration -------------------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNN_IR_QNNDIALECT_H
#define QUANT_DIALECT_QNN_IR_QNNDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Dialect.h"

#include "quant/Dialect/QNN/IR/QNNOpsDialect.h.inc"

#include "quant/Dialect/QNN/IR/QNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "quant/Dialect/QNN/IR/QNNAttrs.h.inc"

#endif // QUANT_DIALECT_QNN_IR_QNNDIALECT_H
