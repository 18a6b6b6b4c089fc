//===- VectorizeElementwise.cpp - Vector loops for elementwise generics ---===//
//
// Elementwise linalg.generic ops on buffers become an scf.for nest whose
// innermost loop runs over full vectors, then one masked iteration for the
// remainder. The body is cloned with vector result types: every op in it is
// elementwise-mappable, so lane i of the vector code computes exactly what
// the scalar body computes for element i (the bit-exactness argument).
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "quant/Dialect/QNNX86/IR/QNNX86Dialect.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNVECTORIZEELEMENTWISE
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// How one operand is read in the innermost loop.
struct OperandAccess {
  Value memref;
  AffineMap map;
  /// True when the innermost loop dimension is the operand's last (unit
  /// stride) dimension: a vector load. Otherwise the operand does not depend
  /// on the innermost loop: a scalar load and a broadcast.
  bool contiguous;
};

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
bool isSimpleIndex(AffineExpr e) {
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
FailureOr<SmallVector<OperandAccess>> analyzeOperands(linalg::GenericOp op,
                                                      unsigned vecDim) {
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

/// An all-parallel generic, vectorized along its innermost loop.
FailureOr<SmallVector<OperandAccess>> analyze(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getNumParallelLoops() != op.getNumLoops() || failed(analyzeBody(op)))
    return failure();
  FailureOr<SmallVector<OperandAccess>> accesses =
      analyzeOperands(op, op.getNumLoops() - 1);
  if (failed(accesses))
    return failure();
  for (auto [k, access] : llvm::enumerate(*accesses))
    if (op.isDpsInit(&op->getOpOperand(k)) && !access.map.isIdentity())
      return failure();
  return accesses;
}

/// A generic with reduction loops and one output indexed by its parallel
/// loops in order (a matrix product, a sum over rows), vectorized along its
/// innermost parallel loop; the reduction loops run inside, carrying the
/// accumulator vector.
struct ReductionPlan {
  SmallVector<unsigned> parallelDims, reductionDims;
  SmallVector<OperandAccess> accesses;
  /// With a u8 x s8 dot product: the inputs holding the unsigned bytes x
  /// (read without the vector loop, the innermost reduction loop as their
  /// last, unit-stride index) and the signed bytes y (a vector along the
  /// vector loop, the reduction loop as the index before it) of a body
  /// `acc + extui(x) * extsi(y)`.
  std::optional<std::pair<unsigned, unsigned>> dotProduct;
};

/// The input index of block argument `v` of `op`, if it is an i8 input.
std::optional<unsigned> byteInput(linalg::GenericOp op, Value v) {
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != op.getBody() ||
      arg.getArgNumber() >= op.getNumDpsInputs() || !arg.getType().isInteger(8))
    return std::nullopt;
  return arg.getArgNumber();
}

