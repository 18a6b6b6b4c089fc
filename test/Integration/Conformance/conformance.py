#!/usr/bin/env python3
"""Bit-exact conformance of the compiler's generated code.

For one area (quantize, per_axis, dequantize, requantize, storage_extra)
this harness

  1. builds test inputs: random values, exact ties (k + 0.5) * s and their
     neighbours, values near saturation, +-inf, NaNs, huge values,
     subnormals, -0.0, random float32 bit patterns; every storage value for
     dequantize/requantize of 8- and 16-bit types, random i32 values;
  2. computes the expected results with PyTorch (where PyTorch defines the
     result and agrees with the contract) and with reference.py (a NumPy
     transcription of docs/Semantics.md) for everything else; every
     value is labelled with the reference it is checked against, and every
     disagreement between PyTorch and reference.py must be explained by a
     documented class of PyTorch behaviour, otherwise it is an error
     (REFERENCE-DISAGREES);
  3. writes one MLIR module with one function per configuration, lowers it
     with `quant-opt --qnn-to-llvm[=OPTIONS]` once per code variant (host
     default, vector widths 256 and 128, target-cpu haswell and x86-64),
     `mlir-translate --mlir-to-llvmir` and `clang -O2 -shared -fPIC`, loads
     each library with ctypes and calls `_mlir_ciface_<name>(result*, x*)`
     on the inputs (one large call, then short calls of lengths 1..40 and
     around powers of two at odd offsets, to exercise vector tails);
  4. compares the results bit for bit; prints the first mismatches (input,
     expected, got; floats as bits and value), a DIAGNOSIS line saying which
     plausible alternative semantics the wrong results equal, and a
     summary; the exit status is non-zero on any mismatch, compile failure
     or unexplained PyTorch/reference disagreement.

The area `reference` needs no compiler: it runs steps 1-2 for all areas
(reference.py against PyTorch on every value PyTorch defines) and checks the
gemmlowp/TFLite integer arithmetic of reference.py against hand-computed
values.

Usage:
  /usr/bin/python3 conformance.py AREA --quant-opt BIN --mlir-translate BIN \
      --clang BIN --workdir DIR [--variants host,w256,w128,haswell,x86-64]
      [--clang-flags -O2] [--zero-point-add exact|f32] [--seed N]
  /usr/bin/python3 conformance.py reference
"""

import argparse
import ctypes
import ctypes.util
import os
import shlex
import subprocess
import sys
import time

import numpy as np

sys.dont_write_bytecode = True   # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402

try:
    import torch  # noqa: E402
except ImportError:  # pragma: no cover
    sys.stderr.write("conformance.py needs PyTorch (run it with /usr/bin/python3)\n")
    raise

F32 = np.float32
MAX_PRINTED_PER_CASE = 5
MAX_PRINTED_TOTAL = 400

# ----------------------------------------------------------------------------
# Formatting
# ----------------------------------------------------------------------------


def fhex(v):
    """A float32 as its bits and its value: 0x3f800000 (1.0)."""
    b = int(np.asarray(v, dtype=F32).view(np.uint32))
    return "0x%08x (%s)" % (b, repr(float(np.float32(v))))


def fmt_scale(s):
    """A double the MLIR parser reads back exactly (needs a '.')."""
    return "%.17e" % float(s)


def qtype(storage, scale, zp):
    return "!quant.uniform<%s:f32, %s:%d>" % (storage, fmt_scale(scale), zp)


def qtype_axis(storage, axis, scales, zps):
    pairs = ", ".join("%s:%d" % (fmt_scale(s), z) for s, z in zip(scales, zps))
    return "!quant.uniform<%s:f32:%d, {%s}>" % (storage, axis, pairs)


def signless(storage):
    """The signless integer type of a storage type's memory."""
    return "i%d" % (8 * np.dtype(ref.STORAGE[base(storage)][3]).itemsize)


def base(storage):
    """"i8<-127:127>" -> "i8"."""
    return ref.parse_storage(storage)[0]


# ----------------------------------------------------------------------------
# PyTorch side
# ----------------------------------------------------------------------------

TORCH_QDTYPE = {"u8": torch.quint8, "i8": torch.qint8, "i32": torch.qint32}


def torch_scale(scale):
    """The contract computes with s = f32(scale). PyTorch's per-tensor
    kernels (this build has no FBGEMM) already use float(scale), but its
    per-channel dequantize multiplies by the double scale, so PyTorch is
    always given the float32 scale, as a double."""
    return float(np.float32(scale))


def to_storage_array(q, storage):
    return np.asarray(q, dtype=np.int64).astype(ref.STORAGE[base(storage)][2])


def torch_quantize(x, scale, zp, storage):
    t = torch.quantize_per_tensor(torch.from_numpy(np.ascontiguousarray(x)),
                                  torch_scale(scale), int(zp),
                                  TORCH_QDTYPE[storage])
    return t.int_repr().numpy().astype(np.int64)


def torch_quantize_per_channel(x, scales, zps, axis, storage):
    t = torch.quantize_per_channel(
        torch.from_numpy(np.ascontiguousarray(x)),
        torch.tensor([torch_scale(s) for s in scales], dtype=torch.double),
        torch.tensor([int(z) for z in zps], dtype=torch.int64), axis,
        TORCH_QDTYPE[storage])
    return t.int_repr().numpy().astype(np.int64)


def torch_make_qtensor(q, scale, zp, storage):
    return torch._make_per_tensor_quantized_tensor(
        torch.from_numpy(to_storage_array(q, storage)), torch_scale(scale),
        int(zp))


def torch_dequantize(q, scale, zp, storage):
    return torch_make_qtensor(q, scale, zp, storage).dequantize().numpy()


def torch_dequantize_per_channel(q, scales, zps, axis, storage):
    t = torch._make_per_channel_quantized_tensor(
        torch.from_numpy(to_storage_array(q, storage)),
        torch.tensor([torch_scale(s) for s in scales], dtype=torch.double),
        torch.tensor([int(z) for z in zps], dtype=torch.int64), axis)
    return t.dequantize().numpy()


def torch_requantize_float(q, s_in, z_in, st_in, s_out, z_out, st_out):
    deq = torch_make_qtensor(q, s_in, z_in, st_in).dequantize()
    out = torch.quantize_per_tensor(deq, torch_scale(s_out), int(z_out),
                                    TORCH_QDTYPE[st_out])
    return deq.numpy(), out.int_repr().numpy().astype(np.int64)


# ----------------------------------------------------------------------------
# Which reference each value is checked against
# ----------------------------------------------------------------------------

C_TORCH = 0
C_NAN = 1
C_INF = 2
C_TORCH_UB = 3
C_TORCH_ZP = 4
C_ONNX = 5
C_TORCH_DQ_OVF = 6
C_INTMODE = 7
C_TORCH_DQ_F32 = 8
C_NO_TORCH_TYPE = 9

CLASS_NAMES = {
    C_TORCH: "PyTorch (== reference.py)",
    C_NAN: "NaN: PyTorch undefined (casts NaN to int64), reference.py: z",
    C_INF: "+-inf: PyTorch casts inf to int64 (gives qmin), reference.py: "
           "saturate",
    C_TORCH_UB: "finite but |z + rne(x*inv)| >= 2^63 or x*inv overflows: "
                "PyTorch casts out of range to int64 (UB), reference.py: "
                "saturate",
    C_TORCH_ZP: "zero point not exact in f32: PyTorch adds f32(z), the "
                "contract's v = f32(z + t) adds z exactly; reference.py",
    C_ONNX: "ONNX flavour: PyTorch has none, reference.py",
    C_TORCH_DQ_OVF: "q - z overflows int32: PyTorch wraps, the contract "
                    "subtracts in 64 bits; reference.py",
    C_INTMODE: "integer rounding mode: PyTorch has none, reference.py",
    C_NO_TORCH_TYPE: "storage type PyTorch lacks (narrow range, 16 bits): "
                     "reference.py",
    C_TORCH_DQ_F32: "PyTorch's per-channel dequantize computes "
                    "float(q) - float(z) (two roundings), the contract "
                    "f32(q - z); reference.py",
}
REF_ONLY_SHORT = {
    C_NAN: "NaN", C_INF: "inf", C_TORCH_UB: "torch-UB huge",
    C_TORCH_ZP: "torch-f32(z)", C_ONNX: "onnx", C_TORCH_DQ_OVF: "q-z ovf",
    C_INTMODE: "int-mode", C_TORCH_DQ_F32: "torch-f32(q)-f32(z)",
    C_NO_TORCH_TYPE: "no torch type",
}


def f32_exact(z):
    return int(np.float64(np.float32(z))) == int(z)


