#!/usr/bin/python3
"""Writes mlp.mlir's MLP as an ONNX model in the QDQ form ONNX Runtime's
quantizer writes: QuantizeLinear / DequantizeLinear around float MatMul,
Add (bias) and Relu; int8 weights per output channel and int32 biases as
initializers, u8 activations.

    /usr/bin/python3 examples/aot/mlp_onnx.py mlp.onnx

`run.sh --onnx` compiles it with quant-compile (same C function as
mlp.mlir: float [4][4] in, uint8 [4][2] out) and runs main.c on it.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F32 = np.float32

W1 = np.array([[0.5, -0.3, 0.9], [-0.25, 0.6, 0.05], [0.75, 0.2, -0.4],
               [0.1, -0.8, 0.3]], F32)                      # K x N
W2 = np.array([[0.7, -0.6], [-0.5, 0.4], [0.25, 0.9]], F32)
B1 = np.array([0.1, -0.2, 0.05], F32)
B2 = np.array([0.3, -0.1], F32)
SX, ZX = F32(6.0 / 255), 128     # input
SH, ZH = F32(4.0 / 255), 0       # hidden, after ReLU
SO, ZO = F32(6.0 / 255), 128     # output


def main():
    inits, nodes = [], []

    def init(name, array):
        inits.append(numpy_helper.from_array(array, name))
        return name

    def qdq(x, scale, zero, name):
        """QuantizeLinear then DequantizeLinear of activation x."""
        s = init(name + "_scale", np.array(scale, F32))
        z = init(name + "_zero", np.array(zero, np.uint8))
        nodes.append(helper.make_node("QuantizeLinear", [x, s, z],
                                      [name + "_q"], name=name + "_quantize"))
        nodes.append(helper.make_node("DequantizeLinear", [name + "_q", s, z],
                                      [name + "_dq"],
                                      name=name + "_dequantize"))
        return name + "_dq"

    def linear(x, w, b, sx, name):
        """Per-channel symmetric int8 weights, int32 bias at sx * sw."""
        sw = (np.abs(w).max(axis=0) / 127).astype(F32)
        qw = np.clip(np.round(w / sw), -127, 127).astype(np.int8)
        sb = (sx * sw).astype(F32)
        qb = np.round(b / sb).astype(np.int32)
        wq = init(name + "_w", qw)
        bq = init(name + "_b", qb)
        nodes.append(helper.make_node(
            "DequantizeLinear", [wq, init(name + "_w_scale", sw),
                                 init(name + "_w_zero",
                                      np.zeros(len(sw), np.int8))],
            [name + "_w_dq"], axis=1, name=name + "_w_dequantize"))
        nodes.append(helper.make_node(
            "DequantizeLinear", [bq, init(name + "_b_scale", sb),
                                 init(name + "_b_zero",
                                      np.zeros(len(sb), np.int32))],
            [name + "_b_dq"], axis=0, name=name + "_b_dequantize"))
        nodes.append(helper.make_node("MatMul", [x, name + "_w_dq"],
                                      [name + "_mm"], name=name + "_matmul"))
        nodes.append(helper.make_node("Add", [name + "_mm", name + "_b_dq"],
                                      [name + "_y"], name=name + "_bias"))
        return name + "_y"

    x = qdq("x", SX, ZX, "input")
    h = linear(x, W1, B1, SX, "fc1")
    nodes.append(helper.make_node("Relu", [h], ["fc1_relu"], name="fc1_relu"))
    h = qdq("fc1_relu", SH, ZH, "hidden")
    y = linear(h, W2, B2, SH, "fc2")
    s = init("y_scale", np.array(SO, F32))
    z = init("y_zero", np.array(ZO, np.uint8))
    nodes.append(helper.make_node("QuantizeLinear", [y, s, z], ["y"],
                                  name="output_quantize"))
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.UINT8, [4, 2])],
        inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, sys.argv[1])


if __name__ == "__main__":
    main()
