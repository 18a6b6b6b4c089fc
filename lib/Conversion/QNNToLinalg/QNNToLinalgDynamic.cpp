//===- QNNToLinalgDynamic.cpp - Lowering of the dynamic qnn ops ----------===//
//
// qnn.dynamic_quantize and qnn.matmul_integer, whose quantization
// parameters are run-time values (ONNX dynamic quantization): reductions
// for the tensor's range, scalar arithmetic for the parameters, and the
// products of qnn.matmul with run-time zero-point terms.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

namespace {

/// `x` of rank `rank` reduced over every dimension with `combine` into a
/// scalar, starting from `init`.
Value reduceAll(OpBuilder &b, Location loc, Value x, Value init,
                function_ref<Value(OpBuilder &, Location, Value, Value)>
                    combine) {
  auto type = cast<RankedTensorType>(x.getType());
  Value acc = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{},
                                      init.getType());
  acc = linalg::FillOp::create(b, loc, init, acc).getResult(0);
  SmallVector<int64_t> dims = llvm::to_vector(
      llvm::seq<int64_t>(0, type.getRank()));
  auto reduce = linalg::ReduceOp::create(
      b, loc, ValueRange{x}, ValueRange{acc}, dims,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        linalg::YieldOp::create(nb, l, combine(nb, l, args[0], args[1]));
      });
  return tensor::ExtractOp::create(b, loc, reduce.getResult(0), ValueRange{});
}


/// qnn.dynamic_quantize -> min and max reductions (NaN ignored: minnumf /
/// maxnumf, from 0 so that the range includes 0), the scalar scale and
/// zero point in float32 as ONNX Runtime computes them, and the onnx-flavour
/// quantization by the run-time scale.
struct DynamicQuantizeLowering : OpConversionPattern<DynamicQuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DynamicQuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    IntegerType i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
    Value zero = f32Const(rewriter, loc, 0.0f);
    Value lo = reduceAll(rewriter, loc, x, zero,
                         [](OpBuilder &b, Location l, Value v, Value acc) {
                           return arith::MinNumFOp::create(b, l, v, acc);
                         });
    Value hi = reduceAll(rewriter, loc, x, zero,
                         [](OpBuilder &b, Location l, Value v, Value acc) {
                           return arith::MaxNumFOp::create(b, l, v, acc);
                         });
    // scale = hi == lo ? 1 : (hi - lo) / 255
    Value range = arith::SubFOp::create(rewriter, loc, hi, lo);
    Value scaled = arith::DivFOp::create(rewriter, loc, range,
                                         f32Const(rewriter, loc, 255.0f));
    Value empty = arith::CmpFOp::create(rewriter, loc,
                                        arith::CmpFPredicate::OEQ, hi, lo);
    Value scale = arith::SelectOp::create(
        rewriter, loc, empty, f32Const(rewriter, loc, 1.0f), scaled);
    // zp = rne(max(0, min(255, 0 - lo / scale))), with std::min / max's
    // ordered compares (QuantizeStage::minOf / maxOf: NaN gives the bound).
    Value initial = arith::SubFOp::create(
        rewriter, loc, zero, arith::DivFOp::create(rewriter, loc, lo, scale));
    Value qmax = f32Const(rewriter, loc, 255.0f);
    Value clamped = QuantizeStage::minOf(rewriter, loc, initial, qmax);
    clamped = QuantizeStage::maxOf(rewriter, loc, clamped, zero);
    Value zpF = math::RoundEvenOp::create(rewriter, loc, clamped);
    Value zpI = arith::FPToSIOp::create(rewriter, loc, i32, zpF);
    // Bounds of x / scale before rounding: [0 - zp, 255 - zp].
    Value lowBound = arith::SubFOp::create(rewriter, loc, zero, zpF);
    Value highBound = arith::SubFOp::create(rewriter, loc, qmax, zpF);

    SmallVector<Value> dynamicDims;
    for (int64_t d = 0; d < xType.getRank(); ++d)
      if (xType.isDynamicDim(d))
        dynamicDims.push_back(tensor::DimOp::create(rewriter, loc, x, d));
    Value init = tensor::EmptyOp::create(rewriter, loc, xType.getShape(), i8,
                                         dynamicDims);
    auto identity =
        AffineMap::getMultiDimIdentityMap(xType.getRank(), getContext());
    SmallVector<utils::IteratorType> parallel(xType.getRank(),
                                              utils::IteratorType::parallel);
    auto quantize = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{x},
        ValueRange{init}, ArrayRef<AffineMap>{identity, identity}, parallel,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = arith::DivFOp::create(b, l, args[0], scale);
          // NaN gives the low bound: qmin, as ONNX Runtime gives.
          v = QuantizeStage::maxOf(b, l, v, lowBound);
          v = QuantizeStage::minOf(b, l, v, highBound);
          Value t = math::RoundEvenOp::create(b, l, v);
          Value q = arith::AddIOp::create(
              b, l, arith::FPToSIOp::create(b, l, i32, t), zpI);
          linalg::YieldOp::create(b, l,
                                  arith::TruncIOp::create(b, l, i8, q).getResult());
        });
    Value scaleTensor = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, rewriter.getF32Type()),
        ValueRange{scale});
    Value zpTensor = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, i8),
        ValueRange{arith::TruncIOp::create(rewriter, loc, i8, zpI).getResult()});
    rewriter.replaceOp(op, {quantize.getResult(0), scaleTensor, zpTensor});
    return success();
  }
};

