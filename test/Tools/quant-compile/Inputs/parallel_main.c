/* Calls the matmul of parallel.mlir (u8 x s8 -> u8, every scale 1, no zero
 * points) and compares it with a scalar reference: the accumulator,
 * saturated to [0, 255]. */
#include <stdint.h>
#include <stdio.h>

enum { M = 64, K = 256, N = 64 };
static uint8_t x[M][K];
static int8_t w[K][N];
static uint8_t y[M][N];

int main(void) {
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < K; ++k)
      x[i][k] = (uint8_t)((i * 7 + k * 3) % 5);
  for (int k = 0; k < K; ++k)
    for (int j = 0; j < N; ++j)
      w[k][j] = (int8_t)((k * 5 + j * 11) % 7 - 3);
  QNNStatus status;
  int32_t code = parallel(&x[0][0], &w[0][0], &y[0][0], &status);
  int mismatches = 0, saturated = 0;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      int32_t acc = 0;
      for (int k = 0; k < K; ++k)
        acc += x[i][k] * w[k][j];
      int32_t expected = acc < 0 ? 0 : acc > 255 ? 255 : acc;
      saturated += expected != acc;
      mismatches += y[i][j] != expected;
    }
  printf("status %d, %d outputs, %d mismatches, %d saturated\n", code, M * N,
         mismatches, saturated);
  return 0;
}