def classify_quantize(x, scale, zp, storage, torch_q, ref_q, classes=None):
    """Label every input of a PyTorch-flavour quantize; returns (expected,
    classes, unexplained) where unexplained is a boolean mask of values on
    which PyTorch and reference.py disagree for no documented reason."""
    qmin, qmax = ref.storage_range(storage)
    x = np.asarray(x, dtype=F32)
    if classes is None:
        classes = np.full(x.shape, C_TORCH, dtype=np.int8)
    t = ref.quantize_t(x, scale, "pytorch")
    with np.errstate(all="ignore"):
        # PyTorch (non-FBGEMM quantize_val): float v = zero_point + t, where
        # the int64 zero point is converted to float first; then
        # static_cast<int64_t>(v), then clamp.
        tv = (F32(np.float32(zp)) + t).astype(F32)
        torch_ub = ~np.isfinite(tv) | (np.abs(tv.astype(np.float64)) >= 2.0 ** 63)
    nan = np.isnan(x)
    inf = np.isinf(x)
    classes = classes.copy()
    classes[nan & (classes == C_TORCH)] = C_NAN
    classes[inf & (classes == C_TORCH)] = C_INF
    classes[~nan & ~inf & torch_ub & (classes == C_TORCH)] = C_TORCH_UB
    disagree = (torch_q != ref_q) & (classes == C_TORCH)
    if not f32_exact(zp):
        with np.errstate(all="ignore"):
            alt = np.clip(np.where(torch_ub, 0, tv).astype(np.float64), qmin, qmax)
        explained = disagree & (alt.astype(np.int64) == torch_q)
        classes[explained] = C_TORCH_ZP
        disagree &= ~explained
    expected = np.where(classes == C_TORCH, torch_q, ref_q)
    return expected, classes, disagree


# ----------------------------------------------------------------------------
# Input generation
# ----------------------------------------------------------------------------

SPECIAL_BITS = [
    0x00000000, 0x80000000,                  # +0.0, -0.0
    0x7f800000, 0xff800000,                  # +inf, -inf
    0x7fc00000, 0xffc00000, 0x7f800001,      # qNaN, -qNaN, sNaN
    0x7fbfffff, 0xffffffff, 0x7fc12345,      # sNaN, NaN payloads
    0x00000001, 0x80000001,                  # smallest subnormals
    0x007fffff, 0x807fffff,                  # largest subnormals
    0x00400000, 0x80400000,
    0x00800000, 0x80800000,                  # FLT_MIN
    0x7f7fffff, 0xff7fffff,                  # FLT_MAX
    0x7f000000, 0xff000000,                  # 2^127
    0x5f000000, 0xdf000000,                  # 2^63
    0x4f000000, 0xcf000000,                  # 2^31
    0x4effffff, 0xceffffff,                  # 2^31 - 128
    0x4b800000, 0xcb800000,                  # 2^24
    0x3f000000, 0xbf000000,                  # 0.5
    0x3f800000, 0xbf800000,                  # 1.0
]


def special_values():
    return np.array(SPECIAL_BITS, dtype=np.uint32).view(F32)


def ulp_step(x, d):
    """Move each float32 by d[i] units in the last place (away from zero for
    d > 0); inputs are finite non-zero."""
    b = x.view(np.int32).astype(np.int64) + np.asarray(d, dtype=np.int64)
    b = np.clip(b, -(2 ** 31), 2 ** 31 - 1)
    return b.astype(np.int32).view(F32)


def gen_quant_inputs(rng, scale, zp, storage, n):
    """n float32 inputs for one (scale, zero point, storage) config."""
    with np.errstate(all="ignore"):   # huge scales overflow to inf: fine
        return _gen_quant_inputs(rng, scale, zp, storage, n)


