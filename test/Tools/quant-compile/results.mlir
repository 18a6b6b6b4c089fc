// Results in any form become outputs the caller owns: an input returned as
// it is, one value returned twice, a constant; an unused input is still an
// argument. The input is left as it was (the driver marks the inputs
// bufferization.writable = false).
// RUN: quant-compile %s --header %t.h -o %t.o
// RUN: %clang -O2 -include %t.h %S/Inputs/results_main.c %t.o -o %t.exe
// RUN: %t.exe | FileCheck %s

// CHECK: status 0
// CHECK-NEXT: x: 1 2 3
// CHECK-NEXT: copy: 1 2 3
// CHECK-NEXT: twice: 2 4 6 | 2 4 6
// CHECK-NEXT: constant: 7 -7

func.func @results(%x: tensor<?xf32>, %unused: tensor<3xi32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<2xi64>) {
  %y = arith.addf %x, %x : tensor<?xf32>
  %c = arith.constant dense<[7, -7]> : tensor<2xi64>
  return %x, %y, %y, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<2xi64>
}
