//===- conv_bench.cpp - qnn.conv2d against oneDNN int8 convolution --------===//
//
// A quantized 3x3 convolution, 56x56x64 -> 64 (N = 1, stride 1, padding 1 on
// every side, NHWC activations, HWCF filter), u8 activations (scale 0.05,
// zero point 128), s8 per-output-channel weights, i32 bias, u8 result
// (scale 0.5, zero point 5) with ReLU, as the compiler generates it
// (conv_kernels.mlir) and as oneDNN computes it with the same parameters
// (output scales per channel, s32 bias, ReLU post-op, source and
// destination zero points), single thread, timed in alternation.
//
// Before timing, both results are compared element by element with a
// scalar reference of the compiler's contract:
//
//   acc = sum_{kh,kw,c} (x - za) * w + bias[f]    (exact, int32; padded
//                                                  taps contribute 0)
//   r   = rne(f32(f32(acc) * M32[f])),  M32 = f32(f32(sa * sw[f]) / so)
//   q   = max(clamp(zo + r, 0, 255), zo)          (ReLU: q >= zo)
//
// and the oneDNN column also with a model of oneDNN's output stage, which
// adds the destination zero point in float32 before rounding:
//
//   q   = clamp(rne(f32(max(f32(acc) * M32[f], 0) + zo)), 0, 255)
//
//===----------------------------------------------------------------------===//

#include "int8_bench.h"

namespace {
constexpr int H = 56, W = 56, C = 64, F = 64, KH = 3, KW = 3, PAD = 1;
constexpr int OH = H + 2 * PAD - KH + 1, OW = W + 2 * PAD - KW + 1;

// Whether output element i, (oh, ow, f) in NHWC, has a window that reaches
// into the padding.
bool onBorder(size_t i) {
  int oh = int(i / (size_t(OW) * F)), ow = int(i / F % OW);
  return oh == 0 || ow == 0 || oh == OH - 1 || ow == OW - 1;
}
std::string show(const Diff &d) {
  char s[80];
  std::snprintf(s, sizeof s, "%zu (max %d, %zu on the border)", d.count,
                d.maxAbs, d.border);
  return s;
}
} // namespace

extern "C" void _mlir_ciface_conv3x3(Desc4 *, Desc4 *, Desc1 *, Desc4 *);

