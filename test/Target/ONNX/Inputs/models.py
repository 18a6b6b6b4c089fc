"""Small ONNX models for the importer's tests, written with the onnx
package at test time: `models.py NAME OUT.onnx` writes model NAME (seeded
weights). Names starting with `bad_` are malformed on purpose."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

U8, I8, I32, I64, F = (TensorProto.UINT8, TensorProto.INT8, TensorProto.INT32,
                       TensorProto.INT64, TensorProto.FLOAT)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def scalar(name, value, dtype):
    return numpy_helper.from_array(np.array(value, dtype=dtype), name)


def model(nodes, inputs, outputs, inits, name="test_graph", opset=13,
          ms=False):
    graph = helper.make_graph(nodes, name, inputs, outputs, inits)
    opsets = [helper.make_opsetid("", opset)]
    if ms:
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    m = helper.make_model(graph, opset_imports=opsets)
    m.ir_version = 8
    return m


def vi(name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


def rng():
    return np.random.default_rng(7)


# --- Q/DQ -----------------------------------------------------------------

def qdq_per_tensor():
    """x -> QuantizeLinear(0.1, 10 u8) -> y (u8), and back to float."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                              name="quant"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"],
                              name="dequant")]
    return model(nodes, [vi("x", F, [2, 3])],
                 [vi("q", U8, [2, 3]), vi("y", F, [2, 3])],
                 [scalar("s", 0.1, np.float32), scalar("z", 10, np.uint8)])


