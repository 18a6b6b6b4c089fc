#!/usr/bin/env bash
# PyTorch peer of run-matmul.sh and run-conv.sh (bench/torch_products.py):
# torch.ops.quantized.linear_relu and conv2d_relu, weights prepacked, per
# quantized engine (onednn, x86, fbgemm, qnnpack: those this PyTorch has),
# on the same shapes, in GMAC/s; "n/a" where an engine rejects the op. One
# thread pinned to CPU BENCH_CPU (default 1); BENCH_THREADS=N: N threads on
# CPUs 0..N-1. PyTorch's results are not checked for exactness.
#   bench/run-torch-products.sh
#   BENCH_THREADS=2 bench/run-torch-products.sh
#   PYTHON=/path/to/python3 bench/run-torch-products.sh   (default /usr/bin/python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${BENCH_THREADS:-1}"
cpus="${BENCH_CPU:-1}"
if [ "$threads" -gt 1 ]; then cpus="0-$((threads - 1))"; fi
OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads taskset -c "$cpus" \
  "${PYTHON:-/usr/bin/python3}" "$root/bench/torch_products.py" "$threads"
