#!/usr/bin/env bash
# qnn.conv2d + qnn.clamp (quantized convolutions with per-channel filters,
# i32 bias and ReLU; batch 1, NHWC) against oneDNN's int8 convolution,
# single thread (BENCH_THREADS=N: N threads), for
#   3x3, 56x56x64 -> 64, stride 1, padding 1
#   3x3, 28x28x128 -> 128, stride 1, padding 1
#   1x1, 56x56x64 -> 256, stride 1, no padding
#   3x3, 56x56x128 -> 128, stride 2, padding 1
#   depthwise 3x3, 112x112x32 (32 groups of one channel), stride 1, padding 1
# one row per shape: GMAC/s of both sides, the ratio, and an exact check of
# both against a scalar reference (exits non-zero when the generated code
# differs from it). Each shape is timed twice: filters as an argument, and
# as a constant of the kernel (a deployed model; constant_weights.py writes
# them).
#   bench/run-conv.sh              (uses build/bin/quant-opt)
#   QUANT_OPT=/path/to/quant-opt BENCH_CPU=0 bench/run-conv.sh
# The shapes must match kShapes in conv_bench.cpp.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# kernel height and width, input height, width and channels C, output
# channels F, stride, padding (every side), groups
shapes=(
  "3 3 56 56 64 64 1 1 1"
  "3 3 28 28 128 128 1 1 1"
  "1 1 56 56 64 256 1 0 1"
  "3 3 56 56 128 128 2 1 1"
  "3 3 112 112 32 32 1 1 32"
)
for shape in "${shapes[@]}"; do
  read -r kh kw h w c f s p g <<<"$shape"
  name="conv_${kh}x${kw}_${h}x${w}x${c}_${f}_s${s}_p${p}_g${g}"
  oh=$(((h + 2 * p - kh) / s + 1))
  ow=$(((w + 2 * p - kw) / s + 1))
  # Per-channel weight scales 0.001 * (1 + f % 7) for the F output channels,
  # as conv_bench.cpp uses; bias scales 0.05 * those (s_a * s_w).
  scales=$(awk -v n="$f" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.3f", (j ? ", " : ""), 0.001 * (1 + j % 7) }')
  bscales=$(awk -v n="$f" 'BEGIN { for (j = 0; j < n; ++j) printf "%s%.6e", (j ? ", " : ""), 0.05 * 0.001 * (1 + j % 7) }')
  sed -e '/^\/\//d' -e "s/NAME/$name/g" -e "s/@KH@/$kh/g" -e "s/@KW@/$kw/g" \
    -e "s/@H@/$h/g" -e "s/@W@/$w/g" -e "s/@C@/$c/g" -e "s/@CG@/$((c / g))/g" \
    -e "s/@F@/$f/g" -e "s/@S@/$s/g" -e "s/@P@/$p/g" -e "s/@G@/$g/g" \
    -e "s/@OH@/$oh/g" -e "s/@OW@/$ow/g" \
    -e "s/WSCALES/$scales/" -e "s/BSCALES/$bscales/" \
    "$root/bench/conv_kernels.mlir.in" > "$work/conv.mlir"
  # The same kernel with its filters as a constant (const_conv_...).
  cat "$work/conv.mlir"
  /usr/bin/python3 "$root/bench/constant_weights.py" "$kh" "$kw" "$((c / g))" "$f" < "$work/conv.mlir"
done > "$work/kernels.mlir"
lower_kernels "$work/kernels.mlir" "$work/kernels.o"
run_bench conv_bench "$work/kernels.o" | tee "$work/bench.out"
# The ONNX Runtime column, against the constant-weight kernels.
run_ort conv "$(awk '/GMAC/ { printf "%s%s", (n++ ? "," : ""), $8 }' "$work/bench.out")"
