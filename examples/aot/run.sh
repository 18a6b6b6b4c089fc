#!/usr/bin/env bash
# Compiles the example MLP ahead of time with quant-compile (an object and
# its C header), links it into main.c with the C compiler, and runs it.
# Nothing else is needed: no mlir-translate, no llc.
#   examples/aot/run.sh [--onnx] [build-dir]
# --onnx compiles the same MLP as an ONNX model (written by mlp_onnx.py)
# instead of mlp.mlir.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
model="$here/mlp.mlir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = "--onnx" ]; then
  shift
  /usr/bin/python3 "$here/mlp_onnx.py" "$work/mlp.onnx"
  model="$work/mlp.onnx"
fi
build="${1:-$here/../../build}"
cc="${CC:-/usr/lib/llvm-22/bin/clang}"

"$build/bin/quant-compile" "$model" -o "$work/mlp.o" --header "$work/mlp.h"
"$cc" -O2 -I"$work" "$here/main.c" "$work/mlp.o" -o "$work/mlp"
"$work/mlp"
