//===- ByteProducts.cpp - Byte products and packed weights ----------------===//
//
// See ByteProducts.h.
//
//===----------------------------------------------------------------------===//

#include "ByteProducts.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AffineExpr.h"

namespace mlir::qnn::products {

/// The input number, signedness and width of `v`, if it is the extension of
/// an i8 input block argument of `op`, or the signed one of an i16 input.
static std::optional<ByteInput> byteInput(linalg::GenericOp op, Value v) {
  bool isSigned = false;
  if (auto ext = v.getDefiningOp<arith::ExtSIOp>()) {
    isSigned = true;
    v = ext.getIn();
  } else if (auto ext = v.getDefiningOp<arith::ExtUIOp>()) {
    v = ext.getIn();
  } else {
    return std::nullopt;
  }
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != op.getBody() ||
      arg.getArgNumber() >= op.getNumDpsInputs())
    return std::nullopt;
  unsigned bits = arg.getType().getIntOrFloatBitWidth();
  if (bits != 8 && !(bits == 16 && isSigned))
    return std::nullopt;
  return ByteInput{arg.getArgNumber(), isSigned, bits};
}

std::optional<std::pair<ByteInput, ByteInput>>
matchByteProductBody(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1)
    return std::nullopt;
  Block *body = op.getBody();
  if (std::distance(body->begin(), body->end()) != 5)
    return std::nullopt;
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield.getValues()[0].getDefiningOp<arith::AddIOp>();
  if (!add || !add.getType().isInteger(32))
    return std::nullopt;
  Value acc = body->getArgument(op.getNumDpsInputs());
  if ((add.getLhs() == acc) == (add.getRhs() == acc))
    return std::nullopt;
  Value other = add.getLhs() == acc ? add.getRhs() : add.getLhs();
  auto mul = other.getDefiningOp<arith::MulIOp>();
  if (!mul)
    return std::nullopt;
  std::optional<ByteInput> lhs = byteInput(op, mul.getLhs()),
                           rhs = byteInput(op, mul.getRhs());
  if (!lhs || !rhs || lhs->index == rhs->index)
    return std::nullopt;
  return std::make_pair(*lhs, *rhs);
}

std::optional<ProductLoops> matchProductLoops(linalg::GenericOp op) {
  if (op.getNumReductionLoops() == 0 || op.getNumDpsInits() != 1)
    return std::nullopt;
  ProductLoops loops;
  for (auto [d, it] : llvm::enumerate(op.getIteratorTypesArray()))
    (it == utils::IteratorType::parallel ? loops.parallel : loops.reduction)
        .push_back(d);
  if (loops.parallel.empty())
    return std::nullopt;
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outMap.getNumResults() != loops.parallel.size())
    return std::nullopt;
  for (auto [r, d] : llvm::enumerate(loops.parallel))
    if (outMap.getResult(r) != getAffineDimExpr(d, op.getContext()))
      return std::nullopt;
  return loops;
}

bool isActivationMap(AffineMap map, unsigned k) {
  ArrayRef<AffineExpr> results = map.getResults();
  if (results.empty() || results.back() != getAffineDimExpr(k, map.getContext()))
    return false;
  return llvm::none_of(results.drop_back(), [&](AffineExpr e) {
    return e.isFunctionOfDim(k);
  });
}

bool isWeightMap(AffineMap map, unsigned k, unsigned n) {
  ArrayRef<AffineExpr> results = map.getResults();
  MLIRContext *ctx = map.getContext();
  if (results.size() < 2 ||
      results[results.size() - 2] != getAffineDimExpr(k, ctx) ||
      results.back() != getAffineDimExpr(n, ctx))
    return false;
  return llvm::none_of(results.drop_back(2), [&](AffineExpr e) {
    return e.isFunctionOfDim(k) || e.isFunctionOfDim(n);
  });
}

int64_t stepsPerInstruction(ProductInstruction instruction, ByteInput x,
                            ByteInput y, int64_t lanes) {
  if ((lanes != 4 && lanes != 8 && lanes != 16) || y.bits != 8)
    return 1;
  switch (instruction) {
  case ProductInstruction::Vpdpbusd:
    return x.bits == 8 && !x.isSigned && y.isSigned ? 4 : 1;
  case ProductInstruction::Vpmaddwd:
    // i16 x i16 products fit in i32; their pair sum wraps (only at
    // -2^15 * -2^15 twice) exactly as the i32 sum of the body does.
    return 2;
  case ProductInstruction::Widen:
    return 1;
  }
  llvm_unreachable("unknown product instruction");
}

SmallVector<int64_t> packedShape(ArrayRef<int64_t> shape,
                                 PackedLayout layout) {
  SmallVector<int64_t> packed(shape.drop_back(2));
  int64_t k = shape[shape.size() - 2], n = shape.back();
  packed.push_back(llvm::divideCeil(n, layout.lanes));
  packed.push_back(llvm::divideCeil(k, layout.steps));
  packed.push_back(layout.lanes * layout.steps);
  return packed;
}

/// The last three results of a packed map.
static SmallVector<AffineExpr, 3> packedResults(MLIRContext *ctx, unsigned k,
                                                unsigned n,
                                                PackedLayout layout) {
  AffineExpr kd = getAffineDimExpr(k, ctx), nd = getAffineDimExpr(n, ctx);
  return {nd.floorDiv(layout.lanes), kd.floorDiv(layout.steps),
          (nd % layout.lanes) * layout.steps + kd % layout.steps};
}

AffineMap packedWeightMap(AffineMap map, unsigned k, unsigned n,
                          PackedLayout layout) {
  SmallVector<AffineExpr> results(map.getResults().drop_back(2));
  llvm::append_range(results,
                     packedResults(map.getContext(), k, n, layout));
  return AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                        map.getContext());
}

std::optional<PackedLayout> matchPackedWeightMap(AffineMap map, unsigned k,
                                                 unsigned n) {
  ArrayRef<AffineExpr> results = map.getResults();
  if (results.size() < 3 || map.getNumSymbols() != 0)
    return std::nullopt;
  // The first two of the three give the layout; the third must then be
  // the lane index, up to simplification.
  auto divisor = [](AffineExpr e, unsigned dim) -> std::optional<int64_t> {
    auto bin = dyn_cast<AffineBinaryOpExpr>(e);
    if (!bin || e.getKind() != AffineExprKind::FloorDiv)
      return std::nullopt;
    auto d = dyn_cast<AffineDimExpr>(bin.getLHS());
    auto c = dyn_cast<AffineConstantExpr>(bin.getRHS());
    if (!d || !c || d.getPosition() != dim || c.getValue() <= 0)
      return std::nullopt;
    return c.getValue();
  };
  size_t last = results.size() - 3;
  std::optional<int64_t> lanes = divisor(results[last], n),
                         steps = divisor(results[last + 1], k);
  if (!lanes || !steps)
    return std::nullopt;
  PackedLayout layout{*lanes, *steps};
  AffineExpr expected =
      packedResults(map.getContext(), k, n, layout).back();
  unsigned dims = map.getNumDims();
  if (simplifyAffineExpr(results.back(), dims, 0) !=
      simplifyAffineExpr(expected, dims, 0))
    return std::nullopt;
  for (AffineExpr e : results.drop_back(3))
    if (e.isFunctionOfDim(k) || e.isFunctionOfDim(n))
      return std::nullopt;
  return layout;
}

} // namespace mlir::qnn::products
