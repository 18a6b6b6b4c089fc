//===- Passes.h - Lowerings out of qnn and qnnx86 ---------------*- C++ -*-===//

#ifndef QUANT_CONVERSION_PASSES_H
#define QUANT_CONVERSION_PASSES_H

#include "quant/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "quant/Conversion/QNNX86ToLLVM/QNNX86ToLLVM.h"

namespace mlir {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "quant/Conversion/Passes.h.inc"

} // namespace mlir

#endif // QUANT_CONVERSION_PASSES_H
