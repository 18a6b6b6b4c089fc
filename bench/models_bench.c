/*===- models_bench.c - Times one model compiled by quant-compile ---------===*
 *
 * The C side of run-models.sh. models_bench.py generates model_glue.h for
 * each model (its header, the number and byte sizes of its inputs and
 * outputs, and call_model(), which passes the buffers to the compiled
 * function) and builds this file against it:
 *
 *   models_bench REPS TARGET_US BATCHES OUTDIR IN0 [IN1 ...]
 *
 * reads the raw inputs, calls the model until both 3 calls and 5 ms have
 * passed (warm-up: page faults, caches, the OpenMP pool), then times
 * BATCHES batches of REPS calls each (REPS 0: as many calls as take about
 * TARGET_US microseconds, measured from the warm-up) and prints
 *
 *   reps R
 *   batch US_PER_CALL      (one line per batch)
 *
 * With OUTDIR other than "-", the outputs of the last call are written to
 * OUTDIR/ours_<i>.bin. ort_models_bench.js runs it once per round, in
 * alternation with ONNX Runtime's batches, so that load from other
 * processes on the machine affects both sides alike.
 *
 *===----------------------------------------------------------------------===*/
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_glue.h"

static double nowUs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec * 1e-3;
}

/* A 64-byte-aligned buffer of `bytes` (at least one) bytes. */
static void *alignedBuffer(size_t bytes) {
  size_t rounded = (bytes + 63) / 64 * 64;
  void *p = aligned_alloc(64, rounded ? rounded : 64);
  if (!p) {
    fprintf(stderr, "models_bench: out of memory\n");
    exit(2);
  }
  return p;
}

static void *readRaw(const char *path, size_t bytes) {
  void *p = alignedBuffer(bytes);
  FILE *f = fopen(path, "rb");
  if (!f || fread(p, 1, bytes, f) != bytes || fgetc(f) != EOF) {
    fprintf(stderr, "models_bench: %s: cannot read exactly %zu bytes\n", path,
            bytes);
    exit(2);
  }
  fclose(f);
  return p;
}

static void writeRaw(const char *path, const void *p, size_t bytes) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(p, 1, bytes, f) != bytes || fclose(f)) {
    fprintf(stderr, "models_bench: %s: cannot write\n", path);
    exit(2);
  }
}

static void callChecked(void *const *in, void *const *out) {
  QNNStatus status;
  int32_t code = call_model(in, out, &status);
  if (code != QNN_STATUS_OK) {
    fprintf(stderr, "models_bench: the model returned %d: %s\n", (int)code,
            status.message);
    exit(3);
  }
}

int main(int argc, char **argv) {
  if (argc != 5 + kNumInputs) {
    fprintf(stderr,
            "usage: %s REPS TARGET_US BATCHES OUTDIR IN0..IN%d (%d inputs)\n",
            argv[0], kNumInputs - 1, kNumInputs);
    return 2;
  }
  long reps = atol(argv[1]);
  double targetUs = atof(argv[2]);
  long batches = atol(argv[3]);
  const char *outDir = argv[4];
  if (reps < 0 || batches < 1 || (reps == 0 && !(targetUs > 0))) {
    fprintf(stderr, "models_bench: bad REPS, TARGET_US or BATCHES\n");
    return 2;
  }
  void *in[kNumInputs], *out[kNumOutputs];
  for (int i = 0; i < kNumInputs; ++i)
    in[i] = readRaw(argv[5 + i], kInputBytes[i]);
  for (int i = 0; i < kNumOutputs; ++i) {
    out[i] = alignedBuffer(kOutputBytes[i]);
    memset(out[i], 0xA5, kOutputBytes[i]);
  }

  long warm = 0;
  double start = nowUs(), elapsed;
  do {
    callChecked(in, out);
    ++warm;
    elapsed = nowUs() - start;
  } while (warm < 3 || elapsed < 5000.0);
  if (reps == 0) {
    reps = (long)(targetUs / (elapsed / warm));
    if (reps < 1)
      reps = 1;
  }
  printf("reps %ld\n", reps);
  for (long b = 0; b < batches; ++b) {
    double t0 = nowUs();
    for (long r = 0; r < reps; ++r)
      callChecked(in, out);
    printf("batch %.4f\n", (nowUs() - t0) / reps);
  }
  if (strcmp(outDir, "-") != 0) {
    for (int i = 0; i < kNumOutputs; ++i) {
      char path[4096];
      snprintf(path, sizeof path, "%s/ours_%d.bin", outDir, i);
      writeRaw(path, out[i], kOutputBytes[i]);
    }
  }
  return 0;
}