/// Fills plan.dotProduct when the reduction is a u8 x s8 byte product that
/// a dot-product instruction computes four reduction steps at a time.
void analyzeDotProduct(linalg::GenericOp op, ReductionPlan &plan) {
  Block *body = op.getBody();
  if (std::distance(body->begin(), body->end()) != 5)
    return;
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield.getValues()[0].getDefiningOp<arith::AddIOp>();
  if (!add || !add.getType().isInteger(32))
    return;
  Value acc = body->getArgument(op.getNumDpsInputs());
  Value other = add.getLhs() == acc ? add.getRhs() : add.getLhs();
  if (other == acc || (add.getLhs() != acc && add.getRhs() != acc))
    return;
  auto mul = other.getDefiningOp<arith::MulIOp>();
  if (!mul)
    return;
  arith::ExtUIOp ext_u = mul.getLhs().getDefiningOp<arith::ExtUIOp>();
  arith::ExtSIOp ext_s = mul.getRhs().getDefiningOp<arith::ExtSIOp>();
  if (!ext_u || !ext_s) {
    ext_u = mul.getRhs().getDefiningOp<arith::ExtUIOp>();
    ext_s = mul.getLhs().getDefiningOp<arith::ExtSIOp>();
  }
  if (!ext_u || !ext_s)
    return;
  std::optional<unsigned> x = byteInput(op, ext_u.getIn());
  std::optional<unsigned> y = byteInput(op, ext_s.getIn());
  if (!x || !y)
    return;
  MLIRContext *ctx = op.getContext();
  AffineExpr r = getAffineDimExpr(plan.reductionDims.back(), ctx);
  AffineExpr v = getAffineDimExpr(plan.parallelDims.back(), ctx);
  const OperandAccess &xa = plan.accesses[*x], &ya = plan.accesses[*y];
  ArrayRef<AffineExpr> xr = xa.map.getResults(), yr = ya.map.getResults();
  if (xa.contiguous || !ya.contiguous || xr.empty() || yr.size() < 2 ||
      xr.back() != r || yr[yr.size() - 2] != r || yr.back() != v ||
      !hasUnitInnerStride(cast<MemRefType>(xa.memref.getType())))
    return;
  for (AffineExpr e : xr.drop_back())
    if (e.isFunctionOfDim(plan.reductionDims.back()))
      return;
  for (AffineExpr e : yr.drop_back(2))
    if (e.isFunctionOfDim(plan.reductionDims.back()))
      return;
  plan.dotProduct = std::make_pair(*x, *y);
}

FailureOr<ReductionPlan> analyzeReduction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumReductionLoops() == 0 ||
      op.getNumDpsInits() != 1 || failed(analyzeBody(op)))
    return failure();
  ReductionPlan plan;
  for (auto [d, it] : llvm::enumerate(op.getIteratorTypesArray()))
    (it == utils::IteratorType::parallel ? plan.parallelDims
                                         : plan.reductionDims)
        .push_back(d);
  if (plan.parallelDims.empty())
    return failure();
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outMap.getNumResults() != plan.parallelDims.size())
    return failure();
  for (auto [r, d] : llvm::enumerate(plan.parallelDims))
    if (outMap.getResult(r) != getAffineDimExpr(d, op.getContext()))
      return failure();
  FailureOr<SmallVector<OperandAccess>> accesses =
      analyzeOperands(op, plan.parallelDims.back());
  if (failed(accesses))
    return failure();
  plan.accesses = std::move(*accesses);
  return plan;
}

/// When every operand is read with the identity map from a contiguous
/// buffer, the loop nest is one flat loop: collapse all buffers to 1-D.
void collapseIfContiguous(OpBuilder &b, Location loc,
                          SmallVector<OperandAccess> &accesses) {
  for (const OperandAccess &a : accesses) {
    auto type = cast<MemRefType>(a.memref.getType());
    if (!a.map.isIdentity() || !type.getLayout().isIdentity() ||
        type.getRank() < 2)
      return;
  }
  for (OperandAccess &a : accesses) {
    int64_t rank = cast<MemRefType>(a.memref.getType()).getRank();
    ReassociationIndices all = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    a.memref = memref::CollapseShapeOp::create(
        b, loc, a.memref, ArrayRef<ReassociationIndices>{all});
    a.map = AffineMap::getMultiDimIdentityMap(1, b.getContext());
  }
}

class Vectorizer {
public:
  /// Rows of the parallel loop outside the vector loop that share one
  /// interleaved weight vector in the dot-product form.
  static constexpr int64_t kBlockRows = 8;

  Vectorizer(linalg::GenericOp op, ArrayRef<OperandAccess> accesses,
             int64_t lanes, bool littleEndian)
      : op(op), accesses(accesses), lanes(lanes),
        packFactor(littleEndian && op.getNumReductionLoops() == 0
                       ? narrowingFactor()
                       : 1) {}

