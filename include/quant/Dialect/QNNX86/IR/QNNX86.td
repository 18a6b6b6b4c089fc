//===- QNNX86.td - x86 instructions of quantized kernels ---*- tablegen -*-===//
//
// The `qnnx86` dialect: the x86 instructions that the code generator of the
// quantized kernels selects, one op per instruction, each lowered to its
// LLVM intrinsic by `convert-qnnx86-to-llvm`.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DIALECT_QNNX86_IR_QNNX86_TD
#define QUANT_DIALECT_QNNX86_IR_QNNX86_TD

include "mlir/Dialect/LLVMIR/LLVMInterfaces.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def QNNX86_Dialect : Dialect {
  let name = "qnnx86";
  let summary = "x86 instructions of the quantized kernels.";
  let description = [{
    The target layer below `qnn`: integer vector instructions that x86 has
    and that generic vector code does not express (or that LLVM does not
    form from it), for the vectorizer to use when the target has them. Each
    op is one instruction on 128-, 256- or 512-bit vectors, with the
    instruction's exact (wrapping) arithmetic, and implements
    `OneToOneIntrinsicOpInterface`: `convert-qnnx86-to-llvm` turns every op
    into an `llvm.call_intrinsic` of the intrinsic for its width, as
    upstream's `x86vector` ops are lowered. The ops do not check that the
    target has the instruction: the passes that create them do.
  }];
  let cppNamespace = "::mlir::qnnx86";
}

class QNNX86_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNNX86_Dialect, mnemonic,
         !listconcat(traits, [Pure, OneToOneIntrinsicOpInterface])>;

def QNNX86_VpdpbusdOp : QNNX86_Op<"vpdpbusd",
    [AllTypesMatch<["acc", "result"]>, AllTypesMatch<["a", "b"]>]> {
  let summary = "Four u8 x s8 byte products per i32 lane, added to it (VNNI).";
  let description = [{
    For each 32-bit lane `j` of `acc`:
    `acc[j] + sum_{t < 4} zext(a[4j + t]) * sext(b[4j + t])`, in wrapping
    i32 arithmetic: the bytes of `a` are unsigned, those of `b` signed. This
    is x86's `vpdpbusd` (AVX512-VNNI, with AVX512VL below 512 bits, or
    AVX-VNNI at 128 and 256 bits) on 4, 8 or 16 lanes; it lowers to
    `llvm.x86.avx512.vpdpbusd.{128,256,512}`.
    The vectorizer emits it for u8 x s8 byte products on targets that have
    it (its `dot-product` option).

    ```mlir
    // Before
    %r = qnnx86.vpdpbusd %acc, %a, %b : vector<64xi8>, vector<64xi8> -> vector<16xi32>
    // After convert-qnnx86-to-llvm
    %r = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%acc, %a, %b)
        : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
    ```
  }];
  let arguments = (ins VectorOfRankAndType<[1], [I32]>:$acc,
      VectorOfRankAndType<[1], [I8]>:$a, VectorOfRankAndType<[1], [I8]>:$b);
  let results = (outs VectorOfRankAndType<[1], [I32]>:$result);
  let assemblyFormat = [{
    $acc `,` $a `,` $b attr-dict `:` type($a) `,` type($b) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    std::string getIntrinsicName();
  }];
}

def QNNX86_VpmaddwdOp : QNNX86_Op<"vpmaddwd", [AllTypesMatch<["a", "b"]>]> {
  let summary = "Products of i16 pairs, adjacent ones added into i32 lanes.";
  let description = [{
    For each 32-bit lane `j` of the result:
    `sext(a[2j]) * sext(b[2j]) + sext(a[2j + 1]) * sext(b[2j + 1])`. Each
    product fits in i32; only their sum when all four values are -32768
    (2^31) does not, and it wraps to -2^31 as the instruction does. This is
    x86's `vpmaddwd` (SSE2, AVX2, AVX512BW) on 4, 8 or 16 lanes, the 16-bit
    product path of targets without VNNI; it lowers to
    `llvm.x86.sse2.pmadd.wd` (128 bits), `llvm.x86.avx2.pmadd.wd` (256) or
    `llvm.x86.avx512.pmaddw.d.512` (512).

    ```mlir
    // Before
    %r = qnnx86.vpmaddwd %a, %b : vector<16xi16> -> vector<8xi32>
    // After convert-qnnx86-to-llvm
    %r = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%a, %b)
        : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
    ```
  }];
  let arguments = (ins VectorOfRankAndType<[1], [I16]>:$a,
      VectorOfRankAndType<[1], [I16]>:$b);
  let results = (outs VectorOfRankAndType<[1], [I32]>:$result);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` type($a) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    std::string getIntrinsicName();
  }];
}

#endif // QUANT_DIALECT_QNNX86_IR_QNNX86_TD
