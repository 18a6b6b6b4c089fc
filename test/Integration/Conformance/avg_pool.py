#!/usr/bin/python3
"""Conformance of qnn.avg_pool2d's generated code.

Random NHWC poolings (1, 3, 17 and 63 channels; kernels up to 3x3; strides;
symmetric and asymmetric padding; count_include_pad true and false;
divisor overrides; u8 and i8 with zero points at the range ends; output
types equal to or different from the input's) in all four rounding modes
against a NumPy evaluation of docs/Semantics.md (section 9h), and, for the
`float` mode with equal types and symmetric padding, against PyTorch's
quantized avg_pool2d on channels-last tensors (onednn engine: its native
kernel, which keeps count_include_pad and divisor_override; QNNPACK's u8
kernel ignores both). Exits non-zero on any mismatch.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402
from cinterface import (argument_parser, build, call,  # noqa: E402
                        count_mismatches, fmt)

F32 = np.float32
MODES = ref.MODES
RANGES = {"u8": (0, 255), "i8": (-128, 127)}


def make_configs(rng, count):
    configs = []
    for i in range(count):
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        stride = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        if i % 2 == 0:  # symmetric, as PyTorch takes it (pad <= kernel / 2)
            p = [int(rng.integers(0, kh // 2 + 1)), int(rng.integers(0, kw // 2 + 1))]
            pad = p + p
        else:
            pad = [int(rng.integers(0, kh)), int(rng.integers(0, kw)),
                   int(rng.integers(0, kh)), int(rng.integers(0, kw))]
        h = int(rng.integers(max(1, kh - pad[0] - pad[2]), 12))
        w = int(rng.integers(max(1, kw - pad[1] - pad[3]), 12))
        st = "u8" if i % 3 else "i8"
        lo, hi = RANGES[st]
        z = int(rng.choice([lo, hi, rng.integers(lo, hi + 1)]))
        s = float(F32(rng.uniform(0.01, 0.5)))
        same = i % 4 != 3
        if same:
            so, zo, ost = s, z, st
        else:
            ost = "u8" if i % 8 == 3 else "i8"
            olo, ohi = RANGES[ost]
            so = float(F32(rng.uniform(0.01, 0.5)))
            zo = int(rng.integers(olo, ohi + 1))
        configs.append(dict(
            n=int(rng.integers(1, 3)), h=h, w=w,
            c=int(rng.choice([1, 3, 17, 63])), kernel=[kh, kw],
            stride=stride, pad=pad,
            oh=(h + pad[0] + pad[2] - kh) // stride[0] + 1,
            ow=(w + pad[1] + pad[3] - kw) // stride[1] + 1,
            include=bool(i % 3 != 1), relu=i % 7 == 5, dynamic=i % 4 == 2,
            divisor=int(rng.integers(1, 12)) if i % 5 == 4 else None,
            st=st, s=s, z=z, ost=ost, so=so, zo=zo))
    return configs


def mlir_function(name, c, mode):
    # Some configurations leave N, H and W to run time (a border divisor
    # table needs them static, so only with uniform divisors).
    dyn = c["include"] or c["divisor"] or not any(c["pad"])
    dyn = dyn and c["dynamic"]
    xs = "%sx%d" % ("?x?x?" if dyn else "%dx%dx%d" % (c["n"], c["h"], c["w"]),
                    c["c"])
    ys = "%sx%d" % ("?x?x?" if dyn else "%dx%dx%d" % (c["n"], c["oh"], c["ow"]),
                    c["c"])
    it = "!quant.uniform<%s:f32, %s:%d>" % (c["st"], fmt(c["s"]), c["z"])
    ot = "!quant.uniform<%s:f32, %s:%d>" % (c["ost"], fmt(c["so"]), c["zo"])
    attrs = "kernel [%d, %d] strides [%d, %d] padding [%s]" % (
        c["kernel"][0], c["kernel"][1], c["stride"][0], c["stride"][1],
        ", ".join(str(p) for p in c["pad"]))
    if not c["include"]:
        attrs += " count_include_pad(false)"
    if c["divisor"]:
        attrs += " divisor(%d)" % c["divisor"]
    if mode != "float":
        attrs += " rounding(%s)" % mode
    if c["relu"]:
        attrs += " min(0.0)"
    return "\n".join([
        "func.func @%s(%%x: tensor<%sxi8>) -> tensor<%sxi8> attributes "
        "{llvm.emit_c_interface} {" % (name, xs, ys),
        "  %%q = qnn.storage_cast %%x : tensor<%sxi8> -> tensor<%sx%s>"
        % (xs, xs, it),
        "  %%y = qnn.avg_pool2d %%q %s : tensor<%sx%s> -> tensor<%sx%s>"
        % (attrs, xs, it, ys, ot),
        "  %%s = qnn.storage_cast %%y : tensor<%sx%s> -> tensor<%sxi8>"
        % (ys, ot, ys),
        "  return %%s : tensor<%sxi8>\n}" % ys])


def reference(c, X, mode):
    """acc = sum (q - z) over the taps inside the input, the divisor of the
    window, and the output stage with M = s_in / (s_out * d)."""
    kh, kw = c["kernel"]
    pt, pl, pb, pr = c["pad"]
    Xp = np.pad(X - c["z"], ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    inside = np.pad(np.ones((c["h"], c["w"]), np.int64), ((pt, pb), (pl, pr)))
    out = np.zeros((c["n"], c["oh"], c["ow"], c["c"]), np.int64)
    lo, hi = RANGES[c["ost"]]
    s_in, s_out = F32(c["s"]), F32(c["so"])
    for i in range(c["oh"]):
        for j in range(c["ow"]):
            r0, c0 = i * c["stride"][0], j * c["stride"][1]
            acc = Xp[:, r0:r0 + kh, c0:c0 + kw, :].sum(axis=(1, 2))
            d = c["divisor"] or (kh * kw if c["include"] else
                                 int(inside[r0:r0 + kh, c0:c0 + kw].sum()))
            if mode == "float":
                m32 = F32(F32(s_in / s_out) / F32(d))
                with np.errstate(all="ignore"):
                    r = np.rint((acc.astype(F32) * m32).astype(F32))
                r = r.astype(np.int64)
            else:
                m, e = ref.quantize_multiplier(float(s_in) / float(s_out) / d)
                fn = {"double_round": ref.multiply_double_round,
                      "half_up": ref.multiply_half_up,
                      "half_away": ref.multiply_half_away}[mode]
                r = fn(acc, m, e)
            # ReLU, min(0.0): the bound quantize(0.0) is the zero point.
            out[:, i, j, :] = np.clip(c["zo"] + r, c["zo"] if c["relu"] else lo,
                                      hi)
    return out


def torch_pool(torch, c, X):
    torch.backends.quantized.engine = "onednn"
    dtype = torch.quint8 if c["st"] == "u8" else torch.qint8
    x = torch.tensor(X.transpose(0, 3, 1, 2).astype(
        np.uint8 if c["st"] == "u8" else np.int8))
    qx = torch._make_per_tensor_quantized_tensor(x, c["s"], c["z"])
    assert qx.dtype == dtype
    qx = qx.contiguous(memory_format=torch.channels_last)
    y = torch.nn.functional.avg_pool2d(
        qx, c["kernel"], c["stride"], c["pad"][:2], ceil_mode=False,
        count_include_pad=c["include"], divisor_override=c["divisor"])
    return y.int_repr().numpy().transpose(0, 2, 3, 1).astype(np.int64)


def main():
    ap = argument_parser(default_seed=41)
    ap.add_argument("--configs", type=int, default=60)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    configs = make_configs(rng, args.configs)
    text = [mlir_function("pool_%d_%s" % (i, mode), c, mode)
            for i, c in enumerate(configs) for mode in MODES]
    lib = build(args, "\n\n".join(text) + "\n", stem="avg_pool")
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    mismatches, torch_checked = 0, 0
    counts = {mode: 0 for mode in MODES}
    for i, c in enumerate(configs):
        lo, hi = RANGES[c["st"]]
        X = rng.integers(lo, hi + 1, (c["n"], c["h"], c["w"], c["c"]))
        for mode in MODES:
            got = call(lib, "pool_%d_%s" % (i, mode),
                       (c["n"], c["oh"], c["ow"], c["c"]), np.int8,
                       X.astype(np.int8)).astype(np.int64)
            if c["ost"] == "u8":
                got &= 0xFF
            mismatches += count_mismatches("config %d %s" % (i, mode), got,
                                           reference(c, X, mode))
            counts[mode] += got.size
            # PyTorch takes symmetric padding of at most half the kernel.
            if (mode == "float" and torch is not None and not c["relu"] and
                    c["pad"][:2] == c["pad"][2:] and
                    all(p <= k // 2 for p, k in zip(c["pad"], c["kernel"])) and
                    (c["st"], c["s"], c["z"]) == (c["ost"], c["so"], c["zo"])):
                t = torch_pool(torch, c, X)
                mismatches += count_mismatches(
                    "vs PyTorch config %d" % i, got, t)
                torch_checked += t.size
    for mode in MODES:
        print("avg_pool2d %s: %d values checked against the reference"
              % (mode, counts[mode]))
    print("avg_pool2d float: %d values checked against PyTorch (onednn)"
          % torch_checked)
    print("avg_pool2d: %d mismatches" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
