/* Calls the model of onnx.test (make_onnx.py, batch dimension dynamic)
 * through the header quant-compile wrote (given with -include):
 * int32_t aot(const float *pixels, int64_t n, uint8_t *quantized, int64_t n,
 *             float *restored, int64_t n, QNNStatus *status). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  /* x / 0.5 is exact: ties 0.5 and 1.5 round to even, -200 and 500
   * saturate. */
  const float x[3][4] = {{100.0f, 1.0f, 2.0f, -3.0f},
                         {0.25f, 0.75f, -100.0f, 3.25f},
                         {250.0f, -0.0f, -5.0f, 122.5f}};
  uint8_t q[3][4];
  float d[3][4];
  QNNStatus status;
  int32_t code = aot(&x[0][0], 3, &q[0][0], 3, &d[0][0], 3, &status);
  printf("status %d '%s'\n", code, status.message);
  for (int i = 0; i < 3; ++i) {
    printf("row %d:", i);
    for (int j = 0; j < 4; ++j)
      printf(" %d", q[i][j]);
    printf(" |");
    for (int j = 0; j < 4; ++j)
      printf(" %g", d[i][j]);
    printf("\n");
  }
  memset(q, 7, sizeof(q));
  code = aot(&x[0][0], 3, &q[0][0], 2, &d[0][0], 3, &status);
  printf("status %d '%s' first byte %d\n", code, status.message, q[0][0]);
  return 0;
}
