//===- CodeGen.cpp - LLVM IR, optimization and machine code of a model ----===//
//
// The back half of quant-compile, in process: the LLVM dialect to LLVM IR,
// LLVM's O3 pipeline, and assembly or an object file from a TargetMachine
// for the host's triple and the pipeline's CPU and features. Only linking a
// shared library runs a subprocess (clang with lld).
//
//===----------------------------------------------------------------------===//

#include "quant/Compiler/Compiler.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/Transforms/Passes.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"
#include "quant/Pipelines/Pipelines.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Instrumentation/AddressSanitizer.h"

using namespace mlir;
using namespace mlir::qnn;

void qnn::registerModelCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<QNNDialect, qnnx86::QNNX86Dialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
}

std::unique_ptr<llvm::TargetMachine>
qnn::createTargetMachine(const QNNToLLVMOptions &options, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  // The CPU and features the pipeline's functions carry (the host's when
  // none is named), so that module-level code agrees with them.
  TargetInfo info = resolveTarget(options.targetCpu, options.targetFeatures,
                                  options.vectorWidth);
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, info.cpu, info.features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    error = "no target machine for " + triple.str();
  return machine;
}

std::unique_ptr<llvm::Module>
qnn::translateModel(ModuleOp module, llvm::LLVMContext &llvmContext,
                    llvm::TargetMachine &machine) {
  StringRef name = "model";
  if (auto loc = dyn_cast<FileLineColLoc>(module.getLoc()))
    name = loc.getFilename().getValue();
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, name);
  if (!llvmModule) {
    mlir::emitError(module.getLoc(),
                    "quant-compile: translation to LLVM IR failed");
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  return llvmModule;
}

void qnn::optimizeModule(llvm::Module &module, llvm::TargetMachine &machine,
                         bool sanitizeAddress) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  // As clang -fsanitize=address: the pass instruments the functions that
  // carry sanitize_address (qnn-set-target's sanitize-address marks them).
  if (sanitizeAddress)
    builder.registerOptimizerLastEPCallback([](llvm::ModulePassManager &mpm,
                                               llvm::OptimizationLevel,
                                               llvm::ThinOrFullLTOPhase) {
      mpm.addPass(llvm::AddressSanitizerPass(llvm::AddressSanitizerOptions()));
    });
  llvm::ModulePassManager mpm =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  mpm.run(module, mam);
}

LogicalResult qnn::emitMachineCode(llvm::Module &module,
                                   llvm::TargetMachine &machine,
                                   llvm::raw_pwrite_stream &os,
                                   llvm::CodeGenFileType fileType,
                                   std::string &error) {
  llvm::legacy::PassManager pm;
  pm.add(new llvm::TargetLibraryInfoWrapperPass(machine.getTargetTriple()));
  if (machine.addPassesToEmitFile(pm, os, nullptr, fileType)) {
    error = "the target machine cannot emit this file type";
    return failure();
  }
  pm.run(module);
  return success();
}

/// `name` in `toolsDir`, else on PATH.
static std::string findTool(StringRef name, StringRef versioned,
                            StringRef toolsDir) {
  SmallVector<StringRef> dirs;
  if (!toolsDir.empty())
    dirs.push_back(toolsDir);
  for (StringRef candidate : {name, versioned}) {
    if (!dirs.empty())
      if (auto path = llvm::sys::findProgramByName(candidate, dirs))
        return *path;
    if (auto path = llvm::sys::findProgramByName(candidate))
      return *path;
  }
  return "";
}

LogicalResult qnn::linkSharedLibrary(StringRef objectPath, StringRef outputPath,
                                     StringRef toolsDir, bool openmp,
                                     std::string &error) {
  std::string clang = findTool("clang", "clang-22", toolsDir);
  if (clang.empty()) {
    error = "cannot find clang (looked in '" + toolsDir.str() +
            "' and on PATH) to link the shared library";
    return failure();
  }
  // The file name is the soname, so that programs linked with it by path
  // or with -l find it by name.
  SmallVector<std::string> args{
      clang,
      "-shared",
      "-fuse-ld=lld",
      ("-Wl,-soname," + llvm::sys::path::filename(outputPath)).str(),
      "-o",
      outputPath.str(),
      objectPath.str(),
      "-lm"};
  if (openmp) {
    // LLVM's libomp sits next to the tools, in lib/.
    SmallString<128> libDir(
        toolsDir.empty() ? llvm::sys::path::parent_path(clang) : toolsDir);
    llvm::sys::path::remove_filename(libDir);
    llvm::sys::path::append(libDir, "lib");
    args.append(
        {("-L" + libDir).str(), ("-Wl,-rpath," + libDir).str(), "-lomp"});
  }
  SmallVector<StringRef> argRefs(args.begin(), args.end());
  std::string message;
  bool failedToRun = false;
  int rc = llvm::sys::ExecuteAndWait(clang, argRefs, std::nullopt, {}, 0, 0,
                                     &message, &failedToRun);
  if (failedToRun || rc != 0) {
    error = "linking the shared library failed (" + llvm::join(args, " ") +
            (message.empty() ? "" : ": " + message) + ")";
    return failure();
  }
  return success();
}
