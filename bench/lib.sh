# shellcheck shell=bash
# Sourced by run-matmul.sh and run-conv.sh: the repository root, quant-opt
# (QUANT_OPT), the LLVM tools, a temporary work directory removed on exit,
# and the steps both scripts share. BENCH_THREADS=N (default 1) times both
# sides on N threads: the kernels are lowered with qnn-to-llvm{parallel}
# and linked with libomp, oneDNN gets N OpenMP threads, and the run is
# pinned to CPUs 0..N-1 (one thread: CPU BENCH_CPU, default 1).
# BENCH_KEEP=1 keeps the work directory (the lowered kernels and the bench
# binary, e.g. for perf record / perf annotate) and prints its path.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opt="${QUANT_OPT:-$root/build/bin/quant-opt}"
llvm=/usr/lib/llvm-22/bin
work="$(mktemp -d)"
threads="${BENCH_THREADS:-1}"
# The CPUs both sides run on.
cpus="${BENCH_CPU:-1}"
if [ "$threads" -gt 1 ]; then cpus="0-$((threads - 1))"; fi
if [ -n "${BENCH_KEEP:-}" ]; then
  echo "work directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# lower_kernels IN.mlir OUT.o: quant-opt --qnn-to-llvm, mlir-translate and
# clang -O3 into an object file; returns non-zero at the first failing step.
lower_kernels() {
  local pipeline="--qnn-to-llvm"
  if [ "$threads" -gt 1 ]; then pipeline="--qnn-to-llvm=parallel=1"; fi
  "$opt" "$1" "$pipeline" -o "$work/kernels.llvm.mlir" &&
    "$llvm/mlir-translate" --mlir-to-llvmir "$work/kernels.llvm.mlir" \
      -o "$work/kernels.ll" &&
    "$llvm/clang" -O3 -c -x ir "$work/kernels.ll" -o "$2" -Wno-override-module
}

# run_bench NAME [ARGS...]: builds bench/NAME.cpp with ARGS (objects, flags)
# against oneDNN, prints the CPU and runs it on BENCH_THREADS threads.
run_bench() {
  local name="$1"
  shift
  local omp=()
  if [ "$threads" -gt 1 ]; then
    omp=(-fopenmp=libomp -L/usr/lib/llvm-22/lib -Wl,-rpath,/usr/lib/llvm-22/lib)
  fi
  "$llvm/clang++" -O2 -std=c++17 "$root/bench/$name.cpp" "$@" -ldnnl \
    "${omp[@]}" -o "$work/$name"
  echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $threads thread(s)"
  OMP_NUM_THREADS=$threads DNNL_MAX_THREADS=$threads taskset -c "$cpus" "$work/$name"
}

# run_ort matmul|conv GENERATED: the ONNX Runtime column (ort_models.py,
# ort_bench.js) on BENCH_THREADS threads, with GENERATED (the generated
# constant-weight kernels' GMAC/s, comma-separated, in shape order) for the
# ratios; skipped with a note when Node.js, onnxruntime-node (npm ci in
# bench/, as .ci/install-deps does) or python3-onnx is missing.
run_ort() {
  if ! command -v node >/dev/null || [ ! -d "$root/bench/node_modules/onnxruntime-node" ] ||
    ! /usr/bin/python3 -c 'import onnx' 2>/dev/null; then
    echo "ONNX Runtime: skipped (needs node, bench/node_modules and python3-onnx)"
    return 0
  fi
  /usr/bin/python3 "$root/bench/ort_models.py" "$1" "$work/ort"
  echo "ONNX Runtime $(node -p 'require(process.argv[1] + "/package.json").version' \
    "$root/bench/node_modules/onnxruntime-node"), $threads thread(s), constant weights, no ReLU:"
  taskset -c "$cpus" node "$root/bench/ort_bench.js" "$work/ort" "$threads" "$2"
}
