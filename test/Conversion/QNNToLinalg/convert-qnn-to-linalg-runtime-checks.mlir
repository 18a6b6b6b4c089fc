// Every relation between sizes that a verifier checks when the sizes are
// static becomes a qnn.check_size where one of them is dynamic, at the
// start of the function, with the sizes resolved to the arguments'.
// RUN: quant-opt %s --convert-qnn-to-linalg --canonicalize --cse | FileCheck %s

!i8 = !quant.uniform<i8:f32, 0.25:0>
!pa = !quant.uniform<i8:f32:1, {0.5:0, 0.25:0}>
!b = !quant.uniform<i32:f32:0, {0.125:0, 0.0625:0}>
!cb = !quant.uniform<i32:f32, 0.0625:0>

// A dynamic size is never broadcast: both operands' sizes of result
// dimension 0 must agree; dimension 1 is stretched from rhs's static 1.
// CHECK-LABEL: func.func @add_broadcast
// CHECK-DAG: %[[B0:.*]] = tensor.dim %arg1, %c0
// CHECK-DAG: %[[A0:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[B0]] eq %[[A0]], "qnn.add: result dimension 0: rhs has size {0} but lhs has size {1}"
// CHECK-NOT: qnn.check_size
// CHECK: tensor.empty(%[[A0]])
func.func @add_broadcast(%a: tensor<?x4x!i8>, %b: tensor<?x1x!i8>) -> tensor<?x4x!i8> {
  %s = qnn.add %a, %b : tensor<?x4x!i8>, tensor<?x1x!i8> -> tensor<?x4x!i8>
  return %s : tensor<?x4x!i8>
}

// The mul's check is on the add's result, whose size is resolved to the
// argument's: both checks come first, before any computation.
// CHECK-LABEL: func.func @chain
// CHECK-DAG: %[[B:.*]] = tensor.dim %arg1, %c0
// CHECK-DAG: %[[A:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[B]] eq %[[A]], "qnn.add: result dimension 0: rhs has size {0} but lhs has size {1}"
// CHECK: %[[C:.*]] = tensor.dim %arg2, %c0
// CHECK: qnn.check_size %[[C]] eq %[[A]], "qnn.mul: result dimension 0: rhs has size {0} but lhs has size {1}"
// CHECK: tensor.empty
// CHECK: linalg.generic
// CHECK-NOT: qnn.check_size
func.func @chain(%a: tensor<?x!i8>, %b: tensor<?x!i8>, %c: tensor<?x!i8>) -> tensor<?x!i8> {
  %s = qnn.add %a, %b : tensor<?x!i8>, tensor<?x!i8> -> tensor<?x!i8>
  %t = qnn.mul %s, %c : tensor<?x!i8>, tensor<?x!i8> -> tensor<?x!i8>
  return %t : tensor<?x!i8>
}

// CHECK-LABEL: func.func @concat
// CHECK: %[[A0:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[A0]] eq %c4, "qnn.concat: dimension 0: input #0 has size {0} but the result has size {1}"
// CHECK: %[[B0:.*]] = tensor.dim %arg1, %c0
// CHECK: qnn.check_size %[[B0]] eq %c4, "qnn.concat: dimension 0: input #1 has size {0} but the result has size {1}"
// CHECK: tensor.concat
func.func @concat(%a: tensor<?x2x!i8>, %b: tensor<?x3x!i8>) -> tensor<4x5x!i8> {
  %c = qnn.concat dim(1) %a, %b : tensor<?x2x!i8>, tensor<?x3x!i8> -> tensor<4x5x!i8>
  return %c : tensor<4x5x!i8>
}

// CHECK-LABEL: func.func @concat_total
// CHECK: %[[A1:.*]] = tensor.dim %arg0, %c1
// CHECK: %[[SUM:.*]] = arith.addi %[[A1]], %c3
// CHECK: qnn.check_size %[[SUM]] eq %c5, "qnn.concat: dimension 1: the inputs add up to {0} but the result has size {1}"
// CHECK: tensor.concat
func.func @concat_total(%a: tensor<2x?x!i8>, %b: tensor<2x3x!i8>) -> tensor<2x5x!i8> {
  %c = qnn.concat dim(1) %a, %b : tensor<2x?x!i8>, tensor<2x3x!i8> -> tensor<2x5x!i8>
  return %c : tensor<2x5x!i8>
}

// CHECK-LABEL: func.func @batch_matmul
// CHECK-DAG: %[[WB:.*]] = tensor.dim %arg1, %c0
// CHECK-DAG: %[[AB:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[WB]] eq %[[AB]], "qnn.matmul: batch: rhs has size {0} but lhs has size {1}"
// CHECK: %[[K:.*]] = tensor.dim %arg1, %c1
// CHECK: qnn.check_size %[[K]] eq %c4, "qnn.matmul: K: rhs has {0} rows but lhs has {1} columns"
// CHECK: %[[M:.*]] = tensor.dim %arg0, %c1
// CHECK: qnn.check_size %[[M]] eq %c2, "qnn.matmul: M: lhs has {0} rows but the result has {1}"
// CHECK: tensor.empty(%[[AB]])
func.func @batch_matmul(%a: tensor<?x?x4x!i8>, %w: tensor<?x?x3x!i8>) -> tensor<?x2x3x!i8> {
  %y = qnn.matmul %a, %w : tensor<?x?x4x!i8>, tensor<?x?x3x!i8> -> tensor<?x2x3x!i8>
  return %y : tensor<?x2x3x!i8>
}

