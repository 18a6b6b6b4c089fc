//===- matmul_bench.cpp - qnn.matmul against oneDNN int8 matmul -----------===//
//
// A quantized linear layer (u8 activations, s8 per-channel weights, i32
// bias, u8 result with ReLU, float output stage) as the compiler generates
// it and as oneDNN computes it with the same scales and zero points (output
// scales per channel, s32 bias, ReLU post-op, source and destination zero
// points), timed in alternation, for each M x N x K of kShapes: activations
// M x K, weights K x N, bias and output scales over the N channels, result
// M x N (row-major). The shapes are square (64, 256, 1024), a transformer
// layer (128 tokens, 768 -> 3072) and a GEMV (1 x 4096 x 4096); run-matmul.sh
// generates one kernel linear_M_N_K per shape and must list the same ones.
//
// Before timing, both results are compared element by element with a
// scalar reference of the compiler's contract (docs/Semantics.md, 9a/9b):
//
//   acc = sum_k (a - za) * w + bias                    (exact, int32)
//   r   = rne(f32(f32(acc) * M32[n])),  M32 = f32(f32(sa * sw[n]) / so)
//   q   = max(clamp(zo + r, 0, 255), zo)               (ReLU: q >= zo)
//
// and, for the oneDNN column, also with a model of oneDNN's own output
// stage, which adds the destination zero point in float32 before rounding:
//
//   q   = clamp(rne(f32(max(f32(acc) * M32[n], 0) + zo)), 0, 255)
//
// The two differ by one where f32(f + zo) lands on (or crosses) a
// half-integer that f itself is not on; the table counts both.
//
//===----------------------------------------------------------------------===//

#include "int8_bench.h"

#include <cstring>

