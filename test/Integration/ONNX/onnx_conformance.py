#!/usr/bin/python3
"""Bit-exact conformance of compiled ONNX models against ONNX Runtime.

    onnx_conformance.py [--models whole|ops|all|a,b] [--seed N] [--work DIR]
                        [--quant-compile PATH] [--clang PATH] [--ort-only]
                        [--optimization all|disabled]

For each model of models.py (whole models, per-op models, or a list of
names and families):

1. the model is written to DIR/<name>/<name>.onnx;
2. input sets are made from the seed: `random` (the model's input
   distribution: standard normal for the whole models, the full storage
   range for integer inputs, about the quantized range for the float input
   of a QuantizeLinear) and `edge` (the storage range's ends and the zero
   point; for float inputs, exact multiples of the scale and exact halves
   between them (ties), zeros, -0.0, values far beyond the range, and, where
   the model's first op is QuantizeLinear, NaN and +-inf);
3. ONNX Runtime 1.30 (onnxruntime-node, CPU, graphOptimizationLevel `all`
   unless --optimization says otherwise) runs every set of every model in
   one Node process (ort_run.js), reading and writing raw little-endian
   files;
4. with --ort-only, that is all: the script checks that every model loads
   and gives non-degenerate outputs (not all one value, few saturated), and
   prints a summary;
5. otherwise `quant-compile NAME.onnx -o NAME.o --header NAME.h` compiles
   the model, a C harness generated from the model's inputs and outputs
   reads the input files, calls NAME(in..., out..., &status) and writes the
   outputs, clang links it, and its outputs are compared with ONNX
   Runtime's: byte for byte for integers, bitwise for floats (NaN equal to
   NaN).

Prints one line per model and input set: elements, mismatches, the largest
difference (in units of the last place for floats, and in quantization
steps where the output is a dequantized value). Outputs that models.py marks
inexact (float Softmax, LayerNormalization or Erf before them, which ONNX
Runtime evaluates in its own order) are reported with the reason and do not
fail the run. Exit status 1 on any unexplained mismatch, failed compile or
failed run.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import subprocess
import sys

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import models  # noqa: E402

SRC_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DTYPES = {"float32": np.float32, "uint8": np.uint8, "int8": np.int8,
          "int32": np.int32, "int64": np.int64}
C_TYPES = {"float32": "float", "uint8": "uint8_t", "int8": "int8_t",
           "int32": "int32_t", "int64": "int64_t"}
# Saturated share of a random input's outputs above which the model's
# parameters are not realistic.
MAX_SATURATED = 0.2


# ---------------------------------------------------------------------------
# Inputs.

def per_axis(values, spec):
    """`values` (a list or a number) broadcast along the input's quant axis."""
    arr = np.asarray(values, np.float64)
    if arr.ndim == 0 or arr.size == 1:
        return arr.reshape(())
    shape = [1] * len(spec["shape"])
    shape[spec["quant_axis"]] = -1
    return arr.reshape(shape)


def exact_ties(halves, scale):
    """Floats x with f32(x / f32(scale)) exactly the given halves where one
    of f32(h * s) and its two neighbours is such an x (most are): the ties
    that QuantizeLinear's round half to even decides."""
    s = scale.astype(np.float32)
    x = (halves * scale).astype(np.float32)
    best = x.copy()
    for cand in (np.nextafter(x, np.float32(-np.inf)),
                 np.nextafter(x, np.float32(np.inf)), x):
        with np.errstate(over="ignore", invalid="ignore"):
            hit = (cand / s).astype(np.float32) == halves
        best = np.where(hit, cand, best)
    return best