// CHECK-LABEL: func.func @matmul_bias_per_axis
// CHECK: %[[N:.*]] = tensor.dim %arg1, %c1
// CHECK: qnn.check_size %[[N]] eq %c2, "qnn.matmul: N: rhs has {0} columns but its type has {1} scales"
// CHECK: %[[L:.*]] = tensor.dim %arg2, %c0
// CHECK: qnn.check_size %[[L]] eq %[[N]], "qnn.matmul: the bias has {0} elements but there are {1} output channels"
// CHECK: qnn.check_size %[[L]] eq %c2, "qnn.matmul: the bias has {0} elements but its type has {1} scales"
// CHECK: tensor.empty
func.func @matmul_bias_per_axis(%a: tensor<2x4x!i8>, %w: tensor<4x?x!pa>, %b: tensor<?x!b>) -> tensor<2x?x!i8> {
  %y = qnn.matmul %a, %w, %b : tensor<2x4x!i8>, tensor<4x?x!pa>, tensor<?x!b> -> tensor<2x?x!i8>
  return %y : tensor<2x?x!i8>
}

// The window must fit before the result size is computed from it.
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[N]] eq %c1, "qnn.max_pool2d: dimension 0: the input has size {0} but the result type has size {1}"
// CHECK: %[[H:.*]] = tensor.dim %arg0, %c1
// CHECK: qnn.check_size %[[H]] ge %c2, "qnn.max_pool2d: dimension 1: the padded input has size {0}, smaller than the window's span {1}"
// CHECK: %[[REST:.*]] = arith.subi %[[H]], %c2
// CHECK: %[[STEPS:.*]] = arith.divui %[[REST]], %c2
// CHECK: %[[OH:.*]] = arith.addi %[[STEPS]], %c1
// CHECK: qnn.check_size %[[OH]] eq %c2, "qnn.max_pool2d: dimension 1: the input gives a result of size {0} but the result type has size {1}"
// CHECK-NOT: qnn.check_size
// CHECK: linalg.pooling_nhwc_max
func.func @max_pool(%x: tensor<?x?x4x2x!i8>) -> tensor<1x2x2x2x!i8> {
  %p = qnn.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [1, 1] padding [0, 0, 0, 0] : tensor<?x?x4x2x!i8> -> tensor<1x2x2x2x!i8>
  return %p : tensor<1x2x2x2x!i8>
}

// The bias of a convolution against its static output channels.
// CHECK-LABEL: func.func @conv_bias
// CHECK: %[[L:.*]] = tensor.dim %arg2, %c0
// CHECK: qnn.check_size %[[L]] eq %c4, "qnn.conv2d: the bias has {0} elements but there are {1} output channels"
// CHECK-NOT: qnn.check_size
// CHECK: tensor.empty
func.func @conv_bias(%x: tensor<1x3x3x2x!i8>, %w: tensor<3x3x2x4x!i8>, %b: tensor<?x!cb>) -> tensor<1x1x1x4x!i8> {
  %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] : tensor<1x3x3x2x!i8>, tensor<3x3x2x4x!i8>, tensor<?x!cb> -> tensor<1x1x1x4x!i8>
  return %y : tensor<1x1x1x4x!i8>
}

// A cast from a dynamic to a static size, as at a function boundary.
// CHECK-LABEL: func.func @cast
// CHECK: %[[D:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[D]] eq %c3, "tensor.cast: dimension 0 has size {0} but the static type has {1}"
// CHECK-NOT: qnn.check_size
// CHECK: tensor.cast
func.func @cast(%x: tensor<?x?xi8>) -> tensor<3x?xi8> {
  %c = tensor.cast %x : tensor<?x?xi8> to tensor<3x?xi8>
  return %c : tensor<3x?xi8>
}

// A value written into a caller's buffer must have the buffer's sizes.
// CHECK-LABEL: func.func @into_buffer
// CHECK-DAG: %[[D:.*]] = memref.dim %arg1, %c0
// CHECK-DAG: %[[S:.*]] = tensor.dim %arg0, %c0
// CHECK: qnn.check_size %[[D]] eq %[[S]], "bufferization.materialize_in_destination: dimension 0: the destination has size {0} but the value has size {1}"
// CHECK: bufferization.materialize_in_destination
func.func @into_buffer(%x: tensor<?xi8>, %out: memref<?xi8>) {
  bufferization.materialize_in_destination %x in restrict writable %out : (tensor<?xi8>, memref<?xi8>) -> ()
  return
}

// Static sizes were checked by the verifier: no run-time check.
// CHECK-LABEL: func.func @static
// CHECK-NOT: qnn.check_size
// CHECK: return
func.func @static(%a: tensor<4x!i8>, %b: tensor<4x!i8>) -> tensor<4x!i8> {
  %s = qnn.add %a, %b : tensor<4x!i8>, tensor<4x!i8> -> tensor<4x!i8>
  return %s : tensor<4x!i8>
}
