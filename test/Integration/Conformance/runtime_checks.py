"""Calls with mismatched dynamic sizes, in each runtime-checks mode of
qnn-to-llvm.

Every case is a function with dynamic sizes, a call whose sizes agree and
one whose sizes disagree in the way its op's verifier would reject if they
were static. For each case:
  status: the good call returns code 0 and a result (the same as in abort
          mode, whose numbers the other conformance tests check); the bad
          call returns QNN_STATUS_SIZE_MISMATCH, a message naming the op,
          its file:line:col, the dimension and both sizes, and null result
          descriptors, without writing the outputs;
  abort:  the bad call (in a child process) dies of SIGABRT after writing
          the same message to stderr.
With --sanitize-address the generated code is compiled with
AddressSanitizer, and every call above must run without a report; the
`off` mode is then run once as the negative control: its bad add reads past
an operand, which ASan must report.
Prints one line per case and mode, then "runtime checks: N failures".
"""
import ctypes
import os
import re
import signal
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cinterface  # noqa: E402

U8 = "!quant.uniform<u8:f32, 0.5:10>"
I8 = "!quant.uniform<i8:f32, 0.25:0>"
PER_AXIS = "!quant.uniform<i8:f32:1, {0.5:0, 0.25:0}>"
BIAS = "!quant.uniform<i32:f32, 0.0625:0>"

# name -> (function text, good arguments, bad arguments, message pattern).
# Arguments are (shape, dtype); the pattern must match the bad call's
# message, location excluded.
CASES = {}


def case(name, body, good, bad, pattern):
    CASES[name] = (body, good, bad, pattern)


case("add", """
func.func @add(%a: tensor<?xi8>, %b: tensor<?xi8>) -> tensor<?xi8>
    attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!I8>
  %s = qnn.add %qa, %qb : tensor<?x!I8>, tensor<?x!I8> -> tensor<?x!I8>
  %r = qnn.storage_cast %s : tensor<?x!I8> -> tensor<?xi8>
  return %r : tensor<?xi8>
}""", [((5,), "int8"), ((5,), "int8")], [((5,), "int8"), ((3,), "int8")],
     r"qnn\.add: result dimension 0: rhs has size 3 but lhs has size 5")

case("mul", """
func.func @mul(%a: tensor<?x4xi8>, %b: tensor<?x4xi8>) -> tensor<?x4xi8>
    attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?x4xi8> -> tensor<?x4x!I8>
  %qb = qnn.storage_cast %b : tensor<?x4xi8> -> tensor<?x4x!I8>
  %s = qnn.mul %qa, %qb : tensor<?x4x!I8>, tensor<?x4x!I8> -> tensor<?x4x!I8>
  %r = qnn.storage_cast %s : tensor<?x4x!I8> -> tensor<?x4xi8>
  return %r : tensor<?x4xi8>
}""", [((2, 4), "int8"), ((2, 4), "int8")], [((2, 4), "int8"), ((3, 4), "int8")],
     r"qnn\.mul: result dimension 0: rhs has size 3 but lhs has size 2")

case("concat", """
func.func @concat(%a: tensor<?x2xi8>, %b: tensor<?x3xi8>) -> tensor<?x5xi8>
    attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?x2xi8> -> tensor<?x2x!I8>
  %qb = qnn.storage_cast %b : tensor<?x3xi8> -> tensor<?x3x!I8>
  %c = qnn.concat dim(1) %qa, %qb : tensor<?x2x!I8>, tensor<?x3x!I8> -> tensor<?x5x!I8>
  %r = qnn.storage_cast %c : tensor<?x5x!I8> -> tensor<?x5xi8>
  return %r : tensor<?x5xi8>
}""", [((2, 2), "int8"), ((2, 3), "int8")], [((2, 2), "int8"), ((3, 3), "int8")],
     r"qnn\.concat: dimension 0: input #1 has size 3 but input #0 has size 2")

