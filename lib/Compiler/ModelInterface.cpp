//===- ModelInterface.cpp - The C interface of a compiled model -----------===//
//
// A model function `(tensor...) -> (tensor...)` becomes a C function of
// plain pointers and sizes:
//
//   1. before lowering, the function writes each result into a caller's
//      buffer (`bufferization.materialize_in_destination ... restrict
//      writable` into a memref argument), which qnn-to-llvm bufferizes
//      in place and size-checks; the inputs are read-only;
//   2. qnn-to-llvm{runtime-checks=status} adds a QNNStatus pointer as the
//      last argument, so that a bad dynamic size is a status, not abort();
//   3. after lowering, an LLVM-dialect wrapper NAME builds the memref
//      descriptors (allocated = aligned = the pointer, offset 0, row-major
//      strides) and calls the lowered function with the caller's status or
//      a local one, and returns its code.
//
//===----------------------------------------------------------------------===//

#include "quant/Compiler/Compiler.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Pipelines/Pipelines.h"
#include "quant/Runtime/QNNStatus.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::qnn;

/// Keywords of C and C++ and `main`, which cannot name a model's function.
static bool isReservedName(StringRef name) {
  static const char *const reserved[] = {
      "alignas",  "alignof",  "and",       "asm",       "auto",   "bool",
      "break",    "case",     "catch",     "char",      "class",  "const",
      "continue", "default",  "delete",    "do",        "double", "else",
      "enum",     "explicit", "extern",    "false",     "float",  "for",
      "friend",   "goto",     "if",        "inline",    "int",    "long",
      "main",     "mutable",  "namespace", "new",       "not",    "nullptr",
      "operator", "or",       "private",   "protected", "public", "register",
      "restrict", "return",   "short",     "signed",    "sizeof", "static",
      "struct",   "switch",   "template",  "this",      "throw",  "true",
      "try",      "typedef",  "typeid",    "typename",  "union",  "unsigned",
      "using",    "virtual",  "void",      "volatile",  "while",  "xor"};
  return llvm::is_contained(reserved, name);
}

std::string qnn::sanitizeCIdentifier(StringRef text) {
  std::string name;
  for (char c : text)
    name += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name.insert(name.begin(), '_');
  if (isReservedName(name))
    name += '_';
  return name;
}

/// The name a model gives argument or result `index`: its `onnx.name`
/// attribute, else the name of a NameLoc on the argument.
static std::string tensorName(func::FuncOp func, bool isResult,
                              unsigned index) {
  DictionaryAttr attrs =
      isResult ? func.getResultAttrDict(index) : func.getArgAttrDict(index);
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>("onnx.name"))
      return name.str();
  if (!isResult)
    if (auto loc = dyn_cast<NameLoc>(func.getArgument(index).getLoc()))
      return loc.getName().str();
  return "";
}

static bool isSupportedElementType(Type type) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(type))
    return quantized.getStorageTypeIntegralWidth() == 8 ||
           (quantized.getStorageTypeIntegralWidth() == 32 &&
            quantized.isSigned());
  return type.isF32() || type.isSignlessInteger(8) ||
         type.isUnsignedInteger(8) || type.isSignlessInteger(32) ||
         type.isSignlessInteger(64);
}

/// The element type of the caller's buffer: a quantized type's storage
/// integer (signless, as qnn.storage_cast takes it).
static Type bufferElementType(Type type) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(type))
    return quantized.getStorageType();
  return type;
}

/// The model function: `functionName`, or the only public definition.
static func::FuncOp selectModel(ModuleOp module, StringRef functionName) {
  if (!functionName.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(functionName);
    if (!func || func.isExternal()) {
      mlir::emitError(module.getLoc(), "quant-compile: the module has no "
                                       "function '@")
          << functionName << "' with a body (--function)";
      return nullptr;
    }
    return func;
  }
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  if (candidates.size() == 1)
    return candidates.front();
  if (candidates.empty()) {
    mlir::emitError(module.getLoc(), "quant-compile: the module has no public "
                                     "function with a body to compile");
    return nullptr;
  }
  InFlightDiagnostic diag =
      mlir::emitError(candidates[1].getLoc(), "quant-compile: ");
  diag << "the module has " << candidates.size() << " public functions (";
  llvm::interleaveComma(candidates, diag, [&](func::FuncOp func) {
    diag << "@" << func.getName();
  });
  diag << "); name the model's with --function";
  return nullptr;
}

