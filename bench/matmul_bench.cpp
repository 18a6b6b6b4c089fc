//===- matmul_bench.cpp - qnn.matmul against oneDNN int8 matmul -----------===//
//
// A quantized linear layer (u8 activations, s8 per-channel weights, i32
// bias, u8 result with ReLU, float output stage) as the compiler generates
// it and as oneDNN computes it with the same scales and zero points (output
// scales per channel, s32 bias, ReLU post-op, source and destination zero
// points), single thread, timed in alternation.
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

extern "C" {
void _mlir_ciface_linear_64(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_256(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
void _mlir_ciface_linear_1024(Desc2 *, Desc2 *, Desc1 *, Desc2 *);
}

int main() {
  const float sa = 0.05f, so = 0.5f;
  const int za = 128, zo = 7;
  const int sizes[] = {64, 256, 1024};
  void (*gen[])(Desc2 *, Desc2 *, Desc1 *,
                Desc2 *) = {_mlir_ciface_linear_64, _mlir_ciface_linear_256,
                            _mlir_ciface_linear_1024};
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  std::printf("%-6s %14s %14s %9s %9s %16s %11s %8s\n", "M=N=K", "generated",
              "oneDNN", "gen/dnnl", "gen!=ref", "dnnl!=ref (max)",
              "dnnl!=model", "interior");
  int failures = 0;
  std::string impls[3];
  for (int si = 0; si < 3; ++si) {
    const int n = sizes[si];
    std::mt19937 rng(42 + n);
    std::vector<uint8_t> a(size_t(n) * n), outGen(size_t(n) * n),
        outDnnl(size_t(n) * n), outRef(size_t(n) * n), outModel(size_t(n) * n);
    std::vector<int8_t> w(size_t(n) * n); // K x N, row-major
    std::vector<int32_t> bias(n);
    fillRandom(rng, a, w, bias);
    // The per-channel weight scales of matmul_kernels.mlir.in (a cycle).
    std::vector<float> scales = outputScales(n, sa, so);

    // Scalar reference.
    std::vector<int32_t> acc(size_t(n) * n);
    for (int m = 0; m < n; ++m) {
      int32_t *row = &acc[size_t(m) * n];
      for (int j = 0; j < n; ++j)
        row[j] = bias[j];
      for (int k = 0; k < n; ++k) {
        int av = int(a[size_t(m) * n + k]) - za;
        const int8_t *wr = &w[size_t(k) * n];
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
    dnnl::memory::desc aMd({n, n}, dt::u8, tag::ab);
    dnnl::memory::desc wMd({n, n}, dt::s8, tag::any);
    dnnl::memory::desc wUser({n, n}, dt::s8, tag::ab);
    dnnl::memory::desc bMd({1, n}, dt::s32, tag::ab);
    dnnl::memory::desc cMd({n, n}, dt::u8, tag::ab);
    dnnl::primitive_attr attr = int8Attr(scales, za, zo);
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(aMd, wMd, bMd, cMd),
                                    attr, eng);
    dnnl::memory aMem(aMd, eng, a.data()), cMem(cMd, eng, outDnnl.data());
    dnnl::memory bMem(bMd, eng, bias.data());
    dnnl::memory wMem = prepack(wUser, w.data(), pd.weights_desc(), eng, strm);
    dnnl::matmul prim(pd);
    impls[si] = pd.impl_info_str();
    auto runDnnl = [&] { execute(prim, strm, aMem, wMem, bMem, cMem); };
    Desc2 da = desc(a.data(), n, n), dw = desc(w.data(), n, n),
          dc = desc(outGen.data(), n, n);
    Desc1 db = desc(bias.data(), n);
    auto runGen = [&] { gen[si](&da, &dw, &db, &dc); };

    runGen();
    runDnnl();
    Diff genRef = compare(outGen, outRef), dnnlRef = compare(outDnnl, outRef),
         dnnlModel = compare(outDnnl, outModel);
    failures += genRef.count != 0;

    double macs = double(n) * n * n;
    int reps = std::max(3, static_cast<int>(2e9 / macs));
    Times t = timeAlternating(runGen, reps, runDnnl, reps);
    double g = macs / t.gen / 1e9, d = macs / t.dnnl / 1e9;
    char dr[32];
    std::snprintf(dr, sizeof dr, "%zu (%d)", dnnlRef.count, dnnlRef.maxAbs);
    std::printf(
        "%-6d %7.2f GMAC/s %7.2f GMAC/s %9.3f %9zu %16s %11zu %7.1f%%\n", n, g,
        d, g / d, genRef.count, dr, dnnlModel.count,
        100.0 * double(interior) / double(acc.size()));
  }
  std::printf(
      "elements per size: M*N; gen!=ref and dnnl!=ref count outputs that "
      "differ from the scalar reference of the contract, (max) the "
      "largest difference; dnnl!=model compares oneDNN with the model "
      "of its float zero-point add; 'interior' is the share of "
      "outputs strictly between zo and 255 (the rest are clamped by "
      "ReLU or saturated).\n");
  std::printf("oneDNN %d.%d.%d, implementations: %s / %s / %s\n",
              dnnl_version()->major, dnnl_version()->minor,
              dnnl_version()->patch, impls[0].c_str(), impls[1].c_str(),
              impls[2].c_str());
  if (failures)
    std::printf("FAIL: the generated code differs from the reference\n");
  return failures ? 1 : 0;
}
