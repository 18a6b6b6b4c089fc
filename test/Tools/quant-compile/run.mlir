// A C program calls a model compiled by quant-compile through its header:
// an object linked into the program, then the same model as a shared
// library. Correct sizes give status 0 and the exact results; a wrong
// dynamic size of an output, or of an input against another, gives
// QNN_STATUS_SIZE_MISMATCH with the located message and leaves every
// output as it was; a NULL status gives the same code.
// RUN: quant-compile %s --header %t.h -o %t.o
// RUN: %clang -O2 -include %t.h %S/Inputs/run_main.c %t.o -o %t.exe
// RUN: %t.exe | FileCheck %s
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: quant-compile %s -shared -o %t.dir/librun.so
// RUN: llvm-nm -D --defined-only %t.dir/librun.so | FileCheck %s --check-prefix=EXPORTS
// RUN: %clang -O2 -include %t.h %S/Inputs/run_main.c -L%t.dir -lrun -Wl,-rpath,%t.dir -o %t.shared.exe
// RUN: %t.shared.exe | FileCheck %s

// The library exports the entry point and nothing else.
// EXPORTS-NOT: {{ [TDBR] }}
// EXPORTS: T run
// EXPORTS-NOT: {{ [TDBR] }}

// u8 x s8 products accumulate exactly and saturate to u8: 14 = 1*1 + 2*2 +
// 3*3, 600 -> 255, -10 -> 0. The quantize / dequantize pair is PyTorch's
// quantize_per_tensor([100, 1, 2, -3], 0.1, 10, quint8): 100 saturates.
// CHECK:      status 0 ''
// CHECK-NEXT: matmul: 14 2 | 32 2 | 255 0 | 10 0
// CHECK-NEXT: quantize: 255 20 30 0
// CHECK-NEXT: dequantize: 24.5 1 2 -1
// CHECK-NEXT: status 1 '{{.*}}run.mlir:[[# @LINE + 17]]:3: bufferization.materialize_in_destination: dimension 0: the destination has size 3 but the value has size 4'
// CHECK-NEXT: matmul: 7 7 | 7 7 | 7 7 | 7 7
// CHECK-NEXT: quantize: 7 7 7 7
// CHECK-NEXT: status 1 '{{.*}}run.mlir:[[# @LINE + 14]]:3: bufferization.materialize_in_destination: dimension 0: the destination has size 3 but the value has size 4'
// CHECK-NEXT: quantize: 7 7 7 7
// CHECK-NEXT: NULL status: 1

!a = !quant.uniform<u8:f32, 1.0>
!w = !quant.uniform<i8:f32, 1.0>
!y = !quant.uniform<u8:f32, 1.0>
!u8 = !quant.uniform<u8:f32, 0.1:10>
func.func @run(%x: tensor<?x3x!a>, %f: tensor<?xf32>)
    -> (tensor<?x2x!y>, tensor<?x!u8>, tensor<?xf32>) {
  %w = qnn.constant dense<[[1, -1], [2, 0], [3, 1]]> : tensor<3x2xsi8> -> tensor<3x2x!w>
  %y = qnn.matmul %x, %w : tensor<?x3x!a>, tensor<3x2x!w> -> tensor<?x2x!y>
  %q = qnn.quantize %f : tensor<?xf32> -> tensor<?x!u8>
  %d = qnn.dequantize %q : tensor<?x!u8> -> tensor<?xf32>
  return %y, %q, %d : tensor<?x2x!y>, tensor<?x!u8>, tensor<?xf32>
}
