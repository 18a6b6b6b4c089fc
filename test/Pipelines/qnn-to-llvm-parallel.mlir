// qnn-to-llvm{parallel}: the row blocks of a matmul (2^20 multiply-adds
// and more; here 130 x 128 x 64) and the 4 remaining rows become OpenMP worksharing loops inside omp.parallel regions, which
// LLVM IR translation turns into __kmpc_fork_call; without the option no
// OpenMP appears.
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell parallel=1" | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell parallel=1" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=SERIAL

// CHECK-LABEL: llvm.func @linear(
// CHECK: omp.parallel {
// CHECK: omp.wsloop {
// CHECK: omp.loop_nest (%{{.*}}) : i64 = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// CHECK: omp.yield
// CHECK: omp.parallel {
// CHECK: omp.wsloop {
// LLVM-LABEL: define {{.*}} @linear(
// LLVM: call void (ptr, i32, ptr, ...) @__kmpc_fork_call(
// SERIAL-LABEL: llvm.func @linear(
// SERIAL-NOT: omp.
// SERIAL: llvm.return
func.func @linear(%a: tensor<130x64x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<64x128x!quant.uniform<i8:f32, 0.01>>) -> tensor<130x128x!quant.uniform<u8:f32, 0.2:3>> {
  %y = qnn.matmul %a, %w : tensor<130x64x!quant.uniform<u8:f32, 0.05:128>>, tensor<64x128x!quant.uniform<i8:f32, 0.01>> -> tensor<130x128x!quant.uniform<u8:f32, 0.2:3>>
  return %y : tensor<130x128x!quant.uniform<u8:f32, 0.2:3>>
}
