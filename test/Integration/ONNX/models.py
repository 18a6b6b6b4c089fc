#!/usr/bin/python3
"""Deterministic quantized ONNX test models, in the forms ONNX Runtime's
quantizer writes them.

    models.py OUTDIR [--models a,b] [--seed N] [--list]

writes OUTDIR/<name>.onnx and OUTDIR/<name>.json (the inputs' and outputs'
types, shapes and quantization parameters, and which outputs can be compared
bit for bit with ONNX Runtime) for every model, and prints, for each, the
fraction of its quantized outputs that saturate on a held-out batch.

Whole models (a model and its form): a ResNet-style block, a MobileNetV2
inverted residual block, an MLP and a BERT-style encoder layer, in

- `qdq`: QuantizeLinear/DequantizeLinear pairs around float ops; weights int8
  initializers read through DequantizeLinear (per output channel for Conv,
  Gemm and MatMul weights), biases int32 with scale s_x * s_w; activations u8.
- `qop`: QLinearConv, QLinearMatMul and the com.microsoft QLinearAdd,
  QLinearGlobalAveragePool, QGemm; ReLU and Clip(0, 6) fused into the
  output ranges of the ops before them, as the quantizer does.
- `dynamic` (MLP, BERT): DynamicQuantizeLinear + MatMulInteger + Cast + Mul
  by the product of the scales, the graph quantize_dynamic writes
  (onnxruntime/python/tools/quantization/operators/matmul.py).

Scales and zero points come from calibration: the float model is evaluated
in NumPy on a seeded calibration batch, and each activation's min/max gives
its parameters as ONNX Runtime's compute_scale_zp does (range widened to
include 0, u8, asymmetric); weights are symmetric int8 with the quantizer's
reduce_range (values in [-64, 64], scale max|w| / 64).

Why reduce_range: on x86 without VNNI (AVX2, AVX-512 without VNNI), ONNX
Runtime's u8 x s8 kernels (MLAS) use vpmaddubsw, which saturates the sum of
two adjacent products to int16: with 8-bit weights its results then depend
on the CPU and differ from ONNX's definition (an exact int32 accumulator).
7-bit weights keep every pair sum within int16 (255 * 64 * 2 = 32640), so
ONNX Runtime's results are the exact ones on every CPU; the quantizer's
`reduce_range` option exists for this reason. Every s8 operand of a u8 x s8
product in these models is in [-64, 64].

Per-op models (`op_*`): one small model per supported op with shapes and
attributes drawn from the seed. Their integer inputs are graph inputs, so
that every value of the storage range is reachable.

All models have static shapes, ir_version 8, opset 13 (17 where
LayerNormalization is used, 20 for Gelu, 21 for op_quantize_linear_3).
`--ops` lists each model's ops and the attributes it sets.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F32 = np.float32
MS = "com.microsoft"
CALIBRATION = 16  # samples of the calibration batch

ONNX_TYPES = {np.dtype(np.float32): TensorProto.FLOAT,
              np.dtype(np.uint8): TensorProto.UINT8,
              np.dtype(np.int8): TensorProto.INT8,
              np.dtype(np.int32): TensorProto.INT32,
              np.dtype(np.int64): TensorProto.INT64}
DTYPE_NAMES = {TensorProto.FLOAT: "float32", TensorProto.UINT8: "uint8",
               TensorProto.INT8: "int8", TensorProto.INT32: "int32",
               TensorProto.INT64: "int64"}
RANGES = {"uint8": (0, 255), "int8": (-128, 127)}
# The largest magnitude of an s8 operand of a u8 x s8 product (reduce_range).
S8_MAX = 64


# ---------------------------------------------------------------------------
# Quantization parameters, as ONNX Runtime's quantizer computes them.

def act_params(lo, hi, qmin=0, qmax=255):
    """compute_scale_zp of an asymmetric activation: the range is widened to
    contain 0, the scale is f32((hi - lo) / (qmax - qmin)) and the zero point
    rounds qmin - lo / scale."""
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    if hi == lo:
        return F32(1.0), qmin
    scale = F32((hi - lo) / (qmax - qmin))
    zp = int(np.clip(round(qmin - lo / float(scale)), qmin, qmax))
    return scale, zp


def quantize(x, scale, zp, qmin=0, qmax=255):
    """QuantizeLinear: rne(x / s) + z, saturated."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        t = np.rint((np.asarray(x, F32) / F32(scale)).astype(F32))
    return np.clip(t + zp, qmin, qmax)


def weight_params(w, axis):
    """Symmetric int8 weights, one scale per index of `axis` (None: per
    tensor): scale max|w| / 64, values in [-64, 64] (reduce_range, see the
    module's docstring), zero point 0."""
    if axis is None:
        absmax = np.array(np.abs(w).max(), F32)
    else:
        other = tuple(i for i in range(w.ndim) if i != axis)
        absmax = np.abs(w).max(axis=other).astype(F32)
    scale = np.maximum(absmax, F32(1e-8)) / F32(S8_MAX)
    shape = [1] * w.ndim
    if axis is not None:
        shape[axis] = -1
    q = np.clip(np.rint(w / scale.reshape(shape)), -S8_MAX,
                S8_MAX).astype(np.int8)
    return q, scale.astype(F32)


def quantize_bias(b, scale):
    return np.rint(b / scale).astype(np.int32)


# ---------------------------------------------------------------------------
# Float evaluation of the calibration batch. Values carry one extra leading
# axis, the calibration sample; `axis` arguments are the model's.

def conv_nchw(x, w, b, strides, pads, dilations, group, dtype=F32):
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    sh, sw = strides
    dh, dw = dilations
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (h + pads[0] + pads[2] - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + pads[1] + pads[3] - dw * (kw - 1) - 1) // sw + 1
    y = np.zeros((n, f, oh, ow), np.float64)
    fg = f // group
    for i in range(kh):
        for j in range(kw):
            win = xp[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                     j * dw:j * dw + sw * (ow - 1) + 1:sw]
            for g in range(group):
                y[:, g * fg:(g + 1) * fg] += np.einsum(
                    "nchw,fc->nfhw", win[:, g * cg:(g + 1) * cg],
                    w[g * fg:(g + 1) * fg, :, i, j])
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y.astype(dtype)


def pool_nchw(x, kernel, strides, pads, kind, count_include_pad=1):
    fill = -np.inf if kind == "max" else 0.0
    padding = ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3]))
    kh, kw = kernel
    oh = (x.shape[2] + pads[0] + pads[2] - kh) // strides[0] + 1
    ow = (x.shape[3] + pads[1] + pads[3] - kw) // strides[1] + 1

    def windows(v):
        return [v[:, :, i:i + strides[0] * (oh - 1) + 1:strides[0],
                  j:j + strides[1] * (ow - 1) + 1:strides[1]]
                for i in range(kh) for j in range(kw)]

    wins = windows(np.pad(x, padding, constant_values=fill))
    if kind == "max":
        return np.max(wins, axis=0).astype(F32)
    count = (kh * kw if count_include_pad else
             np.sum(windows(np.pad(np.ones_like(x), padding)), axis=0))
    return (np.sum(wins, axis=0) / count).astype(F32)


def batched(fn, v, *args):
    """Applies an NCHW function to a value [C, N, ...] of a calibration
    batch."""
    c, n = v.shape[:2]
    y = fn(v.reshape((c * n,) + v.shape[2:]), *args)
    return y.reshape((c, n) + y.shape[1:])


# ---------------------------------------------------------------------------
# The graph under construction.

