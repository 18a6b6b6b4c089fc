//===- quant-compile.cpp - Ahead-of-time compiler of models ---------------===//
//
//   quant-compile model.onnx -o model.o --header model.h
//   quant-compile model.mlir -shared -o model.so
//   quant-compile model.mlir --emit=mlir|llvm|asm
//
// Everything runs in this process (import, qnn-to-llvm, LLVM IR, O3, code
// generation) except the link of a shared library, which runs clang with
// lld. The stages live in include/quant/Compiler/Compiler.h.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "quant/Compiler/Compiler.h"
#include "quant/Pipelines/Pipelines.h"
#include "quant/Support/ToolVersion.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"

#ifdef QUANT_HAVE_ONNX_IMPORT
#include "quant/Target/ONNX/ImportONNX.h"
#endif

#include "../AsanDefaultOptions.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {
enum class Emit { MLIR, LLVM, Assembly, Object };

cl::OptionCategory compileCategory("quant-compile options");
cl::OptionCategory targetCategory("Target options (as qnn-to-llvm's)");

cl::opt<std::string> inputFilename(cl::Positional,
                                   cl::desc("<model.onnx | model.mlir>"),
                                   cl::init("-"), cl::cat(compileCategory));
cl::opt<std::string> outputFilename(
    "o",
    cl::desc("Output file (default: <stem>.o, <stem>.so with -shared, "
             "stdout for --emit=mlir, llvm and asm)"),
    cl::value_desc("file"), cl::cat(compileCategory));
cl::opt<std::string>
    headerFilename("header",
                   cl::desc("Also write the C header declaring the model"),
                   cl::value_desc("file"), cl::cat(compileCategory));
cl::opt<Emit> emitKind(
    "emit", cl::desc("The stage to write"), cl::init(Emit::Object),
    cl::values(
        clEnumValN(Emit::MLIR, "mlir",
                   "the LLVM dialect after qnn-to-llvm and the C entry point"),
        clEnumValN(Emit::LLVM, "llvm", "LLVM IR after O3"),
        clEnumValN(Emit::Assembly, "asm", "target assembly"),
        clEnumValN(Emit::Object, "obj", "an object file (default)")),
    cl::cat(compileCategory));
cl::opt<bool> shared(
    "shared",
    cl::desc("Link the object into a shared library: runs clang (with lld) "
             "from " QUANT_LLVM_TOOLS_DIR " or PATH as a subprocess"),
    cl::cat(compileCategory));
cl::opt<std::string>
    cName("name",
          cl::desc("Name of the C function (default: the input file's stem, "
                   "non-identifier characters replaced by '_')"),
          cl::cat(compileCategory));
cl::opt<std::string> functionName(
    "function",
    cl::desc("The model's func.func in .mlir input (default: the only "
             "public function with a body)"),
    cl::cat(compileCategory));

cl::opt<std::string> targetCpu(
    "target-cpu",
    cl::desc("CPU to generate code for, as LLVM names it (znver4, haswell, "
             "...); empty for the host"),
    cl::cat(targetCategory));
cl::opt<std::string> targetFeatures(
    "target-features",
    cl::desc("Comma-separated target features (+avx2,+fma) on top of the "
             "CPU's"),
    cl::cat(targetCategory));
cl::opt<unsigned> vectorWidth(
    "vector-width",
    cl::desc("Vector width in bits; 0 picks the widest the target has"),
    cl::init(0), cl::cat(targetCategory));
cl::opt<std::string> qdqRounding(
    "qdq-rounding",
    cl::desc("Rounding mode of the integer ops that QDQ islands are fused "
             "into (float, double_round, half_up, half_away)"),
    cl::init("float"), cl::cat(targetCategory));
cl::opt<bool> parallel(
    "parallel",
    cl::desc("Distribute matmul and conv2d over threads with OpenMP (link "
             "the object with -fopenmp=libomp; -shared links libomp)"),
    cl::cat(targetCategory));
cl::list<int64_t> registerBlock(
    "register-block",
    cl::desc("Rows and vectors of columns of the products' register block "
             "(e.g. 6,2)"),
    cl::CommaSeparated, cl::cat(targetCategory));
cl::opt<bool> sanitizeAddress(
    "sanitize-address",
    cl::desc("Instrument the generated code for AddressSanitizer (link the "
             "program with -fsanitize=address)"),
    cl::cat(targetCategory));
} // namespace

static int fail(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "quant-compile") << message << "\n";
  return 1;
}

/// The model in `sourceMgr`: an ONNX file (by its extension) or MLIR.
static OwningOpRef<ModuleOp> loadModel(llvm::SourceMgr &sourceMgr,
                                       MLIRContext *context, bool isONNX) {
  if (!isONNX)
    return parseSourceFile<ModuleOp>(sourceMgr, context);
#ifdef QUANT_HAVE_ONNX_IMPORT
  return qnn::importONNX(sourceMgr, context);
#else
  mlir::emitError(FileLineColLoc::get(context, inputFilename, 0, 0),
                  "quant-compile: this build has no ONNX importer "
                  "(MLIRQNNImportONNX)");
  return nullptr;
#endif
}