int main() {
  const float sa = 0.05f, so = 0.5f;
  const int za = 128, zo = 5;

  std::mt19937 rng(4242);
  std::vector<uint8_t> x(size_t(H) * W * C);
  std::vector<int8_t> w(size_t(KH) * KW * C * F); // HWCF
  std::vector<int32_t> bias(F);
  fillRandom(rng, x, w, bias);
  // The per-channel weight scales of conv_kernels.mlir (a cycle).
  std::vector<float> scales = outputScales(F, sa, so);

  // Scalar reference (padded taps are skipped: they hold za and add 0).
  const size_t outSize = size_t(OH) * OW * F;
  std::vector<uint8_t> outRef(outSize), outModel(outSize), outDnnl(outSize),
      outGen(outSize);
  size_t interior = 0;
  for (int oh = 0; oh < OH; ++oh)
    for (int ow = 0; ow < OW; ++ow) {
      int32_t acc[F];
      for (int f = 0; f < F; ++f)
        acc[f] = bias[f];
      for (int kh = 0; kh < KH; ++kh) {
        int ih = oh - PAD + kh;
        if (ih < 0 || ih >= H)
          continue;
        for (int kw = 0; kw < KW; ++kw) {
          int iw = ow - PAD + kw;
          if (iw < 0 || iw >= W)
            continue;
          const uint8_t *xp = &x[(size_t(ih) * W + iw) * C];
          const int8_t *wp = &w[size_t(kh * KW + kw) * C * F];
          for (int c = 0; c < C; ++c) {
            int xv = int(xp[c]) - za;
            for (int f = 0; f < F; ++f)
              acc[f] += xv * wp[size_t(c) * F + f];
          }
        }
      }
      size_t base = (size_t(oh) * OW + ow) * F;
      for (int f = 0; f < F; ++f) {
        outRef[base + f] = refOut(acc[f], scales[f], zo);
        outModel[base + f] = dnnlModelOut(acc[f], scales[f], zo);
        interior += outRef[base + f] != zo && outRef[base + f] != 255;
      }
    }

  // oneDNN 2.x int8 semantics: dst = zp_dst + post_ops(oscale[f] *
  // (conv(src - zp_src, wei) + bias[f])), rounded and saturated.
  using tag = dnnl::memory::format_tag;
  using dt = dnnl::memory::data_type;
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  dnnl::memory::desc xMd({1, C, H, W}, dt::u8, tag::nhwc);
  dnnl::memory::desc wMd({F, C, KH, KW}, dt::s8, tag::any);
  dnnl::memory::desc wUser({F, C, KH, KW}, dt::s8, tag::hwio); // = HWCF
  dnnl::memory::desc bMd({F}, dt::s32, tag::a);
  dnnl::memory::desc yMd({1, F, OH, OW}, dt::u8, tag::nhwc);
  dnnl::primitive_attr attr = int8Attr(scales, za, zo);
  dnnl::convolution_forward::primitive_desc pd(
      dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                                      dnnl::algorithm::convolution_direct, xMd,
                                      wMd, bMd, yMd, {1, 1}, {PAD, PAD},
                                      {PAD, PAD}),
      attr, eng);
  dnnl::memory xMem(xMd, eng, x.data()), yMem(yMd, eng, outDnnl.data());
  dnnl::memory bMem(bMd, eng, bias.data());
  dnnl::memory wMem = prepack(wUser, w.data(), pd.weights_desc(), eng, strm);
  dnnl::convolution_forward prim(pd);
  auto runDnnl = [&] { execute(prim, strm, xMem, wMem, bMem, yMem); };

  Desc4 dx = desc(x.data(), 1, H, W, C), dw = desc(w.data(), KH, KW, C, F),
        dy = desc(outGen.data(), 1, OH, OW, F);
  Desc1 db = desc(bias.data(), F);
  auto runGen = [&] { _mlir_ciface_conv3x3(&dx, &dw, &db, &dy); };

  runGen();
  runDnnl();
  Diff genRef = compare(outGen, outRef, onBorder),
       dnnlRef = compare(outDnnl, outRef, onBorder),
       dnnlModel = compare(outDnnl, outModel, onBorder);

  // Timing: batches of about 50 ms per side, 7 rounds in alternation,
  // the median per call.
  auto batch = [](auto &&fn) {
    double t0 = now();
    fn();
    double t = now() - t0;
    return std::max(1, static_cast<int>(0.05 / std::max(t, 1e-6)));
  };
  int repsG = batch(runGen), repsD = batch(runDnnl);
  Times t = timeAlternating(runGen, repsG, runDnnl, repsD);
  const double macs = double(OH) * OW * F * KH * KW * C;
  double g = macs / t.gen / 1e9, d = macs / t.dnnl / 1e9;

  std::printf("conv 3x3, 1x%dx%dx%d -> %d, stride 1, padding 1: %.1f MMAC "
              "per call\n",
              H, W, C, F, macs / 1e6);
  std::printf("oneDNN %d.%d.%d, implementation: %s\n", dnnl_version()->major,
              dnnl_version()->minor, dnnl_version()->patch, pd.impl_info_str());
  std::printf("%-11s %10s %14s\n", "", "GMAC/s", "ms per call");
  std::printf("%-11s %10.2f %14.3f\n", "generated", g, t.gen * 1e3);
  std::printf("%-11s %10.2f %14.3f\n", "oneDNN", d, t.dnnl * 1e3);
  std::printf("gen/dnnl    %10.3f\n", g / d);
  std::printf("outputs: %zu, interior (strictly between zo and 255): "
              "%.1f%%\n",
              outSize, 100.0 * double(interior) / double(outSize));
  std::printf("generated != reference: %s\n", show(genRef).c_str());
  std::printf("oneDNN    != reference: %s\n", show(dnnlRef).c_str());
  std::printf("oneDNN    != model of its float zero-point add: %s\n",
              show(dnnlModel).c_str());
  if (genRef.count) {
    std::printf("FAIL: the generated code differs from the reference\n");
    return 1;
  }
  return 0;
}