def qdq_per_axis():
    """Per-axis (axis 1) int8 quantize of an input; a per-axis dequantize of
    an int8 initializer (axis 0)."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                              name="quant", axis=1),
             helper.make_node("DequantizeLinear", ["w", "ws"], ["wf"],
                              name="dequant_w", axis=0)]
    return model(nodes, [vi("x", F, [2, 3])],
                 [vi("q", I8, [2, 3]), vi("wf", F, [2, 2])],
                 [const("s", np.array([0.5, 0.25, 0.125], np.float32)),
                  const("z", np.array([0, 1, -2], np.int8)),
                  const("w", np.array([[1, -2], [3, 4]], np.int8)),
                  const("ws", np.array([0.5, 2.0], np.float32))])


def dequantize_input():
    """A uint8 graph input dequantized."""
    nodes = [helper.make_node("DequantizeLinear", ["x", "s", "z"], ["y"],
                              name="dq")]
    return model(nodes, [vi("x", U8, ["n", 4])], [vi("y", F, ["n", 4])],
                 [scalar("s", 0.05, np.float32), scalar("z", 128, np.uint8)])


def initializer_forms():
    """Initializers as raw_data and as typed fields, of every supported
    element type, returned through Identity."""
    inits = [
        helper.make_tensor("f_typed", F, [2], [1.5, -2.0]),
        helper.make_tensor("i8_typed", I8, [2], [-3, 4]),
        helper.make_tensor("u8_raw", U8, [2],
                           np.array([200, 7], np.uint8).tobytes(), raw=True),
        helper.make_tensor("i32_typed", I32, [2], [-70000, 5]),
        helper.make_tensor("i64_raw", I64, [2],
                           np.array([1 << 40, -1], np.int64).tobytes(),
                           raw=True),
    ]
    nodes = [helper.make_node("Identity", [t.name], [t.name + "_out"],
                              name="id_" + t.name) for t in inits]
    outs = [vi("f_typed_out", F, [2]), vi("i8_typed_out", I8, [2]),
            vi("u8_raw_out", U8, [2]), vi("i32_typed_out", I32, [2]),
            vi("i64_raw_out", I64, [2])]
    return model(nodes, [], outs, inits, name="")


# --- QOperator ------------------------------------------------------------

def qlinear_conv_params(r, cin, cout, k, group=1):
    # 7-bit weights, as ONNX Runtime's quantizer writes them (reduce_range)
    # for CPUs without a u8 x s8 dot product: its AVX2 kernels (vpmaddubsw)
    # saturate pair sums of 8-bit weights, and would not be exact.
    w = r.integers(-64, 64, size=(cout, cin // group, k, k), dtype=np.int8)
    ws = (r.random(cout) * 0.02 + 0.005).astype(np.float32)
    b = r.integers(-2000, 2000, size=(cout,), dtype=np.int32)
    return w, ws, b


def qlinear_conv_chain():
    """Two QLinearConvs (3x3 pad 1 per-channel with bias; then depthwise
    3x3 stride 2), NCHW in ONNX, with no transpose between them."""
    r = rng()
    w1, ws1, b1 = qlinear_conv_params(r, 3, 4, 3)
    w2, ws2, b2 = qlinear_conv_params(r, 4, 4, 3, group=4)
    inits = [scalar("xs", 0.05, np.float32), scalar("xz", 120, np.uint8),
             const("w1", w1), const("ws1", ws1),
             const("wz1", np.zeros(4, np.int8)), const("b1", b1),
             scalar("ys", 0.1, np.float32), scalar("yz", 100, np.uint8),
             const("w2", w2), const("ws2", ws2),
             const("wz2", np.zeros(4, np.int8)), const("b2", b2),
             scalar("zs", 0.2, np.float32), scalar("zz", 90, np.uint8)]
    nodes = [
        helper.make_node("QLinearConv",
                         ["x", "xs", "xz", "w1", "ws1", "wz1", "ys", "yz",
                          "b1"], ["y"], name="conv1", pads=[1, 1, 1, 1],
                         kernel_shape=[3, 3]),
        helper.make_node("QLinearConv",
                         ["y", "ys", "yz", "w2", "ws2", "wz2", "zs", "zz",
                          "b2"], ["z"], name="conv2", pads=[1, 1, 1, 1],
                         strides=[2, 2], group=4),
    ]
    return model(nodes, [vi("x", U8, [1, 3, 8, 8])],
                 [vi("z", U8, [1, 4, 4, 4])], inits)


def qlinear_conv_matmul():
    """QLinearConv -> Flatten -> QLinearMatMul: the end-to-end model."""
    r = rng()
    w1, ws1, b1 = qlinear_conv_params(r, 3, 4, 3)
    wm = r.integers(-64, 64, size=(4 * 4 * 4, 10), dtype=np.int8)
    inits = [scalar("xs", 0.05, np.float32), scalar("xz", 120, np.uint8),
             const("w1", w1), const("ws1", ws1),
             const("wz1", np.zeros(4, np.int8)), const("b1", b1),
             scalar("ys", 0.1, np.float32), scalar("yz", 100, np.uint8),
             const("wm", wm), scalar("wms", 0.01, np.float32),
             scalar("wmz", 3, np.int8),
             scalar("os", 0.3, np.float32), scalar("oz", 128, np.uint8)]
    nodes = [
        helper.make_node("QLinearConv",
                         ["x", "xs", "xz", "w1", "ws1", "wz1", "ys", "yz",
                          "b1"], ["y"], name="conv1", pads=[1, 0, 1, 0],
                         strides=[2, 2]),
        helper.make_node("Flatten", ["y"], ["f"], name="flatten"),
        helper.make_node("QLinearMatMul",
                         ["f", "ys", "yz", "wm", "wms", "wmz", "os", "oz"],
                         ["out"], name="fc"),
    ]
    return model(nodes, [vi("x", U8, [2, 3, 8, 9])],
                 [vi("out", U8, [2, 10]), vi("y", U8, [2, 4, 4, 4])], inits)


def qlinear_matmul():
    """QLinearMatMul with per-column int8 weights and a batched input."""
    r = rng()
    w = r.integers(-64, 64, size=(16, 8), dtype=np.int8)  # 7-bit: see above
    inits = [scalar("as", 0.05, np.float32), scalar("az", 3, np.uint8),
             const("w", w),
             const("ws", (r.random(8) * 0.02 + 0.01).astype(np.float32)),
             const("wz", np.zeros(8, np.int8)),
             scalar("ys", 0.2, np.float32), scalar("yz", 5, np.uint8)]
    nodes = [helper.make_node("QLinearMatMul",
                              ["a", "as", "az", "w", "ws", "wz", "ys", "yz"],
                              ["y"], name="mm")]
    return model(nodes, [vi("a", U8, [2, 4, 16])], [vi("y", U8, [2, 4, 8])],
                 inits)


def matmul_integer():
    """MatMulInteger with constant zero points (qnn.matmul to i32), and a
    DynamicQuantizeLinear in front of one with run-time zero points."""
    r = rng()
    w = r.integers(-64, 64, size=(16, 8), dtype=np.int8)  # 7-bit: see above
    inits = [const("w", w), scalar("az", 7, np.uint8),
             scalar("wz", -1, np.int8)]
    nodes = [
        helper.make_node("MatMulInteger", ["a", "w", "az", "wz"], ["y"],
                         name="mmi"),
        helper.make_node("DynamicQuantizeLinear", ["x"],
                         ["xq", "xs", "xzp"], name="dql"),
        helper.make_node("MatMulInteger", ["xq", "w", "xzp"], ["y2"],
                         name="mmi_dynamic"),
    ]
    return model(nodes, [vi("a", U8, [4, 16]), vi("x", F, [4, 16])],
                 [vi("y", I32, [4, 8]), vi("y2", I32, [4, 8]),
                  vi("xs", F, [])], inits)


def conv_integer():
    """ConvInteger: qnn.conv2d with an i32 result."""
    r = rng()
    w = r.integers(0, 256, size=(2, 3, 3, 3), dtype=np.uint8)
    nodes = [helper.make_node("ConvInteger", ["x", "w", "xz"], ["y"],
                              name="convi", pads=[1, 1, 1, 1])]
    return model(nodes, [vi("x", U8, [1, 3, 5, 5])],
                 [vi("y", I32, [1, 2, 5, 5])],
                 [const("w", w.astype(np.uint8)), scalar("xz", 9, np.uint8)])


def ms_qgemm():
    """com.microsoft QGemm (transB, per-column weights, int32 bias) as
    qnn.matmul."""
    r = rng()
    w = r.integers(-64, 64, size=(6, 16), dtype=np.int8)  # 7-bit: see above
    ws = (r.random(6) * 0.02 + 0.01).astype(np.float32)
    inits = [scalar("as", 0.05, np.float32), scalar("az", 100, np.uint8),
             const("w", w), const("ws", ws), const("wz", np.zeros(6, np.int8)),
             const("c", r.integers(-3000, 3000, size=(6,), dtype=np.int32)),
             scalar("ys", 0.15, np.float32), scalar("yz", 120, np.uint8)]
    nodes = [helper.make_node("QGemm", ["a", "as", "az", "w", "ws", "wz", "c",
                                        "ys", "yz"], ["y"], name="qgemm",
                              domain="com.microsoft", transB=1)]
    return model(nodes, [vi("a", U8, [3, 16])], [vi("y", U8, [3, 6])], inits,
                 ms=True)


def ms_qgemm_alpha():
    """QGemm with alpha = 0.5: a quantized output, and a float output (no
    y_scale) with per-column scales and a bias."""
    r = rng()
    w = r.integers(-64, 64, size=(16, 5), dtype=np.int8)  # 7-bit: see above
    ws = (r.random(5) * 0.02 + 0.01).astype(np.float32)
    inits = [scalar("as", 0.05, np.float32), scalar("az", 100, np.uint8),
             const("w", w), const("ws", ws), const("wz", np.zeros(5, np.int8)),
             const("c", r.integers(-3000, 3000, size=(5,), dtype=np.int32)),
             scalar("ys", 0.07, np.float32), scalar("yz", 120, np.uint8)]
    nodes = [
        helper.make_node("QGemm", ["a", "as", "az", "w", "ws", "wz", "c",
                                   "ys", "yz"], ["y"], name="qgemm_alpha",
                         domain="com.microsoft", alpha=0.5),
        helper.make_node("QGemm", ["a", "as", "az", "w", "ws", "wz", "c"],
                         ["f"], name="qgemm_float", domain="com.microsoft",
                         alpha=0.5),
    ]
    return model(nodes, [vi("a", U8, [3, 16])],
                 [vi("y", U8, [3, 5]), vi("f", F, [3, 5])], inits, ms=True)


def ms_qlinear_pools():
    """com.microsoft QLinearConcat (one input requantized), then
    QLinearAveragePool (3x3, pad 1, count_include_pad) and
    QLinearGlobalAveragePool, as qnn ops on NHWC."""
    inits = [scalar("s1", 0.05, np.float32), scalar("z1", 100, np.uint8),
             scalar("s2", 0.08, np.float32), scalar("z2", 30, np.uint8),
             scalar("sc", 0.07, np.float32), scalar("zc", 90, np.uint8),
             scalar("sp", 0.06, np.float32), scalar("zp", 80, np.uint8),
             scalar("sg", 0.03, np.float32), scalar("zg", 128, np.uint8)]
    nodes = [
        helper.make_node("QLinearConcat", ["sc", "zc", "a", "s1", "z1", "b",
                                           "sc", "zc"], ["cat"],
                         name="qconcat", domain="com.microsoft", axis=1),
        helper.make_node("QLinearAveragePool", ["cat", "sc", "zc", "sp", "zp"],
                         ["pool"], name="qavgpool", domain="com.microsoft",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                         count_include_pad=1),
        helper.make_node("QLinearGlobalAveragePool",
                         ["pool", "sp", "zp", "sg", "zg"], ["gap"],
                         name="qgap", domain="com.microsoft"),
    ]
    return model(nodes, [vi("a", U8, [1, 3, 5, 5]), vi("b", U8, [1, 2, 5, 5])],
                 [vi("gap", U8, [1, 5, 1, 1]), vi("cat", U8, [1, 5, 5, 5])],
                 inits, ms=True)


def ms_qlinear_add():
    """com.microsoft QLinearAdd: a residual add of two QLinearConv outputs
    (NHWC, no transpose), and a broadcast add of a per-row input."""
    r = rng()
    w1, ws1, b1 = qlinear_conv_params(r, 3, 4, 1)
    inits = [scalar("xs", 0.05, np.float32), scalar("xz", 120, np.uint8),
             const("w1", w1), const("ws1", ws1),
             const("wz1", np.zeros(4, np.int8)), const("b1", b1),
             scalar("ys", 0.1, np.float32), scalar("yz", 100, np.uint8),
             scalar("rs", 0.04, np.float32), scalar("rz", 128, np.uint8),
             scalar("os", 0.12, np.float32), scalar("oz", 110, np.uint8),
             scalar("ps", 0.3, np.float32), scalar("pz", 7, np.uint8)]
    nodes = [
        helper.make_node("QLinearConv",
                         ["x", "xs", "xz", "w1", "ws1", "wz1", "ys", "yz",
                          "b1"], ["y"], name="conv1"),
        helper.make_node("QLinearAdd", ["y", "ys", "yz", "res", "rs", "rz",
                                        "os", "oz"], ["sum"], name="qadd",
                         domain="com.microsoft"),
        helper.make_node("QLinearAdd", ["m", "rs", "rz", "row", "ps", "pz",
                                        "os", "oz"], ["bsum"], name="qadd_bc",
                         domain="com.microsoft"),
    ]
    return model(nodes, [vi("x", U8, [1, 3, 4, 4]), vi("res", U8, [1, 4, 4, 4]),
                         vi("m", U8, [3, 8]), vi("row", U8, [8])],
                 [vi("sum", U8, [1, 4, 4, 4]), vi("bsum", U8, [3, 8])], inits,
                 ms=True)


def ms_qlinear_mul():
    """com.microsoft QLinearMul as qnn.mul (float rounding): elementwise,
    and with a one-element b (ONNX Runtime's scalar path)."""
    inits = [scalar("as", 0.037, np.float32), scalar("az", 131, np.uint8),
             scalar("bs", 0.051, np.float32), scalar("bz", 97, np.uint8),
             scalar("cs", 0.29, np.float32), scalar("cz", 120, np.uint8),
             scalar("ks", 0.013, np.float32), scalar("kz", 3, np.uint8)]
    nodes = [
        helper.make_node("QLinearMul", ["a", "as", "az", "b", "bs", "bz",
                                        "cs", "cz"], ["y"], name="qmul",
                         domain="com.microsoft"),
        helper.make_node("QLinearMul", ["a", "as", "az", "k", "bs", "bz",
                                        "ks", "kz"], ["y1"],
                         name="qmul_scalar", domain="com.microsoft"),
    ]
    return model(nodes, [vi("a", U8, [64, 256]), vi("b", U8, [64, 256]),
                         vi("k", U8, [1])],
                 [vi("y", U8, [64, 256]), vi("y1", U8, [64, 256])], inits,
                 ms=True)


# --- QDQ CNN --------------------------------------------------------------

def qdq_cnn():
    """A QDQ ResNet-style block: conv+ReLU, conv, residual add, max pool,
    global average pool, flatten, Gemm. Weights per channel, int8."""
    r = rng()
    inits = [scalar("s_in", 0.05, np.float32), scalar("z_in", 128, np.uint8),
             scalar("s_a", 0.04, np.float32), scalar("z_a", 0, np.uint8),
             scalar("s_b", 0.08, np.float32), scalar("z_b", 120, np.uint8),
             scalar("s_c", 0.1, np.float32), scalar("z_c", 110, np.uint8)]
    nodes = [helper.make_node("QuantizeLinear", ["x", "s_in", "z_in"], ["xq"],
                              name="q_in"),
             helper.make_node("DequantizeLinear", ["xq", "s_in", "z_in"],
                              ["xd"], name="dq_in")]
    for i, (src, cin) in enumerate([("xd", 4), ("ad", 4)]):
        # 7-bit weights: ONNX Runtime's AVX2 u8 x s8 kernels (which its graph
        # optimizer fuses these islands into) are exact only for those.
        w = r.integers(-64, 65, size=(4, cin, 3, 3), dtype=np.int8)
        ws = (r.random(4) * 0.01 + 0.005).astype(np.float32)
        b = r.integers(-500, 500, size=(4,), dtype=np.int32)
        sx = 0.05 if i == 0 else 0.04
        inits += [const("w%d" % i, w), const("ws%d" % i, ws),
                  const("wz%d" % i, np.zeros(4, np.int8)), const("b%d" % i, b),
                  const("bs%d" % i, (ws * np.float32(sx)).astype(np.float32))]
        nodes += [
            helper.make_node("DequantizeLinear",
                             ["w%d" % i, "ws%d" % i, "wz%d" % i],
                             ["wd%d" % i], name="dq_w%d" % i, axis=0),
            helper.make_node("DequantizeLinear", ["b%d" % i, "bs%d" % i],
                             ["bd%d" % i], name="dq_b%d" % i, axis=0),
            helper.make_node("Conv", [src, "wd%d" % i, "bd%d" % i],
                             ["c%d" % i], name="conv%d" % i,
                             pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
        ]
        if i == 0:
            nodes += [
                helper.make_node("Relu", ["c0"], ["r0"], name="relu0"),
                helper.make_node("QuantizeLinear", ["r0", "s_a", "z_a"],
                                 ["aq"], name="q_a"),
                helper.make_node("DequantizeLinear", ["aq", "s_a", "z_a"],
                                 ["ad"], name="dq_a")]
    nodes += [
        helper.make_node("QuantizeLinear", ["c1", "s_b", "z_b"], ["bq"],
                         name="q_b"),
        helper.make_node("DequantizeLinear", ["bq", "s_b", "z_b"], ["bd"],
                         name="dq_b"),
        helper.make_node("Add", ["bd", "xd"], ["sum"], name="residual"),
        helper.make_node("QuantizeLinear", ["sum", "s_c", "z_c"], ["sq"],
                         name="q_sum"),
        helper.make_node("DequantizeLinear", ["sq", "s_c", "z_c"], ["sd"],
                         name="dq_sum"),
        helper.make_node("MaxPool", ["sd"], ["mp"], name="maxpool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["mp"], ["gap"], name="gap"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["out"], name="fc",
                         transB=1),
    ]
    inits += [const("fc_w", r.standard_normal((5, 4)).astype(np.float32)),
              const("fc_b", r.standard_normal(5).astype(np.float32))]
    return model(nodes, [vi("x", F, [1, 4, 8, 8])], [vi("out", F, [1, 5])],
                 inits, name="resnet block")


def float_ops():
    """Float ops: Clip, Sigmoid, Sub/Mul with broadcasting, Reshape,
    Transpose, Concat, Squeeze, Unsqueeze, MatMul, AveragePool."""
    r = rng()
    inits = [scalar("lo", 0.0, np.float32), scalar("hi", 6.0, np.float32),
             const("shape", np.array([2, -1], np.int64)),
             const("axes", np.array([0], np.int64)),
             const("m", r.standard_normal((9, 3)).astype(np.float32)),
             const("bias", np.array([1.0, 2.0, 3.0], np.float32))]
    nodes = [
        helper.make_node("Clip", ["x", "lo", "hi"], ["c"], name="clip"),
        helper.make_node("Sub", ["c", "bias"], ["s"], name="sub"),
        helper.make_node("Sigmoid", ["s"], ["g"], name="sigmoid"),
        helper.make_node("Reshape", ["g", "shape"], ["rs"], name="reshape"),
        helper.make_node("MatMul", ["rs", "m"], ["mm"], name="matmul"),
        helper.make_node("Transpose", ["mm"], ["t"], name="transpose"),
        helper.make_node("Concat", ["t", "t"], ["cat"], name="concat", axis=0),
        helper.make_node("Unsqueeze", ["cat", "axes"], ["u"], name="unsq"),
        helper.make_node("Squeeze", ["u", "axes"], ["sq"], name="sq"),
        helper.make_node("AveragePool", ["img"], ["ap"], name="avgpool",
                         kernel_shape=[2, 2], strides=[1, 1]),
    ]
    return model(nodes, [vi("x", F, [2, 3, 3]), vi("img", F, [1, 2, 3, 3])],
                 [vi("sq", F, [6, 2]), vi("ap", F, [1, 2, 2, 2])], inits)


def grouped_ops():
    """A float Conv of 2 groups (one convolution per group, concatenated)
    and an AveragePool whose border windows divide by their own count."""
    r = rng()
    inits = [const("w", r.standard_normal((4, 2, 3, 3)).astype(np.float32)),
             const("b", r.standard_normal(4).astype(np.float32))]
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="gconv",
                         pads=[1, 1, 1, 1], group=2),
        helper.make_node("AveragePool", ["c"], ["y"], name="avgpool",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                         count_include_pad=0),
    ]
    return model(nodes, [vi("x", F, [1, 4, 5, 5])], [vi("y", F, [1, 4, 5, 5])],
                 inits)


