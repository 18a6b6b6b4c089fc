//===- bench.cpp - Throughput and bit-exactness of q/dq/rq kernels --------===//
//
// Usage (run.sh drives it):
//   bench dump DIR   write the benchmark inputs and params.txt for
//                    torch_bench.py
//   bench run DIR    check generated vs hand-written vs scalar reference bit
//                    for bit, then time them (and memcpy), read PyTorch's
//                    numbers from DIR/torch.txt and print the table
//
// Built without -mavx512*: the AVX-512 kernels live in their own object and
// are called only when the CPU reports the features. The scalar reference
// is compiled with -ffp-contract=off so that no multiply and add fuse.
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <new>
#include <sched.h>
#include <string>
#include <tuple>
#include <vector>

//===----------------------------------------------------------------------===//
// Parameters. kernels.mlir spells the same numbers in its quant types; the
// bit check below fails if the two ever disagree.
//===----------------------------------------------------------------------===//

static const QParams kQ = {0.05f, 128};   // !quant.uniform<u8:f32, 0.05:128>
static const QParams kOut = {0.04f, 120}; // !quant.uniform<u8:f32, 0.04:120>
static const size_t kSizes[] = {16384, 262144, 16777216};
static const char *kSizeNames[] = {"16Ki", "256Ki", "16Mi"};
static const double kSigma = 2.5; // x ~ N(0, 2.5): ~1% beyond [-6.4, 6.35]
static const size_t kSpecialEvery = 4096; // one edge value per 4096 inputs

//===----------------------------------------------------------------------===//
// Scalar reference, line by line from docs/Semantics.md.
//===----------------------------------------------------------------------===//

static uint8_t refQuantize1(float x, float inv, int32_t z) {
  float t = std::nearbyint(x * inv);   // f32 multiply, ties to even
  float v = static_cast<float>(z) + t; // zero point added in f32
  if (std::isnan(v))
    return static_cast<uint8_t>(z);
  if (v < 0.0f) // saturate before converting: never convert out of range
    v = 0.0f;
  if (v > 255.0f)
    v = 255.0f;
  return static_cast<uint8_t>(static_cast<int32_t>(v));
}

static float refDequantize1(uint8_t q, QParams p) {
  return static_cast<float>(static_cast<int32_t>(q) - p.zero) * p.scale;
}

void ref_quantize_u8(const float *x, uint8_t *q, size_t n, QParams p) {
  const float inv = 1.0f / p.scale;
  for (size_t i = 0; i < n; ++i)
    q[i] = refQuantize1(x[i], inv, p.zero);
}

void ref_dequantize_u8(const uint8_t *q, float *x, size_t n, QParams p) {
  for (size_t i = 0; i < n; ++i)
    x[i] = refDequantize1(q[i], p);
}

void ref_requantize_u8(const uint8_t *q, uint8_t *r, size_t n, QParams in,
                       QParams out) {
  const float inv = 1.0f / out.scale;
  for (size_t i = 0; i < n; ++i)
    r[i] = refQuantize1(refDequantize1(q[i], in), inv, out.zero);
}

//===----------------------------------------------------------------------===//
// The compiler's generated code, through the MLIR C interface.
//
// run.sh reads the `llvm.func @_mlir_ciface_<f>` signature and passes
// GEN_ARGS_<f> = 2 when the destination-passing result was dropped
//   void f(MemRef1D<In>* in, MemRef1D<Out>* out)
// or 3 when it is still returned through a leading result descriptor
//   void f(MemRef1D<Out>* result, MemRef1D<In>* in, MemRef1D<Out>* out).
//===----------------------------------------------------------------------===//

template <typename T> struct MemRef1D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
};

template <typename T> static MemRef1D<T> wrap(T *p, size_t n) {
  return {p, p, 0, {static_cast<int64_t>(n)}, {1}};
}