def _gen_quant_inputs(rng, scale, zp, storage, n):
    qmin, qmax = ref.storage_range(storage)
    s32 = np.float32(scale)
    s64 = float(s32)
    inv64 = float(np.float32(1.0) / s32)
    lo, hi = qmin - zp, qmax - zp          # t range that does not saturate
    parts = []
    n_rand = n * 20 // 100
    n_small = n * 10 // 100
    n_tie = n * 40 // 100
    n_sat = n * 10 // 100
    n_bits = n * 12 // 100
    n_sub = n * 3 // 100
    # random over the whole unsaturated range plus margins
    parts.append((rng.uniform(lo - 4, hi + 4, n_rand) * s64).astype(F32))
    # random small magnitudes (a few hundred steps around 0, and around z)
    parts.append((rng.uniform(-300, 300, n_small // 2) * s64).astype(F32))
    parts.append((rng.uniform(lo - 2, min(hi, lo + 600), n_small - n_small // 2)
                  * s64).astype(F32))
    # ties: (k + 0.5) * s, and x with x * inv (or x / s) exactly k + 0.5,
    # and their neighbours up to 2 ulps away
    if hi - lo < 70000:
        k = rng.integers(lo - 3, hi + 3, n_tie)
    else:
        k = np.concatenate([
            rng.integers(-(2 ** 24), 2 ** 24, n_tie // 3),
            rng.integers(-3000, 3000, n_tie // 3),
            rng.integers(lo - 3, hi + 3, n_tie - 2 * (n_tie // 3))])
    kh = k.astype(np.float64) + 0.5
    with np.errstate(all="ignore"):
        c1 = (kh * s64).astype(F32)
        c2 = (kh / inv64).astype(F32)
    c = np.where(rng.integers(0, 2, n_tie) == 0, c1, c2)
    d = rng.choice(np.array([-2, -1, 0, 0, 0, 0, 1, 2]), n_tie)
    nz = (c != 0) & np.isfinite(c)
    c[nz] = ulp_step(c[nz], d[nz])
    parts.append(c)
    # near saturation: both ends, +-3 steps, at the tie and around it
    kk = rng.choice(np.array([lo, hi]), n_sat) + rng.integers(-3, 4, n_sat)
    frac = rng.choice(np.array([-0.5, 0.5, 0.0, -0.49999, 0.49999, 0.25]), n_sat)
    with np.errstate(all="ignore"):
        cs = ((kk + frac) * s64).astype(F32)
    d = rng.integers(-2, 3, n_sat)
    nz = (cs != 0) & np.isfinite(cs)
    cs[nz] = ulp_step(cs[nz], d[nz])
    parts.append(cs)
    # random float32 bit patterns: every exponent, NaNs, infinities
    parts.append(rng.integers(0, 2 ** 32, n_bits, dtype=np.uint64)
                 .astype(np.uint32).view(F32))
    # subnormals
    sub = rng.integers(0, 2 ** 23, n_sub, dtype=np.uint64).astype(np.uint32)
    sub |= rng.integers(0, 2, n_sub, dtype=np.uint64).astype(np.uint32) << 31
    parts.append(sub.view(F32))
    # specials, repeated so that they land in vector bodies and in tails
    used = sum(len(p) for p in parts)
    sp = special_values()
    reps = max(1, (n - used) // len(sp))
    parts.append(np.tile(sp, reps))
    x = np.concatenate(parts).astype(F32)
    rest = n - len(x)
    if rest > 0:
        x = np.concatenate([x, (rng.uniform(lo, hi, rest) * s64).astype(F32)])
    x = x[:n] if rest < 0 else x
    # keep all specials even if truncated: put them first, then shuffle
    x[:len(sp)] = sp
    rng.shuffle(x)
    return x


def exact_ties(x, scale, flavour):
    s = np.float32(scale)
    with np.errstate(all="ignore"):
        if flavour == "pytorch":
            y = np.multiply(x, F32(F32(1) / s), dtype=F32)
        else:
            y = np.divide(x, s, dtype=F32)
        fin = np.isfinite(y)
        return int(np.sum(np.abs(y[fin] - np.floor(y[fin])) == 0.5))


# ----------------------------------------------------------------------------
# Test cases
# ----------------------------------------------------------------------------


class Case:
    """One configuration = one MLIR function."""

    def __init__(self, name, group, desc, mlir, kind_in, kind_out, x,
                 expected, classes, unexplained=None, torch_vals=None,
                 ties=None, st_in=None, st_out=None, ref_vals=None):
        self.ref_vals = ref_vals    # reference.py's results
        # alts(x) -> [(label, values)]: plausible wrong semantics, used only
        # to say which one a mismatching result matches
        self.alts = None
        self.st_in = st_in          # storage of an integer argument
        self.st_out = st_out        # storage of an integer result
        self.name = name
        self.group = group          # e.g. "u8" (storage) for summaries
        self.desc = desc
        self.mlir = mlir
        self.kind_in = kind_in      # numpy dtype of the argument
        self.kind_out = kind_out    # numpy dtype of the result memref
        self.x = x
        self.expected = expected
        self.classes = classes
        self.unexplained = (unexplained if unexplained is not None
                            else np.zeros(x.shape, dtype=bool))
        self.torch_vals = torch_vals
        self.ties = ties


def func_1d(name, in_t, out_t, body):
    return ("  func.func @%s(%%x: tensor<?x%s>) -> tensor<?x%s> "
            "attributes {llvm.emit_c_interface} {\n%s  }\n"
            % (name, in_t, out_t, body))


def func_2d(name, in_t, out_t, body):
    return ("  func.func @%s(%%x: tensor<?x?x%s>) -> tensor<?x?x%s> "
            "attributes {llvm.emit_c_interface} {\n%s  }\n"
            % (name, in_t, out_t, body))


def quantize_body(qt, store, flavour, shape="?"):
    fl = " flavour(onnx)" if flavour == "onnx" else ""
    return ("    %%q = qnn.quantize %%x%s : tensor<%sxf32> -> tensor<%sx%s>\n"
            "    %%i = qnn.storage_cast %%q : tensor<%sx%s> -> tensor<%sx%s>\n"
            "    return %%i : tensor<%sx%s>\n"
            % (fl, shape, shape, qt, shape, qt, shape, store, shape, store))


def dequantize_body(qt, store, shape="?"):
    return ("    %%q = qnn.storage_cast %%x : tensor<%sx%s> -> tensor<%sx%s>\n"
            "    %%f = qnn.dequantize %%q : tensor<%sx%s> -> tensor<%sxf32>\n"
            "    return %%f : tensor<%sxf32>\n"
            % (shape, store, shape, qt, shape, qt, shape, shape))


def requantize_body(qt_in, st_in, qt_out, st_out, mode):
    rm = "" if mode == "float" else " rounding(%s)" % mode
    return ("    %%q = qnn.storage_cast %%x : tensor<?x%s> -> tensor<?x%s>\n"
            "    %%r = qnn.requantize %%q%s : tensor<?x%s> -> tensor<?x%s>\n"
            "    %%i = qnn.storage_cast %%r : tensor<?x%s> -> tensor<?x%s>\n"
            "    return %%i : tensor<?x%s>\n"
            % (st_in, qt_in, rm, qt_in, qt_out, qt_out, st_out, st_out))


def storage_np(storage):
    return np.dtype(ref.STORAGE[base(storage)][3])


# --- alternative semantics, for diagnosing mismatches ------------------------


def quantize_f32_zp(x, scale, zp, storage, flavour):
    """clamp(f32(f32(z) + t)): the zero point rounded to f32 before adding."""
    qmin, qmax = ref.storage_range(storage)
    t = ref.quantize_t(x, scale, flavour)
    with np.errstate(all="ignore"):
        v = (F32(np.float32(zp)) + t).astype(F32)
        q = np.clip(np.nan_to_num(v.astype(np.float64), nan=0.0), qmin, qmax)
    return np.where(np.isnan(v), zp, q.astype(np.int64))


def quantize_alts(scale, zp, storage, flavour):
    other = "onnx" if flavour == "pytorch" else "pytorch"

    def alts(x):
        qmin, qmax = ref.storage_range(storage)
        nan_f32z = np.where(np.isnan(x),
                            int(np.clip(np.float64(np.float32(zp)), qmin, qmax)),
                            ref.quantize(x, scale, zp, storage, flavour))
        return [("zero point added as f32(z)",
                 quantize_f32_zp(x, scale, zp, storage, flavour)),
                ("NaN -> clamp(f32(z)) instead of z", nan_f32z),
                ("the %s flavour" % other,
                 ref.quantize(x, scale, zp, storage, other)),
                ("the %s flavour with f32(z)" % other,
                 quantize_f32_zp(x, scale, zp, storage, other))]
    return alts


def dequantize_alts(scale, zp):
    def alts(q):
        q = np.asarray(q, np.int64)
        s32 = np.float32(scale)
        with np.errstate(all="ignore"):
            dbl = ((q - zp).astype(F32).astype(np.float64) * scale).astype(F32)
            fz = np.multiply(np.subtract(q.astype(F32), F32(zp), dtype=F32),
                             s32, dtype=F32)
            # q * s + (-z * s) with one rounding (approximated in float64)
            fma = (q.astype(F32).astype(np.float64) * np.float64(s32) +
                   np.float64(F32(-np.float64(F32(zp)) * np.float64(s32)))
                   ).astype(F32)
            wrap = ((q - zp + 2 ** 31) % 2 ** 32 - 2 ** 31).astype(F32) * s32
        return [("the double scale", dbl),
                ("f32(q) - f32(z)", fz),
                ("the FMA form q*s - z*s", fma),
                ("q - z wrapped to int32", wrap.astype(F32))]
    return alts


def requantize_alts(s_in, z_in, st_in, s_out, z_out, st_out, mode):
    qmin, qmax = ref.storage_range(st_out)

    def with_m(q, M, md):
        m, e = ref.quantize_multiplier(M)
        a = np.asarray(q, np.int64) - z_in
        f = {"double_round": ref.multiply_double_round,
             "half_up": ref.multiply_half_up,
             "half_away": ref.multiply_half_away}[md]
        return np.clip(z_out + f(a, m, e), qmin, qmax)

    def alts(q):
        res = []
        for md in ref.MODES:
            if md != mode:
                res.append(("mode %s" % md, ref.requantize(
                    q, s_in, z_in, st_in, s_out, z_out, st_out, md)))
        if mode != "float":
            for label, M in (("M = double(scale_in) / double(scale_out)",
                              float(s_in) / float(s_out)),
                             ("M = f32(f32(s_in) / f32(s_out))",
                              float(np.float32(np.float32(s_in) / np.float32(s_out))))):
                try:
                    res.append((label, with_m(q, M, mode)))
                except ValueError:
                    pass
        else:
            res.append(("zero point added as f32(z)", quantize_f32_zp(
                ref.dequantize(q, s_in, z_in), s_out, z_out, st_out, "pytorch")))
        return res
    return alts


def per_axis_alts(axis, scales, zps, fn):
    """Per-channel wrapper of an alts builder fn(scale, zp)."""
    builders = [fn(s, z) for s, z in zip(scales, zps)]

    def alts(x):
        result = None
        for c, b in enumerate(builders):
            sl = (c, slice(None)) if axis == 0 else (slice(None), c)
            part = b(x[sl])
            if result is None:
                result = [(label, np.zeros(x.shape, v.dtype)) for label, v in part]
            for (label, arr), (_, v) in zip(result, part):
                arr[sl] = v
        return result
    return alts


# --- quantize (per tensor) ---------------------------------------------------

QUANT_CONFIGS = {
    # storage: [(scale, zero point)]; zero points at both ends of the range,
    # non-power-of-two scales, a large scale
    # extremes: 3e38 (f32(1/s) is subnormal), 1.2e-38 (the smallest normal
    # scales, x * inv overflows early)
    "u8": [(0.1, 10), (0.1, 0), (0.1, 255), (0.0037, 128), (3.3, 0),
           (1e-3, 255), (1e-3, 37), (12345.678, 3), (0.5, 100),
           (3e38, 128)],
    "i8": [(0.1, -128), (0.1, 127), (0.0037, 0), (3.3, -5), (1e-3, 0),
           (1e-3, 127), (12345.678, -128), (0.25, 3), (0.37, -77),
           (1.2e-38, -3)],
    "i32": [(0.1, 0), (0.0037, -(2 ** 31)), (0.0037, 2 ** 31 - 1),
            (3.3, 12345), (1e-3, -7), (1e-3, 2 ** 31 - 1),
            (12345.678, 0), (1.0, 2 ** 24 + 1), (2.5e-7, 1000),
            (3e38, -1)],
}
QUANT_N = 115000


def quantize_cases(rng):
    cases = []
    for storage, configs in QUANT_CONFIGS.items():
        store = signless(storage)
        for ci, (s, z) in enumerate(configs):
            x = gen_quant_inputs(rng, s, z, storage, QUANT_N)
            tq = torch_quantize(x, s, z, storage)
            for flavour in ("pytorch", "onnx"):
                name = "q_%s_%s_%d" % (flavour, storage, ci)
                qt = qtype(storage, s, z)
                mlir = func_1d(name, "f32", store,
                               quantize_body(qt, store, flavour))
                rq = ref.quantize(x, s, z, storage, flavour)
                if flavour == "pytorch":
                    exp, cls, unexp = classify_quantize(x, s, z, storage, tq, rq)
                    tv = tq
                else:
                    exp, cls, unexp = rq, np.full(x.shape, C_ONNX, np.int8), None
                    tv = None
                desc = "quantize %s %s s=%r z=%d" % (flavour, storage, s, z)
                cases.append(Case(name, "%s %s" % (storage, flavour), desc,
                                  mlir, F32, storage_np(storage), x, exp, cls,
                                  unexp, tv, exact_ties(x, s, flavour),
                                  st_out=storage, ref_vals=rq))
                cases[-1].alts = quantize_alts(s, z, storage, flavour)
    return cases


# --- per axis ----------------------------------------------------------------

AXIS_CONFIGS = [
    # storage, axis, scales, zero points, elements per channel
    ("u8", 1, [0.1, 0.37, 2.0, 0.0037], [0, 255, 10, 128], 130000),
    ("u8", 0, [3.3, 1e-3, 12345.678], [255, 0, 77], 170000),
    ("i8", 1, [0.1, 0.37, 2.0], [-2, 5, 0], 170000),
    ("i8", 0, [1e-3, 0.0037, 3.3, 0.5, 1000.0], [-128, 127, 0, -7, 3], 100000),
    ("i32", 0, [0.1, 1e-3, 3.3], [0, -(2 ** 31), 2 ** 31 - 1], 170000),
    ("i32", 1, [0.0037, 12345.678, 1.0], [17, -5, 2 ** 24 + 1], 170000),
]


def lay_channels(cols, axis):
    """cols: list of 1-D arrays (one per channel) -> 2-D array with the
    channel index along `axis`."""
    a = np.stack(cols, axis=0)
    return np.ascontiguousarray(a if axis == 0 else a.T)


def per_axis_cases(rng):
    cases = []
    for ci, (storage, axis, scales, zps, n) in enumerate(AXIS_CONFIGS):
        store = signless(storage)
        qt = qtype_axis(storage, axis, scales, zps)
        chans = [gen_quant_inputs(rng, s, z, storage, n)
                 for s, z in zip(scales, zps)]
        x = lay_channels(chans, axis)
        tq = torch_quantize_per_channel(x, scales, zps, axis, storage)
        for flavour in ("pytorch", "onnx"):
            name = "qa_%s_%s_%d" % (flavour, storage, ci)
            exp = np.zeros(x.shape, np.int64)
            cls = np.zeros(x.shape, np.int8)
            unexp = np.zeros(x.shape, bool)
            refa = np.zeros(x.shape, np.int64)
            ties = 0
            for c, (s, z) in enumerate(zip(scales, zps)):
                sl = (c, slice(None)) if axis == 0 else (slice(None), c)
                rq = ref.quantize(x[sl], s, z, storage, flavour)
                ties += exact_ties(x[sl], s, flavour)
                if flavour == "pytorch":
                    e, k, u = classify_quantize(x[sl], s, z, storage, tq[sl], rq)
                else:
                    e, k, u = rq, np.full(rq.shape, C_ONNX, np.int8), False
                exp[sl], cls[sl], unexp[sl], refa[sl] = e, k, u, rq
            mlir = func_2d(name, "f32", store,
                           quantize_body(qt, store, flavour, "?x?"))
            desc = "quantize per-axis %s %s axis=%d %s" % (
                flavour, storage, axis,
                ", ".join("%r:%d" % sz for sz in zip(scales, zps)))
            cases.append(Case(name, "%s %s" % (storage, flavour), desc, mlir,
                              F32, storage_np(storage), x, exp, cls, unexp,
                              tq if flavour == "pytorch" else None, ties,
                              st_out=storage, ref_vals=refa))
            cases[-1].alts = per_axis_alts(
                axis, scales, zps,
                lambda s_, z_, f_=flavour, st_=storage: quantize_alts(s_, z_, st_, f_))
        # dequantize per axis
        qmin, qmax = ref.storage_range(storage)
        if storage in ("u8", "i8"):
            allv = np.arange(qmin, qmax + 1)
            reps = max(1, n // 2 // len(allv))
            qcols = [np.concatenate([np.tile(allv, reps),
                                     rng.integers(qmin, qmax + 1, n - reps * len(allv))])
                     for _ in scales]
            for col in qcols:
                rng.shuffle(col)
        else:
            qcols = [gen_i32_dequant_inputs(rng, z, n) for z in zps]
        q = lay_channels(qcols, axis)
        td = torch_dequantize_per_channel(q, scales, zps, axis, storage)
        exp = np.zeros(q.shape, F32)
        cls = np.zeros(q.shape, np.int8)
        unexp = np.zeros(q.shape, bool)
        refa = np.zeros(q.shape, F32)
        for c, (s, z) in enumerate(zip(scales, zps)):
            sl = (c, slice(None)) if axis == 0 else (slice(None), c)
            rd = ref.dequantize(q[sl], s, z)
            e, k, u = classify_dequantize(q[sl], z, td[sl], rd, True)
            exp[sl], cls[sl], unexp[sl], refa[sl] = e, k, u, rd
        name = "dqa_%s_%d" % (storage, ci)
        mlir = func_2d(name, store, "f32", dequantize_body(qt, store, "?x?"))
        desc = "dequantize per-axis %s axis=%d %s" % (
            storage, axis, ", ".join("%r:%d" % sz for sz in zip(scales, zps)))
        cases.append(Case(name, "%s dequantize" % storage, desc, mlir,
                          storage_np(storage), F32,
                          to_storage_array(q, storage).view(storage_np(storage)),
                          exp, cls, unexp, td, st_in=storage, ref_vals=refa))
        cases[-1].alts = per_axis_alts(axis, scales, zps, dequantize_alts)
    return cases


# --- dequantize (per tensor) -------------------------------------------------

DEQUANT_SCALES = [0.1, 0.0037, 3.3, 1e-3, 12345.678, 1.0, 0.5, 3e36,
                  1.5e-38]
DEQUANT_ZPS = {
    "u8": [0, 1, 10, 128, 200, 254, 255],
    "i8": [-128, -127, -1, 0, 10, 126, 127],
}
DEQUANT_I32 = [
    (0.1, 0), (0.1, 5), (1e-3, -100000), (0.0037, 2 ** 31 - 1),
    (3.3, -(2 ** 31)), (12345.678, 2 ** 24 + 1), (1.0, -3), (2.0 ** -10, 77),
    (3e30, 0), (1e-3, 2 ** 31 - 1)]
DEQUANT_I32_N = 110000


def gen_i32_dequant_inputs(rng, zp, n):
    qmin, qmax = ref.storage_range("i32")
    edge = np.array([qmin, qmin + 1, qmax, qmax - 1, 0, 1, -1, 2 ** 24,
                     2 ** 24 + 1, -(2 ** 24) - 1, zp], dtype=np.int64)
    edge = np.clip(np.concatenate([edge, edge + 1, edge - 1]), qmin, qmax)
    parts = [
        rng.integers(qmin, qmax + 1, n * 4 // 10),
        rng.integers(-(2 ** 24), 2 ** 24 + 1, n * 3 // 10),
        np.clip(zp + rng.integers(-1000, 1001, n * 2 // 10), qmin, qmax),
        np.clip(zp + rng.integers(-(2 ** 26), 2 ** 26, n // 20), qmin, qmax),
    ]
    q = np.concatenate(parts)
    q = np.concatenate([np.tile(edge, 20), q])[:n]
    if len(q) < n:
        q = np.concatenate([q, rng.integers(qmin, qmax + 1, n - len(q))])
    rng.shuffle(q)
    return q.astype(np.int64)


def classify_dequantize(q, zp, torch_d, ref_d, per_channel=False):
    q = np.asarray(q, np.int64)
    d = q - np.int64(zp)
    if per_channel:
        # PyTorch's per-channel kernel: (float(q) - zero_point) * scale,
        # i.e. q and z are rounded to float before the subtraction.
        with np.errstate(all="ignore"):
            fd = np.subtract(q.astype(F32), F32(np.float32(zp)), dtype=F32)
        cls = np.where(fd.astype(np.float64) != d.astype(F32).astype(np.float64),
                       C_TORCH_DQ_F32, C_TORCH).astype(np.int8)
    else:
        # PyTorch's per-tensor kernel subtracts in int32 (wrapping).
        cls = np.where((d < -(2 ** 31)) | (d > 2 ** 31 - 1), C_TORCH_DQ_OVF,
                       C_TORCH).astype(np.int8)
    tb = torch_d.view(np.uint32)
    rb = ref_d.view(np.uint32)
    unexp = (cls == C_TORCH) & (tb != rb)
    exp = np.where(cls == C_TORCH, torch_d, ref_d).astype(F32)
    return exp, cls, unexp


def dequantize_cases(rng):
    cases = []
    for storage in ("u8", "i8"):
        qmin, qmax = ref.storage_range(storage)
        store = signless(storage)
        allv = np.arange(qmin, qmax + 1, dtype=np.int64)
        for si, s in enumerate(DEQUANT_SCALES):
            for zi, z in enumerate(DEQUANT_ZPS[storage]):
                q = allv.copy()
                rng.shuffle(q)
                td = torch_dequantize(q, s, z, storage)
                rd = ref.dequantize(q, s, z)
                exp, cls, unexp = classify_dequantize(q, z, td, rd)
                name = "dq_%s_%d_%d" % (storage, si, zi)
                mlir = func_1d(name, store, "f32",
                               dequantize_body(qtype(storage, s, z), store))
                cases.append(Case(
                    name, storage, "dequantize %s s=%r z=%d" % (storage, s, z),
                    mlir, storage_np(storage), F32,
                    to_storage_array(q, storage).view(storage_np(storage)),
                    exp, cls, unexp, td, st_in=storage, ref_vals=rd))
                cases[-1].alts = dequantize_alts(s, z)
    for ci, (s, z) in enumerate(DEQUANT_I32):
        q = gen_i32_dequant_inputs(rng, z, DEQUANT_I32_N)
        td = torch_dequantize(q, s, z, "i32")
        rd = ref.dequantize(q, s, z)
        exp, cls, unexp = classify_dequantize(q, z, td, rd)
        name = "dq_i32_%d" % ci
        mlir = func_1d(name, "i32", "f32",
                       dequantize_body(qtype("i32", s, z), "i32"))
        cases.append(Case(name, "i32", "dequantize i32 s=%r z=%d" % (s, z),
                          mlir, np.dtype(np.int32), F32,
                          q.astype(np.int32), exp, cls, unexp, td,
                          st_in="i32", ref_vals=rd))
        cases[-1].alts = dequantize_alts(s, z)
    return cases


# --- requantize --------------------------------------------------------------

REQUANT_CONFIGS = [
    # (storage in, s_in, z_in, storage out, s_out, z_out)
    ("i8", 0.5, -3, "u8", 0.25, 7),          # M = 2 (the brief's example)
    ("u8", 0.1, 10, "i8", 0.37, -5),         # M < 1, non power of two
    ("u8", 0.0037, 128, "u8", 0.001, 0),     # M = 3.7
    ("i8", 3.3, 0, "i8", 1e-3, 1),           # M = 3300, saturates
    ("i8", 0.5, 0, "i8", 1.0, 0),            # M = 0.5: ties on odd a
    ("u8", 1.5, 128, "u8", 1.0, 128),        # M = 1.5: ties on odd a
    ("i8", 0.25, 1, "i8", 1.0, -1),          # M = 0.25: ties, two roundings
    ("i8", 0.375, 0, "i8", 1.0, 0),          # M = 0.375: double_round differs
    ("u8", 0.75, 100, "i8", 1.0, 0),         # M = 0.75
    ("i8", 1e-3, 5, "u8", 100.0, 3),         # M = 1e-5: r = 0 or +-0
    ("i8", 0.1, 0, "i8", 0.1, -128),         # M = 1, shifted zero point
    ("u8", 0.1, 255, "u8", 0.1000001, 0),    # M slightly below 1
    ("i8", 0.0037, -128, "u8", 0.0123, 255), # zero points at range ends
    ("u8", 0.02, 0, "i8", 0.0064, 127),      # M = 3.125
    ("i8", 12345.678, -7, "i8", 9876.54, 2),
    ("i8", 0.02, -1, "i32", 0.0001, 0),      # M = 200, i32 output
    ("u8", 0.02, 3, "i32", 0.0003, 2 ** 31 - 1),
    # i32 inputs: the integer modes need q - z in 32 bits, and the verifier
    # accepts them only with zero point 0; nonzero zero points in `float`
    ("i32", 1e-3, 0, "i8", 0.37, -3),        # M < 1
    ("i32", 0.1, 0, "u8", 3.3, 17),
    ("i32", 2.5e-5, 0, "i32", 1.3e-3, 7),    # i32 -> i32, M = 0.0192...
    ("i32", 1e-3, 5, "i8", 0.37, -3, ("float",)),
    ("i32", 0.1, -1000, "u8", 3.3, 17, ("float",)),
    ("i32", 0.01, 2 ** 31 - 1, "i32", 0.37, -(2 ** 31), ("float",)),
]
REQUANT_I32_N = 40000
REQUANT_RANDOM = 24        # further random configurations
REQUANT_TIES = 16          # further configurations with M = p / 2^k exactly


def random_requant_configs(rng):
    """Random 8-bit configurations: scales over six decades (M from about
    2^-20 to 2^12), random zero points; and configurations whose M is an
    exact dyadic fraction p / 2^k, where many inputs are exact ties."""
    out = []
    st = ("u8", "i8")
    while len(out) < REQUANT_RANDOM:
        s_in = float(10.0 ** rng.uniform(-4, 2))
        s_out = float(10.0 ** rng.uniform(-4, 2))
        M = ref.requant_multiplier(s_in, s_out)
        if not 2.0 ** -20 < M < 2.0 ** 12:
            continue
        a, b = st[rng.integers(0, 2)], st[rng.integers(0, 2)]
        za = int(rng.integers(*[(0, 256), (-128, 128)][a == "i8"]))
        zb = int(rng.integers(*[(0, 256), (-128, 128)][b == "i8"]))
        out.append((a, s_in, za, b, s_out, zb))
    for _ in range(REQUANT_TIES):
        p = int(rng.integers(0, 32)) * 2 + 1
        k = int(rng.integers(1, 9))
        s_out = 2.0 ** -int(rng.integers(0, 12))
        s_in = s_out * p / 2.0 ** k
        a, b = st[rng.integers(0, 2)], st[rng.integers(0, 2)]
        za = int(rng.integers(*[(0, 256), (-128, 128)][a == "i8"]))
        zb = int(rng.integers(*[(0, 256), (-128, 128)][b == "i8"]))
        out.append((a, s_in, za, b, s_out, zb))
    return out


def gen_requant_inputs(rng, storage, zp):
    qmin, qmax = ref.storage_range(storage)
    if storage in ("u8", "i8"):
        return np.arange(qmin, qmax + 1, dtype=np.int64)
    # i32 inputs: the whole range, values near z and the range ends
    q = np.concatenate([
        rng.integers(qmin, qmax + 1, REQUANT_I32_N // 4),
        zp + rng.integers(-(2 ** 24), 2 ** 24, REQUANT_I32_N // 4),
        zp + rng.integers(-3000, 3000, REQUANT_I32_N // 2),
        zp + np.arange(-600, 601),
        np.array([qmin, qmin + 1, qmax - 1, qmax, 0, 1, -1])])
    return np.clip(q, qmin, qmax).astype(np.int64)


def requantize_cases(rng):
    cases = []
    for ci, cfg in enumerate(REQUANT_CONFIGS + random_requant_configs(rng)):
        st_in, s_in, z_in, st_out, s_out, z_out = cfg[:6]
        modes = cfg[6] if len(cfg) > 6 else ref.MODES
        q = gen_requant_inputs(rng, st_in, z_in)
        rng.shuffle(q)
        qt_in = qtype(st_in, s_in, z_in)
        qt_out = qtype(st_out, s_out, z_out)
        for mode in modes:
            name = "rq_%s_%d" % (mode, ci)
            rq = ref.requantize(q, s_in, z_in, st_in, s_out, z_out, st_out, mode)
            if mode == "float":
                deq, tq = torch_requantize_float(q, s_in, z_in, st_in,
                                                 s_out, z_out, st_out)
                exp_d, cls_d, unexp_d = classify_dequantize(
                    q, z_in, deq, ref.dequantize(q, s_in, z_in))
                exp, cls, unexp = classify_quantize(
                    exp_d, s_out, z_out, st_out, tq, rq, cls_d)
                unexp = unexp | unexp_d
                tv = tq
            else:
                exp = rq
                cls = np.full(q.shape, C_INTMODE, np.int8)
                unexp = None
                tv = None
            mlir = func_1d(name, signless(st_in), signless(st_out),
                           requantize_body(qt_in, signless(st_in), qt_out,
                                           signless(st_out), mode))
            m, e = ref.quantize_multiplier(ref.requant_multiplier(s_in, s_out))
            desc = ("requantize %s %s s=%r z=%d -> %s s=%r z=%d "
                    "(M=%.9g m=%d e=%d)" % (mode, st_in, s_in, z_in, st_out,
                                             s_out, z_out,
                                             ref.requant_multiplier(s_in, s_out),
                                             m, e))
            cases.append(Case(name, mode, desc, mlir, storage_np(st_in),
                              storage_np(st_out),
                              to_storage_array(q, st_in).view(storage_np(st_in)),
                              exp, cls, unexp, tv, st_in=st_in,
                              st_out=st_out, ref_vals=rq))
            cases[-1].alts = requantize_alts(s_in, z_in, st_in, s_out, z_out,
                                             st_out, mode)
    return cases


# --- storage types PyTorch lacks: narrow ranges, 16 bits ---------------------

EXTRA_QUANT = [
    ("i8<-127:127>", 0.1, 0), ("i8<-127:127>", 0.0037, -127),
    ("i8<-127:127>", 3.3, 127), ("i16", 1e-3, -32768), ("i16", 3.3e-5, 100),
    ("u16", 0.01, 65535), ("u16", 1.5e-4, 32768),
]
EXTRA_DEQUANT = EXTRA_QUANT + [("i16", 12345.678, 0), ("u16", 0.37, 7)]
EXTRA_REQUANT = [
    ("i8<-127:127>", 0.5, 0, "i8<-127:127>", 0.375, 0),
    ("i8", 0.0037, 3, "i8<-127:127>", 0.01, -2),
    ("i16", 1e-3, -5, "i8", 0.05, 3),
    ("u16", 1.5e-4, 32768, "u8", 0.02, 128),
    ("i8", 0.05, 1, "i16", 1e-3, -7),
    ("i16", 0.25, 0, "i16", 1.0, 0),
]
EXTRA_N = 100000


def all_storage_values(storage):
    qmin, qmax = ref.storage_range(storage)
    return np.arange(qmin, qmax + 1, dtype=np.int64)


def extra_storage_cases(rng):
    cases = []
    for ci, (storage, s, z) in enumerate(EXTRA_QUANT):
        store = signless(storage)
        x = gen_quant_inputs(rng, s, z, storage, EXTRA_N)
        for flavour in ("pytorch", "onnx"):
            name = "xq_%s_%d" % (flavour, ci)
            rq = ref.quantize(x, s, z, storage, flavour)
            mlir = func_1d(name, "f32", store,
                           quantize_body(qtype(storage, s, z), store, flavour))
            cases.append(Case(
                name, "%s quantize %s" % (storage, flavour),
                "quantize %s %s s=%r z=%d" % (flavour, storage, s, z), mlir,
                F32, storage_np(storage), x, rq,
                np.full(x.shape, C_NO_TORCH_TYPE, np.int8), None, None,
                exact_ties(x, s, flavour), st_out=storage, ref_vals=rq))
            cases[-1].alts = quantize_alts(s, z, storage, flavour)
    for ci, (storage, s, z) in enumerate(EXTRA_DEQUANT):
        store = signless(storage)
        q = all_storage_values(storage)
        rng.shuffle(q)
        rd = ref.dequantize(q, s, z)
        name = "xdq_%d" % ci
        mlir = func_1d(name, store, "f32",
                       dequantize_body(qtype(storage, s, z), store))
        cases.append(Case(
            name, "%s dequantize" % storage,
            "dequantize %s s=%r z=%d" % (storage, s, z), mlir,
            storage_np(storage), F32,
            to_storage_array(q, storage).view(storage_np(storage)), rd,
            np.full(q.shape, C_NO_TORCH_TYPE, np.int8), None, None,
            st_in=storage, ref_vals=rd))
        cases[-1].alts = dequantize_alts(s, z)
    for ci, (st_in, s_in, z_in, st_out, s_out, z_out) in enumerate(EXTRA_REQUANT):
        q = all_storage_values(st_in)
        rng.shuffle(q)
        qt_in, qt_out = qtype(st_in, s_in, z_in), qtype(st_out, s_out, z_out)
        for mode in ref.MODES:
            name = "xrq_%s_%d" % (mode, ci)
            rq = ref.requantize(q, s_in, z_in, st_in, s_out, z_out, st_out, mode)
            mlir = func_1d(name, signless(st_in), signless(st_out),
                           requantize_body(qt_in, signless(st_in), qt_out,
                                           signless(st_out), mode))
            cases.append(Case(
                name, "requantize %s" % mode,
                "requantize %s %s s=%r z=%d -> %s s=%r z=%d"
                % (mode, st_in, s_in, z_in, st_out, s_out, z_out), mlir,
                storage_np(st_in), storage_np(st_out),
                to_storage_array(q, st_in).view(storage_np(st_in)), rq,
                np.full(q.shape, C_NO_TORCH_TYPE, np.int8), None, None,
                st_in=st_in, st_out=st_out, ref_vals=rq))
            cases[-1].alts = requantize_alts(s_in, z_in, st_in, s_out, z_out,
                                             st_out, mode)
    return cases


AREAS = {
    "storage_extra": extra_storage_cases,
    "quantize": quantize_cases,
    "per_axis": per_axis_cases,
    "dequantize": dequantize_cases,
    "requantize": requantize_cases,
}

# ----------------------------------------------------------------------------
# Hand-computed gemmlowp / TFLite values
# ----------------------------------------------------------------------------

# (a, b, SaturatingRoundingDoublingHighMul(a, b)), worked out by hand:
#   SRDHM(a, b) = trunc((a*b + nudge) / 2^31), nudge = 2^30 if a*b >= 0
#   else 1 - 2^30; INT32_MIN * INT32_MIN saturates to INT32_MAX.
SRDHM_CASES = [
    (1 << 30, 1 << 30, 1 << 29),       # 2^60: (2^60 + 2^30) / 2^31 -> 2^29
    (-(1 << 31), -(1 << 31), (1 << 31) - 1),   # the one overflow
    (-(1 << 31), (1 << 31) - 1, -((1 << 31) - 1)),  # -2^62+2^31 -> exact
    (1, 1 << 30, 1),                   # +0.5 -> 1
    (-1, 1 << 30, 0),                  # -0.5 -> 0 (toward +inf)
    (3, 1 << 30, 2),                   # 1.5 -> 2
    (-3, 1 << 30, -1),                 # -1.5 -> -1
    (100, 1 << 30, 50),                # 50.5 -> 50?  (100*2^30+2^30)/2^31 = 50.5 -> 50
    (1, 1610612736, 1),                # 0.75 -> 1
    (5, 1288490189, 3),                # 5*0.6000000001 = 3.0000000005 -> 3
]
# (x, exponent, RoundingDivideByPOT(x, exponent)): x / 2^e rounded to
# nearest, ties away from zero.
RDBPOT_CASES = [
    (5, 1, 3), (-5, 1, -3), (6, 2, 2), (-6, 2, -2), (-4, 3, -1), (4, 3, 1),
    (7, 3, 1), (-7, 3, -1), (3, 3, 0), (-3, 3, 0), (12, 0, 12),
    ((1 << 31) - 1, 31, 1), (-(1 << 31), 31, -1), (1 << 30, 31, 1),
    (-(1 << 30), 31, -1), ((1 << 30) - 1, 31, 0),
]
# (M, m, e) from QuantizeMultiplier
QM_CASES = [
    (0.5, 1 << 30, 0), (1.0, 1 << 30, 1), (0.75, 1610612736, 0),
    (0.375, 1610612736, -1), (2.0, 1 << 30, 2), (3.7, 1986422374, 2),
    (1.0 - 2.0 ** -40, 1 << 30, 1),    # rounds up to 2^31 -> (2^30, e+1)
    (2.0 ** -32, 0, 0),                # below 2^-31: r = 0
    (0.0, 0, 0),
]
# (a, M, double_round, half_up, half_away)
MODE_CASES = [
    (1, 0.375, 1, 0, 0),     # SRDHM 0.75 -> 1, then 1/2 = 0.5 -> 1
    (-1, 0.375, -1, 0, 0),   # SRDHM -0.75 -> -1, -0.5 -> -1 (away)
    (3, 0.5, 2, 2, 2),       # 1.5
    (-3, 0.5, -1, -1, -2),   # -1.5: SRDHM ties toward +inf
    (-6, 0.25, -2, -1, -2),  # -1.5 via the shift: away from zero
    (6, 0.25, 2, 2, 2),
    (-5, 0.5, -2, -2, -3),   # -2.5
    (100, 2.0, 200, 200, 200),
    (-128, 3.7, -474, -474, -474),   # -473.6
    (127, 1e-5, 0, 0, 0),
    (2, 0.75, 2, 2, 2),      # 1.5
    (-2, 0.75, -1, -1, -2),  # -1.5
]


def check_hand_values(out):
    bad = 0
    for a, b, want in SRDHM_CASES:
        got = int(ref.srdhm(np.array([a]), np.array([b]))[0])
        if got != want:
            bad += 1
            out("HAND-CHECK FAILED SRDHM(%d, %d) = %d, expected %d" % (a, b, got, want))
    for x, e, want in RDBPOT_CASES:
        got = int(ref.rounding_divide_by_pot(np.array([x]), e)[0])
        if got != want:
            bad += 1
            out("HAND-CHECK FAILED RDBPOT(%d, %d) = %d, expected %d" % (x, e, got, want))
    for M, m, e in QM_CASES:
        got = ref.quantize_multiplier(M)
        if got != (m, e):
            bad += 1
            out("HAND-CHECK FAILED QuantizeMultiplier(%r) = %r, expected %r"
                % (M, got, (m, e)))
    for a, M, dr, hu, ha in MODE_CASES:
        m, e = ref.quantize_multiplier(M)
        got = (int(ref.multiply_double_round(np.array([a]), m, e)[0]),
               int(ref.multiply_half_up(np.array([a]), m, e)[0]) if m else 0,
               int(ref.multiply_half_away(np.array([a]), m, e)[0]) if m else 0)
        if got != (dr, hu, ha):
            bad += 1
            out("HAND-CHECK FAILED a=%d M=%r: (double_round, half_up, "
                "half_away) = %r, expected %r" % (a, M, got, (dr, hu, ha)))
    n = len(SRDHM_CASES) + len(RDBPOT_CASES) + len(QM_CASES) + len(MODE_CASES)
    out("hand-computed gemmlowp/TFLite values: %d checked, %d wrong" % (n, bad))
    return bad


# ----------------------------------------------------------------------------
# Compiling and calling the generated code
# ----------------------------------------------------------------------------


def memref_type(rank):
    class MemRef(ctypes.Structure):
        _fields_ = [("allocated", ctypes.c_void_p),
                    ("aligned", ctypes.c_void_p),
                    ("offset", ctypes.c_int64),
                    ("sizes", ctypes.c_int64 * rank),
                    ("strides", ctypes.c_int64 * rank)]
    return MemRef


MEMREF = {1: memref_type(1), 2: memref_type(2)}
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
_libc.free.argtypes = [ctypes.c_void_p]
_libc.free.restype = None


def run(cmd, log):
    log.append("$ " + " ".join(shlex.quote(c) for c in cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.stdout:
        log.append(p.stdout)
    if p.stderr:
        log.append(p.stderr)
    return p.returncode


def module_text(cases):
    return "module {\n" + "\n".join(c.mlir for c in cases) + "}\n"


# Code variants: each is the whole module lowered with other --qnn-to-llvm
# options, so that every vector width and instruction set the lowering can
# pick is run on every input (and the short calls exercise every tail).
VARIANTS = [
    ("host", "", None),                               # widest the host has
    ("w256", "vector-width=256", None),
    ("w128", "vector-width=128", None),
    ("haswell", "target-cpu=haswell", ("avx2", "fma", "bmi2", "f16c")),
    ("x86-64", "target-cpu=x86-64", None),            # SSE2 only
]


def host_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def error_excerpt(log):
    text = "\n".join(log)
    lines = [l for l in text.splitlines() if "error" in l]
    return (lines[0] if lines else text.strip()[-300:]).strip()


def lower(args, cases, stem, options, log):
    src = os.path.join(args.workdir, stem + ".mlir")
    dst = os.path.join(args.workdir, stem + ".llvm.mlir")
    with open(src, "w") as f:
        f.write(module_text(cases))
    flag = "--qnn-to-llvm" + ("=" + options if options else "")
    return run([args.quant_opt, flag, src, "-o", dst], log) == 0, dst


def compile_cases(args, variants, cases, out):
    """Returns ({variant name: ctypes library}, [(case, error)], log)."""
    log = []
    failed = []
    first_name, first_options = variants[0] if variants else ("host", "")
    ok, _ = lower(args, cases, "mod-" + first_name, first_options, log)
    lowered = {first_name} if ok else set()
    good = cases
    if not ok:
        # find the configurations the compiler rejects, keep the others
        out("quant-opt failed on the whole module; compiling each function "
            "alone to find the failing configurations")
        good = []
        for c in cases:
            one_log = []
            ok1, _ = lower(args, [c], "one", first_options, one_log)
            if ok1:
                good.append(c)
            else:
                failed.append((c, error_excerpt(one_log)))
        if not good:
            return {}, failed, log
    libs = {}
    for name, options in variants:
        stem = "mod-" + name
        if name in lowered:
            ok, llvm_mlir = True, os.path.join(args.workdir, stem + ".llvm.mlir")
        else:
            ok, llvm_mlir = lower(args, good, stem, options, log)
        if not ok:
            out("COMPILE-FAILURE variant %s (--qnn-to-llvm=%s): %s"
                % (name, options, error_excerpt(log)))
            continue
        ll = os.path.join(args.workdir, stem + ".ll")
        so = os.path.join(args.workdir, stem + ".so")
        if run([args.mlir_translate, "--mlir-to-llvmir", llvm_mlir, "-o", ll], log):
            out("COMPILE-FAILURE variant %s: mlir-translate: %s"
                % (name, error_excerpt(log)))
            continue
        if run([args.clang] + shlex.split(args.clang_flags) +
               ["-shared", "-fPIC", "-x", "ir", ll, "-o", so], log):
            out("COMPILE-FAILURE variant %s: clang: %s" % (name, error_excerpt(log)))
            continue
        libs[name] = ctypes.CDLL(so)
    return libs, failed, log


def descriptor(arr):
    arr = np.ascontiguousarray(arr)
    M = MEMREF[arr.ndim]
    d = M()
    d.allocated = arr.ctypes.data
    d.aligned = arr.ctypes.data
    d.offset = 0
    for i in range(arr.ndim):
        d.sizes[i] = arr.shape[i]
        d.strides[i] = arr.strides[i] // arr.itemsize
    return d, arr


def call(lib, name, x, out_dtype):
    """Calls _mlir_ciface_<name>(result*, x*) and returns a copy of the
    result (freeing the buffer the generated code allocated)."""
    fn = getattr(lib, "_mlir_ciface_" + name)
    M = MEMREF[x.ndim]
    fn.argtypes = [ctypes.POINTER(M), ctypes.POINTER(M)]
    fn.restype = None
    d_in, keep = descriptor(x)
    res = M()
    fn(ctypes.byref(res), ctypes.byref(d_in))
    shape = tuple(res.sizes[i] for i in range(x.ndim))
    if shape != x.shape:
        raise RuntimeError("%s: result shape %r, expected %r" % (name, shape, x.shape))
    itemsize = np.dtype(out_dtype).itemsize
    strides = tuple(res.strides[i] for i in range(x.ndim))
    if x.size:
        span = 1 + sum((shape[i] - 1) * abs(strides[i]) for i in range(x.ndim))
        base = res.aligned + res.offset * itemsize
        buf = (ctypes.c_char * (span * itemsize)).from_address(base)
        flat = np.frombuffer(buf, dtype=out_dtype)
        y = np.lib.stride_tricks.as_strided(
            flat, shape=shape, strides=tuple(s * itemsize for s in strides)).copy()
    else:
        y = np.zeros(shape, out_dtype)
    lo = keep.ctypes.data
    hi = lo + keep.nbytes
    if res.allocated and not (lo <= res.allocated < hi or res.allocated == lo):
        _libc.free(res.allocated)
    del keep
    return y


def tail_slices(rng, x):
    """Short calls at odd offsets: every length 1..40 and a few around
    powers of two, on contiguous copies of slices of the input."""
    out = []
    if x.ndim == 1:
        n = len(x)
        for ln in list(range(1, 41)) + [63, 64, 65, 127, 128, 129, 255, 257]:
            if ln > n:
                continue
            off = int(rng.integers(0, n - ln + 1))
            out.append((slice(off, off + ln),))
    else:
        # shrink the non-channel dimension, keep all channels
        r, c = x.shape
        big = 0 if r > c else 1
        n = x.shape[big]
        for ln in list(range(1, 20)) + [31, 32, 33, 65]:
            if ln > n:
                continue
            off = int(rng.integers(0, n - ln + 1))
            sl = [slice(None), slice(None)]
            sl[big] = slice(off, off + ln)
            out.append(tuple(sl))
    return out


def as_bits(a):
    a = np.asarray(a)
    if a.dtype == F32:
        return a.view(np.uint32).astype(np.int64)
    return a.astype(np.int64)


def fmt_value(v, dtype, storage_hint=None):
    if np.dtype(dtype) == F32:
        return fhex(v)
    return str(int(v))


def interpret_result(y, case):
    """Generated code returns signless storage; reinterpret u8 as uint8."""
    if case.st_out is None:
        return y
    return y.view(ref.STORAGE[base(case.st_out)][2]).astype(np.int64)


def interpret_input(x, case):
    if case.st_in is None:
        return x
    return x.view(ref.STORAGE[base(case.st_in)][2]).astype(np.int64)


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def report_disagreements(cases, out):
    """PyTorch and reference.py must agree wherever the value is checked
    against PyTorch; returns the number of cases where they do not."""
    bad = 0
    for c in cases:
        if not np.any(c.unexplained):
            continue
        bad += 1
        idx = np.flatnonzero(c.unexplained.ravel())
        out("REFERENCE-DISAGREES %s: %d values" % (c.desc, len(idx)))
        xin = interpret_input(c.x, c)
        for i in idx[:MAX_PRINTED_PER_CASE]:
            out("REFERENCE-DISAGREES %s: input %s PyTorch %s reference.py %s"
                % (c.desc, fmt_value(xin.ravel()[i], c.kind_in if c.st_in is None else np.int64),
                   fmt_value(c.torch_vals.ravel()[i], c.kind_out),
                   fmt_value(c.ref_vals.ravel()[i], c.kind_out)))
    return bad


def class_summary(cls):
    n_t = int(np.sum(cls == C_TORCH))
    parts = []
    for k in sorted(REF_ONLY_SHORT):
        c = int(np.sum(cls == k))
        if c:
            parts.append("%s %d" % (REF_ONLY_SHORT[k], c))
    return n_t, int(cls.size - n_t), ", ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("area", choices=sorted(AREAS) + ["reference"])
    ap.add_argument("--quant-opt")
    ap.add_argument("--mlir-translate")
    ap.add_argument("--clang")
    ap.add_argument("--workdir")
    ap.add_argument("--clang-flags", default="-O2")
    ap.add_argument("--variants", default="all",
                    help="comma-separated code variants (%s) or all" %
                         ", ".join(v[0] for v in VARIANTS))
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--zero-point-add", choices=("exact", "f32"),
                    default="f32",
                    help="reading of the contract's v = f32(z + t): "
                         "f32(f32(z) + t) as PyTorch computes it (default, "
                         "the project's contract), or the exact sum rounded "
                         "once")
    args = ap.parse_args()
    ref.ZERO_POINT_ADD = args.zero_point_add
    torch.set_num_threads(2)

    lines = []

    def out(s=""):
        print(s, flush=True)
        lines.append(s)

    t0 = time.time()
    rng = np.random.default_rng(args.seed)
    failures = 0

    if args.area == "reference":
        failures += check_hand_values(out)
        disagreeing = 0
        total = 0
        total_t = 0
        for area in sorted(AREAS):
            cases = AREAS[area](rng)
            n = sum(c.x.size for c in cases)
            nt = sum(int(np.sum(c.classes == C_TORCH)) for c in cases)
            bad = sum(int(np.sum(c.unexplained)) for c in cases)
            disagreeing += bad
            failures += report_disagreements(cases, out)
            _, _, summ = class_summary(np.concatenate([c.classes.ravel() for c in cases]))
            out("reference %s: %d values, %d compared with PyTorch: %d "
                "disagreements; %d have no PyTorch result [%s]"
                % (area, n, nt, bad, n - nt, summ))
            total += n
            total_t += nt
        out("reference: %d disagreements with PyTorch in %d values "
            "(%d checked against PyTorch)"
            % (disagreeing, total, total_t))
        out("elapsed %.1f s" % (time.time() - t0))
        return 1 if failures else 0

    for need in ("quant_opt", "mlir_translate", "clang", "workdir"):
        if not getattr(args, need):
            ap.error("--%s is required for area %s" % (need.replace("_", "-"), args.area))
    os.makedirs(args.workdir, exist_ok=True)

    if args.area == "requantize":
        failures += check_hand_values(out)
    out("value classes (each value is checked against the reference named):")
    for k in sorted(CLASS_NAMES):
        out("  %-20s %s" % (REF_ONLY_SHORT.get(k, "PyTorch"), CLASS_NAMES[k]))

    cases = AREAS[args.area](rng)
    t1 = time.time()
    failures += report_disagreements(cases, out)

    flags = host_flags()
    wanted = None if args.variants == "all" else set(args.variants.split(","))
    variants = []
    for name, options, needs in VARIANTS:
        if wanted is not None and name not in wanted:
            continue
        if needs and not all(f in flags for f in needs):
            out("variant %s skipped: the host lacks %s" % (name, ", ".join(needs)))
            continue
        variants.append((name, options))
    libs, failed, log = compile_cases(args, variants, cases, out)
    t2 = time.time()
    out("%s: %d configurations, code variants %s, inputs %.1f s, compile "
        "%.1f s" % (args.area, len(cases),
                    ", ".join("%s (--qnn-to-llvm=%s)" % (n, o) for n, o in variants),
                    t1 - t0, t2 - t1))
    if len(libs) < len(variants):
        failures += len(variants) - len(libs)
    with open(os.path.join(args.workdir, "compile.log"), "w") as f:
        f.write("\n".join(log))
    if failed:
        for c, err in failed:
            out("COMPILE-FAILURE %s (%s): %s" % (c.name, c.desc, err))
        failures += len(failed)
    if not libs:
        out("COMPILE-FAILURE: no library built; see %s"
            % os.path.join(args.workdir, "compile.log"))
        for l in log[-6:]:
            out(l.strip()[-2000:])
        out("%s: compile failed, 0 values checked" % args.area)
        return 1
    failed_names = set(c.name for c, _ in failed)

    state = {"printed": 0}

    def report(c, flags, where, xin, exp, got, tv, cls, idx):
        """Prints the first few mismatches of one call, which plausible
        wrong semantics the results match, and the first few mismatches
        that none of them explains."""
        alts = []
        if c.alts is not None and not where:
            try:
                alts = c.alts(xin)
            except Exception as e:  # noqa: BLE001
                out("(could not compute alternatives: %s)" % e)
        gb = as_bits(got).ravel()[idx]
        explained = np.zeros(len(idx), dtype=bool)
        for label, v in alts:
            vb = as_bits(np.asarray(v)).ravel()[idx]
            match = vb == gb
            explained |= match
            if np.any(match):
                out("DIAGNOSIS %s [%s]: %d of %d mismatching results equal %s"
                    % (c.desc, flags, int(np.sum(match)), len(idx), label))
        show = list(idx[:MAX_PRINTED_PER_CASE])
        if alts:
            unexplained = idx[~explained]
            if len(unexplained):
                out("DIAGNOSIS %s [%s]: %d of %d mismatching results match "
                    "none of these" % (c.desc, flags, len(unexplained), len(idx)))
                show += [i for i in unexplained[:MAX_PRINTED_PER_CASE]
                         if i not in show]
        for i in show:
            if state["printed"] >= MAX_PRINTED_TOTAL:
                return
            state["printed"] += 1
            pos = ""
            if xin.ndim == 2:
                pos = " at [%d, %d]" % np.unravel_index(i, xin.shape)
            tvs = ("" if tv is None else
                   " (PyTorch %s)" % fmt_value(tv.ravel()[i], c.kind_out))
            out("MISMATCH %s [%s]%s%s: input %s expected %s got %s; checked "
                "against %s%s"
                % (c.desc, flags, where, pos,
                   fmt_value(xin.ravel()[i], F32 if c.st_in is None else np.int64),
                   fmt_value(exp.ravel()[i], c.kind_out),
                   fmt_value(got.ravel()[i], c.kind_out),
                   CLASS_NAMES[int(cls.ravel()[i])], tvs))

    total = 0
    total_mism = 0
    total_tail = 0
    total_tail_mism = 0
    per_group = {}
    trng = np.random.default_rng(args.seed + 1)
    for c in cases:
        if c.name in failed_names:
            continue
        g = per_group.setdefault(c.group, [0, 0, 0, 0])
        xin = interpret_input(c.x, c)
        slices = tail_slices(trng, c.x)
        per_variant = []
        tails = 0
        for vname, lib in libs.items():
            try:
                y = call(lib, c.name, c.x, c.kind_out)
            except Exception as e:  # noqa: BLE001
                out("CALL-FAILURE %s [%s]: %s" % (c.desc, vname, e))
                failures += 1
                continue
            got = interpret_result(y, c)
            mism = as_bits(got) != as_bits(c.expected)
            nm = int(np.sum(mism))
            if nm:
                report(c, vname, "", xin, c.expected, got, c.torch_vals,
                       c.classes, np.flatnonzero(mism.ravel()))
            # short calls at odd offsets (vector tails)
            tail_bad = 0
            tail_reports = 0
            tails = 0
            for sl in slices:
                xs = np.ascontiguousarray(c.x[sl])
                yt = interpret_result(call(lib, c.name, xs, c.kind_out), c)
                bad = as_bits(yt) != as_bits(c.expected[sl])
                tails += bad.size
                if np.any(bad):
                    tail_bad += int(np.sum(bad))
                    tail_reports += 1
                    if tail_reports > 3:
                        continue
                    report(c, vname, " in a call of shape %r" % (xs.shape,),
                           interpret_input(xs, c), c.expected[sl], yt,
                           None if c.torch_vals is None else c.torch_vals[sl],
                           c.classes[sl], np.flatnonzero(bad.ravel())[:1])
            per_variant.append((vname, nm, tail_bad))
            g[1] += nm
            total_mism += nm
            total_tail += tails
            total_tail_mism += tail_bad
        n_t, n_r, summ = class_summary(c.classes)
        tie = "" if c.ties is None else ", exact ties %d" % c.ties
        out("  %-18s %s: %d values%s: %d vs PyTorch, %d vs reference.py "
            "only%s; %d tail-call values; mismatches (+ in tail calls) %s"
            % (c.name, c.desc, c.x.size, tie, n_t, n_r,
               " [%s]" % summ if summ else "", tails,
               ", ".join("%s %d+%d" % v for v in per_variant)))
        g[0] += c.x.size
        g[2] += n_t
        g[3] += n_r
        total += c.x.size
    nv = len(libs)
    for gname in sorted(per_group):
        n, m, nt, nr = per_group[gname]
        out("%s %s: %d mismatches in %d values (%d vs PyTorch and reference.py, "
            "%d vs reference.py only), each run in %d code variants"
            % (args.area, gname, m, n, nt, nr, nv))
    out("tail calls: %d mismatches in %d values" % (total_tail_mism, total_tail))
    out("elapsed %.1f s" % (time.time() - t0))
    if total_mism or total_tail_mism or failures:
        out("%s: FAILED: %d mismatches, %d in tail calls, %d other failures"
            % (args.area, total_mism, total_tail_mism, failures))
    out("%s: %d mismatches in %d values, each run in %d code variants (%s)"
        % (args.area, total_mism, total, nv, ", ".join(libs)))
    return 1 if (total_mism or total_tail_mism or failures) else 0


if __name__ == "__main__":
    sys.exit(main())
