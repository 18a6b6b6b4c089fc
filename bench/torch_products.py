"""PyTorch peer of run-matmul.sh and run-conv.sh: quantized linear and conv2d.

Run with the interpreter that has torch (/usr/bin/python3 here), through
bench/run-torch-products.sh (which pins the CPUs):
    torch_products.py [THREADS]
For each quantized engine of torch.backends.quantized.supported_engines among
onednn, x86, fbgemm and qnnpack, times
  - torch.ops.quantized.linear_relu (linear when linear_relu is missing) on
    the shapes of run-matmul.sh: u8 activations (scale 0.05, zero point 128),
    s8 weights [N, K] quantized per output channel (scales 0.001 * (1 + j % 7)),
    float bias, u8 result (scale 0.5, zero point 7);
  - torch.ops.quantized.conv2d_relu (conv2d when missing) on the shapes of
    run-conv.sh: batch 1, channels_last (NHWC) u8 input (0.05, 128),
    per-channel s8 filter [F, C/groups, KH, KW] (0.001 * (1 + f % 7)), float
    bias, u8 result (scale 0.5, zero point 5, as conv_bench.cpp).
Weights are prepacked (linear_prepack / conv2d_prepack) under the engine,
outside the timing. Each cell is the median over 5 batches of calls (about
0.12 s per batch, after a warm-up call) in GMAC/s; "n/a" when the engine
rejects the op or shape (the reasons are listed below the table). PyTorch's
results are not checked against the contract: a peer column only.
"""

import statistics
import sys
import time

import torch

ENGINES = ("onednn", "x86", "fbgemm", "qnnpack")
S_A, Z_A = 0.05, 128  # activations
S_O_LINEAR, Z_O_LINEAR = 0.5, 7  # linear result (as matmul_bench.cpp)
S_O_CONV, Z_O_CONV = 0.5, 5  # conv result (as conv_bench.cpp)
BATCH_S = 0.12  # seconds per timed batch
REPS = 5

LINEAR_SHAPES = [(64, 64, 64), (256, 256, 256), (1024, 1024, 1024),
                 (128, 3072, 768), (1, 4096, 4096)]
# kh, kw, h, w, c, f, stride, pad, groups (the list of run-conv.sh)
CONV_SHAPES = [(3, 3, 56, 56, 64, 64, 1, 1, 1),
               (3, 3, 28, 28, 128, 128, 1, 1, 1),
               (1, 1, 56, 56, 64, 256, 1, 0, 1),
               (3, 3, 56, 56, 128, 128, 2, 1, 1),
               (3, 3, 112, 112, 32, 32, 1, 1, 32)]


def channel_scales(n):
    return torch.tensor([0.001 * (1 + j % 7) for j in range(n)], dtype=torch.double)


def per_channel_weight(shape, gen):
    """s8 codes in [-127, 127] quantized per output channel (axis 0)."""
    n = shape[0]
    scales = channel_scales(n)
    codes = torch.randint(-127, 128, shape, generator=gen, dtype=torch.int32)
    w = codes.double() * scales.view(-1, *([1] * (len(shape) - 1)))
    zeros = torch.zeros(n, dtype=torch.long)
    return torch.quantize_per_channel(w.float(), scales, zeros, 0, torch.qint8), scales


def float_bias(scales, gen):
    """Bias of a few thousand accumulator units: i32 * (s_a * s_w[n])."""
    codes = torch.randint(-4000, 4001, (scales.numel(),), generator=gen)
    return (codes.double() * S_A * scales).float()


def u8_activations(shape, gen, channels_last=False):
    codes = torch.randint(0, 256, shape, generator=gen, dtype=torch.int32)
    x = (codes.double() - Z_A) * S_A
    x = x.float()
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    q = torch.quantize_per_tensor(x, S_A, Z_A, torch.quint8)
    if channels_last:
        assert q.is_contiguous(memory_format=torch.channels_last)
    return q


def measure(fn):
    """Median seconds per call over REPS batches of about BATCH_S each."""
    fn()  # warm-up (also where an unsupported combination raises)
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    batch = max(1, round(BATCH_S / one))
    per_call = []
    for _ in range(REPS):
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        per_call.append((time.perf_counter() - t) / batch)
    return statistics.median(per_call)


def linear_case(m, n, k, gen):
    ops = torch.ops.quantized
    relu = hasattr(ops, "linear_relu")
    op = ops.linear_relu if relu else ops.linear
    x = u8_activations((m, k), gen)
    w, scales = per_channel_weight((n, k), gen)
    b = float_bias(scales, gen)

    def make():
        packed = ops.linear_prepack(w, b)
        return lambda: op(x, packed, S_O_LINEAR, Z_O_LINEAR)

    return f"linear {m}x{n}x{k}", m * n * k, make


def conv_case(kh, kw, h, w_, c, f, s, p, g, gen):
    ops = torch.ops.quantized
    op = ops.conv2d_relu if hasattr(ops, "conv2d_relu") else ops.conv2d
    x = u8_activations((1, c, h, w_), gen, channels_last=True)
    w, scales = per_channel_weight((f, c // g, kh, kw), gen)
    b = float_bias(scales, gen)
    oh = (h + 2 * p - kh) // s + 1
    ow = (w_ + 2 * p - kw) // s + 1
    macs = oh * ow * f * kh * kw * (c // g)
    name = (f"conv dw{kh}x{kw} s{s} p{p} {h}x{w_}x{c}" if g > 1 else
            f"conv {kh}x{kw} s{s} p{p} {h}x{w_}x{c}->{f}")

    def make():
        packed = ops.conv2d_prepack(w, b, [s, s], [p, p], [1, 1], g)
        return lambda: op(x, packed, S_O_CONV, Z_O_CONV)

    return name, macs, make


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    engines = [e for e in ENGINES if e in torch.backends.quantized.supported_engines]
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    print(f"CPU: {model}, {threads} thread(s)")
    print(f"PyTorch {torch.__version__}, engines: {', '.join(engines) or 'none'}; "
          f"linear op: {'linear_relu' if hasattr(torch.ops.quantized, 'linear_relu') else 'linear'}, "
          f"conv op: {'conv2d_relu' if hasattr(torch.ops.quantized, 'conv2d_relu') else 'conv2d'}")

    gen = torch.Generator().manual_seed(1)
    cases = [linear_case(*shape, gen) for shape in LINEAR_SHAPES]
    cases += [conv_case(*shape, gen) for shape in CONV_SHAPES]

    width = max(len(name) for name, _, _ in cases)
    print(f"{'shape':<{width}} {'MMAC':>8}" + "".join(f" {e + ' GMAC/s':>16}" for e in engines))
    failures = []
    for name, macs, make in cases:
        cells = []
        for engine in engines:
            torch.backends.quantized.engine = engine
            try:
                secs = measure(make())
                cells.append(f"{macs / secs / 1e9:.2f}")
            except Exception as e:  # the engine rejects this op or shape
                cells.append("n/a")
                msg = str(e).strip().splitlines()
                failures.append(f"{engine}, {name}: {type(e).__name__}: "
                                f"{msg[0] if msg else ''}")
        print(f"{name:<{width}} {macs / 1e6:8.1f}" + "".join(f" {c:>16}" for c in cells),
              flush=True)
    for failure in failures:
        print("n/a: " + failure)


if __name__ == "__main__":
    main()
