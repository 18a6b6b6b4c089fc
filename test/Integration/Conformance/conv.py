#!/usr/bin/python3
"""Conformance of qnn.conv2d's generated code.

Random NHWC convolutions (1 to 63 channels, groups including depthwise with
channel multipliers, strides, dilations, asymmetric padding, zero points at
the range ends, per-channel asymmetric filters, i32 biases, constant and
run-time filters, a fused ReLU `min(0.0)`) are lowered with quant-opt --qnn-to-llvm, compiled and
called. Results are compared bit for bit with:
  - a direct NumPy evaluation of the contract: acc = sum (x - zx)(w - zw)
    over the zero-point-padded window, plus the bias, then
    reference.product_output_stage, in all four rounding modes;
  - PyTorch's quantized conv2d (qnnpack and onednn engines), whose output
    stage is the `float` mode, where PyTorch takes the configuration
    (u8 activations and output, symmetric padding, no bias; onednn only
    with symmetric filters).
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
    channel_choices = [1, 3, 17, 63, 4, 8]
    configs = []
    for i in range(count):
        kind = ["dense", "depthwise", "grouped"][i % 3]
        if kind == "dense":
            groups, cg = 1, int(rng.choice(channel_choices))
            fg = int(rng.choice(channel_choices))
            if i % 6 == 3:
                cg = 300  # two cache tiles of the channel reduction

        elif kind == "depthwise":
            groups, cg = int(rng.choice([1, 3, 17, 63, 16])), 1
            fg = int(rng.choice([1, 2]))
        else:
            groups = int(rng.choice([2, 3]))
            cg, fg = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        stride = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        dil = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        symmetric = i % 2 == 0
        pad = [int(rng.integers(0, 3)) for _ in range(2)]
        pad = pad + pad if symmetric else pad + [int(rng.integers(0, 3))
                                                 for _ in range(2)]
        span = [dil[0] * (kh - 1) + 1, dil[1] * (kw - 1) + 1]
        h = int(rng.integers(max(1, span[0] - pad[0] - pad[2]), 13))
        w = int(rng.integers(max(1, span[1] - pad[1] - pad[3]), 13))
        oh = (h + pad[0] + pad[2] - span[0]) // stride[0] + 1
        ow = (w + pad[1] + pad[3] - span[1]) // stride[1] + 1
        f = groups * fg
        a_st = "u8" if i % 4 else "i8"
        alo, ahi = (0, 255) if a_st == "u8" else (-128, 127)
        za = int(rng.choice([alo, ahi, rng.integers(alo, ahi + 1)]))
        zws = (np.zeros(f, dtype=np.int64) if i % 3 != 1
               else rng.integers(-128, 128, f))
        o_st = "u8" if i % 5 else "i8"
        olo, ohi = (0, 255) if o_st == "u8" else (-128, 127)
        configs.append(dict(
            n=int(rng.integers(1, 3)), h=h, w=w, groups=groups, cg=cg, fg=fg,
            c=groups * cg, f=f, kh=kh, kw=kw, stride=stride, dil=dil, pad=pad,
            oh=oh, ow=ow, a_st=a_st, za=za, sa=float(rng.uniform(0.001, 0.1)),
            sws=rng.uniform(0.0005, 0.05, f), zws=zws,
            so=float(rng.uniform(0.01, 2.0)), o_st=o_st,
            zo=int(rng.integers(olo, ohi + 1)), olo=olo, ohi=ohi,
            bias=(i // 3) % 2 == 1, constant=i % 5 == 2, relu=i % 7 in (1, 4), dynamic=i % 6 == 5))
    return configs


def shape(*dims):
    return "x".join(str(d) for d in dims)


def dense_literal(values):
    return "dense<%s>" % str(values.astype(int).tolist())


def mlir_function(name, c, mode, W=None):
    """The conv of config `c`; with `W`, the filter is a qnn.constant."""
    # Some configurations leave N, H and W to run time (the sizes come from
    # the memref descriptors).
    dyn = c["dynamic"]
    xs = shape(*(["?"] * 3 if dyn else [c["n"], c["h"], c["w"]]), c["c"])
    ws = shape(c["kh"], c["kw"], c["cg"], c["f"])
    ys = shape(*(["?"] * 3 if dyn else [c["n"], c["oh"], c["ow"]]), c["f"])
    at = "!quant.uniform<%s:f32, %s:%d>" % (c["a_st"], fmt(c["sa"]), c["za"])
    chans = ", ".join("%s:%d" % (fmt(s), z) for s, z in zip(c["sws"], c["zws"]))
    wt = "!quant.uniform<i8:f32:3, {%s}>" % chans
    bscales = ", ".join(fmt(F32(c["sa"]) * F32(s)) for s in c["sws"])
    bt = "!quant.uniform<i32:f32:0, {%s}>" % bscales
    ot = "!quant.uniform<%s:f32, %s:%d>" % (c["o_st"], fmt(c["so"]), c["zo"])
    attrs = "strides [%d, %d] dilations [%d, %d] padding [%s]" % (
        c["stride"][0], c["stride"][1], c["dil"][0], c["dil"][1],
        ", ".join(str(p) for p in c["pad"]))
    if c["groups"] != 1:
        attrs += " groups(%d)" % c["groups"]
    if mode != "float":
        attrs += " rounding(%s)" % mode
    if c["relu"]:
        attrs += " min(0.0)"
    lines = [
        "func.func @%s(%%x: tensor<%sxi8>, %%w: tensor<%sxi8>, "
        "%%b: tensor<%dxi32>) -> tensor<%sxi8> attributes "
        "{llvm.emit_c_interface} {" % (name, xs, ws, c["f"], ys),
        "  %%qx = qnn.storage_cast %%x : tensor<%sxi8> -> tensor<%sx%s>"
        % (xs, xs, at),
    ]
    if W is None:
        lines.append("  %%qw = qnn.storage_cast %%w : tensor<%sxi8> -> "
                     "tensor<%sx%s>" % (ws, ws, wt))
    else:
        lines.append("  %%qw = qnn.constant %s : tensor<%sxsi8> -> "
                     "tensor<%sx%s>" % (dense_literal(W), ws, ws, wt))
    operands, types = "%qx, %qw", "tensor<%sx%s>, tensor<%sx%s>" % (
        xs, at, ws, wt)
    if c["bias"]:
        lines.append("  %%qb = qnn.storage_cast %%b : tensor<%dxi32> -> "
                     "tensor<%dx%s>" % (c["f"], c["f"], bt))
        operands += ", %qb"
        types += ", tensor<%dx%s>" % (c["f"], bt)
    lines.append("  %%y = qnn.conv2d %s %s : %s -> tensor<%sx%s>"
                 % (operands, attrs, types, ys, ot))
    lines.append("  %%s = qnn.storage_cast %%y : tensor<%sx%s> -> "
                 "tensor<%sxi8>" % (ys, ot, ys))
    lines.append("  return %%s : tensor<%sxi8>\n}" % ys)
    return "\n".join(lines)


def conv_accumulator(c, X, W, B):
    """acc[n, oh, ow, f] = sum (x - zx)(w - zw) + bias, in int64, with the
    padded taps holding zx."""
    pt, pl, pb, pr = c["pad"]
    Xp = np.pad(X - c["za"], ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    Wz = W - c["zws"][None, None, None, :]
    acc = np.zeros((c["n"], c["oh"], c["ow"], c["f"]), dtype=np.int64)
    sh, sw = c["stride"]
    dh, dw = c["dil"]
    for g in range(c["groups"]):
        xs = Xp[..., g * c["cg"]:(g + 1) * c["cg"]]
        fs = slice(g * c["fg"], (g + 1) * c["fg"])
        for i in range(c["kh"]):
            for j in range(c["kw"]):
                win = xs[:, i * dh:i * dh + sh * (c["oh"] - 1) + 1:sh,
                         j * dw:j * dw + sw * (c["ow"] - 1) + 1:sw, :]
                acc[..., fs] += win @ Wz[i, j, :, fs]
    return acc + B[None, None, None, :]


def near_tie(c, acc):
    """Where f32(f32(acc) * M32), the float mode's scaled accumulator, lies
    within 2^-20 of a tie. There, PyTorch 1.13's qnnpack convolution can
    round the other way than the contract's rne (seen: acc -19239, M32
    0.00038983312, product -7.4999995: the contract gives -7, qnnpack -8);
    a PyTorch value that differs from ours only there, where ours is the
    reference's, is counted as excused, not as a mismatch."""
    m = np.array([F32(F32(F32(c["sa"]) * F32(s)) / F32(c["so"]))
                  for s in c["sws"]], dtype=F32)
    scaled = acc.astype(F32) * m
    frac = np.abs(scaled - np.floor(scaled))
    return np.abs(frac.astype(np.float64) - 0.5) < 2.0 ** -20


