//===- conv_bench.cpp - qnn.conv2d against oneDNN int8 convolution --------===//
//
// Quantized convolutions, batch 1, NHWC activations, HWCF filter (KH x KW x
// C/groups x F), u8 activations (scale 0.05, zero point 128), s8
// per-output-channel weights, i32 bias, u8 result (scale 0.5, zero point 5)
// with ReLU, as the compiler generates them (conv_kernels.mlir.in) and as
// oneDNN computes them with the same parameters (output scales per channel,
// s32 bias, ReLU post-op, source and destination zero points), timed in
// alternation, for each shape of kShapes:
//
//   3x3, 56x56x64 -> 64, stride 1, padding 1
//   3x3, 28x28x128 -> 128, stride 1, padding 1
//   1x1, 56x56x64 -> 256, stride 1, no padding
//   3x3, 56x56x128 -> 128, stride 2, padding 1
//   depthwise 3x3, 112x112x32 (32 groups of one input and one output
//   channel), stride 1, padding 1
//
// run-conv.sh generates one kernel conv_KHxKW_HxWxC_F_sS_pP_gG per shape
// and must list the same ones. oneDNN gets the dense filters as
// {F, C, KH, KW} weights and the grouped ones as {G, F/G, C/G, KH, KW}
// (`hwigo`: the same bytes as the HWCF filter).
//
// Before timing, both results are compared element by element with a
// scalar reference of the compiler's contract; output channel f belongs to
// group g = f / (F/G) and reads input channels g*C/G .. (g+1)*C/G - 1:
//
//   acc = sum_{kh,kw,c in g} (x - za) * w + bias[f]  (exact, int32; padded
//                                                     taps contribute 0)
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

using ConvFn = void(Desc4 *, Desc4 *, Desc1 *, Desc4 *);
extern "C" {
ConvFn _mlir_ciface_conv_3x3_56x56x64_64_s1_p1_g1;
ConvFn _mlir_ciface_conv_3x3_28x28x128_128_s1_p1_g1;
ConvFn _mlir_ciface_conv_1x1_56x56x64_256_s1_p0_g1;
ConvFn _mlir_ciface_conv_3x3_56x56x128_128_s2_p1_g1;
ConvFn _mlir_ciface_conv_3x3_112x112x32_32_s1_p1_g32;
ConvFn _mlir_ciface_const_conv_3x3_56x56x64_64_s1_p1_g1;
ConvFn _mlir_ciface_const_conv_3x3_28x28x128_128_s1_p1_g1;
ConvFn _mlir_ciface_const_conv_1x1_56x56x64_256_s1_p0_g1;
ConvFn _mlir_ciface_const_conv_3x3_56x56x128_128_s2_p1_g1;
ConvFn _mlir_ciface_const_conv_3x3_112x112x32_32_s1_p1_g32;
}

namespace {
struct Shape {
  int kh, kw, h, w, c, f, stride, pad, groups;
  /// Filters as an argument, and as a constant of the kernel (they are
  /// constantWeight's either way).
  ConvFn *gen, *genConst;
};
// The same shapes, in the same order, as run-conv.sh.
const Shape kShapes[] = {
    {3, 3, 56, 56, 64, 64, 1, 1, 1,
     _mlir_ciface_conv_3x3_56x56x64_64_s1_p1_g1, _mlir_ciface_const_conv_3x3_56x56x64_64_s1_p1_g1},
    {3, 3, 28, 28, 128, 128, 1, 1, 1,
     _mlir_ciface_conv_3x3_28x28x128_128_s1_p1_g1, _mlir_ciface_const_conv_3x3_28x28x128_128_s1_p1_g1},
    {1, 1, 56, 56, 64, 256, 1, 0, 1,
     _mlir_ciface_conv_1x1_56x56x64_256_s1_p0_g1, _mlir_ciface_const_conv_1x1_56x56x64_256_s1_p0_g1},
    {3, 3, 56, 56, 128, 128, 2, 1, 1,
     _mlir_ciface_conv_3x3_56x56x128_128_s2_p1_g1, _mlir_ciface_const_conv_3x3_56x56x128_128_s2_p1_g1},
    {3, 3, 112, 112, 32, 32, 1, 1, 32,
     _mlir_ciface_conv_3x3_112x112x32_32_s1_p1_g32, _mlir_ciface_const_conv_3x3_112x112x32_32_s1_p1_g32},
};

/// "3x3 s1 p1 56x56x64->64", "dw3x3 s1 p1 112x112x32", "3x3 s1 p1 g2 ...".
std::string label(const Shape &s) {
  char b[64];
  bool depthwise = s.groups > 1 && s.groups == s.c && s.groups == s.f;
  if (depthwise)
    std::snprintf(b, sizeof b, "dw%dx%d s%d p%d %dx%dx%d", s.kh, s.kw,
                  s.stride, s.pad, s.h, s.w, s.c);
  else if (s.groups > 1)
    std::snprintf(b, sizeof b, "%dx%d s%d p%d g%d %dx%dx%d->%d", s.kh, s.kw,
                  s.stride, s.pad, s.groups, s.h, s.w, s.c, s.f);
  else
    std::snprintf(b, sizeof b, "%dx%d s%d p%d %dx%dx%d->%d", s.kh, s.kw,
                  s.stride, s.pad, s.h, s.w, s.c, s.f);
  return b;
}
} // namespace