def ms_qlinear_avgpool_exclude_pad():
    """QLinearAveragePool with count_include_pad = 0 and padding."""
    inits = [scalar("s", 0.05, np.float32), scalar("z", 100, np.uint8),
             scalar("ys", 0.04, np.float32), scalar("yz", 90, np.uint8)]
    nodes = [helper.make_node("QLinearAveragePool", ["x", "s", "z", "ys",
                                                     "yz"], ["y"],
                              name="qavgpool", domain="com.microsoft",
                              kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                              strides=[2, 2], count_include_pad=0)]
    return model(nodes, [vi("x", U8, [2, 3, 7, 7])],
                 [vi("y", U8, [2, 3, 4, 4])], inits, ms=True)


def transformer_ops():
    """The float ops of an encoder layer: MatMul (3-D x 2-D), bias Add,
    Softmax, LayerNormalization, Erf, Gelu (opset 20), Mul, Div."""
    r = rng()
    inits = [const("w", r.standard_normal((8, 8)).astype(np.float32)),
             const("b", r.standard_normal(8).astype(np.float32)),
             const("g", r.standard_normal(8).astype(np.float32)),
             const("beta", r.standard_normal(8).astype(np.float32)),
             scalar("two", 2.0, np.float32)]
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["mm"], name="proj"),
        helper.make_node("Add", ["mm", "b"], ["h"], name="bias"),
        helper.make_node("Softmax", ["h"], ["sm"], name="softmax", axis=-1),
        helper.make_node("LayerNormalization", ["h", "g", "beta"], ["ln"],
                         name="layernorm", axis=-1, epsilon=1e-5),
        helper.make_node("Gelu", ["ln"], ["ge"], name="gelu"),
        helper.make_node("Div", ["ln", "two"], ["half"], name="div"),
        helper.make_node("Erf", ["half"], ["er"], name="erf"),
        helper.make_node("Mul", ["er", "ge"], ["out"], name="mul"),
    ]
    return model(nodes, [vi("x", F, [2, 4, 8])],
                 [vi("sm", F, [2, 4, 8]), vi("out", F, [2, 4, 8])], inits,
                 opset=20)


