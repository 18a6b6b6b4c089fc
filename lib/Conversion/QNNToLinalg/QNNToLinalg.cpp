//===- QNNToLinalg.cpp - Elementwise qnn ops to linalg/arith --------------===//
//
// quantize, dequantize, requantize, add, mul, clamp, concat, storage_cast
// and constant: each becomes the scalar arithmetic of docs/Semantics.md
// (NumericEmitters.h), wrapped in an all-parallel linalg.generic for
// tensors. The structured ops (matmul, conv, pooling) are in
// QNNToLinalgNamed.cpp, the pass and the type conversion in
// QNNToLinalgPass.cpp.
//
//===----------------------------------------------------------------------===//

#include "NumericEmitters.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

namespace {

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// qnn.quantize -> saturating float arithmetic and one conversion.
struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto [axis, n] = channelLayout({&*params});
    MLIRContext *ctx = getContext();
    ConstantTable table;
    QuantizeStage stage = QuantizeStage::plan(table, ctx, *params, n,
                                              toMathFlavour(op.getFlavour()),
                                              /*mayBeNaN=*/true);
    IntegerType container = params->getContainerType(ctx);
    Value result = applyElementwise(
        rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getInput(),
        resultType, axis, n, table,
        [&](OpBuilder &b, Location loc, Value x, ConstantValues &get) {
          return stage.emit(b, loc, x, get, container);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.dequantize -> exact subtraction, conversion and one multiply.
struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getInput().getType());
    if (failed(params))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto [axis, n] = channelLayout({&*params});
    ConstantTable table;
    DequantizeStage stage =
        DequantizeStage::plan(table, getContext(), *params, n);
    Value result = applyElementwise(
        rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getInput(),
        op.getType(), axis, n, table,
        [&](OpBuilder &b, Location loc, Value q, ConstantValues &get) {
          return stage.emit(b, loc, q, get);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.requantize -> dequantize + quantize (float mode) or fixed-point
/// integer arithmetic (the other modes).
/// Requantizes the converted value `input` from `in` to `out` in `mode`:
/// the body of qnn.requantize's lowering, shared with qnn.concat.
Value emitRequantize(OpBuilder &b, Location loc, StringRef opName, Value input,
                     const QuantParams &in, const QuantParams &out,
                     Type resultType, RoundingMode mode) {
  auto [axis, n] = channelLayout({&in, &out});
  MLIRContext *ctx = b.getContext();
  IntegerType container = out.getContainerType(ctx);
  ConstantTable table;
  if (mode == RoundingMode::float_) {
    DequantizeStage dq = DequantizeStage::plan(table, ctx, in, n);
    // A dequantized value is finite or infinite, never NaN.
    QuantizeStage q =
        QuantizeStage::plan(table, ctx, out, n, qmath::QuantizeFlavour::PyTorch,
                            /*mayBeNaN=*/false);
    return applyElementwise(
        b, loc, opName, input, resultType, axis, n, table,
        [&](OpBuilder &nb, Location l, Value v, ConstantValues &get) {
          return q.emit(nb, l, dq.emit(nb, l, v, get), get, container);
        });
  }
  IntegerRequantizeStage stage = IntegerRequantizeStage::plan(
      table, ctx, in, out, n, toMathRounding(mode));
  return applyElementwise(
      b, loc, opName, input, resultType, axis, n, table,
      [&](OpBuilder &nb, Location l, Value v, ConstantValues &get) {
        return stage.emit(nb, l, v, get, container);
      });
}

struct RequantizeLowering : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in = paramsOrFail(op.getInput().getType());
    FailureOr<QuantParams> out = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(in) || failed(out) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    rewriter.replaceOp(op,
                       emitRequantize(rewriter, op.getLoc(),
                                      op->getName().getStringRef(),
                                      adaptor.getInput(),
                                      *in, *out, resultType, op.getRounding()));
    return success();
  }
};

/// The generic of qnn.add and qnn.mul: one elementwise loop over the
/// result's shape reading both operands with NumPy broadcasting (a static
/// size 1 facing a larger result dimension is read at index 0; leading
/// result dimensions an operand lacks are not in its map). `body` computes
/// the result container from the two storage values.
Value emitBroadcastBinary(
    OpBuilder &b, Location loc, StringRef opName, Value lhs, Value rhs,
    RankedTensorType resultType, const ConstantTable &table,
    function_ref<Value(OpBuilder &, Location, Value, Value, ConstantValues &)>
        body) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  SmallVector<Value> operands{lhs, rhs};
  SmallVector<AffineMap> maps;
  for (Value v : operands) {
    auto type = cast<RankedTensorType>(v.getType());
    int64_t offset = rank - type.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      bool stretched =
          type.getDimSize(i) == 1 && resultType.getDimSize(offset + i) != 1;
      exprs.push_back(stretched ? getAffineConstantExpr(0, ctx)
                                : getAffineDimExpr(offset + i, ctx));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  // Dynamic result sizes from the first operand that is not stretched
  // there; every other operand that is not stretched must agree with it at
  // run time (a dynamic size is never broadcast).
  SmallVector<Value> dynamicDims;
  const char *roles[] = {"lhs", "rhs"};
  for (int64_t d = 0; d < rank; ++d) {
    Value reference;
    const char *referenceRole = nullptr;
    for (auto [v, map, role] : llvm::zip(operands, maps, roles)) {
      std::optional<unsigned> pos =
          map.getResultPosition(getAffineDimExpr(d, ctx));
      if (!pos)
        continue;
      if (!reference) {
        reference = linalg::createOrFoldDimOp(b, loc, v, *pos);
        referenceRole = role;
        continue;
      }
      emitSizeCheck(b, loc, linalg::createOrFoldDimOp(b, loc, v, *pos), SizeRelation::eq,
                    reference,
                    opName + ": result dimension " + Twine(d) + ": " + role +
                        " has size {0} but " + referenceRole + " has size {1}");
    }
    if (resultType.isDynamicDim(d))
      dynamicDims.push_back(reference);
  }
  Value init = tensor::EmptyOp::create(
      b, loc, resultType.getShape(), resultType.getElementType(), dynamicDims);
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, operands, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               ConstantValues get(nb, l, table, DenseMap<unsigned, Value>());
               linalg::YieldOp::create(nb, l,
                                       body(nb, l, args[0], args[1], get));
             })
      .getResult(0);
}

