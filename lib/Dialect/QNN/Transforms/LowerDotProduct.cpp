//===- LowerDotProduct.cpp - qnn.dot_u8s8 to the vpdpbusd intrinsic -------===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/PatternMatch.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"

#include <string>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLOWERDOTPRODUCT
#include "quant/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct QNNLowerDotProductPass
    : public qnn::impl::QNNLowerDotProductBase<QNNLowerDotProductPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation()->walk([&](DotU8S8Op op) {
      int64_t bits = 32 * op.getAcc().getType().getNumElements();
      rewriter.setInsertionPoint(op);
      auto call = LLVM::CallIntrinsicOp::create(
          rewriter, op.getLoc(), op.getType(),
          rewriter.getStringAttr("llvm.x86.avx512.vpdpbusd." +
                                 std::to_string(bits)),
          ValueRange{op.getAcc(), op.getLhs(), op.getRhs()});
      rewriter.replaceOp(op, call.getResults());
    });
  }
};
} // namespace