class Graph:
    def __init__(self, name, opset=13):
        self.name, self.opset = name, opset
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.count = 0
        self.microsoft = False
        self.meta = {"name": name, "inputs": [], "outputs": []}

    def fresh(self, base):
        self.count += 1
        return "%s_%d" % (base, self.count)

    def const(self, base, value):
        name = self.fresh(base)
        self.inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def scalar(self, base, value, dtype):
        return self.const(base, np.array(value, dtype))

    def op(self, op_type, inputs, outputs=1, domain="", base=None, **attrs):
        names = [self.fresh(base or op_type.lower()) for _ in range(outputs)]
        self.nodes.append(helper.make_node(
            op_type, inputs, names, name=self.fresh("node_" + op_type),
            domain=domain or None, **attrs))
        if domain == MS:
            self.microsoft = True
        return names if outputs > 1 else names[0]

    def add_input(self, name, dtype, shape, **meta):
        elem = ONNX_TYPES[np.dtype(dtype)]
        self.inputs.append(helper.make_tensor_value_info(name, elem, shape))
        self.meta["inputs"].append(dict(
            name=name, dtype=DTYPE_NAMES[elem], shape=list(shape), **meta))
        return name

    def add_output(self, name, dtype, shape, rename=None, **meta):
        """Makes `name` a graph output, renamed to `rename` if given."""
        if rename:
            for node in self.nodes:
                for field in (node.input, node.output):
                    for k, v in enumerate(field):
                        if v == name:
                            field[k] = rename
            name = rename
        elem = ONNX_TYPES[np.dtype(dtype)]
        self.outputs.append(helper.make_tensor_value_info(name, elem, shape))
        meta.setdefault("exact", True)
        self.meta["outputs"].append(dict(
            name=name, dtype=DTYPE_NAMES[elem], shape=list(shape), **meta))

    def model(self):
        opsets = [helper.make_opsetid("", self.opset)]
        if self.microsoft:
            opsets.append(helper.make_opsetid(MS, 1))
        graph = helper.make_graph(self.nodes, self.name, self.inputs,
                                  self.outputs, self.inits)
        model = helper.make_model(graph, opset_imports=opsets,
                                  producer_name="quant-compiler models.py")
        model.ir_version = 8
        # onnx 1.12's checker knows opsets up to 17.
        if self.opset <= 17:
            onnx.checker.check_model(model)
        self.meta["opset"] = self.opset
        self.meta["ops"] = sorted({("%s.%s" % (n.domain, n.op_type))
                                   if n.domain else n.op_type
                                   for n in self.nodes})
        attrs = {}
        for n in self.nodes:
            op = "%s.%s" % (n.domain, n.op_type) if n.domain else n.op_type
            attrs.setdefault(op, set()).update(a.name for a in n.attribute)
        self.meta["attributes"] = {op: sorted(a) for op, a in attrs.items()}
        return model


class T:
    """An activation: its name in the graph, its float calibration value and,
    once quantized, its (scale, zero point) and their initializers."""

    def __init__(self, name, value, params=None, names=None):
        self.name, self.value, self.params, self.names = (name, value, params,
                                                          names)

    @property
    def shape(self):
        return list(self.value.shape[1:])


# ---------------------------------------------------------------------------
# The forms. A model is written once against this interface; each form
# emits its own nodes and evaluates the float values for calibration.

class Form:
    kind = "float"

    def __init__(self, graph):
        self.g = graph

    # Helpers of the quantized forms.
    def params_of(self, value):
        """Calibrated on the first CALIBRATION samples; the rest are held
        out to measure saturation."""
        return act_params(value[:CALIBRATION].min(), value[:CALIBRATION].max())

    def qnames(self, params):
        return (self.g.scalar("scale", params[0], F32),
                self.g.scalar("zp", params[1], np.uint8))


class QDQ(Form):
    """Every activation is the output of a DequantizeLinear; every float op
    reads DequantizeLinear outputs and is followed by a QuantizeLinear."""
    kind = "qdq"

    def qdq(self, name, value, params=None):
        params = params or self.params_of(value)
        s, z = self.qnames(params)
        q = self.g.op("QuantizeLinear", [name, s, z], base="q")
        dq = self.g.op("DequantizeLinear", [q, s, z], base="dq")
        return T(dq, value, params, (s, z))

    def weight(self, w, axis):
        q, scale = weight_params(w, axis)
        qn = self.g.const("w_q", q)
        sn = self.g.const("w_scale", scale)
        zn = self.g.const("w_zp", np.zeros(scale.shape, np.int8))
        attrs = {} if axis is None else {"axis": axis}
        return self.g.op("DequantizeLinear", [qn, sn, zn], base="w",
                         **attrs), scale

    def bias(self, b, x, wscale):
        scale = (F32(x.params[0]) * wscale).astype(F32).reshape(-1)
        if scale.size == 1:
            scale = np.full(b.shape, scale[0], F32)
        qn = self.g.const("b_q", quantize_bias(b, scale))
        sn = self.g.const("b_scale", scale)
        zn = self.g.const("b_zp", np.zeros(b.shape, np.int32))
        return self.g.op("DequantizeLinear", [qn, sn, zn], base="b", axis=0)

    def input(self, name, value):
        self.g.add_input(name, F32, list(value.shape[1:]))
        t = self.qdq(name, value)
        self.g.meta["inputs"][-1].update(
            quant=[float(t.params[0]), t.params[1], 0, 255],
            first_op="QuantizeLinear")
        return t

    def output(self, t):
        """The last DequantizeLinear is the graph's output."""
        self.g.add_output(t.name, F32, t.shape, rename="y",
                          quant=[float(t.params[0]), t.params[1], 0, 255])
        return "y"

    def act(self, name, value, act):
        if act == "relu":
            name, value = self.g.op("Relu", [name]), np.maximum(value, 0)
        elif act == "clip6":
            lo, hi = self.g.scalar("lo", 0.0, F32), self.g.scalar("hi", 6.0,
                                                                   F32)
            name, value = self.g.op("Clip", [name, lo, hi]), np.clip(value,
                                                                     0, 6)
        return name, value

    def conv(self, x, w, b, strides=(1, 1), pads=(0, 0, 0, 0),
             dilations=(1, 1), group=1, act=None):
        wn, wscale = self.weight(w, 0)
        bn = self.bias(b, x, wscale)
        y = self.g.op("Conv", [x.name, wn, bn], kernel_shape=list(w.shape[2:]),
                      strides=list(strides), pads=list(pads),
                      dilations=list(dilations), group=group)
        v = batched(conv_nchw, x.value, w, b, strides, pads, dilations, group)
        return self.qdq(*self.act(y, v, act))

    def linear(self, x, w, b, kind="gemm", act=None):
        """x [M, K] times w [K, N] plus b: a Gemm (transB=1, the filter
        stored [N, K] as exporters write it) or a MatMul and an Add."""
        v = (x.value @ w + b).astype(F32)
        if kind == "gemm":
            wn, wscale = self.weight(np.ascontiguousarray(w.T), 0)
            bn = self.bias(b, x, wscale)
            y = self.g.op("Gemm", [x.name, wn, bn], transB=1)
            return self.qdq(*self.act(y, v, act))
        wn, wscale = self.weight(w, 1)
        mm = self.qdq(self.g.op("MatMul", [x.name, wn]),
                      (x.value @ w).astype(F32))
        bq = self.qdq_const(b)
        return self.qdq(*self.act(self.g.op("Add", [mm.name, bq]), v, act))

    def qdq_const(self, c):
        """A float constant operand of an activation op (a bias of Add), as
        the quantizer writes it: u8 with its own range, dequantized."""
        params = act_params(c.min(), c.max())
        s, z = self.qnames(params)
        q = self.g.const("c_q", quantize(c, *params).astype(np.uint8))
        return self.g.op("DequantizeLinear", [q, s, z], base="c")

    def matmul(self, a, b):
        v = np.matmul(a.value, b.value).astype(F32)
        return self.qdq(self.g.op("MatMul", [a.name, b.name]), v)

    def add(self, a, b, act=None):
        v = (a.value + b.value).astype(F32)
        return self.qdq(*self.act(self.g.op("Add", [a.name, b.name]), v, act))

    def global_average_pool(self, x):
        v = x.value.mean(axis=(3, 4), keepdims=True).astype(F32)
        return self.qdq(self.g.op("GlobalAveragePool", [x.name]), v)

    def max_pool(self, x, kernel, strides, pads):
        v = batched(pool_nchw, x.value, kernel, strides, pads, "max")
        y = self.g.op("MaxPool", [x.name], kernel_shape=list(kernel),
                      strides=list(strides), pads=list(pads))
        return self.qdq(y, v, x.params)

    def flatten(self, x):
        v = x.value.reshape(x.value.shape[0], x.value.shape[1], -1)
        return self.qdq(self.g.op("Flatten", [x.name], axis=1), v, x.params)

    def reshape(self, x, shape):
        v = x.value.reshape([x.value.shape[0]] + list(shape))
        sn = self.g.const("shape", np.array(shape, np.int64))
        return self.qdq(self.g.op("Reshape", [x.name, sn]), v, x.params)

    def transpose(self, x, perm):
        v = x.value.transpose([0] + [p + 1 for p in perm])
        return self.qdq(self.g.op("Transpose", [x.name], perm=list(perm)), v,
                        x.params)

    def scale_by(self, x, c):
        cn = self.qdq_const(np.array(c, F32))
        return self.qdq(self.g.op("Mul", [x.name, cn]),
                        (x.value * F32(c)).astype(F32))

    def softmax(self, x):
        e = np.exp(x.value - x.value.max(axis=-1, keepdims=True))
        v = (e / e.sum(axis=-1, keepdims=True)).astype(F32)
        # The quantizer's fixed output range of Softmax: [0, 1], u8.
        return self.qdq(self.g.op("Softmax", [x.name], axis=-1), v,
                        (F32(1.0 / 256.0), 0))

    def layer_norm(self, x, gamma, beta, eps=1e-5):
        m = x.value.mean(axis=-1, keepdims=True)
        var = ((x.value - m) ** 2).mean(axis=-1, keepdims=True)
        v = ((x.value - m) / np.sqrt(var + eps) * gamma + beta).astype(F32)
        y = self.g.op("LayerNormalization",
                      [x.name, self.g.const("gamma", gamma),
                       self.g.const("beta", beta)], axis=-1, epsilon=eps)
        return self.qdq(y, v)

    def gelu(self, x):
        """x * 0.5 * (1 + erf(x / sqrt(2))), in float between a
        DequantizeLinear and a QuantizeLinear, as exporters write Gelu."""
        from math import erf, sqrt
        g = self.g
        d = g.op("Div", [x.name, g.scalar("sqrt2", sqrt(2.0), F32)])
        e = g.op("Erf", [d])
        a = g.op("Add", [e, g.scalar("one", 1.0, F32)])
        m = g.op("Mul", [x.name, a])
        y = g.op("Mul", [m, g.scalar("half", 0.5, F32)])
        verf = np.vectorize(erf)
        v = (x.value * 0.5 * (1 + verf(x.value / np.sqrt(2.0)))).astype(F32)
        return self.qdq(y, v)