def dynamic_batch():
    """A float CNN with a dynamic batch: Conv, Relu, MaxPool,
    GlobalAveragePool, Flatten, Gemm."""
    r = rng()
    inits = [const("w", r.standard_normal((3, 2, 3, 3)).astype(np.float32)),
             const("fc", r.standard_normal((3, 4)).astype(np.float32))]
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="conv",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("MaxPool", ["r"], ["m"], name="pool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["m"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc"], ["y"], name="fc"),
    ]
    return model(nodes, [vi("x", F, ["n", 2, 6, 6])], [vi("y", F, ["n", 4])],
                 inits)


def external_data(path):
    """A Conv whose filter lives in an external data file."""
    import os
    r = rng()
    w = r.standard_normal((2, 1, 2, 2)).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv")]
    m = model(nodes, [vi("x", F, [1, 1, 3, 3])], [vi("y", F, [1, 2, 2, 2])],
              [const("w", w)])
    onnx.save_model(m, path, save_as_external_data=True,
                    all_tensors_to_one_file=True,
                    location=os.path.basename(path) + ".data",
                    size_threshold=0)
    return None


# --- Malformed ------------------------------------------------------------

def bad_unknown_op():
    nodes = [helper.make_node("Frobnicate", ["x"], ["y"], name="frob")]
    return model(nodes, [vi("x", F, [2])], [vi("y", F, [2])], [])