#ifndef GEN_ARGS_quantize_u8
#define GEN_ARGS_quantize_u8 2
#endif
#ifndef GEN_ARGS_dequantize_u8
#define GEN_ARGS_dequantize_u8 2
#endif
#ifndef GEN_ARGS_requantize_u8
#define GEN_ARGS_requantize_u8 2
#endif

extern "C" {
#if GEN_ARGS_quantize_u8 == 3
void _mlir_ciface_quantize_u8(MemRef1D<int8_t> *, MemRef1D<float> *,
                              MemRef1D<int8_t> *);
#else
void _mlir_ciface_quantize_u8(MemRef1D<float> *, MemRef1D<int8_t> *);
#endif
#if GEN_ARGS_dequantize_u8 == 3
void _mlir_ciface_dequantize_u8(MemRef1D<float> *, MemRef1D<int8_t> *,
                                MemRef1D<float> *);
#else
void _mlir_ciface_dequantize_u8(MemRef1D<int8_t> *, MemRef1D<float> *);
#endif
#if GEN_ARGS_requantize_u8 == 3
void _mlir_ciface_requantize_u8(MemRef1D<int8_t> *, MemRef1D<int8_t> *,
                                MemRef1D<int8_t> *);
#else
void _mlir_ciface_requantize_u8(MemRef1D<int8_t> *, MemRef1D<int8_t> *);
#endif
}

/// Set when a 3-argument function hands back a buffer other than `out`.
static bool gGenFreshResult = false;
/// While set (the bit checks, not the timed loops), a returned buffer other
/// than `out` is compared with `out`; gResultNotOut counts the differences.
static bool gCompareResultWithOut = true;
static size_t gResultNotOut = 0;

/// With the 3-argument ABI, the returned descriptor is the function's result.
/// `out` is what the checks read (materialize_in_destination must fill it);
/// a separate returned buffer must hold the same bits, and belongs to the
/// caller, who frees it (inside the timing: it is part of calling the code).
template <typename T>
static void takeResult(MemRef1D<T> &res, const T *out, size_t n) {
  const T *data = res.aligned + res.offset;
  if (data == out)
    return;
  gGenFreshResult = true;
  if (gCompareResultWithOut && n && std::memcmp(data, out, n * sizeof(T)) != 0)
    ++gResultNotOut;
  std::free(res.allocated);
}

static void gen_quantize_u8(const float *x, uint8_t *q, size_t n) {
  auto in = wrap(const_cast<float *>(x), n);
  auto out = wrap(reinterpret_cast<int8_t *>(q), n);
#if GEN_ARGS_quantize_u8 == 3
  MemRef1D<int8_t> res{};
  _mlir_ciface_quantize_u8(&res, &in, &out);
  takeResult(res, reinterpret_cast<int8_t *>(q), n);
#else
  _mlir_ciface_quantize_u8(&in, &out);
#endif
}

static void gen_dequantize_u8(const uint8_t *q, float *x, size_t n) {
  auto in = wrap(reinterpret_cast<int8_t *>(const_cast<uint8_t *>(q)), n);
  auto out = wrap(x, n);
#if GEN_ARGS_dequantize_u8 == 3
  MemRef1D<float> res{};
  _mlir_ciface_dequantize_u8(&res, &in, &out);
  takeResult(res, x, n);
#else
  _mlir_ciface_dequantize_u8(&in, &out);
#endif
}

static void gen_requantize_u8(const uint8_t *q, uint8_t *r, size_t n) {
  auto in = wrap(reinterpret_cast<int8_t *>(const_cast<uint8_t *>(q)), n);
  auto out = wrap(reinterpret_cast<int8_t *>(r), n);
#if GEN_ARGS_requantize_u8 == 3
  MemRef1D<int8_t> res{};
  _mlir_ciface_requantize_u8(&res, &in, &out);
  takeResult(res, reinterpret_cast<int8_t *>(r), n);
#else
  _mlir_ciface_requantize_u8(&in, &out);
#endif
}

