#!/usr/bin/env bash
# qnn.matmul (a quantized linear layer) against oneDNN's int8 matmul, single
# thread, M = N = K in {64, 256, 1024}: GMAC/s and the ratio.
#   bench/run-matmul.sh            (uses build/bin/quant-opt)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
opt="${QUANT_OPT:-$root/build/bin/quant-opt}"
llvm=/usr/lib/llvm-22/bin
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for n in 64 256 1024; do
  # Per-channel weight scales 0.001 * (1 + j % 7), as matmul_bench.cpp uses.
  scales=$(awk -v n="$n" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.3f", (j ? ", " : ""), 0.001 * (1 + j % 7) }')
  sed -e "s/SIZE/$n/g" -e "s/WSCALES/$scales/" "$root/bench/matmul_kernels.mlir.in"
done > "$work/kernels.mlir"
"$opt" "$work/kernels.mlir" --qnn-to-llvm -o "$work/kernels.llvm.mlir"
"$llvm/mlir-translate" --mlir-to-llvmir "$work/kernels.llvm.mlir" -o "$work/kernels.ll"
"$llvm/clang" -O3 -c -x ir "$work/kernels.ll" -o "$work/kernels.o" -Wno-override-module
"$llvm/clang++" -O2 -std=c++17 "$root/bench/matmul_bench.cpp" "$work/kernels.o" \
  -ldnnl -o "$work/matmul_bench"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), 1 thread"
OMP_NUM_THREADS=1 DNNL_MAX_THREADS=1 taskset -c "${BENCH_CPU:-1}" "$work/matmul_bench"
