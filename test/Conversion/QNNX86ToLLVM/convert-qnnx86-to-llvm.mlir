// RUN: quant-opt %s --convert-qnnx86-to-llvm | FileCheck %s

// Each qnnx86 op becomes the llvm.call_intrinsic of its width, on the same
// operands and with the same result type.

// vpdpbusd on 16 lanes: the AVX512-VNNI 512-bit form.
// CHECK-LABEL: func.func @vpdpbusd_512
// CHECK-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ACC]], %[[A]], %[[B]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// CHECK-NOT: qnnx86.vpdpbusd
// CHECK: return %[[R]]
func.func @vpdpbusd_512(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = qnnx86.vpdpbusd %acc, %a, %b : vector<64xi8>, vector<64xi8> -> vector<16xi32>
  return %r : vector<16xi32>
}

// vpdpbusd on 8 lanes: 256 bits (AVX-VNNI, or AVX512-VNNI with VL).
// CHECK-LABEL: func.func @vpdpbusd_256
// CHECK-SAME: (%[[ACC:.*]]: vector<8xi32>, %[[A:.*]]: vector<32xi8>, %[[B:.*]]: vector<32xi8>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"(%[[ACC]], %[[A]], %[[B]]) : (vector<8xi32>, vector<32xi8>, vector<32xi8>) -> vector<8xi32>
// CHECK: return %[[R]]
func.func @vpdpbusd_256(%acc: vector<8xi32>, %a: vector<32xi8>, %b: vector<32xi8>) -> vector<8xi32> {
  %r = qnnx86.vpdpbusd %acc, %a, %b : vector<32xi8>, vector<32xi8> -> vector<8xi32>
  return %r : vector<8xi32>
}

// vpdpbusd on 4 lanes: 128 bits.
// CHECK-LABEL: func.func @vpdpbusd_128
// CHECK-SAME: (%[[ACC:.*]]: vector<4xi32>, %[[A:.*]]: vector<16xi8>, %[[B:.*]]: vector<16xi8>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.128"(%[[ACC]], %[[A]], %[[B]]) : (vector<4xi32>, vector<16xi8>, vector<16xi8>) -> vector<4xi32>
// CHECK: return %[[R]]
func.func @vpdpbusd_128(%acc: vector<4xi32>, %a: vector<16xi8>, %b: vector<16xi8>) -> vector<4xi32> {
  %r = qnnx86.vpdpbusd %acc, %a, %b : vector<16xi8>, vector<16xi8> -> vector<4xi32>
  return %r : vector<4xi32>
}

// vpmaddwd on 16 lanes: the AVX512BW intrinsic, spelled pmaddw.d.
// CHECK-LABEL: func.func @vpmaddwd_512
// CHECK-SAME: (%[[A:.*]]: vector<32xi16>, %[[B:.*]]: vector<32xi16>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"(%[[A]], %[[B]]) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// CHECK-NOT: qnnx86.vpmaddwd
// CHECK: return %[[R]]
func.func @vpmaddwd_512(%a: vector<32xi16>, %b: vector<32xi16>) -> vector<16xi32> {
  %r = qnnx86.vpmaddwd %a, %b : vector<32xi16> -> vector<16xi32>
  return %r : vector<16xi32>
}

// vpmaddwd on 8 lanes: the AVX2 intrinsic.
// CHECK-LABEL: func.func @vpmaddwd_256
// CHECK-SAME: (%[[A:.*]]: vector<16xi16>, %[[B:.*]]: vector<16xi16>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[A]], %[[B]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// CHECK: return %[[R]]
func.func @vpmaddwd_256(%a: vector<16xi16>, %b: vector<16xi16>) -> vector<8xi32> {
  %r = qnnx86.vpmaddwd %a, %b : vector<16xi16> -> vector<8xi32>
  return %r : vector<8xi32>
}

// vpmaddwd on 4 lanes: the SSE2 intrinsic.
// CHECK-LABEL: func.func @vpmaddwd_128
// CHECK-SAME: (%[[A:.*]]: vector<8xi16>, %[[B:.*]]: vector<8xi16>)
// CHECK: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.sse2.pmadd.wd"(%[[A]], %[[B]]) : (vector<8xi16>, vector<8xi16>) -> vector<4xi32>
// CHECK: return %[[R]]
func.func @vpmaddwd_128(%a: vector<8xi16>, %b: vector<8xi16>) -> vector<4xi32> {
  %r = qnnx86.vpmaddwd %a, %b : vector<8xi16> -> vector<4xi32>
  return %r : vector<4xi32>
}

// Intrinsic ops of other dialects (x86vector's carry the same interface)
// are left to their own lowering.
// CHECK-LABEL: func.func @negative_other_dialect
// CHECK: x86vector.avx.rsqrt
// CHECK-NOT: llvm.call_intrinsic
func.func @negative_other_dialect(%a: vector<8xf32>) -> vector<8xf32> {
  %r = x86vector.avx.rsqrt %a : vector<8xf32>
  return %r : vector<8xf32>
}
