/* A C caller of a function compiled with qnn-to-llvm{runtime-checks=status}
 * (status-from-c.mlir): a call with matching sizes, then one whose rhs is
 * shorter, through the C interface and QNNStatus.h. */
#include "quant/Runtime/QNNStatus.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  int8_t *allocated;
  int8_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} MemRef1D;

void _mlir_ciface_add(MemRef1D *result, MemRef1D *lhs, MemRef1D *rhs,
                      QNNStatus *status);

static MemRef1D view(int8_t *data, int64_t n) {
  MemRef1D m = {data, data, 0, {n}, {1}};
  return m;
}

static int run(int8_t *a, int64_t na, int8_t *b, int64_t nb) {
  MemRef1D lhs = view(a, na), rhs = view(b, nb), result;
  QNNStatus status;
  status.code = 77;
  _mlir_ciface_add(&result, &lhs, &rhs, &status);
  if (status.code != QNN_STATUS_OK) {
    printf("code %d (size mismatch: %d), result %s: %s\n", status.code,
           status.code == QNN_STATUS_SIZE_MISMATCH,
           result.allocated == NULL ? "null" : "set", status.message);
    return 1;
  }
  printf("code 0, message '%s':", status.message);
  for (int64_t i = 0; i < result.sizes[0]; ++i)
    printf(" %d", result.aligned[result.offset + i]);
  printf("\n");
  free(result.allocated);
  return 0;
}

int main(void) {
  int8_t a[5] = {1, 2, 3, 4, 5}, b[5] = {10, 20, 30, 40, 50};
  int ok = run(a, 5, b, 5) == 0;
  int failed = run(a, 5, b, 3) == 1;
  return ok && failed ? 0 : 1;
}