/// `acc / 2^k` rounded by an integer mode, as qmath::roundingShift.
Value emitRoundingShift(OpBuilder &b, Location loc, Value acc, int k,
                        qmath::Rounding mode) {
  IntegerType i64 = i64Type(b.getContext());
  auto c64 = [&](int64_t v) { return intConst(b, loc, i64, v); };
  auto nonNegative = [&](Value v) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v, c64(0));
  };
  if (mode == qmath::Rounding::HalfUp)
    return arith::ShRSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, acc, c64(int64_t(1) << (k - 1))),
        c64(k));
  if (mode == qmath::Rounding::HalfAway) {
    Value half = c64(int64_t(1) << (k - 1));
    Value up = arith::ShRSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, acc, half), c64(k));
    Value down = arith::SubIOp::create(
        b, loc, c64(0),
        arith::ShRSIOp::create(b, loc, arith::SubIOp::create(b, loc, half, acc),
                               c64(k)));
    return arith::SelectOp::create(b, loc, nonNegative(acc), up, down);
  }
  // double_round: SaturatingRoundingDoublingHighMul's nudge and truncating
  // division at bit min(k, 31), then RoundingDivideByPOT.
  int first = std::min(k, 31);
  int64_t h = int64_t(1) << (first - 1);
  Value nudge =
      arith::SelectOp::create(b, loc, nonNegative(acc), c64(h), c64(1 - h));
  Value high =
      arith::DivSIOp::create(b, loc, arith::AddIOp::create(b, loc, acc, nudge),
                             c64(int64_t(1) << first));
  int rest = k - first;
  if (rest == 0)
    return high;
  int64_t mask = (int64_t(1) << rest) - 1;
  Value negative = arith::ExtUIOp::create(
      b, loc, i64,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, high, c64(0)));
  Value threshold = arith::AddIOp::create(b, loc, c64(mask >> 1), negative);
  Value roundUp = arith::ExtUIOp::create(
      b, loc, i64,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                            arith::AndIOp::create(b, loc, high, c64(mask)),
                            threshold));
  return arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, high, c64(rest)), roundUp);
}

