//===- avx512_kernels.cpp - Hand-written AVX-512 q/dq/rq kernels ----------===//
//
// The "what a careful human would write" column of the benchmark. Built with
// -mavx512f -mavx512bw -mavx512dq -mavx512vl -ffp-contract=off; bench.cpp
// calls it only after checking the CPU at run time.
//
// Bit-exactness with the contract (docs/Semantics.md) rests on one identity. The
// contract computes
//     p = f32(x * inv);  v = f32(z + rne(p));  q = clamp(v, qmin, qmax)
// and these kernels compute instead
//     q = z + cvt_rne(clamp(p, qmin - z, qmax - z))        (in int32)
// For integer bounds lo <= hi, rne(clamp(p, lo, hi)) == clamp(rne(p), lo, hi)
// because rne is monotone and leaves integers alone; z + t is exact in f32 for
// |t| < 2^24 and float rounding is monotone, so saturating before or after
// adding z gives the same code, also for +-inf. Clamping first keeps every
// float-to-int conversion in range. NaN (and only NaN: inv is finite and
// non-zero) is sent to t = 0, i.e. q = z, by a zero-masked conversion.
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include <immintrin.h>

namespace {

/// Broadcast constants of the quantize step, hoisted out of the loops.
struct QuantizeConsts {
  __m512 inv; // f32(1 / s): a float division, as the contract says
  __m512 lo;  // qmin - z
  __m512 hi;  // qmax - z
  __m512i zero;
  explicit QuantizeConsts(QParams p)
      : inv(_mm512_set1_ps(1.0f / p.scale)),
        lo(_mm512_set1_ps(static_cast<float>(0 - p.zero))),
        hi(_mm512_set1_ps(static_cast<float>(255 - p.zero))),
        zero(_mm512_set1_epi32(p.zero)) {}
};

/// 16 floats -> 16 int32 codes in [0, 255]. `CheckNaN` is false where the
/// input is known finite (requantize), which saves the compare.
template <bool CheckNaN>
inline __m512i quantize16(__m512 x, const QuantizeConsts &c) {
  __m512 p = _mm512_mul_ps(x, c.inv); // one rounding; no FMA anywhere
  __mmask16 keep = CheckNaN ? _mm512_cmp_ps_mask(p, p, _CMP_ORD_Q) : 0xFFFF;
  p = _mm512_min_ps(_mm512_max_ps(p, c.lo), c.hi);
  __m512i t = _mm512_maskz_cvt_roundps_epi32(
      keep, p, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  return _mm512_add_epi32(t, c.zero);
}

/// Four vectors of int32 codes in [0, 255] -> 64 bytes in element order.
/// The two packs work within 128-bit lanes, so lane k ends up holding dword
/// k of a, b, c, d in turn; the permute puts them back in order.
inline __m512i pack64(__m512i a, __m512i b, __m512i c, __m512i d) {
  __m512i ab = _mm512_packs_epi32(a, b);
  __m512i cd = _mm512_packs_epi32(c, d);
  __m512i abcd = _mm512_packus_epi16(ab, cd);
  const __m512i order =
      _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  return _mm512_permutexvar_epi32(order, abcd);
}

/// 16 u8 codes -> 16 floats: f32(q - z) * s, integer subtraction first.
inline __m512 dequantize16(__m128i q, __m512i zero, __m512 scale) {
  __m512i w = _mm512_sub_epi32(_mm512_cvtepu8_epi32(q), zero);
  return _mm512_mul_ps(_mm512_cvtepi32_ps(w), scale);
}

inline __mmask16 tailMask(size_t rem) {
  return static_cast<__mmask16>((1u << rem) - 1u);
}

} // namespace

void hand_quantize_u8(const float *x, uint8_t *q, size_t n, QParams p) {
  const QuantizeConsts c(p);
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    __m512i a = quantize16<true>(_mm512_loadu_ps(x + i), c);
    __m512i b = quantize16<true>(_mm512_loadu_ps(x + i + 16), c);
    __m512i d0 = quantize16<true>(_mm512_loadu_ps(x + i + 32), c);
    __m512i d1 = quantize16<true>(_mm512_loadu_ps(x + i + 48), c);
    _mm512_storeu_si512(q + i, pack64(a, b, d0, d1));
  }
  // Tail: 16 at a time, masked loads and a masked narrowing store, so no
  // byte past n is read or written.
  for (; i < n; i += 16) {
    size_t rem = n - i < 16 ? n - i : 16;
    __mmask16 m = tailMask(rem);
    __m512i v = quantize16<true>(_mm512_maskz_loadu_ps(m, x + i), c);
    _mm512_mask_cvtepi32_storeu_epi8(q + i, m, v);
  }
}

void hand_dequantize_u8(const uint8_t *q, float *x, size_t n, QParams p) {
  // 256-bit vectors on purpose: this op is bound by its 4-byte stores, and
  // on the machines measured here ymm stores into L2 ran ~5% faster than zmm
  // stores (the zmm form of this loop was tried). The tail still uses the
  // AVX-512VL/BW masked loads and stores.
  const __m256i zero = _mm256_set1_epi32(p.zero);
  const __m256 scale = _mm256_set1_ps(p.scale);
  auto one8 = [&](__m128i b) {
    __m256i w = _mm256_sub_epi32(_mm256_cvtepu8_epi32(b), zero);
    return _mm256_mul_ps(_mm256_cvtepi32_ps(w), scale);
  };
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (int k = 0; k < 4; ++k) {
      __m128i b =
          _mm_loadl_epi64(reinterpret_cast<const __m128i *>(q + i + 8 * k));
      _mm256_storeu_ps(x + i + 8 * k, one8(b));
    }
  }
  for (; i < n; i += 8) {
    size_t rem = n - i < 8 ? n - i : 8;
    __mmask8 m = static_cast<__mmask8>((1u << rem) - 1u);
    _mm256_mask_storeu_ps(x + i, m, one8(_mm_maskz_loadu_epi8(m, q + i)));
  }
}

void hand_requantize_u8(const uint8_t *q, uint8_t *r, size_t n, QParams in,
                        QParams out) {
  // Float mode: dequantize with (s_in, z_in), then quantize with
  // (s_out, z_out). The dequantized value is a finite float, so no NaN check.
  const __m512i zin = _mm512_set1_epi32(in.zero);
  const __m512 sin = _mm512_set1_ps(in.scale);
  const QuantizeConsts c(out);
  auto one16 = [&](__m128i b) {
    return quantize16<false>(dequantize16(b, zin, sin), c);
  };
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m128i *src = reinterpret_cast<const __m128i *>(q + i);
    __m512i a = one16(_mm_loadu_si128(src));
    __m512i b = one16(_mm_loadu_si128(src + 1));
    __m512i d0 = one16(_mm_loadu_si128(src + 2));
    __m512i d1 = one16(_mm_loadu_si128(src + 3));
    _mm512_storeu_si512(r + i, pack64(a, b, d0, d1));
  }
  for (; i < n; i += 16) {
    size_t rem = n - i < 16 ? n - i : 16;
    __mmask16 m = tailMask(rem);
    __m512i v = one16(_mm_maskz_loadu_epi8(m, q + i));
    _mm512_mask_cvtepi32_storeu_epi8(r + i, m, v);
  }
}