/// Writes `text` to `path`.
static LogicalResult writeText(StringRef path, StringRef text) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    fail(error);
    return failure();
  }
  file->os() << text;
  file->keep();
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  quant::registerToolVersionPrinter("quant-compile");
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  // libLLVM.so registers hundreds of options; --help-hidden lists them.
  cl::HideUnrelatedOptions({&compileCategory, &targetCategory});
  cl::ParseCommandLineOptions(
      argc, argv,
      "quant-compile: an ONNX or MLIR model to an object file or shared "
      "library with a C entry point\n\n"
      "  quant-compile model.onnx -o model.o --header model.h\n"
      "  quant-compile model.mlir -shared -o model.so\n\n"
      "The model's function becomes\n"
      "  int32_t NAME(const T *in0, int64_t in0_d<i>..., ..., T *out0, "
      "int64_t out0_d<i>..., ..., QNNStatus *status)\n"
      "(inputs then outputs, dense row-major buffers the caller owns, one "
      "int64_t per\ndynamic dimension; returns 0 or QNN_STATUS_SIZE_MISMATCH). "
      "Code generation runs in\nprocess; -shared then runs clang with lld as "
      "a subprocess.\n");

  qnn::QNNToLLVMOptions options;
  options.targetCpu = targetCpu;
  options.targetFeatures = targetFeatures;
  options.vectorWidth = vectorWidth;
  options.qdqRounding = qdqRounding;
  options.parallel = parallel;
  options.registerBlock = ArrayRef<int64_t>(registerBlock);
  options.sanitizeAddress = sanitizeAddress;
  // A bad option is reported before anything is read.
  {
    OpPassManager probe("builtin.module");
    std::string error;
    if (failed(qnn::buildQNNToLLVMPipeline(probe, options,
                                           [&](const Twine &message) {
                                             error = message.str();
                                             return failure();
                                           })))
      return fail(error);
  }
  if (shared && emitKind != Emit::Object)
    return fail("-shared links an object file; it cannot be combined with "
                "--emit=mlir, llvm or asm");
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine =
      qnn::createTargetMachine(options, error);
  if (!machine)
    return fail(error);

  StringRef stem = llvm::sys::path::stem(inputFilename);
  if (inputFilename == "-")
    stem = "model";
  std::string name = cName.getNumOccurrences() ? cName.getValue()
                                               : qnn::sanitizeCIdentifier(stem);
  if (name != qnn::sanitizeCIdentifier(name))
    return fail("'" + name +
                "' is not a C identifier, or is a C or C++ keyword or main "
                "(--name)");
  std::string output = outputFilename;
  if (output.empty())
    output = emitKind != Emit::Object ? "-"
             : shared                 ? (stem + ".so").str()
                                      : (stem + ".o").str();

  DialectRegistry registry;
  qnn::registerModelCompilerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // The diagnostics locate the source; a dump of the op would bury them.
  context.printOpOnDiagnostic(false);

  std::string openError;
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputFilename, &openError);
  if (!input)
    return fail(openError);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  bool isONNX = llvm::sys::path::extension(inputFilename) == ".onnx";
  OwningOpRef<ModuleOp> module = loadModel(sourceMgr, &context, isONNX);
  if (!module)
    return 1;
  FailureOr<qnn::ModelInterface> model =
      qnn::prepareModelFunction(*module, name, functionName);
  if (failed(model))
    return 1;
  model->source = llvm::sys::path::filename(inputFilename).str();
  if (failed(qnn::lowerModel(*module, *model, options)))
    return 1;

  if (emitKind == Emit::MLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    if (failed(writeText(output, text)))
      return 1;
  } else {
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule =
        qnn::translateModel(*module, llvmContext, *machine);
    if (!llvmModule)
      return 1;
    qnn::optimizeModule(*llvmModule, *machine, sanitizeAddress);
    if (emitKind == Emit::LLVM) {
      std::string text;
      llvm::raw_string_ostream os(text);
      llvmModule->print(os, nullptr);
      if (failed(writeText(output, text)))
        return 1;
    } else {
      // With -shared, the object goes to a temporary file first.
      SmallString<128> objectPath(output);
      if (shared) {
        if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
                "quant-compile", "o", objectPath))
          return fail("cannot create a temporary object file: " + ec.message());
      }
      llvm::FileRemover removeObject(objectPath, shared);
      auto file = openOutputFile(objectPath, &error);
      if (!file)
        return fail(error);
      if (failed(qnn::emitMachineCode(*llvmModule, *machine, file->os(),
                                      emitKind == Emit::Assembly
                                          ? llvm::CodeGenFileType::AssemblyFile
                                          : llvm::CodeGenFileType::ObjectFile,
                                      error)))
        return fail(error);
      file->keep();
      file->os().close();
      if (shared &&
          failed(qnn::linkSharedLibrary(objectPath, output,
                                        QUANT_LLVM_TOOLS_DIR, parallel, error)))
        return fail(error);
    }
  }

  if (!headerFilename.empty() &&
      failed(writeText(headerFilename, qnn::emitCHeader(*model))))
    return 1;
  return 0;
}