  /// Emits the loop nest in place of the generic.
  void emit(OpBuilder &b) {
    const OperandAccess &out = accesses[op.getNumDpsInputs()];
    SmallVector<Value> ivs;
    buildOuterLoops(b, op.getLoc(), out.memref, out.map.getNumDims(), ivs);
  }

private:
  /// When the single result is an integer truncation by 2 or 4 (i32 -> i8
  /// after a quantize), the widest loop computes that many vectors and packs
  /// their low parts with byte shuffles into one full-width store: on x86 a
  /// couple of permutes per 64 bytes instead of one narrowing store per 16.
  unsigned narrowingFactor() {
    if (op.getNumDpsInits() != 1)
      return 1;
    auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
    auto trunc = yield.getValues()[0].getDefiningOp<arith::TruncIOp>();
    if (!trunc || trunc->getBlock() != op.getBody())
      return 1;
    unsigned from = trunc.getIn().getType().getIntOrFloatBitWidth();
    unsigned to = trunc.getType().getIntOrFloatBitWidth();
    if (to < 8 || from % to != 0)
      return 1;
    unsigned factor = from / to;
    return factor == 2 || factor == 4 ? factor : 1;
  }

  void buildOuterLoops(OpBuilder &b, Location loc, Value outBuffer,
                       int64_t rank, SmallVector<Value> &ivs) {
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    if (static_cast<int64_t>(ivs.size()) < rank - 1) {
      Value ub = memref::DimOp::create(b, loc, outBuffer, ivs.size());
      scf::ForOp::create(
          b, loc, c0, ub, c1, ValueRange{},
          [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
            ivs.push_back(iv);
            buildOuterLoops(nb, nloc, outBuffer, rank, ivs);
            ivs.pop_back();
            scf::YieldOp::create(nb, nloc);
          });
      return;
    }
    // Innermost dimension: packed groups of vectors (when the result
    // narrows), full vectors up to n - n % lanes, then one masked step (a
    // no-op when the mask is empty).
    Value n = memref::DimOp::create(b, loc, outBuffer, rank - 1);
    Value step = arith::ConstantIndexOp::create(b, loc, lanes);
    Value start = c0;
    if (packFactor > 1) {
      Value groupStep =
          arith::ConstantIndexOp::create(b, loc, lanes * packFactor);
      Value groupEnd = arith::SubIOp::create(
          b, loc, n, arith::RemUIOp::create(b, loc, n, groupStep));
      scf::ForOp::create(
          b, loc, c0, groupEnd, groupStep, ValueRange{},
          [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
            emitPacked(nb, nloc, ivs, iv);
            scf::YieldOp::create(nb, nloc);
          });
      start = groupEnd;
    }
    Value rem = arith::RemUIOp::create(b, loc, n, step);
    Value mainEnd = arith::SubIOp::create(b, loc, n, rem);
    scf::ForOp::create(b, loc, start, mainEnd, step, ValueRange{},
                       [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
                         emitStep(nb, nloc, ivs, iv, /*mask=*/nullptr);
                         scf::YieldOp::create(nb, nloc);
                       });
    Value mask = vector::CreateMaskOp::create(
        b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{rem});
    emitStep(b, loc, ivs, mainEnd, mask);
  }

  VectorType vectorOf(Type t, int64_t count = 0) const {
    return VectorType::get({count ? count : lanes}, t);
  }

  /// A full vector load, or a masked one (masked-off lanes read as zero).
  Value loadVector(OpBuilder &b, Location loc, Value memref, ValueRange indices,
                   Type elementType, Value mask) const {
    if (!mask)
      return vector::LoadOp::create(b, loc, vectorOf(elementType), memref,
                                    indices);
    Value zero =
        arith::ConstantOp::create(b, loc, b.getZeroAttr(vectorOf(elementType)));
    return vector::MaskedLoadOp::create(b, loc, vectorOf(elementType), memref,
                                        indices, mask, zero);
  }

  /// Indices of an operand for loop indices (outer..., inner).
  SmallVector<Value> indicesFor(OpBuilder &b, Location loc,
                                const OperandAccess &a,
                                ArrayRef<Value> loopIvs) const {
    SmallVector<Value> indices;
    for (AffineExpr e : a.map.getResults())
      indices.push_back(emitIndex(b, loc, e, loopIvs));
    return indices;
  }

