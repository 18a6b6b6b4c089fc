//===- SetTarget.cpp - Target CPU and features on llvm.func ---------------===//
//
// The pipeline's target options end up as per-function attributes, which
// both ahead-of-time compilation (mlir-translate + clang/llc) and JITs
// honour, so the same lowered module carries its target with it.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/TargetParser/X86TargetParser.h"

#include <memory>
#include <mutex>

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86TargetMC();
void LLVMInitializeAArch64TargetInfo();
void LLVMInitializeAArch64TargetMC();
}

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSETTARGET
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// The features a CPU has: the host's as detected, or an x86 CPU's from
/// LLVM's tables (other architectures: none known here).
static SmallVector<std::string> featuresOfCpu(StringRef cpu, bool isHost) {
  SmallVector<std::string> features;
  if (isHost) {
    for (const auto &entry : llvm::sys::getHostCPUFeatures())
      if (entry.getValue())
        features.push_back(("+" + entry.getKey()).str());
    llvm::sort(features);
    return features;
  }
  if (llvm::X86::parseArchX86(cpu) == llvm::X86::CK_None)
    return features;
  SmallVector<StringRef> names;
  llvm::X86::getFeaturesForCPU(cpu, names, /*NeedPlus=*/true);
  for (StringRef name : names)
    features.push_back(name.str());
  return features;
}

TargetInfo mlir::qnn::resolveTarget(StringRef cpu, StringRef features,
                                    unsigned vectorWidth) {
  TargetInfo info;
  bool isHost = cpu.empty() || cpu == "native" || cpu == "host";
  info.cpu = isHost ? llvm::sys::getHostCPUName().str() : cpu.str();
  // The features in effect: the CPU's, then the explicit ones on top
  // ("+f" adds, "-f" removes), as LLVM combines target-cpu and
  // target-features.
  SmallVector<std::string> known = featuresOfCpu(info.cpu, isHost);
  if (!features.empty()) {
    SmallVector<StringRef> parts;
    features.split(parts, ',', -1, /*KeepEmpty=*/false);
    SmallVector<std::string> explicitFeatures;
    for (StringRef p : parts) {
      std::string f = p.trim().str();
      explicitFeatures.push_back(f);
      if (f.size() < 2)
        continue;
      std::string name = f.substr(1);
      llvm::erase_if(known, [&](const std::string &k) {
        return StringRef(k).drop_front() == name;
      });
      known.push_back(f);
    }
    info.features = llvm::join(explicitFeatures, ",");
  } else if (isHost) {
    // A named CPU implies its features in LLVM; only the host's detected
    // set (which a VM may restrict) is spelled out.
    info.features = llvm::join(known, ",");
  }
  auto has = [&](StringRef f) { return llvm::is_contained(known, f); };
  info.vectorWidth = vectorWidth;
  if (vectorWidth == 0)
    info.vectorWidth = has("+avx512f") ? 512 : has("+avx") ? 256 : 128;
  bool vnni512 = has("+avx512vnni");
  bool vnni256 = has("+avxvnni") || (vnni512 && has("+avx512vl"));
  info.dotProduct =
      info.vectorWidth == 512
          ? vnni512
          : (info.vectorWidth == 256 || info.vectorWidth == 128) && vnni256;
  // Every x86-64 CPU has SSE2, which LLVM's CPU tables leave implied.
  bool x86 = has("+sse") || has("+sse2");
  bool pmaddwd = info.vectorWidth == 512   ? has("+avx512bw")
                 : info.vectorWidth == 256 ? has("+avx2")
                 : info.vectorWidth == 128 ? x86
                                           : false;
  info.products = info.dotProduct ? ProductInstruction::Vpdpbusd
                  : pmaddwd       ? ProductInstruction::Vpmaddwd
                                  : ProductInstruction::Widen;
  return info;
}

/// Adds the LLVM function attribute `name` to `func`'s passthrough list.
static void addPassthrough(LLVM::LLVMFuncOp func, StringRef name) {
  SmallVector<Attribute> list;
  if (ArrayAttr existing = func.getPassthroughAttr())
    list.append(existing.begin(), existing.end());
  auto attr = StringAttr::get(func.getContext(), name);
  if (!llvm::is_contained(list, attr))
    list.push_back(attr);
  func.setPassthroughAttr(ArrayAttr::get(func.getContext(), list));
}

/// The subtarget description of the host's architecture (x86-64 or
/// AArch64), with the CPU and feature tables of LLVM's target registry.
static const llvm::MCSubtargetInfo *hostSubtarget(std::string &triple) {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86TargetMC();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64TargetMC();
  });
  triple = llvm::sys::getProcessTriple();
  static std::unique_ptr<llvm::MCSubtargetInfo> info;
  static std::once_flag created;
  std::call_once(created, [&] {
    std::string error;
    const llvm::Target *target =
        llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), error);
    if (target)
      info.reset(target->createMCSubtargetInfo(llvm::Triple(triple), "", ""));
  });
  return info.get();
}

LogicalResult
mlir::qnn::validateTarget(StringRef cpu, StringRef features,
                          function_ref<void(const Twine &)> emitError) {
  std::string triple;
  const llvm::MCSubtargetInfo *info = hostSubtarget(triple);
  if (!info)
    return success(); // A host this build knows no target tables of.
  bool isHost = cpu.empty() || cpu == "native" || cpu == "host";
  if (!isHost && !info->isCPUStringValid(cpu)) {
    emitError("unknown target-cpu '" + cpu + "': not a CPU LLVM knows for " +
              triple + " (llc -march=" +
              llvm::Triple(triple).getArchName() +
              " -mcpu=help lists them; empty means the host)");
    return failure();
  }
  SmallVector<StringRef> parts;
  features.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef part : parts) {
    StringRef f = part.trim();
    StringRef name = f.drop_front();
    bool known = llvm::any_of(
        info->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
    if ((!f.starts_with("+") && !f.starts_with("-")) || !known) {
      emitError("unknown target-features entry '" + f +
                "': expected +name or -name of a feature LLVM knows for " +
                triple + " (llc -march=" +
                llvm::Triple(triple).getArchName() + " -mattr=help lists them)");
      return failure();
    }
  }
  return success();
}

void mlir::qnn::emitOptionError(MLIRContext *ctx, StringRef pass,
                                const Twine &message) {
  mlir::emitError(UnknownLoc::get(ctx), pass + ": " + message);
}

namespace {
struct QNNSetTargetPass : public qnn::impl::QNNSetTargetBase<QNNSetTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    auto report = [&](const Twine &message) {
      emitOptionError(ctx, "qnn-set-target", message);
    };
    if (failed(validateTarget(targetCpu, targetFeatures, report)))
      return signalPassFailure();
    TargetInfo info = resolveTarget(targetCpu, targetFeatures, vectorWidth);
    auto cpu = StringAttr::get(ctx, info.cpu);
    auto width = StringAttr::get(ctx, Twine(info.vectorWidth).str());
    LLVM::TargetFeaturesAttr features;
    if (!info.features.empty())
      features = LLVM::TargetFeaturesAttr::get(ctx, info.features);
    getOperation()->walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal())
        return;
      func.setTargetCpuAttr(cpu);
      if (features)
        func.setTargetFeaturesAttr(features);
      // Many AVX-512 CPUs prefer 256-bit vectors by default, which would
      // split the vectors the vectorizer chose.
      func.setPreferVectorWidthAttr(width);
      if (sanitizeAddress)
        addPassthrough(func, "sanitize_address");
    });
  }
};
} // namespace
