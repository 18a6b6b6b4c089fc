//===- Passes.h - QNN transformation passes ---------------------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNN_TRANSFORMS_PASSES_H
#define QUANT_DIALECT_QNN_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/RuntimeCheckMode.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"

namespace mlir {
class RewritePatternSet;
namespace qnn {

/// The instruction qnn-vectorize-products computes byte products with.
enum class ProductInstruction {
  /// One widened multiply and add per reduction step (any target).
  Widen,
  /// x86 vpmaddwd: bytes widened to i16, two products per i32 lane.
  Vpmaddwd,
  /// x86 vpdpbusd (VNNI): four u8 x s8 products per i32 lane.
  Vpdpbusd,
};

#define GEN_PASS_DECL
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"

/// Patterns that rewrite quant.qcast / dcast / scast into qnn ops.
void populateImportQuantPatterns(RewritePatternSet &patterns);

/// The patterns of qnn-fuse-qdq: QDQ islands to qnn integer ops whose
/// output stage rounds in `rounding`; islands that end in an onnx-flavour
/// quantize too, as ONNX Runtime fuses them, when `fuseOnnx`.
void populateQNNFuseQDQPatterns(RewritePatternSet &patterns,
                                RoundingMode rounding, bool fuseOnnx = true);

/// The patterns of qnn-fuse-elementwise: elementwise producer-consumer
/// fusion of linalg.generic ops on tensors, with the clean-ups it needs.
void populateQNNFuseElementwisePatterns(RewritePatternSet &patterns);

/// Describes a target for code generation.
struct TargetInfo {
  std::string cpu;
  std::string features; // comma separated, "+feat" / "-feat"
  unsigned vectorWidth; // bits
  /// Whether the target has a u8 x s8 dot product for vectors of
  /// `vectorWidth` bits (512: AVX512-VNNI; 256 and 128: AVX-VNNI, or
  /// AVX512-VNNI with VL): then qnn-legalize-u8s8 runs and the vectorizer
  /// uses it.
  bool dotProduct = false;
  /// The byte-product instruction of qnn-vectorize-products: vpdpbusd
  /// with a dot product, else vpmaddwd on x86 at widths it has (SSE2 at
  /// 128 bits, AVX2 at 256, AVX512BW at 512), else none.
  ProductInstruction products = ProductInstruction::Widen;
};

/// Resolves an empty CPU to the host, empty features to the CPU's own, and
/// a zero vector width to the widest the features allow (512 with AVX-512F,
/// 256 with AVX, 128 otherwise).
TargetInfo resolveTarget(StringRef cpu, StringRef features,
                         unsigned vectorWidth);

/// Checks the target options against LLVM's target registry for the host's
/// architecture, the one the generated code is compiled for: `cpu` must be
/// empty, `native`, `host` or a CPU LLVM knows; `features` a comma-separated
/// list of `+name` / `-name` of features it knows. Reports the first bad
/// value through `emitError`, naming it.
LogicalResult validateTarget(StringRef cpu, StringRef features,
                             function_ref<void(const Twine &)> emitError);

/// Reports a bad value of an option of `pass` as an error with no
/// operation attached (an option is not in the IR, and the module is not
/// printed with it): `<pass>: <message>`.
void emitOptionError(MLIRContext *ctx, StringRef pass, const Twine &message);

#define GEN_PASS_REGISTRATION
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"

} // namespace qnn
} // namespace mlir

#endif // QUANT_DIALECT_QNN_TRANSFORMS_PASSES_H