case("batch_matmul", """
func.func @batch_matmul(%a: tensor<?x2x4xi8>, %w: tensor<?x4x3xi8>)
    -> tensor<?x2x3xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?x2x4xi8> -> tensor<?x2x4x!I8>
  %qw = qnn.storage_cast %w : tensor<?x4x3xi8> -> tensor<?x4x3x!I8>
  %y = qnn.matmul %qa, %qw : tensor<?x2x4x!I8>, tensor<?x4x3x!I8> -> tensor<?x2x3x!I8>
  %r = qnn.storage_cast %y : tensor<?x2x3x!I8> -> tensor<?x2x3xi8>
  return %r : tensor<?x2x3xi8>
}""", [((2, 2, 4), "int8"), ((2, 4, 3), "int8")],
     [((2, 2, 4), "int8"), ((3, 4, 3), "int8")],
     r"qnn\.matmul: batch: rhs has size 3 but lhs has size 2")

case("matmul_static_rows", """
func.func @matmul_static_rows(%a: tensor<?x4xi8>, %w: tensor<4x3xi8>)
    -> tensor<4x3xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?x4xi8> -> tensor<?x4x!I8>
  %qw = qnn.storage_cast %w : tensor<4x3xi8> -> tensor<4x3x!I8>
  %y = qnn.matmul %qa, %qw : tensor<?x4x!I8>, tensor<4x3x!I8> -> tensor<4x3x!I8>
  %r = qnn.storage_cast %y : tensor<4x3x!I8> -> tensor<4x3xi8>
  return %r : tensor<4x3xi8>
}""", [((4, 4), "int8"), ((4, 3), "int8")], [((2, 4), "int8"), ((4, 3), "int8")],
     r"qnn\.matmul: M: lhs has 2 rows but the result has 4")

case("matmul_k", """
func.func @matmul_k(%a: tensor<2x4xi8>, %w: tensor<?x3xi8>)
    -> tensor<2x3xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<2x4xi8> -> tensor<2x4x!I8>
  %qw = qnn.storage_cast %w : tensor<?x3xi8> -> tensor<?x3x!I8>
  %y = qnn.matmul %qa, %qw : tensor<2x4x!I8>, tensor<?x3x!I8> -> tensor<2x3x!I8>
  %r = qnn.storage_cast %y : tensor<2x3x!I8> -> tensor<2x3xi8>
  return %r : tensor<2x3xi8>
}""", [((2, 4), "int8"), ((4, 3), "int8")], [((2, 4), "int8"), ((5, 3), "int8")],
     r"qnn\.matmul: K: rhs has 5 rows but lhs has 4 columns")

case("matmul_bias", """
func.func @matmul_bias(%a: tensor<2x4xi8>, %w: tensor<4x?xi8>, %b: tensor<?xi32>)
    -> tensor<2x?xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<2x4xi8> -> tensor<2x4x!I8>
  %qw = qnn.storage_cast %w : tensor<4x?xi8> -> tensor<4x?x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi32> -> tensor<?x!BIAS>
  %y = qnn.matmul %qa, %qw, %qb : tensor<2x4x!I8>, tensor<4x?x!I8>, tensor<?x!BIAS> -> tensor<2x?x!I8>
  %r = qnn.storage_cast %y : tensor<2x?x!I8> -> tensor<2x?xi8>
  return %r : tensor<2x?xi8>
}""", [((2, 4), "int8"), ((4, 2), "int8"), ((2,), "int32")],
     [((2, 4), "int8"), ((4, 2), "int8"), ((5,), "int32")],
     r"qnn\.matmul: the bias has 5 elements but there are 2 output channels")

case("matmul_per_axis", """
func.func @matmul_per_axis(%a: tensor<2x4xi8>, %w: tensor<4x?xi8>)
    -> tensor<2x?xi8> attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<2x4xi8> -> tensor<2x4x!I8>
  %qw = qnn.storage_cast %w : tensor<4x?xi8> -> tensor<4x?x!PER_AXIS>
  %y = qnn.matmul %qa, %qw : tensor<2x4x!I8>, tensor<4x?x!PER_AXIS> -> tensor<2x?x!I8>
  %r = qnn.storage_cast %y : tensor<2x?x!I8> -> tensor<2x?xi8>
  return %r : tensor<2x?xi8>
}""", [((2, 4), "int8"), ((4, 2), "int8")], [((2, 4), "int8"), ((4, 3), "int8")],
     r"qnn\.matmul: N: rhs has 3 columns but its type has 2 scales")

