//===- VectorizeProducts.cpp - Vector loops for product reductions --------===//
//
// A linalg.generic on buffers with reduction loops whose single output is
// indexed by its parallel loops in order (the raw sums of products of
// qnn.matmul and qnn.conv2d, window and row sums) becomes a loop nest
// vectorized along its innermost parallel loop; the reduction loops run
// inside, carrying the accumulator vectors in registers. Byte products
// `acc + ext(x) * ext(y)` use a target instruction that computes several
// reduction steps at once, exactly: vpdpbusd (four u8 x s8 steps, VNNI) or
// vpmaddwd (two steps of 16-bit products, any x86), in a register block of
// rows x vectors of output channels. The instruction reads the weights in
// the packed layout of ByteProducts.h (constants packed by
// qnn-pack-products, run-time weights packed once per call into a scratch
// buffer) or, for few rows, interleaves weight rows itself. The loop over
// blocks of output channels is outermost and the reduction runs in cache
// tiles. With `parallel`, the loops outside the register block form one
// scf.parallel.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "ByteProducts.h"
#include "VectorCodegen.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNVECTORIZEPRODUCTS
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::vectorize;
using mlir::qnn::products::PackedLayout;

namespace {

/// A byte product `acc + ext(x) * ext(y)` that an instruction computes
/// several reduction steps at a time: x is read without the vector loop,
/// with the innermost reduction loop as its last, unit-stride index (a
/// broadcast of consecutive bytes, or i16 words); y is a vector along the
/// vector loop, with the reduction loop as the index before it (rows of
/// weights), or packed weights.
struct BytePairs {
  unsigned x, y;
  bool xSigned, ySigned;
  /// 8, or 16 for activations qnn-pack-products widened for vpmaddwd.
  unsigned xBits;
};

/// A generic with reduction loops and one output indexed by its parallel
/// loops in order (a matrix product, a sum over rows), vectorized along its
/// innermost parallel loop; the reduction loops run inside, carrying the
/// accumulator vector.
struct ReductionPlan {
  SmallVector<unsigned> parallelDims, reductionDims;
  SmallVector<OperandAccess> accesses;
  std::optional<BytePairs> bytes;
  /// The instruction that computes `bytes`, and its reduction steps.
  ProductInstruction instruction = ProductInstruction::Widen;
  int64_t stepsPerInstruction = 1;
  /// The input that holds weights packed by qnn-pack-products, and their
  /// layout.
  std::optional<unsigned> packed;
  PackedLayout packedLayout{1, 1};
};

/// The byte product of the body, when it is `acc + ext(x) * ext(y)` on i32
/// with x and y read as BytePairs describes.
std::optional<BytePairs> analyzeBytePairs(linalg::GenericOp op,
                                          const ReductionPlan &plan) {
  auto inputs = products::matchByteProductBody(op);
  if (!inputs)
    return std::nullopt;
  auto [lhs, rhs] = *inputs;
  unsigned k = plan.reductionDims.back(), n = plan.parallelDims.back();
  // y is the operand read along the vector loop (packed weights are), x
  // the one that is not.
  auto readsVector = [&](const products::ByteInput &in) {
    return plan.accesses[in.index].contiguous || in.index == plan.packed;
  };
  auto [x, y] = readsVector(lhs) ? std::make_pair(rhs, lhs)
                                 : std::make_pair(lhs, rhs);
  const OperandAccess &xa = plan.accesses[x.index],
                      &ya = plan.accesses[y.index];
  if (readsVector(x) || !readsVector(y) ||
      !products::isActivationMap(xa.map, k) ||
      !hasUnitInnerStride(cast<MemRefType>(xa.memref.getType())))
    return std::nullopt;
  // matchPackedWeightMap has checked the map of packed weights.
  if (y.index != plan.packed && !products::isWeightMap(ya.map, k, n))
    return std::nullopt;
  return BytePairs{x.index, y.index, x.isSigned, y.isSigned, x.bits};
}

FailureOr<ReductionPlan> analyzeReduction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || failed(analyzeBody(op)))
    return failure();
  std::optional<products::ProductLoops> loops = products::matchProductLoops(op);
  if (!loops)
    return failure();
  ReductionPlan plan;
  plan.parallelDims = std::move(loops->parallel);
  plan.reductionDims = std::move(loops->reduction);
  // Weights packed by qnn-pack-products are read by the instruction step.
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (std::optional<PackedLayout> layout = products::matchPackedWeightMap(
            op.getMatchingIndexingMap(input), plan.reductionDims.back(),
            plan.parallelDims.back())) {
      plan.packed = input->getOperandNumber();
      plan.packedLayout = *layout;
    }
  }
  FailureOr<SmallVector<OperandAccess>> accesses =
      analyzeOperands(op, plan.parallelDims.back(), plan.packed);
  if (failed(accesses))
    return failure();
  plan.accesses = std::move(*accesses);
  return plan;
}

