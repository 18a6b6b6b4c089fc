#!/usr/bin/python3
"""Turns the kernels on stdin into constant-weight kernels on stdout.

The output follows the input in one file: it reuses the input's type
aliases instead of defining them again.

    constant_weights.py DIM...

Each function @NAME(%x, %w, ...) becomes @const_NAME, whose weights are a
constant of shape DIM... (the shape of %w) instead of the argument %w (which
stays in the signature, unused, so that both kernels are called alike): a
deployed model, whose weights the compiler folds and packs. The weights are
those of int8_bench.h's constantWeight(i) over the row-major index i:
bits 16..23 of the low 32 bits of i * 2654435761, mod 255, minus 127.
"""
import re
import sys

import numpy as np


def weights(count):
    i = np.arange(count, dtype=np.uint64)
    h = ((i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)) >> np.uint64(16)
    return ((h % np.uint64(255)).astype(np.int64) - 127).astype(np.int8)


def main():
    dims = [int(d) for d in sys.argv[1:]]
    shape = "x".join(str(d) for d in dims)
    hexdata = weights(int(np.prod(dims))).tobytes().hex().upper()
    for line in sys.stdin:
        if line.startswith("!"):
            continue  # type aliases: the argument kernel defines them
        if line.startswith("func.func @"):
            sys.stdout.write(line.replace("func.func @", "func.func @const_", 1))
            sys.stdout.write('  %%wc = arith.constant dense<"0x%s"> : '
                             'tensor<%sxi8>\n' % (hexdata, shape))
            continue
        sys.stdout.write(re.sub(r"qnn\.storage_cast %w :",
                                "qnn.storage_cast %wc :", line))


if __name__ == "__main__":
    main()
