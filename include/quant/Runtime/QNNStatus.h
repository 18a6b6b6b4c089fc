/*===- QNNStatus.h - Errors returned by generated code ------------*- C -*-===*\
|*                                                                            *|
|* The status that functions compiled by qnn-to-llvm{runtime-checks=status}   *|
|* write through their last argument: a C header, usable from C and C++.      *|
|*                                                                            *|
|*   QNNStatus status;                                                        *|
|*   _mlir_ciface_model(&result, &input, &status);                            *|
|*   if (status.code != QNN_STATUS_OK)                                        *|
|*     fprintf(stderr, "%s\n", status.message);                               *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_RUNTIME_QNNSTATUS_H
#define QUANT_RUNTIME_QNNSTATUS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Bytes of the message, its terminating NUL included.
#define QNN_STATUS_MESSAGE_SIZE 508

/// Codes of QNNStatus::code.
enum {
  /// The call succeeded; its results are valid.
  QNN_STATUS_OK = 0,
  /// A size of an argument disagrees with another one or with the static
  /// type: the call returned before writing any output, and its memref
  /// results are null descriptors.
  QNN_STATUS_SIZE_MISMATCH = 1,
};

/// Written by every public function on each call: code 0 and an empty
/// message on success; otherwise the code and a NUL-terminated message
/// `file:line:col: op: what, size and size` locating the failed check in
/// the source IR (truncated to fit).
typedef struct QNNStatus {
  int32_t code;
  char message[QNN_STATUS_MESSAGE_SIZE];
} QNNStatus;

#ifdef __cplusplus
}
#endif

#endif /* QUANT_RUNTIME_QNNSTATUS_H */