/// Picks the instruction for the byte product of `plan` on a target with
/// `instruction` and `lanes` i32 lanes: vpdpbusd takes u8 x s8 only;
/// vpmaddwd takes bytes of either signedness, widened to i16 exactly.
/// Fails when the plan reads packed weights in a layout other than the
/// instruction's (only the instruction step reads them).
LogicalResult selectInstruction(ReductionPlan &plan,
                                ProductInstruction instruction,
                                int64_t lanes) {
  int64_t steps =
      plan.bytes ? products::stepsPerInstruction(
                       instruction,
                       {plan.bytes->x, plan.bytes->xSigned, plan.bytes->xBits},
                       {plan.bytes->y, plan.bytes->ySigned, 8}, lanes)
                 : 1;
  if (steps > 1) {
    plan.stepsPerInstruction = steps;
    plan.instruction = instruction;
  }
  if (plan.packed && (steps == 1 || plan.packedLayout.lanes != lanes ||
                      plan.packedLayout.steps != steps))
    return failure();
  return success();
}

/// The register block of a byte-product instruction: `rows` indices of the
/// loop just outside the vector loop times `cols` vectors of output
/// channels, rows * cols accumulators that share each weight vector (per
/// row) and each activation broadcast (per column).
struct RegisterBlock {
  int64_t rows = 1, cols = 1;
};

/// The largest size of a register block the register-block option takes.
constexpr int64_t kMaxBlockSize = 16;

/// Iterations (multiply-adds) below which a product runs on one thread:
/// forking costs microseconds, which a 64^3 product (2.6e5 multiply-adds,
/// about 9 us on one Zen 3 core) would spend twice over.
constexpr int64_t kMinParallelWork = int64_t(1) << 20;

/// The product of `extents`, or `cap` once it reaches `cap` or an extent
/// is dynamic (a run-time size may be anything).
int64_t cappedProduct(ArrayRef<int64_t> extents, int64_t cap) {
  int64_t product = 1;
  for (int64_t extent : extents) {
    if (ShapedType::isDynamic(extent) ||
        (extent != 0 && product > (cap - 1) / extent))
      return cap;
    product *= extent;
  }
  return product;
}

/// Whether distributing `op` over threads can pay: its static iteration
/// count is at least kMinParallelWork, or not known at compile time.
bool worthThreads(linalg::GenericOp op) {
  return cappedProduct(op.getStaticLoopRanges(), kMinParallelWork) >=
         kMinParallelWork;
}

/// The block for `instruction` on `lanes` i32 lanes. vpdpbusd keeps 8 x 1
/// (as measured on AVX512-VNNI). vpmaddwd on 256 or 128 bits (AVX2 and SSE
/// have 16 vector registers) takes 6 x 2: 12 accumulators, 2 weight vectors
/// and the broadcast (on Zen 3, linear 1024^3: 8 x 1 22, 4 x 2 28, 5 x 2
/// 30, 4 x 3 32, 6 x 2 33 GMAC/s); at 512 bits (32 registers) 8 x 2.
RegisterBlock registerBlockFor(ProductInstruction instruction, int64_t lanes) {
  if (instruction == ProductInstruction::Vpmaddwd)
    return lanes == 16 ? RegisterBlock{8, 2} : RegisterBlock{6, 2};
  if (instruction == ProductInstruction::Vpdpbusd)
    return RegisterBlock{8, 1};
  return RegisterBlock{};
}

/// Rows (indices of the parallel loops outside the vector loop, a static
/// product) from which run-time weights are packed once per call rather
/// than interleaved in the inner loop for every block of rows: packing
/// reads and writes each weight once, as the interleaving does for each
/// block of 6 or 8 rows.
constexpr int64_t kRuntimePackRows = 16;

/// Packs the run-time weights of `plan` into a scratch buffer before `op`
/// (products::emitWeightPacking) and points the plan at it, when an
/// instruction computes the product and enough rows reuse each weight.
void packAtRunTime(linalg::GenericOp op, ReductionPlan &plan, int64_t lanes) {
  if (plan.instruction == ProductInstruction::Widen || plan.packed)
    return;
  SmallVector<int64_t> loopExtents = op.getStaticLoopRanges();
  SmallVector<int64_t> rows =
      llvm::map_to_vector(ArrayRef<unsigned>(plan.parallelDims).drop_back(),
                          [&](unsigned d) { return loopExtents[d]; });
  if (cappedProduct(rows, kRuntimePackRows) < kRuntimePackRows)
    return;
  OperandAccess &ya = plan.accesses[plan.bytes->y];
  auto type = cast<MemRefType>(ya.memref.getType());
  if (!hasUnitInnerStride(type) || !type.getElementType().isInteger(8))
    return;
  PackedLayout layout{lanes, plan.stepsPerInstruction};
  OpBuilder b(op);
  Value scratch =
      products::emitWeightPacking(b, op.getLoc(), ya.memref, layout);
  ya = {scratch,
        products::packedWeightMap(ya.map, plan.reductionDims.back(),
                                  plan.parallelDims.back(), layout),
        /*contiguous=*/false};
  plan.packed = plan.bytes->y;
  plan.packedLayout = layout;
}

