//===- VectorizeElementwise.cpp - Vector loops for elementwise generics ---===//
//
// Elementwise linalg.generic ops on buffers become an scf.for nest whose
// innermost loop runs over full vectors, then one masked iteration for the
// remainder. The body is cloned with vector result types (VectorCodegen.h):
// lane i of the vector code computes exactly what the scalar body computes
// for element i. Reductions are qnn-vectorize-products' business.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "VectorCodegen.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNVECTORIZEELEMENTWISE
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::vectorize;

namespace {

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

class ElementwiseVectorizer : public BodyVectorizer {
public:
  ElementwiseVectorizer(linalg::GenericOp op, ArrayRef<OperandAccess> accesses,
                        int64_t lanes, bool littleEndian, bool parallel)
      : BodyVectorizer(op, accesses, lanes),
        packFactor(littleEndian ? narrowingFactor() : 1), parallel(parallel) {}

  /// Emits the loop nest in place of the generic: nested loops over the
  /// outer dimensions around the vector loop, or with `parallel` one
  /// scf.parallel over them (over chunks of the vector loop for a flat,
  /// one-dimensional generic).
  void emit(OpBuilder &b) {
    Location loc = op.getLoc();
    const OperandAccess &out = accesses[op.getNumDpsInputs()];
    int64_t rank = out.map.getNumDims();
    if (!parallel) {
      SmallVector<Value> ivs;
      buildOuterLoops(b, loc, out.memref, rank, ivs);
      return;
    }
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    Value n = memref::DimOp::create(b, loc, out.memref, rank - 1);
    if (rank == 1) {
      Value chunk = arith::ConstantIndexOp::create(b, loc, kParallelChunk);
      scf::ParallelOp::create(
          b, loc, ValueRange{c0}, ValueRange{n}, ValueRange{chunk},
          [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
            Value end = arith::MinUIOp::create(
                nb, nloc, arith::AddIOp::create(nb, nloc, ivs[0], chunk), n);
            emitInnerLoop(nb, nloc, ArrayRef<Value>(), ivs[0], end);
          });
      return;
    }
    SmallVector<Value> lbs(rank - 1, c0), ubs, steps(rank - 1, c1);
    for (int64_t d = 0; d + 1 < rank; ++d)
      ubs.push_back(memref::DimOp::create(b, loc, out.memref, d));
    scf::ParallelOp::create(b, loc, lbs, ubs, steps,
                            [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
                              emitInnerLoop(nb, nloc, llvm::to_vector(ivs), c0,
                                            n);
                            });
  }

  /// Elements of a flat generic per parallel iteration: a multiple of every
  /// vector group (16 lanes x 4), large enough that a thread's share of
  /// iterations outweighs their scheduling.
  static constexpr int64_t kParallelChunk = 16384;

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
    emitInnerLoop(b, loc, ivs, c0,
                  memref::DimOp::create(b, loc, outBuffer, rank - 1));
  }

  /// The innermost dimension from `lo` to `hi`: packed groups of vectors
  /// (when the result narrows), full vectors up to hi - (hi - lo) % lanes,
  /// then one masked step (a no-op when the mask is empty).
  void emitInnerLoop(OpBuilder &b, Location loc, ArrayRef<Value> ivs,
                     Value lo, Value hi) {
    Value step = arith::ConstantIndexOp::create(b, loc, lanes);
    Value start = lo;
    // The iterations, from lo; the groups and vectors below are whole
    // multiples from lo, so their remainders are remainders of `count`.
    std::optional<int64_t> from = getConstantIntValue(lo);
    Value count = from && *from == 0
                      ? hi
                      : arith::SubIOp::create(b, loc, hi, lo).getResult();
    if (packFactor > 1) {
      Value groupStep =
          arith::ConstantIndexOp::create(b, loc, lanes * packFactor);
      Value groupEnd = arith::SubIOp::create(
          b, loc, hi, arith::RemUIOp::create(b, loc, count, groupStep));
      scf::ForOp::create(
          b, loc, lo, groupEnd, groupStep, ValueRange{},
          [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
            emitPacked(nb, nloc, ivs, iv);
            scf::YieldOp::create(nb, nloc);
          });
      start = groupEnd;
    }
    Value rem = arith::RemUIOp::create(b, loc, count, step);
    Value mainEnd = arith::SubIOp::create(b, loc, hi, rem);
    scf::ForOp::create(b, loc, start, mainEnd, step, ValueRange{},
                       [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
                         emitStep(nb, nloc, ivs, iv, /*mask=*/nullptr);
                         scf::YieldOp::create(nb, nloc);
                       });
    Value mask = vector::CreateMaskOp::create(
        b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{rem});
    emitStep(b, loc, ivs, mainEnd, mask);
  }

  /// One vector step at inner index `i`, masked when `mask` is set.
  void emitStep(OpBuilder &b, Location loc, ArrayRef<Value> outerIvs, Value i,
                Value mask) {
    SmallVector<Value> loopIvs(outerIvs.begin(), outerIvs.end());
    loopIvs.push_back(i);
    IRMapping mapping = emitBody(b, loc, loopIvs, mask);
    storeYielded(b, loc, mapping, loopIvs, mask);
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

  unsigned packFactor;
  bool parallel;
};

/// Elements below which an elementwise generic stays on one thread.
constexpr int64_t kMinParallelElements = int64_t(1) << 16;

/// Whether threads can pay for `op`: at least kMinParallelElements
/// iterations, or a count not known at compile time.
bool worthThreads(linalg::GenericOp op) {
  int64_t count = 1;
  for (int64_t extent : op.getStaticLoopRanges()) {
    if (ShapedType::isDynamic(extent))
      return true;
    count *= extent;
    if (count >= kMinParallelElements)
      return true;
  }
  return false;
}

struct QNNVectorizeElementwisePass
    : public qnn::impl::QNNVectorizeElementwiseBase<
          QNNVectorizeElementwisePass> {
  using Base::Base;
  void runOnOperation() override {
    if (failed(checkVectorWidth(getOperation(), vectorWidth)))
      return signalPassFailure();
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
      if (failed(accesses))
        continue; // left for qnn-vectorize-products or linalg-to-loops
      OpBuilder b(op);
      collapseIfContiguous(b, op.getLoc(), *accesses);
      ElementwiseVectorizer(op, *accesses, lanes, littleEndian,
                            parallel && worthThreads(op))
          .emit(b);
      op.erase();
    }
  }
};
} // namespace
