// Each stage of quant-compile (--emit): the LLVM dialect after qnn-to-llvm
// with the C entry point, LLVM IR after O3, assembly, and the object file
// (default), in which only the entry point is exported.
// RUN: quant-compile %s --emit=mlir | FileCheck %s --check-prefix=MLIR
// RUN: quant-compile %s --emit=llvm --target-cpu=haswell | FileCheck %s --check-prefix=HASWELL
// RUN: quant-compile %s --emit=llvm --target-cpu=znver4 | FileCheck %s --check-prefix=ZNVER4
// RUN: quant-compile %s --emit=llvm --target-cpu=x86-64 --target-features=+avx2,+fma --vector-width=128 | FileCheck %s --check-prefix=V128
// RUN: quant-compile %s --emit=asm --target-cpu=haswell -o - | FileCheck %s --check-prefix=ASM
// RUN: quant-compile %s -o %t.o && llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
// RUN: quant-compile %s --name=renamed -o %t.o && llvm-nm %t.o | FileCheck %s --check-prefix=RENAMED

// The model's function is internal, renamed out of the way of the entry
// point; the entry point takes a pointer and its dynamic size per tensor
// and the status, builds the descriptors (allocated = aligned, offset 0,
// row-major strides) and calls it with the caller's status or a local one.
// MLIR-LABEL: llvm.func internal @__qnn_emit_impl(
// MLIR-SAME:    %arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64, %arg7: !llvm.ptr, %arg8: !llvm.ptr, %arg9: i64, %arg10: i64, %arg11: i64, %arg12: i64, %arg13: i64, %arg14: !llvm.ptr) attributes
// MLIR:       llvm.call @snprintf
// MLIR-LABEL: llvm.func @emit(
// MLIR-SAME:    %[[IN:.*]]: !llvm.ptr, %[[ROWS:.*]]: i64, %[[OUT:.*]]: !llvm.ptr, %[[OUT_ROWS:.*]]: i64, %[[STATUS:.*]]: !llvm.ptr) -> i32
// MLIR-SAME:    target_cpu
// MLIR:         %[[LOCAL:.*]] = llvm.alloca %{{.*}} x !llvm.array<512 x i8> {alignment = 4 : i64}
// MLIR:         %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// MLIR:         %[[IS_NULL:.*]] = llvm.icmp "eq" %[[STATUS]], %[[NULL]]
// MLIR:         %[[S:.*]] = llvm.select %[[IS_NULL]], %[[LOCAL]], %[[STATUS]]
// MLIR:         llvm.call @__qnn_emit_impl(%[[IN]], %[[IN]], %{{.*}}, %[[ROWS]], %{{.*}}, %{{.*}}, %{{.*}}, %[[OUT]], %[[OUT]], %{{.*}}, %[[OUT_ROWS]], %{{.*}}, %{{.*}}, %{{.*}}, %[[S]])
// MLIR:         %[[CODE:.*]] = llvm.load %[[S]] : !llvm.ptr -> i32
// MLIR:         llvm.return %[[CODE]] : i32

// HASWELL: target triple = "x86_64
// HASWELL: define i32 @emit(ptr
// HASWELL: <8 x float>
// HASWELL-NOT: define {{.*}}@__qnn_emit_impl
// HASWELL: "target-cpu"="haswell"

// ZNVER4: define i32 @emit(ptr
// ZNVER4: <16 x float>
// ZNVER4: "target-cpu"="znver4"

// V128: define i32 @emit(ptr
// V128: <4 x float>
// V128-NOT: <8 x float>
// V128: "target-cpu"="x86-64" "target-features"="+avx2,+fma"

// ASM: .globl emit
// ASM: emit:
// ASM: vmulps {{.*}}%ymm

// Only the entry point is defined globally; libc's snprintf writes the
// status message.
// OBJ-NOT: {{ [TDB] }}
// OBJ: T emit
// OBJ-NOT: {{ [TDB] }}
// OBJ: U snprintf
// OBJ-NOT: {{ [TDB] }}

// RENAMED: T renamed

!u8 = !quant.uniform<u8:f32, 0.1:10>
func.func @model(%x: tensor<?x16xf32>) -> tensor<?x16x!u8> {
  %q = qnn.quantize %x : tensor<?x16xf32> -> tensor<?x16x!u8>
  return %q : tensor<?x16x!u8>
}