/// The linalg.fill of zeros that initializes the output buffer of `op`
/// with nothing else touching that buffer in between (a fresh accumulator
/// buffer), if there is one.
linalg::FillOp zeroFillOfOutput(linalg::GenericOp op) {
  Value out = op.getDpsInitOperand(0)->get();
  linalg::FillOp fill;
  for (Operation *user : out.getUsers()) {
    auto candidate = dyn_cast<linalg::FillOp>(user);
    if (candidate && candidate->getBlock() == op->getBlock() &&
        candidate->isBeforeInBlock(op) &&
        (!fill || fill->isBeforeInBlock(candidate)))
      fill = candidate;
  }
  if (!fill || fill.getOutputs().size() != 1 || !matchPattern(
                                                    fill.getInputs()[0],
                                                    m_Zero()))
    return {};
  for (Operation *user : out.getUsers())
    if (user != fill && user != op && user->getBlock() == op->getBlock() &&
        fill->isBeforeInBlock(user) && user->isBeforeInBlock(op))
      return {};
  return fill;
}

/// The output stage of a product: an elementwise generic that reads the
/// product's accumulators with the identity map, right after the product,
/// from a buffer of its own that nothing else reads.
struct Epilogue {
  linalg::GenericOp op;
  unsigned accInput;
  SmallVector<OperandAccess> accesses;
};

