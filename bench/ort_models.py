#!/usr/bin/python3
"""Writes the ONNX Runtime peer of run-matmul.sh and run-conv.sh.

    ort_models.py matmul|conv OUTDIR

For every shape of the benchmark: a model with one QLinearMatMul (A u8
M x K, B s8 K x N, per-column B scales) or one QLinearConv (NCHW u8 input,
s8 filters per output channel, i32 bias) whose weights are an initializer
(a deployed model: ORT prepacks them), with the scales and zero points of
matmul_kernels.mlir.in / conv_kernels.mlir.in and the weights of
int8_bench.h's constantWeight; a random input; and the output that ONNX's
definition gives for it (exact i32 accumulator, float32 multiplier
f32(f32(sa * sw) / so), round half to even, zero point, saturation). Neither
op has ReLU, so this reference has none. manifest.json lists them for
ort_bench.js.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from constant_weights import weights as constant_weights  # noqa: E402

F32 = np.float32
SA, ZA, SO = F32(0.05), 128, F32(0.5)

MATMUL = [(64, 64, 64), (256, 256, 256), (1024, 1024, 1024),
          (128, 3072, 768), (1, 4096, 4096)]
# kh kw h w c f stride padding groups, as run-conv.sh.
CONV = [(3, 3, 56, 56, 64, 64, 1, 1, 1), (3, 3, 28, 28, 128, 128, 1, 1, 1),
        (1, 1, 56, 56, 64, 256, 1, 0, 1), (3, 3, 56, 56, 128, 128, 2, 1, 1),
        (3, 3, 112, 112, 32, 32, 1, 1, 32)]


def weight_scales(n):
    return np.array([0.001 * (1 + j % 7) for j in range(n)], dtype=F32)


def output_stage(acc, sw, zo):
    """ONNX's requantization of an exact accumulator, channel last."""
    m = (SA * sw).astype(F32) / SO
    r = np.rint((acc.astype(F32) * m.astype(F32)).astype(F32))
    return np.clip(r.astype(np.int64) + zo, 0, 255).astype(np.uint8)


def scalar(name, dtype, value):
    return helper.make_tensor(name, dtype, [], [value])


def save(model, outdir, name, x, y, macs, entries):
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(outdir, name + ".onnx"))
    x.tofile(os.path.join(outdir, name + ".in"))
    y.tofile(os.path.join(outdir, name + ".out"))
    entries.append(dict(name=name, input=list(x.shape), output=list(y.shape),
                        macs=macs))


def matmul_models(outdir, rng, entries):
    zo = 7
    for m, n, k in MATMUL:
        w = constant_weights(k * n).reshape(k, n)
        sw = weight_scales(n)
        a = rng.integers(0, 256, (m, k)).astype(np.uint8)
        acc = (a.astype(np.int64) - ZA) @ w.astype(np.int64)
        y = output_stage(acc, sw, zo)
        inits = [
            helper.make_tensor("b", TensorProto.INT8, [k, n], w.flatten()),
            scalar("a_scale", TensorProto.FLOAT, float(SA)),
            scalar("a_zp", TensorProto.UINT8, ZA),
            helper.make_tensor("b_scale", TensorProto.FLOAT, [n], sw),
            helper.make_tensor("b_zp", TensorProto.INT8, [n], [0] * n),
            scalar("y_scale", TensorProto.FLOAT, float(SO)),
            scalar("y_zp", TensorProto.UINT8, zo),
        ]
        node = helper.make_node(
            "QLinearMatMul",
            ["a", "a_scale", "a_zp", "b", "b_scale", "b_zp", "y_scale",
             "y_zp"], ["y"])
        graph = helper.make_graph(
            [node], "linear",
            [helper.make_tensor_value_info("a", TensorProto.UINT8, [m, k])],
            [helper.make_tensor_value_info("y", TensorProto.UINT8, [m, n])],
            inits)
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", 13)])
        save(model, outdir, "linear_%d_%d_%d" % (m, n, k), a, y, m * n * k,
             entries)


def conv_models(outdir, rng, entries):
    zo = 5
    for kh, kw, h, w, c, f, s, p, g in CONV:
        cg = c // g
        # constantWeight over the HWCF filter, as the generated kernels.
        hwcf = constant_weights(kh * kw * cg * f).reshape(kh, kw, cg, f)
        oihw = np.ascontiguousarray(hwcf.transpose(3, 2, 0, 1))
        sw = weight_scales(f)
        bias = rng.integers(-50000, 50001, f).astype(np.int32)
        x = rng.integers(0, 256, (1, c, h, w)).astype(np.uint8)
        oh, ow = (h + 2 * p - kh) // s + 1, (w + 2 * p - kw) // s + 1
        xp = np.pad(x.astype(np.int64) - ZA, ((0, 0), (0, 0), (p, p), (p, p)))
        acc = np.zeros((oh, ow, f), dtype=np.int64)
        fg = f // g
        for i in range(kh):
            for j in range(kw):
                win = xp[0, :, i:i + s * oh:s, j:j + s * ow:s]  # C x OH x OW
                for gi in range(g):
                    xs = win[gi * cg:(gi + 1) * cg]
                    ws = hwcf[i, j, :, gi * fg:(gi + 1) * fg].astype(np.int64)
                    acc[:, :, gi * fg:(gi + 1) * fg] += np.einsum(
                        "chw,cf->hwf", xs, ws)
        acc += bias[None, None, :]
        y = output_stage(acc, sw, zo).transpose(2, 0, 1)[None].copy()
        inits = [
            scalar("x_scale", TensorProto.FLOAT, float(SA)),
            scalar("x_zp", TensorProto.UINT8, ZA),
            helper.make_tensor("w", TensorProto.INT8, list(oihw.shape),
                               oihw.flatten()),
            helper.make_tensor("w_scale", TensorProto.FLOAT, [f], sw),
            helper.make_tensor("w_zp", TensorProto.INT8, [f], [0] * f),
            scalar("y_scale", TensorProto.FLOAT, float(SO)),
            scalar("y_zp", TensorProto.UINT8, zo),
            helper.make_tensor("bias", TensorProto.INT32, [f], bias),
        ]
        node = helper.make_node(
            "QLinearConv",
            ["x", "x_scale", "x_zp", "w", "w_scale", "w_zp", "y_scale",
             "y_zp", "bias"], ["y"], kernel_shape=[kh, kw], strides=[s, s],
            pads=[p, p, p, p], group=g)
        graph = helper.make_graph(
            [node], "conv",
            [helper.make_tensor_value_info("x", TensorProto.UINT8,
                                           [1, c, h, w])],
            [helper.make_tensor_value_info("y", TensorProto.UINT8,
                                           [1, f, oh, ow])],
            inits)
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", 13)])
        name = "conv_%dx%d_%dx%dx%d_%d_s%d_p%d_g%d" % (kh, kw, h, w, c, f, s,
                                                      p, g)
        save(model, outdir, name, x, y, oh * ow * f * kh * kw * cg, entries)


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(7)
    entries = []
    (matmul_models if kind == "matmul" else conv_models)(outdir, rng, entries)
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(entries, f)


if __name__ == "__main__":
    main()
