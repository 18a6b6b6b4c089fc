//===- LowerRuntimeChecks.cpp - qnn.check_size to abort, status or nothing ===//
//
// The run-time size checks stop a call whose sizes disagree. On buffers,
// before the LLVM conversion, each check becomes
//   abort:  scf.if (failed) { dprintf(2, message); abort(); }
//   status: a branch to a block that writes the message into the caller's
//           QNNStatus and returns null results,
//   off:    nothing.
// The message is a printf format built at compile time: the location of
// the checked op in the source IR, then the check's own text with its two
// sizes as %lld.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/IR/Location.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Runtime/QNNStatus.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLOWERRUNTIMECHECKS
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// `file:line:col` of the first file location in `loc`, or "unknown".
std::string sourceLocation(Location loc) {
  std::string text = "unknown location";
  bool found = false;
  loc->walk([&](Location nested) {
    auto file = dyn_cast<FileLineColLoc>(nested);
    if (!file || found)
      return WalkResult::advance();
    found = true;
    text = (file.getFilename().getValue() + ":" + Twine(file.getLine()) + ":" +
            Twine(file.getColumn()))
               .str();
    return WalkResult::interrupt();
  });
  return text;
}

/// The printf format of `check`'s message, prefixed with its location, and
/// the order in which its two sizes (0: size, 1: bound) appear in it.
std::string checkFormat(CheckSizeOp check, SmallVectorImpl<unsigned> &order) {
  std::string format;
  auto append = [&](StringRef text) {
    for (char c : text) {
      if (c == '%')
        format += '%';
      format += c;
    }
  };
  append(sourceLocation(check.getLoc()));
  format += ": ";
  StringRef message = check.getMessage();
  while (!message.empty()) {
    if (message.starts_with("{0}") || message.starts_with("{1}")) {
      order.push_back(message[1] - '0');
      format += "%lld";
      message = message.drop_front(3);
      continue;
    }
    append(message.take_front(1));
    message = message.drop_front(1);
  }
  return format;
}

/// Emits the i1 `true when check fails`.
Value failedCondition(OpBuilder &b, CheckSizeOp check) {
  auto predicate = check.getRelation() == SizeRelation::eq
                       ? arith::CmpIPredicate::ne
                       : arith::CmpIPredicate::slt;
  return arith::CmpIOp::create(b, check.getLoc(), predicate, check.getSize(),
                               check.getBound());
}

/// Builds the LLVM calls of the lowering: format strings as private
/// globals, and the libc functions they use.
class CallBuilder {
public:
  CallBuilder(ModuleOp module) : module(module) {}

  /// A pointer to a NUL-terminated constant string.
  Value string(OpBuilder &b, Location loc, StringRef text) {
    std::string name;
    do {
      name = ("__qnn_check_message_" + Twine(counter++)).str();
    } while (module.lookupSymbol(name));
    std::string value = text.str();
    value.push_back('\0');
    OpBuilder::InsertionGuard guard(b);
    return LLVM::createGlobalString(loc, b, name, value,
                                    LLVM::Linkage::Internal);
  }

  /// The variadic arguments of the check's format: its sizes as i64.
  SmallVector<Value> sizes(OpBuilder &b, CheckSizeOp check,
                           ArrayRef<unsigned> order) {
    SmallVector<Value> args;
    for (unsigned i : order)
      args.push_back(arith::IndexCastOp::create(
          b, check.getLoc(), b.getI64Type(), check->getOperand(i)));
    return args;
  }

  /// The C library function `name`, declared once in the module; a
  /// located error if the module declares it with another type.
  FailureOr<LLVM::LLVMFuncOp> libc(OpBuilder &b, Location loc, StringRef name,
                                   ArrayRef<Type> params, Type result,
                                   bool isVarArg) {
    OpBuilder::InsertionGuard guard(b);
    FailureOr<LLVM::LLVMFuncOp> fn = LLVM::lookupOrCreateFn(
        b, module, name, params, result ? result : voidType(b), isVarArg);
    if (failed(fn))
      mlir::emitError(loc, "qnn-lower-runtime-checks: the module declares '")
          << name << "' with another type than the C library's";
    return fn;
  }

  Type voidType(OpBuilder &b) {
    return LLVM::LLVMVoidType::get(b.getContext());
  }
  Type ptrType(OpBuilder &b) { return ptrType(b.getContext()); }
  static Type ptrType(MLIRContext *ctx) {
    return LLVM::LLVMPointerType::get(ctx);
  }

private:
  ModuleOp module;
  unsigned counter = 0;
};

