/* Calls the model of run.mlir through the header quant-compile wrote (given
 * with -include): int32_t run(const uint8_t *x, int64_t rows,
 * const float *f, int64_t n, uint8_t *y, int64_t rows, uint8_t *q,
 * int64_t n, float *d, int64_t n, QNNStatus *status). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t y[4][2];
static uint8_t q[4];
static float d[4];

static void print(void) {
  printf("matmul:");
  for (int i = 0; i < 4; ++i)
    printf("%s %d %d", i ? " |" : "", y[i][0], y[i][1]);
  printf("\nquantize:");
  for (int i = 0; i < 4; ++i)
    printf(" %d", q[i]);
  printf("\n");
}

int main(void) {
  const uint8_t x[4][3] = {{1, 2, 3}, {4, 5, 6}, {100, 100, 100}, {10, 0, 0}};
  const float f[4] = {100.0f, 1.0f, 2.0f, -3.0f};
  QNNStatus status;

  int32_t code = run(&x[0][0], 4, f, 4, &y[0][0], 4, q, 4, d, 4, &status);
  printf("status %d '%s'\n", code, status.message);
  print();
  printf("dequantize: %g %g %g %g\n", d[0], d[1], d[2], d[3]);

  /* The output has 3 rows, the input 4: nothing is written. */
  memset(y, 7, sizeof(y));
  memset(q, 7, sizeof(q));
  code = run(&x[0][0], 4, f, 4, &y[0][0], 3, q, 4, d, 4, &status);
  printf("status %d '%s'\n", code, status.message);
  print();

  /* The quantized output is shorter than the float input it comes from. */
  code = run(&x[0][0], 4, f, 4, &y[0][0], 4, q, 3, d, 4, &status);
  printf("status %d '%s'\n", code, status.message);
  printf("quantize: %d %d %d %d\n", q[0], q[1], q[2], q[3]);

  code = run(&x[0][0], 4, f, 4, &y[0][0], 3, q, 4, d, 4, NULL);
  printf("NULL status: %d\n", code);
  return 0;
}