//===----------------------------------------------------------------------===//
// Buffers are 64-byte aligned, as tensor allocators (PyTorch's included) make
// them: a misaligned zmm store splits a cache line on every store.
//===----------------------------------------------------------------------===//

template <typename T> struct Aligned64 {
  using value_type = T;
  Aligned64() = default;
  template <typename U> Aligned64(const Aligned64<U> &) {}
  T *allocate(size_t n) {
    size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    if (void *p = std::aligned_alloc(64, bytes))
      return static_cast<T *>(p);
    throw std::bad_alloc();
  }
  void deallocate(T *p, size_t) { std::free(p); }
  template <typename U> bool operator==(const Aligned64<U> &) const {
    return true;
  }
  template <typename U> bool operator!=(const Aligned64<U> &) const {
    return false;
  }
};
template <typename T> using Buffer = std::vector<T, Aligned64<T>>;

//===----------------------------------------------------------------------===//
// Inputs: deterministic, a normal spread that partly saturates, plus a sparse
// sprinkling of the values the contract pins down (NaN, infinities, huge,
// denormal, -0, exact ties of x*inv) so the benchmark inputs exercise them.
//===----------------------------------------------------------------------===//

/// splitmix64: a tiny, well-mixed generator; fixed seed, same data each run.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (next() >> 11) * 0x1.0p-53; } // [0, 1)
};

/// Floats x with f32(x * inv) exactly k + 0.5, so that round-half-to-even
/// (not half away from zero) decides the result; includes ties on both
/// saturation boundaries.
static std::vector<float> exactTies(float inv, int kmin, int kmax) {
  std::vector<float> ties;
  for (int k = kmin; k <= kmax; ++k) {
    const float target = static_cast<float>(k) + 0.5f;
    float x = target / inv;
    for (int step = 0; step < 8; ++step) {
      if (x * inv == target) {
        ties.push_back(x);
        break;
      }
      x = std::nextafter(x, x * inv < target ? INFINITY : -INFINITY);
    }
  }
  return ties;
}

static std::vector<float> specialValues() {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> v = {std::numeric_limits<float>::quiet_NaN(),
                          -std::numeric_limits<float>::quiet_NaN(),
                          inf,
                          -inf,
                          std::numeric_limits<float>::max(),
                          -std::numeric_limits<float>::max(),
                          1e30f,
                          -1e30f,
                          3e9f, // beyond int32 after scaling
                          -3e9f,
                          0.0f,
                          -0.0f,
                          1e-40f, // denormal
                          -1e-40f};
  // Ties around zero, and where rne lands one code inside or outside the
  // range: p = -128.5 -> -128 -> 0, p = 127.5 -> 128 -> clamped to 255.
  for (float t : exactTies(1.0f / kQ.scale, -131, 130))
    v.push_back(t);
  return v;
}

static Buffer<float> makeFloatInput(size_t n) {
  Rng rng{0x5eed};
  Buffer<float> x(n);
  for (size_t i = 0; i + 1 < n; i += 2) { // Box-Muller, two per draw
    double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
    double r = kSigma * std::sqrt(-2.0 * std::log(u1));
    x[i] = static_cast<float>(r * std::cos(2 * M_PI * u2));
    x[i + 1] = static_cast<float>(r * std::sin(2 * M_PI * u2));
  }
  const std::vector<float> sp = specialValues();
  for (size_t i = kSpecialEvery - 1, k = 0; i < n; i += kSpecialEvery, ++k)
    x[i] = sp[k % sp.size()];
  return x;
}

/// The u8 input of dequantize/requantize: the quantized float input, i.e.
/// what a previous layer would produce (saturated codes included).
static Buffer<uint8_t> makeCodeInput(const Buffer<float> &x) {
  Buffer<uint8_t> q(x.size());
  ref_quantize_u8(x.data(), q.data(), x.size(), kQ);
  return q;
}

