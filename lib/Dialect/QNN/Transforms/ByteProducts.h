//===- ByteProducts.h - Byte products and packed weights --------*- C++ -*-===//
//
// Private to lib/Dialect/QNN/Transforms: what qnn-pack-products (on tensors)
// and qnn-vectorize-products (on buffers) share about a product generic
// `acc + ext(x) * ext(y)` of bytes (or of i16 activations x that
// qnn-pack-products widened from bytes for vpmaddwd): which operand is
// which, how many reduction steps the target's instruction takes at once,
// and the packed layout of the weights y that the instruction reads with
// one load.
//
// Packed layout. Weights y indexed (p..., k, n), k the innermost reduction
// loop and n the vector loop, shape [P..., K, N], are stored as
//
//   [P..., ceil(N / lanes), ceil(K / steps), lanes * steps]
//   packed[p..., n floordiv lanes, k floordiv steps,
//          (n mod lanes) * steps + k mod steps] = y[p..., k, n]
//
// with zeros in the padding: lane j of the vector at [p..., nb, kb, 0]
// holds the `steps` consecutive reduction steps kb * steps .. of output
// channel nb * lanes + j, which is what vpdpbusd (4 steps) and vpmaddwd
// (2 steps) take in an i32 lane. The generic keeps its meaning: only the
// indexing map of y changes.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_QNN_TRANSFORMS_BYTEPRODUCTS_H
#define LIB_DIALECT_QNN_TRANSFORMS_BYTEPRODUCTS_H

#include "quant/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::qnn::products {

/// An input of a product body: its operand number, whether it is extended
/// as signed, and its width (8, or 16 when signed).
struct ByteInput {
  unsigned index;
  bool isSigned;
  unsigned bits;
};

/// The two inputs of a body `acc + ext(lhs) * ext(rhs)` on i32 (five
/// operations with the yield), in the order the multiplication takes them:
/// bytes of either signedness, or i16 extended as signed.
std::optional<std::pair<ByteInput, ByteInput>>
matchByteProductBody(linalg::GenericOp op);

/// The loops of a product generic: its parallel and reduction loops, in
/// order, when it has reduction loops and its single output is indexed by
/// the parallel loops in order.
struct ProductLoops {
  SmallVector<unsigned> parallel, reduction;
};
std::optional<ProductLoops> matchProductLoops(linalg::GenericOp op);

/// Whether `map` reads activations x of a byte product: the innermost
/// reduction loop `k` is its last index and no other index depends on it.
bool isActivationMap(AffineMap map, unsigned k);

/// Whether `map` reads weights y of a byte product in place: `k` and the
/// vector loop `n` are its last two indices, no other depends on either.
bool isWeightMap(AffineMap map, unsigned k, unsigned n);

/// Reduction steps that `instruction` computes per i32 lane for activations
/// x and weights y on `lanes` lanes: 4 for vpdpbusd (u8 x s8 only), 2 for
/// vpmaddwd (bytes, or i16 activations, times bytes), 1 when the product
/// stays widened.
int64_t stepsPerInstruction(ProductInstruction instruction, ByteInput x,
                            ByteInput y, int64_t lanes);

/// The packed weight layout: output channels per vector and reduction steps
/// per lane.
struct PackedLayout {
  int64_t lanes, steps;
};

/// The shape of weights of shape `shape` ([P..., K, N]) in `layout`.
SmallVector<int64_t> packedShape(ArrayRef<int64_t> shape, PackedLayout layout);

/// The indexing map of the packed weights, from the weights' map `map`
/// whose last two results are the reduction loop `k` and the vector loop
/// `n`.
AffineMap packedWeightMap(AffineMap map, unsigned k, unsigned n,
                          PackedLayout layout);

/// The layout of `map` when it reads packed weights with reduction loop `k`
/// and vector loop `n` (as packedWeightMap builds it), the other results not
/// depending on either loop.
std::optional<PackedLayout> matchPackedWeightMap(AffineMap map, unsigned k,
                                                 unsigned n);

/// Interleaves `rows` (2 or 4 vectors of L bytes, consecutive reduction
/// steps) into one vector of L * rows.size() bytes whose lane j holds
/// byte j of each row in turn: one vector of the packed layout.
Value interleaveSteps(OpBuilder &b, Location loc, ArrayRef<Value> rows);

/// Emits at `b` a new buffer (memref.alloc, left to the buffer
/// deallocation pipeline) holding `weights` (a memref [P..., K, N] of i8
/// with unit inner stride) in `layout`, and the loops that fill it: one
/// vector of the packed layout per iteration, from `layout.steps` row
/// loads (masked, zero-filled, at the ends of K and N). Returns the buffer.
Value emitWeightPacking(OpBuilder &b, Location loc, Value weights,
                        PackedLayout layout);

} // namespace mlir::qnn::products

#endif // LIB_DIALECT_QNN_TRANSFORMS_BYTEPRODUCTS_H