/// abort: scf.if (failed) { dprintf(2, format, sizes...); abort(); }
LogicalResult lowerToAbort(CheckSizeOp check, CallBuilder &calls) {
  OpBuilder b(check);
  Location loc = check.getLoc();
  FailureOr<LLVM::LLVMFuncOp> dprintf =
      calls.libc(b, loc, "dprintf", {b.getI32Type(), calls.ptrType(b)},
                 b.getI32Type(), /*isVarArg=*/true);
  FailureOr<LLVM::LLVMFuncOp> abortFn =
      calls.libc(b, loc, "abort", {}, {}, /*isVarArg=*/false);
  if (failed(dprintf) || failed(abortFn))
    return failure();
  Value broken = failedCondition(b, check);
  auto ifOp = scf::IfOp::create(b, loc, broken, /*withElseRegion=*/false);
  b.setInsertionPointToStart(ifOp.thenBlock());
  SmallVector<unsigned> order;
  std::string format = "error: " + checkFormat(check, order) + "\n";
  Value fd = arith::ConstantIntOp::create(b, loc, b.getI32Type(), 2);
  SmallVector<Value> args{fd, calls.string(b, loc, format)};
  llvm::append_range(args, calls.sizes(b, check, order));
  LLVM::CallOp::create(b, loc, *dprintf, args);
  LLVM::CallOp::create(b, loc, *abortFn, ValueRange());
  check.erase();
  return success();
}

/// status: the functions' extra argument, the failure blocks that write it
/// and return, and the propagation of a callee's failure.
class StatusLowering {
public:
  StatusLowering(ModuleOp module, CallBuilder &calls)
      : module(module), calls(calls), converter(module.getContext()) {}

  LogicalResult run() {
    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        funcs.push_back(func);
    DenseSet<Operation *> withStatus(funcs.begin(), funcs.end());

    for (func::FuncOp func : funcs) {
      // Checks and calls are rewritten after the signatures changed.
      SmallVector<Operation *> sites;
      bool valid = true;
      func.walk([&](Operation *op) {
        bool isCall = false;
        if (auto call = dyn_cast<func::CallOp>(op))
          isCall = withStatus.contains(
              module.lookupSymbol<func::FuncOp>(call.getCallee()));
        if (!isa<CheckSizeOp>(op) && !isCall)
          return;
        if (op->getParentOp() != func) {
          op->emitError("qnn-lower-runtime-checks: in status mode, a ")
              << (isCall ? "call that may fail" : "size check")
              << " must be in the function's own region, not inside '"
              << op->getParentOp()->getName() << "'";
          valid = false;
          return;
        }
        sites.push_back(op);
      });
      if (!valid)
        return failure();
      if (failed(func.insertArgument(func.getNumArguments(),
                                     CallBuilder::ptrType(module.getContext()),
                                     DictionaryAttr(), func.getLoc())))
        return failure();
      Value status = func.getArgument(func.getNumArguments() - 1);
      if (func.isPublic())
        writeSuccess(func, status);
      for (Operation *site : sites) {
        if (auto check = dyn_cast<CheckSizeOp>(site)) {
          if (failed(lowerCheck(func, check, status)))
            return failure();
        } else if (failed(lowerCall(func, cast<func::CallOp>(site), status))) {
          return failure();
        }
      }
    }
    return success();
  }

private:
  /// code = 0, message = "" on entry.
  void writeSuccess(func::FuncOp func, Value status) {
    OpBuilder b = OpBuilder::atBlockBegin(&func.getBody().front());
    Location loc = func.getLoc();
    LLVM::StoreOp::create(b, loc, i32(b, loc, QNN_STATUS_OK), status);
    LLVM::StoreOp::create(
        b, loc, LLVM::ConstantOp::create(b, loc, b.getI8Type(), 0),
        messagePointer(b, loc, status));
  }

  Value i32(OpBuilder &b, Location loc, int32_t v) {
    return LLVM::ConstantOp::create(b, loc, b.getI32Type(), v);
  }

  Value messagePointer(OpBuilder &b, Location loc, Value status) {
    return LLVM::GEPOp::create(b, loc, calls.ptrType(b), b.getI8Type(),
                               status,
                               ArrayRef<LLVM::GEPArg>{
                                   static_cast<int32_t>(sizeof(int32_t))});
  }

