#!/usr/bin/env bash
# Register-only peaks of the byte-product instructions (bench/peak.cpp), one
# thread pinned to CPU BENCH_CPU (default 1): the ceiling for the product
# figures of run-matmul.sh and run-conv.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/lib/llvm-22/bin/clang++ -O2 -std=c++17 "$root/bench/peak.cpp" -o "$work/peak"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), 1 thread"
taskset -c "${BENCH_CPU:-1}" "$work/peak"
