//===- QNNX86ToLLVM.h - qnnx86 to LLVM intrinsic calls ----------*- C++ -*-===//

#ifndef QUANT_CONVERSION_QNNX86TOLLVM_QNNX86TOLLVM_H
#define QUANT_CONVERSION_QNNX86TOLLVM_QNNX86TOLLVM_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class LLVMTypeConverter;
class RewritePatternSet;

namespace qnnx86 {
/// The pattern that turns every qnnx86 op into an `llvm.call_intrinsic` of
/// the intrinsic its OneToOneIntrinsicOpInterface names.
void populateQNNX86ToLLVMConversionPatterns(const LLVMTypeConverter &converter,
                                            RewritePatternSet &patterns);
} // namespace qnnx86

#define GEN_PASS_DECL_CONVERTQNNX86TOLLVM
#include "quant/Conversion/Passes.h.inc"

} // namespace mlir

#endif // QUANT_CONVERSION_QNNX86TOLLVM_QNNX86TOLLVM_H
