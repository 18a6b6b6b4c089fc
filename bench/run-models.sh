#!/usr/bin/env bash
# Whole ONNX models (test/Integration/ONNX/models.py: ResNet-style block,
# MobileNetV2 inverted residual, MLP, BERT-style encoder layer; QDQ,
# QOperator and dynamic forms) compiled by quant-compile, against ONNX
# Runtime 1.30 running the same .onnx file on the same input: microseconds
# per inference at 1 and 2 threads, the ratio (ORT / ours: above 1 we are
# faster) and whether both gave the same bits. Models quant-compile rejects
# are listed as "not compiled (reason)". About a minute on 2 cores.
#   bench/run-models.sh                 (uses build/bin/quant-compile)
#   bench/run-models.sh --quick         (one model, short batches: a smoke test)
#   QUANT_COMPILE=/path/to/quant-compile bench/run-models.sh --models resnet,mlp_qdq
# Other options: models_bench.py --help. BENCH_CPU picks the CPU of the
# one-thread runs (default 1). The work directory (models, objects,
# harnesses, outputs; e.g. for perf record) is kept and its path printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v node >/dev/null || [ ! -d "$root/bench/node_modules/onnxruntime-node" ]; then
  echo "run-models.sh: needs node and bench/node_modules/onnxruntime-node (npm ci in bench/)" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import onnx, numpy' 2>/dev/null; then
  echo "run-models.sh: needs python3-onnx and python3-numpy" >&2
  exit 1
fi
exec /usr/bin/python3 "$root/bench/models_bench.py" "$@"
