"""PyTorch column of the quantization benchmark.

Run with the interpreter that has torch (/usr/bin/python3 here):
    torch_bench.py DIR
DIR holds what `bench dump DIR` wrote: x.f32, q.u8 and params.txt. Prints one
machine-readable line per (op, size):
    torch <op> <n> <median Gelem/s> <best Gelem/s>
and writes PyTorch's outputs on the largest size (torch_<op>.{u8,f32}) so
that bench can report how PyTorch's bits compare with the contract.

Only the op is timed, single thread, pinned to the same CPU as the C++ side.
torch.quantize_per_tensor and .dequantize() have no out= variant, so each call
also allocates its output; that is part of what a PyTorch user pays.
"""

import os
import statistics
import sys
import time

import torch


def read_params(path):
    params = {}
    with open(path) as f:
        for line in f:
            key, *vals = line.split()
            params[key] = vals if len(vals) > 1 else vals[0]
    return params


def measure(fn, elems):
    """Median and best Gelem/s over several repetitions of a batch of calls."""
    fn()  # warm-up
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-8)
    batch = max(1, int(2e-3 / one))
    reps = min(31, max(5, int(0.15 / (one * batch))))
    per_call = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        per_call.append((time.perf_counter() - t) / batch)
    return elems / statistics.median(per_call) / 1e9, elems / min(per_call) / 1e9


def main():
    d = sys.argv[1]
    p = read_params(os.path.join(d, "params.txt"))
    os.sched_setaffinity(0, {int(p["cpu"])})
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)

    s_in, z_in = float(p["q_scale"]), int(p["q_zero"])
    s_out, z_out = float(p["out_scale"]), int(p["out_zero"])
    sizes = [int(n) for n in p["sizes"]]
    nmax = max(sizes)
    x_all = torch.from_file(os.path.join(d, "x.f32"), size=nmax, dtype=torch.float32)
    q_all = torch.from_file(os.path.join(d, "q.u8"), size=nmax, dtype=torch.uint8)

    for n in sizes:
        x = x_all[:n].clone()
        # The u8 codes as a quint8 tensor with the input type's parameters.
        qx = torch._make_per_tensor_quantized_tensor(q_all[:n].clone(), s_in, z_in)
        ops = {
            "quantize": lambda: torch.quantize_per_tensor(x, s_in, z_in, torch.quint8),
            "dequantize": lambda: qx.dequantize(),
            # Float-mode requantize as PyTorch spells it.
            "requantize": lambda: torch.quantize_per_tensor(
                qx.dequantize(), s_out, z_out, torch.quint8
            ),
        }
        for name, fn in ops.items():
            med, best = measure(fn, n)
            print(f"torch {name} {n} {med:.6f} {best:.6f}", flush=True)
        if n == nmax:
            ops["quantize"]().int_repr().numpy().tofile(os.path.join(d, "torch_quantize.u8"))
            ops["dequantize"]().numpy().tofile(os.path.join(d, "torch_dequantize.f32"))
            ops["requantize"]().int_repr().numpy().tofile(
                os.path.join(d, "torch_requantize.u8")
            )


if __name__ == "__main__":
    main()
