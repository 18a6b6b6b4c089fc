//===- Compiler.h - Ahead-of-time compilation of a model --------*- C++ -*-===//
//
// The stages of quant-compile, reusable by other drivers:
//
//   prepareModelFunction   the model's func.func in destination-passing form
//   lowerModel             qnn-to-llvm{runtime-checks=status}, then the C
//                          entry point NAME(...) in the LLVM dialect; only
//                          NAME keeps external linkage
//   translateModel         LLVM IR for the target machine
//   optimizeModule         LLVM's O3 pipeline (new pass manager)
//   emitMachineCode        assembly or an object file
//   linkSharedLibrary      the object linked into a .so by clang + lld
//   emitCHeader            the C declaration of NAME
//
// The C interface of a model is
//
//   int32_t NAME(const T0 *in0, int64_t in0_d<i>..., ...,
//                T *out0, int64_t out0_d<i>..., ..., QNNStatus *status);
//
// inputs then outputs in the function's order, dense row-major buffers the
// caller owns, one int64_t per dynamic dimension, and the QNNStatus of
// include/quant/Runtime/QNNStatus.h (may be NULL); it returns the status
// code.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_COMPILER_COMPILER_H
#define QUANT_COMPILER_COMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/CodeGen.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace mlir {
class DialectRegistry;
namespace qnn {
struct QNNToLLVMOptions;

/// One tensor of the C interface.
struct ModelTensor {
  /// The name the model gives it (an `onnx.name` argument or result
  /// attribute, or the name of a NameLoc); empty when it has none.
  std::string name;
  /// f32, i8, ui8, i32 or i64, or a quantized type whose storage is
  /// 8 or 32 bits (passed as its storage integers).
  Type elementType;
  /// Sizes, ShapedType::kDynamic for the dynamic ones.
  SmallVector<int64_t> shape;
};

/// The C interface of a model function.
struct ModelInterface {
  /// The C function, NAME.
  std::string name;
  /// The model's function after prepareModelFunction renamed it.
  std::string implName;
  /// The source the model came from, for the header's comment.
  std::string source;
  SmallVector<ModelTensor> inputs;
  SmallVector<ModelTensor> outputs;
};

/// Registers the dialects and LLVM IR translations quant-compile needs:
/// upstream, qnn, qnnx86, and the builtin, LLVM and OpenMP translations.
void registerModelCompilerDialects(DialectRegistry &registry);

/// `text` as a C identifier: characters other than letters, digits and '_'
/// become '_', a leading digit gets a '_' in front, and a C or C++ keyword
/// or `main` a '_' behind.
std::string sanitizeCIdentifier(StringRef text);

/// Selects the model function of `module` (`functionName`, or else the only
/// public function with a body), checks that its arguments and results are
/// ranked tensors of f32, i8, ui8, i32 or i64 or of quantized types with 8-
/// or 32-bit storage (which the C interface passes as storage integers,
/// through `qnn.storage_cast`), and rewrites it into
/// destination-passing form: each result becomes a memref argument written
/// with `bufferization.materialize_in_destination ... restrict writable`,
/// the inputs are marked read-only, and the function is renamed so that
/// `cName` is free. Other public functions become private, and those the
/// model does not call are erased. Errors are emitted at the offending
/// location.
FailureOr<ModelInterface> prepareModelFunction(ModuleOp module, StringRef cName,
                                               StringRef functionName = "");

/// Lowers a prepared module to the LLVM dialect with `qnn-to-llvm` (its
/// `runtimeChecks` is forced to `status`) and adds the C entry point
/// described by `model`. Every other definition gets internal linkage.
LogicalResult lowerModel(ModuleOp module, const ModelInterface &model,
                         const QNNToLLVMOptions &options);

/// The declaration of the model's C interface: a self-contained C/C++
/// header (include guard, <stdint.h>, QNNStatus, extern "C").
std::string emitCHeader(const ModelInterface &model);

/// A TargetMachine for the host's triple and the CPU and features the
/// pipeline options resolve to (the host's by default), position
/// independent, at -O3. Reports errors through `error`.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const QNNToLLVMOptions &options, std::string &error);

/// The LLVM IR of a lowered module, with the target machine's triple and
/// data layout. Errors are emitted on the module's context.
std::unique_ptr<llvm::Module> translateModel(ModuleOp module,
                                             llvm::LLVMContext &llvmContext,
                                             llvm::TargetMachine &machine);

/// Runs LLVM's O3 module pipeline for `machine` on `module`, with
/// AddressSanitizer's instrumentation last when `sanitizeAddress` (of the
/// functions marked sanitize_address, as clang -fsanitize=address).
void optimizeModule(llvm::Module &module, llvm::TargetMachine &machine,
                    bool sanitizeAddress = false);

/// Writes `module` as assembly or an object file.
LogicalResult emitMachineCode(llvm::Module &module,
                              llvm::TargetMachine &machine,
                              llvm::raw_pwrite_stream &os,
                              llvm::CodeGenFileType fileType,
                              std::string &error);

/// Links the object file `objectPath` into the shared library
/// `outputPath` by running clang (from `toolsDir`, else PATH) with lld as
/// a subprocess; `openmp` adds LLVM's libomp (for parallel code).
LogicalResult linkSharedLibrary(StringRef objectPath, StringRef outputPath,
                                StringRef toolsDir, bool openmp,
                                std::string &error);

} // namespace qnn
} // namespace mlir

#endif // QUANT_COMPILER_COMPILER_H
