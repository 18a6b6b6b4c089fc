//===- qnn-pipeline-fuzzer.cpp - libFuzzer target of the pipelines -------===//
//
// Parses its input as MLIR and, if it parses and verifies, runs what users
// run on it: the import of upstream quant casts, canonicalization, QDQ
// fusion and the exact folds; then qnn-to-llvm for two targets (haswell:
// AVX2, vpmaddwd; znver4: AVX-512 with VNNI). A diagnostic is the expected
// answer to bad input; a crash, an assertion, an AddressSanitizer or
// UndefinedBehaviorSanitizer report, a hang or a memory blow-up is a bug.
//
// Built in the sanitizer build (QUANT_ENABLE_SANITIZERS), with
// -fsanitize=fuzzer; test/Fuzz/pipeline-fuzzer.test runs it for a minute
// on seeds taken from test/.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"
#include "quant/Pipelines/Pipelines.h"

#include "../AsanDefaultOptions.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mlir;

namespace {

const DialectRegistry &registry() {
  static DialectRegistry *r = [] {
    auto *reg = new DialectRegistry();
    registerAllDialects(*reg);
    registerAllExtensions(*reg);
    reg->insert<qnn::QNNDialect, qnnx86::QNNX86Dialect>();
    return reg;
  }();
  return *r;
}

/// Runs `build`'s passes on a copy of `module`; the result is ignored (a
/// failure with a diagnostic is a fine answer).
void runOnCopy(ModuleOp module,
               function_ref<void(OpPassManager &)> build) {
  OwningOpRef<ModuleOp> copy(module.clone());
  PassManager pm(module.getContext());
  build(pm);
  (void)pm.run(*copy);
}

/// Whether `text` has `dimensions =` or `permutation =` followed by
/// anything but `[`: MLIR 22.1's parsers of linalg.broadcast, transpose and
/// reduce then store the null attribute that the failed parse of the
/// array left and crash (Debian's mlir-opt does too), before any of the
/// project's code runs. Such inputs are not the project's to find.
bool hitsUpstreamArrayParseCrash(StringRef text) {
  for (StringRef keyword : {"dimensions", "permutation"}) {
    for (size_t pos = text.find(keyword); pos != StringRef::npos;
         pos = text.find(keyword, pos + 1)) {
      StringRef rest = text.drop_front(pos + keyword.size()).ltrim();
      if (!rest.consume_front("="))
        continue;
      if (!rest.ltrim().starts_with("["))
        return true;
    }
  }
  return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // Large inputs only slow the search down.
  if (size > (1 << 16))
    return -1;
  // MLIR's lexer stops at the NUL that ends a MemoryBuffer and reads the
  // byte after an identifier's last character to find its end; libFuzzer's
  // data has no NUL after it, so an input ending in an identifier had the
  // (uninstrumented) lexer read on into whatever followed it on the heap:
  // a crash that depended on earlier inputs. Parse a NUL-terminated copy,
  // as the tools parse files.
  std::string source(reinterpret_cast<const char *>(data), size);
  if (hitsUpstreamArrayParseCrash(source))
    return -1;
  MLIRContext context(registry(), MLIRContext::Threading::DISABLED);
  ScopedDiagnosticHandler silence(&context,
                                  [](Diagnostic &) { return success(); });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, ParserConfig(&context));
  if (!module)
    return 0;

  runOnCopy(*module, [](OpPassManager &pm) {
    pm.addPass(qnn::createQNNImportQuant());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(qnn::createQNNFuseQDQ());
    pm.addPass(qnn::createQNNFoldConstants());
    pm.addPass(createCanonicalizerPass());
  });
  for (const char *cpu : {"haswell", "znver4"}) {
    runOnCopy(*module, [&](OpPassManager &pm) {
      qnn::QNNToLLVMOptions options;
      options.targetCpu = cpu;
      (void)qnn::buildQNNToLLVMPipeline(
          pm, options, [](const Twine &) { return failure(); });
    });
  }
  return 0;
}