  /// Computes the body on one vector at inner index `i` (masked when `mask`
  /// is set) and returns the mapping from scalar body values to vectors.
  IRMapping emitBody(OpBuilder &b, Location loc, ArrayRef<Value> loopIvs,
                     Value mask, Value accumulator = nullptr) {
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
          mapping.map(operand,
                      vector::BroadcastOp::create(
                          b, loc, vectorOf(operand.getType()), operand));
      Operation *clone = b.clone(bodyOp, mapping);
      for (OpResult result : clone->getResults())
        result.setType(vectorOf(result.getType()));
    }
    return mapping;
  }

  /// The vector of a yielded value (a broadcast if it comes from outside).
  Value yieldedVector(OpBuilder &b, Location loc, IRMapping &mapping,
                      Value value) {
    if (Value v = mapping.lookupOrNull(value))
      return v;
    return vector::BroadcastOp::create(b, loc, vectorOf(value.getType()),
                                       value);
  }

  /// One vector step at inner index `i`, masked when `mask` is set.
  void emitStep(OpBuilder &b, Location loc, ArrayRef<Value> outerIvs, Value i,
                Value mask) {
    SmallVector<Value> loopIvs(outerIvs.begin(), outerIvs.end());
    loopIvs.push_back(i);
    IRMapping mapping = emitBody(b, loc, loopIvs, mask);
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

  /// packFactor vector steps from inner index `i`, whose truncated results
  /// are assembled into one vector of lanes * packFactor narrow elements.
  /// On a little-endian target the truncation of a wide element is its
  /// first narrow part in memory order, so a bitcast and a shuffle that
  /// keeps every packFactor-th part compute the same as the truncation.
  void emitPacked(OpBuilder &b, Location loc, ArrayRef<Value> outerIvs,
                  Value i) {
    auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
    auto trunc = yield.getValues()[0].getDefiningOp<arith::TruncIOp>();
    Type narrow = trunc.getType();
    int64_t partsPerVector = lanes * packFactor;
    SmallVector<Value> parts;
    for (unsigned j = 0; j < packFactor; ++j) {
      SmallVector<Value> loopIvs(outerIvs.begin(), outerIvs.end());
      Value offset = arith::ConstantIndexOp::create(b, loc, j * lanes);
      loopIvs.push_back(arith::AddIOp::create(b, loc, i, offset));
      IRMapping mapping = emitBody(b, loc, loopIvs, /*mask=*/nullptr);
      Value wide = mapping.lookup(trunc.getIn());
      parts.push_back(vector::BitCastOp::create(
          b, loc, vectorOf(narrow, partsPerVector), wide));
    }
    // Keep every packFactor-th element of two concatenated parts.
    auto pick = [&](Value x, Value y) -> Value {
      SmallVector<int64_t> mask;
      for (int64_t k = 0; k < 2 * lanes; ++k)
        mask.push_back(k * packFactor);
      return vector::ShuffleOp::create(b, loc, x, y, mask);
    };
    Value packed = pick(parts[0], parts[1]);
    if (packFactor == 4) {
      SmallVector<int64_t> concat =
          llvm::to_vector(llvm::seq<int64_t>(0, 4 * lanes));
      packed = vector::ShuffleOp::create(b, loc, packed,
                                         pick(parts[2], parts[3]), concat);
    }
    const OperandAccess &out = accesses[op.getNumDpsInputs()];
    SmallVector<Value> loopIvs(outerIvs.begin(), outerIvs.end());
    loopIvs.push_back(i);
    vector::StoreOp::create(b, loc, packed, out.memref,
                            indicesFor(b, loc, out, loopIvs));
  }

public:
  /// Emits the loop nest of a reduction generic (see analyzeReduction).
  void emitReduction(OpBuilder &b, const ReductionPlan &plan) {
    Location loc = op.getLoc();
    SmallVector<Range, 4> ranges =
        cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc);
    SmallVector<Value> ivs(op.getNumLoops());
    std::function<Value(unsigned)> size = [&](unsigned d) {
      return getValueOrCreateConstantIndexOp(b, loc, ranges[d].size);
    };
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    // Outer parallel loops, then the vector dimension in full steps and one
    // masked step, each running the reduction loops inside.
    // The vector dimension in full steps and one masked step, each running
    // the reduction loops inside for `rows` indices of `blockDim`.
    auto vectorLoops = [&](OpBuilder &ob, std::optional<unsigned> blockDim,
                           int64_t rows) {
      unsigned vecDim = plan.parallelDims.back();
      Value n = size(vecDim);
      Value step = arith::ConstantIndexOp::create(ob, loc, lanes);
      Value rem = arith::RemUIOp::create(ob, loc, n, step);
      Value mainEnd = arith::SubIOp::create(ob, loc, n, rem);
      scf::ForOp::create(ob, loc, c0, mainEnd, step, ValueRange{},
                         [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                           ivs[vecDim] = iv;
                           emitReductionStep(nb, loc, plan, ivs, size,
                                             /*mask=*/nullptr, blockDim, rows);
                           scf::YieldOp::create(nb, loc);
                         });
      Value mask = vector::CreateMaskOp::create(
          ob, loc, VectorType::get({lanes}, ob.getI1Type()), ValueRange{rem});
      ivs[vecDim] = mainEnd;
      emitReductionStep(ob, loc, plan, ivs, size, mask, blockDim, rows);
    };
    // With a dot product, the parallel loop just outside the vector one is
    // blocked by kBlockRows when the weights do not depend on it (the rows
    // of a matmul, the output columns of a convolution): each interleaved
    // weight vector then serves that many rows.
    std::optional<unsigned> blockDim;
    if (plan.dotProduct && plan.parallelDims.size() >= 2) {
      unsigned candidate = plan.parallelDims[plan.parallelDims.size() - 2];
      std::optional<int64_t> extent =
          getConstantIntValue(ranges[candidate].size);
      if (!accesses[plan.dotProduct->second].map.isFunctionOfDim(candidate) &&
          (!extent || *extent >= kBlockRows))
        blockDim = candidate;
    }
    std::function<void(OpBuilder &, unsigned)> outer = [&](OpBuilder &ob,
                                                           unsigned p) {
      if (p + 1 == plan.parallelDims.size()) {
        vectorLoops(ob, std::nullopt, 1);
        return;
      }
      unsigned d = plan.parallelDims[p];
      Value start = c0;
      if (blockDim && d == *blockDim) {
        Value n = size(d);
        Value rows = arith::ConstantIndexOp::create(ob, loc, kBlockRows);
        Value end = arith::SubIOp::create(
            ob, loc, n, arith::RemUIOp::create(ob, loc, n, rows));
        scf::ForOp::create(ob, loc, c0, end, rows, ValueRange{},
                           [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                             ivs[d] = iv;
                             vectorLoops(nb, blockDim, kBlockRows);
                             scf::YieldOp::create(nb, loc);
                           });
        start = end;
      }
      scf::ForOp::create(ob, loc, start, size(d), c1, ValueRange{},
                         [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                           ivs[d] = iv;
                           outer(nb, p + 1);
                           scf::YieldOp::create(nb, loc);
                         });
    };
    outer(b, 0);
  }

