//===- Passes.td - Lowerings out of qnn and qnnx86 ---------*- tablegen -*-===//

#ifndef QUANT_CONVERSION_PASSES_TD
#define QUANT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQNNToLinalg : Pass<"convert-qnn-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower qnn ops to integer and float arithmetic on tensors";
  let description = [{
    Replaces quantized element types by their storage integers (signless;
    4-bit storage is held one value per i8) and every qnn op by exact
    arithmetic: a `linalg.generic` with an `arith`/`math` body on tensors,
    or the same body on scalars. Scales, reciprocals, zero points,
    fixed-point multipliers and shifts are compile-time constants; per-axis
    ones become constant vectors read through the axis. Values are
    saturated before any float-to-integer conversion and NaN maps to the
    zero point, so no conversion can produce poison. Function signatures,
    calls, returns and structured control flow are converted too.

    ```mlir
    // Before
    %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!quant.uniform<u8:f32, 0.1:10>>
    // After (body abridged): multiply by f32(1 / 0.1), clamp to
    // [qmin - z, qmax - z], NaN to 0, then add 1.5 * 2^23 + z so that the
    // float's low bits are the rounded, shifted value (docs/Semantics.md).
    %q = linalg.generic {...} ins(%x : tensor<?xf32>) outs(%e : tensor<?xi8>) {
    ^bb0(%in: f32, %out: i8):
      %p = arith.mulf %in, %cst_10 : f32
      %c = ...                                    // select-based clamp, NaN test
      %s = arith.addf %c, %cst_0x4B40000A : f32
      %b = arith.bitcast %s : f32 to i32
      %r = arith.trunci %b : i32 to i8
      linalg.yield %r : i8
    } -> tensor<?xi8>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::cf::ControlFlowDialect"];
}

def ConvertQNNX86ToLLVM : Pass<"convert-qnnx86-to-llvm"> {
  let summary = "Lower qnnx86 ops to calls of their LLVM intrinsics";
  let description = [{
    Replaces every op of the `qnnx86` dialect by an `llvm.call_intrinsic`
    of the intrinsic that its `OneToOneIntrinsicOpInterface` names for its
    width; other ops are left alone. The ops are pure, so the pass can run
    with the other conversions to the LLVM dialect.

    ```mlir
    // Before
    %r = qnnx86.vpmaddwd %a, %b : vector<16xi16> -> vector<8xi32>
    // After
    %r = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%a, %b)
        : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // QUANT_CONVERSION_PASSES_TD
