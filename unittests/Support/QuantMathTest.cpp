//===- QuantMathTest.cpp - Unit tests of the scalar contract --------------===//
//
// Expected values are worked out by hand from docs/Semantics.md (and, for
// the fixed-point helpers, from gemmlowp's and TFLite's published
// definitions), not taken from the code under test.
//
//===----------------------------------------------------------------------===//

#include "quant/Support/QuantMath.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace qmath;

namespace {

const ChannelParams kSeed{0.1f, 10, 0, 255}; // u8, scale 0.1, zero point 10
const ChannelParams kI8{0.5f, -3, -128, 127};

TEST(QuantizeValue, SeedExample) {
  EXPECT_EQ(quantizeValue(100.0f, kSeed), 255); // saturates
  EXPECT_EQ(quantizeValue(1.0f, kSeed), 20);
  EXPECT_EQ(quantizeValue(2.0f, kSeed), 30);
}

TEST(QuantizeValue, SpecialValues) {
  EXPECT_EQ(quantizeValue(std::nanf(""), kSeed), 10);
  EXPECT_EQ(quantizeValue(INFINITY, kSeed), 255);
  EXPECT_EQ(quantizeValue(-INFINITY, kSeed), 0);
  EXPECT_EQ(quantizeValue(3.4e38f, kI8), 127);
  EXPECT_EQ(quantizeValue(-3.4e38f, kI8), -128);
  EXPECT_EQ(quantizeValue(-0.0f, kI8), -3);
}

TEST(QuantizeValue, NaNInTheOnnxFlavourIsQmin) {
  EXPECT_EQ(quantizeValue(std::nanf(""), kSeed, QuantizeFlavour::Onnx), 0);
  EXPECT_EQ(quantizeValue(-std::nanf(""), kI8, QuantizeFlavour::Onnx), -128);
  EXPECT_EQ(quantizeValue(std::nanf(""), kI8, QuantizeFlavour::PyTorch), -3);
}

TEST(QuantizeValue, TiesToEven) {
  // 0.25 / 0.5 = 0.5 -> 0, 0.75 / 0.5 = 1.5 -> 2, -0.25 / 0.5 -> -0.
  EXPECT_EQ(quantizeValue(0.25f, kI8), -3);
  EXPECT_EQ(quantizeValue(0.75f, kI8), -1);
  EXPECT_EQ(quantizeValue(-0.25f, kI8), -3);
  EXPECT_EQ(quantizeValue(-0.75f, kI8), -5);
}

TEST(QuantizeValue, FlavoursDiffer) {
  // 54.15f * f32(1 / 0.1f) rounds to 541.5 exactly in float32 (-> 542),
  // while 54.15f / 0.1f is just below 541.5 (-> 541).
  const ChannelParams p{0.1f, 0, -32768, 32767};
  float x = 54.14999771118164f;
  EXPECT_EQ(quantizeValue(x, p, QuantizeFlavour::PyTorch), 542);
  EXPECT_EQ(quantizeValue(x, p, QuantizeFlavour::Onnx), 541);
}

TEST(QuantizeValue, Int32SaturatesExactly) {
  const ChannelParams p{1.0f, 0, std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max()};
  EXPECT_EQ(quantizeValue(2147483648.0f, p), 2147483647);
  EXPECT_EQ(quantizeValue(2147483520.0f, p), 2147483520);
  EXPECT_EQ(quantizeValue(-2147483648.0f, p), -2147483648LL);
  EXPECT_EQ(quantizeValue(-3.0e9f, p), -2147483648LL);
}

TEST(QuantizeValue, ZeroPointAddedInFloat32) {
  // PyTorch adds zero_point + Round(...) in float: 2^24 + 1 becomes 2^24.
  const ChannelParams p{1.0f, 16777217, std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max()};
  EXPECT_EQ(quantizeValue(1.0f, p), 16777216);
  EXPECT_EQ(quantizeValue(std::nanf(""), p), 16777217); // NaN: exactly z
}

TEST(DequantizeValue, SeedExample) {
  EXPECT_EQ(dequantizeValue(255, kSeed), 24.5f);
  EXPECT_EQ(dequantizeValue(20, kSeed), 1.0f);
  EXPECT_EQ(dequantizeValue(30, kSeed), 2.0f);
}

TEST(DequantizeValue, OneRoundingNotFma) {
  // f32(7) * 0.1f rounds once to 0.699999988; an FMA of q * s - z * s
  // would give 0.700000048.
  EXPECT_EQ(dequantizeValue(17, kSeed), 0.699999988f);
}

TEST(QuantizeMultiplier, Representation) {
  FixedPointMultiplier half = quantizeMultiplier(0.5);
  EXPECT_FALSE(half.isZero);
  EXPECT_EQ(half.multiplier, 1 << 30);
  EXPECT_EQ(half.exponent, 0);

  FixedPointMultiplier one = quantizeMultiplier(1.0);
  EXPECT_EQ(one.multiplier, 1 << 30);
  EXPECT_EQ(one.exponent, 1);

  FixedPointMultiplier threeQuarters = quantizeMultiplier(0.75);
  EXPECT_EQ(threeQuarters.multiplier, 1610612736);
  EXPECT_EQ(threeQuarters.exponent, 0);
  EXPECT_EQ(threeQuarters.rightShift(), 31);
}

TEST(QuantizeMultiplier, RoundsUpToNextPowerOfTwo) {
  // frexp gives 1 - 2^-40 as fraction; times 2^31 it rounds to 2^31, which
  // is renormalized to 2^30 with the exponent one higher.
  FixedPointMultiplier m = quantizeMultiplier(1.0 - std::ldexp(1.0, -40));
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.exponent, 1);
}

