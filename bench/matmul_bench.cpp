//===- matmul_bench.cpp - qnn.matmul against oneDNN int8 matmul -----------===//
//
// A quantized linear layer (u8 activations, s8 per-channel weights, u8
// result, float output stage) as the compiler generates it and as oneDNN
// computes it with the same scales and zero points (output scales per
// channel, source and destination zero points), single thread, timed in
// alternation. Results are compared element by element first (oneDNN's
// output stage is the same float formula, so they should agree exactly;
// the count of differences is printed either way).
//
//===----------------------------------------------------------------------===//

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {
struct Desc2 {
  void *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
};
Desc2 desc(void *p, int64_t rows, int64_t cols) {
  return {p, p, 0, {rows, cols}, {cols, 1}};
}
double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}
} // namespace

extern "C" {
void _mlir_ciface_linear_64(Desc2 *, Desc2 *, Desc2 *);
void _mlir_ciface_linear_256(Desc2 *, Desc2 *, Desc2 *);
void _mlir_ciface_linear_1024(Desc2 *, Desc2 *, Desc2 *);
}

int main() {
  const float sa = 0.05f, so = 0.5f;
  const int za = 128, zo = 7;
  const int sizes[] = {64, 256, 1024};
  void (*gen[])(Desc2 *, Desc2 *, Desc2 *) = {
      _mlir_ciface_linear_64, _mlir_ciface_linear_256,
      _mlir_ciface_linear_1024};
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  std::printf("%-8s %12s %12s %9s %12s\n", "M=N=K", "generated", "oneDNN",
              "gen/dnnl", "differences");
  for (int si = 0; si < 3; ++si) {
    const int n = sizes[si];
    std::mt19937 rng(42 + n);
    std::vector<uint8_t> a(size_t(n) * n), outGen(size_t(n) * n),
        outDnnl(size_t(n) * n);
    std::vector<int8_t> w(size_t(n) * n);
    for (auto &v : a)
      v = static_cast<uint8_t>(rng() % 256);
    for (auto &v : w)
      v = static_cast<int8_t>(static_cast<int>(rng() % 255) - 127);
    // The per-channel weight scales of matmul_kernels.mlir.in (a cycle).
    std::vector<float> scales(n);
    for (int j = 0; j < n; ++j) {
      float sw = 0.001f * static_cast<float>(1 + j % 7);
      float product = sa * sw;
      scales[j] = product / so; // M32 = f32(f32(s_a * s_w) / s_out)
    }

    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    dnnl::memory::desc aMd({n, n}, dt::u8, tag::ab);
    dnnl::memory::desc wMd({n, n}, dt::s8, tag::any);
    dnnl::memory::desc wUser({n, n}, dt::s8, tag::ab);
    dnnl::memory::desc cMd({n, n}, dt::u8, tag::ab);
    dnnl::primitive_attr attr;
    attr.set_output_scales(1 << 1, scales);
    attr.set_zero_points(DNNL_ARG_SRC, 0, {za});
    attr.set_zero_points(DNNL_ARG_DST, 0, {zo});
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(aMd, wMd, cMd), attr,
                                    eng);
    dnnl::memory aMem(aMd, eng, a.data()), cMem(cMd, eng, outDnnl.data());
    dnnl::memory wUserMem(wUser, eng, w.data());
    dnnl::memory wMem(pd.weights_desc(), eng);
    dnnl::reorder(wUserMem, wMem).execute(strm, wUserMem, wMem); // prepack
    dnnl::matmul prim(pd);
    auto runDnnl = [&] {
      prim.execute(strm, {{DNNL_ARG_SRC, aMem},
                          {DNNL_ARG_WEIGHTS, wMem},
                          {DNNL_ARG_DST, cMem}});
      strm.wait();
    };
    Desc2 da = desc(a.data(), n, n), dw = desc(w.data(), n, n),
          dc = desc(outGen.data(), n, n);
    auto runGen = [&] { gen[si](&da, &dw, &dc); };

    runGen();
    runDnnl();
    size_t differences = 0;
    for (size_t i = 0; i < outGen.size(); ++i)
      differences += outGen[i] != outDnnl[i];

    double macs = double(n) * n * n;
    int reps = std::max(3, static_cast<int>(2e9 / macs));
    std::vector<double> tg, td;
    for (int r = 0; r < 7; ++r) {
      double t0 = now();
      for (int i = 0; i < reps; ++i)
        runGen();
      double t1 = now();
      for (int i = 0; i < reps; ++i)
        runDnnl();
      double t2 = now();
      tg.push_back((t1 - t0) / reps);
      td.push_back((t2 - t1) / reps);
    }
    std::sort(tg.begin(), tg.end());
    std::sort(td.begin(), td.end());
    double g = macs / tg[3] / 1e9, d = macs / td[3] / 1e9;
    std::printf("%-8d %8.2f GMAC/s %8.2f GMAC/s %8.3f %12zu\n", n, g, d, g / d,
                differences);
  }
  return 0;
}
