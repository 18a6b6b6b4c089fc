//===- Pipelines.h - End-to-end pipelines -----------------------*- C++ -*-===//

#ifndef QUANT_PIPELINES_PIPELINES_H
#define QUANT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"
#include "quant/Dialect/QNN/Transforms/RuntimeCheckMode.h"

namespace mlir {
class OpPassManager;
namespace qnn {

/// Options of `qnn-to-llvm`.
struct QNNToLLVMOptions : public PassPipelineOptions<QNNToLLVMOptions> {
  PassOptions::Option<std::string> targetCpu{
      *this, "target-cpu",
      llvm::cl::desc("CPU to generate code for, as LLVM names it (znver4, "
                     "haswell, ...); empty for the host"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("Comma-separated target features (+avx2,+fma); empty "
                     "for the CPU's own"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> qdqRounding{
      *this, "qdq-rounding",
      llvm::cl::desc("Rounding mode of the integer ops that QDQ islands are "
                     "fused into (float, double_round, half_up, half_away)"),
      llvm::cl::init("float")};
  PassOptions::Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("Vector width in bits; 0 picks the widest the target "
                     "has (512 with AVX-512F, 256 with AVX, else 128)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Distribute the output tiles of matmul and conv2d over "
                     "threads with OpenMP (link with -fopenmp=libomp; the "
                     "thread count comes from OMP_NUM_THREADS)"),
      llvm::cl::init(false)};
  PassOptions::ListOption<int64_t> registerBlock{
      *this, "register-block",
      llvm::cl::desc("Rows and vectors of columns of the products' register "
                     "block (e.g. 6,2); empty for the target's default")};
  PassOptions::Option<bool> sanitizeAddress{
      *this, "sanitize-address",
      llvm::cl::desc("Mark the generated functions for AddressSanitizer, so "
                     "that clang -fsanitize=address instruments them (it "
                     "leaves unmarked functions of LLVM IR input alone)"),
      llvm::cl::init(false)};
  PassOptions::Option<RuntimeCheckMode> runtimeChecks{
      *this, "runtime-checks",
      llvm::cl::desc("What a call whose dynamic sizes disagree does"),
      llvm::cl::init(RuntimeCheckMode::Abort),
      llvm::cl::values(
          clEnumValN(RuntimeCheckMode::Abort, "abort",
                     "the message on stderr, then abort()"),
          clEnumValN(RuntimeCheckMode::Status, "status",
                     "an error status through each function's last "
                     "argument (QNNStatus)"),
          clEnumValN(RuntimeCheckMode::Off, "off", "no run-time checks"))};
};

/// Appends the `qnn-to-llvm` pipeline to `pm` (anchored on builtin.module).
/// Upstream passes it uses are registered on first use. Options that name
/// something unknown (a CPU, a target feature, a rounding mode) are
/// reported through `errorHandler` (by default on stderr) and fail.
LogicalResult buildQNNToLLVMPipeline(
    OpPassManager &pm, const QNNToLLVMOptions &options,
    function_ref<LogicalResult(const Twine &)> errorHandler = nullptr);

/// Registers `qnn-to-llvm` with the pass registry.
void registerQNNPipelines();

} // namespace qnn
} // namespace mlir

#endif // QUANT_PIPELINES_PIPELINES_H
