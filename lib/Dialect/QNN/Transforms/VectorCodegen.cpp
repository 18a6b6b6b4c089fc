//===- VectorCodegen.cpp - Vector code of linalg.generic bodies -----------===//
//
// See VectorCodegen.h.
//
//===----------------------------------------------------------------------===//

#include "VectorCodegen.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::qnn::vectorize {

bool hasUnitInnerStride(MemRefType type) {
  if (type.getRank() == 0)
    return true;
  if (type.getLayout().isIdentity())
    return true;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return strides.back() == 1;
}

/// An index the vector code can compute: a loop index, a constant, or sums
/// and constant multiples of them.
static bool isSimpleIndex(AffineExpr e) {
  if (isa<AffineDimExpr, AffineConstantExpr>(e))
    return true;
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin || (e.getKind() != AffineExprKind::Add &&
               e.getKind() != AffineExprKind::Mul))
    return false;
  if (e.getKind() == AffineExprKind::Mul &&
      !isa<AffineConstantExpr>(bin.getRHS()))
    return false;
  return isSimpleIndex(bin.getLHS()) && isSimpleIndex(bin.getRHS());
}

/// Emits the index `e` of loop indices `ivs` (see isSimpleIndex).
Value emitIndex(OpBuilder &b, Location loc, AffineExpr e, ArrayRef<Value> ivs) {
  if (auto dim = dyn_cast<AffineDimExpr>(e))
    return ivs[dim.getPosition()];
  if (auto cst = dyn_cast<AffineConstantExpr>(e))
    return arith::ConstantIndexOp::create(b, loc, cst.getValue());
  auto bin = cast<AffineBinaryOpExpr>(e);
  Value lhs = emitIndex(b, loc, bin.getLHS(), ivs);
  Value rhs = emitIndex(b, loc, bin.getRHS(), ivs);
  if (e.getKind() == AffineExprKind::Add)
    return arith::AddIOp::create(b, loc, lhs, rhs);
  return arith::MulIOp::create(b, loc, lhs, rhs);
}

/// Checks that every operand is a byte-addressable buffer and that the
/// loop dimension `vecDim` is either the last (unit-stride) index of an
/// operand (a vector load) or absent from it (a scalar load and a
/// broadcast), and returns how each operand is accessed.
FailureOr<SmallVector<OperandAccess>>
analyzeOperands(linalg::GenericOp op, unsigned vecDim,
                std::optional<unsigned> custom) {
  SmallVector<OperandAccess> accesses;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type)
      return failure();
    // A vector of sub-byte integers is bit-packed in memory, a memref of
    // them is one element per byte: such buffers stay with scalar loops.
    Type element = type.getElementType();
    if (!element.isIntOrIndexOrFloat() ||
        (!element.isIndex() && element.getIntOrFloatBitWidth() % 8 != 0))
      return failure();
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (operand.getOperandNumber() == custom) {
      accesses.push_back({operand.get(), map, /*contiguous=*/false});
      continue;
    }
    std::optional<unsigned> pos =
        map.getResultPosition(getAffineDimExpr(vecDim, op.getContext()));
    bool contiguous = pos.has_value();
    if (contiguous &&
        (*pos != map.getNumResults() - 1 || !hasUnitInnerStride(type)))
      return failure();
    // Other indices may be sums of multiples of other loops (a convolution
    // window, `oh * stride + kh * dilation`), but not depend on `vecDim`.
    for (auto [r, e] : llvm::enumerate(map.getResults())) {
      if (contiguous && r == *pos)
        continue;
      if (!isSimpleIndex(e) || e.isFunctionOfDim(vecDim))
        return failure();
    }
    accesses.push_back({operand.get(), map, contiguous});
  }
  return accesses;
}

/// Checks that the body can run lane by lane on vectors.
LogicalResult analyzeBody(linalg::GenericOp op) {
  for (Operation &bodyOp : op.getBody()->without_terminator()) {
    if (bodyOp.getNumRegions() != 0)
      return failure();
    for (Type t : bodyOp.getResultTypes())
      if (!t.isIntOrIndexOrFloat())
        return failure();
    if (isa<arith::ConstantOp>(bodyOp))
      continue;
    // Every lane is computed, including the masked-off ones of the tail
    // (which hold zeros): only ops that cannot trap or cause undefined
    // behaviour on any input may run there (no integer division).
    if (!OpTrait::hasElementwiseMappableTraits(&bodyOp) ||
        !isSpeculatable(&bodyOp))
      return failure();
  }
  return success();
}