def make_input(spec, kind, rng):
    shape, dtype = spec["shape"], spec["dtype"]
    n = int(np.prod(shape, dtype=np.int64))
    if dtype in ("uint8", "int8", "int32", "int64"):
        info = np.iinfo(DTYPES[dtype])
        lo, hi = int(info.min), int(info.max)
        x = rng.integers(lo, hi, size=shape, endpoint=True)
        if kind == "edge":
            zp = spec.get("zero_point")
            special = np.array([lo, hi, lo + 1, hi - 1, 0] +
                               ([zp] if zp is not None else []))
            pick = rng.random(shape) < 0.6
            x = np.where(pick, rng.choice(special, size=shape), x)
        return np.asarray(x).astype(DTYPES[dtype])
    # float32
    quant = spec.get("quant")
    if quant is not None:
        scale = per_axis(quant[0], spec)
        zp = per_axis(quant[1], spec)
        qmin, qmax = quant[2], quant[3]
    if kind == "random":
        if quant is not None and spec["op_model"]:
            # A QuantizeLinear on its own: about its whole range, a few
            # steps beyond each end.
            k = rng.uniform(qmin - 8, qmax + 8, size=shape)
            return ((k - zp) * scale).astype(np.float32)
        x = rng.standard_normal(shape)
        if spec.get("positive"):
            x = np.abs(x)
        return x.astype(np.float32)
    # edge
    x = rng.standard_normal(shape)
    if quant is not None:
        k = rng.integers(qmin - 3, qmax + 4, size=shape)
        grid = ((k - zp) * scale).astype(np.float32)
        ties = exact_ties(k - zp + 0.5, np.broadcast_to(scale, shape))
        far = np.where(rng.random(shape) < 0.5, -1e30, 1e30)
        choice = rng.integers(0, 5, size=shape)
        x = np.select([choice == 0, choice == 1, choice == 2, choice == 3],
                      [grid, ties, x, far], 0.0)
        specials = [0.0, -0.0, 1e-45, -1e-45]
        if spec.get("first_op") == "QuantizeLinear":
            specials += [np.nan, np.inf, -np.inf]
        pick = rng.random(shape) < 0.15
        x = np.where(pick, rng.choice(np.array(specials), size=shape), x)
    else:
        # DynamicQuantizeLinear first: its scale comes from the range, so
        # special values are zeros and exact repeats of the extremes (the
        # ties of the computed scale are data dependent).
        x = np.round(x * 4) / 4
        pick = rng.random(shape) < 0.2
        x = np.where(pick, 0.0, x)
        if n > 2:
            flat = x.reshape(-1)
            flat[0], flat[1] = flat.max(), flat.min()
        if spec.get("positive"):
            x = np.abs(x)
    return np.asarray(x).astype(np.float32)


