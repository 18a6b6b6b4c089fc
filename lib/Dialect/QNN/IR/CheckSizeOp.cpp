//===- CheckSizeOp.cpp - qnn.check_size ---------------------------------===//
//
// The run-time size check: a relation between two index values that the
// verifiers check statically when both sizes are known.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/IR/QNNOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::qnn;

bool mlir::qnn::sizeRelationHolds(SizeRelation relation, int64_t size,
                                  int64_t bound) {
  switch (relation) {
  case SizeRelation::eq:
    return size == bound;
  case SizeRelation::ge:
    return size >= bound;
  }
  return false;
}

/// A check that holds for any sizes (a size against itself) or for the
/// constants it compares is erased; one that fails is kept, so that the call
/// still stops with its message.
LogicalResult CheckSizeOp::canonicalize(CheckSizeOp op,
                                        PatternRewriter &rewriter) {
  if (op.getSize() == op.getBound()) {
    rewriter.eraseOp(op);
    return success();
  }
  APInt size, bound;
  if (!matchPattern(op.getSize(), m_ConstantInt(&size)) ||
      !matchPattern(op.getBound(), m_ConstantInt(&bound)))
    return failure();
  if (!sizeRelationHolds(op.getRelation(), size.getSExtValue(),
                         bound.getSExtValue()))
    return failure();
  rewriter.eraseOp(op);
  return success();
}
