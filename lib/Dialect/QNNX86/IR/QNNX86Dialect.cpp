//===- QNNX86Dialect.cpp - qnnx86 dialect, verifiers, intrinsics ----------===//
//
// Registration, the verifiers (the widths the instructions exist for) and
// the LLVM intrinsic of each op and width.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <string>

using namespace mlir;
using namespace mlir::qnnx86;

#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.cpp.inc"

void QNNX86Dialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "quant/Dialect/QNNX86/IR/QNNX86.cpp.inc"
      >();
}

#define GET_OP_CLASSES
#include "quant/Dialect/QNNX86/IR/QNNX86.cpp.inc"

/// Checks that `op` works on a 128-, 256- or 512-bit register of `lanes` i32
/// lanes, each fed by `perLane` elements of `operand` (named `unit`).
static LogicalResult verifyLanes(Operation *op, VectorType result,
                                 VectorType operand, int64_t perLane,
                                 StringRef unit) {
  int64_t lanes = result.getNumElements();
  if (lanes != 4 && lanes != 8 && lanes != 16)
    return op->emitOpError("expected 4, 8 or 16 i32 lanes (128-, 256- or "
                           "512-bit vectors), got ")
           << lanes;
  if (operand.getNumElements() != perLane * lanes)
    return op->emitOpError("expected ")
           << perLane << " " << unit << " per i32 lane: " << perLane * lanes
           << " " << unit << ", got " << operand.getNumElements();
  return success();
}

//===----------------------------------------------------------------------===//
// VpdpbusdOp
//===----------------------------------------------------------------------===//

LogicalResult VpdpbusdOp::verify() {
  return verifyLanes(*this, getType(), getA().getType(), 4, "bytes");
}

std::string VpdpbusdOp::getIntrinsicName() {
  return "llvm.x86.avx512.vpdpbusd." +
         std::to_string(32 * getType().getNumElements());
}

//===----------------------------------------------------------------------===//
// VpmaddwdOp
//===----------------------------------------------------------------------===//

LogicalResult VpmaddwdOp::verify() {
  return verifyLanes(*this, getType(), getA().getType(), 2, "i16 values");
}

std::string VpmaddwdOp::getIntrinsicName() {
  // The three widths came with three ISA extensions, hence three spellings.
  switch (getType().getNumElements()) {
  case 4:
    return "llvm.x86.sse2.pmadd.wd";
  case 8:
    return "llvm.x86.avx2.pmadd.wd";
  default:
    return "llvm.x86.avx512.pmaddw.d.512";
  }
}
