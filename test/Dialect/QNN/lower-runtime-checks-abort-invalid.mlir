// RUN: quant-opt %s --qnn-lower-runtime-checks --verify-diagnostics

// A C library function the abort lowering calls, declared with another type.
// expected-error @below {{redefinition of function 'dprintf' of different type '!llvm.func<i32 (i32, ptr, ...)>' is prohibited}}
llvm.func @dprintf(i64) -> i32

func.func @clash(%n: index, %m: index) {
  // expected-error @below {{qnn-lower-runtime-checks: the module declares 'dprintf' with another type than the C library's}}
  qnn.check_size %n eq %m, "sizes {0} {1}"
  return
}
