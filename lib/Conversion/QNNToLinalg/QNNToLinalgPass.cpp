//===- QNNToLinalgPass.cpp - The convert-qnn-to-linalg pass ---------------===//
//
// The type conversion (quantized types to their storage containers), the
// structural patterns that retype func, scf and any op that merely carries
// quantized values, the up-front check of every quantized type in the
// module, and the pass, which applies the elementwise (QNNToLinalg.cpp) and
// structured (QNNToLinalgNamed.cpp) patterns.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"

namespace mlir {
#define GEN_PASS_DEF_CONVERTQNNTOLINALG
#include "quant/Conversion/Passes.h.inc"
} // namespace mlir

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

//===----------------------------------------------------------------------===//
// Type conversion
//===----------------------------------------------------------------------===//

QNNTypeConverter::QNNTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](quant::QuantizedType type) -> std::optional<Type> {
    FailureOr<QuantParams> params = getQuantParams(type, silentError);
    if (failed(params))
      return std::nullopt;
    return params->getContainerType(type.getContext());
  });
  // Signed and unsigned integers (an importer's si8 / ui8 tensors, which
  // qnn.storage_cast and the integer ops take) become signless, the only
  // integers arith computes with; the bits and the ABI are the same.
  addConversion([](IntegerType type) -> std::optional<Type> {
    if (type.isSignless())
      return type;
    return IntegerType::get(type.getContext(), type.getWidth());
  });
  addConversion([this](ShapedType type) -> std::optional<Type> {
    Type element = type.getElementType();
    auto integer = dyn_cast<IntegerType>(element);
    if (!isa<quant::QuantizedType>(element) &&
        !(integer && !integer.isSignless()))
      return type;
    Type converted = convertType(element);
    if (!converted)
      return std::nullopt;
    return type.clone(converted);
  });
  addConversion([this](FunctionType type) -> std::optional<Type> {
    SmallVector<Type> inputs, results;
    if (failed(convertTypes(type.getInputs(), inputs)) ||
        failed(convertTypes(type.getResults(), results)))
      return std::nullopt;
    return FunctionType::get(type.getContext(), inputs, results);
  });
  addConversion([this](TupleType type) -> std::optional<Type> {
    SmallVector<Type> members;
    if (failed(convertTypes(type.getTypes(), members)))
      return std::nullopt;
    return TupleType::get(type.getContext(), members);
  });
  auto cast = [](OpBuilder &builder, Type type, ValueRange inputs,
                 Location loc) -> Value {
    return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
        .getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

namespace {

/// Any other op that merely carries quantized values (tensor.empty,
/// tensor.extract_slice, bufferization.materialize_in_destination, ...) is
/// rebuilt with the converted types.
struct RetypeOp : ConversionPattern {
  RetypeOp(const TypeConverter &converter, MLIRContext *ctx)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (op->getNumRegions() != 0 || isa<QNNDialect>(op->getDialect()) ||
        isa<func::ReturnOp, func::CallOp>(op))
      return failure();
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    OperationState state(op->getLoc(), op->getName(), operands, resultTypes,
                         op->getAttrs(), op->getSuccessors());
    // A constant of ui8 / si8 values is re-spelled with the signless
    // type (the same bits), which arith.constant requires to match.
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      Type element = getElementTypeOrSelf(resultTypes.front());
      Attribute value = constant.getValue();
      if (auto dense = dyn_cast<DenseIntElementsAttr>(value))
        value = dense.bitcast(element);
      else if (auto scalar = dyn_cast<IntegerAttr>(value))
        value = IntegerAttr::get(element, scalar.getValue());
      state.attributes.set(constant.getValueAttrName(), value);
    }
    Operation *newOp = rewriter.create(state);
    rewriter.replaceOp(op, newOp->getResults());
    return success();
  }
};

/// True when `type` (or a type nested in it: a tensor's element, a
/// function's inputs, a tuple's members) is quantized.
bool containsQuantized(Type type) {
  bool found = false;
  type.walk([&](quant::QuantizedType) { found = true; });
  return found;
}

/// Ops with regions whose quantized values the conversion retypes: function
/// bodies and structured control flow (scf). Any other op with regions is
/// rebuilt by no pattern.
bool isRetypableRegionOp(Operation *op) {
  return isa<ModuleOp, FunctionOpInterface>(op) ||
         isa<scf::SCFDialect>(op->getDialect());
}

