// qnn.add flavour(onnx) gives ONNX Runtime 1.30's QLinearAdd (x86 AVX2
// kernel) bit for bit. The expected values are what ONNX Runtime returned
// for these inputs; the first element of @same_shape_a (46 + 195 -> 183)
// and the second of @same_shape_b (254 + 42 -> 25) are where a constant
// computed without the fused multiply-add, or the dequantize-add-quantize
// float formula (26), would differ. Then a one-element rhs and a
// one-element lhs, which ONNX Runtime folds into the constant.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

!a2 = !quant.uniform<u8:f32, 0.19983933866024017:72>
!b2 = !quant.uniform<u8:f32, 0.13221198320388794:111>
!c2 = !quant.uniform<u8:f32, 0.05072949081659317:67>
!a5 = !quant.uniform<u8:f32, 0.0175218153744936:225>
!b5 = !quant.uniform<u8:f32, 0.13744039833545685:87>
!c5 = !quant.uniform<u8:f32, 0.17466725409030914:58>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @print(%c: tensor<4xi8>) {
  %w = arith.extui %c : tensor<4xi8> to tensor<4xi32>
  %u = tensor.cast %w : tensor<4xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @same_shape_a(%a: tensor<4xi8>, %b: tensor<4xi8>) -> tensor<4xi8> {
  %qa = qnn.storage_cast %a : tensor<4xi8> -> tensor<4x!a2>
  %qb = qnn.storage_cast %b : tensor<4xi8> -> tensor<4x!b2>
  %c = qnn.add %qa, %qb flavour(onnx) : tensor<4x!a2>, tensor<4x!b2> -> tensor<4x!c2>
  %i = qnn.storage_cast %c : tensor<4x!c2> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

func.func @same_shape_b(%a: tensor<4xi8>, %b: tensor<4xi8>) -> tensor<4xi8> {
  %qa = qnn.storage_cast %a : tensor<4xi8> -> tensor<4x!a5>
  %qb = qnn.storage_cast %b : tensor<4xi8> -> tensor<4x!b5>
  %c = qnn.add %qa, %qb flavour(onnx) : tensor<4x!a5>, tensor<4x!b5> -> tensor<4x!c5>
  %i = qnn.storage_cast %c : tensor<4x!c5> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

func.func @scalar_rhs(%a: tensor<4xi8>, %b: tensor<1xi8>) -> tensor<4xi8> {
  %qa = qnn.storage_cast %a : tensor<4xi8> -> tensor<4x!a5>
  %qb = qnn.storage_cast %b : tensor<1xi8> -> tensor<1x!b5>
  %c = qnn.add %qa, %qb flavour(onnx) : tensor<4x!a5>, tensor<1x!b5> -> tensor<4x!c5>
  %i = qnn.storage_cast %c : tensor<4x!c5> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

func.func @scalar_lhs(%a: tensor<1xi8>, %b: tensor<4xi8>) -> tensor<4xi8> {
  %qa = qnn.storage_cast %a : tensor<1xi8> -> tensor<1x!a5>
  %qb = qnn.storage_cast %b : tensor<4xi8> -> tensor<4x!b5>
  %c = qnn.add %qa, %qb flavour(onnx) : tensor<1x!a5>, tensor<4x!b5> -> tensor<4x!c5>
  %i = qnn.storage_cast %c : tensor<4x!c5> -> tensor<4xi8>
  return %i : tensor<4xi8>
}

func.func @main() {
  %a = arith.constant dense<[46, 0, 255, 100]> : tensor<4xi8>
  %b = arith.constant dense<[195, 0, 255, 7]> : tensor<4xi8>
  %r0 = call @same_shape_a(%a, %b) : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  // CHECK: [183,  0,  255,  0]
  call @print(%r0) : (tensor<4xi8>) -> ()
  %a5 = arith.constant dense<[138, 254, 0, 255]> : tensor<4xi8>
  %b5 = arith.constant dense<[222, 42, 255, 0]> : tensor<4xi8>
  %r1 = call @same_shape_b(%a5, %b5) : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  // CHECK: [155,  25,  168,  0]
  call @print(%r1) : (tensor<4xi8>) -> ()
  %b1 = arith.constant dense<[222]> : tensor<1xi8>
  %r2 = call @scalar_rhs(%a5, %b1) : (tensor<4xi8>, tensor<1xi8>) -> tensor<4xi8>
  // CHECK: [155,  167,  142,  167]
  call @print(%r2) : (tensor<4xi8>) -> ()
  %a1 = arith.constant dense<[254]> : tensor<1xi8>
  %r3 = call @scalar_lhs(%a1, %b5) : (tensor<1xi8>, tensor<4xi8>) -> tensor<4xi8>
  // CHECK: [167,  25,  193,  0]
  call @print(%r3) : (tensor<4xi8>) -> ()
  return
}
