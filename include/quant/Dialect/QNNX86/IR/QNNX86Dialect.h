//===- QNNX86Dialect.h - qnnx86 dialect declaration -------------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNNX86_IR_QNNX86DIALECT_H
#define QUANT_DIALECT_QNNX86_IR_QNNX86DIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/LLVMIR/LLVMInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h.inc"

#define GET_OP_CLASSES
#include "quant/Dialect/QNNX86/IR/QNNX86.h.inc"

#endif // QUANT_DIALECT_QNNX86_IR_QNNX86DIALECT_H
