"""Differential fuzzing of the generated code against reference.py.

Runs the conformance generators of test/Integration/Conformance (matmul,
conv2d, add/mul, avg_pool2d: random shapes, scales, zero points, per-channel
weights, biases, clamps and rounding modes, compared bit for bit with
reference.py, the NumPy transcription of docs/Semantics.md, and with
PyTorch where it applies) over and over with fresh seeds and a random
target (CPU, vector width, threads), until the time budget is spent.

A run that finds a mismatch (or fails to compile) is a finding: its
command is printed, so that it can be replayed, and the script exits 1.
The last line is the summary:
  differential: R runs, C configurations, S s, F findings
"""
import argparse
import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.path.join(HERE, "..", "Integration", "Conformance")

# script -> (configurations per run, the summary line it prints).
GENERATORS = {
    "matmul.py": (8, r"matmul: (\d+) mismatches"),
    "conv.py": (6, r"conv2d: (\d+) mismatches"),
    "binary.py": (16, r"add/mul: (\d+) mismatches"),
    "avg_pool.py": (12, r"avg_pool2d: (\d+) mismatches"),
}

# Code variants: the generic x86-64 (SSE2, vpmaddwd at 128 bits), AVX2
# (haswell), the host, narrower vectors, OpenMP threads.
TARGETS = [
    "target-cpu=x86-64",
    "target-cpu=haswell",
    "",
    "vector-width=128",
    "target-cpu=haswell parallel=1",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quant-opt", required=True)
    ap.add_argument("--mlir-translate", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--duration", type=float, default=60.0,
                    help="seconds to run (a run started is finished)")
    ap.add_argument("--seed", type=int, default=None,
                    help="seed of the seeds (default: from the clock)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else time.time_ns() % (1 << 32)
    rng = np.random.default_rng(seed)
    print("differential: seed %d" % seed)
    start = time.time()
    runs = configurations = findings = 0
    names = sorted(GENERATORS)
    while time.time() - start < args.duration:
        script = names[runs % len(names)]
        count, summary = GENERATORS[script]
        run_seed = int(rng.integers(1 << 31))
        options = TARGETS[int(rng.integers(len(TARGETS)))]
        cmd = [sys.executable, os.path.join(CONFORMANCE, script),
               "--quant-opt", args.quant_opt,
               "--mlir-translate", args.mlir_translate,
               "--clang", args.clang,
               "--workdir", os.path.join(args.workdir, "run%d" % runs),
               "--seed", str(run_seed), "--configs", str(count)]
        if options:
            cmd += ["--pipeline-options", options]
        env = dict(os.environ, OMP_NUM_THREADS="2")
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=env)
        match = re.search(summary, proc.stdout)
        mismatches = int(match.group(1)) if match else None
        runs += 1
        configurations += count
        if proc.returncode != 0 or mismatches != 0:
            findings += 1
            print("FINDING %s (exit %d, %s mismatches): %s"
                  % (script, proc.returncode, mismatches,
                     " ".join("'%s'" % c if " " in c or not c else c
                              for c in cmd)))
            print("\n".join(proc.stdout.splitlines()[-20:]))
        else:
            print("ok %s seed %d %s" % (script, run_seed, options or "host"))
    print("differential: %d runs, %d configurations, %.0f s, %d findings"
          % (runs, configurations, time.time() - start, findings))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
