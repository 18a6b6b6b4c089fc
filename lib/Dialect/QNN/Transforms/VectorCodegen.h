//===- VectorCodegen.h - Vector code of linalg.generic bodies ---*- C++ -*-===//
//
// Private to lib/Dialect/QNN/Transforms: what qnn-vectorize-elementwise and
// qnn-vectorize-products share. How each operand of a generic on buffers is
// read along the vector loop, and a builder that clones the generic's body
// with vector types. Every op of such a body is elementwise-mappable, so
// lane i of the vector code computes exactly what the scalar body computes
// for element i (the bit-exactness argument of both passes).
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_QNN_TRANSFORMS_VECTORCODEGEN_H
#define LIB_DIALECT_QNN_TRANSFORMS_VECTORCODEGEN_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::qnn::vectorize {

/// How one operand is read in the innermost loop.
struct OperandAccess {
  Value memref;
  AffineMap map;
  /// True when the innermost loop dimension is the operand's last (unit
  /// stride) dimension: a vector load. Otherwise the operand does not depend
  /// on the innermost loop: a scalar load and a broadcast.
  bool contiguous;
};

/// Whether the last dimension of `type` has stride 1.
bool hasUnitInnerStride(MemRefType type);

/// Emits the index `e` of loop indices `ivs`: a loop index, a constant, or
/// sums and constant multiples of them.
Value emitIndex(OpBuilder &b, Location loc, AffineExpr e, ArrayRef<Value> ivs);

/// Checks that every operand is a byte-addressable buffer and that the
/// loop dimension `vecDim` is either the last (unit-stride) index of an
/// operand (a vector load) or absent from it (a scalar load and a
/// broadcast), and returns how each operand is accessed. Operand `custom`
/// (packed weights) is read by the caller's own code: its indices are not
/// checked, and it is marked as not contiguous.
FailureOr<SmallVector<OperandAccess>>
analyzeOperands(linalg::GenericOp op, unsigned vecDim,
                std::optional<unsigned> custom = std::nullopt);

/// Checks that the body can run lane by lane on vectors, including the
/// masked-off lanes of a tail step.
LogicalResult analyzeBody(linalg::GenericOp op);

/// Checks the vector-width option of a vectorizing pass (a multiple of 32
/// bits, at least 64), reporting on `op` when it is not.
LogicalResult checkVectorWidth(Operation *op, unsigned vectorWidth);

/// Builds vector code for the body of one generic, `lanes` 32-bit lanes
/// per vector.
class BodyVectorizer {
public:
  BodyVectorizer(linalg::GenericOp op, ArrayRef<OperandAccess> accesses,
                 int64_t lanes)
      : op(op), accesses(accesses), lanes(lanes) {}

protected:
  VectorType vectorOf(Type t, int64_t count = 0) const {
    return VectorType::get({count ? count : lanes}, t);
  }

  /// A full vector load, or a masked one (masked-off lanes read as zero).
  Value loadVector(OpBuilder &b, Location loc, Value memref, ValueRange indices,
                   Type elementType, Value mask) const;

  /// Indices of an operand for loop indices (outer..., inner).
  SmallVector<Value> indicesFor(OpBuilder &b, Location loc,
                                const OperandAccess &a,
                                ArrayRef<Value> loopIvs) const;

  /// Computes the body on one vector at loop indices `loopIvs` (masked when
  /// `mask` is set) and returns the mapping from scalar body values to
  /// vectors. In a reduction, `accumulator` stands for the output argument;
  /// the inputs numbered in `given` take the given vectors instead of loads.
  IRMapping emitBody(OpBuilder &b, Location loc, ArrayRef<Value> loopIvs,
                     Value mask, Value accumulator = nullptr,
                     ArrayRef<std::pair<unsigned, Value>> given = {});

  /// Stores the values the body yields (`mapping` from emitBody) into the
  /// outputs at loop indices `loopIvs`, masked when `mask` is set.
  void storeYielded(OpBuilder &b, Location loc, IRMapping &mapping,
                    ArrayRef<Value> loopIvs, Value mask);

  /// The vector of a yielded value (a broadcast if it comes from outside).
  Value yieldedVector(OpBuilder &b, Location loc, IRMapping &mapping,
                      Value value);

  linalg::GenericOp op;
  ArrayRef<OperandAccess> accesses;
  int64_t lanes;
};

} // namespace mlir::qnn::vectorize

#endif // LIB_DIALECT_QNN_TRANSFORMS_VECTORCODEGEN_H
