// The C header of a model (--header): an include guard, <stdint.h>,
// QNNStatus under the include guard of quant/Runtime/QNNStatus.h, one
// comment per argument with its name, tensor type, C type and shape, the
// dynamic sizes after their buffer, inputs before outputs, and extern "C".
// RUN: quant-compile %s --header %t.h -o %t.o
// RUN: FileCheck %s --input-file=%t.h
// RUN: quant-compile %s --name=my_model --header - -o %t.o | FileCheck %s --check-prefix=NAME
// It compiles as C and as C++, alone and after QNNStatus.h.
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -x c %t.h
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -x c++ %t.h
// RUN: printf '#include "quant/Runtime/QNNStatus.h"\n#include "%t.h"\nint main(void) { QNNStatus s; return header(0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1, &s) + QNN_STATUS_SIZE_MISMATCH; }\n' \
// RUN:   | %clang -fsyntax-only -Wall -Werror -I%quant_src/include -x c -

// CHECK:      #ifndef QNN_MODEL_HEADER_H
// CHECK-NEXT: #define QNN_MODEL_HEADER_H
// CHECK:      #include <stdint.h>
// CHECK:      #ifndef QUANT_RUNTIME_QNNSTATUS_H
// CHECK-NEXT: #define QUANT_RUNTIME_QNNSTATUS_H
// CHECK-NEXT: #define QNN_STATUS_MESSAGE_SIZE 508
// CHECK:        QNN_STATUS_OK = 0,
// CHECK-NEXT:   QNN_STATUS_SIZE_MISMATCH = 1,
// CHECK:      typedef struct QNNStatus {
// CHECK-NEXT:   int32_t code;
// CHECK-NEXT:   char message[QNN_STATUS_MESSAGE_SIZE];
// CHECK-NEXT: } QNNStatus;
// CHECK-NEXT: #endif
// CHECK:      extern "C" {
// CHECK:      int32_t header(
// CHECK-NEXT:     /* input 0 'pixels': tensor<?x4xf32>, float [in0_d0][4] */
// CHECK-NEXT:     const float *in0, int64_t in0_d0,
// CHECK-NEXT:     /* input 1 'weights': tensor<4x3xi8>, int8_t [4][3] */
// CHECK-NEXT:     const int8_t *in1,
// CHECK-NEXT:     /* input 2: tensor<?x?x!quant.uniform<u8:f32, 5.000000e-01:3>>, uint8_t [in2_d0][in2_d1] */
// CHECK-NEXT:     const uint8_t *in2, int64_t in2_d0, int64_t in2_d1,
// CHECK-NEXT:     /* input 3: tensor<i64>, int64_t (a scalar) */
// CHECK-NEXT:     const int64_t *in3,
// CHECK-NEXT:     /* input 4: tensor<?xui8>, uint8_t [in4_d0] */
// CHECK-NEXT:     const uint8_t *in4, int64_t in4_d0,
// CHECK-NEXT:     /* output 0 'widened': tensor<4x3xi32>, int32_t [4][3] */
// CHECK-NEXT:     int32_t *out0,
// CHECK-NEXT:     /* output 1: tensor<?x4x!quant.uniform<u8:f32, 1.000000e-01:10>>, uint8_t [out1_d0][4] */
// CHECK-NEXT:     uint8_t *out1, int64_t out1_d0,
// CHECK-NEXT:     /* output 2: tensor<?xui8>, uint8_t [out2_d0] */
// CHECK-NEXT:     uint8_t *out2, int64_t out2_d0,
// CHECK-NEXT:     QNNStatus *status);
// CHECK:      #ifdef __cplusplus
// CHECK-NEXT: }
// CHECK-NEXT: #endif
// CHECK:      #endif /* QNN_MODEL_HEADER_H */

// NAME: #ifndef QNN_MODEL_MY_MODEL_H
// NAME: int32_t my_model(

!u8 = !quant.uniform<u8:f32, 0.1:10>
!h = !quant.uniform<u8:f32, 0.5:3>
func.func @model(%x: tensor<?x4xf32> loc("pixels"),
                 %w: tensor<4x3xi8> {onnx.name = "weights"},
                 %h: tensor<?x?x!h>, %n: tensor<i64>, %u: tensor<?xui8>)
    -> (tensor<4x3xi32> {onnx.name = "widened"}, tensor<?x4x!u8>, tensor<?xui8>) {
  %e = arith.extsi %w : tensor<4x3xi8> to tensor<4x3xi32>
  %q = qnn.quantize %x : tensor<?x4xf32> -> tensor<?x4x!u8>
  return %e, %q, %u : tensor<4x3xi32>, tensor<?x4x!u8>, tensor<?xui8>
}
