#!/usr/bin/python3
"""Conformance of qnn.clamp, qnn.concat and qnn.max_pool2d against PyTorch.

Random configurations are compiled with quant-opt --qnn-to-llvm, called
through their _mlir_ciface_ entry points and compared bit for bit with
torch.clamp on a quantized tensor, torch.ops.quantized.cat and
torch.nn.functional.max_pool2d (NCHW there, NHWC here). Exits non-zero on
any mismatch.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cinterface import argument_parser, build, call  # noqa: E402

F32 = np.float32


def f32(v):
    return float(F32(v))


def u8type(s, z):
    return "!quant.uniform<u8:f32, %r:%d>" % (s, z)


def main():
    args = argument_parser(default_seed=11).parse_args()
    rng = np.random.default_rng(args.seed)
    torch.backends.quantized.engine = "qnnpack"

    clamps, cats, pools, text = [], [], [], []
    for i in range(12):
        s, z = f32(rng.uniform(0.01, 0.5)), int(rng.integers(0, 256))
        lo = f32(rng.uniform(-5, 2))
        hi = f32(lo + rng.uniform(0, 8))
        n = int(rng.integers(1, 200))
        clamps.append((s, z, lo, hi, n))
        t = u8type(s, z)
        text.append(
            "func.func @clamp_%d(%%x: tensor<%dxi8>) -> tensor<%dxi8> "
            "attributes {llvm.emit_c_interface} {\n"
            "  %%q = qnn.storage_cast %%x : tensor<%dxi8> -> tensor<%dx%s>\n"
            "  %%r = qnn.clamp %%q min(%r) max(%r) : tensor<%dx%s>\n"
            "  %%s = qnn.storage_cast %%r : tensor<%dx%s> -> tensor<%dxi8>\n"
            "  return %%s : tensor<%dxi8>\n}" % (i, n, n, n, n, t, lo, hi, n, t,
                                               n, t, n, n))
    for i in range(12):
        parts = [(f32(rng.uniform(0.01, 0.5)), int(rng.integers(0, 256)),
                  int(rng.integers(1, 40))) for _ in range(int(rng.integers(1, 4)))]
        so, zo = f32(rng.uniform(0.01, 0.5)), int(rng.integers(0, 256))
        rows = int(rng.integers(1, 5))
        cats.append((parts, so, zo, rows))
        total = sum(p[2] for p in parts)
        args_ = ", ".join("%%x%d: tensor<%dx%dxi8>" % (j, rows, p[2])
                          for j, p in enumerate(parts))
        body = []
        for j, p in enumerate(parts):
            body.append("  %%q%d = qnn.storage_cast %%x%d : tensor<%dx%dxi8> -> "
                        "tensor<%dx%dx%s>" % (j, j, rows, p[2], rows, p[2],
                                              u8type(p[0], p[1])))
        ins = ", ".join("%%q%d" % j for j in range(len(parts)))
        tys = ", ".join("tensor<%dx%dx%s>" % (rows, p[2], u8type(p[0], p[1]))
                        for p in parts)
        ot = "tensor<%dx%dx%s>" % (rows, total, u8type(so, zo))
        body.append("  %%c = qnn.concat dim(1) %s : %s -> %s" % (ins, tys, ot))
        body.append("  %%s = qnn.storage_cast %%c : %s -> tensor<%dx%dxi8>"
                    % (ot, rows, total))
        text.append("func.func @cat_%d(%s) -> tensor<%dx%dxi8> attributes "
                    "{llvm.emit_c_interface} {\n%s\n  return %%s : "
                    "tensor<%dx%dxi8>\n}" % (i, args_, rows, total,
                                             "\n".join(body), rows, total))
    for i in range(12):
        k = [int(rng.integers(2, 4)), int(rng.integers(1, 4))]
        st = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        dil = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        pad = [int(rng.integers(0, (k[0] + 1) // 2)),
               int(rng.integers(0, (k[1] + 1) // 2))]
        h, w, c = int(rng.integers(4, 12)), int(rng.integers(4, 12)), 3
        oh = (h + 2 * pad[0] - dil[0] * (k[0] - 1) - 1) // st[0] + 1
        ow = (w + 2 * pad[1] - dil[1] * (k[1] - 1) - 1) // st[1] + 1
        pools.append((k, st, dil, pad, h, w, c, oh, ow))
        t = u8type(0.05, 10)
        text.append(
            "func.func @pool_%d(%%x: tensor<1x%dx%dx%dxi8>) -> "
            "tensor<1x%dx%dx%dxi8> attributes {llvm.emit_c_interface} {\n"
            "  %%q = qnn.storage_cast %%x : tensor<1x%dx%dx%dxi8> -> "
            "tensor<1x%dx%dx%dx%s>\n"
            "  %%p = qnn.max_pool2d %%q kernel [%d, %d] strides [%d, %d] "
            "dilations [%d, %d] padding [%d, %d, %d, %d] : "
            "tensor<1x%dx%dx%dx%s> -> tensor<1x%dx%dx%dx%s>\n"
            "  %%s = qnn.storage_cast %%p : tensor<1x%dx%dx%dx%s> -> "
            "tensor<1x%dx%dx%dxi8>\n  return %%s : tensor<1x%dx%dx%dxi8>\n}"
            % (i, h, w, c, oh, ow, c, h, w, c, h, w, c, t, k[0], k[1], st[0],
               st[1], dil[0], dil[1], pad[0], pad[1], pad[0], pad[1], h, w, c,
               t, oh, ow, c, t, oh, ow, c, t, oh, ow, c, oh, ow, c))
    lib = build(args, "\n\n".join(text) + "\n", stem="simple_ops")

    mismatches = checked = 0
    for i, (s, z, lo, hi, n) in enumerate(clamps):
        x = rng.integers(0, 256, n).astype(np.uint8)
        got = call(lib, "clamp_%d" % i, (n,), np.uint8,
                   x.view(np.int8)).astype(np.int64)
        q = torch._make_per_tensor_quantized_tensor(torch.tensor(x), s, z)
        want = torch.clamp(q, lo, hi).int_repr().numpy().astype(np.int64)
        bad = int((got != want).sum())
        if bad:
            print("MISMATCH clamp %d: %d elements" % (i, bad))
        mismatches += bad
        checked += n
    print("clamp: %d values checked against torch.clamp" % checked)
    checked = 0
    for i, (parts, so, zo, rows) in enumerate(cats):
        xs = [rng.integers(0, 256, (rows, p[2])).astype(np.uint8) for p in parts]
        total = sum(p[2] for p in parts)
        got = call(lib, "cat_%d" % i, (rows, total), np.uint8,
                   *[x.view(np.int8) for x in xs]).astype(np.int64)
        qs = [torch._make_per_tensor_quantized_tensor(torch.tensor(x), p[0],
                                                      p[1])
              for x, p in zip(xs, parts)]
        want = torch.ops.quantized.cat(qs, 1, so, zo).int_repr().numpy()
        bad = int((got != want.astype(np.int64)).sum())
        if bad:
            print("MISMATCH concat %d: %d elements" % (i, bad))
        mismatches += bad
        checked += got.size
    print("concat: %d values checked against torch.ops.quantized.cat" % checked)
    checked = torch_deviations = 0
    for i, (k, st, dil, pad, h, w, c, oh, ow) in enumerate(pools):
        x = np.ascontiguousarray(
            rng.integers(0, 256, (1, h, w, c)).astype(np.uint8))
        got = call(lib, "pool_%d" % i, (1, oh, ow, c), np.uint8,
                   x.view(np.int8)).astype(np.int64)
        # The reference is PyTorch's max_pool2d of the same integers in
        # float (exact for u8 values): PyTorch's quantized max_pool2d
        # (qnnpack) deviates from it for some dilated, padded windows, which
        # is counted separately, for information.
        plain = torch.nn.functional.max_pool2d(
            torch.tensor(x.transpose(0, 3, 1, 2).astype(np.float32)), k, st,
            pad, dil).numpy().transpose(0, 2, 3, 1).astype(np.int64)
        bad = int((got != plain).sum())
        if bad:
            print("MISMATCH max_pool2d %d: %d elements" % (i, bad))
        mismatches += bad
        checked += got.size
        q = torch._make_per_tensor_quantized_tensor(
            torch.tensor(x.transpose(0, 3, 1, 2).copy()), 0.05, 10)
        quantized = torch.nn.functional.max_pool2d(
            q, k, st, pad, dil).int_repr().numpy().transpose(0, 2, 3, 1)
        torch_deviations += int((quantized.astype(np.int64) != plain).sum())
    print("max_pool2d: %d values checked against torch max_pool2d of the "
          "integers (torch's quantized max_pool2d deviates from it on %d)"
          % (checked, torch_deviations))
    print("simple ops: %d mismatches" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