/// True when `type` holds a single element (every dimension 1, or rank 0).
bool isSingleElement(Type type) {
  auto shaped = cast<RankedTensorType>(type);
  return llvm::all_of(shaped.getShape(), [](int64_t d) { return d == 1; });
}

/// qnn.add flavour(onnx): ONNX Runtime's QLinearAdd as its AVX2 kernel
/// computes it, with the constants folded here:
///   r_a = f32(s_a / s_o), r_b = f32(s_b / s_o),
///   c = f32(z_o - fma(r_a, z_a, f32(r_b * z_b)))
///   t = fma(a, r_a, fma(b, r_b, c))
/// then rne(t) saturated (a t outside i32 converts to INT32_MIN, so qmin).
/// ONNX Runtime calls the kernel with a one-element operand as its `b`
/// (swapping the operands when it is the lhs) and folds that operand's term
/// into c with a multiply and an add.
Value emitOnnxRuntimeAdd(ConversionPatternRewriter &rewriter, AddOp op,
                         Value lhs, Value rhs, const QuantParams &lp,
                         const QuantParams &rp, const QuantParams &outp,
                         RankedTensorType resultType, ConstantTable &table) {
  MLIRContext *ctx = rewriter.getContext();
  IntegerType container = outp.getContainerType(ctx);
  const ChannelParams &a = lp.channels[0], &b = rp.channels[0],
                      &o = outp.channels[0];
  // The kernel's A and B: a one-element lhs is passed as B.
  bool swap = isSingleElement(op.getLhs().getType()) &&
              !isSingleElement(op.getRhs().getType());
  bool scalarB = swap || isSingleElement(op.getRhs().getType());
  const ChannelParams &ka = swap ? b : a, &kb = swap ? a : b;
  const QuantParams &pa = swap ? rp : lp, &pb = swap ? lp : rp;
  float ra = ka.scale / o.scale, rb = kb.scale / o.scale;
  float fixed = static_cast<float>(o.zeroPoint) -
                std::fmaf(ra, static_cast<float>(ka.zeroPoint),
                          rb * static_cast<float>(kb.zeroPoint));
  // Saturation: rne(t) within i32 is clamped to the result's range; the
  // conversion of anything else gives INT32_MIN, which saturates to qmin.
  auto body = [&, ra, rb, fixed](OpBuilder &nb, Location l, Value x, Value y,
                                 ConstantValues &) -> Value {
    Value va = swap ? y : x, vb = swap ? x : y;
    auto toFloat = [&](Value q, const QuantParams &p) -> Value {
      Value wide = extendStorage(nb, l, q, nb.getI32Type(), p);
      return arith::SIToFPOp::create(nb, l, nb.getF32Type(), wide);
    };
    Value fa = toFloat(va, pa), fb = toFloat(vb, pb);
    Value t;
    if (scalarB) {
      Value c = arith::AddFOp::create(
          nb, l, f32Const(nb, l, fixed),
          arith::MulFOp::create(nb, l, fb, f32Const(nb, l, rb)));
      t = math::FmaOp::create(nb, l, fa, f32Const(nb, l, ra), c);
    } else {
      Value c = math::FmaOp::create(nb, l, fb, f32Const(nb, l, rb),
                                    f32Const(nb, l, fixed));
      t = math::FmaOp::create(nb, l, fa, f32Const(nb, l, ra), c);
    }
    Value r = math::RoundEvenOp::create(nb, l, t);
    // In [-2^31, 2^31): clamp; else (or NaN) qmin.
    Value inRange = arith::AndIOp::create(
        nb, l,
        arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGE, r,
                              f32Const(nb, l, -2147483648.0f)),
        arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OLT, r,
                              f32Const(nb, l, 2147483648.0f)));
    Value lo = f32Const(nb, l, static_cast<float>(outp.qmin));
    Value hi = f32Const(nb, l, static_cast<float>(outp.qmax));
    Value c = arith::MaximumFOp::create(nb, l, r, lo);
    c = arith::MinimumFOp::create(nb, l, c, hi);
    c = arith::SelectOp::create(nb, l, inRange, c, lo);
    Value i = arith::FPToSIOp::create(nb, l, nb.getI32Type(), c);
    return arith::TruncIOp::create(nb, l, container, i).getResult();
  };
  return emitBroadcastBinary(rewriter, op.getLoc(),
                             op->getName().getStringRef(), lhs, rhs,
                             resultType, table, body);
}