/// A short input that holds every special value, every tie, wide random
/// floats across many exponents, and every u8 code: used for tail tests.
static void makeEdgeInputs(std::vector<float> &xf, std::vector<uint8_t> &xq) {
  Rng rng{42};
  xf = specialValues();
  for (int i = 0; i < 2048; ++i) {
    double mag = std::ldexp(1.0, static_cast<int>(rng.next() % 40) - 20);
    xf.push_back(static_cast<float>((rng.uniform() * 2 - 1) * mag));
  }
  for (int i = 0; i < 1024; ++i)
    xf.push_back(static_cast<float>((rng.uniform() * 2 - 1) * 8.0));
  xq.clear();
  for (int rep = 0; rep < 4; ++rep)
    for (int c = 0; c < 256; ++c)
      xq.push_back(static_cast<uint8_t>((c * 97 + rep * 31) & 255));
}

//===----------------------------------------------------------------------===//
// Bit checks.
//===----------------------------------------------------------------------===//

static int gFailures = 0;

static uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
static uint32_t bitsOf(uint8_t b) { return b; }
static std::string show(float f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g (0x%08x)", f, bitsOf(f));
  return buf;
}
static std::string show(uint8_t b) { return std::to_string(b); }

/// Compares `got` with `want` bit for bit; prints the first mismatches.
template <typename In, typename Out>
static bool sameBits(const char *what, const In *in, const Out *want,
                     const Out *got, size_t n) {
  size_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    if (bitsOf(want[i]) == bitsOf(got[i]))
      continue;
    if (bad < 8)
      std::printf("  MISMATCH %s [%zu]: input %s, reference %s, got %s\n", what,
                  i, show(in[i]).c_str(), show(want[i]).c_str(),
                  show(got[i]).c_str());
    ++bad;
  }
  if (bad) {
    std::printf("FAIL: %s: %zu of %zu elements differ from the reference\n",
                what, bad, n);
    ++gFailures;
  }
  return bad == 0;
}

/// An output buffer with guard bytes on both sides, to catch a kernel that
/// writes outside [0, n) (a wrong tail or vector remainder).
template <typename T> struct Guarded {
  static constexpr size_t kGuard = 256;
  std::vector<uint8_t> raw;
  size_t n;
  explicit Guarded(size_t n) : raw(n * sizeof(T) + 2 * kGuard, 0xA5), n(n) {}
  T *data() { return reinterpret_cast<T *>(raw.data() + kGuard); }
  bool intact() const {
    for (size_t i = 0; i < kGuard; ++i)
      if (raw[i] != 0xA5 || raw[raw.size() - 1 - i] != 0xA5)
        return false;
    return true;
  }
};

using QuantizeFn = std::function<void(const float *, uint8_t *, size_t)>;
using DequantizeFn = std::function<void(const uint8_t *, float *, size_t)>;
using RequantizeFn = std::function<void(const uint8_t *, uint8_t *, size_t)>;

struct Impl {
  const char *name;
  QuantizeFn q;
  DequantizeFn dq;
  RequantizeFn rq;
};

/// Runs one op of one implementation on in[0, n) and checks it against the
/// reference, including the guard bytes.
template <typename In, typename Out, typename Fn, typename RefFn>
static void checkOne(const std::string &what, Fn fn, RefFn ref, const In *in,
                     size_t n) {
  std::vector<Out> want(n);
  ref(in, want.data(), n);
  Guarded<Out> got(n);
  fn(in, got.data(), n);
  sameBits(what.c_str(), in, want.data(), got.data(), n);
  if (!got.intact()) {
    std::printf("FAIL: %s wrote outside its %zu-element output\n", what.c_str(),
                n);
    ++gFailures;
  }
}