private:
  /// Loads the accumulator vectors of `rows` consecutive indices of the
  /// blocked loop (one when `blockDim` is unset), runs the reduction loops
  /// carrying them, and stores them back.
  void emitReductionStep(OpBuilder &b, Location loc, const ReductionPlan &plan,
                         SmallVector<Value> &ivs,
                         function_ref<Value(unsigned)> size, Value mask,
                         std::optional<unsigned> blockDim = std::nullopt,
                         int64_t rows = 1) {
    const OperandAccess &out = accesses[op.getNumDpsInputs()];
    Type elementType = cast<MemRefType>(out.memref.getType()).getElementType();
    // Sets the blocked loop's index to row r of the block (no-op unblocked).
    Value base = blockDim ? ivs[*blockDim] : Value();
    auto atRow = [&](OpBuilder &rb, int64_t r) {
      if (blockDim)
        ivs[*blockDim] =
            r == 0
                ? base
                : arith::AddIOp::create(
                      rb, loc, base, arith::ConstantIndexOp::create(rb, loc, r))
                      .getResult();
    };
    SmallVector<SmallVector<Value>> outIndices;
    SmallVector<Value> accs;
    for (int64_t r = 0; r < rows; ++r) {
      atRow(b, r);
      outIndices.push_back(indicesFor(b, loc, out, ivs));
      accs.push_back(
          loadVector(b, loc, out.memref, outIndices.back(), elementType, mask));
    }
    atRow(b, 0);
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
    using Values = SmallVector<Value>;
    std::function<Values(OpBuilder &, unsigned, ValueRange)> reduce =
        [&](OpBuilder &rb, unsigned red, ValueRange current) -> Values {
      if (red == plan.reductionDims.size()) {
        Values next;
        for (int64_t r = 0; r < rows; ++r) {
          atRow(rb, r);
          IRMapping mapping = emitBody(rb, loc, ivs, mask, current[r]);
          next.push_back(yieldedVector(rb, loc, mapping, yield.getValues()[0]));
        }
        atRow(rb, 0);
        return next;
      }
      unsigned d = plan.reductionDims[red];
      Value start = c0;
      Values carried(current.begin(), current.end());
      if (plan.dotProduct && red + 1 == plan.reductionDims.size()) {
        // Four reduction steps per dot-product instruction, then the
        // remainder one at a time.
        Value n = size(d);
        Value c4 = arith::ConstantIndexOp::create(rb, loc, 4);
        Value end = arith::SubIOp::create(
            rb, loc, n, arith::RemUIOp::create(rb, loc, n, c4));
        auto quads = scf::ForOp::create(
            rb, loc, c0, end, c4, carried,
            [&](OpBuilder &nb, Location, Value iv, ValueRange iterArgs) {
              Values next = emitDotProductStep(nb, loc, plan, ivs, d, iv,
                                               iterArgs, mask, atRow);
              scf::YieldOp::create(nb, loc, next);
            });
        carried = quads.getResults();
        start = end;
      }
      auto loop = scf::ForOp::create(
          rb, loc, start, size(d), c1, carried,
          [&](OpBuilder &nb, Location, Value iv, ValueRange iterArgs) {
            ivs[d] = iv;
            Values next = reduce(nb, red + 1, iterArgs);
            scf::YieldOp::create(nb, loc, next);
          });
      return loop.getResults();
    };
    Values results = reduce(b, 0, accs);
    for (int64_t r = 0; r < rows; ++r) {
      if (!mask)
        vector::StoreOp::create(b, loc, results[r], out.memref, outIndices[r]);
      else
        vector::MaskedStoreOp::create(b, loc, out.memref, outIndices[r], mask,
                                      results[r]);
    }
  }

  /// accs[r] + the products of four reduction steps from `k` in each lane,
  /// for each row r of the block, with one u8 x s8 dot-product instruction
  /// (x86 `vpdpbusd`) per row: the four signed bytes of four vector rows
  /// y[k + t, n ..], loaded and interleaved once so that lane j holds
  /// y[k .. k+3, n + j], times each row's four unsigned bytes
  /// x[.., k .. k+3] (one 32-bit load, broadcast). The instruction adds the
  /// four products of each lane exactly, as the widened body would.
  SmallVector<Value>
  emitDotProductStep(OpBuilder &b, Location loc, const ReductionPlan &plan,
                     SmallVector<Value> &ivs, unsigned d, Value k,
                     ValueRange accs, Value mask,
                     function_ref<void(OpBuilder &, int64_t)> atRow) {
    auto [x, y] = *plan.dotProduct;
    const OperandAccess &xa = accesses[x], &ya = accesses[y];
    Type i8 = b.getI8Type(), i32 = b.getI32Type();
    SmallVector<Value> rowsOfY;
    for (int64_t t = 0; t < 4; ++t) {
      ivs[d] = arith::AddIOp::create(b, loc, k,
                                     arith::ConstantIndexOp::create(b, loc, t));
      rowsOfY.push_back(
          loadVector(b, loc, ya.memref, indicesFor(b, loc, ya, ivs), i8, mask));
    }
    auto pairs = [&](Value p, Value q) -> Value {
      SmallVector<int64_t> m;
      for (int64_t j = 0; j < lanes; ++j)
        m.append({j, lanes + j});
      return vector::ShuffleOp::create(b, loc, p, q, m);
    };
    SmallVector<int64_t> m;
    for (int64_t j = 0; j < lanes; ++j)
      m.append({2 * j, 2 * j + 1, 2 * lanes + 2 * j, 2 * lanes + 2 * j + 1});
    Value ys = vector::ShuffleOp::create(b, loc, pairs(rowsOfY[0], rowsOfY[1]),
                                         pairs(rowsOfY[2], rowsOfY[3]), m);
    ivs[d] = k;
    SmallVector<Value> next;
    for (auto [r, acc] : llvm::enumerate(accs)) {
      atRow(b, r);
      Value quad =
          vector::LoadOp::create(b, loc, VectorType::get({4}, i8), xa.memref,
                                 indicesFor(b, loc, xa, ivs));
      Value word = vector::ExtractOp::create(
          b, loc,
          vector::BitCastOp::create(b, loc, VectorType::get({1}, i32), quad),
          ArrayRef<int64_t>{0});
      Value xs = vector::BitCastOp::create(
          b, loc, vectorOf(i8, 4 * lanes),
          vector::BroadcastOp::create(b, loc, vectorOf(i32), word));
      next.push_back(qnnx86::VpdpbusdOp::create(b, loc, acc, xs, ys));
    }
    atRow(b, 0);
    return next;
  }

  linalg::GenericOp op;
  ArrayRef<OperandAccess> accesses;
  int64_t lanes;
  unsigned packFactor;
};

