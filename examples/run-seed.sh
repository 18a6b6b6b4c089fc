#!/usr/bin/env bash
# Runs the bundled seed example through the compiler: prints the quantized
# and dequantized numbers computed by the generated code, then the hot loop
# of the vectorized LLVM IR for the host CPU.
#   examples/run-seed.sh [build-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
llvm=/usr/lib/llvm-22
opt="$build/bin/quant-opt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$opt" "$root/examples/seed.mlir" --qnn-to-llvm -o "$work/seed.llvm.mlir"

echo "== quantize [100.0, 1.0, 2.0] (u8, scale 0.1, zero point 10), then dequantize"
"$llvm/bin/mlir-runner" "$work/seed.llvm.mlir" -e main -entry-point-result=void \
  -shared-libs="$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so" |
  grep -v '^Unranked'

"$llvm/bin/mlir-translate" --mlir-to-llvmir "$work/seed.llvm.mlir" -o "$work/seed.ll"
echo
echo "== LLVM IR of @quantize for the host ($(grep -o 'target-cpu"="[^"]*' "$work/seed.ll" | head -1 | cut -d'"' -f3)): vector loop and masked tail"
awk '/^define .*@quantize\(/,/^}/' "$work/seed.ll" |
  grep -E 'fmul|fcmp|select|fadd|bitcast|trunc|store|masked' | sed 's/^ */  /'