class QOp(Form):
    """Activations are u8 tensors with scale and zero point initializers;
    ops are QLinear* (ONNX and com.microsoft)."""
    kind = "qop"

    def new(self, name_fn, value, params=None, act=None):
        if act == "relu":
            value = np.maximum(value, 0)
        elif act == "clip6":
            value = np.clip(value, 0, 6)
        params = params or self.params_of(value)
        if act == "clip6":
            # The quantizer fuses Clip(0, 6) by giving the output exactly
            # that range.
            params = act_params(0.0, 6.0)
        names = self.qnames(params)
        return T(name_fn(names), value, params, names)

    def input(self, name, value):
        self.g.add_input(name, F32, list(value.shape[1:]))
        params = self.params_of(value)
        s, z = self.qnames(params)
        q = self.g.op("QuantizeLinear", [name, s, z], base="q")
        self.g.meta["inputs"][-1].update(
            quant=[float(params[0]), params[1], 0, 255],
            first_op="QuantizeLinear")
        return T(q, value, params, (s, z))

    def output(self, t):
        out = self.g.op("DequantizeLinear", [t.name] + list(t.names),
                        base="y")
        self.g.add_output(out, F32, t.shape, rename="y",
                          quant=[float(t.params[0]), t.params[1], 0, 255])
        return "y"

    def conv(self, x, w, b, strides=(1, 1), pads=(0, 0, 0, 0),
             dilations=(1, 1), group=1, act=None):
        q, wscale = weight_params(w, 0)
        bscale = (F32(x.params[0]) * wscale).astype(F32)
        inputs = [x.name, *x.names, self.g.const("w_q", q),
                  self.g.const("w_scale", wscale),
                  self.g.const("w_zp", np.zeros(wscale.shape, np.int8))]
        bn = self.g.const("b_q", quantize_bias(b, bscale))
        v = batched(conv_nchw, x.value, w, b, strides, pads, dilations, group)
        return self.new(lambda n: self.g.op(
            "QLinearConv", inputs + list(n) + [bn],
            kernel_shape=list(w.shape[2:]), strides=list(strides),
            pads=list(pads), dilations=list(dilations), group=group),
            v, act=act)

    def linear(self, x, w, b, kind="gemm", act=None):
        v = (x.value @ w + b).astype(F32)
        if kind == "gemm":
            # QGemm, transB=1, per-tensor B; bias i32 at s_a * s_b.
            q, wscale = weight_params(np.ascontiguousarray(w.T), None)
            bscale = F32(F32(x.params[0]) * wscale)
            inputs = [x.name, *x.names, self.g.const("w_q", q),
                      self.g.const("w_scale", wscale),
                      self.g.scalar("w_zp", 0, np.int8),
                      self.g.const("b_q", quantize_bias(b, bscale))]
            return self.new(lambda n: self.g.op(
                "QGemm", inputs + list(n), domain=MS, transB=1), v, act=act)
        # QLinearMatMul (per-tensor B), then QLinearAdd of a u8 bias.
        q, wscale = weight_params(w, None)
        mv = (x.value @ w).astype(F32)
        inputs = [x.name, *x.names, self.g.const("w_q", q),
                  self.g.const("w_scale", wscale),
                  self.g.scalar("w_zp", 0, np.int8)]
        mm = self.new(lambda n: self.g.op("QLinearMatMul", inputs + list(n)),
                      mv)
        bparams = act_params(b.min(), b.max())
        bq = T(self.g.const("c_q", quantize(b, *bparams).astype(np.uint8)),
               b[None], bparams, self.qnames(bparams))
        return self.add(mm, bq, act=act, value=v)

    def add(self, a, b, act=None, value=None):
        v = (a.value + b.value).astype(F32) if value is None else value
        return self.new(lambda n: self.g.op(
            "QLinearAdd", [a.name, *a.names, b.name, *b.names, *n],
            domain=MS), v, act=act)

    def global_average_pool(self, x):
        v = x.value.mean(axis=(3, 4), keepdims=True).astype(F32)
        return self.new(lambda n: self.g.op(
            "QLinearGlobalAveragePool", [x.name, *x.names, *n], domain=MS,
            channels_last=0), v)

    def max_pool(self, x, kernel, strides, pads):
        v = batched(pool_nchw, x.value, kernel, strides, pads, "max")
        y = self.g.op("MaxPool", [x.name], kernel_shape=list(kernel),
                      strides=list(strides), pads=list(pads))
        return T(y, v, x.params, x.names)

    def flatten(self, x):
        v = x.value.reshape(x.value.shape[0], x.value.shape[1], -1)
        return T(self.g.op("Flatten", [x.name], axis=1), v, x.params, x.names)


