#!/usr/bin/python3
"""A small quantized CNN block, written as a frontend would emit it, compiled
by quant-opt and checked against PyTorch's quantized result.

    /usr/bin/python3 examples/cnn/cnn.py [--build build] [--keep DIR]
                                         [--layers]

The model is a 3x3 convolution (3 -> 8 channels, stride 1, padding 1, bias)
+ ReLU, a 2x2 max pool with stride 2, a flatten (4 * 4 * 8 = 128) and a
Linear(128 -> 10) with bias, on a batch of 2 NHWC 8x8x3 images: u8
activations per tensor, s8 weights per output channel (symmetric), float
biases quantized to i32 with scale s_x * s_w per channel. The MLIR is the
QDQ form: upstream quant.qcast / quant.dcast around float linalg ops. The
convolution pads the dequantized input with 0.0 (tensor.pad), accumulates
linalg.conv_2d_nhwc_hwcf into the broadcast bias and applies arith.maximumf;
the pool is linalg.pooling_nhwc_max from -inf, quantized back to its input's
type; the flatten is a tensor.collapse_shape of the quantized tensor; the
dense layer is written as in examples/mlp. `quant-opt --qnn-to-llvm` fuses
the islands into qnn.conv2d (+ qnn.clamp), qnn.max_pool2d and qnn.matmul,
folds the weights into quantized constants and lowers to LLVM; the shared
object is called through its C interface on the same input PyTorch gets, and
the u8 outputs are compared bit for bit with torch.ops.quantized.conv2d_relu,
max_pool2d and torch.ops.quantized.linear (qnnpack engine), whose output
stage is the contract's `float` rounding mode. PyTorch is NCHW: its input
and filter are transposed from NHWC / HWCF, and its pooled tensor is
permuted to NHWC before the flatten so that both sides flatten in the same
(h, w, c) order and share one dense weight matrix.

With --layers, each prefix of the block (conv, conv + pool, the whole block)
is also compiled on its own and its u8 result compared with PyTorch's, to
tell which layer a mismatch comes from.
"""
import argparse
import importlib.util
import os
import sys
import subprocess
import tempfile

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def _load_cinterface():
    """test/Integration/Conformance/cinterface.py: memref descriptors, the
    build of a module into a shared object and the call through it."""
    path = os.path.join(ROOT, "test", "Integration", "Conformance",
                        "cinterface.py")
    spec = importlib.util.spec_from_file_location("cinterface", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cinterface = _load_cinterface()

F32 = np.float32
N, H, W, C = 2, 8, 8, 3          # input, NHWC
F, K = 8, 3                      # conv: output channels, kernel size
PH, PW = H // 2, W // 2          # after the 2x2 / stride 2 pool
FLAT, OUT = PH * PW * F, 10      # dense: 128 -> 10


def f32(v):
    """A float64 that is exactly the float32 nearest to v (so that PyTorch,
    which keeps scales in double, and the compiler, which uses float32,
    see the same scale)."""
    return float(F32(v))


def grid_bias(rng, scales):
    """Float biases on their own quantization grid (integer multiples of the
    per-channel i32 bias scale s_in * s_w), so that PyTorch, which quantizes
    the float bias at run time with that scale, and quant.qcast in the
    graph both get the same i32 values. Returns the biases and the i32
    values."""
    k = rng.integers(-2000, 2000, len(scales))
    b = np.array([F32(v) * F32(s) for v, s in zip(k, scales)], dtype=F32)
    return b, k.astype(np.int64)


def model(rng):
    # Conv filter in PyTorch's OIHW layout; HWCF for the MLIR side.
    wc = rng.normal(0, 0.3, (F, C, K, K)).astype(F32)
    wd = rng.normal(0, 0.1, (OUT, FLAT)).astype(F32)
    x = rng.normal(0, 1.0, (N, H, W, C)).astype(F32)
    sc = [f32(np.abs(w).max() / 127) for w in wc]
    sd = [f32(np.abs(r).max() / 127) for r in wd]
    sx, sh = f32(0.02), f32(0.04)
    bcs = [f32(F32(sx) * F32(s)) for s in sc]
    bds = [f32(F32(sh) * F32(s)) for s in sd]
    bc, kc = grid_bias(rng, bcs)
    bd, kd = grid_bias(rng, bds)
    return dict(x=x, wc=wc, wd=wd, sc=sc, sd=sd, bc=bc, bd=bd, bcs=bcs,
                bds=bds, kc=kc, kd=kd, sx=sx, zx=128, sh=sh, zh=0,
                so=f32(0.1), zo=120)


def mlir_dense(values):
    """A nested MLIR dense literal of an array of any rank."""
    if np.ndim(values) == 0:
        return repr(float(values))
    return "[" + ", ".join(mlir_dense(v) for v in values) + "]"


def per_axis(storage, axis, scales):
    return "!quant.uniform<%s:f32:%d, {%s}>" % (
        storage, axis, ", ".join(repr(s) for s in scales))


def mlir_module(m, name="cnn", stop="dense"):
    """The QDQ-form block as func @<name>, returning the u8 storage (as i8)
    of the last layer up to `stop` (conv, pool or dense)."""
    qx = "!quant.uniform<u8:f32, %r:%d>" % (m["sx"], m["zx"])
    qh = "!quant.uniform<u8:f32, %r:%d>" % (m["sh"], m["zh"])
    qo = "!quant.uniform<u8:f32, %r:%d>" % (m["so"], m["zo"])
    qwc = per_axis("i8", 3, m["sc"])
    qwd = per_axis("i8", 1, m["sd"])
    qbc = per_axis("i32", 0, m["bcs"])
    qbd = per_axis("i32", 0, m["bds"])
    xt = f"{N}x{H}x{W}x{C}"
    pt = f"{N}x{H + 2}x{W + 2}x{C}"
    ct = f"{N}x{H}x{W}x{F}"
    wt = f"{K}x{K}x{C}x{F}"
    pl = f"{N}x{PH}x{PW}x{F}"
    ft = f"{N}x{FLAT}"
    ot = f"{N}x{OUT}"
    result = {"conv": (ct, qh, "%qc"), "pool": (pl, qh, "%qp"),
              "dense": (ot, qo, "%qo")}[stop]
    body = f"""  // Input quantization.
  %qx = quant.qcast %x : tensor<{xt}xf32> to tensor<{xt}x{qx}>
  %dx = quant.dcast %qx : tensor<{xt}x{qx}> to tensor<{xt}xf32>
  // Conv 3x3, {C} -> {F}, stride 1, padding 1 (of the dequantized input, with
  // 0.0, the real value of the zero point), bias, ReLU; filter in HWCF.
  %pad = arith.constant 0.0 : f32
  %xp = tensor.pad %dx low[0, 1, 1, 0] high[0, 1, 1, 0] {{
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %pad : f32
  }} : tensor<{xt}xf32> to tensor<{pt}xf32>
  %wc = arith.constant dense<{mlir_dense(m["wc"].transpose(2, 3, 1, 0))}> : tensor<{wt}xf32>
  %qwc = quant.qcast %wc : tensor<{wt}xf32> to tensor<{wt}x{qwc}>
  %dwc = quant.dcast %qwc : tensor<{wt}x{qwc}> to tensor<{wt}xf32>
  %bc = arith.constant dense<{mlir_dense(m["bc"])}> : tensor<{F}xf32>
  %qbc = quant.qcast %bc : tensor<{F}xf32> to tensor<{F}x{qbc}>
  %dbc = quant.dcast %qbc : tensor<{F}x{qbc}> to tensor<{F}xf32>
  %ec = tensor.empty() : tensor<{ct}xf32>
  %zc = linalg.broadcast ins(%dbc : tensor<{F}xf32>) outs(%ec : tensor<{ct}xf32>) dimensions = [0, 1, 2]
  %yc = linalg.conv_2d_nhwc_hwcf {{dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}} ins(%xp, %dwc : tensor<{pt}xf32>, tensor<{wt}xf32>) outs(%zc : tensor<{ct}xf32>) -> tensor<{ct}xf32>
  %zeros = arith.constant dense<0.0> : tensor<{ct}xf32>
  %rc = arith.maximumf %yc, %zeros : tensor<{ct}xf32>
  %qc = quant.qcast %rc : tensor<{ct}xf32> to tensor<{ct}x{qh}>
"""
    if stop != "conv":
        body += f"""  // Max pool 2x2, stride 2, in the conv output's quantized type.
  %dc = quant.dcast %qc : tensor<{ct}x{qh}> to tensor<{ct}xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %ep = tensor.empty() : tensor<{pl}xf32>
  %fp = linalg.fill ins(%ninf : f32) outs(%ep : tensor<{pl}xf32>) -> tensor<{pl}xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %yp = linalg.pooling_nhwc_max {{dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}} ins(%dc, %window : tensor<{ct}xf32>, tensor<2x2xf32>) outs(%fp : tensor<{pl}xf32>) -> tensor<{pl}xf32>
  %qp = quant.qcast %yp : tensor<{pl}xf32> to tensor<{pl}x{qh}>
"""
    if stop == "dense":
        body += f"""  // Flatten in NHWC order (h, w, c), on the quantized tensor.
  %qf = tensor.collapse_shape %qp [[0], [1, 2, 3]] : tensor<{pl}x{qh}> into tensor<{ft}x{qh}>
  %df = quant.dcast %qf : tensor<{ft}x{qh}> to tensor<{ft}xf32>
  // Dense {FLAT} -> {OUT}, bias; weights in K x N layout.
  %wd = arith.constant dense<{mlir_dense(m["wd"].T)}> : tensor<{FLAT}x{OUT}xf32>
  %qwd = quant.qcast %wd : tensor<{FLAT}x{OUT}xf32> to tensor<{FLAT}x{OUT}x{qwd}>
  %dwd = quant.dcast %qwd : tensor<{FLAT}x{OUT}x{qwd}> to tensor<{FLAT}x{OUT}xf32>
  %bd = arith.constant dense<{mlir_dense(m["bd"])}> : tensor<{OUT}xf32>
  %qbd = quant.qcast %bd : tensor<{OUT}xf32> to tensor<{OUT}x{qbd}>
  %dbd = quant.dcast %qbd : tensor<{OUT}x{qbd}> to tensor<{OUT}xf32>
  %ed = tensor.empty() : tensor<{ot}xf32>
  %zd = linalg.broadcast ins(%dbd : tensor<{OUT}xf32>) outs(%ed : tensor<{ot}xf32>) dimensions = [0]
  %yd = linalg.matmul ins(%df, %dwd : tensor<{ft}xf32>, tensor<{FLAT}x{OUT}xf32>) outs(%zd : tensor<{ot}xf32>) -> tensor<{ot}xf32>
  %qo = quant.qcast %yd : tensor<{ot}xf32> to tensor<{ot}x{qo}>
"""
    shape, qtype, value = result
    return f"""// Generated by examples/cnn/cnn.py: a QDQ-form quantized CNN block.
func.func @{name}(%x: tensor<{xt}xf32>) -> tensor<{shape}xi8>
    attributes {{llvm.emit_c_interface}} {{
{body}  %out = quant.scast {value} : tensor<{shape}x{qtype}> to tensor<{shape}xi8>
  return %out : tensor<{shape}xi8>
}}
"""


def pytorch_reference(m):
    """PyTorch's u8 results of each layer (conv, pool, dense), NHWC for the
    4-D ones."""
    torch.backends.quantized.engine = "qnnpack"
    qx = torch.quantize_per_tensor(
        torch.tensor(np.ascontiguousarray(m["x"].transpose(0, 3, 1, 2))),
        m["sx"], m["zx"], torch.quint8)

    def qweight(w, scales):
        return torch.quantize_per_channel(
            torch.tensor(w), torch.tensor(scales, dtype=torch.double),
            torch.zeros(len(scales), dtype=torch.long), 0, torch.qint8)

    pc = torch.ops.quantized.conv2d_prepack(
        qweight(m["wc"], m["sc"]), torch.tensor(m["bc"]), [1, 1], [1, 1],
        [1, 1], 1)
    pd = torch.ops.quantized.linear_prepack(qweight(m["wd"], m["sd"]),
                                            torch.tensor(m["bd"]))
    conv = torch.ops.quantized.conv2d_relu(qx, pc, m["sh"], m["zh"])
    pool = torch.nn.functional.max_pool2d(conv, kernel_size=2, stride=2)
    # NCHW -> NHWC before the flatten: the MLIR side flattens (h, w, c).
    flat = pool.permute(0, 2, 3, 1).contiguous().reshape(N, FLAT)
    dense = torch.ops.quantized.linear(flat, pd, m["so"], m["zo"])

    def nhwc(t):
        return t.int_repr().numpy().transpose(0, 2, 3, 1)
    return {"conv": nhwc(conv), "pool": nhwc(pool),
            "dense": dense.int_repr().numpy()}


def check_bias_quantization(m):
    """The i32 biases PyTorch's qnnpack kernels use (the float bias
    quantized at run time per channel with scale s_in * s_w, in double) are
    the grid integers the MLIR side's quant.qcast yields."""
    for b, scales, k, s_in, s_w in ((m["bc"], m["bcs"], m["kc"], m["sx"],
                                     m["sc"]),
                                    (m["bd"], m["bds"], m["kd"], m["sh"],
                                     m["sd"])):
        q = torch.quantize_per_channel(
            torch.tensor(b), torch.tensor(s_w, dtype=torch.double) * s_in,
            torch.zeros(len(s_w), dtype=torch.long), 0, torch.qint32)
        assert (q.int_repr().numpy() == k).all(), "bias off the i32 grid"
        assert (np.array([round(float(v) / s) for v, s in zip(b, scales)])
                == k).all(), "bias off the f32 grid"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--keep", help="directory for the generated files")
    ap.add_argument("--layers", action="store_true",
                    help="also compare each layer's result with PyTorch")
    args = ap.parse_args()
    llvm = "/usr/lib/llvm-22/bin"
    quant_opt = os.path.join(args.build, "bin", "quant-opt")
    tools = argparse.Namespace(
        quant_opt=quant_opt,
        mlir_translate=os.path.join(llvm, "mlir-translate"),
        clang=os.path.join(llvm, "clang"),
        workdir=args.keep or tempfile.mkdtemp(prefix="cnn-"))
    m = model(np.random.default_rng(7))
    check_bias_quantization(m)
    want = pytorch_reference(m)

    text = mlir_module(m)
    lib = cinterface.build(tools, text, "cnn")
    fused = subprocess.check_output(
        [quant_opt, os.path.join(tools.workdir, "cnn.mlir"),
         "--qnn-import-quant", "--qnn-fuse-qdq"], text=True)
    got = cinterface.call(lib, "cnn", (N, OUT), np.uint8, m["x"])

    print("fused: %d qnn.conv2d, %d qnn.max_pool2d, %d qnn.matmul, "
          "%d linalg.conv_2d_nhwc_hwcf left"
          % (fused.count("qnn.conv2d"), fused.count("qnn.max_pool2d"),
             fused.count("qnn.matmul"),
             fused.count("linalg.conv_2d_nhwc_hwcf")))
    print("left: %d linalg.pooling_nhwc_max, %d linalg.matmul, "
          "%d qnn.dequantize"
          % (fused.count("linalg.pooling_nhwc_max"),
             fused.count("linalg.matmul"), fused.count("qnn.dequantize")))
    status = 0
    if args.layers:
        for stop, shape in (("conv", (N, H, W, F)), ("pool", (N, PH, PW, F))):
            name = "cnn_" + stop
            sub = cinterface.build(tools, mlir_module(m, name, stop), name)
            out = cinterface.call(sub, name, shape, np.uint8, m["x"])
            diff = int((out != want[stop]).sum())
            print("layer %s: %d of %d outputs differ from PyTorch"
                  % (stop, diff, out.size))
            if diff:
                idx = tuple(np.argwhere(out != want[stop])[0])
                print("  first at %s: generated %d, PyTorch %d"
                      % (idx, out[idx], want[stop][idx]))
                status = 1
    print("outputs (u8), first image: generated %s" % got[0].tolist())
    print("                           PyTorch   %s" % want["dense"][0].tolist())
    mismatches = int((got != want["dense"]).sum())
    print("cnn: %d of %d outputs differ from PyTorch" % (mismatches, got.size))
    return 1 if mismatches else status


if __name__ == "__main__":
    sys.exit(main())
