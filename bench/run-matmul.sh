#!/usr/bin/env bash
# qnn.matmul + qnn.clamp (a quantized linear layer with i32 bias and ReLU)
# against oneDNN's int8 matmul, single thread (BENCH_THREADS=N: N threads),
# for M x N x K in 64x64x64, 256x256x256, 1024x1024x1024, 128x3072x768 (a
# transformer layer: 128 tokens, 768 -> 3072) and 1x4096x4096 (GEMV):
# GMAC/s, the ratio, and an exact check of both against a scalar reference
# (exits non-zero when the generated code differs from it). Each shape is
# timed twice: weights as an argument, and as a constant of the kernel (a
# deployed model; constant_weights.py writes them).
#   bench/run-matmul.sh            (uses build/bin/quant-opt)
# The shapes must match the list in matmul_bench.cpp.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

shapes="64x64x64 256x256x256 1024x1024x1024 128x3072x768 1x4096x4096"
for shape in $shapes; do
  IFS=x read -r m n k <<<"$shape"
  # Per-channel weight scales 0.001 * (1 + j % 7) for the N output channels,
  # as matmul_bench.cpp uses; bias scales 0.05 * those (s_a * s_w).
  scales=$(awk -v n="$n" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.3f", (j ? ", " : ""), 0.001 * (1 + j % 7) }')
  bscales=$(awk -v n="$n" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.6e", (j ? ", " : ""), 0.05 * 0.001 * (1 + j % 7) }')
  sed -e '/^\/\//d' -e "s/MDIM/$m/g" -e "s/NDIM/$n/g" -e "s/KDIM/$k/g" \
    -e "s/WSCALES/$scales/" -e "s/BSCALES/$bscales/" \
    "$root/bench/matmul_kernels.mlir.in" > "$work/linear.mlir"
  # The same kernel with its K x N weights as a constant (const_linear_...).
  cat "$work/linear.mlir"
  /usr/bin/python3 "$root/bench/constant_weights.py" "$k" "$n" < "$work/linear.mlir"
done > "$work/kernels.mlir"
lower_kernels "$work/kernels.mlir" "$work/kernels.o"
run_bench matmul_bench "$work/kernels.o" | tee "$work/bench.out"
# The ONNX Runtime column, against the constant-weight kernels.
run_ort matmul "$(awk '/^[0-9]+x[0-9]+x[0-9]+ / { printf "%s%s", (n++ ? "," : ""), $4 }' "$work/bench.out")"
