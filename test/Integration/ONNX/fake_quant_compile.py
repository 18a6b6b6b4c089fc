#!/usr/bin/python3
"""A stand-in for quant-compile that tests the conformance harness itself.

    fake_quant_compile.py MODEL.onnx -o MODEL.o --header MODEL.h [--name N]

Writes a header with quant-compile's ABI for the model's inputs and outputs
(from the MODEL.json that onnx_conformance.py writes beside it) and an
object whose function looks its inputs up among the input sets of
cases.json and copies ONNX Runtime's outputs for them; unknown inputs give
QNN_STATUS_SIZE_MISMATCH and a message. It compiles nothing: a run with it
checks the C harness generation, the build, the file formats and the
comparison, not a compiler. Environment: FAKE_QUANT_COMPILE_CORRUPT=1 flips
the lowest bit of each output's first byte (the harness must report
mismatches), FAKE_QUANT_COMPILE_FAIL=1 exits 1 like a failed compile.
"""
import argparse
import json
import os
import re
import subprocess
import sys

C_TYPES = {"float32": "float", "uint8": "uint8_t", "int8": "int8_t",
           "int32": "int32_t", "int64": "int64_t"}
HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "include"))


def c_bytes(data):
    return "{" + ",".join(str(b) for b in data) + (",0" if not data else "") \
        + "}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("-o", dest="output", required=True)
    p.add_argument("--header", required=True)
    p.add_argument("--name")
    p.add_argument("--clang", default=os.environ.get("CLANG", "clang-22"))
    args = p.parse_args()
    if os.environ.get("FAKE_QUANT_COMPILE_FAIL") == "1":
        sys.exit("fake_quant_compile: failing as asked")
    stem = os.path.splitext(os.path.basename(args.model))[0]
    name = args.name or re.sub(r"\W", "_", stem)
    mdir = os.path.dirname(os.path.abspath(args.model))
    with open(os.path.join(mdir, stem + ".json")) as f:
        meta = json.load(f)
    with open(os.path.join(mdir, "cases.json")) as f:
        cases = json.load(f)

    params = ["const %s *in%d" % (C_TYPES[s["dtype"]], i)
              for i, s in enumerate(meta["inputs"])]
    params += ["%s *out%d" % (C_TYPES[s["dtype"]], i)
               for i, s in enumerate(meta["outputs"])]
    params.append("QNNStatus *status")
    decl = "int32_t %s(%s)" % (name, ", ".join(params))
    with open(args.header, "w") as f:
        f.write('#include <stdint.h>\n#include "quant/Runtime/QNNStatus.h"\n'
                "#ifdef __cplusplus\nextern \"C\"\n#endif\n%s;\n" % decl)

    corrupt = os.environ.get("FAKE_QUANT_COMPILE_CORRUPT") == "1"
    src = ["#include <string.h>", '#include "%s"' % os.path.abspath(
        args.header), ""]
    body = []
    for c, case in enumerate(cases):
        conds = []
        for i, path in enumerate(case["inputs"]):
            with open(path, "rb") as f:
                data = f.read()
            src.append("static const unsigned char in_%d_%d[] = %s;"
                       % (c, i, c_bytes(data)))
            conds.append("!memcmp(in%d, in_%d_%d, %d)" % (i, c, i, len(data)))
        copies = []
        for i in range(len(meta["outputs"])):
            with open(os.path.join(case["ort_dir"], "%d.bin" % i), "rb") as f:
                data = bytearray(f.read())
            if corrupt and data:
                data[0] ^= 1
            src.append("static const unsigned char out_%d_%d[] = %s;"
                       % (c, i, c_bytes(data)))
            copies.append("memcpy(out%d, out_%d_%d, %d);" % (i, c, i,
                                                            len(data)))
        body.append("  if (%s) {\n    %s\n    if (status) { status->code = 0;"
                    " status->message[0] = 0; }\n    return 0;\n  }"
                    % (" && ".join(conds) or "1", "\n    ".join(copies)))
    src += ["", decl + " {"] + body + [
        "  if (status) {", "    status->code = QNN_STATUS_SIZE_MISMATCH;",
        '    strcpy(status->message, "fake_quant_compile: unknown input");',
        "  }", "  return QNN_STATUS_SIZE_MISMATCH;", "}", ""]
    source = args.output + ".fake.c"
    with open(source, "w") as f:
        f.write("\n".join(src))
    sys.exit(subprocess.call([args.clang, "-c", "-O0", "-I", INCLUDE, source,
                              "-o", args.output]))


if __name__ == "__main__":
    main()
