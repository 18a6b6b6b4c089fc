//===- QuantMath.cpp - Scalar reference of the numeric contract -----------===//
//
// Right shifts of negative values below are arithmetic: implementation-
// defined in C++17 but arithmetic on every compiler the project supports
// (and defined so in C++20), as gemmlowp and TFLite also assume.
//
//===----------------------------------------------------------------------===//

#include "quant/Support/QuantMath.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace qmath {

namespace {
// volatile-free float32 rounding: every intermediate is stored in a float,
// and the project is built without -ffast-math and with SSE math on x86-64,
// so each expression below rounds exactly once to float32.
float roundToNearestEven(float v) { return std::nearbyint(v); }

int64_t saturate(float v, const ChannelParams &p, QuantizeFlavour flavour) {
  // NaN: the zero point in PyTorch's flavour (our definition; PyTorch leaves
  // it undefined), qmin in ONNX Runtime's (what its kernels give).
  if (std::isnan(v))
    return flavour == QuantizeFlavour::PyTorch ? p.zeroPoint : p.qmin;
  // Compare in double: qmin/qmax (up to 2^32 - 1) are exact there, and v is
  // an integral float, so the comparisons decide saturation exactly.
  double d = v;
  if (d <= static_cast<double>(p.qmin))
    return p.qmin;
  if (d >= static_cast<double>(p.qmax))
    return p.qmax;
  return static_cast<int64_t>(d);
}
} // namespace

int64_t quantizeValue(float x, const ChannelParams &p,
                      QuantizeFlavour flavour) {
  float scaled;
  if (flavour == QuantizeFlavour::PyTorch) {
    float inv = 1.0f / p.scale;
    scaled = x * inv;
  } else {
    scaled = x / p.scale;
  }
  float t = roundToNearestEven(scaled);
  float v = static_cast<float>(p.zeroPoint) + t;
  return saturate(v, p, flavour);
}

float dequantizeValue(int64_t q, const ChannelParams &p) {
  float diff = static_cast<float>(q - p.zeroPoint);
  return diff * p.scale;
}

FixedPointMultiplier quantizeMultiplier(double realMultiplier) {
  assert(realMultiplier >= 0.0 && realMultiplier < kMaxIntegerMultiplier &&
         "multiplier out of the supported range");
  FixedPointMultiplier result;
  // The contract defines r = 0 for M < 2^-31 (TFLite flushes only below
  // 2^-32; for |a| < 2^30 the results agree).
  if (!(realMultiplier >= 0x1p-31))
    return result;
  int exponent = 0;
  double fraction = std::frexp(realMultiplier, &exponent);
  // std::round rounds halves away from zero, as TFLite's TfLiteRound does.
  int64_t m = static_cast<int64_t>(std::round(fraction * 0x1p31));
  if (m == (int64_t(1) << 31)) {
    m /= 2;
    ++exponent;
  }
  result.multiplier = static_cast<int32_t>(m);
  result.exponent = exponent;
  result.isZero = false;
  return result;
}

int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  int64_t nudge = ab >= 0 ? (int64_t(1) << 30) : (1 - (int64_t(1) << 30));
  // C++ division truncates toward zero, as gemmlowp relies on.
  return static_cast<int32_t>((ab + nudge) / (int64_t(1) << 31));
}

