#!/usr/bin/env bash
# Quantize / dequantize / requantize throughput: the compiler's generated
# code vs a hand-written AVX-512 kernel vs PyTorch vs memcpy, after checking
# that generated, hand-written and a scalar reference agree bit for bit.
#
#   bench/run.sh                      uses build/bin/quant-opt
#   QUANT_OPT=/path/quant-opt bench/run.sh
#
# Optional environment:
#   QNN_PIPELINE   pipeline flag (default --qnn-to-llvm), e.g.
#                  --qnn-to-llvm="target-cpu=skylake-avx512"
#   GEN_CFLAGS     clang flags for the generated LLVM IR (default -O3 -march=native)
#   BENCH_CPU      CPU to pin to (default: the last one)
#   BENCH_WORK     work directory to use and keep (default: a temporary one)
#   BENCH_ALLOW_MISMATCH=1  print the table even if the bit check fails
#   TORCH_PYTHON   interpreter with torch (default /usr/bin/python3)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
QUANT_OPT="${QUANT_OPT:-$ROOT/build/bin/quant-opt}"
QNN_PIPELINE="${QNN_PIPELINE:---qnn-to-llvm}"
LLVM_BIN="${LLVM_BIN:-/usr/lib/llvm-22/bin}"
TORCH_PYTHON="${TORCH_PYTHON:-/usr/bin/python3}"
GEN_CFLAGS="${GEN_CFLAGS:--O3 -march=native}"
export BENCH_CPU="${BENCH_CPU:-$(($(nproc) - 1))}"

die() {
  echo "run.sh: ERROR: $*" >&2
  exit 1
}

if [[ -n "${BENCH_WORK:-}" ]]; then
  WORK="$BENCH_WORK"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d /tmp/qbench.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT # the inputs and PyTorch outputs are ~200 MB
fi

[[ -x "$QUANT_OPT" ]] || die "quant-opt not found at $QUANT_OPT (build it, or set QUANT_OPT)"

# 1. Lower the qnn kernels to the LLVM dialect, then to LLVM IR.
echo "== $QUANT_OPT $QNN_PIPELINE bench/kernels.mlir"
"$QUANT_OPT" "$QNN_PIPELINE" "$BENCH_DIR/kernels.mlir" -o "$WORK/kernels.llvm.mlir" ||
  die "quant-opt failed: $QUANT_OPT $QNN_PIPELINE $BENCH_DIR/kernels.mlir"
"$LLVM_BIN/mlir-translate" --mlir-to-llvmir "$WORK/kernels.llvm.mlir" -o "$WORK/kernels.ll" ||
  die "mlir-translate --mlir-to-llvmir failed on quant-opt's output ($WORK/kernels.llvm.mlir)"

# 2. Find the C interface of each kernel: 2 pointer arguments when the
#    destination-passing result was dropped (in, out), 3 when the result
#    descriptor is still returned through a leading pointer (result, in, out).
abi_defs=()
for f in quantize_u8 dequantize_u8 requantize_u8; do
  sig="$(grep -m1 -E "llvm\.func @_mlir_ciface_${f}\(" "$WORK/kernels.llvm.mlir" || true)"
  [[ -n "$sig" ]] || die "no llvm.func @_mlir_ciface_${f} in quant-opt's output (is llvm.emit_c_interface kept?)"
  args="${sig#*(}"
  args="${args%%)*}"
  nptr="$(grep -o '!llvm\.ptr' <<<"$args" | wc -l)"
  rest="${sig#*)}"
  [[ "$rest" != *"->"* ]] || die "_mlir_ciface_${f} returns a value, expected void: $sig"
  case "$nptr" in
    2) echo "ABI: _mlir_ciface_${f}(in, out): result dropped (destination-passing)" ;;
    3) echo "ABI: _mlir_ciface_${f}(result, in, out): result descriptor still returned" ;;
    *) die "unexpected C interface for ${f}: $sig" ;;
  esac
  abi_defs+=("-DGEN_ARGS_${f}=${nptr}")
done
if grep -q '"target-cpu"' "$WORK/kernels.ll"; then
  echo "Generated IR carries: $(grep -o '"target-cpu"="[^"]*"' "$WORK/kernels.ll" | sort -u | tr '\n' ' ')"
else
  echo "Generated IR carries no target-cpu attribute; clang's $GEN_CFLAGS decides the target"
fi

# 3. Build: generated object, hand-written AVX-512 object (explicit ISA flags),
#    and the driver (baseline x86-64, so its AVX-512 run-time check means
#    something). -ffp-contract=off: the contract forbids fusing mul and add.
CXX="$LLVM_BIN/clang++"
CXXFLAGS=(-O2 -std=c++17 -ffp-contract=off -Wall -Wextra)
echo "== building (generated IR: clang $GEN_CFLAGS)"
# shellcheck disable=SC2086 # GEN_CFLAGS is a list of flags
"$LLVM_BIN/clang" $GEN_CFLAGS -Wno-override-module -c "$WORK/kernels.ll" -o "$WORK/kernels.o"
"$CXX" "${CXXFLAGS[@]}" -mavx512f -mavx512bw -mavx512dq -mavx512vl \
  -c "$BENCH_DIR/avx512_kernels.cpp" -o "$WORK/avx512_kernels.o"
"$CXX" "${CXXFLAGS[@]}" "${abi_defs[@]}" -c "$BENCH_DIR/bench.cpp" -o "$WORK/bench.o"
libs=()
if grep -qE '^declare .*@(memrefCopy|_mlir_)' "$WORK/kernels.ll"; then
  # The lowering calls into MLIR's C runner utilities (e.g. memrefCopy).
  libs=(-L"$LLVM_BIN/../lib" -lmlir_c_runner_utils -Wl,-rpath,"$LLVM_BIN/../lib")
fi
"$CXX" "$WORK/bench.o" "$WORK/avx512_kernels.o" "$WORK/kernels.o" "${libs[@]}" -lm -o "$WORK/bench"

# 4. Inputs, PyTorch's timings, then the check and the table.
"$WORK/bench" dump "$WORK"
if "$TORCH_PYTHON" -c 'import torch' 2>/dev/null; then
  echo "== PyTorch $("$TORCH_PYTHON" -c 'import torch; print(torch.__version__)') ($TORCH_PYTHON)"
  "$TORCH_PYTHON" "$BENCH_DIR/torch_bench.py" "$WORK" >"$WORK/torch.txt" ||
    die "torch_bench.py failed"
else
  echo "== PyTorch not available from $TORCH_PYTHON: column skipped"
fi
echo "== checking and timing"
"$WORK/bench" run "$WORK"
