//===- ToolVersion.cpp - --version of the project's tools -----------------===//

#include "quant/Support/ToolVersion.h"

#include "quant/Config/Version.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace quant {

void printToolVersion(llvm::raw_ostream &os, llvm::StringRef toolName) {
  os << toolName << " (quant-compiler) " << QUANT_COMPILER_VERSION_STRING
     << "\n  built against LLVM/MLIR " << QUANT_COMPILER_LLVM_VERSION_STRING
     << "\n";
}

void registerToolVersionPrinter(llvm::StringRef toolName) {
  static llvm::StringRef name;
  name = toolName;
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    printToolVersion(os, name);
    // LLVM's own text (release, build mode, host CPU), as without override.
    os.flush();
    llvm::cl::PrintVersionMessage();
  });
}

} // namespace quant