class Dynamic(Form):
    """Float activations; every MatMul becomes the quantize_dynamic
    pattern."""
    kind = "dynamic"

    def input(self, name, value):
        self.g.add_input(name, F32, list(value.shape[1:]), dynamic=True)
        return T(name, value)

    def output(self, t, exact=True, why=None):
        meta = {"exact": exact}
        if why:
            meta["why"] = why
        self.g.add_output(t.name, F32, t.shape, rename="y", **meta)
        return "y"

    def dq_matmul(self, a, b_name, b_scale_name, b_zp_name, value):
        """DynamicQuantizeLinear(a), MatMulInteger, Cast, and the two Muls
        (scales first, then the product), with quantize_dynamic's operand
        order."""
        g = self.g
        aq, ascale, azp = g.op("DynamicQuantizeLinear", [a], outputs=3,
                               base="dql")
        mi = g.op("MatMulInteger", [aq, b_name, azp, b_zp_name])
        cast = g.op("Cast", [mi], to=TensorProto.FLOAT)
        scales = g.op("Mul", [ascale, b_scale_name], base="scales")
        return T(g.op("Mul", [cast, scales]), value)

    def linear(self, x, w, b, kind="matmul", act=None):
        q, wscale = weight_params(w, None)
        g = self.g
        y = self.dq_matmul(x.name, g.const("w_q", q),
                           g.scalar("w_scale", wscale, F32),
                           g.scalar("w_zp", 0, np.int8),
                           (x.value @ w).astype(F32))
        v = (y.value + b).astype(F32)
        out = g.op("Add", [y.name, g.const("bias", b)])
        if act == "relu":
            out, v = g.op("Relu", [out]), np.maximum(v, 0)
        return T(out, v)

    def matmul(self, a, b):
        """Both operands activations: both go through
        DynamicQuantizeLinear (u8)."""
        g = self.g
        bq, bscale, bzp = g.op("DynamicQuantizeLinear", [b.name], outputs=3,
                               base="dql")
        return self.dq_matmul(a.name, bq, bscale, bzp,
                              np.matmul(a.value, b.value).astype(F32))

    def add(self, a, b, act=None):
        return T(self.g.op("Add", [a.name, b.name]),
                 (a.value + b.value).astype(F32))

    def reshape(self, x, shape):
        sn = self.g.const("shape", np.array(shape, np.int64))
        return T(self.g.op("Reshape", [x.name, sn]),
                 x.value.reshape([x.value.shape[0]] + list(shape)))

    def transpose(self, x, perm):
        return T(self.g.op("Transpose", [x.name], perm=list(perm)),
                 x.value.transpose([0] + [p + 1 for p in perm]))

    def scale_by(self, x, c):
        return T(self.g.op("Mul", [x.name, self.g.scalar("c", c, F32)]),
                 (x.value * F32(c)).astype(F32))

    def softmax(self, x):
        e = np.exp(x.value - x.value.max(axis=-1, keepdims=True))
        return T(self.g.op("Softmax", [x.name], axis=-1),
                 (e / e.sum(axis=-1, keepdims=True)).astype(F32))

    def layer_norm(self, x, gamma, beta, eps=1e-5):
        m = x.value.mean(axis=-1, keepdims=True)
        var = ((x.value - m) ** 2).mean(axis=-1, keepdims=True)
        v = ((x.value - m) / np.sqrt(var + eps) * gamma + beta).astype(F32)
        return T(self.g.op("LayerNormalization",
                           [x.name, self.g.const("gamma", gamma),
                            self.g.const("beta", beta)], axis=-1,
                           epsilon=eps), v)

    def gelu(self, x):
        from math import erf, sqrt
        g = self.g
        d = g.op("Div", [x.name, g.scalar("sqrt2", sqrt(2.0), F32)])
        a = g.op("Add", [g.op("Erf", [d]), g.scalar("one", 1.0, F32)])
        y = g.op("Mul", [g.op("Mul", [x.name, a]),
                         g.scalar("half", 0.5, F32)])
        verf = np.vectorize(erf)
        return T(y, (x.value * 0.5 * (1 + verf(x.value / np.sqrt(2.0))))
                 .astype(F32))


# ---------------------------------------------------------------------------
# The whole models.

def he(rng, shape, fan_in):
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(F32)


def small(rng, shape, s=0.1):
    return (rng.standard_normal(shape) * s).astype(F32)


def resnet_block(f, rng, x):
    """Conv 3x3 + ReLU, Conv 3x3, residual Add + ReLU, MaxPool 2x2,
    Conv 1x1 stride 2 + ReLU, GlobalAveragePool, Flatten, Gemm."""
    c = x.shape[1]
    w1, b1 = he(rng, (c, c, 3, 3), 9 * c), small(rng, c)
    w2, b2 = he(rng, (c, c, 3, 3), 9 * c), small(rng, c)
    w3, b3 = he(rng, (2 * c, c, 1, 1), c), small(rng, 2 * c)
    wf, bf = he(rng, (2 * c, 10), 2 * c), small(rng, 10)
    y = f.conv(x, w1, b1, pads=(1, 1, 1, 1), act="relu")
    y = f.conv(y, w2, b2, pads=(1, 1, 1, 1))
    y = f.add(y, x, act="relu")
    y = f.max_pool(y, (2, 2), (2, 2), (0, 0, 0, 0))
    y = f.conv(y, w3, b3, strides=(2, 2), act="relu")
    y = f.flatten(f.global_average_pool(y))
    return f.linear(y, wf, bf, kind="gemm")


def mobilenet_block(f, rng, x):
    """MobileNetV2 inverted residual: 1x1 expand + Clip(0, 6), depthwise 3x3
    + Clip(0, 6), 1x1 project, residual Add."""
    c, e = x.shape[1], 4 * x.shape[1]
    w1, b1 = he(rng, (e, c, 1, 1), c), small(rng, e)
    wd, bd = he(rng, (e, 1, 3, 3), 9), small(rng, e)
    w2, b2 = he(rng, (c, e, 1, 1), e), small(rng, c)
    y = f.conv(x, w1, b1, act="clip6")
    y = f.conv(y, wd, bd, pads=(1, 1, 1, 1), group=e, act="clip6")
    y = f.conv(y, w2, b2)
    return f.add(y, x)


def mlp(f, rng, x):
    """Three layers: Gemm + ReLU, MatMul + Add + ReLU, Gemm (MatMul + Add
    throughout in the dynamic form, which quantizes MatMul only)."""
    k = x.shape[1]
    dims = [k, 96, 64, 16]
    kinds = ["matmul"] * 3 if f.kind == "dynamic" else ["gemm", "matmul",
                                                         "gemm"]
    for i in range(3):
        w = he(rng, (dims[i], dims[i + 1]), dims[i])
        x = f.linear(x, w, small(rng, dims[i + 1]), kind=kinds[i],
                     act="relu" if i < 2 else None)
    return x


def bert_layer(f, rng, x, heads=4):
    """Self-attention (Q, K, V and output projections, scaled QK^T, Softmax,
    PV), residual Add, LayerNormalization, FFN (x4, Gelu as Erf), residual
    Add, LayerNormalization. x is [1, S, D]."""
    s, d = x.shape[1], x.shape[2]
    dh = d // heads

    def proj(t, n_in, n_out):
        return f.linear(t, he(rng, (n_in, n_out), n_in),
                        small(rng, n_out), kind="matmul")

    def split(t):  # [1, S, D] -> [1, H, S, dh]
        return f.transpose(f.reshape(t, [1, s, heads, dh]), [0, 2, 1, 3])

    q, k, v = (split(proj(x, d, d)) for _ in range(3))
    kt = f.transpose(k, [0, 1, 3, 2])
    scores = f.scale_by(f.matmul(q, kt), 1.0 / np.sqrt(dh))
    p = f.softmax(scores)
    ctx = f.transpose(f.matmul(p, v), [0, 2, 1, 3])
    ctx = f.reshape(ctx, [1, s, d])
    y = f.add(proj(ctx, d, d), x)
    y = f.layer_norm(y, (1 + small(rng, d)).astype(F32), small(rng, d))
    h = f.gelu(proj(y, d, 4 * d))
    z = f.add(proj(h, 4 * d, d), y)
    return f.layer_norm(z, (1 + small(rng, d)).astype(F32), small(rng, d))


FLOAT_OPS_WHY = ("float LayerNormalization, Softmax and Erf before the "
                 "output: ONNX Runtime evaluates them with MLAS's vectorized "
                 "exp/erf and its own reduction order, which a different "
                 "evaluation order changes in the last bits")

WHOLE = {
    # name: (builder, input shape, forms, opset)
    "resnet": (resnet_block, [1, 8, 12, 12], ["qdq", "qop"], 13),
    "mobilenet": (mobilenet_block, [1, 8, 10, 10], ["qdq", "qop"], 13),
    "mlp": (mlp, [4, 48], ["qdq", "qop", "dynamic"], 13),
    "bert": (bert_layer, [1, 8, 32], ["qdq", "dynamic"], 17),
}
FORMS = {"qdq": QDQ, "qop": QOp, "dynamic": Dynamic}