TEST(QuantizeMultiplier, TinyIsZero) {
  EXPECT_TRUE(quantizeMultiplier(std::ldexp(1.0, -32)).isZero);
  EXPECT_TRUE(quantizeMultiplier(0.0).isZero);
  EXPECT_FALSE(quantizeMultiplier(std::ldexp(1.0, -31)).isZero);
}

TEST(Gemmlowp, SaturatingRoundingDoublingHighMul) {
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
  EXPECT_EQ(
      saturatingRoundingDoublingHighMul(std::numeric_limits<int32_t>::min(),
                                        std::numeric_limits<int32_t>::min()),
      std::numeric_limits<int32_t>::max());
  // (-2^30 + 1 - 2^30) / 2^31 truncates toward zero.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);
  // 3 * 2^30 / 2^31 = 1.5 -> 2 but -1.5 -> -1: with the nudge 1 - 2^30 and
  // truncating division, negative halves round toward zero (half up).
  EXPECT_EQ(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-5, 1 << 30), -2);
}

TEST(Gemmlowp, RoundingDivideByPOT) {
  EXPECT_EQ(roundingDivideByPOT(5, 1), 3);   // 2.5 -> 3
  EXPECT_EQ(roundingDivideByPOT(-5, 1), -3); // -2.5 -> -3
  EXPECT_EQ(roundingDivideByPOT(4, 1), 2);
  EXPECT_EQ(roundingDivideByPOT(7, 2), 2);   // 1.75
  EXPECT_EQ(roundingDivideByPOT(-6, 2), -2); // -1.5 -> -2
  EXPECT_EQ(roundingDivideByPOT(-5, 2), -1); // -1.25
  EXPECT_EQ(roundingDivideByPOT(123, 0), 123);
}

TEST(MultiplyByFixedPoint, TieModesDifferOnNegatives) {
  FixedPointMultiplier half = quantizeMultiplier(0.5);
  // a = -1: -0.5 is a tie. With no right shift, double_round is the high
  // multiply alone, which rounds negative halves up.
  EXPECT_EQ(multiplyByFixedPoint(-1, half, Rounding::HalfUp), 0);
  EXPECT_EQ(multiplyByFixedPoint(-1, half, Rounding::HalfAway), -1);
  EXPECT_EQ(multiplyByFixedPoint(-1, half, Rounding::DoubleRound), 0);
  // a = 3: 1.5 -> 2 in all three.
  EXPECT_EQ(multiplyByFixedPoint(3, half, Rounding::HalfUp), 2);
  EXPECT_EQ(multiplyByFixedPoint(3, half, Rounding::HalfAway), 2);
  EXPECT_EQ(multiplyByFixedPoint(3, half, Rounding::DoubleRound), 2);
}