def prepare(name, meta, model, work, seed):
    """Writes the model and its input sets; returns the cases
    [{set, inputs: [files], ort_dir}]."""
    mdir = os.path.join(work, name)
    os.makedirs(mdir, exist_ok=True)
    onnx.save(model, os.path.join(mdir, name + ".onnx"))
    with open(os.path.join(mdir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1)
    cases = []
    for set_index, kind in enumerate(("random", "edge")):
        rng = np.random.default_rng([seed, set_index, sum(name.encode())])
        files = []
        for i, spec in enumerate(meta["inputs"]):
            spec = dict(spec, op_model=name.startswith("op_"))
            x = make_input(spec, kind, rng)
            path = os.path.join(mdir, "in_%s_%d.bin" % (kind, i))
            x.tofile(path)
            files.append(path)
        cases.append(dict(set=kind, inputs=files,
                          ort_dir=os.path.join(mdir, "ort_" + kind)))
    with open(os.path.join(mdir, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
    return cases


# ---------------------------------------------------------------------------
# ONNX Runtime.

def run_ort(jobs, work, node, optimization):
    runs = []
    for name, meta, cases in jobs:
        model_path = os.path.join(work, name, name + ".onnx")
        for case in cases:
            runs.append(dict(
                id="%s/%s" % (name, case["set"]), model=model_path,
                optimization=optimization, output_dir=case["ort_dir"],
                inputs=[dict(name=s["name"], dtype=s["dtype"],
                             shape=s["shape"], file=f)
                        for s, f in zip(meta["inputs"], case["inputs"])]))
    manifest = os.path.join(work, "ort_manifest.json")
    result = os.path.join(work, "ort_result.json")
    with open(manifest, "w") as f:
        json.dump({"runs": runs}, f, indent=1)
    env = dict(os.environ)
    env["NODE_PATH"] = os.pathsep.join(
        filter(None, [os.path.join(SRC_ROOT, "bench", "node_modules"),
                      env.get("NODE_PATH")]))
    try:
        proc = subprocess.run([node, os.path.join(HERE, "ort_run.js"),
                               manifest, result], env=env,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    except OSError as e:
        sys.exit("onnx_conformance: cannot run %s: %s" % (node, e))
    if proc.returncode != 0:
        sys.exit("onnx_conformance: ort_run.js failed:\n" + proc.stdout)
    with open(result) as f:
        return {r["id"]: r for r in json.load(f)["runs"]}


def read_raw(path, dtype, shape):
    return np.fromfile(path, dtype=DTYPES[dtype]).reshape(shape)


def saturated_share(out, spec):
    """Share of an output's values at the ends of its quantized range: for a
    u8/i8 output its storage range; for a dequantized float output the
    values of qmin and qmax (a zero point at qmin is a ReLU's zero, not
    saturation)."""
    if spec["dtype"] in ("uint8", "int8"):
        lo, hi = models.RANGES[spec["dtype"]]
        low = (out == lo) if spec.get("zero_point") != lo else False
        return float(np.mean(low | (out == hi)))
    quant = spec.get("quant")
    if quant is None or out.size == 0:
        return None
    s, z, qmin, qmax = quant
    q = np.rint(out.astype(np.float64) / s) + z
    low = (q <= qmin) if z != qmin else np.zeros(out.shape, bool)
    return float(np.mean(low | (q >= qmax)))


# ---------------------------------------------------------------------------
# ONNX's definition of the integer products, to check ONNX Runtime itself.

def requantize(acc, multiplier, zp):
    """rne(f32(acc) * f32 multiplier) + zp, saturated to u8: the float
    requantization of ONNX Runtime's QLinear kernels."""
    y = np.rint((acc.astype(np.float32) * multiplier).astype(np.float32))
    return np.clip(y + zp, 0, 255).astype(np.uint8)


def int_conv(x, w, zx, zw, node_attrs):
    """The exact int64 accumulator of an NCHW convolution."""
    a = node_attrs
    xs = x.astype(np.float64) - float(zx)
    ws = w.astype(np.float64) - np.asarray(zw, np.float64).reshape(
        [-1] + [1] * 3 if np.ndim(zw) else [])
    # Float64 sums of integer products are exact here (far below 2^53).
    return models.conv_nchw(xs, ws, None, a.get("strides", [1, 1]),
                            a.get("pads", [0, 0, 0, 0]),
                            a.get("dilations", [1, 1]), a.get("group", 1),
                            np.float64)


def onnx_reference(model, inputs):
    """The outputs ONNX's definition gives for a one-node model of
    QuantizeLinear (NaN -> qmin, as ONNX Runtime), DequantizeLinear,
    DynamicQuantizeLinear or an integer product (QLinearMatMul,
    MatMulInteger, QLinearConv, ConvInteger, QGemm with a u8 output), or None
    for other models. The products are exact; the requantization multiplier
    is f32(f32(s_a * s_b) / s_y), per column or channel where s_b is."""
    graph = model.graph
    if len(graph.node) != 1:
        return None
    node = graph.node[0]
    values = {t.name: onnx.numpy_helper.to_array(t)
              for t in graph.initializer}
    values.update(zip([i.name for i in graph.input], inputs))
    v = [values.get(n) if n else None for n in node.input]
    attrs = {a.name: onnx.helper.get_attribute_value(a)
             for a in node.attribute}
    f32 = np.float32

    def multiplier(sa, sb, sy):
        return ((f32(sa) * np.asarray(sb, f32)).astype(f32) / f32(sy)) \
            .astype(f32)

    i64 = np.int64
    if node.op_type == "QuantizeLinear":
        x, s, z = v
        axis = attrs.get("axis", 1)
        if np.ndim(s):
            shape = [1] * x.ndim
            shape[axis] = -1
            s, z = s.reshape(shape), z.reshape(shape)
        info = np.iinfo(z.dtype)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            t = np.rint((x / s.astype(f32)).astype(f32))
        t = np.clip(t + z.astype(np.float64), info.min, info.max)
        # NaN gives qmin in ONNX Runtime (ONNX leaves it undefined).
        return [np.where(np.isnan(t), info.min, t).astype(z.dtype)]
    if node.op_type == "DequantizeLinear":
        q, s, z = v
        if np.ndim(s):
            shape = [1] * q.ndim
            shape[attrs.get("axis", 1)] = -1
            s, z = s.reshape(shape), z.reshape(shape)
        d = (q.astype(i64) - z.astype(i64)).astype(f32)
        return [(d * s.astype(f32)).astype(f32)]
    if node.op_type == "DynamicQuantizeLinear":
        x = v[0]
        lo, hi = min(f32(0), x.min()), max(f32(0), x.max())
        scale = f32(f32(hi - lo) / f32(255))
        zp = np.clip(np.rint(f32(f32(0) - f32(lo / scale))), 0, 255)
        y = np.clip(np.rint((x / scale).astype(f32)) + zp, 0, 255)
        return [y.astype(np.uint8), np.array(scale, f32),
                np.array(zp, np.uint8)]
    if node.op_type == "QLinearMatMul":
        a, sa, za, b, sb, zb, sy, zy = v
        acc = (a.astype(i64) - i64(za)) @ (b.astype(i64) - zb.astype(i64))
        return [requantize(acc, multiplier(sa, sb, sy), zy)]
    if node.op_type == "MatMulInteger":
        a, b, za, zb = (v + [None] * 4)[:4]
        za = 0 if za is None else za
        zb = 0 if zb is None else zb
        return [((a.astype(i64) - i64(za)) @
                 (b.astype(i64) - np.asarray(zb, i64))).astype(np.int32)]
    if node.op_type == "ConvInteger":
        x, w, zx, zw = (v + [None] * 4)[:4]
        acc = int_conv(x, w, 0 if zx is None else zx,
                       0 if zw is None else zw, attrs)
        return [acc.astype(np.int32)]
    if node.op_type == "QLinearConv":
        x, sx, zx, w, sw, zw, sy, zy = v[:8]
        acc = int_conv(x, w, zx, zw, attrs).astype(i64)
        if len(v) > 8 and v[8] is not None:
            acc = acc + v[8].astype(i64).reshape(1, -1, 1, 1)
        m = multiplier(sx, sw, sy)
        return [requantize(acc, m.reshape(1, -1, 1, 1) if m.ndim else m, zy)]
    if node.op_type == "QGemm" and len(v) >= 9 and v[7] is not None:
        a, sa, za, b, sb, zb, c, sy, zy = v[:9]
        if attrs.get("transA"):
            a = a.T
        if attrs.get("transB"):
            b = b.T
        acc = (a.astype(i64) - i64(za)) @ (b.astype(i64) - np.asarray(zb, i64))
        if c is not None:
            acc = acc + c.astype(i64)
        return [requantize(acc, multiplier(sa, sb, sy), zy)]
    return None


# ---------------------------------------------------------------------------
# Compiled models.

def c_harness(name, meta):
    """A C program: NAME in_0 .. in_N out_0 .. out_M reads the raw inputs,
    calls the compiled model and writes its outputs."""
    ins, outs = meta["inputs"], meta["outputs"]
    lines = [
        "/* Generated by onnx_conformance.py for %s. */" % name,
        "#include <stdint.h>", "#include <stdio.h>", "#include <stdlib.h>",
        "#include <string.h>", '#include "quant/Runtime/QNNStatus.h"',
        '#include "%s.h"' % name, "",
        "static void *readRaw(const char *path, size_t bytes) {",
        "  void *p = malloc(bytes ? bytes : 1);",
        "  FILE *f = fopen(path, \"rb\");",
        "  if (!p || !f || fread(p, 1, bytes, f) != bytes || "
        "fgetc(f) != EOF) {",
        "    fprintf(stderr, \"%s: cannot read %zu bytes\\n\", path, bytes);",
        "    exit(2);", "  }", "  fclose(f);", "  return p;", "}", "",
        "static void writeRaw(const char *path, const void *p, size_t bytes) "
        "{",
        "  FILE *f = fopen(path, \"wb\");",
        "  if (!f || fwrite(p, 1, bytes, f) != bytes || fclose(f)) {",
        "    fprintf(stderr, \"%s: cannot write\\n\", path);", "    exit(2);",
        "  }", "}", "",
        "int main(int argc, char **argv) {",
        "  if (argc != %d) {" % (1 + len(ins) + len(outs)),
        "    fprintf(stderr, \"usage: %%s %s\\n\", argv[0]);" % " ".join(
            ["IN%d" % i for i in range(len(ins))] +
            ["OUT%d" % i for i in range(len(outs))]),
        "    return 2;", "  }"]
    args = []
    for i, s in enumerate(ins):
        count = int(np.prod(s["shape"], dtype=np.int64))
        t = C_TYPES[s["dtype"]]
        lines.append("  const %s *in%d = readRaw(argv[%d], %d * sizeof(%s));"
                     % (t, i, 1 + i, count, t))
        args.append("in%d" % i)
    for i, s in enumerate(outs):
        count = int(np.prod(s["shape"], dtype=np.int64))
        t = C_TYPES[s["dtype"]]
        # A pattern that shows an output the model did not write.
        lines += ["  %s *out%d = malloc(%d * sizeof(%s) + 1);"
                  % (t, i, count, t),
                  "  memset(out%d, 0xA5, %d * sizeof(%s));" % (i, count, t)]
        args.append("out%d" % i)
    lines += ["  QNNStatus status;",
              "  int32_t code = %s(%s, &status);" % (name, ", ".join(args)),
              "  if (code != QNN_STATUS_OK || status.code != code) {",
              "    fprintf(stderr, \"%s: status %%d (%%d): %%s\\n\", code, "
              "status.code, status.message);" % name,
              "    return 3;", "  }"]
    for i, s in enumerate(outs):
        count = int(np.prod(s["shape"], dtype=np.int64))
        lines.append("  writeRaw(argv[%d], out%d, %d * sizeof(%s));"
                     % (1 + len(ins) + i, i, count, C_TYPES[s["dtype"]]))
    lines += ["  return 0;", "}", ""]
    return "\n".join(lines)


def run_cmd(cmd, what, max_lines=12):
    """None, or the failure with the first lines of its output."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        lines = proc.stdout.strip().splitlines()
        if len(lines) > max_lines:
            lines = lines[:max_lines] + ["[%d more lines]"
                                         % (len(lines) - max_lines)]
        return "%s failed (exit %d): %s\n%s" % (
            what, proc.returncode, " ".join(cmd), "\n".join(lines))
    return None


def compile_model(name, meta, work, quant_compile, clang, include):
    """Returns (executable, None) or (None, error)."""
    mdir = os.path.join(work, name)
    obj, header = (os.path.join(mdir, name + ext) for ext in (".o", ".h"))
    err = run_cmd(shlex.split(quant_compile) +
                  [os.path.join(mdir, name + ".onnx"), "-o", obj, "--header",
                   header], "quant-compile")
    if err:
        return None, err
    source = os.path.join(mdir, "harness.c")
    with open(source, "w") as f:
        f.write(c_harness(name, meta))
    exe = os.path.join(mdir, "harness")
    err = run_cmd([clang, "-O1", "-std=c11", "-Wall", "-Werror", "-I", mdir,
                   "-I", include, source, obj, "-o", exe, "-lm"], "clang")
    return (None, err) if err else (exe, None)


def ordered(bits):
    """float32 bit patterns as integers ordered like the floats, for ULP
    distances."""
    b = bits.astype(np.int64)
    return np.where(b < 0, -(b & 0x7FFFFFFF), b)


def compare(got, want, spec):
    """(mismatches, largest difference as text)."""
    if spec["dtype"] != "float32":
        diff = np.abs(got.astype(np.int64) - want.astype(np.int64))
        return int(np.count_nonzero(diff)), str(int(diff.max(initial=0)))
    gb, wb = got.view(np.int32), want.view(np.int32)
    both_nan = np.isnan(got) & np.isnan(want)
    bad = (gb != wb) & ~both_nan
    count = int(np.count_nonzero(bad))
    if not count:
        return 0, "0"
    ulp = np.abs(ordered(gb[bad]) - ordered(wb[bad])).max()
    text = "%d ulp" % ulp
    quant = spec.get("quant")
    if quant is not None:
        with np.errstate(invalid="ignore"):
            steps = np.abs(got[bad].astype(np.float64) -
                           want[bad].astype(np.float64)) / quant[0]
        text += " (%.3g steps of the scale)" % np.nanmax(steps)
    return count, text


# ---------------------------------------------------------------------------

def find_tool(explicit, names):
    if explicit:
        return explicit
    for n in names:
        if os.path.isabs(n) and os.path.exists(n):
            return n
        found = shutil.which(n)
        if found:
            return found
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default="all",
                   help="whole, ops, all, or names and families, "
                        "comma-separated (models.py --list)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", default="onnx-conformance")
    p.add_argument("--quant-compile",
                   help="the compiler (a command line: split like a shell); "
                        "default build/bin/quant-compile, then PATH")
    p.add_argument("--clang")
    p.add_argument("--node", default="node")
    p.add_argument("--include", default=os.path.join(SRC_ROOT, "include"),
                   help="where quant/Runtime/QNNStatus.h is")
    p.add_argument("--optimization", default="all",
                   choices=["all", "disabled", "basic", "extended"])
    p.add_argument("--ort-only", action="store_true")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="models compiled and run at once")
    args = p.parse_args()

    try:
        names = models.select(args.models)
    except KeyError as e:
        sys.exit("onnx_conformance: %s" % e.args[0])
    if not args.ort_only:
        args.quant_compile = find_tool(args.quant_compile, [
            os.path.join(SRC_ROOT, "build", "bin", "quant-compile"),
            "quant-compile"])
        args.clang = find_tool(args.clang, ["clang-22", "clang"])
        # fake_quant_compile.py builds its object with the same clang.
        os.environ.setdefault("CLANG", args.clang or "clang")
        if not args.quant_compile or not shutil.which(
                shlex.split(args.quant_compile)[0]):
            sys.exit("onnx_conformance: quant-compile not found (give "
                     "--quant-compile, or --ort-only)")
        if not args.clang:
            sys.exit("onnx_conformance: clang not found (give --clang)")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    jobs = []
    for name in names:
        model, meta = models.build(name, args.seed)
        jobs.append((name, meta, prepare(name, meta, model, work,
                                         args.seed)))
    ort = run_ort(jobs, work, args.node, args.optimization)

    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        reports = list(pool.map(lambda job: check_model(job, ort, work, args),
                                jobs))
    failures, explained, checked = [], 0, 0
    for report in reports:
        print("\n".join(report.lines))
        failures += report.failures
        explained += report.explained
        checked += report.checked
    print("onnx_conformance: %d models, %d values %s, %d failures%s" % (
        len(jobs), checked,
        "checked against ONNX Runtime" if not args.ort_only
        else "(ONNX Runtime only)", len(set(failures)),
        ", %d explained float differences" % explained if explained else ""))
    return 1 if failures else 0


class Report:
    def __init__(self):
        self.lines, self.failures, self.explained, self.checked = [], [], 0, 0

    def fail(self, label, line):
        self.lines.append("%-34s %s" % (label, line))
        self.failures.append(label)


def check_ort_outputs(report, label, case, meta, want):
    """--ort-only: non-degenerate, mostly unsaturated outputs."""
    for spec, w in zip(meta["outputs"], want):
        distinct = len(np.unique(w))
        sat = saturated_share(w, spec)
        bad = []
        if case["set"] == "random" and w.size > 1 and distinct == 1:
            bad.append("DEGENERATE")
        # (Small outputs are too few for a share.)
        if case["set"] == "random" and sat is not None and w.size >= 50 \
                and spec.get("saturation_check", True) and \
                sat > MAX_SATURATED:
            bad.append("SATURATED")
        report.lines.append("%-34s %-12s %6d elements %5d distinct%s%s" % (
            label, spec["name"], w.size, distinct,
            "" if sat is None else "  saturated %.3f" % sat,
            "  " + " ".join(bad) if bad else ""))
        if bad:
            report.failures.append(label)


def check_model(job, ort, work, args):
    name, meta, cases = job
    report = Report()
    exe = None
    if not args.ort_only:
        exe, err = compile_model(name, meta, work, args.quant_compile,
                                 args.clang, args.include)
        if err:
            report.fail(name, "COMPILE FAILED: " + err)
            return report
    for case in cases:
        run = ort["%s/%s" % (name, case["set"])]
        label = "%s/%s" % (name, case["set"])
        if "error" in run:
            report.fail(label, "ORT FAILED: " + run["error"])
            continue
        want = []
        for spec, out in zip(meta["outputs"], run["outputs"]):
            want.append(read_raw(out["file"], spec["dtype"], spec["shape"]))
            if list(out["shape"]) != spec["shape"] or \
                    out["dtype"] != spec["dtype"]:
                report.fail(label, "ORT output %s is %s %s, models.py says "
                            "%s %s" % (spec["name"], out["dtype"],
                                       out["shape"], spec["dtype"],
                                       spec["shape"]))
        ref = onnx_reference(onnx.load(os.path.join(work, name,
                                                     name + ".onnx")),
                             [read_raw(f, sp["dtype"], sp["shape"])
                              for sp, f in zip(meta["inputs"],
                                               case["inputs"])])
        if ref is not None:
            for spec, w, r in zip(meta["outputs"], want, ref):
                bad = int(np.count_nonzero(w != r))
                report.lines.append("%-34s %-12s ONNX Runtime %s ONNX's "
                                    "definition%s" % (
                                        label, spec["name"],
                                        "DIFFERS FROM" if bad else "matches",
                                        " on %d of %d values" % (bad, w.size)
                                        if bad else ""))
                if bad:
                    report.failures.append(label)
        if args.ort_only:
            check_ort_outputs(report, label, case, meta, want)
            continue
        mdir = os.path.join(work, name)
        got_files = [os.path.join(mdir, "ours_%s_%d.bin" % (case["set"], i))
                     for i in range(len(meta["outputs"]))]
        err = run_cmd([exe] + case["inputs"] + got_files, "harness")
        if err:
            report.fail(label, "RUN FAILED: " + err)
            continue
        for spec, w, gf in zip(meta["outputs"], want, got_files):
            g = read_raw(gf, spec["dtype"], spec["shape"])
            count, diff = compare(g, w, spec)
            report.checked += w.size
            status = ""
            if count and spec.get("exact", True):
                status = "  MISMATCH"
                report.failures.append(label)
            elif count:
                status = "  explained: " + spec.get("why", "")
                report.explained += 1
            report.lines.append(
                "%-34s %-12s %6d elements %5d mismatches  max %s%s" % (
                    label, spec["name"], w.size, count, diff, status))
    return report


if __name__ == "__main__":
    sys.exit(main())