# The same CNN blocks at the sizes of a ResNet-18 / MobileNetV2 stage, for
# the benchmark only (bench/run-models.sh --models large): not in `all` or
# `whole`, which the conformance tests run.
LARGE = {
    "resnet56": (resnet_block, [1, 64, 56, 56], ["qdq", "qop"], 13),
    "mobilenet56": (mobilenet_block, [1, 24, 56, 56], ["qdq", "qop"], 13),
}


def build_whole(name, form, seed):
    table = WHOLE if name in WHOLE else LARGE
    builder, shape, _, opset = table[name]
    rng = np.random.default_rng([seed, sorted(table).index(name)])
    g = Graph("%s_%s" % (name, form), opset)
    f = FORMS[form](g)
    calib = rng.standard_normal([2 * CALIBRATION] + shape).astype(F32)
    x = f.input("x", calib)
    y = builder(f, np.random.default_rng([seed, 1000 + sorted(table)
                                          .index(name)]), x)
    if form == "dynamic" and name == "bert":
        f.output(y, exact=False, why=FLOAT_OPS_WHY)
    else:
        f.output(y)
    if name == "bert" and form == "qdq":
        # The final Q/DQ pair reads float LayerNormalization: a last-bit
        # difference there can move a value across a rounding boundary.
        g.meta["outputs"][-1].update(exact=False, why=FLOAT_OPS_WHY)
    g.meta["input_distribution"] = "standard normal"
    g.meta["held_out"] = saturation(f, y)
    return g.model(), g.meta


def saturation(f, y):
    """Fraction of the final output's values that the output quantization
    saturates on the held-out samples: values beyond the quantized range
    (a ReLU's zeros are not saturation)."""
    if y.params is None:
        return None
    s, z = y.params
    lo, hi = (0 - z) * float(s), (255 - z) * float(s)
    v = y.value[CALIBRATION:]
    return float(np.mean((v > hi + float(s) / 2) | (v < lo - float(s) / 2)))


# ---------------------------------------------------------------------------
# Per-op models.

def u8_input(g, name, shape, zp=None, dtype=np.uint8):
    return g.add_input(name, dtype, shape, zero_point=zp)


