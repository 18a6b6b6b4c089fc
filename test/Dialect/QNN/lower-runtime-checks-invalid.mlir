// RUN: quant-opt %s --split-input-file --qnn-lower-runtime-checks=mode=status --verify-diagnostics

// A status can only be returned from the function's own region.
func.func @in_loop(%n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    // expected-error @below {{qnn-lower-runtime-checks: in status mode, a size check must be in the function's own region, not inside 'scf.for'}}
    qnn.check_size %i eq %m, "loop {0} {1}"
  }
  return
}

// -----

func.func @callee(%n: index, %m: index) {
  qnn.check_size %n eq %m, "sizes {0} {1}"
  return
}

func.func @caller(%n: index, %m: index, %flag: i1) {
  scf.if %flag {
    // expected-error @below {{qnn-lower-runtime-checks: in status mode, a call that may fail must be in the function's own region, not inside 'scf.if'}}
    func.call @callee(%n, %m) : (index, index) -> ()
  }
  return
}

// -----

// A result type without a null value to return on failure.
// expected-error @below {{qnn-lower-runtime-checks: no null value of 'tensor<2xi8>' to return from a failed call}}
func.func @tensor_result(%n: index, %m: index, %t: tensor<2xi8>) -> tensor<2xi8> {
  qnn.check_size %n eq %m, "sizes {0} {1}"
  return %t : tensor<2xi8>
}

// -----

// A C library function the lowering calls, declared with another type.
// expected-error @below {{redefinition of function 'snprintf' of different type '!llvm.func<i32 (ptr, i64, ptr, ...)>' is prohibited}}
llvm.func @snprintf(i64) -> i32

func.func @clash(%n: index, %m: index) {
  // expected-error @below {{qnn-lower-runtime-checks: the module declares 'snprintf' with another type than the C library's}}
  qnn.check_size %n eq %m, "sizes {0} {1}"
  return
}
