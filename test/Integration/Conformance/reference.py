"""NumPy reference of the numeric contract (docs/Semantics.md).

Everything here is written from docs/Semantics.md, not from any implementation:

  quantize (flavour "pytorch", the default):
      inv = f32(1 / s); t = rne(f32(x * inv)); v = f32(z + t); q = clamp(v)
  quantize (flavour "onnx"):
      t = rne(f32(x / s)); the rest as above
  special inputs: +inf / beyond qmax -> qmax, -inf / below qmin -> qmin,
                  NaN -> z (pytorch flavour), qmin (onnx flavour, as ONNX
                  Runtime)
  dequantize:  x = f32(f32(q - z) * s)        (q - z exact, in 64 bits)
  requantize:  a = q_in - z_in, q_out = clamp(z_out + r, qmin, qmax) with r
      float        : dequantize, then quantize (pytorch flavour)
      double_round : RoundingDivideByPOT(SRDHM(a << left, m), right)
      half_up      : (a * m + (1 << (k - 1))) >> k, arithmetic shift
      half_away    : the same product, ties away from zero
  (m, e) from M as TFLite's QuantizeMultiplier; k = 31 - e.

`s` is always f32(scale). All float arithmetic is done in float32 NumPy
operations, which are correctly rounded (round half to even) on x86, or in
float64 where the float64 result is provably exact.
"""

import math

import numpy as np

F32 = np.float32

# name -> (qmin, qmax, numpy dtype of the values, numpy dtype of the storage
# as the generated code sees it (signless: u8 lives in i8 memory))
STORAGE = {
    "u8": (0, 255, np.uint8, np.int8),
    "i8": (-128, 127, np.int8, np.int8),
    "i16": (-32768, 32767, np.int16, np.int16),
    "u16": (0, 65535, np.uint16, np.int16),
    "i32": (-(2 ** 31), 2 ** 31 - 1, np.int32, np.int32),
}


def parse_storage(storage):
    """"i8" or a narrow range "i8<-127:127>" -> (base, qmin, qmax)."""
    if "<" in storage:
        base, rng = storage.rstrip(">").split("<")
        lo, hi = rng.split(":")
        qmin, qmax = int(lo), int(hi)
        smin, smax, _, _ = STORAGE[base]
        assert smin <= qmin < qmax <= smax, storage
        return base, qmin, qmax
    qmin, qmax, _, _ = STORAGE[storage]
    return storage, qmin, qmax


def storage_range(storage):
    _, qmin, qmax = parse_storage(storage)
    return qmin, qmax


def f32_scale(scale):
    """s = f32(scale): the double from the type, rounded to float32 (RNE)."""
    return F32(scale)


# ----------------------------------------------------------------------------
# quantize
# ----------------------------------------------------------------------------

# How v = f32(z + t) adds the zero point. The contract adds it "in float32,
# as PyTorch does", and PyTorch's quantize_val computes zero_point + Round(..)
# with an int64 and a float, i.e. f32(f32(z) + t): z is rounded to float32
# first ("f32", the project's reading, see docs/Semantics.md). The literal
# exact sum rounded once ("exact") differs only where z is not a float32
# (|z| > 2^24, 32-bit storage); --zero-point-add exact selects it.
ZERO_POINT_ADD = "f32"


def quantize_t(x, scale, flavour="pytorch"):
    """t = rne(f32(x * f32(1/s))) or rne(f32(x / s)), as float32 array."""
    x = np.asarray(x, dtype=F32)
    s = f32_scale(scale)
    with np.errstate(all="ignore"):
        if flavour == "pytorch":
            inv = F32(F32(1.0) / s)          # float32 division
            y = np.multiply(x, inv, dtype=F32)  # float32 multiply
        elif flavour == "onnx":
            y = np.divide(x, s, dtype=F32)      # float32 division
        else:
            raise ValueError(flavour)
        t = np.rint(y)                        # round half to even, float32
    assert t.dtype == F32
    return t