case("dequantize_per_axis", """
func.func @dequantize_per_axis(%x: tensor<3x?xi8>) -> tensor<3x?xf32>
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %x : tensor<3x?xi8> -> tensor<3x?x!PER_AXIS>
  %f = qnn.dequantize %q : tensor<3x?x!PER_AXIS> -> tensor<3x?xf32>
  return %f : tensor<3x?xf32>
}""", [((3, 2), "int8")], [((3, 5), "int8")],
     r"qnn\.dequantize: quantized axis 1 has size 5 but the type has 2 scales")

case("max_pool", """
func.func @max_pool(%x: tensor<1x?x?x2xi8>) -> tensor<1x2x2x2xi8>
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %x : tensor<1x?x?x2xi8> -> tensor<1x?x?x2x!I8>
  %p = qnn.max_pool2d %q kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x?x?x2x!I8> -> tensor<1x2x2x2x!I8>
  %r = qnn.storage_cast %p : tensor<1x2x2x2x!I8> -> tensor<1x2x2x2xi8>
  return %r : tensor<1x2x2x2xi8>
}""", [((1, 4, 4, 2), "int8")], [((1, 2, 4, 2), "int8")],
     r"qnn\.max_pool2d: dimension 1: the input gives a result of size 1 but "
     r"the result type has size 2")

case("avg_pool_window", """
func.func @avg_pool_window(%x: tensor<1x?x?x2xi8>) -> tensor<1x?x?x2xi8>
    attributes {llvm.emit_c_interface} {
  %q = qnn.storage_cast %x : tensor<1x?x?x2xi8> -> tensor<1x?x?x2x!I8>
  %p = qnn.avg_pool2d %q kernel [3, 3] strides [1, 1] padding [0, 0, 0, 0] : tensor<1x?x?x2x!I8> -> tensor<1x?x?x2x!I8>
  %r = qnn.storage_cast %p : tensor<1x?x?x2x!I8> -> tensor<1x?x?x2xi8>
  return %r : tensor<1x?x?x2xi8>
}""", [((1, 4, 4, 2), "int8")], [((1, 4, 2, 2), "int8")],
     r"qnn\.avg_pool2d: dimension 2: the padded input has size 2, smaller "
     r"than the window's span 3")

case("conv", """
func.func @conv(%x: tensor<?x?x?x2xi8>, %w: tensor<3x3x2x4xi8>)
    -> tensor<1x2x2x4xi8> attributes {llvm.emit_c_interface} {
  %qx = qnn.storage_cast %x : tensor<?x?x?x2xi8> -> tensor<?x?x?x2x!I8>
  %qw = qnn.storage_cast %w : tensor<3x3x2x4xi8> -> tensor<3x3x2x4x!I8>
  %y = qnn.conv2d %qx, %qw strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<?x?x?x2x!I8>, tensor<3x3x2x4x!I8> -> tensor<1x2x2x4x!I8>
  %r = qnn.storage_cast %y : tensor<1x2x2x4x!I8> -> tensor<1x2x2x4xi8>
  return %r : tensor<1x2x2x4xi8>
}""", [((1, 4, 4, 2), "int8"), ((3, 3, 2, 4), "int8")],
     [((2, 4, 4, 2), "int8"), ((3, 3, 2, 4), "int8")],
     r"qnn\.conv2d: dimension 0: the input has size 2 but the result type "
     r"has size 1")

