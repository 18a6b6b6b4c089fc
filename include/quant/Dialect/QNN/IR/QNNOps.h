//===- QNNOps.h - QNN operations --------------------------------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNN_IR_QNNOPS_H
#define QUANT_DIALECT_QNN_IR_QNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"

#define GET_OP_CLASSES
#include "quant/Dialect/QNN/IR/QNNOps.h.inc"

#endif // QUANT_DIALECT_QNN_IR_QNNOPS_H
