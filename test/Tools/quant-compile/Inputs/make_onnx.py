#!/usr/bin/python3
"""Writes the ONNX model of onnx.test: y = QuantizeLinear(x, 0.5, 10) (u8)
and z = DequantizeLinear(Relu-free y), with a batch dimension given as
`--batch` (a number, or a name for a dynamic dimension).

    make_onnx.py OUT.onnx [--batch N]
"""
import argparse

import onnx
from onnx import TensorProto, helper


def main():
    p = argparse.ArgumentParser()
    p.add_argument("output")
    p.add_argument("--batch", default="2")
    args = p.parse_args()
    batch = int(args.batch) if args.batch.isdigit() else args.batch
    x = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, [batch, 4])
    y = helper.make_tensor_value_info("quantized", TensorProto.UINT8,
                                      [batch, 4])
    z = helper.make_tensor_value_info("restored", TensorProto.FLOAT,
                                      [batch, 4])
    scale = helper.make_tensor("scale", TensorProto.FLOAT, [], [0.5])
    zero = helper.make_tensor("zero", TensorProto.UINT8, [], [10])
    nodes = [
        helper.make_node("QuantizeLinear", ["pixels", "scale", "zero"],
                         ["quantized"], name="quantize"),
        helper.make_node("DequantizeLinear", ["quantized", "scale", "zero"],
                         ["restored"], name="dequantize"),
    ]
    graph = helper.make_graph(nodes, "aot", [x], [y, z], [scale, zero])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, args.output)


if __name__ == "__main__":
    main()
