//===- ToolVersion.h - --version of the project's tools ---------*- C++ -*-===//
//
// The project's tools print their own version first, then the LLVM build
// they link, so that a bug report names both.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_SUPPORT_TOOLVERSION_H
#define QUANT_SUPPORT_TOOLVERSION_H

#include "llvm/ADT/StringRef.h"

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace quant {

/// Prints "<tool> (quant-compiler) <version>" and the LLVM/MLIR release the
/// project was built against, one line each.
void printToolVersion(llvm::raw_ostream &os, llvm::StringRef toolName);

/// Makes `--version` print printToolVersion(toolName), then LLVM's own
/// version text. Call before the command line is parsed; `toolName` must
/// outlive the parse (a string literal).
void registerToolVersionPrinter(llvm::StringRef toolName);

} // namespace quant

#endif // QUANT_SUPPORT_TOOLVERSION_H
