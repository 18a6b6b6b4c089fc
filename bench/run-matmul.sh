#!/usr/bin/env bash
# qnn.matmul + qnn.clamp (a quantized linear layer with i32 bias and ReLU)
# against oneDNN's int8 matmul, single thread, M = N = K in {64, 256, 1024}:
# GMAC/s, the ratio, and an exact check of both against a scalar reference.
#   bench/run-matmul.sh            (uses build/bin/quant-opt)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for n in 64 256 1024; do
  # Per-channel weight scales 0.001 * (1 + j % 7), as matmul_bench.cpp uses;
  # bias scales 0.05 * those (s_a * s_w).
  scales=$(awk -v n="$n" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.3f", (j ? ", " : ""), 0.001 * (1 + j % 7) }')
  bscales=$(awk -v n="$n" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.6e", (j ? ", " : ""), 0.05 * 0.001 * (1 + j % 7) }')
  sed -e "s/SIZE/$n/g" -e "s/WSCALES/$scales/" -e "s/BSCALES/$bscales/" "$root/bench/matmul_kernels.mlir.in"
done > "$work/kernels.mlir"
lower_kernels "$work/kernels.mlir" "$work/kernels.o"
run_bench matmul_bench "$work/kernels.o"