/// The epilogue of `op`, if its output stage can run on the accumulator
/// registers of its register block (see Epilogue).
std::optional<Epilogue> findEpilogue(linalg::GenericOp op,
                                     const ReductionPlan &plan) {
  Value acc = op.getDpsInitOperand(0)->get();
  if (!acc.getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  auto next = dyn_cast_or_null<linalg::GenericOp>(op->getNextNode());
  if (!next || !next.hasPureBufferSemantics() ||
      next.getNumParallelLoops() != next.getNumLoops() ||
      next.getNumLoops() != plan.parallelDims.size() ||
      next.getNumDpsInits() != 1 || failed(analyzeBody(next)))
    return std::nullopt;
  std::optional<unsigned> accInput;
  for (OpOperand *input : next.getDpsInputOperands()) {
    if (input->get() != acc)
      continue;
    if (accInput || !next.getMatchingIndexingMap(input).isIdentity())
      return std::nullopt;
    accInput = input->getOperandNumber();
  }
  if (!accInput || next.getDpsInitOperand(0)->get() == acc ||
      !next.getMatchingIndexingMap(next.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  // Nothing else reads the accumulators (a fill before the product may
  // write them).
  for (Operation *user : acc.getUsers())
    if (user != op && user != next && !isa<linalg::FillOp>(user))
      return std::nullopt;
  // The stage writes while the product still reads its inputs: they must
  // be other buffers (distinct allocations or arguments, through views).
  auto root = [](Value v) {
    while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
      v = view.getViewSource();
    return v;
  };
  Value written = root(next.getDpsInitOperand(0)->get());
  for (OpOperand *input : op.getDpsInputOperands())
    if (root(input->get()) == written)
      return std::nullopt;
  FailureOr<SmallVector<OperandAccess>> accesses =
      analyzeOperands(next, next.getNumLoops() - 1);
  if (failed(accesses))
    return std::nullopt;
  return Epilogue{next, *accInput, std::move(*accesses)};
}

/// Vector code of an epilogue's body on given accumulator vectors.
class EpilogueVectorizer : public BodyVectorizer {
public:
  EpilogueVectorizer(const Epilogue &epilogue, int64_t lanes)
      : BodyVectorizer(epilogue.op, epilogue.accesses, lanes),
        accInput(epilogue.accInput) {}

  /// Computes the epilogue on `acc` at its loop indices `ivs` and stores
  /// the result (masked when `mask` is set).
  void emit(OpBuilder &b, Location loc, ArrayRef<Value> ivs, Value mask,
            Value acc) {
    IRMapping mapping = emitBody(b, loc, ivs, mask, /*accumulator=*/nullptr,
                                 {{accInput, acc}});
    storeYielded(b, loc, mapping, ivs, mask);
  }

private:
  unsigned accInput;
};

class ProductVectorizer : public BodyVectorizer {
public:
  ProductVectorizer(linalg::GenericOp op, const ReductionPlan &plan,
                    int64_t lanes, bool parallel, RegisterBlock block,
                    linalg::FillOp zeroFill,
                    const std::optional<Epilogue> &epilogue)
      : BodyVectorizer(op, plan.accesses, lanes), plan(plan),
        parallel(parallel && worthThreads(op)), block(block),
        zeroFill(zeroFill), epilogue(epilogue) {}

  /// Emits the loop nest in place of the generic. Returns whether the
  /// accumulators started from zero instead of the zero-filled buffer, so
  /// that the fill is no longer needed.
  bool emit(OpBuilder &b);

  /// Whether the epilogue ran on the accumulator registers, so that the
  /// epilogue generic is no longer needed.
  bool fusedEpilogue() const { return fuseEpilogue; }

private:
  std::optional<unsigned> chooseBlockDim();
  void tileReduction(OpBuilder &b, Location loc);

  /// Positions the loop indices on one accumulator of the block.
  using BlockSetter = function_ref<void(OpBuilder &, int64_t, int64_t)>;

  void emitReductionStep(OpBuilder &b, Location loc, SmallVector<Value> &ivs,
                         Value mask, std::optional<unsigned> blockDim,
                         int64_t rows, int64_t cols);
  SmallVector<Value> emitInstructionStep(OpBuilder &b, Location loc,
                                         SmallVector<Value> &ivs, unsigned d,
                                         Value k, ValueRange accs, Value mask,
                                         Value validSteps, int64_t rows,
                                         int64_t cols, BlockSetter at);
  Value loadPackedWeights(OpBuilder &b, Location loc, ArrayRef<Value> ivs,
                          Value k);
  Value size(OpBuilder &b, Location loc, unsigned d) {
    return getValueOrCreateConstantIndexOp(b, loc, ranges[d].size);
  }

  /// The bounds of the innermost reduction loop: the whole range, or one
  /// tile of it.
  std::pair<Value, Value> innerBounds(OpBuilder &b, Location loc) {
    if (reductionTile)
      return *reductionTile;
    return {arith::ConstantIndexOp::create(b, loc, 0),
            size(b, loc, plan.reductionDims.back())};
  }

  const ReductionPlan &plan;
  bool parallel;
  RegisterBlock block;
  /// The fill of zeros of the output buffer, when it has one; with a
  /// single pass over the reduction (no cache tiles) the accumulators
  /// start from zero registers and the fill goes.
  linalg::FillOp zeroFill;
  bool zeroAccumulators = false;
  /// The output stage, run on the accumulators of an instruction's register
  /// block at the end of a single pass over the reduction (no cache tiles)
  /// instead of storing them.
  const std::optional<Epilogue> &epilogue;
  bool fuseEpilogue = false;
  SmallVector<Range, 4> ranges;
  std::optional<std::pair<Value, Value>> reductionTile;
};

/// Reduction steps of the innermost reduction loop per cache tile: the
/// loop nest runs once per tile, the accumulators going through the
/// output buffer between tiles, so that the weight rows of one tile stay
/// in cache (and in the TLB: weight rows are often a page apart) while
/// every block of outputs passes over them.
constexpr int64_t kReductionTile = 256;
/// Packed weights of one block of output channels are contiguous along the
/// reduction (a tile of 1024 steps is 16 KiB for 2 vectors of 8 channels
/// with vpmaddwd), so longer tiles pay: constant-weight linear 1024^3 on
/// Zen 3 (AVX2), tiles of 128, 256, 512, 1024: 55, 62, 67, 70 GMAC/s.
constexpr int64_t kPackedReductionTile = 1024;

/// The tile of a product whose weights serve fewer than kStreamRows rows
/// (a GEMV, a column sum): nothing reuses its weights, which stream from
/// memory; tiles of 4 steps read them a few whole rows at a time, in
/// memory order (GEMV 1x4096x4096 on Zen 3: tiles of 256 1.7, 64 1.7, 16
/// 4.7, 8 11.5, 4 12.2 GMAC/s). 4 keeps vpdpbusd's groups of 4 whole.
constexpr int64_t kStreamTile = 4;
constexpr int64_t kStreamRows = 6;

/// With an instruction for the byte products, the parallel loop just
/// outside the vector one is blocked by block.rows when the weights do not
/// depend on it (the rows of a matmul, the output columns of a
/// convolution): each weight vector then serves that many rows.
std::optional<unsigned> ProductVectorizer::chooseBlockDim() {
  ArrayRef<unsigned> dims = plan.parallelDims;
  if (block.rows <= 1 || dims.size() < 2)
    return std::nullopt;
  unsigned candidate = dims[dims.size() - 2];
  int64_t extent = op.getStaticLoopRanges()[candidate];
  if (accesses[plan.bytes->y].map.isFunctionOfDim(candidate) ||
      (!ShapedType::isDynamic(extent) && extent < block.rows))
    return std::nullopt;
  return candidate;
}

/// Opens a loop over cache tiles of the innermost reduction loop when it
/// may be longer than one tile, sets reductionTile to its bounds and moves
/// `b` into it. A product whose weight vectors serve fewer than
/// kStreamRows rows streams: packed weights whole (no tiles; blocks of
/// output channels may go to threads, GEMV 1x4096x4096 on two Zen 3 cores
/// 51 -> 100 GMAC/s), weights in place in tiles of kStreamTile on one
/// thread, which would otherwise fork once per tile of 4 steps.
void ProductVectorizer::tileReduction(OpBuilder &b, Location loc) {
  SmallVector<int64_t> loopExtents = op.getStaticLoopRanges();
  SmallVector<int64_t> outerExtents =
      llvm::map_to_vector(ArrayRef<unsigned>(plan.parallelDims).drop_back(),
                          [&](unsigned d) { return loopExtents[d]; });
  bool streaming = cappedProduct(outerExtents, kStreamRows) < kStreamRows;
  // Packed weights of one block of output channels are contiguous along
  // the reduction: streamed whole, they are read in memory order, and the
  // blocks of output channels can go to threads (no tile loop around them).
  if (streaming && plan.packed)
    return;
  if (streaming)
    parallel = false;
  int64_t tileSize = streaming      ? kStreamTile
                     : plan.packed ? kPackedReductionTile
                                   : kReductionTile;
  int64_t depth = loopExtents[plan.reductionDims.back()];
  if (!ShapedType::isDynamic(depth) && depth <= tileSize)
    return;
  Value k = size(b, loc, plan.reductionDims.back());
  Value tile = arith::ConstantIndexOp::create(b, loc, tileSize);
  Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
  auto tiles = scf::ForOp::create(b, loc, c0, k, tile);
  b.setInsertionPoint(tiles.getBody()->getTerminator());
  Value lo = tiles.getInductionVar();
  Value hi = arith::MinUIOp::create(b, loc,
                                    arith::AddIOp::create(b, loc, lo, tile), k);
  reductionTile = std::make_pair(lo, hi);
}

/// The loop nest: a loop over tiles of the innermost reduction (256 steps,
/// or 4 for a streaming product), then, for each segment of the vector
/// dimension (steps of block.cols vectors, single vectors, one masked step)
/// and each group of the blocked dimension (blocks of block.rows, the
/// remaining rows), the parallel loops, then the reduction loops around the
/// register block. With an instruction the vector loop is the outermost
/// parallel loop, so that the weights of one block of output channels (a
/// K x cols * lanes panel) stay in cache while every row (or output pixel)
/// block streams past them. With `parallel`, the parallel loops form one
/// scf.parallel (its iterations write disjoint outputs; OpenMP's static
/// schedule gives each thread a contiguous range of the first loop).
bool ProductVectorizer::emit(OpBuilder &b) {
  Location loc = op.getLoc();
  ranges = cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc);
  SmallVector<Value> ivs(op.getNumLoops());
  Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
  Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
  std::optional<unsigned> blockDim = chooseBlockDim();
  ArrayRef<unsigned> dims = plan.parallelDims;
  unsigned vecDim = dims.back();
  OpBuilder::InsertionGuard guard(b);
  tileReduction(b, loc);
  zeroAccumulators = zeroFill && !reductionTile;
  // A widened body (depthwise, sums) keeps its epilogue apart: there the
  // elementwise pass packs four vectors of narrowed results into one store
  // (depthwise 3x3 112x112x32 on Zen 3: 10.5 GMAC/s apart, 9.4 fused).
  fuseEpilogue = epilogue && !reductionTile &&
                 plan.instruction != ProductInstruction::Widen;
  struct Loop {
    unsigned dim;
    Value lb, ub, step;
  };
  // One loop nest over `loops` whose body is the register block of `rows`
  // x `cols` (masked when `mask` is set).
  auto nest = [&](ArrayRef<Loop> loops, std::optional<unsigned> blocked,
                  int64_t rows, int64_t cols, Value mask) {
    auto body = [&](OpBuilder &nb) {
      emitReductionStep(nb, loc, ivs, mask, blocked, rows, cols);
    };
    if (loops.empty()) {
      body(b);
      return;
    }
    if (parallel) {
      SmallVector<Value> lbs, ubs, steps;
      for (const Loop &l : loops) {
        lbs.push_back(l.lb);
        ubs.push_back(l.ub);
        steps.push_back(l.step);
      }
      scf::ParallelOp::create(b, loc, lbs, ubs, steps,
                              [&](OpBuilder &nb, Location, ValueRange loopIvs) {
                                for (auto [l, iv] : llvm::zip(loops, loopIvs))
                                  ivs[l.dim] = iv;
                                body(nb);
                              });
      return;
    }
    std::function<void(OpBuilder &, size_t)> level = [&](OpBuilder &lb,
                                                         size_t p) {
      if (p == loops.size()) {
        body(lb);
        return;
      }
      const Loop &l = loops[p];
      scf::ForOp::create(lb, loc, l.lb, l.ub, l.step, ValueRange{},
                         [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                           ivs[l.dim] = iv;
                           level(nb, p + 1);
                           scf::YieldOp::create(nb, loc);
                         });
    };
    level(b, 0);
  };
  // The other parallel loops: one group, or the blocks and the remaining
  // rows of the blocked dimension.
  SmallVector<Loop> outer;
  for (unsigned d : dims.drop_back())
    outer.push_back({d, c0, size(b, loc, d), c1});
  SmallVector<std::pair<SmallVector<Loop>, int64_t>> groups;
  if (!blockDim) {
    groups.push_back({outer, 1});
  } else {
    auto it =
        llvm::find_if(outer, [&](const Loop &l) { return l.dim == *blockDim; });
    Value n = it->ub;
    Value rows = arith::ConstantIndexOp::create(b, loc, block.rows);
    Value end = arith::SubIOp::create(b, loc, n,
                                      arith::RemUIOp::create(b, loc, n, rows));
    *it = {*blockDim, c0, end, rows};
    groups.push_back({outer, block.rows});
    *it = {*blockDim, end, n, c1};
    groups.push_back({outer, 1});
  }
  // The vector loop goes outermost where a weight panel is reused by the
  // register block's rows; a widened body (a depthwise convolution, a sum)
  // keeps it innermost, next to the contiguous reads of every operand.
  bool vectorOutermost = plan.instruction != ProductInstruction::Widen;
  auto withVectorLoop = [&](ArrayRef<Loop> loops, Loop vector) {
    SmallVector<Loop> all(loops.begin(), loops.end());
    all.insert(vectorOutermost ? all.begin() : all.end(), vector);
    return all;
  };
  // Segments of the vector dimension.
  Value n = size(b, loc, vecDim);
  Value start = c0;
  SmallVector<int64_t> widths{1};
  if (block.cols > 1)
    widths.insert(widths.begin(), block.cols);
  for (int64_t cols : widths) {
    Value step = arith::ConstantIndexOp::create(b, loc, cols * lanes);
    Value end = arith::SubIOp::create(b, loc, n,
                                      arith::RemUIOp::create(b, loc, n, step));
    for (auto &[loops, rows] : groups)
      nest(withVectorLoop(loops, {vecDim, start, end, step}),
           rows > 1 ? blockDim : std::nullopt, rows, cols, /*mask=*/nullptr);
    start = end;
  }
  Value rem = arith::SubIOp::create(b, loc, n, start);
  Value mask = vector::CreateMaskOp::create(
      b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{rem});
  for (auto &[loops, rows] : groups) {
    ivs[vecDim] = start;
    nest(loops, rows > 1 ? blockDim : std::nullopt, rows, 1, mask);
  }
  return zeroAccumulators;
}

/// Loads the rows x cols accumulator vectors (`rows` consecutive indices
/// of the blocked loop, none when `blockDim` is unset; `cols` consecutive
/// vectors of the vector loop), runs the reduction loops carrying them, and
/// stores them back.
void ProductVectorizer::emitReductionStep(OpBuilder &b, Location loc,
                                          SmallVector<Value> &ivs, Value mask,
                                          std::optional<unsigned> blockDim,
                                          int64_t rows, int64_t cols) {
  const OperandAccess &out = accesses[op.getNumDpsInputs()];
  Type elementType = cast<MemRefType>(out.memref.getType()).getElementType();
  unsigned vecDim = plan.parallelDims.back();
  // Sets the loop indices to row r, column c of the block.
  Value rowBase = blockDim ? ivs[*blockDim] : Value();
  Value colBase = ivs[vecDim];
  auto offset = [&](OpBuilder &rb, Value base, int64_t by) -> Value {
    if (by == 0)
      return base;
    return arith::AddIOp::create(rb, loc, base,
                                 arith::ConstantIndexOp::create(rb, loc, by));
  };
  auto at = [&](OpBuilder &rb, int64_t r, int64_t c) {
    if (blockDim)
      ivs[*blockDim] = offset(rb, rowBase, r);
    ivs[vecDim] = offset(rb, colBase, c * lanes);
  };
  SmallVector<SmallVector<Value>> outIndices;
  SmallVector<Value> accs;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      at(b, r, c);
      outIndices.push_back(indicesFor(b, loc, out, ivs));
      accs.push_back(zeroAccumulators
                         ? arith::ConstantOp::create(
                               b, loc, b.getZeroAttr(vectorOf(elementType)))
                               .getResult()
                         : loadVector(b, loc, out.memref, outIndices.back(),
                                      elementType, mask));
    }
  }
  at(b, 0, 0);
  Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
  Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  using Values = SmallVector<Value>;
  std::function<Values(OpBuilder &, unsigned, ValueRange)> reduce =
      [&](OpBuilder &rb, unsigned red, ValueRange current) -> Values {
    if (red == plan.reductionDims.size()) {
      Values next;
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t c = 0; c < cols; ++c) {
          at(rb, r, c);
          IRMapping mapping =
              emitBody(rb, loc, ivs, mask, current[r * cols + c]);
          next.push_back(yieldedVector(rb, loc, mapping, yield.getValues()[0]));
        }
      }
      at(rb, 0, 0);
      return next;
    }
    unsigned d = plan.reductionDims[red];
    bool innermost = red + 1 == plan.reductionDims.size();
    auto [lo, hi] =
        innermost ? innerBounds(rb, loc) : std::make_pair(c0, size(rb, loc, d));
    Value start = lo;
    Values carried(current.begin(), current.end());
    if (plan.instruction != ProductInstruction::Widen && innermost) {
      // stepsPerInstruction reduction steps per instruction, then the
      // remainder one at a time.
      Value cs =
          arith::ConstantIndexOp::create(rb, loc, plan.stepsPerInstruction);
      Value count = arith::SubIOp::create(rb, loc, hi, lo);
      Value end = arith::SubIOp::create(
          rb, loc, hi, arith::RemUIOp::create(rb, loc, count, cs));
      auto groups = scf::ForOp::create(
          rb, loc, lo, end, cs, carried,
          [&](OpBuilder &nb, Location, Value iv, ValueRange iterArgs) {
            Values next = emitInstructionStep(nb, loc, ivs, d, iv, iterArgs,
                                              mask, /*validSteps=*/nullptr,
                                              rows, cols, at);
            scf::YieldOp::create(nb, loc, next);
          });
      carried = groups.getResults();
      start = end;
      // Packed weights are zero-padded to whole groups: the remaining
      // steps are one more group (a loop of at most one trip), with the
      // activation bytes past `hi` masked off.
      if (plan.packed) {
        Value last = hi;
        auto tail = scf::ForOp::create(
            rb, loc, end, hi, cs, carried,
            [&](OpBuilder &nb, Location, Value iv, ValueRange iterArgs) {
              Value valid = arith::SubIOp::create(nb, loc, last, iv);
              Values next = emitInstructionStep(nb, loc, ivs, d, iv, iterArgs,
                                                mask, valid, rows, cols, at);
              scf::YieldOp::create(nb, loc, next);
            });
        return tail.getResults();
      }
    }
    auto loop = scf::ForOp::create(
        rb, loc, start, hi, c1, carried,
        [&](OpBuilder &nb, Location, Value iv, ValueRange iterArgs) {
          ivs[d] = iv;
          Values next = reduce(nb, red + 1, iterArgs);
          scf::YieldOp::create(nb, loc, next);
        });
    return loop.getResults();
  };
  Values results = reduce(b, 0, accs);
  if (fuseEpilogue) {
    // The epilogue's loops are the product's parallel loops, in order.
    EpilogueVectorizer stage(*epilogue, lanes);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        at(b, r, c);
        SmallVector<Value> stageIvs = llvm::map_to_vector(
            plan.parallelDims, [&](unsigned d) { return ivs[d]; });
        stage.emit(b, loc, stageIvs, mask, results[r * cols + c]);
      }
    }
    at(b, 0, 0);
    return;
  }
  for (auto [result, indices] : llvm::zip(results, outIndices)) {
    if (!mask)
      vector::StoreOp::create(b, loc, result, out.memref, indices);
    else
      vector::MaskedStoreOp::create(b, loc, out.memref, indices, mask, result);
  }
}