extern "C" {
void _mlir_ciface_linear_64_64_64(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_256_256_256(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_1024_1024_1024(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_128_3072_768(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_1_4096_4096(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_const_linear_64_64_64(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_const_linear_256_256_256(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_const_linear_1024_1024_1024(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_const_linear_128_3072_768(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_const_linear_1_4096_4096(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
}

namespace {
using Kernel = void (*)(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
struct Shape {
  int m, n, k;
  /// Weights as an argument, and as a constant of the kernel (they are
  /// constantWeight's either way).
  Kernel gen, genConst;
};
// The same shapes, in the same order, as run-matmul.sh.
const Shape kShapes[] = {
    {64, 64, 64, _mlir_ciface_linear_64_64_64,
     _mlir_ciface_const_linear_64_64_64},
    {256, 256, 256, _mlir_ciface_linear_256_256_256,
     _mlir_ciface_const_linear_256_256_256},
    {1024, 1024, 1024, _mlir_ciface_linear_1024_1024_1024,
     _mlir_ciface_const_linear_1024_1024_1024},
    {128, 3072, 768, _mlir_ciface_linear_128_3072_768,
     _mlir_ciface_const_linear_128_3072_768},
    {1, 4096, 4096, _mlir_ciface_linear_1_4096_4096,
     _mlir_ciface_const_linear_1_4096_4096},
};
} // namespace

int main() {
  const float sa = 0.05f, so = 0.5f;
  const int za = 128, zo = 7;
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  std::printf("%-14s %14s %14s %14s %9s %9s %9s %16s %11s %8s\n", "MxNxK",
              "generated", "gen-const", "oneDNN", "gen/dnnl", "const/dnnl",
              "gen!=ref", "dnnl!=ref (max)", "dnnl!=model", "interior");
  int failures = 0;
  std::string impls;
  // The GEMV's weight bytes and GMAC/s (one weight byte per multiply-add:
  // GMAC/s are GB/s of weights) of the constant and argument kernels.
  struct {
    size_t bytes = 0;
    double constGbs = 0, argGbs = 0;
  } gemvStream;
  for (const Shape &shape : kShapes) {
    const int m = shape.m, n = shape.n, k = shape.k;
    // Seeded with N, so the square shapes keep the inputs they always had.
    std::mt19937 rng(42 + n);
    std::vector<uint8_t> a(size_t(m) * k), outGen(size_t(m) * n),
        outConst(size_t(m) * n),
        outDnnl(size_t(m) * n), outRef(size_t(m) * n), outModel(size_t(m) * n);
    std::vector<int8_t> w(size_t(k) * n); // K x N, row-major
    std::vector<int32_t> bias(n);
    fillRandom(rng, a, w, bias);
    // The weights of the constant-weight kernels, for both kernels.
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = constantWeight(i);
    // The per-channel weight scales of matmul_kernels.mlir.in (a cycle).
    std::vector<float> scales = outputScales(n, sa, so);

    // Scalar reference.
    std::vector<int32_t> acc(size_t(m) * n);
    for (int i = 0; i < m; ++i) {
      int32_t *row = &acc[size_t(i) * n];
      for (int j = 0; j < n; ++j)
        row[j] = bias[j];
      for (int kk = 0; kk < k; ++kk) {
        int av = int(a[size_t(i) * k + kk]) - za;
        const int8_t *wr = &w[size_t(kk) * n];
        for (int j = 0; j < n; ++j)
          row[j] += av * wr[j];
      }
    }
    size_t interior = 0; // neither clamped by ReLU nor saturated
    for (size_t i = 0; i < acc.size(); ++i) {
      outRef[i] = refOut(acc[i], scales[i % n], zo);
      outModel[i] = dnnlModelOut(acc[i], scales[i % n], zo);
      interior += outRef[i] != zo && outRef[i] != 255;
    }

    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    dnnl::memory::desc aMd({m, k}, dt::u8, tag::ab);
    dnnl::memory::desc wMd({k, n}, dt::s8, tag::any);
    dnnl::memory::desc wUser({k, n}, dt::s8, tag::ab);
    dnnl::memory::desc bMd({1, n}, dt::s32, tag::ab);
    dnnl::memory::desc cMd({m, n}, dt::u8, tag::ab);
    dnnl::primitive_attr attr = int8Attr(scales, za, zo);
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(aMd, wMd, bMd, cMd),
                                    attr, eng);
    dnnl::memory aMem(aMd, eng, a.data()), cMem(cMd, eng, outDnnl.data());
    dnnl::memory bMem(bMd, eng, bias.data());
    dnnl::memory wMem = prepack(wUser, w.data(), pd.weights_desc(), eng, strm);
    dnnl::matmul prim(pd);
    impls += (impls.empty() ? "" : " / ") + std::string(pd.impl_info_str());
    auto runDnnl = [&] { execute(prim, strm, aMem, wMem, bMem, cMem); };
    Desc2 da = desc(a.data(), m, k), dw = desc(w.data(), k, n),
          dc = desc(outGen.data(), m, n), dcc = desc(outConst.data(), m, n);
    Desc1 db = desc(bias.data(), n);
    auto runGen = [&] { shape.gen(&da, &dw, &db, &dc); };
    auto runConst = [&] { shape.genConst(&da, &dw, &db, &dcc); };

    runGen();
    runConst();
    runDnnl();
    Diff genRef = compare(outGen, outRef), constRef = compare(outConst, outRef),
         dnnlRef = compare(outDnnl, outRef),
         dnnlModel = compare(outDnnl, outModel);
    failures += genRef.count != 0 || constRef.count != 0;

    // Calls per batch: about 2e9 MACs (1024^3 and 128x3072x768 take 3 and 6
    // calls, the GEMV 119), but no more than about 0.1 s of calls as one
    // timed call of that side measures it, so that a side slower than
    // 20 GMAC/s (the memory-bound GEMV) does not stretch the run; at least
    // 3 calls either way.
    double macs = double(m) * n * k;
    auto repsFor = [&](auto &&run) {
      double t0 = now();
      run();
      double once = std::max(now() - t0, 1e-9);
      double cap = std::min(2e9 / macs, 0.1 / once);
      return std::max(3, static_cast<int>(cap));
    };
    int repsGen = repsFor(runGen), repsConst = repsFor(runConst),
        repsDnnl = repsFor(runDnnl);
    Times t = timeAlternating(runGen, repsGen, runDnnl, repsDnnl);
    Times tc = timeAlternating(runConst, repsConst, runDnnl, repsDnnl);
    double g = macs / t.gen / 1e9, gc = macs / tc.gen / 1e9,
           d = macs / std::min(t.dnnl, tc.dnnl) / 1e9;
    char dr[32], name[48];
    std::snprintf(dr, sizeof dr, "%zu (%d)", dnnlRef.count, dnnlRef.maxAbs);
    std::snprintf(name, sizeof name, "%dx%dx%d", m, n, k);
    if (m == 1)
      gemvStream = {size_t(k) * n, gc, g};
    std::printf("%-14s %7.2f GMAC/s %7.2f GMAC/s %7.2f GMAC/s %9.3f %9.3f "
                "%9zu %16s %11zu %7.1f%%\n",
                name, g, gc, d, g / d, gc / d, genRef.count + constRef.count,
                dr, dnnlModel.count,
                100.0 * double(interior) / double(acc.size()));
  }
  std::printf(
      "generated: weights as an argument; gen-const: the same weights as a "
      "constant of the kernel (folded and packed at compile time); oneDNN: "
      "the faster of its two timings; elements per shape: M*N; gen!=ref "
      "(both generated kernels) and dnnl!=ref count outputs that "
      "differ from the scalar reference of the contract, (max) the "
      "largest difference; dnnl!=model compares oneDNN with the model "
      "of its float zero-point add; 'interior' is the share of "
      "outputs strictly between zo and 255 (the rest are clamped by "
      "ReLU or saturated).\n");
  if (gemvStream.bytes) {
    // memcpy of the same bytes (read once, written once), timed as the
    // kernels are: the median of 7 batches.
    std::vector<uint8_t> src(gemvStream.bytes, 1), dst(gemvStream.bytes);
    auto copy = [&] {
      std::memcpy(dst.data(), src.data(), src.size());
      // The copy is observable: the compiler may not drop it.
      asm volatile("" : : "r"(dst.data()) : "memory");
    };
    Times t = timeAlternating(copy, 20, copy, 20);
    double gbs = double(gemvStream.bytes) / t.gen / 1e9;
    std::printf("GEMV weights streamed: %.2f GB/s (constant, packed), %.2f "
                "GB/s (argument); memcpy of the same %zu MiB: %.2f GB/s "
                "copied; constant/memcpy %.3f\n",
                gemvStream.constGbs, gemvStream.argGbs, gemvStream.bytes >> 20,
                gbs, gemvStream.constGbs / gbs);
  }
  std::printf("oneDNN %d.%d.%d, implementations: %s\n", dnnl_version()->major,
              dnnl_version()->minor, dnnl_version()->patch, impls.c_str());
  if (failures)
    std::printf("FAIL: the generated code differs from the reference\n");
  return failures ? 1 : 0;
}
