// Compiled ahead of time and linked with LeakSanitizer: every buffer the
// generated code allocates (results returned through calls, in a loop) is
// freed, or the run fails. The numbers check that the work was done.
// RUN: quant-opt %s --qnn-to-llvm | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %clang -O2 -fsanitize=address %t.ll -o %t.exe -L%mlir_lib_dir \
// RUN:   -lmlir_runner_utils -lmlir_c_runner_utils -Wl,-rpath,%mlir_lib_dir
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.exe | FileCheck %s

!u8 = !quant.uniform<u8:f32, 0.1:10>

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @roundtrip(%x: tensor<?xf32>) -> tensor<?xf32> {
  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>
  %d = qnn.dequantize %q : tensor<?x!u8> -> tensor<?xf32>
  return %d : tensor<?xf32>
}

// main returns 0: a void main would leave a garbage exit status.
func.func @main() -> i32 {
  %c = arith.constant dense<[100.0, 1.0, 2.0, -0.05, 0.15, 3.0, 4.0, 5.0,
                             6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0,
                             14.0, 15.0, 16.0, 17.0]> : tensor<20xf32>
  %x = tensor.cast %c : tensor<20xf32> to tensor<?xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %last = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %x) -> (tensor<?xf32>) {
    %y = func.call @roundtrip(%acc) : (tensor<?xf32>) -> tensor<?xf32>
    scf.yield %y : tensor<?xf32>
  }
  %u = tensor.cast %last : tensor<?xf32> to tensor<*xf32>
  // CHECK: [24.5,  1,  2,  0,  0.2,  3,  4,  5,  6,  7,  8,  9,  10,  11,  12,  13,  14,  15,  16,  17]
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  %ok = arith.constant 0 : i32
  return %ok : i32
}
