#!/usr/bin/env bash
# qnn.conv2d + qnn.clamp (a quantized 3x3 convolution, 56x56x64 -> 64, with
# i32 bias and ReLU) against oneDNN's int8 convolution, single thread: GMAC/s,
# the ratio, and an exact check of both against a scalar reference.
#   bench/run-conv.sh              (uses build/bin/quant-opt)
#   QUANT_OPT=/path/to/quant-opt BENCH_CPU=0 bench/run-conv.sh
# If quant-opt does not know qnn.conv2d, only oneDNN and the reference run.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

gen=(-DNO_GENERATED)
if lower_kernels "$root/bench/conv_kernels.mlir" "$work/kernels.o" 2> "$work/opt.err"; then
  gen=("$work/kernels.o")
elif grep -q "custom op 'qnn.conv2d' is unknown" "$work/opt.err"; then
  echo "note: $opt does not know qnn.conv2d; timing oneDNN and checking it only"
else
  cat "$work/opt.err" >&2
  exit 1
fi
run_bench conv_bench "${gen[@]}"