def quantize(x, scale, zero_point, storage, flavour="pytorch", qmin=None,
             qmax=None):
    """Quantize float32 values; returns int64 array of quantized values."""
    smin, smax = storage_range(storage)
    qmin = smin if qmin is None else qmin
    qmax = smax if qmax is None else qmax
    t = quantize_t(x, scale, flavour)
    nan = np.isnan(t)
    with np.errstate(all="ignore"):
        v = quantize_v_from_t(t, zero_point)
        vc = np.clip(v.astype(np.float64), qmin, qmax)  # saturate (inf too)
        vc = np.where(nan, 0.0, vc)
    q = vc.astype(np.int64)
    # NaN -> z (pytorch), qmin (onnx)
    q = np.where(nan, np.int64(zero_point if flavour == "pytorch" else qmin), q)
    return q


def quantize_v_from_t(t, zero_point):
    """v = f32(z + t) as float32."""
    with np.errstate(all="ignore"):
        if ZERO_POINT_ADD == "f32":
            return np.add(F32(zero_point), t, dtype=F32)
        # z + t is computed exactly in float64 whenever |t| < 2^52 (t is an
        # integer-valued float, |z| < 2^32), then rounded once to float32.
        # For |t| >= 2^52 the float64 sum may be inexact, but then |v| is far
        # beyond any qmax and the clamp gives the same result.
        return (np.float64(zero_point) + t.astype(np.float64)).astype(F32)


# ----------------------------------------------------------------------------
# dequantize
# ----------------------------------------------------------------------------

def dequantize(q, scale, zero_point):
    """x = f32(f32(q - z) * s); q - z exact in 64 bits."""
    d = np.asarray(q, dtype=np.int64) - np.int64(zero_point)
    df = d.astype(F32)                       # int64 -> f32, RNE
    s = f32_scale(scale)
    with np.errstate(all="ignore"):
        return np.multiply(df, s, dtype=F32)


# ----------------------------------------------------------------------------
# QuantizeMultiplier and the integer requantize modes
# ----------------------------------------------------------------------------

TWO31 = 1 << 31
INT32_MIN = -(1 << 31)
INT32_MAX = (1 << 31) - 1


def requant_multiplier(scale_in, scale_out):
    """M = s_in / s_out with s = f32(scale), divided in double."""
    return float(np.float64(f32_scale(scale_in)) /
                 np.float64(f32_scale(scale_out)))


def _round_half_away(v):
    """std::round on a double (halves away from zero), exact for |v| < 2^52."""
    if v >= 0:
        return int(math.floor(v + 0.5))
    return -int(math.floor(-v + 0.5))


def quantize_multiplier(M):
    """TFLite QuantizeMultiplier as docs/Semantics.md states it.

    frexp(M) = q * 2^e, m = round(q * 2^31) (halves away from zero); if
    m == 2^31 then m = 2^30, e = e + 1. Returns (m, e); k = 31 - e.
    M == 0 and M < 2^-31 give (0, 0), i.e. r = 0 ("M below 2^-31 gives
    r = 0").
    """
    if M < 0 or not math.isfinite(M):
        raise ValueError("multiplier must be finite and >= 0: %r" % M)
    if M == 0.0 or M < 2.0 ** -31:
        return 0, 0
    q, e = math.frexp(M)
    m = _round_half_away(q * 2.0 ** 31)  # q * 2^31 is exact
    assert m <= TWO31
    if m == TWO31:
        m //= 2
        e += 1
    assert 0 < m <= INT32_MAX
    return m, e