FailureOr<ModelInterface> qnn::prepareModelFunction(ModuleOp module,
                                                    StringRef cName,
                                                    StringRef functionName) {
  MLIRContext *ctx = module.getContext();
  if (cName.empty() || sanitizeCIdentifier(cName) != cName) {
    mlir::emitError(module.getLoc(), "quant-compile: '")
        << cName << "' is not a C identifier, or is reserved (--name)";
    return failure();
  }
  func::FuncOp model = selectModel(module, functionName);
  if (!model)
    return failure();

  ModelInterface interface;
  interface.name = cName.str();
  auto describe = [&](Type type, Location loc, bool isResult, unsigned index,
                      ModelTensor &tensor) -> LogicalResult {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (!ranked || ranked.getEncoding() ||
        !isSupportedElementType(ranked.getElementType())) {
      mlir::emitError(loc, "quant-compile: ")
          << (isResult ? "result " : "argument ") << index << " of @"
          << model.getName() << " has type " << type
          << "; the C interface takes ranked tensors of f32, i8, ui8, i32, "
             "i64 or of quantized types with 8- or 32-bit storage";
      return failure();
    }
    tensor.name = tensorName(model, isResult, index);
    tensor.elementType = ranked.getElementType();
    tensor.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    return success();
  };
  FunctionType type = model.getFunctionType();
  for (auto [i, input] : llvm::enumerate(type.getInputs()))
    if (failed(describe(input, model.getArgument(i).getLoc(), false, i,
                        interface.inputs.emplace_back())))
      return failure();
  for (auto [i, result] : llvm::enumerate(type.getResults()))
    if (failed(describe(result, model.getLoc(), true, i,
                        interface.outputs.emplace_back())))
      return failure();

  // Only the model stays public; what it does not call goes away.
  for (auto func : module.getOps<func::FuncOp>())
    if (func != model && func.isPublic())
      func.setPrivate();
  PassManager dce(ctx);
  dce.addPass(createSymbolDCEPass());
  if (failed(dce.run(module)))
    return failure();
  if (!SymbolTable::symbolKnownUseEmpty(model, module)) {
    model.emitError("quant-compile: @")
        << model.getName()
        << " is called by another function of the module; the model's "
           "function must be one that nothing calls";
    return failure();
  }
  SymbolTable symbols(module);
  if (Operation *other = symbols.lookup(cName); other && other != model) {
    other->emitError("quant-compile: the module already defines '@")
        << cName << "'; choose another C name with --name";
    return failure();
  }
  std::string implName = "__qnn_" + cName.str() + "_impl";
  for (unsigned i = 0; symbols.lookup(implName); ++i)
    implName = ("__qnn_" + cName + "_impl" + Twine(i)).str();
  if (failed(symbols.rename(model, implName)))
    return failure();
  interface.implName = implName;

  // Destination-passing form: each result is written into a memref
  // argument; the inputs are the caller's read-only buffers. Quantized
  // tensors cross the interface as their storage integers.
  OpBuilder b(ctx);
  unsigned numInputs = model.getNumArguments();
  Block &entry = model.getBody().front();
  b.setInsertionPointToStart(&entry);
  for (auto [i, input] : llvm::enumerate(interface.inputs)) {
    if (!isa<quant::QuantizedType>(input.elementType))
      continue;
    BlockArgument arg = model.getArgument(i);
    Type quantized = arg.getType();
    arg.setType(RankedTensorType::get(input.shape,
                                      bufferElementType(input.elementType)));
    auto cast = StorageCastOp::create(b, arg.getLoc(), quantized, arg);
    arg.replaceAllUsesExcept(cast.getResult(), cast);
  }
  SmallVector<Type> argTypes(entry.getArgumentTypes());
  model.setType(FunctionType::get(ctx, argTypes, model.getResultTypes()));
  for (auto [i, output] : llvm::enumerate(interface.outputs)) {
    auto memref =
        MemRefType::get(output.shape, bufferElementType(output.elementType));
    if (failed(model.insertArgument(numInputs + i, memref, DictionaryAttr(),
                                    model.getLoc())))
      return failure();
  }
  for (unsigned i = 0; i < numInputs; ++i)
    model.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                     BoolAttr::get(ctx, false));
  model.walk([&](func::ReturnOp ret) {
    b.setInsertionPoint(ret);
    for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
      const ModelTensor &output = interface.outputs[i];
      if (isa<quant::QuantizedType>(output.elementType))
        value = StorageCastOp::create(
            b, ret.getLoc(),
            RankedTensorType::get(output.shape,
                                  bufferElementType(output.elementType)),
            value);
      bufferization::MaterializeInDestinationOp::create(
          b, ret.getLoc(), Type(), value, model.getArgument(numInputs + i),
          /*restrict=*/true, /*writable=*/true);
    }
    ret->setOperands({});
  });
  model.setType(FunctionType::get(ctx, model.getArgumentTypes(), {}));
  model.removeResAttrsAttr();
  model->removeAttr("llvm.emit_c_interface");
  return interface;
}