case("conv_bias", """
func.func @conv_bias(%x: tensor<1x3x3x2xi8>, %w: tensor<3x3x2x4xi8>, %b: tensor<?xi32>)
    -> tensor<1x1x1x4xi8> attributes {llvm.emit_c_interface} {
  %qx = qnn.storage_cast %x : tensor<1x3x3x2xi8> -> tensor<1x3x3x2x!I8>
  %qw = qnn.storage_cast %w : tensor<3x3x2x4xi8> -> tensor<3x3x2x4x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi32> -> tensor<?x!BIAS>
  %y = qnn.conv2d %qx, %qw, %qb strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x3x3x2x!I8>, tensor<3x3x2x4x!I8>, tensor<?x!BIAS> -> tensor<1x1x1x4x!I8>
  %r = qnn.storage_cast %y : tensor<1x1x1x4x!I8> -> tensor<1x1x1x4xi8>
  return %r : tensor<1x1x1x4xi8>
}""", [((1, 3, 3, 2), "int8"), ((3, 3, 2, 4), "int8"), ((4,), "int32")],
     [((1, 3, 3, 2), "int8"), ((3, 3, 2, 4), "int8"), ((3,), "int32")],
     r"qnn\.conv2d: the bias has 3 elements but there are 4 output channels")

case("cast", """
func.func @cast(%x: tensor<?xi8>) -> tensor<4xf32>
    attributes {llvm.emit_c_interface} {
  %s = tensor.cast %x : tensor<?xi8> to tensor<4xi8>
  %q = qnn.storage_cast %s : tensor<4xi8> -> tensor<4x!I8>
  %f = qnn.dequantize %q : tensor<4x!I8> -> tensor<4xf32>
  return %f : tensor<4xf32>
}""", [((4,), "int8")], [((3,), "int8")],
     r"tensor\.cast: dimension 0 has size 3 but the static type has 4")


# Into the caller's buffer: a failed call leaves it as it was (the bad
# call's untouched check covers it).
case("add_into", """
func.func @add_into(%a: tensor<?xi8>, %b: tensor<?xi8>, %out: memref<?xi8>)
    attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!I8>
  %s = qnn.add %qa, %qb : tensor<?x!I8>, tensor<?x!I8> -> tensor<?x!I8>
  %r = qnn.storage_cast %s : tensor<?x!I8> -> tensor<?xi8>
  bufferization.materialize_in_destination %r in restrict writable %out
      : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}""", [((6,), "int8"), ((6,), "int8"), ((6,), "int8")],
     [((6,), "int8"), ((4,), "int8"), ((6,), "int8")],
     r"qnn\.add: result dimension 0: rhs has size 4 but lhs has size 6")

# A caller's buffer shorter than the value written into it.
case("add_into_short", """
func.func @add_into_short(%a: tensor<?xi8>, %b: tensor<?xi8>, %out: memref<?xi8>)
    attributes {llvm.emit_c_interface} {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!I8>
  %s = qnn.add %qa, %qb : tensor<?x!I8>, tensor<?x!I8> -> tensor<?x!I8>
  %r = qnn.storage_cast %s : tensor<?x!I8> -> tensor<?xi8>
  bufferization.materialize_in_destination %r in restrict writable %out
      : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}""", [((6,), "int8"), ((6,), "int8"), ((6,), "int8")],
     [((6,), "int8"), ((6,), "int8"), ((4,), "int8")],
     r"bufferization\.materialize_in_destination: dimension 0: the "
     r"destination has size 4 but the value has size 6")

# A check in a private function: the public caller passes its status on
# and returns as soon as the call failed.
case("call", """
func.func private @inner(%a: tensor<?xi8>, %b: tensor<?xi8>) -> tensor<?xi8> {
  %qa = qnn.storage_cast %a : tensor<?xi8> -> tensor<?x!I8>
  %qb = qnn.storage_cast %b : tensor<?xi8> -> tensor<?x!I8>
  %s = qnn.add %qa, %qb : tensor<?x!I8>, tensor<?x!I8> -> tensor<?x!I8>
  %r = qnn.storage_cast %s : tensor<?x!I8> -> tensor<?xi8>
  return %r : tensor<?xi8>
}
func.func @call(%a: tensor<?xi8>, %b: tensor<?xi8>) -> tensor<?xi8>
    attributes {llvm.emit_c_interface} {
  %r = call @inner(%a, %b) : (tensor<?xi8>, tensor<?xi8>) -> tensor<?xi8>
  return %r : tensor<?xi8>
}""", [((4,), "int8"), ((4,), "int8")], [((4,), "int8"), ((6,), "int8")],
     r"qnn\.add: result dimension 0: rhs has size 6 but lhs has size 4")