def srdhm(a, b):
    """gemmlowp SaturatingRoundingDoublingHighMul on int32 values (int64 arrays)."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    assert np.all((a >= INT32_MIN) & (a <= INT32_MAX))
    assert np.all((b >= INT32_MIN) & (b <= INT32_MAX))
    overflow = (a == b) & (a == INT32_MIN)
    ab = a * b                                  # |ab| <= 2^62: exact
    nudge = np.where(ab >= 0, np.int64(1 << 30), np.int64(1 - (1 << 30)))
    s = ab + nudge
    # C++ integer division truncates toward zero
    hi = np.where(s >= 0, s // TWO31, -((-s) // TWO31))
    return np.where(overflow, np.int64(INT32_MAX), hi)


def rounding_divide_by_pot(x, exponent):
    """gemmlowp RoundingDivideByPOT on int32 values (int64 arrays)."""
    assert 0 <= exponent <= 31
    x = np.asarray(x, dtype=np.int64)
    assert np.all((x >= INT32_MIN) & (x <= INT32_MAX))
    mask = np.int64((1 << exponent) - 1)
    remainder = x & mask                         # two's complement, as int32
    threshold = (mask >> 1) + np.where(x < 0, np.int64(1), np.int64(0))
    return (x >> exponent) + np.where(remainder > threshold, np.int64(1),
                                      np.int64(0))


def multiply_double_round(a, m, e):
    """RoundingDivideByPOT(SRDHM(a << left, m), right)."""
    a = np.asarray(a, dtype=np.int64)
    if m == 0:
        return np.zeros_like(a)
    left = e if e > 0 else 0
    right = -e if e < 0 else 0
    x = a << left
    if np.any((x < INT32_MIN) | (x > INT32_MAX)):
        raise ValueError("a << left overflows int32: contract does not "
                         "define this; choose another test config")
    if right > 31:
        # cannot happen after quantize_multiplier's M < 2^-31 rule, except
        # e == -31 exactly handled below
        raise ValueError("right shift %d > 31" % right)
    return rounding_divide_by_pot(srdhm(x, m), right)


def _check_single_product(a, m, k):
    amax = int(np.max(np.abs(a))) if a.size else 0
    if amax * m + (1 << (k - 1)) >= (1 << 63):
        raise ValueError("a * m overflows 64 bits")


def multiply_half_up(a, m, e):
    """(a * m + (1 << (k - 1))) >> k in 64 bits, k = 31 - e."""
    a = np.asarray(a, dtype=np.int64)
    if m == 0:
        return np.zeros_like(a)
    k = 31 - e
    if k < 1 or k > 63:
        raise ValueError("k = %d out of the range this reference handles" % k)
    _check_single_product(a, m, k)
    return (a * np.int64(m) + np.int64(1 << (k - 1))) >> np.int64(k)


def multiply_half_away(a, m, e):
    """round(a * m / 2^k), ties away from zero."""
    a = np.asarray(a, dtype=np.int64)
    if m == 0:
        return np.zeros_like(a)
    k = 31 - e
    if k < 1 or k > 63:
        raise ValueError("k = %d out of the range this reference handles" % k)
    _check_single_product(a, m, k)
    p = a * np.int64(m)
    half = np.int64(1 << (k - 1))
    pos = (p + half) >> np.int64(k)
    neg = -((-p + half) >> np.int64(k))
    return np.where(p >= 0, pos, neg)


MODES = ("float", "double_round", "half_up", "half_away")


def requantize(q, s_in, z_in, storage_in, s_out, z_out, storage_out,
               mode="float"):
    """Requantize; returns int64 array of output quantized values."""
    q = np.asarray(q, dtype=np.int64)
    if mode == "float":
        return quantize(dequantize(q, s_in, z_in), s_out, z_out, storage_out,
                        "pytorch")
    a = q - np.int64(z_in)
    m, e = quantize_multiplier(requant_multiplier(s_in, s_out))
    if mode == "double_round":
        r = multiply_double_round(a, m, e)
    elif mode == "half_up":
        r = multiply_half_up(a, m, e)
    elif mode == "half_away":
        r = multiply_half_away(a, m, e)
    else:
        raise ValueError(mode)
    qmin, qmax = storage_range(storage_out)
    return np.clip(np.int64(z_out) + r, qmin, qmax)


def product_output_stage(acc, sa, sws, so, zo, lo, hi, mode):
    """The contract's output stage of a product accumulator `acc` (rows x
    output channels), with the weight scale of each channel in `sws`."""
    acc = np.clip(acc, INT32_MIN, INT32_MAX).astype(np.int64)
    res = np.zeros(acc.shape, dtype=np.int64)
    for j, sw in enumerate(sws):
        a = acc[:, j]
        if mode == "float":
            m32 = F32(F32(F32(sa) * F32(sw)) / F32(so))
            with np.errstate(all="ignore"):
                p = (a.astype(F32) * m32).astype(F32)
            r = np.rint(p).astype(np.float64)
        else:
            M = float(F32(sa)) * float(F32(sw)) / float(F32(so))
            m, e = quantize_multiplier(M)
            fn = {"double_round": multiply_double_round,
                  "half_up": multiply_half_up,
                  "half_away": multiply_half_away}[mode]
            r = fn(a, m, e).astype(np.float64)
        res[:, j] = np.clip(zo + r, lo, hi)
    return res


def sum_multipliers(ma, mb):
    """qnn.add's fixed-point multipliers: one shift k (from QuantizeMultiplier
    of the larger multiplier) and both multipliers rounded at it, halves
    away from zero. Returns (m_a, m_b, k); all zero below 2^-31."""
    m, e = quantize_multiplier(max(ma, mb))
    if m == 0:
        return 0, 0, 1
    k = 31 - e
    return (_round_half_away(math.ldexp(ma, k)),
            _round_half_away(math.ldexp(mb, k)), k)


def rounding_shift(acc, k, mode):
    """acc / 2^k rounded once by an integer mode (Python ints)."""
    half = 1 << (k - 1)
    if mode == "half_up":
        return (acc + half) >> k
    if mode == "half_away":
        return (acc + half) >> k if acc >= 0 else -((half - acc) >> k)
    first = min(k, 31)
    h = 1 << (first - 1)
    s = acc + (h if acc >= 0 else 1 - h)
    high = s // (1 << first) if s >= 0 else -((-s) // (1 << first))
    rest = k - first
    if rest == 0:
        return high
    mask = (1 << rest) - 1
    threshold = (mask >> 1) + (1 if high < 0 else 0)
    return (high >> rest) + (1 if (high & mask) > threshold else 0)


def add(a, sa, za, b, sb, zb, so, zo, storage_out, mode):
    """qnn.add on broadcast int64 arrays a, b (docs/Semantics.md, 9e)."""
    a, b = np.broadcast_arrays(np.asarray(a, np.int64), np.asarray(b, np.int64))
    if mode == "float":
        with np.errstate(all="ignore"):
            s = np.add(dequantize(a, sa, za), dequantize(b, sb, zb), dtype=F32)
        return quantize(s, so, zo, storage_out)
    ma, mb, k = sum_multipliers(float(F32(sa)) / float(F32(so)),
                                float(F32(sb)) / float(F32(so)))
    qmin, qmax = storage_range(storage_out)
    out = [min(max(zo + rounding_shift(ma * (int(x) - za) + mb * (int(y) - zb),
                                       k, mode), qmin), qmax)
           for x, y in zip(a.reshape(-1), b.reshape(-1))]
    return np.array(out, dtype=np.int64).reshape(a.shape)


def mul(a, sa, za, b, sb, zb, so, zo, storage_out, mode):
    """qnn.mul on broadcast int64 arrays: the product's output stage."""
    a, b = np.broadcast_arrays(np.asarray(a, np.int64), np.asarray(b, np.int64))
    acc = ((a - za) * (b - zb)).reshape(-1, 1)
    lo, hi = storage_range(storage_out)
    return product_output_stage(acc, sa, [sb], so, zo, lo, hi,
                                mode).reshape(a.shape)