TEST(MultiplyByFixedPoint, RoundingDivideByPOTRoundsHalfAway) {
  // M = 0.25: the high multiply is exact (a / 2), then the division by 2
  // rounds halves away from zero: -6 * 0.25 = -1.5 -> -2.
  FixedPointMultiplier quarter = quantizeMultiplier(0.25);
  EXPECT_EQ(quarter.exponent, -1);
  EXPECT_EQ(multiplyByFixedPoint(-6, quarter, Rounding::DoubleRound), -2);
  EXPECT_EQ(multiplyByFixedPoint(-6, quarter, Rounding::HalfUp), -1);
  EXPECT_EQ(multiplyByFixedPoint(-6, quarter, Rounding::HalfAway), -2);
}

TEST(MultiplyByFixedPoint, DoubleRoundingOfGemmlowp) {
  // M = 3/7 (from float32 scales 0.3 and 0.7): a = -10 is -4.2857, which
  // gemmlowp rounds twice: -8.57 -> -9, then -9 / 2 = -4.5 -> -5.
  FixedPointMultiplier m = quantizeMultiplier(double(0.3f) / double(0.7f));
  EXPECT_EQ(multiplyByFixedPoint(-10, m, Rounding::DoubleRound), -5);
  EXPECT_EQ(multiplyByFixedPoint(-10, m, Rounding::HalfUp), -4);
}

TEST(MultiplyByFixedPoint, LeftShiftSaturates) {
  // M = 4: a << 2 would overflow int32 and saturates instead.
  FixedPointMultiplier m = quantizeMultiplier(4.0);
  EXPECT_EQ(m.exponent, 3);
  EXPECT_EQ(multiplyByFixedPoint(1 << 29, m, Rounding::DoubleRound),
            std::numeric_limits<int32_t>::max() / 2 + 1);
}

TEST(RequantizeValue, AllModes) {
  const ChannelParams in{0.5f, 0, -128, 127};
  const ChannelParams out{1.0f, 0, -128, 127};
  // a = -3: -1.5.
  EXPECT_EQ(requantizeValue(-3, in, out, Rounding::Float), -2); // to even
  EXPECT_EQ(requantizeValue(-3, in, out, Rounding::DoubleRound), -1);
  EXPECT_EQ(requantizeValue(-3, in, out, Rounding::HalfUp), -1);
  EXPECT_EQ(requantizeValue(-3, in, out, Rounding::HalfAway), -2);
  // a = -5: -2.5.
  EXPECT_EQ(requantizeValue(-5, in, out, Rounding::Float), -2);
  EXPECT_EQ(requantizeValue(-5, in, out, Rounding::HalfUp), -2);
  EXPECT_EQ(requantizeValue(-5, in, out, Rounding::HalfAway), -3);
}

TEST(RequantizeValue, ClampsToOutputRange) {
  const ChannelParams in{1.0f, 0, -128, 127};
  const ChannelParams out{0.25f, 7, 0, 255};
  EXPECT_EQ(requantizeValue(127, in, out, Rounding::HalfUp), 255);
  EXPECT_EQ(requantizeValue(-128, in, out, Rounding::DoubleRound), 0);
  EXPECT_EQ(requantizeValue(-1, in, out, Rounding::Float), 3);
}

} // namespace