/// The packed weights of the block's column at `ivs` (an index of the
/// vector loop that is a multiple of the lanes) for the group of reduction
/// steps from `k` (a multiple of the steps): one vector of lanes * steps
/// bytes, lane j holding the steps of output channel n + j (ByteProducts.h).
Value ProductVectorizer::loadPackedWeights(OpBuilder &b, Location loc,
                                           ArrayRef<Value> ivs, Value k) {
  const OperandAccess &ya = accesses[*plan.packed];
  PackedLayout layout = plan.packedLayout;
  SmallVector<Value> indices;
  for (AffineExpr e : ya.map.getResults().drop_back(3))
    indices.push_back(emitIndex(b, loc, e, ivs));
  auto divide = [&](Value v, int64_t by) {
    return arith::DivUIOp::create(b, loc, v,
                                  arith::ConstantIndexOp::create(b, loc, by))
        .getResult();
  };
  indices.push_back(divide(ivs[plan.parallelDims.back()], layout.lanes));
  indices.push_back(divide(k, layout.steps));
  indices.push_back(arith::ConstantIndexOp::create(b, loc, 0));
  return vector::LoadOp::create(
      b, loc, vectorOf(b.getI8Type(), layout.lanes * layout.steps),
      ya.memref, indices);
}

/// accs[r * cols + c] + the products of stepsPerInstruction (s) reduction
/// steps from `k` in each lane, for each row r and column c of the block,
/// with one instruction per accumulator. For each column the s weight rows
/// y[k + t, n ..] are loaded and interleaved once, so that lane j holds
/// y[k .. k+s-1, n + j] (packed weights hold them so already: one load);
/// each row's s activation bytes x[.., k .. k+s-1] are loaded as one word
/// and broadcast to every lane once, only the first `validSteps` of them
/// when it is set (the packed weights are zero past the last step).
///  - vpdpbusd: four u8 x s8 products per lane, added to the accumulator;
///  - vpmaddwd: the bytes widened to i16 (exactly, by their signedness),
///    two i16 products per lane added into i32 (at most 2 * 255 * 255 in
///    magnitude), then added to the accumulator.
/// Both give each lane the sum the widened body would, exactly.
SmallVector<Value> ProductVectorizer::emitInstructionStep(
    OpBuilder &b, Location loc, SmallVector<Value> &ivs, unsigned d, Value k,
    ValueRange accs, Value mask, Value validSteps, int64_t rows, int64_t cols,
    BlockSetter at) {
  const BytePairs &bytes = *plan.bytes;
  const OperandAccess &xa = accesses[bytes.x], &ya = accesses[bytes.y];
  int64_t s = plan.stepsPerInstruction;
  Type i8 = b.getI8Type(), i16 = b.getI16Type(), i32 = b.getI32Type();
  auto extend = [&](Value v, Type to, bool isSigned) -> Value {
    if (isSigned)
      return arith::ExtSIOp::create(b, loc, to, v);
    return arith::ExtUIOp::create(b, loc, to, v);
  };
  SmallVector<Value> ys;
  for (int64_t c = 0; c < cols && plan.packed; ++c) {
    at(b, 0, c);
    Value y = loadPackedWeights(b, loc, ivs, k);
    ys.push_back(s == 4 ? y : extend(y, vectorOf(i16, 2 * lanes), bytes.ySigned));
  }
  for (int64_t c = 0; c < cols && !plan.packed; ++c) {
    at(b, 0, c);
    SmallVector<Value> rowsOfY;
    for (int64_t t = 0; t < s; ++t) {
      ivs[d] = arith::AddIOp::create(b, loc, k,
                                     arith::ConstantIndexOp::create(b, loc, t));
      rowsOfY.push_back(
          loadVector(b, loc, ya.memref, indicesFor(b, loc, ya, ivs), i8, mask));
    }
    Value y = products::interleaveSteps(b, loc, rowsOfY);
    if (s == 2)
      y = extend(y, vectorOf(i16, 2 * lanes), bytes.ySigned);
    ys.push_back(y);
  }
  ivs[d] = k;
  SmallVector<Value> next;
  for (int64_t r = 0; r < rows; ++r) {
    at(b, r, 0);
    // The s bytes as one word, broadcast: vpdpbusd takes them as they are;
    // for vpmaddwd the word of two bytes is broadcast to half the width and
    // its bytes widened, so that the i16 lanes alternate x[k], x[k + 1]
    // (x86: a broadcast load and one vpmovzxbw, no scalar extension). Two
    // i16 activations are one i32 word, broadcast as it is (one load).
    bool words = bytes.xBits == 16;
    VectorType groupType = VectorType::get({s}, words ? i16 : i8);
    Value group;
    if (!validSteps) {
      group = vector::LoadOp::create(b, loc, groupType, xa.memref,
                                     indicesFor(b, loc, xa, ivs));
    } else {
      Value valid = vector::CreateMaskOp::create(
          b, loc, VectorType::get({s}, b.getI1Type()), ValueRange{validSteps});
      Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(groupType));
      group = vector::MaskedLoadOp::create(b, loc, groupType, xa.memref,
                                           indicesFor(b, loc, xa, ivs), valid,
                                           zero);
    }
    Type wordType = s == 4 || words ? i32 : i16;
    Value word = vector::ExtractOp::create(
        b, loc,
        vector::BitCastOp::create(b, loc, VectorType::get({1}, wordType),
                                  group),
        ArrayRef<int64_t>{0});
    Value xs;
    if (s == 4) {
      xs = vector::BitCastOp::create(
          b, loc, vectorOf(i8, 4 * lanes),
          vector::BroadcastOp::create(b, loc, vectorOf(i32), word));
    } else if (words) {
      xs = vector::BitCastOp::create(
          b, loc, vectorOf(i16, 2 * lanes),
          vector::BroadcastOp::create(b, loc, vectorOf(i32), word));
    } else {
      Value half = vector::BroadcastOp::create(b, loc, vectorOf(i16), word);
      xs = extend(
          vector::BitCastOp::create(b, loc, vectorOf(i8, 2 * lanes), half),
          vectorOf(i16, 2 * lanes), bytes.xSigned);
    }
    for (int64_t c = 0; c < cols; ++c) {
      Value acc = accs[r * cols + c];
      if (s == 4) {
        next.push_back(qnnx86::VpdpbusdOp::create(b, loc, acc, xs, ys[c]));
        continue;
      }
      Value pairs =
          qnnx86::VpmaddwdOp::create(b, loc, vectorOf(i32), xs, ys[c]);
      next.push_back(arith::AddIOp::create(b, loc, acc, pairs));
    }
  }
  at(b, 0, 0);
  return next;
}

