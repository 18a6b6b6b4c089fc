//===- kernels.h - Kernels the benchmark compares ---------------*- C++ -*-===//
//
// Three implementations of the same three ops, all meant to be bit-identical
// to docs/Semantics.md:
//   ref_*   scalar C++, written line by line from the contract (the oracle);
//   hand_*  hand-written AVX-512 intrinsics (avx512_kernels.cpp);
//   the compiler's generated code, reached through the MLIR C interface
//   (bench.cpp).
// The u8 storage travels as uint8_t here and as i8 in the MLIR signatures;
// the bits are the same.
//
//===----------------------------------------------------------------------===//
#pragma once
#include <cstddef>
#include <cstdint>

/// Parameters of one u8 per-tensor quantized type.
struct QParams {
  float scale;  // f32(scale): the contract does all arithmetic with it
  int32_t zero; // zero point
};

// Scalar reference (bench.cpp, compiled with -ffp-contract=off).
void ref_quantize_u8(const float *x, uint8_t *q, size_t n, QParams p);
void ref_dequantize_u8(const uint8_t *q, float *x, size_t n, QParams p);
void ref_requantize_u8(const uint8_t *q, uint8_t *r, size_t n, QParams in,
                       QParams out);

// Hand-written AVX-512 (F+BW+DQ+VL). Call only when the CPU has them.
void hand_quantize_u8(const float *x, uint8_t *q, size_t n, QParams p);
void hand_dequantize_u8(const uint8_t *q, float *x, size_t n, QParams p);
void hand_requantize_u8(const uint8_t *q, uint8_t *r, size_t n, QParams in,
                        QParams out);