def module_text():
    text = "\n".join(body for body, _, _, _ in CASES.values())
    aliases = "!I8 = %s\n!PER_AXIS = %s\n!BIAS = %s\n" % (I8, PER_AXIS, BIAS)
    return aliases + text + "\n"


class Status(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int32), ("message", ctypes.c_char * 508)]


def make_arrays(specs, rng):
    return [rng.integers(-20, 20, size=shape).astype(dtype)
            for shape, dtype in specs]


def call(lib, name, arrays, status):
    """Calls _mlir_ciface_<name>(result*, args*..., [status*]) and returns
    the result descriptor (the caller frees a non-null buffer)."""
    descriptors = [cinterface.descriptor(a) for a in arrays]
    func = getattr(lib, "_mlir_ciface_" + name)
    args = [ctypes.byref(d) for d in descriptors]
    result = None
    if not writes_destination(name):
        rank = len(re.findall(r"-> tensor<([^>]*)>",
                              CASES[name][0])[-1].split("x")) - 1
        result = cinterface.descriptor_type(rank)()
        # Filled with a pattern, so that a function that returns without
        # writing its result descriptor is seen.
        ctypes.memset(ctypes.byref(result), 0x5A, ctypes.sizeof(result))
        args = [ctypes.byref(result)] + args
    if status is not None:
        args.append(ctypes.byref(status))
    func(*args)
    return result


def free(result):
    ctypes.CDLL(None).free(ctypes.c_void_p(result.allocated))


def writes_destination(name):
    """Whether `name` writes into its last argument instead of returning a
    result."""
    return "memref<" in CASES[name][0].split("{")[0]


def take(name, result, arrays=None):
    """A copy of the result buffer of `name` (i8 or f32 elements), freed;
    for a function that writes into its last argument, a copy of that."""
    if result is None:
        return arrays[-1].copy()
    dtype = np.float32 if "xf32>" in CASES[name][0].split("->")[-1] \
        else np.int8
    shape = tuple(result.sizes)
    count = int(np.prod(shape))
    ctype = np.ctypeslib.as_ctypes_type(np.dtype(dtype))
    buf = (ctype * count).from_address(result.aligned)
    out = np.frombuffer(buf, dtype=dtype).reshape(shape).copy()
    free(result)
    return out


def check_status_mode(lib, inputs, outputs, source):
    """The status-mode calls; records the good calls' results in
    `outputs`."""
    failures = 0
    for name, (_, good, bad, pattern) in CASES.items():
        status = Status()
        status.code = 77
        good_arrays, bad_arrays = inputs[name]
        result = call(lib, name, good_arrays, status)
        returned = result is None or result.allocated is not None
        ok = status.code == 0 and status.message == b"" and returned
        if returned:
            outputs[name] = take(name, result, good_arrays)
        copies = [a.copy() for a in bad_arrays]
        result = call(lib, name, bad_arrays, status)
        message = status.message.decode()
        located = re.match(re.escape(source) + r":\d+:\d+: ", message)
        null = result is None or (result.allocated is None and
                                  result.aligned is None and
                                  result.offset == 0)
        untouched = all(np.array_equal(a, c)
                        for a, c in zip(bad_arrays, copies))
        matched = re.search(pattern, message) is not None
        this = ok and status.code == 1 and located and matched and null and \
            untouched
        print("%s %s status: good code 0, bad code %d: %s"
              % ("PASS" if this else "FAIL", name, status.code, message))
        if not this:
            print("  good ok %s, located %s, matched %s, null %s, untouched %s"
                  % (ok, bool(located), matched, null, untouched))
            failures += 1
    return failures


