//===- PackProducts.cpp - Product operands in the instruction's layout ----===//
//
// A product generic on tensors `acc + ext(x) * ext(y)` of bytes gets its
// operands in the form the target's instruction reads:
//  - constant weights y: a new constant in the packed layout of
//    ByteProducts.h, folded here at compile time, and the indexing map
//    that reads it. qnn-vectorize-products then loads one vector of packed
//    weights per instruction where it would otherwise load `steps` rows of
//    weights and interleave them on every call;
//  - activations x, for vpmaddwd: widened to i16 once, by an elementwise
//    generic, so that each pair of steps is one 32-bit word to broadcast
//    (a load) instead of a byte pair to broadcast and widen (two shuffles
//    per row and pair, on every weight vector's pass).
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "ByteProducts.h"
#include "VectorCodegen.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNPACKPRODUCTS
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::products;

namespace {

/// Constants of more elements than this stay unpacked (the same bound as
/// the qnn constant folders).
constexpr int64_t kMaxPackedElements = int64_t(1) << 26;

/// The weights `values` (shape [P..., K, N]) in `layout`, zero-padded.
DenseElementsAttr pack(DenseIntElementsAttr values, PackedLayout layout) {
  auto type = cast<RankedTensorType>(values.getType());
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> packedDims = packedShape(shape, layout);
  auto packedType = RankedTensorType::get(packedDims, type.getElementType());
  int64_t k = shape[shape.size() - 2], n = shape.back();
  int64_t outer = type.getNumElements() / std::max<int64_t>(k * n, 1);
  int64_t nb = packedDims[packedDims.size() - 3],
          kb = packedDims[packedDims.size() - 2], lanes = layout.lanes,
          steps = layout.steps;
  std::vector<int8_t> out(packedType.getNumElements(), 0);
  auto at = [&](int64_t i) -> int8_t {
    return values.isSplat() ? values.getSplatValue<int8_t>()
                            : static_cast<int8_t>(values.getRawData()[i]);
  };
  for (int64_t p = 0; p < outer; ++p)
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t nn = 0; nn < n; ++nn)
        out[((p * nb + nn / lanes) * kb + kk / steps) * lanes * steps +
            (nn % lanes) * steps + kk % steps] = at((p * k + kk) * n + nn);
  return DenseElementsAttr::get(packedType, ArrayRef<int8_t>(out));
}

/// Replaces the constant weights `weights` (read through `map`) of `op` by
/// their packed form, if they are constant bytes.
void packWeights(linalg::GenericOp op, OpOperand &weights, AffineMap map,
                 unsigned k, unsigned n, PackedLayout layout) {
  DenseIntElementsAttr values;
  if (!matchPattern(weights.get(), m_Constant(&values)))
    return;
  auto type = cast<RankedTensorType>(values.getType());
  if (!type.getElementType().isInteger(8) || !type.hasStaticShape() ||
      type.getNumElements() > kMaxPackedElements)
    return;
  OpBuilder b(op);
  Value packed = arith::ConstantOp::create(b, weights.get().getLoc(),
                                           pack(values, layout));
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  maps[weights.getOperandNumber()] = packedWeightMap(map, k, n, layout);
  Operation *original = weights.get().getDefiningOp();
  weights.set(packed);
  op.setIndexingMapsAttr(b.getAffineMapArrayAttr(maps));
  if (original->use_empty())
    original->erase();
}

/// Replaces the byte activations `x` of `op` by their i16 extension (as
/// the body extends them), computed once by an elementwise generic; the
/// body then extends the i16 values as signed, which gives the same i32.
void widenActivations(linalg::GenericOp op, ByteInput x) {
  OpOperand &operand = op->getOpOperand(x.index);
  auto type = dyn_cast<RankedTensorType>(operand.get().getType());
  if (!type)
    return;
  Location loc = operand.get().getLoc();
  OpBuilder b(op);
  Type i16 = b.getI16Type();
  Value empty = tensor::EmptyOp::create(
      b, loc, tensor::getMixedSizes(b, loc, operand.get()), i16);
  AffineMap identity = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto widen = linalg::GenericOp::create(
      b, loc, empty.getType(), operand.get(), empty,
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value wide =
            x.isSigned
                ? arith::ExtSIOp::create(nb, nl, i16, args[0]).getResult()
                : arith::ExtUIOp::create(nb, nl, i16, args[0]).getResult();
        linalg::YieldOp::create(nb, nl, wide);
      });
  operand.set(widen.getResult(0));
  BlockArgument arg = op.getBody()->getArgument(x.index);
  arg.setType(i16);
  // The one user of the argument is its extension to i32.
  Operation *ext = *arg.getUsers().begin();
  OpBuilder eb(ext);
  Value wide = arith::ExtSIOp::create(eb, ext->getLoc(),
                                      ext->getResult(0).getType(), arg);
  ext->getResult(0).replaceAllUsesWith(wide);
  ext->erase();
}

/// Packs the constant weights of `op` and widens its activations when it
/// is a product the instruction computes on `lanes` lanes.
void packProduct(linalg::GenericOp op, ProductInstruction instruction,
                 int64_t lanes) {
  if (!op.hasPureTensorSemantics())
    return;
  std::optional<std::pair<ByteInput, ByteInput>> inputs =
      matchByteProductBody(op);
  std::optional<ProductLoops> loops = matchProductLoops(op);
  if (!inputs || !loops)
    return;
  unsigned k = loops->reduction.back(), n = loops->parallel.back();
  // y is read along the vector loop n, x is not.
  auto readsN = [&](const ByteInput &in) {
    return op.getIndexingMapsArray()[in.index].isFunctionOfDim(n);
  };
  ByteInput xi = inputs->first, yi = inputs->second;
  if (readsN(xi))
    std::swap(xi, yi);
  AffineMap yMap = op.getIndexingMapsArray()[yi.index];
  if (readsN(xi) ||
      !isActivationMap(op.getIndexingMapsArray()[xi.index], k) ||
      !isWeightMap(yMap, k, n))
    return;
  int64_t steps = stepsPerInstruction(instruction, xi, yi, lanes);
  if (steps == 1)
    return;
  packWeights(op, op->getOpOperand(yi.index), yMap, k, n,
              PackedLayout{lanes, steps});
  if (instruction == ProductInstruction::Vpmaddwd && xi.bits == 8)
    widenActivations(op, xi);
}

struct QNNPackProductsPass
    : public qnn::impl::QNNPackProductsBase<QNNPackProductsPass> {
  using Base::Base;
  void runOnOperation() override {
    if (failed(vectorize::checkVectorWidth(getOperation(), vectorWidth)))
      return signalPassFailure();
    SmallVector<linalg::GenericOp> generics;
    getOperation().walk([&](linalg::GenericOp op) { generics.push_back(op); });
    for (linalg::GenericOp op : generics)
      packProduct(op, instruction, vectorWidth / 32);
  }
};
} // namespace
