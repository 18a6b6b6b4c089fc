//===- peak.cpp - Register-only peaks of the byte-product instructions ----===//
//
// The ceiling the generated product loops are measured against: loops of
// independent instructions on registers only, no loads, one thread.
//  - vpmaddwd + vpaddd (AVX2, 256 bits): the exact 16-bit path of targets
//    without VNNI, 16 multiply-adds per pair;
//  - vpdpbusd (AVX512-VNNI, 512 bits): 64 multiply-adds per instruction.
// Each reports GMAC/s, or "skipped" when the CPU lacks the instruction.
//
//===----------------------------------------------------------------------===//

#include <chrono>
#include <cstdio>

namespace {

using Clock = std::chrono::steady_clock;

/// Runs `body(iterations)` with a growing count until one run takes at
/// least 0.2 s, and returns multiply-adds per second in units of 1e9.
template <typename F> double gmacs(F body, double macsPerIteration) {
  long iterations = 1 << 16;
  for (;;) {
    auto start = Clock::now();
    body(iterations);
    double seconds =
        std::chrono::duration<double>(Clock::now() - start).count();
    if (seconds > 0.2)
      return macsPerIteration * double(iterations) / seconds / 1e9;
    iterations *= 2;
  }
}

/// 6 independent vpmaddwd + vpaddd chains (12 ymm registers) per iteration.
__attribute__((target("avx2"))) void vpmaddwdLoop(long n) {
  asm volatile("vpxor %%ymm6, %%ymm6, %%ymm6\n\t"
               "vpxor %%ymm7, %%ymm7, %%ymm7\n\t"
               "vpxor %%ymm8, %%ymm8, %%ymm8\n\t"
               "vpxor %%ymm9, %%ymm9, %%ymm9\n\t"
               "vpxor %%ymm10, %%ymm10, %%ymm10\n\t"
               "vpxor %%ymm11, %%ymm11, %%ymm11\n\t"
               "1:\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm0\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm1\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm2\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm3\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm4\n\t"
               "vpmaddwd %%ymm14, %%ymm15, %%ymm5\n\t"
               "vpaddd %%ymm0, %%ymm6, %%ymm6\n\t"
               "vpaddd %%ymm1, %%ymm7, %%ymm7\n\t"
               "vpaddd %%ymm2, %%ymm8, %%ymm8\n\t"
               "vpaddd %%ymm3, %%ymm9, %%ymm9\n\t"
               "vpaddd %%ymm4, %%ymm10, %%ymm10\n\t"
               "vpaddd %%ymm5, %%ymm11, %%ymm11\n\t"
               "dec %0\n\t"
               "jnz 1b\n\t"
               "vzeroupper"
               : "+r"(n)
               :
               : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                 "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "cc");
}

/// 12 independent vpdpbusd chains (zmm) per iteration.
__attribute__((target("avx512f,avx512vnni"))) void vpdpbusdLoop(long n) {
  asm volatile("1:\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm0\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm1\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm2\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm3\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm4\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm5\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm6\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm7\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm8\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm9\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm10\n\t"
               "vpdpbusd %%zmm30, %%zmm31, %%zmm11\n\t"
               "dec %0\n\t"
               "jnz 1b\n\t"
               "vzeroupper"
               : "+r"(n)
               :
               : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                 "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "cc");
}

} // namespace

int main() {
  std::printf("%-28s %10s\n", "register-only loop", "GMAC/s");
  if (__builtin_cpu_supports("avx2"))
    std::printf("%-28s %10.1f\n", "vpmaddwd+vpaddd ymm (AVX2)",
                gmacs(vpmaddwdLoop, 6 * 16));
  else
    std::printf("%-28s %10s\n", "vpmaddwd+vpaddd ymm (AVX2)", "skipped");
  if (__builtin_cpu_supports("avx512vnni"))
    std::printf("%-28s %10.1f\n", "vpdpbusd zmm (AVX512-VNNI)",
                gmacs(vpdpbusdLoop, 12 * 64));
  else
    std::printf("%-28s %10s\n", "vpdpbusd zmm (AVX512-VNNI)", "skipped");
  return 0;
}