/// NAME(ptr in0, i64 dims..., ..., ptr out0, i64 dims..., ..., ptr status)
/// -> i32, calling the lowered model with one memref descriptor per tensor
/// (expanded into allocated, aligned, offset, sizes, strides) and a status.
static LogicalResult addEntryPoint(ModuleOp module,
                                   const ModelInterface &model) {
  MLIRContext *ctx = module.getContext();
  // The lowering declares the C library functions it calls; the model
  // cannot take one of their names.
  if (Operation *other = module.lookupSymbol(model.name)) {
    other->emitError("quant-compile: the generated code calls '")
        << model.name
        << "' of the C library; choose another C name with --name";
    return failure();
  }
  auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(model.implName);
  if (!impl) {
    mlir::emitError(module.getLoc(), "quant-compile: the lowered module has "
                                     "no function '@")
        << model.implName << "'";
    return failure();
  }
  SmallVector<const ModelTensor *> tensors;
  for (const ModelTensor &t : model.inputs)
    tensors.push_back(&t);
  for (const ModelTensor &t : model.outputs)
    tensors.push_back(&t);
  unsigned expected = 1;
  for (const ModelTensor *t : tensors)
    expected += 3 + 2 * t->shape.size();
  if (impl.getNumArguments() != expected ||
      !isa<LLVM::LLVMVoidType>(impl.getFunctionType().getReturnType())) {
    impl.emitError("quant-compile: the lowered model takes ")
        << impl.getNumArguments() << " arguments, not the " << expected
        << " of its memref descriptors and status, or returns a value";
    return failure();
  }

  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);
  Type i32 = IntegerType::get(ctx, 32);
  SmallVector<Type> params;
  for (const ModelTensor *t : tensors) {
    params.push_back(ptr);
    for (int64_t size : t->shape)
      if (ShapedType::isDynamic(size))
        params.push_back(i64);
  }
  params.push_back(ptr);

  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  Location loc = impl.getLoc();
  auto entry = LLVM::LLVMFuncOp::create(
      b, loc, model.name, LLVM::LLVMFunctionType::get(i32, params));
  // Same target as the code it calls, so that LLVM may inline it.
  entry.setTargetCpuAttr(impl.getTargetCpuAttr());
  entry.setTargetFeaturesAttr(impl.getTargetFeaturesAttr());
  entry.setPassthroughAttr(impl.getPassthroughAttr());
  Block *body = entry.addEntryBlock(b);
  b.setInsertionPointToStart(body);

  auto constant = [&](int64_t v) -> Value {
    return LLVM::ConstantOp::create(b, loc, i64, v);
  };
  // The caller's status, or a local one when it passed NULL.
  Value statusArg = body->getArguments().back();
  auto statusType =
      LLVM::LLVMArrayType::get(IntegerType::get(ctx, 8), sizeof(QNNStatus));
  Value local = LLVM::AllocaOp::create(b, loc, ptr, statusType, constant(1),
                                       alignof(QNNStatus));
  Value null = LLVM::ZeroOp::create(b, loc, ptr);
  Value isNull =
      LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, statusArg, null);
  Value status = LLVM::SelectOp::create(b, loc, isNull, local, statusArg);

  SmallVector<Value> args;
  unsigned next = 0;
  for (const ModelTensor *t : tensors) {
    Value data = body->getArgument(next++);
    SmallVector<Value> sizes;
    for (int64_t size : t->shape)
      sizes.push_back(ShapedType::isDynamic(size) ? body->getArgument(next++)
                                                  : constant(size));
    SmallVector<Value> strides(sizes.size());
    Value stride = constant(1);
    for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
      strides[d] = stride;
      if (d > 0)
        stride = LLVM::MulOp::create(b, loc, stride, sizes[d]);
    }
    args.append({data, data, constant(0)});
    args.append(sizes);
    args.append(strides);
  }
  args.push_back(status);
  LLVM::CallOp::create(b, loc, impl, args);
  Value code = LLVM::LoadOp::create(b, loc, i32, status);
  LLVM::ReturnOp::create(b, loc, code);
  return success();
}

/// Only the entry point is exported: every other definition becomes
/// internal (declarations of library functions stay external).
static void internalize(ModuleOp module, StringRef exported) {
  for (auto func : module.getOps<LLVM::LLVMFuncOp>())
    if (!func.isExternal() && func.getName() != exported)
      func.setLinkage(LLVM::Linkage::Internal);
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    bool isDeclaration =
        !global.getValueOrNull() && global.getInitializerRegion().empty();
    if (!isDeclaration && global.getLinkage() != LLVM::Linkage::Private)
      global.setLinkage(LLVM::Linkage::Internal);
  }
}

