//===- RuntimeChecks.cpp - Size checks at the start of each function -----===//
//
// The conversion emits a qnn.check_size where an op's verifier relation
// involves a dynamic size. This file adds the checks of tensor.cast from a
// dynamic to a static size, and moves every check whose sizes derive from
// the function's arguments alone to the start of the function, so that a
// call with mismatched sizes stops before it allocates or writes anything.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

void mlir::qnn::detail::emitCastChecks(Operation *root) {
  root->walk([](tensor::CastOp cast) {
    auto from = dyn_cast<RankedTensorType>(cast.getSource().getType());
    auto to = dyn_cast<RankedTensorType>(cast.getType());
    if (!from || !to)
      return;
    OpBuilder b(cast);
    for (int64_t d = 0; d < to.getRank(); ++d) {
      if (!from.isDynamicDim(d) || to.isDynamicDim(d))
        continue;
      emitSizeCheck(b, cast.getLoc(),
                    tensor::DimOp::create(b, cast.getLoc(), cast.getSource(),
                                          d),
                    SizeRelation::eq, to.getDimSize(d),
                    "tensor.cast: dimension " + Twine(d) +
                        " has size {0} but the static type has {1}");
    }
  });
}

void mlir::qnn::detail::emitDestinationChecks(Operation *root) {
  root->walk([](bufferization::MaterializeInDestinationOp op) {
    auto source = dyn_cast<RankedTensorType>(op.getSource().getType());
    auto dest = dyn_cast<ShapedType>(op.getDest().getType());
    if (!source || !dest || !dest.hasRank())
      return;
    OpBuilder b(op);
    Location loc = op.getLoc();
    for (int64_t d = 0; d < source.getRank(); ++d) {
      if (!source.isDynamicDim(d) && !dest.isDynamicDim(d))
        continue;
      Value destSize =
          isa<MemRefType>(dest)
              ? Value(memref::DimOp::create(b, loc, op.getDest(), d))
              : Value(tensor::DimOp::create(b, loc, op.getDest(), d));
      emitSizeCheck(b, loc, destSize, SizeRelation::eq,
                    linalg::createOrFoldDimOp(b, loc, op.getSource(), d),
                    "bufferization.materialize_in_destination: dimension " +
                        Twine(d) +
                        ": the destination has size {0} but the value "
                        "has size {1}");
    }
  });
}

/// The ops that compute `check`'s operands, defs before uses, if they are
/// all side-effect free, without regions and rooted in `entry`'s arguments
/// only; failure otherwise.
static FailureOr<SmallVector<Operation *>> hoistableSlice(CheckSizeOp check,
                                                          Block *entry) {
  SmallVector<Operation *> order;
  DenseSet<Operation *> seen;
  // Iterative post-order walk over the operands' definitions.
  SmallVector<std::pair<Operation *, unsigned>> stack;
  stack.push_back({check, 0});
  while (!stack.empty()) {
    auto &[op, next] = stack.back();
    if (next < op->getNumOperands()) {
      Value operand = op->getOperand(next++);
      if (auto arg = dyn_cast<BlockArgument>(operand)) {
        if (arg.getOwner() != entry)
          return failure();
        continue;
      }
      Operation *def = operand.getDefiningOp();
      if (seen.contains(def))
        continue;
      if (def->getNumRegions() != 0 || !isMemoryEffectFree(def))
        return failure();
      seen.insert(def);
      stack.push_back({def, 0});
      continue;
    }
    if (op != check.getOperation())
      order.push_back(op);
    stack.pop_back();
  }
  return order;
}

void mlir::qnn::detail::hoistRuntimeChecks(Operation *root) {
  SmallVector<CheckSizeOp> checks;
  root->walk([&](CheckSizeOp check) { checks.push_back(check); });
  if (checks.empty())
    return;
  // Sizes of intermediate results in terms of the arguments' sizes.
  RewritePatternSet patterns(root->getContext());
  memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
  tensor::DimOp::getCanonicalizationPatterns(patterns, root->getContext());
  tensor::EmptyOp::getCanonicalizationPatterns(patterns, root->getContext());
  (void)applyPatternsGreedily(root, std::move(patterns));

  // A marker at the start of each function: hoisted ops go before it, in
  // the order of the checks.
  DenseMap<Block *, Operation *> markers;
  checks.clear();
  root->walk([&](CheckSizeOp check) { checks.push_back(check); });
  for (CheckSizeOp check : checks) {
    auto func = check->getParentOfType<FunctionOpInterface>();
    if (!func || func.isExternal())
      continue;
    Block *entry = &func.getFunctionBody().front();
    FailureOr<SmallVector<Operation *>> slice = hoistableSlice(check, entry);
    if (failed(slice))
      continue;
    Operation *&marker = markers[entry];
    if (!marker) {
      OpBuilder b = OpBuilder::atBlockBegin(entry);
      marker = UnrealizedConversionCastOp::create(b, check.getLoc(),
                                                  TypeRange(), ValueRange());
    }
    for (Operation *op : *slice)
      if (op->getBlock() != entry || !op->isBeforeInBlock(marker))
        op->moveBefore(marker);
    check->moveBefore(marker);
  }
  for (auto &[block, marker] : markers)
    marker->erase();
}
