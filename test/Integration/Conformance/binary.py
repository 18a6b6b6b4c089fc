#!/usr/bin/python3
"""Conformance of qnn.add and qnn.mul's generated code.

Random shapes (with broadcasting: a size-1 dimension, a missing leading
dimension), scales and zero points at and between the range ends, u8 and
i8 storage, in all four rounding modes, compared bit for bit with
reference.add / reference.mul (the NumPy transcription of docs/Semantics.md)
and, for the `float` mode, with PyTorch where its kernel computes the same
arithmetic:
  - quantized::add (onednn engine, same shapes, fewer than 64 elements, so
    that every element takes PyTorch's scalar path: dequantize, add in
    float32, quantize);
  - quantized::mul for i8 with an output zero point below 127 (the XNNPACK
    kernel, whose multiplier is f32(f32(s_a * s_b) / s_out)).
Exits non-zero on any mismatch.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402
from cinterface import (argument_parser, build, call,  # noqa: E402
                        count_mismatches)

F32 = np.float32
MODES = ref.MODES
RANGES = {"u8": (0, 255), "i8": (-128, 127)}


def qtype(st, s, z):
    return "!quant.uniform<%s:f32, %r:%d>" % (st, float(s), z)


def shape_str(shape):
    return "x".join(str(d) for d in shape) + "x" if shape else ""


def make_configs(rng, count):
    configs = []
    sizes = [1, 3, 17, 63]
    for i in range(count):
        out_shape = [int(rng.choice(sizes)) for _ in range(int(rng.integers(1, 4)))]
        kind = i % 3
        a_shape = list(out_shape)
        b_shape = list(out_shape)
        if kind == 1:  # b stretched along one dimension
            b_shape[int(rng.integers(0, len(b_shape)))] = 1
        elif kind == 2 and len(out_shape) > 1:  # b lacks the leading dims
            b_shape = out_shape[1:]
        sts = [("u8" if rng.integers(0, 2) else "i8") for _ in range(3)]
        if i % 4 == 3:
            # Shapes and types PyTorch's kernels take (see the docstring).
            out_shape = [int(rng.choice(sizes))]
            a_shape = b_shape = list(out_shape)
            sts = ["i8" if i % 8 == 3 else "u8"] * 3
        zs = []
        for st in sts:
            lo, hi = RANGES[st]
            zs.append(int(rng.choice([lo, hi, rng.integers(lo, hi + 1)])))
        if i % 8 == 3:
            zs[2] = min(zs[2], 126)
        scales = [float(F32(rng.uniform(0.005, 0.2))) for _ in range(3)]
        configs.append(dict(a_shape=a_shape, b_shape=b_shape,
                            out_shape=out_shape, sts=sts, zs=zs,
                            scales=scales,
                            clamp=(0.0, 6.0) if i % 5 == 2 and i % 4 != 3 else None))
    return configs


def mlir_function(name, op, c, mode):
    a_t, b_t, o_t = (qtype(st, s, z) for st, s, z in
                     zip(c["sts"], c["scales"], c["zs"]))
    sa, sb, so = (shape_str(s) for s in
                  (c["a_shape"], c["b_shape"], c["out_shape"]))
    clause = "" if mode == "float" else " rounding(%s)" % mode
    if c["clamp"]:
        clause += " min(%s) max(%s)" % c["clamp"]
    return "\n".join([
        "func.func @%s(%%a: tensor<%si8>, %%b: tensor<%si8>) -> "
        "tensor<%si8> attributes {llvm.emit_c_interface} {" % (name, sa, sb, so),
        "  %%qa = qnn.storage_cast %%a : tensor<%si8> -> tensor<%s%s>"
        % (sa, sa, a_t),
        "  %%qb = qnn.storage_cast %%b : tensor<%si8> -> tensor<%s%s>"
        % (sb, sb, b_t),
        "  %%y = qnn.%s %%qa, %%qb%s : tensor<%s%s>, tensor<%s%s> -> "
        "tensor<%s%s>" % (op, clause, sa, a_t, sb, b_t, so, o_t),
        "  %%s = qnn.storage_cast %%y : tensor<%s%s> -> tensor<%si8>"
        % (so, o_t, so),
        "  return %s : tensor<%si8>\n}" % ("%s", so)])


def clamped(c, q):
    """The result's optional min / max, quantized in its type (the clamp
    after the output stage)."""
    if not c["clamp"]:
        return q
    so, zo, st = c["scales"][2], c["zs"][2], c["sts"][2]
    lo, hi = (int(ref.quantize(np.array([v], F32), so, zo, st)[0])
              for v in c["clamp"])
    return np.clip(q, lo, hi)


def torch_tensor(torch, q, st, s, z):
    dtype = np.uint8 if st == "u8" else np.int8
    return torch._make_per_tensor_quantized_tensor(
        torch.tensor(q.astype(dtype)), float(F32(s)), z)


def main():
    ap = argument_parser(default_seed=31)
    ap.add_argument("--configs", type=int, default=80)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    configs = make_configs(rng, args.configs)
    text = []
    for i, c in enumerate(configs):
        for op in ("add", "mul"):
            for mode in MODES:
                text.append(mlir_function("%s_%d_%s" % (op, i, mode), op, c,
                                          mode))
    lib = build(args, "\n\n".join(text) + "\n", stem="binary")
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None

    mismatches = 0
    counts = {(op, m): 0 for op in ("add", "mul") for m in MODES}
    torch_counts = {"add": 0, "mul": 0}
    for i, c in enumerate(configs):
        A = rng.integers(*(np.array(RANGES[c["sts"][0]]) + [0, 1]),
                         c["a_shape"])
        B = rng.integers(*(np.array(RANGES[c["sts"][1]]) + [0, 1]),
                         c["b_shape"])
        (sa, sb, so), (za, zb, zo) = c["scales"], c["zs"]
        for op in ("add", "mul"):
            fn = ref.add if op == "add" else ref.mul
            for mode in MODES:
                got = call(lib, "%s_%d_%s" % (op, i, mode), c["out_shape"],
                           np.int8, A.astype(np.int8),
                           B.astype(np.int8)).astype(np.int64)
                if c["sts"][2] == "u8":
                    got &= 0xFF
                want = clamped(c, fn(A, sa, za, B, sb, zb, so, zo,
                                     c["sts"][2], mode))
                mismatches += count_mismatches(
                    "%s config %d %s" % (op, i, mode), got, want)
                counts[(op, mode)] += got.size
                if mode != "float" or torch is None or c["clamp"]:
                    continue
                same = (c["a_shape"] == c["b_shape"] and
                        len(set(c["sts"])) == 1)
                if op == "add" and same and got.size < 64:
                    torch.backends.quantized.engine = "onednn"
                    t = torch.ops.quantized.add(
                        torch_tensor(torch, A, c["sts"][0], sa, za),
                        torch_tensor(torch, B, c["sts"][1], sb, zb),
                        float(F32(so)), zo)
                elif (op == "mul" and c["a_shape"] == c["b_shape"] and
                      c["sts"] == ["i8"] * 3 and zo < 127 and
                      2.0 ** -16 <= sa * sb / so < 2.0 ** 8):
                    t = torch.ops.quantized.mul(
                        torch_tensor(torch, A, "i8", sa, za),
                        torch_tensor(torch, B, "i8", sb, zb),
                        float(F32(so)), zo)
                else:
                    continue
                tv = t.int_repr().numpy().astype(np.int64)
                mismatches += count_mismatches(
                    "vs PyTorch %s config %d" % (op, i), got, tv)
                torch_counts[op] += tv.size
    for (op, mode), n in counts.items():
        print("%s %s: %d values checked against reference.py" % (op, mode, n))
    for op, n in torch_counts.items():
        print("%s float: %d values checked against PyTorch" % (op, n))
    print("add/mul: %d mismatches" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