  /// Splits the block before `op`: `op` and what follows go on when `ok`
  /// holds; otherwise a new block built by `fail` runs and returns.
  LogicalResult branchAround(func::FuncOp func, Operation *op, Value broken,
                             function_ref<void(OpBuilder &)> fail) {
    OpBuilder b(op);
    Location loc = op->getLoc();
    Block *before = op->getBlock();
    Block *after = before->splitBlock(op);
    Block *failBlock = new Block();
    func.getBody().getBlocks().insertAfter(Region::iterator(before),
                                           failBlock);
    b.setInsertionPointToEnd(before);
    cf::CondBranchOp::create(b, loc, broken, failBlock, after);
    b.setInsertionPointToEnd(failBlock);
    fail(b);
    SmallVector<Value> results;
    for (Type type : func.getResultTypes()) {
      Value zero = nullValue(b, loc, type);
      if (!zero)
        return func.emitError("qnn-lower-runtime-checks: no null value of ")
               << type << " to return from a failed call";
      results.push_back(zero);
    }
    func::ReturnOp::create(b, loc, results);
    return success();
  }

  LogicalResult lowerCheck(func::FuncOp func, CheckSizeOp check,
                           Value status) {
    OpBuilder b(check);
    FailureOr<LLVM::LLVMFuncOp> snprintf = calls.libc(
        b, check.getLoc(), "snprintf",
        {calls.ptrType(b), b.getI64Type(), calls.ptrType(b)}, b.getI32Type(),
        /*isVarArg=*/true);
    if (failed(snprintf))
      return failure();
    Value broken = failedCondition(b, check);
    if (failed(branchAround(func, check, broken, [&](OpBuilder &fb) {
          Location loc = check.getLoc();
          SmallVector<unsigned> order;
          std::string format = checkFormat(check, order);
          SmallVector<Value> args{
              messagePointer(fb, loc, status),
              LLVM::ConstantOp::create(fb, loc, fb.getI64Type(),
                                       QNN_STATUS_MESSAGE_SIZE),
              calls.string(fb, loc, format)};
          llvm::append_range(args, calls.sizes(fb, check, order));
          LLVM::CallOp::create(fb, loc, *snprintf, args);
          LLVM::StoreOp::create(fb, loc,
                                i32(fb, loc, QNN_STATUS_SIZE_MISMATCH),
                                status);
        })))
      return failure();
    check.erase();
    return success();
  }

  /// The callee writes the status; a failure returns at once.
  LogicalResult lowerCall(func::FuncOp func, func::CallOp call,
                          Value status) {
    call.getOperandsMutable().append(status);
    Operation *next = call->getNextNode();
    OpBuilder b(next);
    Location loc = call.getLoc();
    Value code = LLVM::LoadOp::create(b, loc, b.getI32Type(), status);
    Value broken = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                         code, i32(b, loc, QNN_STATUS_OK));
    return branchAround(func, next, broken, [](OpBuilder &) {});
  }

  /// What a failed call returns: null descriptors for memrefs (all
  /// pointers null, all sizes 0), zero for scalars.
  Value nullValue(OpBuilder &b, Location loc, Type type) {
    if (isa<IntegerType, IndexType, FloatType>(type))
      return arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
    Type converted = converter.convertType(type);
    if (!converted)
      return Value();
    Value zero = LLVM::ZeroOp::create(b, loc, converted);
    if (converted == type)
      return zero;
    return UnrealizedConversionCastOp::create(b, loc, type, zero).getResult(0);
  }

  ModuleOp module;
  CallBuilder &calls;
  LLVMTypeConverter converter;
};

struct QNNLowerRuntimeChecksPass
    : public qnn::impl::QNNLowerRuntimeChecksBase<QNNLowerRuntimeChecksPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    CallBuilder calls(module);
    switch (mode) {
    case RuntimeCheckMode::Off:
      module.walk([](CheckSizeOp check) { check.erase(); });
      return;
    case RuntimeCheckMode::Abort: {
      SmallVector<CheckSizeOp> checks;
      module.walk([&](CheckSizeOp check) { checks.push_back(check); });
      for (CheckSizeOp check : checks)
        if (failed(lowerToAbort(check, calls)))
          return signalPassFailure();
      return;
    }
    case RuntimeCheckMode::Status:
      if (failed(StatusLowering(module, calls).run()))
        signalPassFailure();
      return;
    }
  }
};

} // namespace