def bad_attribute():
    nodes = [helper.make_node("MaxPool", ["x"], ["y"], name="pool",
                              kernel_shape=[2, 2], auto_pad="SIDEWAYS")]
    return model(nodes, [vi("x", F, [1, 1, 4, 4])],
                 [vi("y", F, [1, 1, 2, 2])], [])


def bad_attribute_type():
    nodes = [helper.make_node("Flatten", ["x"], ["y"], name="flat",
                              axis=1.5)]
    return model(nodes, [vi("x", F, [2, 2])], [vi("y", F, [2, 2])], [])


def bad_type_mismatch():
    nodes = [helper.make_node("DequantizeLinear", ["x", "s", "z"], ["y"],
                              name="dq")]
    return model(nodes, [vi("x", U8, [2])], [vi("y", F, [2])],
                 [scalar("s", 0.5, np.float32), scalar("z", 0, np.int8)])


def bad_shape_mismatch():
    nodes = [helper.make_node("Add", ["x", "y"], ["z"], name="add")]
    return model(nodes, [vi("x", F, [2, 3]), vi("y", F, [4])],
                 [vi("z", F, [2, 3])], [])


def bad_missing_initializer():
    nodes = [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")]
    return model(nodes, [vi("x", F, [2, 2])], [vi("y", F, [2, 2])], [])


def bad_scale_not_constant():
    nodes = [helper.make_node("QuantizeLinear", ["x", "s"], ["y"], name="q")]
    return model(nodes, [vi("x", F, [2]), vi("s", F, [])], [vi("y", U8, [2])],
                 [])


def bad_opset():
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [vi("x", F, [2])], [vi("y", F, [2])], [], opset=11)


