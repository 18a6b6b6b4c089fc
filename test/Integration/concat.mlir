// qnn.concat executed: a u8 (scale 0.1, zero point 10) input requantized
// into the result's u8 (scale 0.2, zero point 4), next to an input of the
// result's type with a dynamic size. Worked out by hand: 11 -> 0.1 -> 0.5
// (tie, to even 0) -> 4; 13 -> 0.3 -> 1.5 -> 2 -> 6; 0 -> -1.0 -> -5 + 4
// saturates at 0; 255 -> 24.5 -> 122.5 -> 122 -> 126; 30 -> 2.0 -> 14.
// The same concat as a QDQ island with upstream casts (FUSED) gives the
// same numbers through qnn-fuse-qdq.
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-import-quant --qnn-fuse-qdq | FileCheck %s --check-prefix=FUSED

!qa = !quant.uniform<u8:f32, 0.1:10>
!qb = !quant.uniform<u8:f32, 0.2:4>

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @cat(%a: tensor<2x3xi8>, %b: tensor<2x?xi8>) -> tensor<2x?xi32> {
  %qa = qnn.storage_cast %a : tensor<2x3xi8> -> tensor<2x3x!qa>
  %qb = qnn.storage_cast %b : tensor<2x?xi8> -> tensor<2x?x!qb>
  %c = qnn.concat dim(1) %qa, %qb : tensor<2x3x!qa>, tensor<2x?x!qb> -> tensor<2x?x!qb>
  %s = qnn.storage_cast %c : tensor<2x?x!qb> -> tensor<2x?xi8>
  %e = arith.extui %s : tensor<2x?xi8> to tensor<2x?xi32>
  return %e : tensor<2x?xi32>
}

// FUSED-LABEL: func.func @cat_qdq
// FUSED: qnn.concat dim(1)
// FUSED-NOT: tensor.concat
func.func @cat_qdq(%a: tensor<2x3xi8>, %b: tensor<2x2xi8>) -> tensor<2x5xi32> {
  %qa = quant.scast %a : tensor<2x3xi8> to tensor<2x3x!qa>
  %qb = quant.scast %b : tensor<2x2xi8> to tensor<2x2x!qb>
  %fa = quant.dcast %qa : tensor<2x3x!qa> to tensor<2x3xf32>
  %fb = quant.dcast %qb : tensor<2x2x!qb> to tensor<2x2xf32>
  %f = tensor.concat dim(1) %fa, %fb : (tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x5xf32>
  %q = quant.qcast %f : tensor<2x5xf32> to tensor<2x5x!qb>
  %s = quant.scast %q : tensor<2x5x!qb> to tensor<2x5xi8>
  %e = arith.extui %s : tensor<2x5xi8> to tensor<2x5xi32>
  return %e : tensor<2x5xi32>
}

func.func @main() {
  %a = arith.constant dense<[[10, 11, 13], [0, -1, 30]]> : tensor<2x3xi8>
  %b = arith.constant dense<[[1, 2], [-1, 4]]> : tensor<2x2xi8>
  %bd = tensor.cast %b : tensor<2x2xi8> to tensor<2x?xi8>
  %r = call @cat(%a, %bd) : (tensor<2x3xi8>, tensor<2x?xi8>) -> tensor<2x?xi32>
  %u = tensor.cast %r : tensor<2x?xi32> to tensor<*xi32>
  // CHECK: {{\[}}[4,   4,   6,   1,   2],
  // CHECK-NEXT: [0,   126,   14,   255,   4]]
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  %q = call @cat_qdq(%a, %b) : (tensor<2x3xi8>, tensor<2x2xi8>) -> tensor<2x5xi32>
  %qu = tensor.cast %q : tensor<2x5xi32> to tensor<*xi32>
  // CHECK: {{\[}}[4,   4,   6,   1,   2],
  // CHECK-NEXT: [0,   126,   14,   255,   4]]
  call @printMemrefI32(%qu) : (tensor<*xi32>) -> ()
  return
}