static void checkImpl(const Impl &im, const Buffer<float> &bx,
                      const Buffer<uint8_t> &bq) {
  auto refQ = [](const float *x, uint8_t *q, size_t n) {
    ref_quantize_u8(x, q, n, kQ);
  };
  auto refDQ = [](const uint8_t *q, float *x, size_t n) {
    ref_dequantize_u8(q, x, n, kQ);
  };
  auto refRQ = [](const uint8_t *q, uint8_t *r, size_t n) {
    ref_requantize_u8(q, r, n, kQ, kOut);
  };
  const int before = gFailures;
  // The benchmark inputs themselves, at every size.
  for (size_t si = 0; si < 3; ++si) {
    size_t n = kSizes[si];
    std::string sz = std::string(" ") + kSizeNames[si];
    checkOne<float, uint8_t>(std::string(im.name) + " quantize" + sz, im.q,
                             refQ, bx.data(), n);
    checkOne<uint8_t, float>(std::string(im.name) + " dequantize" + sz, im.dq,
                             refDQ, bq.data(), n);
    checkOne<uint8_t, uint8_t>(std::string(im.name) + " requantize" + sz, im.rq,
                               refRQ, bq.data(), n);
  }
  // Edge values at every length 0..300 (every vector tail) and whole.
  std::vector<float> ef;
  std::vector<uint8_t> eq;
  makeEdgeInputs(ef, eq);
  for (size_t n = 0; n <= 300 && gFailures == before; ++n) {
    std::string sz = " edge n=" + std::to_string(n);
    checkOne<float, uint8_t>(std::string(im.name) + " quantize" + sz, im.q,
                             refQ, ef.data(), n);
    checkOne<uint8_t, float>(std::string(im.name) + " dequantize" + sz, im.dq,
                             refDQ, eq.data(), n);
    checkOne<uint8_t, uint8_t>(std::string(im.name) + " requantize" + sz, im.rq,
                               refRQ, eq.data(), n);
  }
  checkOne<float, uint8_t>(std::string(im.name) + " quantize edge all", im.q,
                           refQ, ef.data(), ef.size());
  checkOne<uint8_t, float>(std::string(im.name) + " dequantize edge all", im.dq,
                           refDQ, eq.data(), eq.size());
  checkOne<uint8_t, uint8_t>(std::string(im.name) + " requantize edge all",
                             im.rq, refRQ, eq.data(), eq.size());
  std::printf("check %-10s %s\n", im.name,
              gFailures == before ? "bit-identical to the scalar reference "
                                    "(benchmark inputs at all sizes, edge "
                                    "values, lengths 0..300)"
                                  : "FAILED");
}

//===----------------------------------------------------------------------===//
// Timing: warm buffers, a batch long enough to be well above the clock's
// resolution, several repetitions, median (best also kept).
//===----------------------------------------------------------------------===//

struct Stat {
  double median; // Gelem/s
  double best;
};

static double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

/// Makes `p` and everything reachable from it look read and written, so the
/// optimizer cannot drop a call whose output is never used (memcpy).
static inline void escape(const void *p) {
  asm volatile("" : : "g"(p) : "memory");
}

/// Times one call of `fn` after a warm-up and picks a batch size long enough
/// to be well above the clock's resolution.
template <typename F> static size_t calibrate(F &&fn) {
  fn(); // warm-up: touches the output pages and the caches
  double t0 = now();
  fn();
  double one = std::max(now() - t0, 1e-8);
  return std::max<size_t>(1, static_cast<size_t>(2e-3 / one));
}

template <typename F> static double timeBatch(F &&fn, size_t batch) {
  double t = now();
  for (size_t b = 0; b < batch; ++b) {
    fn();
    asm volatile("" ::: "memory"); // keep every call
  }
  return (now() - t) / batch;
}

static Stat summarize(std::vector<double> perCall, size_t elems) {
  std::sort(perCall.begin(), perCall.end());
  return {elems / perCall[perCall.size() / 2] / 1e9, elems / perCall[0] / 1e9};
}

template <typename F> static Stat measure(F &&fn, size_t elems) {
  const size_t batch = calibrate(fn);
  double one = timeBatch(fn, batch);
  const int reps = std::clamp(static_cast<int>(0.15 / (one * batch)), 5, 31);
  std::vector<double> perCall;
  for (int r = 0; r < reps; ++r)
    perCall.push_back(timeBatch(fn, batch));
  return summarize(std::move(perCall), elems);
}