struct QNNVectorizeProductsPass
    : public qnn::impl::QNNVectorizeProductsBase<QNNVectorizeProductsPass> {
  using Base::Base;
  void runOnOperation() override {
    if (failed(checkVectorWidth(getOperation(), vectorWidth)))
      return signalPassFailure();
    if (!registerBlock.empty() && (registerBlock.size() != 2 ||
                                   llvm::any_of(registerBlock, [](int64_t v) {
                                     return v < 1 || v > kMaxBlockSize;
                                   }))) {
      getOperation().emitError("register-block takes two sizes (rows, "
                               "vectors of columns) from 1 to ")
          << kMaxBlockSize;
      return signalPassFailure();
    }
    int64_t lanes = vectorWidth / 32;
    SmallVector<linalg::GenericOp> generics;
    getOperation().walk([&](linalg::GenericOp op) { generics.push_back(op); });
    llvm::SmallPtrSet<Operation *, 4> fused;
    for (linalg::GenericOp op : generics) {
      if (fused.contains(op))
        continue; // an epilogue, computed with its product
      FailureOr<ReductionPlan> plan = analyzeReduction(op);
      if (failed(plan))
        continue; // left for convert-linalg-to-loops
      plan->bytes = analyzeBytePairs(op, *plan);
      if (failed(selectInstruction(*plan, instruction, lanes)))
        continue; // packed for another target: left for the loops
      packAtRunTime(op, *plan, lanes);
      RegisterBlock block = registerBlockFor(plan->instruction, lanes);
      if (!registerBlock.empty() &&
          plan->instruction != ProductInstruction::Widen)
        block = RegisterBlock{registerBlock[0], registerBlock[1]};
      OpBuilder b(op);
      linalg::FillOp fill = zeroFillOfOutput(op);
      std::optional<Epilogue> epilogue = findEpilogue(op, *plan);
      ProductVectorizer vectorizer(op, *plan, lanes, parallel, block, fill,
                                   epilogue);
      bool fillDead = vectorizer.emit(b);
      Value acc = op.getDpsInitOperand(0)->get();
      op.erase();
      if (fillDead)
        fill.erase();
      if (vectorizer.fusedEpilogue()) {
        fused.insert(epilogue->op);
        epilogue->op.erase();
        // A buffer of accumulators that never reach memory goes too.
        if (acc.use_empty())
          acc.getDefiningOp()->erase();
      }
    }
  }
};
} // namespace