namespace {

TEST(ProductOutputStage, Multipliers) {
  // s_a * s_w / s_out = 0.5 * 0.25 / 0.5.
  EXPECT_EQ(productMultiplier(0.5f, 0.25f, 0.5f), 0.25);
  EXPECT_EQ(productMultiplierF32(0.5f, 0.25f, 0.5f), 0.25f);
  // f32(f32(0.05 * 0.01) / 0.2) rounds twice in float32.
  float m32 = productMultiplierF32(0.05f, 0.01f, 0.2f);
  float product = 0.05f * 0.01f;
  EXPECT_EQ(m32, product / 0.2f);
}

TEST(ProductOutputStage, TiesByMode) {
  const ChannelParams out{0.5f, 0, -128, 127};
  // acc * M with M = 0.25 / 0.5 = 0.5: acc = -3 is the tie -1.5.
  EXPECT_EQ(requantizeAccumulator(-3, 0.5f, 0.5f, out, Rounding::Float), -2);
  EXPECT_EQ(requantizeAccumulator(-3, 0.5f, 0.5f, out, Rounding::DoubleRound),
            -1);
  EXPECT_EQ(requantizeAccumulator(-3, 0.5f, 0.5f, out, Rounding::HalfUp), -1);
  EXPECT_EQ(requantizeAccumulator(-3, 0.5f, 0.5f, out, Rounding::HalfAway), -2);
}

TEST(ProductOutputStage, ZeroPointAndSaturation) {
  const ChannelParams out{0.25f, 100, 0, 255};
  // M = 1: acc = 200 -> 100 + 200 saturates at 255; -150 -> 0.
  EXPECT_EQ(requantizeAccumulator(200, 0.5f, 0.5f, out, Rounding::Float), 255);
  EXPECT_EQ(requantizeAccumulator(-150, 0.5f, 0.5f, out, Rounding::HalfUp), 0);
  EXPECT_EQ(requantizeAccumulator(7, 0.5f, 0.5f, out, Rounding::DoubleRound),
            107);
}

TEST(SumMultipliers, CommonShift) {
  // 0.5 = 0.5 * 2^0: m = 2^30, k = 31; 0.25 rounds to 2^29 at that shift.
  SumMultipliers m = sumMultipliers(0.25, 0.5);
  EXPECT_EQ(m.shift, 31);
  EXPECT_EQ(m.lhs, int64_t(1) << 29);
  EXPECT_EQ(m.rhs, int64_t(1) << 30);
  // M >= 1 lowers the shift: 3 = 0.75 * 2^2, k = 29.
  m = sumMultipliers(3.0, 1.0);
  EXPECT_EQ(m.shift, 29);
  EXPECT_EQ(m.lhs, 3 * (int64_t(1) << 29));
  EXPECT_EQ(m.rhs, int64_t(1) << 29);
  // Both below 2^-31: zero.
  m = sumMultipliers(1e-12, 1e-13);
  EXPECT_EQ(m.lhs, 0);
  EXPECT_EQ(m.rhs, 0);
}

TEST(RoundingShift, TiesByMode) {
  // -3 / 2 = -1.5 and 3 / 2 = 1.5.
  EXPECT_EQ(roundingShift(-3, 1, Rounding::HalfUp), -1);
  EXPECT_EQ(roundingShift(-3, 1, Rounding::HalfAway), -2);
  EXPECT_EQ(roundingShift(3, 1, Rounding::HalfAway), 2);
  // double_round rounds negative ties at bit k <= 31 toward +inf, as
  // SaturatingRoundingDoublingHighMul does.
  EXPECT_EQ(roundingShift(-3, 1, Rounding::DoubleRound), -1);
  EXPECT_EQ(roundingShift(3, 1, Rounding::DoubleRound), 2);
  // k = 33: (2^31 * 5 + 2^30) rounds to 5.5 -> 6 at bit 31, then 6 / 4 =
  // 1.5 rounds away from zero to 2; rounding once would give 1.
  int64_t acc = (int64_t(5) << 31) + (int64_t(1) << 30);
  EXPECT_EQ(roundingShift(acc, 33, Rounding::DoubleRound), 2);
  EXPECT_EQ(roundingShift(acc, 33, Rounding::HalfUp), 1);
}

TEST(AddValues, MatchesRequantizeWhenOneSideIsZero) {
  const ChannelParams a{0.05f, 128, 0, 255}, b{0.1f, 3, 0, 255},
      out{0.2f, 10, 0, 255};
  for (Rounding mode :
       {Rounding::DoubleRound, Rounding::HalfUp, Rounding::HalfAway})
    for (int64_t q = 0; q < 256; ++q)
      EXPECT_EQ(addValues(3, b, q, b, out, 0, 255, mode),
                requantizeValue(q, b, out, mode))
          << q;
  // (0.05 * (255 - 128) + 0.1 * (255 - 3)) / 0.2 = 157.75 -> 158, + 10.
  EXPECT_EQ(addValues(255, a, 255, b, out, 0, 255, Rounding::HalfUp), 168);
  // -(0.05 * 128 + 0.1 * 3) / 0.2 = -33.5 -> -33 (half_up), + 10.
  EXPECT_EQ(addValues(0, a, 0, b, out, 0, 255, Rounding::HalfUp), 0);
  // (0.05 * -28 + 0.1 * -3) / 0.2 = -8.5, a tie: -9 or -8, + 10.
  EXPECT_EQ(addValues(100, a, 0, b, out, 0, 255, Rounding::HalfAway), 1);
  EXPECT_EQ(addValues(100, a, 0, b, out, 0, 255, Rounding::HalfUp), 2);
  EXPECT_EQ(addValues(100, a, 0, b, out, 0, 255, Rounding::DoubleRound), 2);
}

} // namespace
