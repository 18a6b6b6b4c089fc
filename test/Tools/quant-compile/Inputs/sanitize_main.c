/* Calls the model of sanitize-address.mlir (8 floats in, 8 out) with an
 * input buffer of argv[1] floats from malloc. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 8;
  float *x = malloc(sizeof(float) * n);
  float y[8];
  for (int i = 0; i < n; ++i)
    x[i] = (float)(i + 1);
  int32_t code = sanitize_address(x, y, NULL);
  printf("status %d:", code);
  for (int i = 0; i < 8; ++i)
    printf(" %g", y[i]);
  printf("\n");
  free(x);
  return 0;
}
