/* Calls the model of results.mlir through its header (given with
 * -include) and prints every output and the input afterwards. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  float x[3] = {1, 2, 3}, copy[3], a[3], b[3];
  int32_t unused[3] = {0, 0, 0};
  int64_t c[2];
  int32_t code = results(x, 3, unused, copy, 3, a, 3, b, 3, c, NULL);
  printf("status %d\n", code);
  printf("x: %g %g %g\n", x[0], x[1], x[2]);
  printf("copy: %g %g %g\n", copy[0], copy[1], copy[2]);
  printf("twice: %g %g %g | %g %g %g\n", a[0], a[1], a[2], b[0], b[1], b[2]);
  printf("constant: %lld %lld\n", (long long)c[0], (long long)c[1]);
  return 0;
}
