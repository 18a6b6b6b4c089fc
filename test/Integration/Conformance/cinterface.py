"""Calling generated code from Python: memref descriptors of any rank, the
build of an MLIR module into a shared object, and the arguments the
conformance scripts share (matmul.py, simple_ops.py)."""
import argparse
import ctypes
import os
import subprocess

import numpy as np

_DESCRIPTORS = {}


def descriptor_type(rank):
    """The C struct of a ranked memref descriptor:
    {allocated, aligned, offset, sizes[rank], strides[rank]}."""
    if rank not in _DESCRIPTORS:
        _DESCRIPTORS[rank] = type(
            "MemRef%dD" % rank, (ctypes.Structure,),
            {"_fields_": [("allocated", ctypes.c_void_p),
                          ("aligned", ctypes.c_void_p),
                          ("offset", ctypes.c_int64),
                          ("sizes", ctypes.c_int64 * rank),
                          ("strides", ctypes.c_int64 * rank)]})
    return _DESCRIPTORS[rank]


def descriptor(arr):
    """A descriptor viewing the contiguous array `arr` (keep `arr` alive)."""
    d = descriptor_type(arr.ndim)()
    d.allocated = d.aligned = arr.ctypes.data
    d.offset = 0
    for i, n in enumerate(arr.shape):
        d.sizes[i] = n
        d.strides[i] = arr.strides[i] // arr.itemsize
    return d


def call(lib, name, result_shape, result_dtype, *arrays):
    """Calls _mlir_ciface_<name>(result*, args*...) and returns a copy of the
    result, freeing the buffer the generated code allocated."""
    arrays = [np.ascontiguousarray(a) for a in arrays]
    descriptors = [descriptor(a) for a in arrays]
    result = descriptor_type(len(result_shape))()
    getattr(lib, "_mlir_ciface_" + name)(
        ctypes.byref(result), *[ctypes.byref(d) for d in descriptors])
    count = int(np.prod(result_shape))
    ctype = np.ctypeslib.as_ctypes_type(np.dtype(result_dtype))
    buf = (ctype * count).from_address(result.aligned)
    out = np.frombuffer(buf, dtype=result_dtype).reshape(result_shape).copy()
    ctypes.CDLL(None).free(ctypes.c_void_p(result.allocated))
    return out


def build(args, text, stem):
    """Lowers `text` with quant-opt --qnn-to-llvm, compiles it to a shared
    object in args.workdir and loads it."""
    os.makedirs(args.workdir, exist_ok=True)
    src = os.path.join(args.workdir, stem + ".mlir")
    with open(src, "w") as f:
        f.write(text)
    return build_file(args, src, os.path.join(args.workdir, stem))


def build_file(args, src, out):
    """Lowers the file `src` (whose name the generated messages give as
    their location), compiles it to `out`.so and loads it."""
    low = out + ".llvm.mlir"
    ll = out + ".ll"
    so = out + ".so"
    options = [getattr(args, "pipeline_options", "")]
    if getattr(args, "sanitize_address", False):
        # clang -fsanitize=address instruments only the functions of LLVM
        # IR input that carry the sanitize_address attribute.
        options.append("sanitize-address=1")
    options = " ".join(o for o in options if o)
    pipeline = "--qnn-to-llvm" + ("=" + options if options else "")
    subprocess.check_call([args.quant_opt, src, pipeline, "-o", low])
    subprocess.check_call([args.mlir_translate, "--mlir-to-llvmir", low,
                           "-o", ll])
    link = []
    if "parallel" in getattr(args, "pipeline_options", ""):
        # OpenMP runtime calls: Debian's libomp next to clang's libraries.
        libdir = os.path.join(os.path.dirname(args.clang), "..", "lib")
        link = ["-fopenmp=libomp", "-L" + libdir, "-Wl,-rpath," + libdir]
    if getattr(args, "sanitize_address", False):
        # Instrumented for AddressSanitizer, against clang's shared runtime,
        # which the calling Python process must preload (LD_PRELOAD).
        link += ["-fsanitize=address", "-shared-libasan"]
    subprocess.check_call([args.clang, "-O2", "-shared", "-fPIC", "-x", "ir",
                           ll, "-o", so, "-Wno-override-module"] + link)
    return ctypes.CDLL(so)


def argument_parser(default_seed):
    """The tools and the work directory every conformance script takes."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--quant-opt", required=True)
    ap.add_argument("--mlir-translate", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--seed", type=int, default=default_seed)
    ap.add_argument("--pipeline-options", default="",
                    help="options of qnn-to-llvm, e.g. vector-width=256")
    ap.add_argument("--sanitize-address", action="store_true",
                    help="compile the generated code with AddressSanitizer "
                         "(preload clang's libclang_rt.asan runtime)")
    return ap


def fmt(value):
    """A float as MLIR text that reads back as the same double."""
    return repr(float(value))


def count_mismatches(label, got, want, accumulator=None):
    """Compares two arrays of the same shape: prints a MISMATCH line (with
    the accumulator there, when given) for each of the first five positions
    where they differ, and returns how many differ."""
    bad = np.argwhere(got != want)
    for idx in bad[:5]:
        at = tuple(idx)
        acc = "" if accumulator is None else " acc %d" % accumulator[at]
        print("MISMATCH %s at %s:%s expected %d got %d"
              % (label, list(at), acc, want[at], got[at]))
    return len(bad)


def exact_torch_engines(torch):
    """PyTorch's quantized engines whose products are exact on this host.

    qnnpack widens to 16 bits and is exact everywhere. onednn's int8
    kernels are exact with a u8 x s8 dot product (VNNI, AMX); on AVX2
    without one they use vpmaddubsw, whose 16-bit pair sums saturate, so
    that engine is no oracle there.
    """
    flags = set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    flags.update(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    exact = ["qnnpack"]
    if flags & {"avx512_vnni", "avx_vnni", "amx_int8"}:
        exact.append("onednn")
    return [e for e in exact if e in torch.backends.quantized.supported_engines]
