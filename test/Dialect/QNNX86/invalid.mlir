// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the qnnx86 verifiers (QNNX86Dialect.cpp), one case per
// message and op: the instructions exist for 128-, 256- and 512-bit
// registers only, with a fixed number of inputs per i32 lane.

// vpdpbusd on 2 lanes (64 bits): no such instruction.
func.func @negative_vpdpbusd_lanes(%acc: vector<2xi32>, %a: vector<8xi8>) -> vector<2xi32> {
  // expected-error @+1 {{'qnnx86.vpdpbusd' op expected 4, 8 or 16 i32 lanes (128-, 256- or 512-bit vectors), got 2}}
  %r = qnnx86.vpdpbusd %acc, %a, %a : vector<8xi8>, vector<8xi8> -> vector<2xi32>
  return %r : vector<2xi32>
}

// -----

// vpdpbusd takes 4 bytes per lane: 8 bytes do not fill 4 lanes.
func.func @negative_vpdpbusd_bytes(%acc: vector<4xi32>, %a: vector<8xi8>) -> vector<4xi32> {
  // expected-error @+1 {{'qnnx86.vpdpbusd' op expected 4 bytes per i32 lane: 16 bytes, got 8}}
  %r = qnnx86.vpdpbusd %acc, %a, %a : vector<8xi8>, vector<8xi8> -> vector<4xi32>
  return %r : vector<4xi32>
}

// -----

// vpmaddwd on 32 lanes (1024 bits): no such instruction.
func.func @negative_vpmaddwd_lanes(%a: vector<64xi16>) -> vector<32xi32> {
  // expected-error @+1 {{'qnnx86.vpmaddwd' op expected 4, 8 or 16 i32 lanes (128-, 256- or 512-bit vectors), got 32}}
  %r = qnnx86.vpmaddwd %a, %a : vector<64xi16> -> vector<32xi32>
  return %r : vector<32xi32>
}

// -----

// vpmaddwd takes 2 i16 values per lane: 8 of them make 4 lanes, not 8.
func.func @negative_vpmaddwd_values(%a: vector<8xi16>) -> vector<8xi32> {
  // expected-error @+1 {{'qnnx86.vpmaddwd' op expected 2 i16 values per i32 lane: 16 i16 values, got 8}}
  %r = qnnx86.vpmaddwd %a, %a : vector<8xi16> -> vector<8xi32>
  return %r : vector<8xi32>
}