int32_t roundingDivideByPOT(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  int32_t mask = static_cast<int32_t>((int64_t(1) << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int64_t multiplyByFixedPoint(int64_t a, const FixedPointMultiplier &m,
                             Rounding mode) {
  assert(a >= std::numeric_limits<int32_t>::min() &&
         a <= std::numeric_limits<int32_t>::max() && "accumulator not i32");
  if (m.isZero)
    return 0;
  switch (mode) {
  case Rounding::DoubleRound: {
    int left = std::max(m.exponent, 0);
    int right = std::max(-m.exponent, 0);
    int64_t shifted = a * (int64_t(1) << left);
    shifted = std::clamp<int64_t>(shifted, std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max());
    int32_t high = saturatingRoundingDoublingHighMul(
        static_cast<int32_t>(shifted), m.multiplier);
    return roundingDivideByPOT(high, right);
  }
  case Rounding::HalfUp: {
    int k = m.rightShift();
    int64_t p = a * static_cast<int64_t>(m.multiplier);
    return (p + (int64_t(1) << (k - 1))) >> k;
  }
  case Rounding::HalfAway: {
    int k = m.rightShift();
    int64_t p = a * static_cast<int64_t>(m.multiplier);
    int64_t half = int64_t(1) << (k - 1);
    return p >= 0 ? (p + half) >> k : -((-p + half) >> k);
  }
  case Rounding::Float:
    break;
  }
  assert(false && "not an integer rounding mode");
  return 0;
}

double averageMultiplier(float inScale, float outScale, int64_t divisor) {
  return static_cast<double>(inScale) / static_cast<double>(outScale) /
         static_cast<double>(divisor);
}

float averageMultiplierF32(float inScale, float outScale, int64_t divisor) {
  float ratio = inScale / outScale;
  return ratio / static_cast<float>(divisor);
}

SumMultipliers sumMultipliers(double lhsMultiplier, double rhsMultiplier) {
  FixedPointMultiplier fp =
      quantizeMultiplier(std::max(lhsMultiplier, rhsMultiplier));
  if (fp.isZero)
    return {};
  int k = fp.rightShift();
  auto fixed = [&](double m) {
    return static_cast<int64_t>(std::round(std::ldexp(m, k)));
  };
  return {fixed(lhsMultiplier), fixed(rhsMultiplier), k};
}

int64_t roundingShift(int64_t acc, int k, Rounding mode) {
  assert(k >= 1 && k <= 62 && "shift out of range");
  int64_t half = int64_t(1) << (k - 1);
  switch (mode) {
  case Rounding::HalfUp:
    return (acc + half) >> k;
  case Rounding::HalfAway:
    return acc >= 0 ? (acc + half) >> k : -((half - acc) >> k);
  case Rounding::DoubleRound: {
    // SaturatingRoundingDoublingHighMul's nudge and truncating division,
    // at bit min(k, 31); then RoundingDivideByPOT.
    int first = std::min(k, 31);
    int64_t h = int64_t(1) << (first - 1);
    int64_t high = (acc + (acc >= 0 ? h : 1 - h)) / (int64_t(1) << first);
    int rest = k - first;
    if (rest == 0)
      return high;
    int64_t mask = (int64_t(1) << rest) - 1;
    int64_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
    return (high >> rest) + ((high & mask) > threshold ? 1 : 0);
  }
  case Rounding::Float:
    break;
  }
  assert(false && "not an integer rounding mode");
  return 0;
}

int64_t addValues(int64_t a, const ChannelParams &lhs, int64_t b,
                  const ChannelParams &rhs, const ChannelParams &out,
                  int64_t qmin, int64_t qmax, Rounding mode) {
  SumMultipliers m = sumMultipliers(requantizeMultiplier(lhs, out),
                                    requantizeMultiplier(rhs, out));
  int64_t acc = m.lhs * (a - lhs.zeroPoint) + m.rhs * (b - rhs.zeroPoint);
  return std::clamp(out.zeroPoint + roundingShift(acc, m.shift, mode), qmin,
                    qmax);
}

double requantizeMultiplier(const ChannelParams &in, const ChannelParams &out) {
  return static_cast<double>(in.scale) / static_cast<double>(out.scale);
}

double productMultiplier(float lhsScale, float rhsScale, float outScale) {
  return static_cast<double>(lhsScale) * static_cast<double>(rhsScale) /
         static_cast<double>(outScale);
}

float productMultiplierF32(float lhsScale, float rhsScale, float outScale) {
  float product = lhsScale * rhsScale;
  return product / outScale;
}

int64_t requantizeAccumulator(int64_t acc, float lhsScale, float rhsScale,
                              const ChannelParams &out, Rounding mode) {
  if (mode == Rounding::Float) {
    // r = rne(f32(f32(acc) * M32)); q = clamp(z_out + r) with an exact
    // integer add (in double: exact wherever it does not saturate).
    float p = static_cast<float>(acc) *
              productMultiplierF32(lhsScale, rhsScale, out.scale);
    double v = static_cast<double>(out.zeroPoint) + std::nearbyint(p);
    if (v <= static_cast<double>(out.qmin))
      return out.qmin;
    if (v >= static_cast<double>(out.qmax))
      return out.qmax;
    return static_cast<int64_t>(v);
  }
  FixedPointMultiplier m =
      quantizeMultiplier(productMultiplier(lhsScale, rhsScale, out.scale));
  int64_t r = multiplyByFixedPoint(acc, m, mode);
  return std::clamp<int64_t>(out.zeroPoint + r, out.qmin, out.qmax);
}

int64_t requantizeValue(int64_t q, const ChannelParams &in,
                        const ChannelParams &out, Rounding mode) {
  if (mode == Rounding::Float)
    return quantizeValue(dequantizeValue(q, in), out, QuantizeFlavour::PyTorch);
  FixedPointMultiplier m = quantizeMultiplier(requantizeMultiplier(in, out));
  int64_t r = multiplyByFixedPoint(q - in.zeroPoint, m, mode);
  return std::clamp<int64_t>(out.zeroPoint + r, out.qmin, out.qmax);
}

} // namespace qmath