def bad_element_type():
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [vi("x", TensorProto.DOUBLE, [2])],
                 [vi("y", TensorProto.DOUBLE, [2])], [])


def bad_ms_op():
    nodes = [helper.make_node("QLinearSoftmax", ["a", "s", "z", "s", "z"],
                              ["y"], name="qsoftmax", domain="com.microsoft")]
    return model(nodes, [vi("a", U8, [2])], [vi("y", U8, [2])],
                 [scalar("s", 0.5, np.float32), scalar("z", 0, np.uint8)],
                 ms=True)


def bad_output_type():
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [vi("x", F, [2])], [vi("y", F, [3])], [])


def bad_weight_scales():
    nodes = [helper.make_node("QLinearMatMul", ["a", "as", "az", "w", "ws",
                                                "wz", "as", "az"], ["y"],
                              name="mm")]
    return model(nodes, [vi("a", U8, [2, 4])], [vi("y", U8, [2, 3])],
                 [scalar("as", 0.1, np.float32), scalar("az", 1, np.uint8),
                  const("w", np.ones((4, 3), np.int8)),
                  const("ws", np.ones(5, np.float32)),
                  const("wz", np.zeros(5, np.int8))])


def bad_dynamic_k():
    """A dynamic reduction size, which qnn.matmul's verifier rejects (it
    proves the accumulator fits in i32): its message, at the node."""
    nodes = [helper.make_node("QLinearMatMul", ["a", "s", "z", "w", "s",
                                                "wz", "s", "z"], ["y"],
                              name="mm")]
    return model(nodes, [vi("a", U8, [2, "k"]), vi("w", I8, ["k", 3])],
                 [vi("y", U8, [2, 3])],
                 [scalar("s", 0.5, np.float32), scalar("z", 0, np.uint8),
                  scalar("wz", 0, np.int8)])


def bad_external_missing(path):
    external_data(path)
    import os
    os.remove(path + ".data")
    return None


def main():
    name, out = sys.argv[1], sys.argv[2]
    fn = globals()[name]
    if fn.__code__.co_argcount == 1:
        fn(out)
        return
    m = fn()
    data = m.SerializeToString()
    if name == "bad_truncated":
        data = data[:len(data) // 2]
    with open(out, "wb") as f:
        f.write(data)


def bad_truncated():
    return qlinear_conv_chain()


if __name__ == "__main__":
    main()
