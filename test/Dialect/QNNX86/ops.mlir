// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trip of every qnnx86 op at each width, in the custom and the
// generic form.

// vpdpbusd on 4, 8 and 16 i32 lanes (128, 256 and 512 bits).
// CHECK-LABEL: func.func @vpdpbusd_widths
// CHECK-SAME: (%[[ACC4:.*]]: vector<4xi32>, %[[A16:.*]]: vector<16xi8>, %[[ACC8:.*]]: vector<8xi32>, %[[A32:.*]]: vector<32xi8>, %[[ACC16:.*]]: vector<16xi32>, %[[A64:.*]]: vector<64xi8>, %[[B64:.*]]: vector<64xi8>)
// CHECK: %[[R4:.*]] = qnnx86.vpdpbusd %[[ACC4]], %[[A16]], %[[A16]] : vector<16xi8>, vector<16xi8> -> vector<4xi32>
// CHECK: %[[R8:.*]] = qnnx86.vpdpbusd %[[ACC8]], %[[A32]], %[[A32]] : vector<32xi8>, vector<32xi8> -> vector<8xi32>
// CHECK: %[[R16:.*]] = qnnx86.vpdpbusd %[[ACC16]], %[[A64]], %[[B64]] : vector<64xi8>, vector<64xi8> -> vector<16xi32>
// CHECK: return %[[R4]], %[[R8]], %[[R16]]
func.func @vpdpbusd_widths(%acc4: vector<4xi32>, %a16: vector<16xi8>, %acc8: vector<8xi32>, %a32: vector<32xi8>, %acc16: vector<16xi32>, %a64: vector<64xi8>, %b64: vector<64xi8>) -> (vector<4xi32>, vector<8xi32>, vector<16xi32>) {
  %r4 = qnnx86.vpdpbusd %acc4, %a16, %a16 : vector<16xi8>, vector<16xi8> -> vector<4xi32>
  %r8 = qnnx86.vpdpbusd %acc8, %a32, %a32 : vector<32xi8>, vector<32xi8> -> vector<8xi32>
  %r16 = qnnx86.vpdpbusd %acc16, %a64, %b64 : vector<64xi8>, vector<64xi8> -> vector<16xi32>
  return %r4, %r8, %r16 : vector<4xi32>, vector<8xi32>, vector<16xi32>
}

// vpmaddwd on 4, 8 and 16 i32 lanes (8, 16 and 32 i16 values).
// CHECK-LABEL: func.func @vpmaddwd_widths
// CHECK-SAME: (%[[A8:.*]]: vector<8xi16>, %[[A16:.*]]: vector<16xi16>, %[[B16:.*]]: vector<16xi16>, %[[A32:.*]]: vector<32xi16>)
// CHECK: %[[R4:.*]] = qnnx86.vpmaddwd %[[A8]], %[[A8]] : vector<8xi16> -> vector<4xi32>
// CHECK: %[[R8:.*]] = qnnx86.vpmaddwd %[[A16]], %[[B16]] : vector<16xi16> -> vector<8xi32>
// CHECK: %[[R16:.*]] = qnnx86.vpmaddwd %[[A32]], %[[A32]] : vector<32xi16> -> vector<16xi32>
// CHECK: return %[[R4]], %[[R8]], %[[R16]]
func.func @vpmaddwd_widths(%a8: vector<8xi16>, %a16: vector<16xi16>, %b16: vector<16xi16>, %a32: vector<32xi16>) -> (vector<4xi32>, vector<8xi32>, vector<16xi32>) {
  %r4 = qnnx86.vpmaddwd %a8, %a8 : vector<8xi16> -> vector<4xi32>
  %r8 = qnnx86.vpmaddwd %a16, %b16 : vector<16xi16> -> vector<8xi32>
  %r16 = qnnx86.vpmaddwd %a32, %a32 : vector<32xi16> -> vector<16xi32>
  return %r4, %r8, %r16 : vector<4xi32>, vector<8xi32>, vector<16xi32>
}