/// qnn.add -> dequantize both, add, quantize (float mode), ONNX Runtime's
/// kernel (flavour(onnx)), or the exact fixed-point sum
/// m_a (a - z_a) + m_b (b - z_b) rounded once at shift k.
struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getLhs(), op.getRhs(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams &lp = types->lhs, &rp = types->rhs;
    QuantParams outp = clampedOutput(types->out, op);
    RankedTensorType resultType = types->resultType;
    MLIRContext *ctx = getContext();
    IntegerType container = outp.getContainerType(ctx);
    ConstantTable table;
    Value result;
    if (op.getFlavour() == Flavour::onnx) {
      result = emitOnnxRuntimeAdd(rewriter, op, adaptor.getLhs(),
                                  adaptor.getRhs(), lp, rp, outp, resultType,
                                  table);
    } else if (op.getRounding() == RoundingMode::float_) {
      DequantizeStage lhsStage = DequantizeStage::plan(table, ctx, lp, 1);
      DequantizeStage rhsStage = DequantizeStage::plan(table, ctx, rp, 1);
      // inf + -inf is NaN: the quantize stage must map it.
      QuantizeStage outStage = QuantizeStage::plan(
          table, ctx, outp, 1, qmath::QuantizeFlavour::PyTorch,
          /*mayBeNaN=*/true);
      result = emitBroadcastBinary(
          rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getLhs(), adaptor.getRhs(), resultType,
          table,
          [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &get) {
            Value sum = arith::AddFOp::create(b, l, lhsStage.emit(b, l, x, get),
                                              rhsStage.emit(b, l, y, get));
            return outStage.emit(b, l, sum, get, container);
          });
    } else {
      const ChannelParams &out = outp.channels[0];
      qmath::SumMultipliers m = qmath::sumMultipliers(
          qmath::requantizeMultiplier(lp.channels[0], out),
          qmath::requantizeMultiplier(rp.channels[0], out));
      qmath::Rounding mode = toMathRounding(op.getRounding());
      result = emitBroadcastBinary(
          rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getLhs(), adaptor.getRhs(), resultType,
          table,
          [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &) {
            IntegerType i64 = i64Type(ctx);
            auto term = [&](Value q, const QuantParams &p, int64_t mult) {
              Value centred = arith::SubIOp::create(
                  b, l, extendStorage(b, l, q, i64, p),
                  intConst(b, l, i64, p.channels[0].zeroPoint));
              return arith::MulIOp::create(b, l, centred,
                                           intConst(b, l, i64, mult))
                  .getResult();
            };
            Value acc = arith::AddIOp::create(b, l, term(x, lp, m.lhs),
                                              term(y, rp, m.rhs));
            Value q = arith::AddIOp::create(
                b, l, emitRoundingShift(b, l, acc, m.shift, mode),
                intConst(b, l, i64, out.zeroPoint));
            q = arith::MaxSIOp::create(b, l, q, intConst(b, l, i64, outp.qmin));
            q = arith::MinSIOp::create(b, l, q, intConst(b, l, i64, outp.qmax));
            return arith::TruncIOp::create(b, l, container, q).getResult();
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.mul -> the exact i32 product (a - z_a)(b - z_b) and the output stage
/// of a product (as qnn.matmul's epilogue).
struct MulLowering : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<OperandTypes> types = operandTypes(
        op.getLhs(), op.getRhs(), op.getResult(), getTypeConverter());
    if (failed(types))
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    const QuantParams &lp = types->lhs, &rp = types->rhs;
    QuantParams outp = clampedOutput(types->out, op);
    RankedTensorType resultType = types->resultType;
    MLIRContext *ctx = getContext();
    float sa = lp.channels[0].scale, sb = rp.channels[0].scale,
          so = outp.channels[0].scale;
    ConstantTable table;
    std::optional<QuantizeStage> floatStage;
    std::optional<IntegerRequantizeStage> intStage;
    if (op.getRounding() == RoundingMode::float_)
      floatStage = QuantizeStage::planWith(
          table, ctx, outp, qmath::QuantizeFlavour::PyTorch,
          {qmath::productMultiplierF32(sa, sb, so)}, /*mayBeNaN=*/false);
    else
      intStage = IntegerRequantizeStage::planWith(
          table, ctx, /*inputSigned=*/true, {0},
          {qmath::productMultiplier(sa, sb, so)}, outp,
          toMathRounding(op.getRounding()));
    IntegerType container = outp.getContainerType(ctx);
    Value result = emitBroadcastBinary(
        rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getLhs(), adaptor.getRhs(), resultType,
        table,
        [&](OpBuilder &b, Location l, Value x, Value y, ConstantValues &get) {
          IntegerType i32 = b.getI32Type();
          auto centred = [&](Value q, const QuantParams &p) {
            return arith::SubIOp::create(
                       b, l, extendStorage(b, l, q, i32, p),
                       intConst(b, l, i32, p.channels[0].zeroPoint))
                .getResult();
          };
          Value acc =
              arith::MulIOp::create(b, l, centred(x, lp), centred(y, rp));
          if (floatStage) {
            Value f = arith::SIToFPOp::create(b, l, b.getF32Type(), acc);
            return floatStage->emit(b, l, f, get, container);
          }
          return intStage->emit(b, l, acc, get, container);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The sizes qnn.concat's verifier matches when they are static, checked at
/// run time: every dimension but `dim` of each input against the result's
/// (or the first input's when the result's is dynamic), and the sum of the
/// inputs along `dim` against a static result size.
void emitConcatChecks(OpBuilder &b, Location loc, ValueRange inputs,
                      RankedTensorType resultType, int64_t dim) {
  for (int64_t d = 0; d < resultType.getRank(); ++d) {
    if (d == dim)
      continue;
    bool staticResult = !resultType.isDynamicDim(d);
    Value reference =
        staticResult
            ? Value(arith::ConstantIndexOp::create(b, loc,
                                                   resultType.getDimSize(d)))
            : linalg::createOrFoldDimOp(b, loc, inputs[0], d);
    for (auto [i, input] : llvm::enumerate(inputs)) {
      if (i == 0 && !staticResult)
        continue;
      emitSizeCheck(b, loc, linalg::createOrFoldDimOp(b, loc, input, d), SizeRelation::eq,
                    reference,
                    "qnn.concat: dimension " + Twine(d) + ": input #" +
                        Twine(i) + " has size {0} but " +
                        (staticResult ? "the result" : "input #0") +
                        " has size {1}");
    }
  }
  if (resultType.isDynamicDim(dim))
    return;
  Value total = arith::ConstantIndexOp::create(b, loc, 0);
  bool dynamic = false;
  for (Value input : inputs) {
    dynamic |= cast<RankedTensorType>(input.getType()).isDynamicDim(dim);
    total = arith::AddIOp::create(b, loc, total, linalg::createOrFoldDimOp(b, loc, input, dim));
  }
  if (dynamic)
    emitSizeCheck(b, loc, total, SizeRelation::eq, resultType.getDimSize(dim),
                  "qnn.concat: dimension " + Twine(dim) +
                      ": the inputs add up to {0} but the result has size "
                      "{1}");
}

/// qnn.concat -> the requantization of each input whose type differs from
/// the result's, then tensor.concat of the storage containers.
struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type converted = getTypeConverter()->convertType(resultType);
    FailureOr<QuantParams> out = paramsOrFail(resultType);
    if (!converted || failed(out))
      return failure();
    SmallVector<Value> parts;
    for (auto [input, convertedInput] :
         llvm::zip_equal(op.getInputs(), adaptor.getInputs())) {
      auto inputType = cast<RankedTensorType>(input.getType());
      if (inputType.getElementType() == resultType.getElementType()) {
        parts.push_back(convertedInput);
        continue;
      }
      FailureOr<QuantParams> in = paramsOrFail(inputType);
      if (failed(in))
        return failure();
      Type partType = getTypeConverter()->convertType(RankedTensorType::get(
          inputType.getShape(), resultType.getElementType()));
      parts.push_back(emitRequantize(rewriter, op.getLoc(),
                                     op->getName().getStringRef(),
                                     convertedInput, *in,
                                     *out, partType, op.getRounding()));
    }
    emitConcatChecks(rewriter, op.getLoc(), parts,
                     cast<RankedTensorType>(converted), op.getDim());
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, converted, op.getDim(),
                                                  parts);
    return success();
  }
};

/// qnn.clamp -> an integer max and min with the bounds quantized at compile
/// time (per channel for per-axis types), signed or unsigned by storage.
struct ClampLowering : OpConversionPattern<ClampOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return rewriter.notifyMatchFailure(op, "unsupported quantized type");
    auto toFloat = [](std::optional<APFloat> v) -> std::optional<float> {
      if (!v)
        return std::nullopt;
      return v->convertToFloat();
    };
    auto bounds =
        clampBounds(*params, toFloat(op.getMin()), toFloat(op.getMax()));
    auto [axis, n] = channelLayout({&*params});
    IntegerType container = params->getContainerType(getContext());
    SmallVector<int64_t> lows, highs;
    for (auto [lo, hi] : bounds) {
      lows.push_back(lo);
      highs.push_back(hi);
    }
    ConstantTable table;
    ConstantTable::Handle lo = table.addInt(container, lows);
    ConstantTable::Handle hi = table.addInt(container, highs);
    bool isSigned = params->isSigned;
    Value result = applyElementwise(
        rewriter, op.getLoc(), op->getName().getStringRef(), adaptor.getInput(),
        resultType, axis, n, table,
        [&](OpBuilder &b, Location loc, Value q, ConstantValues &get) -> Value {
          if (isSigned)
            return arith::MinSIOp::create(
                b, loc, arith::MaxSIOp::create(b, loc, q, get(lo)), get(hi));
          return arith::MinUIOp::create(
              b, loc, arith::MaxUIOp::create(b, loc, q, get(lo)), get(hi));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.storage_cast -> nothing (same container), or the extension /
/// truncation between a 4-bit value's i8 container and i4.
struct StorageCastLowering : OpConversionPattern<StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (!resultType)
      return failure();
    Value input = adaptor.getInput();
    if (input.getType() == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    bool toQuantized =
        isa<quant::QuantizedType>(getElementTypeOrSelf(op.getType()));
    FailureOr<QuantParams> params =
        paramsOrFail(toQuantized ? op.getType() : op.getInput().getType());
    if (failed(params))
      return failure();
    Location loc = op.getLoc();
    Value result;
    if (!toQuantized)
      result = arith::TruncIOp::create(rewriter, loc, resultType, input);
    else if (params->isSigned)
      result = arith::ExtSIOp::create(rewriter, loc, resultType, input);
    else
      result = arith::ExtUIOp::create(rewriter, loc, resultType, input);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.constant -> arith.constant of the signless container type.
struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> params = paramsOrFail(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (failed(params) || !resultType)
      return failure();
    IntegerType container = params->getContainerType(getContext());
    auto convert = [&](const APInt &v) {
      return params->isSigned ? v.sextOrTrunc(container.getWidth())
                              : v.zextOrTrunc(container.getWidth());
    };
    TypedAttr value;
    auto dense = dyn_cast<DenseIntElementsAttr>(op.getValue());
    if (dense && dense.isSplat()) {
      // A splat stays a splat, whatever its element count.
      value = DenseElementsAttr::get(cast<ShapedType>(resultType),
                                     convert(dense.getSplatValue<APInt>()));
    } else if (dense) {
      SmallVector<APInt> values;
      for (APInt v : dense.getValues<APInt>())
        values.push_back(convert(v));
      value = DenseElementsAttr::get(cast<ShapedType>(resultType), values);
    } else {
      value = IntegerAttr::get(
          container, convert(cast<IntegerAttr>(op.getValue()).getValue()));
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, resultType, value);
    return success();
  }
};

} // namespace

void mlir::qnn::populateQNNToLinalgElementwiseConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, RequantizeLowering,
               AddLowering, MulLowering, ClampLowering, ConcatLowering,
               StorageCastLowering, ConstantLowering>(converter,
                                                      patterns.getContext());
}
