// --sanitize-address instruments the generated code as clang
// -fsanitize=address does: a caller's buffer shorter than the static shape
// is reported at the generated function's read, not read past silently.
// REQUIRES: asan-runtime
// RUN: quant-compile %s --sanitize-address --header %t.h -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
// RUN: %clang -fsanitize=address -include %t.h %S/Inputs/sanitize_main.c %t.o -o %t.exe
// RUN: %t.exe 8 | FileCheck %s --check-prefix=FITS
// RUN: not %t.exe 5 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: quant-compile %s -o %t.plain.o
// RUN: llvm-nm %t.plain.o | FileCheck %s --check-prefix=PLAIN

// OBJ: U __asan_
// PLAIN-NOT: __asan_

// FITS: status 0: 2 4 6 8 10 12 14 16
// SHORT: ERROR: AddressSanitizer: heap-buffer-overflow
// SHORT: READ of size

func.func @model(%x: tensor<8xf32>) -> tensor<8xf32> {
  %y = arith.addf %x, %x : tensor<8xf32>
  return %y : tensor<8xf32>
}