/// Checks, before converting, every type in the module that mentions a
/// quantized type: each must be one the contract can honour, and each op
/// carrying one must be one the conversion can handle. Each bad type is
/// reported once, at the first op (outermost first) that carries it.
LogicalResult validateQuantizedTypes(Operation *root) {
  bool valid = true;
  DenseSet<Type> reported;
  auto checkType = [&](Operation *op, Type type) {
    if (reported.contains(type))
      return;
    // Shaped types are checked whole (axis against rank and size), bare
    // quantized types (scalars, tuple members) on their own.
    auto report = [&]() -> InFlightDiagnostic {
      valid = false;
      reported.insert(type);
      return op->emitOpError();
    };
    type.walk([&](Type nested) {
      if (auto shaped = dyn_cast<ShapedType>(nested)) {
        if (isa<quant::QuantizedType>(shaped.getElementType()))
          (void)getQuantParamsOf(shaped, report);
      } else if (isa<quant::QuantizedType>(nested)) {
        (void)getQuantParams(nested, report);
      }
    });
  };
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    SmallVector<Type> types(op->getOperandTypes());
    llvm::append_range(types, op->getResultTypes());
    if (auto func = dyn_cast<FunctionOpInterface>(op)) {
      llvm::append_range(types, func.getArgumentTypes());
      llvm::append_range(types, func.getResultTypes());
    }
    for (Region &region : op->getRegions())
      for (Block &block : region)
        llvm::append_range(types, block.getArgumentTypes());
    // Types held in attributes (globals, function constants).
    op->getAttrDictionary().walk([&](Type t) { types.push_back(t); });
    bool carriesQuantized = llvm::any_of(types, containsQuantized);
    if (!carriesQuantized)
      return;
    if (isa<quant::QuantDialect>(op->getDialect())) {
      op->emitOpError("must be imported into qnn ops first (run "
                      "--qnn-import-quant before this pass)");
      valid = false;
      return;
    }
    if (op->getNumRegions() != 0 && !isRetypableRegionOp(op)) {
      op->emitOpError("has quantized operands, results or block arguments, "
                      "which only qnn ops, func and scf ops, and ops without "
                      "regions support; dequantize or storage_cast before it");
      valid = false;
      return;
    }
    for (Type t : types)
      checkType(op, t);
  });
  return success(valid);
}

struct ConvertQNNToLinalgPass
    : public impl::ConvertQNNToLinalgBase<ConvertQNNToLinalgPass> {
  void runOnOperation() override {
    if (failed(validateQuantizedTypes(getOperation())))
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    QNNTypeConverter converter;
    ConversionTarget target(*ctx);
    RewritePatternSet patterns(ctx);
    populateQNNToLinalgConversionPatterns(converter, patterns);
    configureQNNToLinalgLegality(converter, target);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
    emitCastChecks(getOperation());
    emitDestinationChecks(getOperation());
    hoistRuntimeChecks(getOperation());
  }
};
} // namespace

void mlir::qnn::populateQNNToLinalgConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns) {
  populateQNNToLinalgElementwiseConversionPatterns(converter, patterns);
  populateQNNToLinalgNamedConversionPatterns(converter, patterns);
  populateQNNToLinalgDynamicConversionPatterns(converter, patterns);
  patterns.add<RetypeOp>(converter, patterns.getContext());
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 converter);
  populateCallOpTypeConversionPattern(patterns, converter);
  populateReturnOpTypeConversionPattern(patterns, converter);
  populateBranchOpInterfaceTypeConversionPattern(patterns, converter);
  scf::populateSCFStructuralTypeConversions(converter, patterns);
}

void mlir::qnn::configureQNNToLinalgLegality(const QNNTypeConverter &converter,
                                             ConversionTarget &target) {
  scf::populateSCFStructuralTypeConversionTarget(converter, target);

  // Legality is by type: any op (of any dialect) is legal once no quantized
  // type is left on it.
  target.addIllegalDialect<QNNDialect>();
  target.addLegalOp<CheckSizeOp>();
  target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
    return converter.isSignatureLegal(op.getFunctionType()) &&
           converter.isLegal(&op.getBody());
  });
  target.markUnknownOpDynamicallyLegal(
      [&](Operation *op) { return converter.isLegal(op); });
}
