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
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/X86TargetParser.h"

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

namespace {
struct QNNSetTargetPass : public qnn::impl::QNNSetTargetBase<QNNSetTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    TargetInfo info = resolveTarget(targetCpu, targetFeatures, vectorWidth);
    MLIRContext *ctx = &getContext();
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
    });
  }
};
} // namespace