def op_quantize_linear(rng, i):
    g = Graph("op_quantize_linear_%d" % i, 21 if i == 3 else 13)
    shape = [int(v) for v in rng.integers(1, 9, 3)]
    signed = i % 2 == 1
    dtype, (qmin, qmax) = ((np.int8, RANGES["int8"]) if signed
                           else (np.uint8, RANGES["uint8"]))
    per_axis = i >= 2
    if per_axis:
        axis = int(rng.integers(0, 3))
        scale = (rng.uniform(0.01, 0.2, shape[axis])).astype(F32)
        zp = rng.integers(qmin // 2, qmax // 2 + 1, shape[axis]).astype(dtype)
        attrs = {"axis": axis}
    else:
        scale = np.array(rng.uniform(0.01, 0.2), F32)
        zp = np.array(rng.integers(qmin // 2, qmax // 2 + 1), dtype)
        attrs = {}
    x = g.add_input("x", F32, shape,
                    quant=[[float(v) for v in np.ravel(scale)],
                           [int(v) for v in np.ravel(zp)], qmin, qmax],
                    quant_axis=attrs.get("axis"), first_op="QuantizeLinear")
    y = g.op("QuantizeLinear", [x, g.const("s", scale), g.const("z", zp)],
             **attrs)
    g.add_output(y, dtype, shape, rename="y")
    return g


def op_dequantize_linear(rng, i):
    g = Graph("op_dequantize_linear_%d" % i)
    shape = [int(v) for v in rng.integers(1, 9, 3)]
    dtype = [np.uint8, np.int8, np.int32, np.uint8][i]
    info = np.iinfo(dtype)
    if i == 3:
        axis = int(rng.integers(0, 3))
        scale = rng.uniform(0.01, 0.2, shape[axis]).astype(F32)
        zp = rng.integers(0, 256, shape[axis]).astype(dtype)
        attrs = {"axis": axis}
    else:
        scale = np.array(rng.uniform(0.001, 0.2), F32)
        zp = np.array(0 if dtype == np.int32 else
                      rng.integers(info.min, info.max + 1), dtype)
        attrs = {}
    x = g.add_input("x", dtype, shape)
    y = g.op("DequantizeLinear", [x, g.const("s", scale), g.const("z", zp)],
             **attrs)
    g.add_output(y, F32, shape, rename="y")
    return g


def rand_scale(rng, lo=0.005, hi=0.1):
    return F32(rng.uniform(lo, hi))


def calibrated(real):
    """Output parameters from a sample of the op's real-valued results on
    inputs drawn as the harness's random set (uniform storage values): the
    0.5th to 99.5th percentile range (percentile calibration), so that a few
    values saturate."""
    real = np.asarray(real, np.float64)
    return act_params(np.percentile(real, 0.5), np.percentile(real, 99.5))


def u8_sample(rng, shape):
    return rng.integers(0, 256, shape).astype(np.float64)


def op_qlinear_matmul(rng, i):
    g = Graph("op_qlinear_matmul_%d" % i)
    m, k, n = (int(v) for v in rng.integers(1, 40, 3))
    batch = [int(rng.integers(1, 4))] if i == 2 else []
    b_signed = i != 1
    bdt = np.int8 if b_signed else np.uint8
    sa, za = rand_scale(rng), int(rng.integers(0, 256))
    sb = np.array(rand_scale(rng), F32)
    zb = 0 if b_signed else int(rng.integers(100, 156))
    b = (rng.integers(-S8_MAX, S8_MAX + 1, (k, n)) if b_signed
         else rng.integers(0, 256, (k, n))).astype(bdt)
    if i == 3:  # per-column B (scale and zero point of shape [N])
        sb = rng.uniform(0.002, 0.02, n).astype(F32)
    so, zo = calibrated((u8_sample(rng, batch + [m, k]) - za) @
                        (b.astype(np.float64) - zb) * float(sa) *
                        sb.astype(np.float64))
    a = u8_input(g, "a", batch + [m, k], za)
    y = g.op("QLinearMatMul", [
        a, g.scalar("sa", sa, F32), g.scalar("za", za, np.uint8),
        g.const("b", b), g.const("sb", sb),
        g.const("zb", np.full(np.shape(sb), zb, bdt)),
        g.scalar("so", so, F32), g.scalar("zo", zo, np.uint8)])
    g.add_output(y, np.uint8, batch + [m, n], rename="y")
    return g


def conv_config(rng, i):
    """Group, channels, strides, pads, dilations drawn from the seed; i
    selects dense, depthwise, grouped, strided/dilated."""
    kind = ["dense", "depthwise", "grouped", "strided"][i % 4]
    if kind == "depthwise":
        group = c = int(rng.integers(2, 17))
        f = c * int(rng.integers(1, 3))
    elif kind == "grouped":
        group = int(rng.integers(2, 4))
        c, f = group * int(rng.integers(1, 5)), group * int(rng.integers(1,
                                                                         5))
    else:
        group, c, f = 1, int(rng.integers(1, 20)), int(rng.integers(1, 20))
    kh, kw = (int(v) for v in rng.integers(1, 4, 2))
    strides = ([int(v) for v in rng.integers(1, 3, 2)] if kind == "strided"
               else [1, 1])
    dil = ([int(v) for v in rng.integers(1, 3, 2)] if kind == "strided"
           else [1, 1])
    pads = [int(v) for v in rng.integers(0, 2, 4)]
    h = int(rng.integers(dil[0] * (kh - 1) + 1, 14))
    w = int(rng.integers(dil[1] * (kw - 1) + 1, 14))
    oh = (h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) // strides[0] + 1
    ow = (w + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) // strides[1] + 1
    return dict(group=group, c=c, f=f, kh=kh, kw=kw, strides=strides,
                dilations=dil, pads=pads, h=h, w=w, oh=oh, ow=ow,
                n=int(rng.integers(1, 3)))


def conv_attrs(cfg):
    return dict(kernel_shape=[cfg["kh"], cfg["kw"]], strides=cfg["strides"],
                pads=cfg["pads"], dilations=cfg["dilations"],
                group=cfg["group"])


def op_qlinear_conv(rng, i):
    g = Graph("op_qlinear_conv_%d" % i)
    cfg = conv_config(rng, i)
    f, cg = cfg["f"], cfg["c"] // cfg["group"]
    sx, zx = rand_scale(rng), int(rng.integers(0, 256))
    w = rng.integers(-S8_MAX, S8_MAX + 1,
                     (f, cg, cfg["kh"], cfg["kw"])).astype(np.int8)
    sw = rng.uniform(0.002, 0.02, f).astype(F32)
    bias = rng.integers(-20000, 20001, f).astype(np.int32)
    bscale = float(sx) * sw.astype(np.float64)
    so, zo = calibrated(conv_nchw(
        (u8_sample(rng, [16, cfg["c"], cfg["h"], cfg["w"]]) - zx) *
        float(sx), w * sw.reshape(-1, 1, 1, 1).astype(np.float64),
        bias * bscale if i != 1 else None, cfg["strides"], cfg["pads"],
        cfg["dilations"], cfg["group"]))
    x = u8_input(g, "x", [cfg["n"], cfg["c"], cfg["h"], cfg["w"]], zx)
    inputs = [x, g.scalar("sx", sx, F32), g.scalar("zx", zx, np.uint8),
              g.const("w", w), g.const("sw", sw),
              g.const("zw", np.zeros(f, np.int8)),
              g.scalar("so", so, F32), g.scalar("zo", zo, np.uint8)]
    if i != 1:
        inputs.append(g.const("bias", bias))
    y = g.op("QLinearConv", inputs, **conv_attrs(cfg))
    g.add_output(y, np.uint8, [cfg["n"], f, cfg["oh"], cfg["ow"]],
                 rename="y")
    g.meta["config"] = cfg
    return g


def op_matmul_integer(rng, i):
    g = Graph("op_matmul_integer_%d" % i)
    m, k, n = (int(v) for v in rng.integers(1, 40, 3))
    za = int(rng.integers(0, 256))
    if i == 0:  # run-time B (u8) and run-time zero points
        a = u8_input(g, "a", [m, k])
        b = u8_input(g, "b", [k, n])
        zan = u8_input(g, "a_zero_point", [])
        zbn = u8_input(g, "b_zero_point", [])
    else:  # constant i8 B, per-column zero points for i == 2
        a = u8_input(g, "a", [m, k])
        b = g.const("b", rng.integers(-S8_MAX, S8_MAX + 1,
                                      (k, n)).astype(np.int8))
        zan = g.scalar("za", za, np.uint8)
        zbn = (g.const("zb", rng.integers(-5, 6, n).astype(np.int8)) if i == 2
               else g.scalar("zb", 0, np.int8))
    y = g.op("MatMulInteger", [a, b, zan, zbn])
    g.add_output(y, np.int32, [m, n], rename="y")
    return g


def op_conv_integer(rng, i):
    g = Graph("op_conv_integer_%d" % i)
    cfg = conv_config(rng, i)
    f, cg = cfg["f"], cfg["c"] // cfg["group"]
    x = u8_input(g, "x", [cfg["n"], cfg["c"], cfg["h"], cfg["w"]])
    w = rng.integers(0, 256, (f, cg, cfg["kh"], cfg["kw"])).astype(np.uint8)
    y = g.op("ConvInteger", [x, g.const("w", w),
                             g.scalar("zx", int(rng.integers(0, 256)),
                                      np.uint8),
                             g.scalar("zw", int(rng.integers(100, 156)),
                                      np.uint8)], **conv_attrs(cfg))
    g.add_output(y, np.int32, [cfg["n"], f, cfg["oh"], cfg["ow"]],
                 rename="y")
    g.meta["config"] = cfg
    return g


def op_dynamic_quantize_linear(rng, i):
    g = Graph("op_dynamic_quantize_linear_%d" % i)
    shape = [int(v) for v in rng.integers(1, 12, 2)]
    x = g.add_input("x", F32, shape, dynamic=True,
                    positive=(i == 1))
    y, s, z = g.op("DynamicQuantizeLinear", [x], outputs=3)
    # Its range is the input's: the ends are reached by construction.
    g.add_output(y, np.uint8, shape, rename="y", saturation_check=False)
    g.add_output(s, F32, [], rename="y_scale")
    g.add_output(z, np.uint8, [], rename="y_zero_point")
    return g


def op_qlinear_binary(rng, i, op_type):
    g = Graph("op_%s_%d" % (op_type.lower().replace("qlinear", "qlinear_"),
                            i))
    shape = [int(v) for v in rng.integers(1, 9, 4)]
    bshape = shape if i == 0 else [shape[1], 1, 1]  # broadcast, as NCHW bias
    sa, sb = rand_scale(rng), rand_scale(rng)
    za, zb = (int(v) for v in rng.integers(0, 256, 2))
    ra = (u8_sample(rng, [16] + shape) - za) * float(sa)
    rb = (u8_sample(rng, [16] + [1] * (len(shape) - len(bshape)) + bshape)
          - zb) * float(sb)
    so, zo = calibrated(ra + rb if op_type == "QLinearAdd" else ra * rb)
    a = u8_input(g, "a", shape)
    b = u8_input(g, "b", bshape)
    y = g.op(op_type, [a, g.scalar("sa", sa, F32),
                       g.scalar("za", za, np.uint8),
                       b, g.scalar("sb", sb, F32),
                       g.scalar("zb", zb, np.uint8),
                       g.scalar("so", so, F32),
                       g.scalar("zo", zo, np.uint8)],
             domain=MS)
    g.add_output(y, np.uint8, shape, rename="y")
    return g


def pool_config(rng):
    n, c = int(rng.integers(1, 3)), int(rng.integers(1, 9))
    kh, kw = (int(v) for v in rng.integers(1, 4, 2))
    strides = [int(v) for v in rng.integers(1, 3, 2)]
    pads = [int(rng.integers(0, kh)), int(rng.integers(0, kw)),
            int(rng.integers(0, kh)), int(rng.integers(0, kw))]
    h, w = int(rng.integers(kh, 12)), int(rng.integers(kw, 12))
    oh = (h + pads[0] + pads[2] - kh) // strides[0] + 1
    ow = (w + pads[1] + pads[3] - kw) // strides[1] + 1
    return n, c, h, w, oh, ow, dict(kernel_shape=[kh, kw], strides=strides,
                                    pads=pads)


def op_qlinear_average_pool(rng, i):
    g = Graph("op_qlinear_average_pool_%d" % i)
    n, c, h, w, oh, ow, attrs = pool_config(rng)
    sx, zx = rand_scale(rng), int(rng.integers(0, 256))
    so, zo = calibrated(pool_nchw(
        (u8_sample(rng, [16 * n, c, h, w]) - zx) * float(sx),
        attrs["kernel_shape"], attrs["strides"], attrs["pads"], "avg",
        i % 2))
    x = u8_input(g, "x", [n, c, h, w])
    y = g.op("QLinearAveragePool", [
        x, g.scalar("sx", sx, F32), g.scalar("zx", zx, np.uint8),
        g.scalar("so", so, F32), g.scalar("zo", zo, np.uint8)], domain=MS,
        count_include_pad=i % 2, **attrs)
    g.add_output(y, np.uint8, [n, c, oh, ow], rename="y")
    return g


def op_qlinear_global_average_pool(rng, i):
    g = Graph("op_qlinear_global_average_pool_%d" % i)
    n, c = int(rng.integers(1, 3)), int(rng.integers(1, 17))
    h, w = (int(v) for v in rng.integers(1, 14, 2))
    sx, zx = rand_scale(rng), int(rng.integers(0, 256))
    so, zo = calibrated(((u8_sample(rng, [64, c, h, w]) - zx) * float(sx))
                        .mean(axis=(2, 3)))
    x = u8_input(g, "x", [n, c, h, w])
    y = g.op("QLinearGlobalAveragePool", [
        x, g.scalar("sx", sx, F32), g.scalar("zx", zx, np.uint8),
        g.scalar("so", so, F32), g.scalar("zo", zo, np.uint8)], domain=MS,
        channels_last=0)
    g.add_output(y, np.uint8, [n, c, 1, 1], rename="y")
    return g


def op_qlinear_concat(rng, i):
    g = Graph("op_qlinear_concat_%d" % i)
    shape = [int(v) for v in rng.integers(1, 7, 4)]
    axis = int(rng.integers(0, 4))
    inputs, lo, hi = [], 0.0, 0.0
    total = 0
    for j in range(int(rng.integers(2, 4))):
        s = list(shape)
        s[axis] = int(rng.integers(1, 5))
        total += s[axis]
        sj, zj = rand_scale(rng), int(rng.integers(0, 256))
        lo, hi = min(lo, -zj * float(sj)), max(hi, (255 - zj) * float(sj))
        inputs += [u8_input(g, "x%d" % j, s), g.scalar("s", sj, F32),
                   g.scalar("z", zj, np.uint8)]
    # The union of the inputs' ranges: no value saturates.
    so, zo = act_params(lo, hi)
    inputs = [g.scalar("so", so, F32), g.scalar("zo", zo, np.uint8)] + inputs
    y = g.op("QLinearConcat", inputs, domain=MS, axis=axis)
    shape[axis] = total
    g.add_output(y, np.uint8, shape, rename="y")
    return g


def op_qgemm(rng, i):
    g = Graph("op_qgemm_%d" % i)
    m, k, n = (int(v) for v in rng.integers(1, 40, 3))
    sa, za = rand_scale(rng), int(rng.integers(0, 256))
    sb = rand_scale(rng)
    trans_b = int(i != 1)
    b = rng.integers(-S8_MAX, S8_MAX + 1,
                     (n, k) if trans_b else (k, n)).astype(np.int8)
    cb = rng.integers(-20000, 20001, n).astype(np.int32)
    a = u8_input(g, "a", [m, k])
    inputs = [a, g.scalar("sa", sa, F32), g.scalar("za", za, np.uint8),
              g.const("b", b), g.scalar("sb", sb, F32),
              g.scalar("zb", 0, np.int8),
              g.const("c", cb)]
    if i == 2:  # float output: no y_scale, y_zero_point
        y = g.op("QGemm", inputs, domain=MS, transB=trans_b)
        g.add_output(y, F32, [m, n], rename="y")
    else:
        bt = b.T if trans_b else b
        so, zo = calibrated(((u8_sample(rng, [m, k]) - za) @ bt + cb) *
                            float(sa) * float(sb))
        y = g.op("QGemm", inputs + [g.scalar("so", so, F32),
                                    g.scalar("zo", zo, np.uint8)],
                 domain=MS, transB=trans_b)
        g.add_output(y, np.uint8, [m, n], rename="y")
    return g


def dq_input(g, name, shape, scale, zp):
    x = u8_input(g, name, shape)
    return g.op("DequantizeLinear", [x, g.scalar("s", scale, F32),
                                     g.scalar("z", zp, np.uint8)])


def q_output(g, t, shape, scale, zp):
    y = g.op("QuantizeLinear", [t, g.scalar("s", scale, F32),
                                g.scalar("z", zp, np.uint8)])
    g.add_output(y, np.uint8, shape, rename="y", zero_point=int(zp))


def dq_weight(g, w, axis):
    q, scale = weight_params(w, axis)
    attrs = {} if axis is None else {"axis": axis}
    return g.op("DequantizeLinear", [g.const("w_q", q), g.const("w_s", scale),
                                     g.const("w_z", np.zeros(scale.shape,
                                                             np.int8))],
                **attrs), scale


def dq_bias(g, b, scale):
    scale = np.broadcast_to(scale, b.shape).astype(F32)
    return g.op("DequantizeLinear", [
        g.const("b_q", quantize_bias(b, scale)), g.const("b_s", scale),
        g.const("b_z", np.zeros(b.shape, np.int32))], axis=0)


def op_qdq(rng, i, kind):
    """DQ -> float op -> Q islands (the QDQ format's unit); the output's
    parameters calibrated on a sample of the float op's results."""
    g = Graph("op_qdq_%s_%d" % (kind, i))
    sx, zx = rand_scale(rng, 0.01, 0.05), int(rng.integers(0, 256))

    def real(shape):
        return ((u8_sample(rng, shape) - zx) * float(sx)).astype(F32)

    if kind == "conv":
        cfg = conv_config(rng, i)
        f, cg = cfg["f"], cfg["c"] // cfg["group"]
        shape = [cfg["n"], cfg["c"], cfg["h"], cfg["w"]]
        x = dq_input(g, "x", shape, sx, zx)
        w = he(rng, (f, cg, cfg["kh"], cfg["kw"]), cg * cfg["kh"] * cfg["kw"])
        b = small(rng, f)
        wn, ws = dq_weight(g, w, 0)
        bn = dq_bias(g, b, F32(sx) * ws)
        y = g.op("Conv", [x, wn, bn], **conv_attrs(cfg))
        v = conv_nchw(real(shape), w, b, cfg["strides"], cfg["pads"],
                      cfg["dilations"], cfg["group"])
        if i % 2:
            y, v = g.op("Relu", [y]), np.maximum(v, 0)
        q_output(g, y, [cfg["n"], f, cfg["oh"], cfg["ow"]], *calibrated(v))
    elif kind in ("matmul", "gemm"):
        m, k, n = (int(v) for v in rng.integers(1, 40, 3))
        x = dq_input(g, "x", [m, k], sx, zx)
        w, b = he(rng, (n, k), k), small(rng, n)
        if kind == "gemm":
            wn, ws = dq_weight(g, w, 0)
            y = g.op("Gemm", [x, wn, dq_bias(g, b, F32(sx) * ws)], transB=1)
            v = real([m, k]) @ w.T + b
        else:
            wn, _ = dq_weight(g, np.ascontiguousarray(w.T), 1)
            y = g.op("MatMul", [x, wn])
            v = real([m, k]) @ w.T
        q_output(g, y, [m, n], *calibrated(v))
    elif kind == "add":
        shape = [int(v) for v in rng.integers(1, 9, 4)]
        sb, zb = rand_scale(rng, 0.01, 0.05), int(rng.integers(0, 256))
        a = dq_input(g, "a", shape, sx, zx)
        b = dq_input(g, "b", shape, sb, zb)
        v = real(shape) + (u8_sample(rng, shape) - zb) * float(sb)
        q_output(g, g.op("Add", [a, b]), shape, *calibrated(v))
    elif kind == "mul":
        shape = [int(v) for v in rng.integers(1, 9, 4)]
        sb, zb = rand_scale(rng, 0.01, 0.05), int(rng.integers(0, 256))
        a = dq_input(g, "a", shape, sx, zx)
        b = dq_input(g, "b", shape, sb, zb)
        v = real([16] + shape) * ((u8_sample(rng, [16] + shape) - zb) *
                                  float(sb))
        q_output(g, g.op("Mul", [a, b]), shape, *calibrated(v))
    elif kind == "concat":
        shape = [int(v) for v in rng.integers(1, 6, 4)]
        axis = int(rng.integers(0, 4))
        parts, lo, hi = [], 0.0, 0.0
        for j in range(int(rng.integers(2, 4))):
            sj, zj = rand_scale(rng, 0.01, 0.05), int(rng.integers(0, 256))
            shp = list(shape)
            shp[axis] = int(rng.integers(1, 4))
            parts.append((dq_input(g, "x%d" % j, shp, sj, zj), shp[axis]))
            lo, hi = min(lo, -zj * float(sj)), max(hi, (255 - zj) * float(sj))
        shape[axis] = sum(k for _, k in parts)
        q_output(g, g.op("Concat", [t for t, _ in parts], axis=axis), shape,
                 *act_params(lo, hi))
    elif kind == "sub":
        shape = [int(v) for v in rng.integers(1, 9, 3)]
        sb, zb = rand_scale(rng, 0.01, 0.05), int(rng.integers(0, 256))
        a = dq_input(g, "a", shape, sx, zx)
        b = dq_input(g, "b", shape, sb, zb)
        v = real([16] + shape) - (u8_sample(rng, [16] + shape) - zb) * \
            float(sb)
        q_output(g, g.op("Sub", [a, b]), shape, *calibrated(v))
    elif kind == "sigmoid":
        # ONNX Runtime fuses the island into QLinearSigmoid (a table).
        shape = [int(v) for v in rng.integers(1, 17, 2)]
        # Inputs within about +-6, where the function is not flat.
        sx = rand_scale(rng, 0.01, 0.025)
        x = dq_input(g, "x", shape, sx, zx)
        v = 1 / (1 + np.exp(-real([16] + shape).astype(np.float64)))
        q_output(g, g.op("Sigmoid", [x]), shape, *calibrated(v))
    elif kind == "gelu":
        # Gelu of opset 20, between a DequantizeLinear and a QuantizeLinear.
        g.opset = 20
        shape = [int(v) for v in rng.integers(1, 17, 2)]
        x = dq_input(g, "x", shape, sx, zx)
        v = real([16] + shape)
        v = v * 0.5 * (1 + np.vectorize(math.erf)(v / np.sqrt(2.0)))
        q_output(g, g.op("Gelu", [x]), shape, *calibrated(v))
    elif kind == "reshape":
        # Data movement keeps the parameters: Unsqueeze, Transpose, Reshape,
        # Squeeze on the dequantized values, then the same QuantizeLinear.
        n, c, h = (int(v) for v in rng.integers(1, 7, 3))
        x = dq_input(g, "x", [n, c, h], sx, zx)
        u = g.op("Unsqueeze", [x, g.const("axes", np.array([3], np.int64))])
        t = g.op("Transpose", [u], perm=[0, 2, 3, 1])
        r = g.op("Reshape", [t, g.const("shape", np.array([n, h, 1, c],
                                                          np.int64))])
        y = g.op("Squeeze", [r, g.const("axes", np.array([2], np.int64))])
        q_output(g, y, [n, h, c], sx, zx)
    elif kind == "global_avgpool":
        n, c = int(rng.integers(1, 3)), int(rng.integers(1, 17))
        h, w = (int(v) for v in rng.integers(1, 14, 2))
        x = dq_input(g, "x", [n, c, h, w], sx, zx)
        v = real([64, c, h, w]).mean(axis=(2, 3))
        q_output(g, g.op("GlobalAveragePool", [x]), [n, c, 1, 1],
                 *calibrated(v))
    else:  # maxpool, avgpool
        n, c, h, w, oh, ow, attrs = pool_config(rng)
        x = dq_input(g, "x", [n, c, h, w], sx, zx)
        if kind == "maxpool":
            # The quantizer gives MaxPool's output its input's parameters.
            y = g.op("MaxPool", [x], **attrs)
            q_output(g, y, [n, c, oh, ow], sx, zx)
        else:
            y = g.op("AveragePool", [x], count_include_pad=i % 2, **attrs)
            v = pool_nchw(real([16 * n, c, h, w]), attrs["kernel_shape"],
                          attrs["strides"], attrs["pads"], "avg", i % 2)
            q_output(g, y, [n, c, oh, ow], *calibrated(v))
    return g


PER_OP = {
    # family: (builder, variants)
    "quantize_linear": (op_quantize_linear, 4),
    "dequantize_linear": (op_dequantize_linear, 4),
    "qlinear_matmul": (op_qlinear_matmul, 4),
    "qlinear_conv": (op_qlinear_conv, 4),
    "matmul_integer": (op_matmul_integer, 3),
    "conv_integer": (op_conv_integer, 2),
    "dynamic_quantize_linear": (op_dynamic_quantize_linear, 2),
    "qlinear_add": (lambda r, i: op_qlinear_binary(r, i, "QLinearAdd"), 2),
    "qlinear_mul": (lambda r, i: op_qlinear_binary(r, i, "QLinearMul"), 2),
    "qlinear_average_pool": (op_qlinear_average_pool, 2),
    "qlinear_global_average_pool": (op_qlinear_global_average_pool, 2),
    "qlinear_concat": (op_qlinear_concat, 2),
    "qgemm": (op_qgemm, 3),
    "qdq_conv": (lambda r, i: op_qdq(r, i, "conv"), 4),
    "qdq_matmul": (lambda r, i: op_qdq(r, i, "matmul"), 2),
    "qdq_gemm": (lambda r, i: op_qdq(r, i, "gemm"), 2),
    "qdq_add": (lambda r, i: op_qdq(r, i, "add"), 2),
    "qdq_maxpool": (lambda r, i: op_qdq(r, i, "maxpool"), 2),
    "qdq_avgpool": (lambda r, i: op_qdq(r, i, "avgpool"), 2),
    "qdq_global_avgpool": (lambda r, i: op_qdq(r, i, "global_avgpool"), 1),
    "qdq_mul": (lambda r, i: op_qdq(r, i, "mul"), 1),
    "qdq_concat": (lambda r, i: op_qdq(r, i, "concat"), 2),
    "qdq_sub": (lambda r, i: op_qdq(r, i, "sub"), 1),
    "qdq_sigmoid": (lambda r, i: op_qdq(r, i, "sigmoid"), 1),
    "qdq_gelu": (lambda r, i: op_qdq(r, i, "gelu"), 1),
    "qdq_reshape": (lambda r, i: op_qdq(r, i, "reshape"), 1),
}


def whole_names():
    return ["%s_%s" % (n, f) for n in WHOLE for f in WHOLE[n][2]]


def large_names():
    return ["%s_%s" % (n, f) for n in LARGE for f in LARGE[n][2]]


def op_names():
    return ["op_%s_%d" % (fam, i) for fam, (_, n) in PER_OP.items()
            for i in range(n)]


def all_names():
    return whole_names() + op_names()


def build(name, seed=0):
    """(ModelProto, meta) of the model `name`."""
    for n, entry in list(WHOLE.items()) + list(LARGE.items()):
        for form in entry[2]:
            if name == "%s_%s" % (n, form):
                return build_whole(n, form, seed)
    for fam, (fn, count) in PER_OP.items():
        for i in range(count):
            if name == "op_%s_%d" % (fam, i):
                rng = np.random.default_rng(
                    [seed, list(PER_OP).index(fam), i])
                g = fn(rng, i)
                return g.model(), g.meta
    raise KeyError("unknown model '%s' (--list shows them)" % name)


def select(spec):
    """Names selected by a comma-separated list of names, families
    (resnet, qlinear_conv) or the groups `whole`, `ops`, `all` and `large`
    (the benchmark's realistic sizes, in no other group)."""
    if not spec or spec == "all":
        return all_names()
    out = []
    known = all_names() + large_names()
    for item in spec.split(","):
        if item == "whole":
            out += whole_names()
        elif item == "ops":
            out += op_names()
        elif item == "large":
            out += large_names()
        elif item in known:
            out.append(item)
        else:
            match = [n for n in known
                     if n.startswith(item + "_") or
                     n.startswith("op_" + item + "_")]
            if not match:
                raise KeyError("unknown model '%s' (--list shows them)"
                               % item)
            out += match
    return list(dict.fromkeys(out))


def write(outdir, name, seed=0):
    model, meta = build(name, seed)
    onnx.save(model, os.path.join(outdir, name + ".onnx"))
    with open(os.path.join(outdir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1)
    return meta


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("outdir", nargs="?")
    p.add_argument("--models", default="all")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--list", action="store_true")
    p.add_argument("--ops", action="store_true",
                   help="list each model's ops with the attributes it sets")
    args = p.parse_args()
    try:
        names = select(args.models)
    except KeyError as e:
        sys.exit("models.py: %s" % e.args[0])
    if args.list:
        for n in names:
            print(n)
        return
    if args.ops:
        for n in names:
            meta = build(n, args.seed)[1]
            print("%s (opset %d): %s" % (n, meta["opset"], ", ".join(
                op + ("(%s)" % " ".join(a) if a else "")
                for op, a in sorted(meta["attributes"].items()))))
        return
    if not args.outdir:
        p.error("an output folder is required")
    os.makedirs(args.outdir, exist_ok=True)
    for n in names:
        meta = write(args.outdir, n, args.seed)
        sat = meta.get("held_out")
        print("%-36s opset %2d  %s%s" % (
            n, meta["opset"], " ".join(meta["ops"]),
            "" if sat is None else "  saturated %.4f" % sat))


if __name__ == "__main__":
    main()
