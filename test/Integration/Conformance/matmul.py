#!/usr/bin/python3
"""Conformance of qnn.matmul's generated code.

Random configurations (shapes, scales, zero points at and between the range
ends, per-channel asymmetric weights, i32 biases) are lowered with
quant-opt --qnn-to-llvm, compiled to a shared object and called through
their _mlir_ciface_ entry points. Results are compared bit for bit with:
  - PyTorch's quantized linear (qnnpack and onednn engines), whose output
    stage is the contract's `float` mode, for the configurations it
    supports (u8 activations, s8 weights, no bias);
  - with --constant-weights, the weights are a constant of each function
    (a deployed model: folded and packed at compile time) instead of an
    argument;
  - reference.py (the NumPy transcription of docs/Semantics.md), which sums
    (a - za)(w - zw) directly, in all four rounding modes, with biases.
Exits non-zero on any mismatch.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402
from cinterface import (argument_parser, build, call,  # noqa: E402
                        count_mismatches, exact_torch_engines, fmt)

F32 = np.float32
MODES = ref.MODES


def make_configs(rng, count):
    configs = []
    for i in range(count):
        m, k, n = (int(rng.integers(1, 33)), int(rng.integers(1, 257)),
                   int(rng.integers(1, 25)))
        if i % 2:
            # Tails of every vector width and register block (1, 3, 17, 63,
            # 65) and, in K, several cache tiles of the reduction (1000).
            m, n = (int(rng.choice([1, 3, 17, 63, 65])) for _ in range(2))
            k = int(rng.choice([1, 3, 17, 63, 65, 1000]))
        a_st = "u8" if i % 3 else "i8"
        alo, ahi = (0, 255) if a_st == "u8" else (-128, 127)
        za = int(rng.choice([alo, ahi, rng.integers(alo, ahi + 1)]))
        sa = float(rng.uniform(0.001, 0.1))
        sws = rng.uniform(0.0005, 0.05, n)
        zws = (np.zeros(n, dtype=np.int64) if i % 2 == 0
               else rng.integers(-128, 128, n))
        so = float(rng.uniform(0.01, 2.0))
        o_st = "u8" if i % 4 else "i8"
        olo, ohi = (0, 255) if o_st == "u8" else (-128, 127)
        zo = int(rng.integers(olo, ohi + 1))
        bias = i % 5 != 0
        configs.append(dict(m=m, k=k, n=n, a_st=a_st, za=za, sa=sa, sws=sws,
                            zws=zws, so=so, o_st=o_st, zo=zo, olo=olo,
                            ohi=ohi, bias=bias))
    return configs


def dense(values):
    """A nested list literal of an integer array, for dense<...>."""
    if values.ndim == 1:
        return "[%s]" % ", ".join(str(int(v)) for v in values)
    return "[%s]" % ", ".join(dense(row) for row in values)


def mlir_function(name, c, mode):
    m, k, n = c["m"], c["k"], c["n"]
    at = "!quant.uniform<%s:f32, %s:%d>" % (c["a_st"], fmt(c["sa"]), c["za"])
    chans = ", ".join("%s:%d" % (fmt(s), z) for s, z in zip(c["sws"], c["zws"]))
    wt = "!quant.uniform<i8:f32:1, {%s}>" % chans
    bscales = ", ".join(fmt(F32(c["sa"]) * F32(s)) for s in c["sws"])
    bt = "!quant.uniform<i32:f32:0, {%s}>" % bscales
    ot = "!quant.uniform<%s:f32, %s:%d>" % (c["o_st"], fmt(c["so"]), c["zo"])
    clause = "" if mode == "float" else " rounding(%s)" % mode
    lines = [
        "func.func @%s(%%a: tensor<%dx%dxi8>, %%w: tensor<%dx%dxi8>, "
        "%%b: tensor<%dxi32>) -> tensor<%dx%dxi8> attributes "
        "{llvm.emit_c_interface} {" % (name, m, k, k, n, n, m, n),
        "  %%qa = qnn.storage_cast %%a : tensor<%dx%dxi8> -> tensor<%dx%dx%s>"
        % (m, k, m, k, at),
    ]
    weights = "%w"
    if "W" in c:
        # The argument stays in the signature, unused, so that every
        # function is called alike.
        lines.append("  %%wc = arith.constant dense<%s> : tensor<%dx%dxi8>"
                     % (dense(c["W"]), k, n))
        weights = "%wc"
    lines.append("  %%qw = qnn.storage_cast %s : tensor<%dx%dxi8> -> "
                 "tensor<%dx%dx%s>" % (weights, k, n, k, n, wt))
    if c["bias"]:
        lines.append("  %%qb = qnn.storage_cast %%b : tensor<%dxi32> -> "
                     "tensor<%dx%s>" % (n, n, bt))
        lines.append("  %%c = qnn.matmul %%qa, %%qw, %%qb%s : tensor<%dx%dx%s>, "
                     "tensor<%dx%dx%s>, tensor<%dx%s> -> tensor<%dx%dx%s>"
                     % (clause, m, k, at, k, n, wt, n, bt, m, n, ot))
    else:
        lines.append("  %%c = qnn.matmul %%qa, %%qw%s : tensor<%dx%dx%s>, "
                     "tensor<%dx%dx%s> -> tensor<%dx%dx%s>"
                     % (clause, m, k, at, k, n, wt, m, n, ot))
    lines.append("  %%s = qnn.storage_cast %%c : tensor<%dx%dx%s> -> "
                 "tensor<%dx%dxi8>" % (m, n, ot, m, n))
    lines.append("  return %%s : tensor<%dx%dxi8>\n}" % (m, n))
    return "\n".join(lines)


def torch_linear(torch, engine, c, A, W):
    torch.backends.quantized.engine = engine
    qa = torch._make_per_tensor_quantized_tensor(
        torch.tensor(A.astype(np.uint8)), float(F32(c["sa"])), c["za"])
    wt = torch.tensor(W.T.astype(np.int8).copy())
    qw = torch._make_per_channel_quantized_tensor(
        wt, torch.tensor([float(F32(s)) for s in c["sws"]], dtype=torch.double),
        torch.tensor(c["zws"], dtype=torch.long), 0)
    packed = torch.ops.quantized.linear_prepack(qw, None)
    out = torch.ops.quantized.linear(qa, packed, float(F32(c["so"])), c["zo"])
    return out.int_repr().numpy().astype(np.int64)


def main():
    ap = argument_parser(default_seed=2026)
    ap.add_argument("--configs", type=int, default=40)
    ap.add_argument("--constant-weights", action="store_true",
                    help="weights as constants of the functions")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    configs = make_configs(rng, args.configs)
    if args.constant_weights:
        wrng = np.random.default_rng(args.seed + 1)
        for c in configs:
            c["W"] = wrng.integers(-128, 128, (c["k"], c["n"]))
    text = []
    for i, c in enumerate(configs):
        for mode in MODES:
            text.append(mlir_function("mm_%d_%s" % (i, mode), c, mode))
    lib = build(args, "\n\n".join(text) + "\n", stem="matmul")

    try:
        import torch
        engines = exact_torch_engines(torch)
    except ImportError:
        torch, engines = None, []

    mismatches = 0
    counts = {mode: 0 for mode in MODES}
    torch_checked = 0
    for i, c in enumerate(configs):
        m, k, n = c["m"], c["k"], c["n"]
        alo, ahi = (0, 255) if c["a_st"] == "u8" else (-128, 127)
        A = rng.integers(alo, ahi + 1, (m, k))
        W = c["W"] if "W" in c else rng.integers(-128, 128, (k, n))
        B = (rng.integers(-200000, 200000, n) if c["bias"]
             else np.zeros(n, dtype=np.int64))
        acc = (A - c["za"]) @ (W - c["zws"][None, :]) + B[None, :]
        for mode in MODES:
            got = call(lib, "mm_%d_%s" % (i, mode), (m, n), np.int8,
                       A.astype(np.int8), W.astype(np.int8),
                       B.astype(np.int32))
            got = got.astype(np.int64)
            if c["o_st"] == "u8":
                got &= 0xFF
            want = ref.product_output_stage(acc, c["sa"], c["sws"], c["so"], c["zo"],
                                c["olo"], c["ohi"], mode)
            counts[mode] += got.size
            mismatches += count_mismatches("config %d %s" % (i, mode), got,
                                           want, acc)
            # PyTorch's quantized linear: u8 activations, s8 weights, u8
            # output, no bias; its output stage is the float mode.
            if (mode == "float" and torch is not None and c["a_st"] == "u8"
                    and c["o_st"] == "u8" and not c["bias"]):
                for engine in engines:
                    if engine == "onednn" and np.any(c["zws"] != 0):
                        continue  # onednn takes symmetric weights only
                    t = torch_linear(torch, engine, c, A, W)
                    mismatches += count_mismatches(
                        "vs PyTorch %s config %d" % (engine, i), got, t)
                    torch_checked += t.size
    for mode in MODES:
        print("matmul %s: %d values checked against reference.py"
              % (mode, counts[mode]))
    print("matmul float: %d values checked against PyTorch (%s)"
          % (torch_checked, ", ".join(engines) or "none"))
    print("matmul: %d mismatches" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
