// RUN: quant-opt %s --qnn-lower-dot-product | FileCheck %s

// qnn.dot_u8s8 becomes the vpdpbusd intrinsic of its width.
// CHECK-LABEL: func.func @dots
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%{{.*}}, %{{.*}}, %{{.*}}) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"(%{{.*}}, %{{.*}}, %{{.*}}) : (vector<8xi32>, vector<32xi8>, vector<32xi8>) -> vector<8xi32>
// CHECK-NOT: qnn.dot_u8s8
func.func @dots(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>, %acc8: vector<8xi32>, %c: vector<32xi8>) -> (vector<16xi32>, vector<8xi32>) {
  %r = qnn.dot_u8s8 %acc, %a, %b : vector<64xi8>, vector<64xi8> -> vector<16xi32>
  %s = qnn.dot_u8s8 %acc8, %c, %c : vector<32xi8>, vector<32xi8> -> vector<8xi32>
  return %r, %s : vector<16xi32>, vector<8xi32>
}
