//===- QuantMath.h - Scalar reference of the numeric contract ---*- C++ -*-===//
//
// Scalar implementations of docs/Semantics.md. Folders use them to compute
// constants, the lowering uses them to derive compile-time parameters
// (fixed-point multipliers and shifts), and the unit tests pin them to the
// published reference values. Generated code must agree with them bit for
// bit; the execution and conformance tests check that it does.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_SUPPORT_QUANTMATH_H
#define QUANT_SUPPORT_QUANTMATH_H

#include <cstdint>

namespace qmath {

/// How quantize divides by the scale.
enum class QuantizeFlavour { PyTorch, Onnx };

/// How requantization rounds. Values match mlir::qnn::RoundingMode.
enum class Rounding { Float, DoubleRound, HalfUp, HalfAway };

/// Quantization parameters of one channel, already validated: `scale` is the
/// float32 scale (positive, normal, finite) and `qmin <= zeroPoint <= qmax`.
struct ChannelParams {
  float scale;
  int64_t zeroPoint;
  int64_t qmin;
  int64_t qmax;
};

/// q = clamp(f32(z + rne(f32(x * f32(1/s)))), qmin, qmax); NaN -> z.
/// The ONNX flavour uses f32(x / s) instead of the reciprocal.
int64_t quantizeValue(float x, const ChannelParams &p,
                      QuantizeFlavour flavour = QuantizeFlavour::PyTorch);

/// x = f32(f32(q - z) * s), with the subtraction exact in 64 bits.
float dequantizeValue(int64_t q, const ChannelParams &p);

/// A real multiplier M as TFLite's QuantizeMultiplier represents it:
/// M = multiplier * 2^(exponent - 31) with multiplier in [2^30, 2^31).
/// `isZero` is set when M < 2^-31, where every integer mode yields r = 0.
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int exponent = 0;
  bool isZero = true;

  /// The shift amount k = 31 - exponent of the single-rounding modes.
  int rightShift() const { return 31 - exponent; }
};

/// Largest multiplier the integer modes accept (exclusive): beyond it the
/// single-rounding shift k = 31 - e would not be positive.
constexpr double kMaxIntegerMultiplier = 1073741824.0; // 2^30

/// frexp(M) = f * 2^e, m = round(f * 2^31) with halves away from zero,
/// m == 2^31 -> (2^30, e + 1). Requires 0 <= M < kMaxIntegerMultiplier.
FixedPointMultiplier quantizeMultiplier(double realMultiplier);

/// gemmlowp's SaturatingRoundingDoublingHighMul.
int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);

/// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties
/// away from zero. 0 <= exponent <= 31.
int32_t roundingDivideByPOT(int32_t x, int exponent);

/// The rounded, unclamped r of an integer mode for the accumulator `a`
/// (which must fit in int32). For `double_round` the left shift of `a` is
/// saturated to int32, which is where TFLite's own code would overflow.
int64_t multiplyByFixedPoint(int64_t a, const FixedPointMultiplier &m,
                             Rounding mode);

/// The real multiplier of a requantization: s_in / s_out in double, from
/// the float32 scales (as TFLite derives it from float32 model scales).
double requantizeMultiplier(const ChannelParams &in, const ChannelParams &out);

/// The real multiplier of a product's output stage, s_a * s_w / s_out in
/// double from the float32 scales (integer modes).
double productMultiplier(float lhsScale, float rhsScale, float outScale);

/// The float32 multiplier of a product's `float` output stage:
/// f32(f32(s_a * s_w) / s_out).
float productMultiplierF32(float lhsScale, float rhsScale, float outScale);

/// The real multiplier of an average of `divisor` values:
/// s_in / s_out / divisor in double (integer modes).
double averageMultiplier(float inScale, float outScale, int64_t divisor);

/// The float32 multiplier of an average's `float` output stage:
/// f32(f32(s_in / s_out) / divisor), which is f32(1 / divisor) when the
/// scales are equal (as PyTorch multiplies).
float averageMultiplierF32(float inScale, float outScale, int64_t divisor);

/// The output stage of a product for the exact accumulator `acc` (which
/// must fit in int32): r by the mode, then clamp(z_out + r, qmin, qmax).
int64_t requantizeAccumulator(int64_t acc, float lhsScale, float rhsScale,
                              const ChannelParams &out, Rounding mode);

/// qnn.add's integer form of its two real multipliers M_a = s_a / s_out and
/// M_b = s_b / s_out: one shift k and integers m_a, m_b with M ~ m / 2^k,
/// where the larger multiplier is its QuantizeMultiplier (31 significant
/// bits) and the other is rounded (halves away from zero) at the same
/// shift. All zero when the larger multiplier is below 2^-31. Requires
/// 0 <= M < kMaxIntegerMultiplier.
struct SumMultipliers {
  int64_t lhs = 0, rhs = 0;
  int shift = 1;
};
SumMultipliers sumMultipliers(double lhsMultiplier, double rhsMultiplier);

/// acc / 2^k rounded once by an integer mode, 1 <= k <= 62: `half_up`
/// (ties toward +inf), `half_away`, or `double_round`, which rounds as
/// SaturatingRoundingDoublingHighMul does at bit min(k, 31) and then as
/// RoundingDivideByPOT for the remaining k - 31 bits (the two steps of
/// requantize's double_round).
int64_t roundingShift(int64_t acc, int k, Rounding mode);

/// qnn.add of two storage values in an integer mode:
/// clamp(z_out + roundingShift(m_a (a - z_a) + m_b (b - z_b), k)).
int64_t addValues(int64_t a, const ChannelParams &lhs, int64_t b,
                  const ChannelParams &rhs, const ChannelParams &out,
                  int64_t qmin, int64_t qmax, Rounding mode);

/// Requantizes one storage value in the given mode.
int64_t requantizeValue(int64_t q, const ChannelParams &in,
                        const ChannelParams &out, Rounding mode);

} // namespace qmath

#endif // QUANT_SUPPORT_QUANTMATH_H