def child_call(so, name, seed):
    """In a child process: the bad call of `name` in abort mode."""
    lib = ctypes.CDLL(so)
    rng = np.random.default_rng(seed)
    _, _, bad, _ = CASES[name]
    call(lib, name, make_arrays(bad, rng), None)
    print("RETURNED")  # Not reached: the call aborts.


def check_abort_mode(lib, so, args, inputs, outputs, source):
    """The good calls in this process, whose results must be those of the
    status mode; the bad ones in child processes."""
    failures = 0
    env = dict(os.environ)
    for name, (_, _, _, pattern) in CASES.items():
        got = take(name, call(lib, name, inputs[name][0], None),
                   inputs[name][0])
        if name not in outputs or not np.array_equal(got, outputs[name]):
            print("FAIL %s abort: the good call's result differs from the "
                  "status mode's" % name)
            failures += 1
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", so, name,
             "--quant-opt", args.quant_opt, "--mlir-translate",
             args.mlir_translate, "--clang", args.clang, "--workdir",
             args.workdir, "--seed", str(args.seed)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = proc.stderr.strip().splitlines()[-1] if proc.stderr else ""
        aborted = proc.returncode == -signal.SIGABRT
        located = re.match(r"error: " + re.escape(source) + r":\d+:\d+: ",
                           line)
        matched = re.search(pattern, line) is not None
        this = aborted and located and matched and "RETURNED" not in \
            proc.stdout
        print("%s %s abort: exit %d: %s"
              % ("PASS" if this else "FAIL", name, proc.returncode, line))
        if not this:
            print(proc.stderr)
            failures += 1
    return failures


def check_off_mode_is_caught(args, source_path):
    """Negative control under ASan: without checks, the bad add reads past
    its 3-element operand, and AddressSanitizer must say so."""
    args.pipeline_options = "runtime-checks=off"
    cinterface.build_file(args, source_path, source_path + ".off")
    lib_path = source_path + ".off.so"
    script = ("import sys; sys.path.insert(0, %r); import runtime_checks as r;"
              " r.child_call(%r, 'add', %d)"
              % (os.path.dirname(os.path.abspath(__file__)), lib_path,
                 args.seed))
    proc = subprocess.run([sys.executable, "-c", script],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    caught = "AddressSanitizer" in proc.stderr and proc.returncode != 0
    print("%s add off: AddressSanitizer %s the read past the operand"
          % ("PASS" if caught else "FAIL",
             "reports" if caught else "does not report"))
    return 0 if caught else 1


def main():
    ap = cinterface.argument_parser(default_seed=8)
    ap.add_argument("--child", nargs=2, metavar=("SO", "CASE"))
    args = ap.parse_args()
    if args.child:
        child_call(args.child[0], args.child[1], args.seed)
        return
    rng = np.random.default_rng(args.seed)
    inputs = {name: (make_arrays(good, rng), make_arrays(bad, rng))
              for name, (_, good, bad, _) in CASES.items()}
    outputs = {}
    os.makedirs(args.workdir, exist_ok=True)
    source = os.path.join(args.workdir, "runtime_checks.mlir")
    with open(source, "w") as f:
        f.write(module_text())
    failures = 0
    base = args.pipeline_options
    # Built from the file itself, so that locations name it.
    for mode in ("status", "abort"):
        args.pipeline_options = " ".join(
            o for o in (base, "runtime-checks=" + mode) if o)
        low = source + "." + mode
        lib = cinterface.build_file(args, source, low)
        if mode == "status":
            failures += check_status_mode(lib, inputs, outputs, source)
        else:
            failures += check_abort_mode(lib, low + ".so", args, inputs,
                                         outputs, source)
    if args.sanitize_address:
        failures += check_off_mode_is_caught(args, source)
    print("runtime checks: %d failures" % failures)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