def torch_conv(torch, engine, c, X, W):
    torch.backends.quantized.engine = engine
    qx = torch._make_per_tensor_quantized_tensor(
        torch.tensor(np.ascontiguousarray(X.transpose(0, 3, 1, 2))
                     .astype(np.uint8)), float(F32(c["sa"])), c["za"])
    qw = torch._make_per_channel_quantized_tensor(
        torch.tensor(np.ascontiguousarray(W.transpose(3, 2, 0, 1))
                     .astype(np.int8)),
        torch.tensor([float(F32(s)) for s in c["sws"]], dtype=torch.double),
        torch.tensor(c["zws"], dtype=torch.long), 0)
    packed = torch.ops.quantized.conv2d_prepack(
        qw, None, c["stride"], c["pad"][:2], c["dil"], c["groups"])
    conv = (torch.ops.quantized.conv2d_relu if c["relu"]
            else torch.ops.quantized.conv2d)
    out = conv(qx, packed, float(F32(c["so"])), c["zo"])
    return out.int_repr().numpy().transpose(0, 2, 3, 1).astype(np.int64)


def main():
    ap = argument_parser(default_seed=2027)
    ap.add_argument("--configs", type=int, default=30)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    configs = make_configs(rng, args.configs)
    data = []
    text = []
    for i, c in enumerate(configs):
        alo, ahi = (0, 255) if c["a_st"] == "u8" else (-128, 127)
        X = rng.integers(alo, ahi + 1, (c["n"], c["h"], c["w"], c["c"]))
        W = rng.integers(-128, 128, (c["kh"], c["kw"], c["cg"], c["f"]))
        B = (rng.integers(-100000, 100000, c["f"]) if c["bias"]
             else np.zeros(c["f"], dtype=np.int64))
        data.append((X, W, B))
        for mode in MODES:
            text.append(mlir_function("conv_%d_%s" % (i, mode), c, mode,
                                      W if c["constant"] else None))
    lib = build(args, "\n\n".join(text) + "\n", stem="conv")

    try:
        import torch
        engines = exact_torch_engines(torch)
    except ImportError:
        torch, engines = None, []

    mismatches = 0
    counts = {mode: 0 for mode in MODES}
    torch_checked = ties_excused = 0
    for i, (c, (X, W, B)) in enumerate(zip(configs, data)):
        acc = conv_accumulator(c, X, W, B)
        yshape = acc.shape
        for mode in MODES:
            got = call(lib, "conv_%d_%s" % (i, mode), yshape, np.int8,
                       X.astype(np.int8), W.astype(np.int8),
                       B.astype(np.int32)).astype(np.int64)
            if c["o_st"] == "u8":
                got &= 0xFF
            # ReLU, min(0.0): the bound quantize(0.0) is the zero point.
            lo = c["zo"] if c["relu"] else c["olo"]
            want = ref.product_output_stage(
                acc.reshape(-1, c["f"]), c["sa"], c["sws"], c["so"], c["zo"],
                lo, c["ohi"], mode).reshape(yshape)
            counts[mode] += got.size
            mismatches += count_mismatches("config %d %s" % (i, mode), got,
                                           want, acc)
            symmetric = c["pad"][:2] == c["pad"][2:]
            if (mode == "float" and torch is not None and c["a_st"] == "u8"
                    and c["o_st"] == "u8" and not c["bias"] and symmetric):
                for engine in engines:
                    if engine == "onednn" and np.any(c["zws"] != 0):
                        continue  # onednn takes symmetric weights only
                    t = torch_conv(torch, engine, c, X, W)
                    excused = near_tie(c, acc) & (got == want) & (t != got)
                    ties_excused += int(excused.sum())
                    mismatches += count_mismatches(
                        "vs PyTorch %s config %d" % (engine, i),
                        np.where(excused, t, got), t)
                    torch_checked += t.size
    for mode in MODES:
        print("conv2d %s: %d values checked against reference.py"
              % (mode, counts[mode]))
    print("conv2d float: %d values checked against PyTorch (%s), %d "
          "near-tie differences of PyTorch excused"
          % (torch_checked, ", ".join(engines) or "none", ties_excused))
    print("conv2d: %d mismatches" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
