// --parallel: the products run on OpenMP threads. The object calls the
// OpenMP runtime, -shared links LLVM's libomp into the library, and a C
// program gets the scalar reference's results on two threads.
// REQUIRES: openmp
// RUN: quant-compile %s --parallel -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: quant-compile %s --parallel -shared -o %t.dir/libparallel.so --header %t.h
// RUN: llvm-readobj --needed-libs %t.dir/libparallel.so | FileCheck %s --check-prefix=SO
// RUN: %clang -O2 -include %t.h %S/Inputs/parallel_main.c -L%t.dir -lparallel -Wl,-rpath,%t.dir -o %t.exe
// RUN: env OMP_NUM_THREADS=2 %t.exe | FileCheck %s

// OBJ: U __kmpc_fork_call
// OBJ: T parallel

// SO: libomp.so

// CHECK: status 0, 4096 outputs, 0 mismatches, 1658 saturated

// 64 x 256 x 64 = 2^20 multiply-adds: the size from which the products use
// threads. All scales are 1: the result is the accumulator, saturated.
!a = !quant.uniform<u8:f32, 1.0>
!w = !quant.uniform<i8:f32, 1.0>
!y = !quant.uniform<u8:f32, 1.0>
func.func @model(%x: tensor<64x256x!a>, %w: tensor<256x64x!w>) -> tensor<64x64x!y> {
  %y = qnn.matmul %x, %w : tensor<64x256x!a>, tensor<256x64x!w> -> tensor<64x64x!y>
  return %y : tensor<64x64x!y>
}