int main() {
  const float sa = 0.05f, so = 0.5f;
  const int za = 128, zo = 5;
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  std::printf("%-24s %7s %14s %14s %14s %9s %10s %9s %16s %8s %11s %8s\n",
              "shape", "MMAC", "generated", "gen-const", "oneDNN", "gen/dnnl",
              "const/dnnl", "gen!=ref", "dnnl!=ref (max)", "border",
              "dnnl!=model", "interior");
  int failures = 0;
  std::vector<std::string> impls, fails;
  for (const Shape &s : kShapes) {
    const int KH = s.kh, KW = s.kw, H = s.h, W = s.w, C = s.c, F = s.f,
              S = s.stride, P = s.pad, G = s.groups;
    const int CG = C / G, FG = F / G;
    const int OH = (H + 2 * P - KH) / S + 1, OW = (W + 2 * P - KW) / S + 1;

    // Every shape draws from the same seed (the first keeps the inputs the
    // single-shape benchmark had).
    std::mt19937 rng(4242);
    std::vector<uint8_t> x(size_t(H) * W * C);
    std::vector<int8_t> w(size_t(KH) * KW * CG * F); // HWCF, C/G channels
    std::vector<int32_t> bias(F);
    fillRandom(rng, x, w, bias);
    // The filters of the constant-weight kernels, for both kernels.
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = constantWeight(i);
    // The per-channel weight scales of conv_kernels.mlir.in (a cycle).
    std::vector<float> scales = outputScales(F, sa, so);

    // Scalar reference (padded taps are skipped: they hold za and add 0).
    const size_t outSize = size_t(OH) * OW * F;
    std::vector<uint8_t> outRef(outSize), outModel(outSize), outDnnl(outSize),
        outGen(outSize), outConst(outSize);
    std::vector<int32_t> acc(F);
    size_t interior = 0; // neither clamped by ReLU nor saturated
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow) {
        for (int f = 0; f < F; ++f)
          acc[f] = bias[f];
        for (int kh = 0; kh < KH; ++kh) {
          int ih = oh * S - P + kh;
          if (ih < 0 || ih >= H)
            continue;
          for (int kw = 0; kw < KW; ++kw) {
            int iw = ow * S - P + kw;
            if (iw < 0 || iw >= W)
              continue;
            const uint8_t *xp = &x[(size_t(ih) * W + iw) * C];
            const int8_t *wp = &w[size_t(kh * KW + kw) * CG * F];
            for (int g = 0; g < G; ++g)
              for (int ci = 0; ci < CG; ++ci) {
                int xv = int(xp[g * CG + ci]) - za;
                const int8_t *wr = wp + size_t(ci) * F + size_t(g) * FG;
                int32_t *ar = &acc[size_t(g) * FG];
                for (int fo = 0; fo < FG; ++fo)
                  ar[fo] += xv * wr[fo];
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
    // Whether output element i, (oh, ow, f) in NHWC, has a window that
    // reaches into the padding.
    auto onBorder = [&](size_t i) {
      int oh = int(i / (size_t(OW) * F)), ow = int(i / F % OW);
      return oh * S - P < 0 || ow * S - P < 0 || oh * S - P + KH > H ||
             ow * S - P + KW > W;
    };

    // oneDNN 2.x int8 semantics: dst = zp_dst + post_ops(oscale[f] *
    // (conv(src - zp_src, wei) + bias[f])), rounded and saturated.
    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    using dims = dnnl::memory::dims;
    dims wDims = G == 1 ? dims{F, C, KH, KW} : dims{G, FG, CG, KH, KW};
    dnnl::memory::desc xMd({1, C, H, W}, dt::u8, tag::nhwc);
    dnnl::memory::desc wMd(wDims, dt::s8, tag::any);
    // = HWCF (with groups: KH x KW x C/G x G x F/G)
    dnnl::memory::desc wUser(wDims, dt::s8, G == 1 ? tag::hwio : tag::hwigo);
    dnnl::memory::desc bMd({F}, dt::s32, tag::a);
    dnnl::memory::desc yMd({1, F, OH, OW}, dt::u8, tag::nhwc);
    dnnl::primitive_attr attr = int8Attr(scales, za, zo);
    dnnl::convolution_forward::primitive_desc pd(
        dnnl::convolution_forward::desc(
            dnnl::prop_kind::forward_inference,
            dnnl::algorithm::convolution_direct, xMd, wMd, bMd, yMd, {S, S},
            {P, P}, {P, P}),
        attr, eng);
    dnnl::memory xMem(xMd, eng, x.data()), yMem(yMd, eng, outDnnl.data());
    dnnl::memory bMem(bMd, eng, bias.data());
    dnnl::memory wMem = prepack(wUser, w.data(), pd.weights_desc(), eng, strm);
    dnnl::convolution_forward prim(pd);
    impls.push_back(pd.impl_info_str());
    auto runDnnl = [&] { execute(prim, strm, xMem, wMem, bMem, yMem); };

    Desc4 dx = desc(x.data(), 1, H, W, C), dw = desc(w.data(), KH, KW, CG, F),
          dy = desc(outGen.data(), 1, OH, OW, F),
          dyc = desc(outConst.data(), 1, OH, OW, F);
    Desc1 db = desc(bias.data(), F);
    auto runGen = [&] { s.gen(&dx, &dw, &db, &dy); };
    auto runConst = [&] { s.genConst(&dx, &dw, &db, &dyc); };

    runGen();
    runConst();
    runDnnl();
    Diff genRef = compare(outGen, outRef, onBorder),
         constRef = compare(outConst, outRef, onBorder),
         dnnlRef = compare(outDnnl, outRef, onBorder),
         dnnlModel = compare(outDnnl, outModel, onBorder);
    auto check = [&](const char *what, const Diff &diff) {
      if (!diff.count)
        return;
      ++failures;
      char b[160];
      std::snprintf(b, sizeof b,
                    "%s: %s != reference: %zu (max %d, %zu on the border)",
                    label(s).c_str(), what, diff.count, diff.maxAbs,
                    diff.border);
      fails.push_back(b);
    };
    check("generated", genRef);
    check("generated (constant filters)", constRef);

    // Timing: batches of about 50 ms per side (as one timed call of that
    // side measures it, at least 3 calls), 7 rounds in alternation, the
    // median per call.
    auto batch = [](auto &&fn) {
      double t0 = now();
      fn();
      double t = now() - t0;
      return std::max(3, static_cast<int>(0.05 / std::max(t, 1e-9)));
    };
    int repsG = batch(runGen), repsC = batch(runConst), repsD = batch(runDnnl);
    Times t = timeAlternating(runGen, repsG, runDnnl, repsD);
    Times tc = timeAlternating(runConst, repsC, runDnnl, repsD);
    const double macs = double(OH) * OW * F * KH * KW * CG;
    double gr = macs / t.gen / 1e9, gc = macs / tc.gen / 1e9,
           d = macs / std::min(t.dnnl, tc.dnnl) / 1e9;
    char dr[32];
    std::snprintf(dr, sizeof dr, "%zu (%d)", dnnlRef.count, dnnlRef.maxAbs);
    std::printf("%-24s %7.1f %7.2f GMAC/s %7.2f GMAC/s %7.2f GMAC/s %9.3f "
                "%10.3f %9zu %16s %8zu %11zu %7.1f%%\n",
                label(s).c_str(), macs / 1e6, gr, gc, d, gr / d, gc / d,
                genRef.count + constRef.count, dr,
                dnnlRef.border, dnnlModel.count,
                100.0 * double(interior) / double(outSize));
    std::fflush(stdout);
  }
  std::printf(
      "shape: kernel, stride, padding (every side), input HxWxC -> output "
      "channels (dw: depthwise, one output channel per input channel); MMAC "
      "per call. generated: filters as an argument; gen-const: the same "
      "filters as a constant of the kernel (folded and packed at compile "
      "time); oneDNN: the faster of its two timings. gen!=ref (both "
      "generated kernels) and dnnl!=ref count outputs that differ from the "
      "scalar reference of the contract, (max) the largest difference, "
      "border those of dnnl!=ref whose window reaches into the padding; "
      "dnnl!=model compares oneDNN with the model of its float zero-point "
      "add; 'interior' is the share of outputs strictly between zo and 255 "
      "(the rest are clamped by ReLU or saturated).\n");
  std::printf("oneDNN %d.%d.%d, implementations:\n", dnnl_version()->major,
              dnnl_version()->minor, dnnl_version()->patch);
  for (size_t i = 0; i < impls.size(); ++i)
    std::printf("  %-24s %s\n", label(kShapes[i]).c_str(), impls[i].c_str());
  for (const std::string &f : fails)
    std::printf("%s\n", f.c_str());
  if (failures)
    std::printf("FAIL: the generated code differs from the reference\n");
  return failures ? 1 : 0;
}
