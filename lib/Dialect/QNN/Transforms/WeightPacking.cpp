//===- WeightPacking.cpp - Weights packed by vector code ------------------===//
//
// The vector code that interleaves rows of weights into the packed layout
// of ByteProducts.h: inside qnn-vectorize-products' instruction step (for
// weights read in place), and as a packing loop nest that writes run-time
// weights into a scratch buffer once per call.
//
//===----------------------------------------------------------------------===//

#include "ByteProducts.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::qnn::products {

Value interleaveSteps(OpBuilder &b, Location loc, ArrayRef<Value> rows) {
  assert((rows.size() == 2 || rows.size() == 4) && "2 or 4 rows");
  int64_t lanes = cast<VectorType>(rows[0].getType()).getNumElements();
  // Alternates groups of `group` lanes of p and q, `width` lanes each.
  auto interleave = [&](Value p, Value q, int64_t width, int64_t group) {
    SmallVector<int64_t> m;
    for (int64_t j = 0; j < width / group; ++j) {
      for (int64_t g = 0; g < group; ++g)
        m.push_back(j * group + g);
      for (int64_t g = 0; g < group; ++g)
        m.push_back(width + j * group + g);
    }
    return vector::ShuffleOp::create(b, loc, p, q, m).getResult();
  };
  Value y = interleave(rows[0], rows[1], lanes, 1);
  if (rows.size() == 4)
    y = interleave(y, interleave(rows[2], rows[3], lanes, 1), 2 * lanes, 2);
  return y;
}

/// `v` as an index value.
static Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value emitWeightPacking(OpBuilder &b, Location loc, Value weights,
                        PackedLayout layout) {
  auto type = cast<MemRefType>(weights.getType());
  int64_t rank = type.getRank();
  int64_t lanes = layout.lanes, steps = layout.steps;
  Type i8 = b.getI8Type();
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(type.isDynamicDim(d)
                        ? memref::DimOp::create(b, loc, weights, d).getResult()
                        : index(b, loc, type.getDimSize(d)));
  Value k = sizes[rank - 2], n = sizes[rank - 1];
  auto ceilDiv = [&](Value v, int64_t by) -> Value {
    if (std::optional<int64_t> size = getConstantIntValue(v))
      return index(b, loc, llvm::divideCeil(*size, by));
    return arith::CeilDivUIOp::create(b, loc, v, index(b, loc, by));
  };
  SmallVector<Value> packedSizes(sizes.begin(), sizes.end() - 2);
  packedSizes.push_back(ceilDiv(n, lanes));
  packedSizes.push_back(ceilDiv(k, steps));
  SmallVector<int64_t> shape(type.getShape().drop_back(2));
  int64_t staticK = type.getDimSize(rank - 2), staticN = type.getDimSize(rank - 1);
  shape.push_back(ShapedType::isDynamic(staticN)
                      ? ShapedType::kDynamic
                      : llvm::divideCeil(staticN, lanes));
  shape.push_back(ShapedType::isDynamic(staticK)
                      ? ShapedType::kDynamic
                      : llvm::divideCeil(staticK, steps));
  shape.push_back(lanes * steps);
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < rank; ++d)
    if (ShapedType::isDynamic(shape[d]))
      dynamicSizes.push_back(packedSizes[d]);
  auto packedType = MemRefType::get(shape, i8);
  Value packed = memref::AllocOp::create(b, loc, packedType, dynamicSizes);

  // Loops over the prefix dimensions, blocks of output channels and groups
  // of steps; each iteration writes one vector of lanes * steps bytes.
  SmallVector<Value> ivs;
  OpBuilder::InsertionGuard guard(b);
  Value c0 = index(b, loc, 0), c1 = index(b, loc, 1);
  for (Value size : packedSizes) {
    auto loop = scf::ForOp::create(b, loc, c0, size, c1);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    ivs.push_back(loop.getInductionVar());
  }
  ArrayRef<Value> prefix = ArrayRef<Value>(ivs).drop_back(2);
  Value nb = ivs[rank - 2], kb = ivs[rank - 1];
  Value n0 = arith::MulIOp::create(b, loc, nb, index(b, loc, lanes));
  Value k0 = arith::MulIOp::create(b, loc, kb, index(b, loc, steps));
  auto rowIndices = [&](OpBuilder &rb, Value row) {
    SmallVector<Value> indices(prefix.begin(), prefix.end());
    indices.push_back(row);
    indices.push_back(n0);
    return indices;
  };
  auto rowAt = [&](OpBuilder &rb, int64_t t) -> Value {
    return arith::AddIOp::create(rb, loc, k0, index(rb, loc, t));
  };
  // Whole groups of whole vectors: plain loads. The last block of channels
  // and the last group of steps: masked loads, zeros past the ends.
  Value whole = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ule,
                            arith::AddIOp::create(b, loc, n0,
                                                  index(b, loc, lanes)),
                            n),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ule,
                            rowAt(b, steps), k));
  VectorType rowType = VectorType::get({lanes}, i8);
  auto ifOp = scf::IfOp::create(
      b, loc, whole,
      [&](OpBuilder &tb, Location) {
        SmallVector<Value> rows;
        for (int64_t t = 0; t < steps; ++t)
          rows.push_back(vector::LoadOp::create(tb, loc, rowType, weights,
                                                rowIndices(tb, rowAt(tb, t))));
        scf::YieldOp::create(tb, loc, interleaveSteps(tb, loc, rows));
      },
      [&](OpBuilder &eb, Location) {
        Value valid = arith::MinUIOp::create(
            eb, loc, arith::SubIOp::create(eb, loc, n, n0),
            index(eb, loc, lanes));
        Value lastRow = arith::SubIOp::create(eb, loc, k, index(eb, loc, 1));
        Value zero = arith::ConstantOp::create(eb, loc, eb.getZeroAttr(rowType));
        SmallVector<Value> rows;
        for (int64_t t = 0; t < steps; ++t) {
          Value row = rowAt(eb, t);
          Value inside = arith::CmpIOp::create(
              eb, loc, arith::CmpIPredicate::ult, row, k);
          // A row past the end reads nothing (an empty mask) at the last
          // row's address.
          Value count =
              arith::SelectOp::create(eb, loc, inside, valid, index(eb, loc, 0));
          Value mask = vector::CreateMaskOp::create(
              eb, loc, VectorType::get({lanes}, eb.getI1Type()),
              ValueRange{count});
          Value at = arith::MinUIOp::create(eb, loc, row, lastRow);
          rows.push_back(vector::MaskedLoadOp::create(
              eb, loc, rowType, weights, rowIndices(eb, at), mask, zero));
        }
        scf::YieldOp::create(eb, loc, interleaveSteps(eb, loc, rows));
      });
  SmallVector<Value> out(prefix.begin(), prefix.end());
  out.push_back(nb);
  out.push_back(kb);
  out.push_back(c0);
  vector::StoreOp::create(b, loc, ifOp.getResult(0), packed, out);
  return packed;
}

} // namespace mlir::qnn::products
