//===- AsanDefaultOptions.h - AddressSanitizer defaults of the tools -----===//
//
// Included once by each tool's main file (C or C++). In the sanitizer build
// (QUANT_ENABLE_SANITIZERS), the LLVM headers compiled into the tools see
// AddressSanitizer and poison the unused parts of their allocators' slabs
// (llvm::BumpPtrAllocator), but the Debian MLIR and LLVM libraries they
// share those allocators with are not instrumented and do not unpoison
// what they use. AddressSanitizer would stop on those legitimate accesses
// at start-up, so the tools turn off manual poisoning themselves; every
// other check stays on. ASAN_OPTIONS in the environment still comes first.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_TOOLS_ASANDEFAULTOPTIONS_H
#define QUANT_TOOLS_ASANDEFAULTOPTIONS_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#ifdef __cplusplus
extern "C"
#endif
const char *__asan_default_options(void) {
  return "allow_user_poisoning=0";
}
#endif
#endif

#endif // QUANT_TOOLS_ASANDEFAULTOPTIONS_H
