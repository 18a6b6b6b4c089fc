//===- int8_bench.h - Shared code of the oneDNN int8 benchmarks -*- C++ -*-===//
//
// What matmul_bench.cpp and conv_bench.cpp share: memref descriptors for the
// MLIR C interface, a clock, the scalar reference of the output stage and
// the model of oneDNN's, element-wise comparison, the random inputs and
// per-channel scales, oneDNN's int8 attributes, weight prepacking and
// execution, and the timing of both sides in alternation.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

// Ranked memref descriptors of the MLIR C interface (_mlir_ciface_*).
struct Desc1 {
  void *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
};
struct Desc2 {
  void *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
};
struct Desc4 {
  void *allocated, *aligned;
  int64_t offset, sizes[4], strides[4];
};
/// Descriptors of contiguous row-major buffers.
inline Desc1 desc(void *p, int64_t n) { return {p, p, 0, {n}, {1}}; }
inline Desc2 desc(void *p, int64_t rows, int64_t cols) {
  return {p, p, 0, {rows, cols}, {cols, 1}};
}
inline Desc4 desc(void *p, int64_t d0, int64_t d1, int64_t d2, int64_t d3) {
  return {p, p, 0, {d0, d1, d2, d3}, {d1 * d2 * d3, d2 * d3, d3, 1}};
}

inline double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// The compiler's contract, and the model of oneDNN's output stage.
inline uint8_t refOut(int32_t acc, float m32, int zo) {
  float f = static_cast<float>(acc) * m32;
  float r = std::nearbyintf(f); // round half to even (default FP env)
  double q = std::min(std::max(double(zo) + double(r), 0.0), 255.0);
  return static_cast<uint8_t>(std::max(q, double(zo)));
}
inline uint8_t dnnlModelOut(int32_t acc, float m32, int zo) {
  float f = std::max(static_cast<float>(acc) * m32, 0.0f);
  float g = f + static_cast<float>(zo);
  return static_cast<uint8_t>(
      std::min(std::max(std::nearbyintf(g), 0.0f), 255.0f));
}

/// Differing elements, the largest difference, and how many of the
/// differing elements the caller's predicate puts on the border.
struct Diff {
  size_t count = 0, border = 0;
  int maxAbs = 0;
};
template <typename OnBorder>
Diff compare(const std::vector<uint8_t> &x, const std::vector<uint8_t> &y,
             OnBorder onBorder) {
  Diff d;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i] != y[i]) {
      ++d.count;
      d.maxAbs = std::max(d.maxAbs, std::abs(int(x[i]) - int(y[i])));
      d.border += onBorder(i);
    }
  return d;
}
inline Diff compare(const std::vector<uint8_t> &x,
                    const std::vector<uint8_t> &y) {
  return compare(x, y, [](size_t) { return false; });
}

/// Uniform random u8 activations, s8 weights in [-127, 127] and i32 bias in
/// [-50000, 50000], drawn from rng in that order.
inline void fillRandom(std::mt19937 &rng, std::vector<uint8_t> &a,
                       std::vector<int8_t> &w, std::vector<int32_t> &bias) {
  for (auto &v : a)
    v = static_cast<uint8_t>(rng() % 256);
  for (auto &v : w)
    v = static_cast<int8_t>(static_cast<int>(rng() % 255) - 127);
  for (auto &v : bias)
    v = static_cast<int32_t>(rng() % 100001) - 50000;
}

/// The weight at row-major index i of the constant-weight kernels, as
/// constant_weights.py writes them: a hash of i in [-127, 127].
inline int8_t constantWeight(size_t i) {
  uint32_t h = static_cast<uint32_t>(i * 2654435761u) >> 16;
  return static_cast<int8_t>(static_cast<int>(h % 255) - 127);
}

/// The output scales M32[j] of n channels whose weight scales are those of
/// the kernels (a cycle): s_w[j] = 0.001 * (1 + j % 7).
inline std::vector<float> outputScales(int n, float sa, float so) {
  std::vector<float> scales(n);
  for (int j = 0; j < n; ++j) {
    float sw = 0.001f * static_cast<float>(1 + j % 7);
    float product = sa * sw;
    scales[j] = product / so; // M32 = f32(f32(s_a * s_w) / s_out)
  }
  return scales;
}

/// oneDNN 2.x int8 attributes: dst = zp_dst + relu(oscale[c] * (sum (src -
/// zp_src) * wei + bias[c])), rounded and saturated; c is dimension 1.
inline dnnl::primitive_attr int8Attr(const std::vector<float> &scales, int za,
                                     int zo) {
  dnnl::primitive_attr attr;
  attr.set_output_scales(1 << 1, scales);
  attr.set_zero_points(DNNL_ARG_SRC, 0, {za});
  attr.set_zero_points(DNNL_ARG_DST, 0, {zo});
  dnnl::post_ops ops;
  ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
  attr.set_post_ops(ops);
  return attr;
}

/// The weights at data (laid out as user) reordered into the primitive's
/// layout packed (the reorder also precomputes the zero-point compensation).
inline dnnl::memory prepack(const dnnl::memory::desc &user, void *data,
                            const dnnl::memory::desc &packed,
                            const dnnl::engine &eng, dnnl::stream &strm) {
  dnnl::memory userMem(user, eng, data), packedMem(packed, eng);
  dnnl::reorder(userMem, packedMem).execute(strm, userMem, packedMem);
  strm.wait();
  return packedMem;
}

/// One call of a primitive with source, weights, bias and destination.
inline void execute(const dnnl::primitive &prim, dnnl::stream &strm,
                    const dnnl::memory &src, const dnnl::memory &weights,
                    const dnnl::memory &bias, const dnnl::memory &dst) {
  prim.execute(strm, {{DNNL_ARG_SRC, src},
                      {DNNL_ARG_WEIGHTS, weights},
                      {DNNL_ARG_BIAS, bias},
                      {DNNL_ARG_DST, dst}});
  strm.wait();
}

/// Seconds per call of each side, the median of 7 rounds that alternate a
/// batch of repsGen calls of runGen with one of repsDnnl calls of runDnnl.
struct Times {
  double gen, dnnl;
};
template <typename Gen, typename Dnnl>
Times timeAlternating(Gen &&runGen, int repsGen, Dnnl &&runDnnl, int repsDnnl) {
  std::vector<double> tg, td;
  for (int r = 0; r < 7; ++r) {
    double t0 = now();
    for (int i = 0; i < repsGen; ++i)
      runGen();
    double t1 = now();
    for (int i = 0; i < repsDnnl; ++i)
      runDnnl();
    double t2 = now();
    tg.push_back((t1 - t0) / std::max(repsGen, 1));
    td.push_back((t2 - t1) / repsDnnl);
  }
  std::sort(tg.begin(), tg.end());
  std::sort(td.begin(), td.end());
  return {tg[3], td[3]};
}