/// The element of a scalar zero point, or of a per-column one at `index`,
/// widened to i32 with its signedness.
Value widen(OpBuilder &b, Location loc, Value v, bool isSigned) {
  IntegerType i32 = b.getI32Type();
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, i32, v);
  return arith::ExtUIOp::create(b, loc, i32, v);
}

/// The quantized type with scale 1 and zero point 0 whose storage is an
/// 8-bit integer of the given signedness: how qnn.matmul reads raw bytes.
Type rawByteType(MLIRContext *ctx, bool isSigned) {
  IntegerType storage = IntegerType::get(ctx, 8);
  Type expressed = Float32Type::get(ctx);
  return quant::UniformQuantizedType::get(
      isSigned ? quant::QuantizationFlags::Signed : 0, storage, expressed,
      /*scale=*/1.0, /*zeroPoint=*/0, isSigned ? -128 : 0, isSigned ? 127 : 255);
}

/// qnn.matmul_integer -> the raw i32 products of qnn.matmul (zero points 0,
/// so its kernels and packing apply), with leading dimensions of `a`
/// collapsed into M, and one elementwise generic subtracting the run-time
/// zero-point terms:
///   acc = P - zb[n] * sum_k a[m, k] - za * sum_k b[k, n] + K * za * zb[n]
/// in wrapping i32 arithmetic, exact since the true sum fits (verifier).
struct MatmulIntegerLowering : OpConversionPattern<MatmulIntegerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulIntegerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    bool lhsSigned = !lhsType.getElementType().isUnsignedInteger();
    bool rhsSigned = !rhsType.getElementType().isUnsignedInteger();
    IntegerType i32 = rewriter.getI32Type();
    int64_t rank = lhsType.getRank();
    int64_t k = lhsType.getDimSize(rank - 1);

    // a as M x K, M the product of the leading dimensions.
    Value a = adaptor.getLhs(), b = adaptor.getRhs();
    if (rank > 2) {
      ReassociationIndices rows =
          llvm::to_vector(llvm::seq<int64_t>(0, rank - 1));
      a = tensor::CollapseShapeOp::create(
          rewriter, loc, a,
          ArrayRef<ReassociationIndices>{rows, {rank - 1}});
    }
    auto a2Type = cast<RankedTensorType>(a.getType());
    int64_t m = a2Type.getDimSize(0), n = rhsType.getDimSize(1);
    Value qa = StorageCastOp::create(
        rewriter, loc,
        RankedTensorType::get(a2Type.getShape(), rawByteType(ctx, lhsSigned)),
        a);
    Value qb = StorageCastOp::create(
        rewriter, loc,
        RankedTensorType::get(rhsType.getShape(), rawByteType(ctx, rhsSigned)),
        b);
    auto productType = RankedTensorType::get({m, n}, i32);
    Value products =
        MatmulOp::create(rewriter, loc, productType, qa, qb, Value(),
                         RoundingMode::float_, FloatAttr(), FloatAttr());

    // Row sums of a, column sums of b, in i32.
    auto d = [&](unsigned p) { return getAffineDimExpr(p, ctx); };
    auto sums = [&](Value x, bool isSigned, bool rows) -> Value {
      int64_t size = rows ? m : n;
      SmallVector<Value> dyn;
      if (ShapedType::isDynamic(size))
        dyn.push_back(tensor::DimOp::create(rewriter, loc, x, rows ? 0 : 1));
      Value init = tensor::EmptyOp::create(rewriter, loc,
                                           ArrayRef<int64_t>{size}, i32, dyn);
      init = linalg::FillOp::create(rewriter, loc,
                                    intConst(rewriter, loc, i32, 0), init)
                 .getResult(0);
      // Loops (kept, k).
      AffineMap xMap = AffineMap::get(2, 0,
                                      rows ? ArrayRef<AffineExpr>{d(0), d(1)}
                                           : ArrayRef<AffineExpr>{d(1), d(0)},
                                      ctx);
      AffineMap outMap = AffineMap::get(2, 0, {d(0)}, ctx);
      return linalg::GenericOp::create(
                 rewriter, loc, TypeRange{init.getType()}, ValueRange{x},
                 ValueRange{init}, ArrayRef<AffineMap>{xMap, outMap},
                 ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                               utils::IteratorType::reduction},
                 [&](OpBuilder &nb, Location l, ValueRange args) {
                   Value v = widen(nb, l, args[0], isSigned);
                   linalg::YieldOp::create(
                       nb, l, arith::AddIOp::create(nb, l, v, args[1]).getResult());
                 })
          .getResult(0);
    };
    Value rowSums = sums(a, lhsSigned, /*rows=*/true);
    Value colSums = sums(b, rhsSigned, /*rows=*/false);

    Value za = widen(rewriter, loc,
                     tensor::ExtractOp::create(rewriter, loc,
                                               adaptor.getLhsZeroPoint(),
                                               ValueRange{}),
                     lhsSigned);
    Value zb = adaptor.getRhsZeroPoint();
    bool zbPerColumn = cast<RankedTensorType>(zb.getType()).getRank() == 1;
    if (zbPerColumn) {
      Value length = linalg::createOrFoldDimOp(rewriter, loc, zb, 0);
      emitSizeCheck(rewriter, loc, length, SizeRelation::eq,
                    linalg::createOrFoldDimOp(rewriter, loc, b, 1),
                    "qnn.matmul_integer: the rhs zero point has {0} elements "
                    "but rhs has {1} columns");
    }
    Value kValue = intConst(rewriter, loc, i32, k);

    SmallVector<Value> inputs{products, rowSums, colSums};
    SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(2, ctx),
                                AffineMap::get(2, 0, {d(0)}, ctx),
                                AffineMap::get(2, 0, {d(1)}, ctx)};
    Value zbScalar;
    if (zbPerColumn) {
      inputs.push_back(zb);
      maps.push_back(AffineMap::get(2, 0, {d(1)}, ctx));
    } else {
      zbScalar = widen(rewriter, loc,
                       tensor::ExtractOp::create(rewriter, loc, zb,
                                                 ValueRange{}),
                       rhsSigned);
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(2, ctx));
    SmallVector<Value> dyn;
    if (ShapedType::isDynamic(m))
      dyn.push_back(tensor::DimOp::create(rewriter, loc, a, 0));
    if (ShapedType::isDynamic(n))
      dyn.push_back(tensor::DimOp::create(rewriter, loc, b, 1));
    Value init =
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{m, n}, i32, dyn);
    Value acc =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
            maps,
            ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                          utils::IteratorType::parallel},
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value zbv = zbPerColumn ? widen(nb, l, args[3], rhsSigned)
                                      : zbScalar;
              Value v = arith::SubIOp::create(
                  nb, l, args[0], arith::MulIOp::create(nb, l, zbv, args[1]));
              v = arith::SubIOp::create(
                  nb, l, v, arith::MulIOp::create(nb, l, za, args[2]));
              Value kzazb = arith::MulIOp::create(
                  nb, l, kValue, arith::MulIOp::create(nb, l, za, zbv));
              linalg::YieldOp::create(
                  nb, l, arith::AddIOp::create(nb, l, v, kzazb).getResult());
            })
            .getResult(0);

    // Back to the result's leading dimensions.
    if (rank > 2) {
      ReassociationIndices rows =
          llvm::to_vector(llvm::seq<int64_t>(0, rank - 1));
      SmallVector<int64_t> shape(lhsType.getShape().drop_back());
      shape.push_back(n);
      SmallVector<OpFoldResult> sizes;
      for (int64_t i = 0; i < rank - 1; ++i)
        sizes.push_back(
            linalg::createFoldedDimOp(rewriter, loc, adaptor.getLhs(), i));
      sizes.push_back(linalg::createFoldedDimOp(rewriter, loc, b, 1));
      acc = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(shape, i32), acc,
          ArrayRef<ReassociationIndices>{rows, {rank - 1}}, sizes);
    }
    if (acc.getType() != resultType)
      acc = tensor::CastOp::create(rewriter, loc, resultType, acc);
    rewriter.replaceOp(op, acc);
    return success();
  }
};

} // namespace

void mlir::qnn::populateQNNToLinalgDynamicConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<DynamicQuantizeLowering, MatmulIntegerLowering>(
      converter, patterns.getContext());
}
