#!/usr/bin/env bash
# qnn.conv2d + qnn.clamp (a quantized 3x3 convolution, 56x56x64 -> 64, with
# i32 bias and ReLU) against oneDNN's int8 convolution, single thread: GMAC/s,
# the ratio, and an exact check of both against a scalar reference.
#   bench/run-conv.sh              (uses build/bin/quant-opt)
#   QUANT_OPT=/path/to/quant-opt BENCH_CPU=0 bench/run-conv.sh
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

lower_kernels "$root/bench/conv_kernels.mlir" "$work/kernels.o"
run_bench conv_bench "$work/kernels.o"
