"""End to end: an ONNX model imported by quant-translate, lowered by
quant-opt --qnn-to-llvm, compiled by clang into a shared object and called
through its C interface, against ONNX Runtime (node + onnxruntime-node) on
the same inputs. Every output must be bit-exact. Prints one line per run
and a total:

    e2e MODEL: N values checked, M mismatches

With --tolerance, float outputs may differ by that relative amount (for
float code whose sums ONNX Runtime orders otherwise).
"""
import ctypes
import json
import os
import re
import subprocess
import sys

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Integration",
                                "Conformance"))
import cinterface  # noqa: E402
import models  # noqa: E402

DTYPES = {onnx.TensorProto.FLOAT: np.float32, onnx.TensorProto.UINT8: np.uint8,
          onnx.TensorProto.INT8: np.int8, onnx.TensorProto.INT32: np.int32,
          onnx.TensorProto.INT64: np.int64}
JS = {np.float32: "float32", np.uint8: "uint8", np.int8: "int8",
      np.int32: "int32", np.int64: "int64"}


def shape_of(info):
    return [d.dim_value for d in info.type.tensor_type.shape.dim]


def input_sets(graph, rng):
    """Random inputs, then the ends of each integer range."""
    sets = []
    for kind in ("random", "random", "low", "high"):
        arrays = []
        for info in graph.input:
            dtype = DTYPES[info.type.tensor_type.elem_type]
            shape = shape_of(info)
            if dtype == np.float32:
                a = rng.standard_normal(shape).astype(np.float32) * 4
            else:
                lo, hi = np.iinfo(dtype).min, np.iinfo(dtype).max
                a = (rng.integers(lo, hi + 1, size=shape) if kind == "random"
                     else np.full(shape, lo if kind == "low" else hi))
                a = a.astype(dtype)
            arrays.append(a)
        sets.append((kind, arrays))
    return sets


def main():
    ap = cinterface.argument_parser(default_seed=11)
    ap.add_argument("--quant-translate", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--optimization", default="all",
                    help="ONNX Runtime's graph optimization level: 'all' "
                         "(what users run) or 'disabled' (each node as "
                         "ONNX defines it, no QDQ fusion)")
    ap.add_argument("--tolerance", type=float, default=0.0,
                    help="relative difference allowed on float outputs "
                         "(0: bit-exact)")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    path = os.path.join(args.workdir, args.model + ".onnx")
    m = getattr(models, args.model)()
    onnx.save_model(m, path)
    graph = m.graph

    mlir = os.path.join(args.workdir, args.model + ".mlir")
    subprocess.check_call([args.quant_translate, "--import-onnx", path,
                           "-o", mlir])
    with open(mlir) as f:
        text = f.read()
    name = re.search(r"func\.func @(\w+)\(", text).group(1)
    # The C interface (_mlir_ciface_NAME) for ctypes.
    text = re.sub(r"(func\.func @\w+\(.*\)(?: -> .*?)?) \{",
                  r"\1 attributes {llvm.emit_c_interface} {", text, count=1)
    lib = cinterface.build(args, text, args.model + ".c")

    outputs = [(DTYPES[o.type.tensor_type.elem_type], shape_of(o))
               for o in graph.output]
    result_type = type("Results", (ctypes.Structure,), {"_fields_": [
        ("r%d" % i, cinterface.descriptor_type(len(s)))
        for i, (_, s) in enumerate(outputs)]})

    rng = np.random.default_rng(args.seed)
    checked = mismatches = 0
    for run, (kind, arrays) in enumerate(input_sets(graph, rng)):
        arrays = [np.ascontiguousarray(a) for a in arrays]
        descs = [cinterface.descriptor(a) for a in arrays]
        results = result_type()
        getattr(lib, "_mlir_ciface_" + name)(
            ctypes.byref(results), *[ctypes.byref(d) for d in descs])
        got = []
        for i, (dtype, shape) in enumerate(outputs):
            d = getattr(results, "r%d" % i)
            count = int(np.prod(shape))
            buf = (np.ctypeslib.as_ctypes_type(np.dtype(dtype)) * count
                   ).from_address(d.aligned)
            got.append(np.frombuffer(buf, dtype=dtype).reshape(shape).copy())

        rundir = os.path.join(args.workdir, "run%d" % run)
        os.makedirs(rundir, exist_ok=True)
        spec = {"model": path, "output_dir": rundir, "inputs": [],
                "optimization": args.optimization}
        for info, a in zip(graph.input, arrays):
            f = os.path.join(rundir, info.name + ".in")
            a.tofile(f)
            spec["inputs"].append({"name": info.name, "dtype": JS[a.dtype.type],
                                   "shape": list(a.shape), "file": f})
        specfile = os.path.join(rundir, "spec.json")
        with open(specfile, "w") as f:
            json.dump(spec, f)
        subprocess.check_call(["node", os.path.join(HERE, "ort_run.js"),
                               specfile])
        for i, ((dtype, shape), g) in enumerate(zip(outputs, got)):
            want = np.fromfile(os.path.join(rundir, "%d.bin" % i),
                               dtype=dtype).reshape(shape)
            # Bit patterns: a float output must match to the last bit.
            bits = "u%d" % g.itemsize
            if args.tolerance and dtype == np.float32:
                scale = np.maximum(np.abs(want), np.float32(1))
                bad = np.argwhere(np.abs(g - want) > args.tolerance * scale)
            else:
                bad = np.argwhere(g.view(bits) != want.view(bits))
            for idx in bad[:5]:
                print("MISMATCH %s output %d (%s inputs) at %s: ORT %s, got %s"
                      % (args.model, i, kind, list(idx), want[tuple(idx)],
                         g[tuple(idx)]))
            checked += g.size
            mismatches += len(bad)
    print("e2e %s: %d values checked, %d mismatches"
          % (args.model, checked, mismatches))


if __name__ == "__main__":
    main()
