//===- Passes.td - QNN transformation passes ---------------*- tablegen -*-===//

#ifndef QUANT_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QUANT_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QNNImportQuant : Pass<"qnn-import-quant"> {
  let summary = "Turn upstream quant.qcast/dcast/scast into qnn ops";
  let description = [{
    Frontends that speak the upstream `quant` dialect mark quantization with
    `quant.qcast`, `quant.dcast` and `quant.scast`, whose numerics are left
    to the consumer. This pass gives them the project's exact semantics
    (PyTorch flavour) and validates their types with the same checks as the
    qnn verifiers; a type the contract cannot honour (a u8 zero point of 300,
    a NaN scale) is reported at the cast and the pass fails.

    ```mlir
    // Before
    %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<u8:f32, 0.1:10>>
    %y = quant.dcast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> to tensor<3xf32>
    // After
    %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
    %y = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
    ```

    Run it before any canonicalization: upstream's `quant.dcast` folder
    would otherwise fold `dcast(qcast(x))` to `x`, which is not exact.
  }];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNFuseQDQ : Pass<"qnn-fuse-qdq"> {
  let summary = "Rewrite dequantize -> float op -> quantize islands into qnn integer ops";
  let description = [{
    Frontends express quantized layers as float ops between dequantize and
    quantize (the QDQ form). This pass turns each such island into the qnn
    integer op, whose arithmetic is exact in i32 and rounds once, in the
    rounding mode the `rounding` option names:

    ```mlir
    // Before (qnn ops or upstream quant.dcast / quant.qcast)
    %a = qnn.dequantize %qa : tensor<4x16x!qa> -> tensor<4x16xf32>
    %w = qnn.dequantize %qw : tensor<16x8x!qw> -> tensor<16x8xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
    %y = linalg.matmul ins(%a, %w : ...) outs(%z : tensor<4x8xf32>) -> tensor<4x8xf32>
    %q = qnn.quantize %y : tensor<4x8xf32> -> tensor<4x8x!qo>
    // After
    %q = qnn.matmul %qa, %qw : tensor<4x16x!qa>, tensor<16x8x!qw> -> tensor<4x8x!qo>
    ```

    `linalg.matmul` and `linalg.batch_matmul` with their default indexing,
    accumulating into zeros or into a dequantized i32 bias broadcast over
    the rows (`linalg.broadcast`, as linear layers are lowered) or followed
    by an `arith.addf` of such a broadcast bias, are fused; weights may come from a quantize of
    a float constant. Float clamps between the product and the quantize
    (`arith.maximumf` / `minimumf` with a splat constant: ReLU, ReLU6)
    become a `qnn.clamp` of the result. Likewise `linalg.conv_2d_nhwc_hwcf`
    and `linalg.depthwise_conv_2d_nhwc_hwc` (on the dequantized input, or
    on a `tensor.pad` of it with 0.0, the zero point, which becomes the
    padding; into zeros or a broadcast bias) become `qnn.conv2d`;
    `arith.addf` / `arith.mulf` of dequantized tensors `qnn.add` /
    `qnn.mul`; `linalg.pooling_nhwc_max` into a fill of -inf (on the input
    or a -inf pad of it) `qnn.max_pool2d`, requantized exactly into the
    quantize's type when it differs; `arith.divf` by a splat count of a
    `linalg.pooling_nhwc_sum` (on the input or a 0.0 pad of it, into zeros)
    `qnn.avg_pool2d`. `tensor.concat` of dequantized
    per-tensor values becomes `qnn.concat`. An island the integer op cannot express (per-axis
    activations, a dynamic K, an accumulator that could overflow) is left
    as it is: correct float code. The fusion changes the numbers on
    purpose: the integer op is what the QDQ form stands for.

    An island that ends in an onnx-flavour `qnn.quantize` (an ONNX model's
    `QuantizeLinear`) stands for what ONNX Runtime runs for it: its graph
    optimizer fuses DQ -> MatMul / Conv / Gemm / Add / Mul -> Q into
    QLinearMatMul, QLinearConv, QLinearAdd and QLinearMul, and drops the
    casts around a MaxPool that keeps its type. Such islands become
    `qnn.matmul` / `qnn.conv2d` / `qnn.mul` in the `float` rounding mode
    (whatever `rounding` says) and `qnn.add` in `flavour(onnx)`, the same
    numbers as those kernels. An average pool over the whole image becomes
    QLinearGlobalAveragePool's `qnn.avg_pool2d` (multiplier
    `f32(s_x / f32(s_y * count))`); any other average pool stays float with
    QLinearAveragePool's rounding, `rne(y / s_y + z_y)` with the zero point
    added before the rounding. A max pool that changes type and a concat,
    whose ONNX Runtime kernels round otherwise, stay float. `fuse-onnx=false` leaves every onnx-flavour island float, as
    ONNX Runtime computes with its graph optimizations disabled.
  }];
  let options = [
    Option<"rounding", "rounding", "std::string", /*default=*/"\"float\"",
           "Rounding mode of the fused ops' output stage: float, "
           "double_round, half_up or half_away">,
    Option<"fuseOnnx", "fuse-onnx", "bool", /*default=*/"true",
           "Fuse islands that end in an onnx-flavour quantize as ONNX "
           "Runtime's graph optimizer fuses them">,
  ];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNFoldConstants : Pass<"qnn-fold-constants"> {
  let summary = "Fold compile-time quantization arithmetic at the qnn level";
  let description = [{
    Folds what is known at compile time into the qnn ops, where a reader
    of the IR sees it:

    - a `qnn.clamp` (ReLU, ReLU6, general bounds) of the only use of a
      compute op's result (`qnn.matmul`, `qnn.conv2d`, `qnn.add`,
      `qnn.mul`, `qnn.avg_pool2d`) becomes that op's `min` / `max`, which
      its output stage applies as its saturation bounds;
    - constant float weights quantized in the graph become `qnn.constant`
      storage integers, and every other exact qnn fold applies (the
      folders of docs/Semantics.md, section 9).

    ```mlir
    // Before
    %y = qnn.matmul %a, %w : ... -> tensor<4x8x!qo>
    %r = qnn.clamp %y min(0.0) : tensor<4x8x!qo>
    // After
    %r = qnn.matmul %a, %w min(0.000000e+00) : ... -> tensor<4x8x!qo>
    ```

    - with constant weights (a 2-D `qnn.matmul`, an unpadded
      `qnn.conv2d`) and an activation zero point `za != 0`, the zero-point
      correction and the bias fold into one i32 constant per output
      channel: `sum (a - za)(w - zw) + bias = sum a (w - zw) + bias'` with
      `bias'[n] = bias[n] - za * sum_k (w[k, n] - zw[n])`, and the op reads
      the activations with zero point 0 (the same storage, through
      `qnn.storage_cast`). A padded convolution keeps `za`, which its
      padded taps hold; `convert-qnn-to-linalg` folds its weight terms.

    `convert-qnn-to-linalg` turns the multipliers and shifts of the output
    stages into constants.
  }];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNLegalizeU8S8 : Pass<"qnn-legalize-u8s8"> {
  let summary = "Shift signed 8-bit activations of products to u8 for u8 x s8 dot products";
  let description = [{
    Dot-product instructions such as x86 VNNI's `vpdpbusd` multiply
    unsigned by signed bytes. For a `qnn.matmul` or `qnn.conv2d` with i8
    activations and i8 weights, this pass reads the activations as u8 with
    the zero point shifted by 128 (`a + 128`, zero point `za + 128`, the
    same scale), through an exact `qnn.requantize` with a multiplier of 1:

        (a - za) = ((a + 128) - (za + 128))

    so the accumulator is unchanged, and the compensation `-128 * sum_k w`
    becomes part of the zero-point term `-za' * sum_k w` that
    `qnn-fold-constants` or the lowering folds into one constant per output
    channel. `qnn-to-llvm` runs it when the target has a u8 x s8 dot product
    (AVX512-VNNI, AVX-VNNI); elsewhere the products keep the exact widening
    form (both operands extended to i32).
  }];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNFuseElementwise : Pass<"qnn-fuse-elementwise"> {
  let summary = "Fuse chains of elementwise linalg ops on tensors into one";
  let description = [{
    Runs upstream elementwise fusion after detaching each all-parallel
    `linalg.generic` from init tensors whose values its body never reads:
    such an init (as `convert-elementwise-to-linalg` produces by reusing an
    operand) only gives the shape, and keeping it would make the producer
    of that operand unfusable. The result is one generic per chain of
    elementwise ops, and so one loop and no intermediate buffer.

    ```mlir
    // Before
    %d = linalg.generic ... ins(%q) outs(%e0)        // dequantize
    %m = linalg.generic ... ins(%d, %x) outs(%d)     // arith.mulf
    // After
    %m = linalg.generic ... ins(%q, %x) outs(%e1)    // both bodies in one
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def QNNVectorizeElementwise : Pass<"qnn-vectorize-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Vectorize elementwise linalg.generic ops on buffers along their innermost loop";
  let description = [{
    Rewrites every all-parallel `linalg.generic` on memrefs whose indexing
    maps are projected permutations into an `scf.for` nest whose innermost
    loop processes `vector-width / 32` elements per iteration with
    `vector.load` / `vector.store`, followed by one masked iteration
    (`vector.maskedload` / `vector.maskedstore`) for the tail, so no
    element is computed twice and no access runs past the end. Inputs
    indexed by an outer loop (per-channel constants) are loaded once and
    broadcast; contiguous operands are collapsed to one dimension first.
    When the single result is an integer truncation by 2 or 4 (the i32 ->
    i8 end of a quantize), a first loop computes that many vectors per step
    and packs their low parts with `vector.bitcast` and `vector.shuffle`
    into one full-width store (little-endian targets only), which x86
    lowers to two byte permutes per 64 results instead of four narrowing
    stores.

    Generics with reduction loops are left to `qnn-vectorize-products`,
    others to `convert-linalg-to-loops`.

    ```mlir
    // Before
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%x : memref<?xf32>) outs(%y : memref<?xi8>) { ... }
    // After
    scf.for %i = %c0 to %main step %c16 {
      %v = vector.load %x[%i] : memref<?xf32>, vector<16xf32>
      ...
      vector.store %r, %y[%i] : memref<?xi8>, vector<16xi8>
    }
    %m = vector.create_mask %rest : vector<16xi1>
    %t = vector.maskedload %x[%main], %m, %zero ...
    ```
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"512",
           "Vector register width in bits; 32-bit lanes per iteration are "
           "vector-width / 32">,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Make the loops outside the vector loop one scf.parallel (over "
           "chunks of 16384 elements for a flat generic) when the generic "
           "has at least 2^16 elements">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def QNNPackProducts : Pass<"qnn-pack-products", "::mlir::func::FuncOp"> {
  let summary = "Put the operands of byte products in the form the target's instruction reads: constant weights packed, activations widened for vpmaddwd";
  let description = [{
    For every `linalg.generic` on tensors whose body is a byte product
    `acc + ext(x) * ext(y)` (the raw sums of `qnn.matmul` and `qnn.conv2d`)
    with constant weights `y` indexed `(p..., k, n)` (`k` the innermost
    reduction loop, `n` the innermost parallel loop), replaces the weights
    with a new constant in the layout that `instruction` reads with one
    vector load per step, and the indexing map that reads it:

    ```
    [P..., K, N] -> [P..., ceil(N / L), ceil(K / s), L * s]
    (p..., k, n) -> (p..., n floordiv L, k floordiv s, (n mod L) * s + k mod s)
    ```

    with `L = vector-width / 32` output channels per vector and `s` the
    instruction's reduction steps per i32 lane (4 for `vpdpbusd`, u8 x s8
    only; 2 for `vpmaddwd`), zero-padded. The generic computes the same
    sums; `qnn-vectorize-products` (with the same options) recognizes the
    map and loads the packed vectors instead of interleaving weight rows in
    its inner loop. Run-time weights and `instruction=widen` are left as
    they are.

    With `instruction=vpmaddwd`, the byte activations `x` are also widened
    to i16 once, by an elementwise `linalg.generic` (extended as the body
    extends them; the body then extends the i16 values as signed, the same
    i32): each pair of reduction steps is then one 32-bit word to
    broadcast, where bytes need a broadcast and a widening shuffle for
    every row, pair and block of output channels.

    ```mlir
    // Before (vpmaddwd, vector-width=256): weights 3 x 10
    %w = arith.constant dense<...> : tensor<3x10xi8>
    linalg.generic {indexing_maps = [.., (m, n, k) -> (k, n), ..]} ins(%a, %w ..)
    // After: 2 vectors of 8 channels x 2 pairs of steps x 16 bytes
    %w = arith.constant dense<...> : tensor<2x2x16xi8>
    linalg.generic {indexing_maps = [..,
        (m, n, k) -> (n floordiv 8, k floordiv 2, (n mod 8) * 2 + k mod 2), ..]}
    ```
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"512",
           "Vector register width in bits; output channels per packed "
           "vector are vector-width / 32">,
    Option<"instruction", "instruction", "::mlir::qnn::ProductInstruction",
           /*default=*/"::mlir::qnn::ProductInstruction::Widen",
           "Instruction whose layout the weights take",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::ProductInstruction::Widen, "widen",
                        "no packing"),
             clEnumValN(::mlir::qnn::ProductInstruction::Vpmaddwd, "vpmaddwd",
                        "pairs of reduction steps per i32 lane (x86)"),
             clEnumValN(::mlir::qnn::ProductInstruction::Vpdpbusd, "vpdpbusd",
                        "groups of four reduction steps per i32 lane (x86 VNNI)"))}]>,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def QNNVectorizeProducts : Pass<"qnn-vectorize-products", "::mlir::func::FuncOp"> {
  let summary = "Vectorize product reductions on buffers, with the target's byte-product instruction";
  let description = [{
    Rewrites every `linalg.generic` on memrefs with reduction loops whose
    single output is indexed by its parallel loops in order (the raw sums
    of products of `qnn.matmul` and `qnn.conv2d`, row and window sums) into
    a loop nest vectorized along the innermost parallel loop: the
    accumulator vectors are loaded once, carried through the reduction
    loops in `scf.for` iter_args and stored once; inputs that do not depend
    on the vector loop are broadcast. Every element accumulates the same
    exact i32 sum as the scalar loop.

    A body `acc + ext(x) * ext(y)` of bytes, with `x` read along the
    innermost reduction loop (activations) and `y` a vector along the
    vector loop (weights), runs several reduction steps per instruction of
    the `qnnx86` target layer (`instruction`):
    - `vpdpbusd`: four u8 x s8 steps per i32 lane (x86 VNNI);
    - `vpmaddwd`: the bytes widened exactly to i16 (by their own
      signedness), two steps per i32 lane (any x86 with SSE2; AVX2 and
      AVX512BW for 256 and 512 bits);
    - `widen`: none, one widened multiply per step.
    Weights packed by `qnn-pack-products` for the same lanes and
    instruction are read with one vector load per step (no interleaving),
    and the reduction steps past the last whole group are one more masked
    step (the packed weights are zero there). Packed weights of another
    layout leave the generic to the scalar loops. Run-time weights of a
    product whose weight vectors serve 16 rows or more (a static count, or
    dynamic) are packed the same way once per call, into a `memref.alloc`
    scratch buffer (freed by the buffer deallocation pipeline), by vector
    loops before the product; with fewer rows they are interleaved in the
    inner loop. Activations widened to i16 by `qnn-pack-products` are
    broadcast as one 32-bit word per pair of steps.

    When the reduction runs in one pass (no cache tiles), the accumulators
    of an output buffer filled with zeros start from zero registers (the
    fill goes), and an output stage that follows the product (an
    elementwise generic reading its accumulators with the identity map
    from a buffer nothing else reads) is computed on the accumulator
    registers of each instruction's register block and stored in its own
    type: the accumulator buffer and the output stage's loop go.

    With an instruction, 8 consecutive indices of the parallel loop just
    outside the vector loop (the rows of a matmul, the output columns of a
    convolution) share each interleaved weight vector, when the weights do
    not depend on that loop.

    The register block is 8 x 1 vectors for `vpdpbusd`, 6 x 2 for
    `vpmaddwd` at 128/256 bits (16 registers) and 8 x 2 at 512 (option
    `register-block`). With an instruction, the loop over blocks of output
    channels is outermost, so that their weights stay in cache while the
    rows (or output pixels) pass over them, and the
    innermost reduction loop runs in cache tiles of 256 steps (the
    accumulators go through the output buffer between tiles).

    With `parallel`, the loop over output channels and the other loops
    outside the vector loop become one `scf.parallel` (its iterations
    write disjoint outputs), which `convert-scf-to-openmp` distributes
    over threads.

    ```mlir
    // Before: C[m, n] += ext(A[m, k]) * ext(W[k, n]), u8 x s8
    linalg.generic {iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %w : memref<?x?xi8>, memref<?x?xi8>) outs(%c : memref<?x?xi32>)
    // After (instruction=vpmaddwd, vector-width=256), per block of 8 rows:
    %y = vector.shuffle %w0, %w1 [0, 8, 1, 9, ...] : vector<8xi8>, vector<8xi8>
    %ys = arith.extsi %y : vector<16xi8> to vector<16xi16>
    %p = qnnx86.vpmaddwd %xs, %ys : vector<16xi16> -> vector<8xi32>
    %acc1 = arith.addi %acc0, %p : vector<8xi32>
    ```
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"512",
           "Vector register width in bits; 32-bit lanes per iteration are "
           "vector-width / 32">,
    Option<"instruction", "instruction", "::mlir::qnn::ProductInstruction",
           /*default=*/"::mlir::qnn::ProductInstruction::Widen",
           "Instruction for byte products",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::ProductInstruction::Widen, "widen",
                        "one widened multiply-add per reduction step"),
             clEnumValN(::mlir::qnn::ProductInstruction::Vpmaddwd, "vpmaddwd",
                        "two 16-bit products per i32 lane (x86)"),
             clEnumValN(::mlir::qnn::ProductInstruction::Vpdpbusd, "vpdpbusd",
                        "four u8 x s8 products per i32 lane (x86 VNNI)"))}]>,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Make the loops outside the vector loop one scf.parallel">,
    ListOption<"registerBlock", "register-block", "int64_t",
               "Rows and vectors of columns of the register block of an "
               "instruction (e.g. 6,2); empty for the instruction's default">,
  ];
  let dependentDialects = ["::mlir::qnnx86::QNNX86Dialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def QNNExpandStridedCopies : Pass<"qnn-expand-strided-copies", "::mlir::func::FuncOp"> {
  let summary = "Turn memref.copy of strided buffers into linalg.copy";
  let description = [{
    `finalize-memref-to-llvm` lowers a `memref.copy` whose source or target
    is not contiguous (the pieces of a `tensor.concat`, for one) to a call
    of `memrefCopy` from the MLIR runner library, which a shared object of
    generated code cannot count on. As a `linalg.copy` it becomes loops in
    the generated code instead; contiguous copies (plain memcpy) are left.

    ```mlir
    // Before
    memref.copy %src, %view : memref<2x3xi8> to memref<2x3xi8, strided<[?, 1], offset: ?>>
    // After
    linalg.copy ins(%src : memref<2x3xi8>) outs(%view : memref<2x3xi8, strided<[?, 1], offset: ?>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def QNNLowerRuntimeChecks : Pass<"qnn-lower-runtime-checks", "::mlir::ModuleOp"> {
  let summary = "Lower qnn.check_size to an abort, an error status or nothing";
  let description = [{
    Lowers the run-time size checks that `convert-qnn-to-linalg` emits (at
    the start of each function, before anything is allocated or written)
    on buffers, before the conversion to the LLVM dialect. Each message is
    prefixed with the `file:line:col` of the op it checks, and names the
    op, the dimension and the two sizes.

    - `mode=abort`: a failed check writes its message to stderr (`dprintf`
      on file descriptor 2: unbuffered, so it survives the abort) and calls
      `abort()`.
    - `mode=status`: every function defined in the module takes one more
      argument, a pointer to a `QNNStatus` (`include/quant/Runtime/QNNStatus.h`:
      an `int32_t code` and a message of 508 bytes). Public functions
      set it to `QNN_STATUS_OK` on entry. A failed check writes code
      `QNN_STATUS_SIZE_MISMATCH` and the message, and the function returns
      null descriptors (zero scalars) without writing any output. A call
      between two functions of the module passes the status on and returns
      at once when the callee failed. The C interface
      (`_mlir_ciface_<name>`) takes the pointer as its last argument.
    - `mode=off`: the checks are removed, for callers that have proven
      their sizes.

    ```mlir
    // Before
    qnn.check_size %n eq %c3, "qnn.add: result dimension 0: rhs has size {0} but lhs has size {1}"
    // After (abort)
    %bad = arith.cmpi ne, %n, %c3 : index
    scf.if %bad {
      llvm.call @dprintf(%c2, %fmt, %n64, %c3_64) vararg(...) : ...
      llvm.call @abort() : () -> ()
    }
    ```

    In status mode a check or a call must sit in the function's own region
    (not inside a loop), which is where the conversion puts them.
  }];
  let options = [
    Option<"mode", "mode", "::mlir::qnn::RuntimeCheckMode",
           /*default=*/"::mlir::qnn::RuntimeCheckMode::Abort",
           "What a failed check does",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::RuntimeCheckMode::Abort, "abort",
                        "message on stderr, then abort()"),
             clEnumValN(::mlir::qnn::RuntimeCheckMode::Status, "status",
                        "an error status returned to the caller"),
             clEnumValN(::mlir::qnn::RuntimeCheckMode::Off, "off",
                        "no checks"))}]>,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::cf::ControlFlowDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::scf::SCFDialect"];
}

def QNNVerifyLLVM : Pass<"qnn-verify-llvm", "::mlir::ModuleOp"> {
  let summary = "Check that a lowered module is all LLVM dialect";
  let description = [{
    The last step of `qnn-to-llvm`: every op left in the module must be one
    that `mlir-translate --mlir-to-llvmir` translates (the `llvm` and `omp`
    dialects). Anything else, such as a function whose signature has a type
    without an LLVM form (a `tuple`), is reported at its location here,
    instead of by `mlir-translate` later.
  }];
}

def QNNSetTarget : Pass<"qnn-set-target", "::mlir::ModuleOp"> {
  let summary = "Attach target CPU, features and vector width to llvm.func ops";
  let description = [{
    Sets `target_cpu`, `target_features` and `prefer_vector_width` on every
    `llvm.func` definition so that the LLVM backend (including JIT runners,
    which honour per-function attributes) generates code for the chosen
    CPU. An empty `target-cpu` means the host CPU and its features.

    ```mlir
    llvm.func @f(...) attributes {prefer_vector_width = "512",
        target_cpu = "znver4", target_features = #llvm.target_features<[...]>}
    ```
  }];
  let options = [
    Option<"targetCpu", "target-cpu", "std::string", /*default=*/"\"\"",
           "CPU name as LLVM spells it (e.g. znver4, haswell); empty for the host">,
    Option<"targetFeatures", "target-features", "std::string", /*default=*/"\"\"",
           "Comma-separated feature list (e.g. +avx2,+fma); empty for the "
           "CPU's own features">,
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"0",
           "Preferred vector width in bits for the backend; 0 derives it "
           "from the features">,
    Option<"sanitizeAddress", "sanitize-address", "bool", /*default=*/"false",
           "Mark the functions for AddressSanitizer (sanitize_address), "
           "which instruments only the functions so marked when clang "
           "compiles LLVM IR with -fsanitize=address">,
  ];
}

#endif // QUANT_DIALECT_QNN_TRANSFORMS_PASSES_TD