struct QNNVectorizeElementwisePass
    : public qnn::impl::QNNVectorizeElementwiseBase<
          QNNVectorizeElementwisePass> {
  using Base::Base;
  void runOnOperation() override {
    if (vectorWidth < 64 || vectorWidth % 32 != 0) {
      getOperation().emitError("vector-width must be a multiple of 32 bits "
                               "and at least 64, got ")
          << static_cast<unsigned>(vectorWidth);
      return signalPassFailure();
    }
    int64_t lanes = vectorWidth / 32;
    // Byte packing of narrowed results relies on memory order: skip it on
    // big-endian targets.
    Attribute endianness = DataLayout::closest(getOperation()).getEndianness();
    auto endian = dyn_cast_or_null<StringAttr>(endianness);
    bool littleEndian = !endian || endian.getValue() != "big";
    SmallVector<linalg::GenericOp> generics;
    getOperation().walk([&](linalg::GenericOp op) { generics.push_back(op); });
    for (linalg::GenericOp op : generics) {
      FailureOr<SmallVector<OperandAccess>> accesses = analyze(op);
      if (failed(accesses)) {
        FailureOr<ReductionPlan> plan = analyzeReduction(op);
        if (failed(plan))
          continue; // left for convert-linalg-to-loops
        // The instruction exists for 4, 8 and 16 i32 lanes.
        if (dotProduct && (lanes == 4 || lanes == 8 || lanes == 16))
          analyzeDotProduct(op, *plan);
        OpBuilder b(op);
        Vectorizer(op, plan->accesses, lanes, littleEndian)
            .emitReduction(b, *plan);
        op.erase();
        continue;
      }
      OpBuilder b(op);
      collapseIfContiguous(b, op.getLoc(), *accesses);
      Vectorizer(op, *accesses, lanes, littleEndian).emit(b);
      op.erase();
    }
  }
};
} // namespace