LogicalResult qnn::lowerModel(ModuleOp module, const ModelInterface &model,
                              const QNNToLLVMOptions &options) {
  MLIRContext *ctx = module.getContext();
  QNNToLLVMOptions statusOptions;
  statusOptions.copyOptionValuesFrom(options);
  statusOptions.runtimeChecks = RuntimeCheckMode::Status;
  PassManager pm(ctx);
  if (failed(
          buildQNNToLLVMPipeline(pm, statusOptions, [&](const Twine &message) {
            mlir::emitError(module.getLoc()) << message;
            return failure();
          })))
    return failure();
  if (failed(pm.run(module)) || failed(addEntryPoint(module, model)))
    return failure();
  internalize(module, model.name);
  return verify(module);
}

//===----------------------------------------------------------------------===//
// The C header
//===----------------------------------------------------------------------===//

static StringRef cTypeOf(Type type) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(type)) {
    if (quantized.getStorageTypeIntegralWidth() == 32)
      return "int32_t";
    return quantized.isSigned() ? "int8_t" : "uint8_t";
  }
  if (type.isF32())
    return "float";
  if (type.isUnsignedInteger(8))
    return "uint8_t";
  if (type.isInteger(8))
    return "int8_t";
  if (type.isInteger(32))
    return "int32_t";
  return "int64_t";
}

/// `text` safe inside a C comment.
static std::string commentSafe(StringRef text) {
  std::string safe;
  for (char c : text) {
    if (!llvm::isPrint(c))
      c = '?';
    if (c == '/' && !safe.empty() && safe.back() == '*')
      safe += ' ';
    safe += c;
  }
  return safe;
}

/// One group of parameters: `const float *in0, int64_t in0_d0`, with a
/// comment saying what it is.
static void printParameters(llvm::raw_ostream &os, const ModelTensor &t,
                            bool isOutput, unsigned index) {
  std::string base = (Twine(isOutput ? "out" : "in") + Twine(index)).str();
  std::string typeText;
  llvm::raw_string_ostream typeOs(typeText);
  typeOs << RankedTensorType::get(t.shape, t.elementType);
  os << "    /* " << (isOutput ? "output " : "input ") << index;
  if (!t.name.empty())
    os << " '" << commentSafe(t.name) << "'";
  os << ": " << commentSafe(typeText) << ", " << cTypeOf(t.elementType);
  SmallVector<std::string> dims;
  for (auto [d, size] : llvm::enumerate(t.shape))
    dims.push_back(ShapedType::isDynamic(size) ? (base + "_d" + Twine(d)).str()
                                               : std::to_string(size));
  if (!dims.empty())
    os << " [" << llvm::join(dims, "][") << "]";
  if (dims.empty())
    os << " (a scalar)";
  os << " */\n";
  os << "    " << (isOutput ? "" : "const ") << cTypeOf(t.elementType) << " *"
     << base;
  for (std::string &dim : dims)
    if (!llvm::isDigit(dim.front()))
      os << ", int64_t " << dim;
  os << ",\n";
}

std::string qnn::emitCHeader(const ModelInterface &model) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string guard = "QNN_MODEL_" + StringRef(model.name).upper() + "_H";
  os << "/* The C interface of the model '" << model.name
     << "', compiled by quant-compile";
  if (!model.source.empty())
    os << " from " << commentSafe(model.source);
  os << ". */\n\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n"
     << "/* QNNStatus, as in quant/Runtime/QNNStatus.h (same guard, so the "
        "two may\n   be included together). */\n"
     << "#ifndef QUANT_RUNTIME_QNNSTATUS_H\n"
     << "#define QUANT_RUNTIME_QNNSTATUS_H\n"
     << "#define QNN_STATUS_MESSAGE_SIZE " << QNN_STATUS_MESSAGE_SIZE << "\n"
     << "enum {\n"
     << "  QNN_STATUS_OK = " << QNN_STATUS_OK << ",\n"
     << "  QNN_STATUS_SIZE_MISMATCH = " << QNN_STATUS_SIZE_MISMATCH << ",\n"
     << "};\n"
     << "typedef struct QNNStatus {\n"
     << "  int32_t code;\n"
     << "  char message[QNN_STATUS_MESSAGE_SIZE];\n"
     << "} QNNStatus;\n"
     << "#endif\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* Runs the model on dense row-major buffers that the caller owns: "
        "the inputs,\n"
     << "   then the outputs, which are written in place, each followed by "
        "its dynamic\n"
     << "   sizes. Returns QNN_STATUS_OK, or QNN_STATUS_SIZE_MISMATCH when "
        "the sizes\n"
     << "   disagree: then nothing was written and status->message locates "
        "the failed\n"
     << "   check. `status` may be NULL. */\n"
     << "int32_t " << model.name << "(\n";
  for (auto [i, t] : llvm::enumerate(model.inputs))
    printParameters(os, t, /*isOutput=*/false, i);
  for (auto [i, t] : llvm::enumerate(model.outputs))
    printParameters(os, t, /*isOutput=*/true, i);
  os << "    QNNStatus *status);\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n"
     << "#endif /* " << guard << " */\n";
  return text;
}