LogicalResult checkVectorWidth(Operation *op, unsigned vectorWidth) {
  if (vectorWidth >= 64 && vectorWidth % 32 == 0)
    return success();
  return op->emitError("vector-width must be a multiple of 32 bits and at "
                       "least 64, got ")
         << vectorWidth;
}

Value BodyVectorizer::loadVector(OpBuilder &b, Location loc, Value memref,
                                 ValueRange indices, Type elementType,
                                 Value mask) const {
  if (!mask)
    return vector::LoadOp::create(b, loc, vectorOf(elementType), memref,
                                  indices);
  Value zero =
      arith::ConstantOp::create(b, loc, b.getZeroAttr(vectorOf(elementType)));
  return vector::MaskedLoadOp::create(b, loc, vectorOf(elementType), memref,
                                      indices, mask, zero);
}

SmallVector<Value> BodyVectorizer::indicesFor(OpBuilder &b, Location loc,
                                              const OperandAccess &a,
                                              ArrayRef<Value> loopIvs) const {
  SmallVector<Value> indices;
  for (AffineExpr e : a.map.getResults())
    indices.push_back(emitIndex(b, loc, e, loopIvs));
  return indices;
}

IRMapping BodyVectorizer::emitBody(OpBuilder &b, Location loc,
                                   ArrayRef<Value> loopIvs, Value mask,
                                   Value accumulator,
                                   ArrayRef<std::pair<unsigned, Value>> given) {
  Block *body = op.getBody();
  IRMapping mapping;
  for (auto [index, access] : llvm::enumerate(accesses)) {
    BlockArgument arg = body->getArgument(index);
    if (arg.use_empty())
      continue;
    // In a reduction the output argument is the running accumulator.
    if (accumulator && static_cast<int64_t>(index) == op.getNumDpsInputs()) {
      mapping.map(arg, accumulator);
      continue;
    }
    Value known;
    for (const auto &[number, value] : given)
      if (number == arg.getArgNumber())
        known = value;
    if (known) {
      mapping.map(arg, known);
      continue;
    }
    SmallVector<Value> indices = indicesFor(b, loc, access, loopIvs);
    Type elementType = arg.getType();
    Value v;
    if (!access.contiguous) {
      Value scalar = memref::LoadOp::create(b, loc, access.memref, indices);
      v = vector::BroadcastOp::create(b, loc, vectorOf(elementType), scalar);
    } else {
      v = loadVector(b, loc, access.memref, indices, elementType, mask);
    }
    mapping.map(arg, v);
  }
  for (Operation &bodyOp : body->without_terminator()) {
    if (auto cst = dyn_cast<arith::ConstantOp>(bodyOp)) {
      auto splat =
          SplatElementsAttr::get(vectorOf(cst.getType()), cst.getValue());
      mapping.map(cst.getResult(),
                  arith::ConstantOp::create(b, loc, splat).getResult());
      continue;
    }
    // Values from outside the body are the same for every lane.
    for (Value operand : bodyOp.getOperands())
      if (!mapping.contains(operand))
        mapping.map(operand, vector::BroadcastOp::create(
                                 b, loc, vectorOf(operand.getType()), operand));
    Operation *clone = b.clone(bodyOp, mapping);
    for (OpResult result : clone->getResults())
      result.setType(vectorOf(result.getType()));
  }
  return mapping;
}

void BodyVectorizer::storeYielded(OpBuilder &b, Location loc,
                                  IRMapping &mapping, ArrayRef<Value> loopIvs,
                                  Value mask) {
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  for (auto [k, value] : llvm::enumerate(yield.getValues())) {
    const OperandAccess &out = accesses[op.getNumDpsInputs() + k];
    Value v = yieldedVector(b, loc, mapping, value);
    SmallVector<Value> indices = indicesFor(b, loc, out, loopIvs);
    if (!mask)
      vector::StoreOp::create(b, loc, v, out.memref, indices);
    else
      vector::MaskedStoreOp::create(b, loc, out.memref, indices, mask, v);
  }
}

Value BodyVectorizer::yieldedVector(OpBuilder &b, Location loc,
                                    IRMapping &mapping, Value value) {
  if (Value v = mapping.lookupOrNull(value))
    return v;
  return vector::BroadcastOp::create(b, loc, vectorOf(value.getType()), value);
}

} // namespace mlir::qnn::vectorize
