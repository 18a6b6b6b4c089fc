//===- RuntimeCheckMode.h - What a failed size check does -------*- C++ -*-===//

#ifndef QUANT_DIALECT_QNN_TRANSFORMS_RUNTIMECHECKMODE_H
#define QUANT_DIALECT_QNN_TRANSFORMS_RUNTIMECHECKMODE_H

namespace mlir::qnn {

/// What a failed run-time size check does (qnn-lower-runtime-checks, and
/// the runtime-checks option of qnn-to-llvm).
enum class RuntimeCheckMode {
  /// The message on stderr, then abort().
  Abort,
  /// An error status written through the functions' last argument.
  Status,
  /// No check.
  Off,
};

} // namespace mlir::qnn

#endif // QUANT_DIALECT_QNN_TRANSFORMS_RUNTIMECHECKMODE_H
