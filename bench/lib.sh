# shellcheck shell=bash
# Sourced by run-matmul.sh and run-conv.sh: the repository root, quant-opt
# (QUANT_OPT), the LLVM tools, a temporary work directory removed on exit,
# and the steps both scripts share.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opt="${QUANT_OPT:-$root/build/bin/quant-opt}"
llvm=/usr/lib/llvm-22/bin
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# lower_kernels IN.mlir OUT.o: quant-opt --qnn-to-llvm, mlir-translate and
# clang -O3 into an object file; returns non-zero at the first failing step.
lower_kernels() {
  "$opt" "$1" --qnn-to-llvm -o "$work/kernels.llvm.mlir" &&
    "$llvm/mlir-translate" --mlir-to-llvmir "$work/kernels.llvm.mlir" \
      -o "$work/kernels.ll" &&
    "$llvm/clang" -O3 -c -x ir "$work/kernels.ll" -o "$2" -Wno-override-module
}

# run_bench NAME [ARGS...]: builds bench/NAME.cpp with ARGS (objects, flags)
# against oneDNN, prints the CPU and runs it on one thread, pinned to CPU
# BENCH_CPU (default 1).
run_bench() {
  local name="$1"
  shift
  "$llvm/clang++" -O2 -std=c++17 "$root/bench/$name.cpp" "$@" -ldnnl \
    -o "$work/$name"
  echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), 1 thread"
  OMP_NUM_THREADS=1 DNNL_MAX_THREADS=1 taskset -c "${BENCH_CPU:-1}" "$work/$name"
}