/// Times two kernels in alternation (A, B, A, B, ...), so that drift in the
/// machine's memory bandwidth (large on a VM at 16 Mi elements) affects both
/// columns of a ratio alike.
template <typename A, typename B>
static std::pair<Stat, Stat> measurePair(A &&a, B &&b, size_t elems) {
  const size_t batch = std::min(calibrate(a), calibrate(b));
  double one = timeBatch(a, batch);
  const int reps = std::clamp(static_cast<int>(0.15 / (one * batch)), 7, 41);
  std::vector<double> perA, perB;
  for (int r = 0; r < reps; ++r) {
    perA.push_back(timeBatch(a, batch));
    perB.push_back(timeBatch(b, batch));
  }
  return {summarize(std::move(perA), elems), summarize(std::move(perB), elems)};
}

//===----------------------------------------------------------------------===//
// Driver.
//===----------------------------------------------------------------------===//

static bool hasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl");
}

static std::string cpuModel() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("model name", 0) == 0)
      return line.substr(line.find(':') + 2);
  return "unknown";
}

static int pinnedCpu() {
  const char *env = std::getenv("BENCH_CPU");
  return env ? std::atoi(env) : 0;
}

static void pin() {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(pinnedCpu(), &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) {
    std::perror("sched_setaffinity");
    std::exit(2);
  }
}

