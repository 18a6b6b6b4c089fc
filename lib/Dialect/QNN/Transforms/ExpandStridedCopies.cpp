//===- ExpandStridedCopies.cpp - Strided memref.copy to linalg.copy -------===//
//
// Generated code must not depend on the MLIR runner library: a strided
// memref.copy would lower to a call of its memrefCopy, a linalg.copy lowers
// to loops.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNEXPANDSTRIDEDCOPIES
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct QNNExpandStridedCopiesPass
    : public qnn::impl::QNNExpandStridedCopiesBase<QNNExpandStridedCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) {
      auto source = cast<MemRefType>(op.getSource().getType());
      auto target = cast<MemRefType>(op.getTarget().getType());
      if (!source.getLayout().isIdentity() || !target.getLayout().isIdentity())
        copies.push_back(op);
    });
    for (memref::CopyOp op : copies) {
      OpBuilder b(op);
      linalg::CopyOp::create(b, op.getLoc(), ValueRange{op.getSource()},
                             ValueRange{op.getTarget()});
      op.erase();
    }
  }
};
} // namespace
