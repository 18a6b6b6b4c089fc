/* Runs the MLP of mlp.mlir (or of mlp_onnx.py's mlp.onnx), compiled ahead
 * of time by quant-compile, on a batch of four rows: prints each row's u8
 * outputs and their real values.
 *
 *   quant-compile mlp.mlir -o mlp.o --header mlp.h     (or mlp.onnx)
 *   cc main.c mlp.o -o mlp && ./mlp
 */
#include "mlp.h"

#include <stdio.h>

int main(void) {
  const float x[4][4] = {{1.0f, 2.0f, -0.5f, 0.25f},
                         {-1.5f, 0.75f, 2.5f, -2.0f},
                         {0.0f, 0.0f, 0.0f, 0.0f},
                         {3.0f, -3.0f, 1.0f, 0.5f}};
  uint8_t y[4][2];
  QNNStatus status;
  if (mlp(&x[0][0], &y[0][0], &status) != QNN_STATUS_OK) {
    fprintf(stderr, "mlp: %s\n", status.message);
    return 1;
  }
  /* The output's quantization: scale 6/255 (as float32), zero point 128. */
  const float scale = 0.0235294122248888f;
  for (int i = 0; i < 4; ++i)
    printf("row %d: %3d %3d  (%g, %g)\n", i, y[i][0], y[i][1],
           (y[i][0] - 128) * scale, (y[i][1] - 128) * scale);
  return 0;
}