template <typename T>
static void writeFile(const std::string &path, const T *p, size_t n) {
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(p, sizeof(T), n, f) != n || std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

static int dump(const std::string &dir, const Buffer<float> &x,
                const Buffer<uint8_t> &q) {
  writeFile(dir + "/x.f32", x.data(), x.size());
  writeFile(dir + "/q.u8", q.data(), q.size());
  FILE *f = std::fopen((dir + "/params.txt").c_str(), "w");
  std::fprintf(f, "q_scale %.9g\nq_zero %d\nout_scale %.9g\nout_zero %d\n",
               kQ.scale, kQ.zero, kOut.scale, kOut.zero);
  std::fprintf(f, "sizes %zu %zu %zu\ncpu %d\n", kSizes[0], kSizes[1],
               kSizes[2], pinnedCpu());
  std::fclose(f);
  return 0;
}

/// PyTorch's numbers: lines "torch <op> <n> <median Gelem/s> <best>".
static std::map<std::string, Stat> readTorch(const std::string &dir) {
  std::map<std::string, Stat> r;
  std::ifstream f(dir + "/torch.txt");
  std::string tag, op;
  size_t n;
  double med, best;
  while (f >> tag >> op >> n >> med >> best)
    if (tag == "torch")
      r[op + " " + std::to_string(n)] = {med, best};
  return r;
}

/// PyTorch is not the oracle (the contract defines what it leaves undefined,
/// e.g. NaN and infinities), so its bits are compared for information only.
static void torchAgreement(const std::string &dir, const Buffer<float> &x,
                           const Buffer<uint8_t> &q) {
  const size_t n = kSizes[2];
  auto load = [&](const std::string &name, size_t bytes) {
    std::vector<uint8_t> buf(bytes);
    FILE *f = std::fopen((dir + "/" + name).c_str(), "rb");
    if (!f || std::fread(buf.data(), 1, bytes, f) != bytes)
      buf.clear();
    if (f)
      std::fclose(f);
    return buf;
  };
  std::vector<uint8_t> tq = load("torch_quantize.u8", n);
  std::vector<uint8_t> tdq = load("torch_dequantize.f32", 4 * n);
  std::vector<uint8_t> trq = load("torch_requantize.u8", n);
  if (tq.empty() || tdq.empty() || trq.empty()) {
    std::printf("PyTorch bit agreement: outputs not found, not compared\n");
    return;
  }
  std::vector<uint8_t> rq(n), rr(n);
  std::vector<float> rdq(n);
  ref_quantize_u8(x.data(), rq.data(), n, kQ);
  ref_dequantize_u8(q.data(), rdq.data(), n, kQ);
  ref_requantize_u8(q.data(), rr.data(), n, kQ, kOut);
  // "Ordinary" inputs: x * inv finite and within int32, where PyTorch's
  // float-to-int64 conversion is defined.
  const float inv = 1.0f / kQ.scale;
  size_t qOrdinary = 0, qOther = 0, other = 0, dq = 0, rqd = 0;
  for (size_t i = 0; i < n; ++i) {
    bool ordinary = std::fabs(x[i] * inv) < 2147483648.0f;
    other += !ordinary;
    if (tq[i] != rq[i])
      (ordinary ? qOrdinary : qOther)++;
    if (std::memcmp(&tdq[4 * i], &rdq[i], 4) != 0)
      ++dq;
    if (trq[i] != rr[i])
      ++rqd;
  }
  std::printf("PyTorch bit agreement with the contract (16Mi inputs, "
              "informational): quantize %zu diffs on ordinary inputs, %zu "
              "on the %zu NaN/inf/|x*inv| >= 2^31 ones (undefined in PyTorch); "
              "dequantize %zu diffs; requantize %zu diffs\n",
              qOrdinary, qOther, other, dq, rqd);
}

int main(int argc, char **argv) {
  if (argc != 3 ||
      (std::strcmp(argv[1], "dump") && std::strcmp(argv[1], "run"))) {
    std::fprintf(stderr, "usage: %s dump|run DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[2];
  const size_t maxN = kSizes[2];
  const Buffer<float> x = makeFloatInput(maxN);
  const Buffer<uint8_t> q = makeCodeInput(x);
  if (!std::strcmp(argv[1], "dump"))
    return dump(dir, x, q);

  pin();
  const bool avx512 = hasAvx512();
  std::printf("CPU: %s (pinned to cpu %d, 1 thread); AVX-512 F/BW/DQ/VL: %s\n",
              cpuModel().c_str(), pinnedCpu(), avx512 ? "yes" : "no");
  std::printf("Parameters: quantize/dequantize u8 scale %.9g zero %d; "
              "requantize u8 (%.9g, %d) -> u8 (%.9g, %d), float mode\n",
              kQ.scale, kQ.zero, kQ.scale, kQ.zero, kOut.scale, kOut.zero);
  std::printf(
      "Inputs: x ~ N(0, %.1f) (%.2f%% outside the u8 range), one "
      "special value (NaN/inf/huge/denormal/-0/exact tie) every %zu; "
      "codes = reference quantize(x)\n",
      kSigma,
      100.0 *
          std::count_if(x.begin(), x.end(),
                        [](float v) { return !(std::fabs(v) < 6.4f); }) /
          x.size(),
      kSpecialEvery);

  const Impl gen{"generated", gen_quantize_u8, gen_dequantize_u8,
                 gen_requantize_u8};
  const Impl hand{"hand",
                  [](const float *a, uint8_t *b, size_t n) {
                    hand_quantize_u8(a, b, n, kQ);
                  },
                  [](const uint8_t *a, float *b, size_t n) {
                    hand_dequantize_u8(a, b, n, kQ);
                  },
                  [](const uint8_t *a, uint8_t *b, size_t n) {
                    hand_requantize_u8(a, b, n, kQ, kOut);
                  }};

  checkImpl(gen, x, q);
  if (avx512)
    checkImpl(hand, x, q);
  else
    std::printf("check hand       skipped (no AVX-512 on this CPU)\n");
  if (gResultNotOut) {
    std::printf("FAIL: in %zu calls the generated code returned a buffer "
                "whose bits differ from what it left in `out`\n",
                gResultNotOut);
    ++gFailures;
  }
  gCompareResultWithOut = false;
  if (gFailures) {
    std::printf("\n*** BIT CHECK FAILED (%d failing checks) ***\n", gFailures);
    if (!std::getenv("BENCH_ALLOW_MISMATCH"))
      return 1;
    std::printf("*** BENCH_ALLOW_MISMATCH set: timing anyway ***\n");
  }
  torchAgreement(dir, x, q);

  const std::map<std::string, Stat> torch = readTorch(dir);
  Buffer<uint8_t> outQ(maxN);
  Buffer<float> outF(maxN);
  // memcpy moves as many bytes as the op (read + written): it copies
  // (in + out) / 2 bytes per element.
  Buffer<uint8_t> cpySrc(maxN * 5 / 2, 1), cpyDst(maxN * 5 / 2, 2);

  struct Op {
    const char *name;
    size_t inBytes, outBytes;
  } ops[] = {{"quantize", 4, 1}, {"dequantize", 1, 4}, {"requantize", 1, 1}};

  std::printf("\nThroughput in Gelem/s (median of repetitions; higher is "
              "better)\n");
  std::printf("%-11s %6s %10s %10s %10s %10s %9s %9s\n", "op", "size",
              "generated", "hand-AVX512", "PyTorch", "memcpy", "gen/hand",
              "gen/torch");
  for (const Op &op : ops) {
    for (size_t si = 0; si < 3; ++si) {
      const size_t n = kSizes[si];
      Stat g, h{0, 0}, m;
      const std::string o = op.name;
      // Generated and hand-written code are timed in alternation.
      auto both = [&](auto &&gen, auto &&hand) {
        if (avx512)
          std::tie(g, h) = measurePair(gen, hand, n);
        else
          g = measure(gen, n);
      };
      if (o == "quantize") {
        both([&] { gen_quantize_u8(x.data(), outQ.data(), n); },
             [&] { hand_quantize_u8(x.data(), outQ.data(), n, kQ); });
      } else if (o == "dequantize") {
        both([&] { gen_dequantize_u8(q.data(), outF.data(), n); },
             [&] { hand_dequantize_u8(q.data(), outF.data(), n, kQ); });
      } else {
        both([&] { gen_requantize_u8(q.data(), outQ.data(), n); },
             [&] { hand_requantize_u8(q.data(), outQ.data(), n, kQ, kOut); });
      }
      const size_t cpyBytes = n * (op.inBytes + op.outBytes) / 2;
      m = measure(
          [&] {
            std::memcpy(cpyDst.data(), cpySrc.data(), cpyBytes);
            escape(cpyDst.data());
          },
          n);
      auto t = torch.find(o + " " + std::to_string(n));
      char hs[32], ts[32], gh[32], gt[32];
      std::snprintf(hs, sizeof hs, avx512 ? "%.3f" : "skipped", h.median);
      std::snprintf(gh, sizeof gh, avx512 ? "%.2f" : "-", g.median / h.median);
      if (t != torch.end()) {
        std::snprintf(ts, sizeof ts, "%.3f", t->second.median);
        std::snprintf(gt, sizeof gt, "%.2f", g.median / t->second.median);
      } else {
        std::snprintf(ts, sizeof ts, "n/a");
        std::snprintf(gt, sizeof gt, "-");
      }
      std::printf("%-11s %6s %10.3f %10s %10s %10.3f %9s %9s\n", op.name,
                  kSizeNames[si], g.median, hs, ts, m.median, gh, gt);
    }
  }
  std::printf("\nmemcpy column: memcpy of (input + output bytes) / 2 per "
              "element, i.e. the same bytes moved (read + written) as the op: "
              "5 B/elem for quantize and dequantize, 2 B/elem for "
              "requantize; expressed in the op's elements per second.\n");
  if (gGenFreshResult)
    std::printf("NOTE: the generated code writes `out` and also returns a "
                "separate buffer (same bits, checked), which the caller must "
                "free; that allocation, whatever fills it and the free() are "
                "inside the generated column's timing.\n");
  return gFailures ? 1 : 0;
}
