//===- QNNOps.td - QNN operation definitions ---------------*- tablegen -*-===//
//
// Operations of the `qnn` dialect. Every op works on scalars and on ranked
// tensors (static or dynamic shapes) whose element type is a
// `!quant.uniform` type, per tensor or per axis.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DIALECT_QNN_IR_QNNOPS_TD
#define QUANT_DIALECT_QNN_IR_QNNOPS_TD

include "quant/Dialect/QNN/IR/QNNDialect.td"
include "quant/Dialect/QNN/IR/QNNAttrs.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

// Operands and results are declared as AnyType: the verifiers check them
// precisely (scalar or ranked tensor, element types, quantization
// parameters) with better messages than ODS type constraints could give.

def QNN_QuantizeOp : QNN_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Quantizes float values, saturating, in a chosen flavour.";
  let description = [{
    Maps each float to the storage integer of the result's `!quant.uniform`
    type: `q = clamp(f32(z + rne(f32(x * f32(1 / s)))), qmin, qmax)` in the
    default `pytorch` flavour, or with `x / s` in the `onnx` flavour. `+inf`
    and values beyond the range saturate; NaN becomes the zero point.
    f16 and bf16 inputs are widened to f32 first (exactly).

    ```mlir
    %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
    %o = qnn.quantize %x flavour(onnx) : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 0.5>>
    ```

    With a constant operand the op folds to a `qnn.constant`:
    `[100.0, 1.0, 2.0]` above folds to `dense<[255, 20, 30]> : tensor<3xui8>`.
  }];
  let arguments = (ins AnyType:$input,
      DefaultValuedAttr<QNN_FlavourAttr, "::mlir::qnn::Flavour::pytorch">:$flavour);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `` custom<Flavour>($flavour) attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_DequantizeOp : QNN_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Converts quantized values back to f32.";
  let description = [{
    `x = f32(f32(q - z) * s)`: the integer subtraction is exact (64-bit for
    32-bit storage) and there is one float rounding, which is what PyTorch's
    `dequantize()` computes. The FMA form `q * s - z * s` is not used: it
    differs in the last bit.

    ```mlir
    %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xf32>
    ```

    `dequantize(quantize(x))` is never folded to `x`: it rounds and saturates.
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_RequantizeOp : QNN_Op<"requantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Converts between quantized types with a chosen rounding mode.";
  let description = [{
    Brings `a = q_in - z_in` to the output type with the real multiplier
    `M = s_in / s_out` (per channel where either type is per axis) and
    `q_out = clamp(z_out + r, qmin, qmax)`. The rounding mode says how `r`
    is computed: `float` (the default) dequantizes and quantizes in float32;
    `double_round`, `half_up` and `half_away` use a fixed-point multiplier
    and shift computed at compile time, and lower to integer instructions
    only.

    ```mlir
    %r = qnn.requantize %q rounding(double_round)
        : tensor<8x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<8x!quant.uniform<u8:f32, 0.25:7>>
    ```

    The integer modes need `q_in - z_in` to fit in 32 bits and `M < 2^30`.
    A requantize to an identical type folds away only when it is the
    identity on every input of the storage type (checked exhaustively for
    storage up to 16 bits).
  }];
  let arguments = (ins AnyType:$input,
      DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `` custom<Rounding>($rounding) attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_StorageCastOp : QNN_Op<"storage_cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "Reinterprets quantized values as their storage integers, or back.";
  let description = [{
    A bit-preserving cast between a quantized type and the signless integer
    of its storage width, in either direction (like `quant.scast`). It is
    how integer data enters and leaves quantized code.

    ```mlir
    %i = qnn.storage_cast %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>> -> tensor<3xi8>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_ClampOp : QNN_Op<"clamp", [Pure, SameOperandsAndResultType]> {
  let summary = "Clamps quantized values to real bounds (ReLU, ReLU6, ...).";
  let description = [{
    Keeps the operand's quantized type and clamps each storage value to the
    bounds `min` and `max` (real values, each optional), quantized with the
    type's parameters in the PyTorch flavour, per channel for per-axis
    types: `q_out = clamp(q, quantize(min), quantize(max))`. This is
    PyTorch's `quantized::clamp`; ReLU is `min = 0.0` (the zero point),
    ReLU6 adds `max = 6.0`.

    ```mlir
    %r = qnn.clamp %x min(0.0) max(6.0) : tensor<?x!quant.uniform<u8:f32, 0.05:10>>
    ```

    After a compute op, the lowering fuses the clamp into the op's output
    loop, so it costs one integer min and max per element.
  }];
  let arguments = (ins AnyType:$input, OptionalAttr<F32Attr>:$min,
      OptionalAttr<F32Attr>:$max);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input (`min` `(` $min^ `)`)? (`max` `(` $max^ `)`)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

class QNN_BinaryOp<string mnemonic, dag extraArgs = (ins),
                   string extraFormat = ""> : QNN_Op<mnemonic, [Pure]> {
  let arguments = !con((ins AnyType:$lhs, AnyType:$rhs), extraArgs,
      (ins DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding,
      OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max));
  let results = (outs AnyType:$result);
  let assemblyFormat = "$lhs `,` $rhs " # extraFormat # [{ `` custom<Rounding>($rounding)
    (`min` `(` $min^ `)`)? (`max` `(` $max^ `)`)? attr-dict `:`
    type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_AddOp : QNN_BinaryOp<"add",
    (ins DefaultValuedAttr<QNN_FlavourAttr, "::mlir::qnn::Flavour::pytorch">:$flavour),
    "`` custom<Flavour>($flavour)"> {
  let summary = "Elementwise sum of two quantized tensors, with broadcasting.";
  let description = [{
    `y = s_a (a - z_a) + s_b (b - z_b)` brought to the result type, with
    NumPy broadcasting (trailing dimensions aligned; a static size 1
    stretches). All three types are quantized per tensor, with storage of
    at most 16 bits.

    - `float` (the default): both sides dequantized (as `qnn.dequantize`),
      added in float32, and quantized into the result type (as
      `qnn.quantize`, PyTorch flavour). This is PyTorch's `quantized::add`
      as its scalar kernel computes it.
    - the integer modes round once: with `M_a = s_a / s_out`,
      `M_b = s_b / s_out`, a common shift `k` and integers `m_a`, `m_b`
      (the larger multiplier at 31 bits), `acc = m_a (a - z_a) +
      m_b (b - z_b)` is exact in i64 and `r = acc / 2^k` rounded by the
      mode; `q = clamp(z_out + r)`.
    - `flavour(onnx)`: ONNX Runtime's `QLinearAdd` kernel for x86 (AVX2),
      in float32 with fused multiply-adds: `r_a = s_a / s_out`,
      `r_b = s_b / s_out`, `c = z_out - fma(r_a, z_a, r_b * z_b)`, then
      per element `t = fma(a, r_a, fma(b, r_b, c))` (for a one-element
      operand, its term is folded into `c` with a multiply and an add),
      `q = clamp(rne(t))`, a `t` beyond i32 giving qmin. It takes no
      rounding mode.

    ```mlir
    %y = qnn.add %a, %b rounding(half_away)
        : tensor<4x8x!quant.uniform<u8:f32, 0.05:128>>,
          tensor<8x!quant.uniform<u8:f32, 0.1:3>>
        -> tensor<4x8x!quant.uniform<u8:f32, 0.2:10>>
    ```

    Optional `min(...)` and `max(...)` clamp the result as a following
    `qnn.clamp` would (real bounds, quantized in the result type), inside
    the output stage's `[qmin, qmax]`: ReLU is `min(0.0)`.
    `qnn-fold-constants` moves a `qnn.clamp` of the result here.
  }];
}

def QNN_MulOp : QNN_BinaryOp<"mul"> {
  let summary = "Elementwise product of two quantized tensors, with broadcasting.";
  let description = [{
    `y = s_a s_b (a - z_a)(b - z_b)`: the exact i32 product
    `acc = (a - z_a)(b - z_b)` brought to the result type by the output
    stage of `qnn.matmul`, with `M = s_a * s_b / s_out` (`float`:
    `rne(f32(f32(acc) * M32))`, `M32 = f32(f32(s_a * s_b) / s_out)`).
    Broadcasting and types as for `qnn.add`; the verifier requires the
    product of the two storage ranges to fit in i32.

    ```mlir
    %y = qnn.mul %a, %b : tensor<16x!quant.uniform<i8:f32, 0.05:-3>>,
        tensor<16x!quant.uniform<i8:f32, 0.1:0>>
        -> tensor<16x!quant.uniform<i8:f32, 0.2:1>>
    ```

    Optional `min(...)` and `max(...)` clamp the result as a following
    `qnn.clamp` would (real bounds, quantized in the result type), inside
    the output stage's `[qmin, qmax]`: ReLU is `min(0.0)`.
    `qnn-fold-constants` moves a `qnn.clamp` of the result here.
  }];
}

def QNN_ConcatOp : QNN_Op<"concat", [Pure]> {
  let summary = "Concatenates quantized tensors into one quantized type.";
  let description = [{
    Concatenates along `dim` after bringing each input to the result's
    quantized type with the op's rounding mode (the `qnn.requantize` of
    each input; inputs already of the result type are copied). Inputs and
    result are quantized per tensor, or per axis along a dimension other
    than `dim` with the same scales.

    ```mlir
    %c = qnn.concat dim(1) %a, %b
        : tensor<2x3x!quant.uniform<u8:f32, 0.1:10>>, tensor<2x5x!quant.uniform<u8:f32, 0.2:0>>
        -> tensor<2x8x!quant.uniform<u8:f32, 0.2:4>>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, I64Attr:$dim,
      DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    `dim` `(` $dim `)` $inputs `` custom<Rounding>($rounding) attr-dict `:`
    type($inputs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_MaxPool2dOp : QNN_Op<"max_pool2d", [Pure]> {
  let summary = "2-D max pooling of NHWC quantized tensors.";
  let description = [{
    The maximum storage value of each window (the maximum real value, since
    scales are positive), in the operand's own quantized type: per tensor or
    per channel (axis 3, C). Padding takes no part in the maximum (as in
    PyTorch, where padded positions are -inf); each padding must be smaller
    than the kernel, so that every window holds real elements.

    ```mlir
    %y = qnn.max_pool2d %x kernel [3, 3] strides [2, 2] dilations [1, 1]
        padding [1, 1, 1, 1] : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>>
        -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
    ```

    `padding` is [top, left, bottom, right].
  }];
  let arguments = (ins AnyType:$input, DenseI64ArrayAttr:$kernel,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `kernel` $kernel `strides` $strides `dilations` $dilations
    `padding` $padding attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_AvgPool2dOp : QNN_Op<"avg_pool2d", [Pure]> {
  let summary = "2-D average pooling of NHWC quantized tensors.";
  let description = [{
    The exact i32 sum of a window's centred values,
    `acc = sum (q - z_in)` over the taps inside the input (padded taps add
    0), divided by `d` and brought to the result type once by the rounding
    mode, with `M = s_in / (s_out * d)`: `float` computes
    `rne(f32(f32(acc) * M32))` with `M32 = f32(f32(s_in / s_out) / d)`,
    then `q = clamp(z_out + r)`. `d` is `divisor(...)` when given, else the
    kernel size `KH * KW` (`count_include_pad(true)`, the default) or the
    number of taps inside the input (`count_include_pad(false)`, where
    border windows have their own multiplier). With equal input and output
    types this is PyTorch's quantized `avg_pool2d` on channels-last tensors.

    ```mlir
    %y = qnn.avg_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 1, 1]
        count_include_pad(false) : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.05:10>>
        -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:10>>
    ```

    `padding` is [top, left, bottom, right]; each must be smaller than the
    kernel. Input and result are quantized per tensor.

    Optional `min(...)` and `max(...)` clamp the result as a following
    `qnn.clamp` would (real bounds, quantized in the result type), inside
    the output stage's `[qmin, qmax]`: ReLU is `min(0.0)`.
    `qnn-fold-constants` moves a `qnn.clamp` of the result here.
  }];
  let arguments = (ins AnyType:$input, DenseI64ArrayAttr:$kernel,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
      DefaultValuedAttr<BoolAttr, "true">:$count_include_pad,
      OptionalAttr<I64Attr>:$divisor,
      DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding,
      OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `kernel` $kernel `strides` $strides `padding` $padding
    (`count_include_pad` `(` $count_include_pad^ `)`)?
    (`divisor` `(` $divisor^ `)`)? `` custom<Rounding>($rounding)
    (`min` `(` $min^ `)`)? (`max` `(` $max^ `)`)? attr-dict
    `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_MatmulOp : QNN_Op<"matmul", [Pure]> {
  let summary = "Quantized matrix product with an exact i32 accumulator.";
  let description = [{
    `C = A x W (+ bias)` on quantized operands, 2-D (`MxK x KxN -> MxN`) or
    batched (`BxMxK x BxKxN -> BxMxN`). The accumulator is the exact
    integer `acc = sum_k (a - za)(w - zw) + bias`, computed as the raw sum
    of products with the zero points folded out of the inner loop:

        sum_k a*w - zw * sum_k a - za * sum_k w + K * za * zw

    and brought to the result type once by the op's rounding mode with the
    real multiplier `M = s_a * s_w / s_out` (per output channel when the
    weights are quantized per axis along N): `float` (the default) computes
    `rne(f32(f32(acc) * M32))` with `M32 = f32(f32(s_a * s_w) / s_out)`; the
    integer modes use the fixed-point multiplier of `qnn.requantize`. Then
    `q = clamp(z_out + r, qmin, qmax)`.

    Activations and the result are quantized per tensor; weights per tensor
    or per output channel. The optional bias is an i32-stored quantized
    tensor of N elements with zero point 0 and scale `s_a * s_w` (per axis 0
    when the weights are per channel).

    ```mlir
    %c = qnn.matmul %a, %w, %bias rounding(double_round)
        : tensor<4x16x!quant.uniform<u8:f32, 0.05:128>>,
          tensor<16x8x!quant.uniform<i8:f32:1, {0.01, ...}>>,
          tensor<8x!quant.uniform<i32:f32:0, {5.0e-4, ...}>>
        -> tensor<4x8x!quant.uniform<u8:f32, 0.2:3>>
    ```

    The verifier rejects operand combinations whose accumulator could
    overflow i32 for the given K and storage ranges.

    A plain `i32` result type makes the op return the accumulator itself,
    with no output stage (ONNX `MatMulInteger`); it takes no rounding mode
    nor `min`/`max`, and the exact accumulator must provably fit in i32:

    ```mlir
    %acc = qnn.matmul %a, %w : tensor<4x16x!quant.uniform<u8:f32, 1.0:3>>,
        tensor<16x8x!quant.uniform<i8:f32, 1.0>> -> tensor<4x8xi32>
    ```

    Optional `min(...)` and `max(...)` clamp the result as a following
    `qnn.clamp` would (real bounds, quantized in the result type), inside
    the output stage's `[qmin, qmax]`: ReLU is `min(0.0)`.
    `qnn-fold-constants` moves a `qnn.clamp` of the result here.
  }];
  let arguments = (ins AnyType:$lhs, AnyType:$rhs, Optional<AnyType>:$bias,
      DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding,
      OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`,` $bias^)? `` custom<Rounding>($rounding)
    (`min` `(` $min^ `)`)? (`max` `(` $max^ `)`)? attr-dict `:`
    type($lhs) `,` type($rhs) (`,` type($bias)^)? `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_Conv2dOp : QNN_Op<"conv2d", [Pure]> {
  let summary = "Quantized 2-D convolution (NHWC, HWCF) with an exact i32 accumulator.";
  let description = [{
    `Y = conv(X, W) (+ bias)` on quantized operands. Activations and result
    are NHWC; the filter is HWCF, `KH x KW x C/groups x F` (the layout of
    `linalg.conv_2d_nhwc_hwcf`), so that output channel `f` belongs to group
    `f / (F / groups)` and reads input channels `g * C/groups` to
    `(g + 1) * C/groups - 1`. Depthwise convolution is `groups = C` with a
    `KH x KW x 1 x C*multiplier` filter.

    The accumulator of each output is exact:

        acc = sum_{kh, kw, c} (x - zx)(w - zw) + bias

    with padded taps holding `zx`, so that they contribute exactly zero. As
    for `qnn.matmul`, the raw sum of products is computed in i32 and the
    zero-point terms are folded out of the inner loop; the result is brought
    to the output type once by the op's rounding mode with
    `M = s_x * s_w / s_out` (per output channel with per-channel weights).

    Activations and result are quantized per tensor; the filter per tensor
    or per output channel (axis 3). The optional bias is an i32-stored
    tensor of F elements with zero point 0 and scale `s_x * s_w`.

    ```mlir
    %y = qnn.conv2d %x, %w, %b strides [1, 1] dilations [1, 1]
        padding [1, 1, 1, 1] groups(1)
        : tensor<1x56x56x64x!quant.uniform<u8:f32, 0.05:128>>,
          tensor<3x3x64x64x!quant.uniform<i8:f32:3, {0.01, ...}>>,
          tensor<64x!quant.uniform<i32:f32:0, {5.0e-4, ...}>>
        -> tensor<1x56x56x64x!quant.uniform<u8:f32, 0.1:0>>
    ```

    `padding` is [top, left, bottom, right]; `groups(1)` may be omitted.
    A plain `i32` result type returns the exact accumulator with no output
    stage (ONNX `ConvInteger`), as for `qnn.matmul`.
    The filter, the channel counts and the kernel size must be static, so
    that the verifier can prove that the i32 accumulator does not overflow.

    Optional `min(...)` and `max(...)` clamp the result as a following
    `qnn.clamp` would (real bounds, quantized in the result type), inside
    the output stage's `[qmin, qmax]`: ReLU is `min(0.0)`.
    `qnn-fold-constants` moves a `qnn.clamp` of the result here.
  }];
  let arguments = (ins AnyType:$input, AnyType:$filter, Optional<AnyType>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, DefaultValuedAttr<I64Attr, "1">:$groups,
      DefaultValuedAttr<QNN_RoundingModeAttr, "::mlir::qnn::RoundingMode::float_">:$rounding,
      OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `strides` $strides `dilations` $dilations
    `padding` $padding (`groups` `(` $groups^ `)`)? `` custom<Rounding>($rounding)
    (`min` `(` $min^ `)`)? (`max` `(` $max^ `)`)?
    attr-dict `:` type($input) `,` type($filter) (`,` type($bias)^)? `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def QNN_ConstantOp : QNN_Op<"constant", [ConstantLike, Pure]> {
  let summary = "A constant of a quantized type, given by its storage integers.";
  let description = [{
    Holds the storage integers of a quantized scalar or tensor. The value's
    integer type spells the storage's signedness, so that `u8` storage
    prints as `ui8` values from 0 to 255:

    ```mlir
    %c = qnn.constant dense<[255, 20, 30]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:10>>
    ```

    Folders produce it; `convert-qnn-to-linalg` turns it into an
    `arith.constant` of the signless storage type.
  }];
  let arguments = (ins TypedAttrInterface:$value);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$value attr-dict `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_CheckSizeOp : QNN_Op<"check_size", [MemoryEffects<[MemWrite]>]> {
  let summary = "A run-time check of two sizes that stops the call when it fails.";
  let description = [{
    The relation between two sizes that a verifier checks when they are
    static, checked at run time: `eq` (equal) or `ge` (`size >= bound`).
    `convert-qnn-to-linalg` emits one for every such relation that involves
    a dynamic size and hoists it to the start of its function, before any
    result is written. `message` names the op and the dimension; `{0}` and
    `{1}` in it stand for the decimal values of `size` and `bound`.

    ```mlir
    qnn.check_size %n eq %c3, "qnn.add: result dimension 0: rhs has size {0}, lhs has size {1}"
    ```

    `qnn-lower-runtime-checks` lowers it as `mode` asks: a message on
    stderr prefixed with the op's location, then `abort()`; or an error
    status returned to the caller; or nothing.
  }];
  let arguments = (ins Index:$size, QNN_SizeRelationAttr:$relation,
      Index:$bound, StrAttr:$message);
  let assemblyFormat = "$size custom<SizeRelation>($relation) $bound `,` $message attr-dict";
  let hasCanonicalizeMethod = 1;
}

def QNN_DynamicQuantizeOp : QNN_Op<"dynamic_quantize", [Pure]> {
  let summary = "Quantizes f32 to u8 with a scale and zero point computed from the tensor's range.";
  let description = [{
    ONNX `DynamicQuantizeLinear`, as ONNX Runtime computes it: with
    `lo = min(0, min(x))` and `hi = max(0, max(x))` over the whole tensor,

        scale = f32(f32(hi - lo) / 255)
        zp    = rne(clamp(f32(0 - f32(lo / scale)), 0, 255))
        y     = quantize(x, scale, zp) in the onnx flavour

    all in float32. The scale and the zero point are run-time values, so
    the result is the u8 storage (`ui8`) rather than a quantized type; the
    scale (`tensor<f32>`) and zero point (`tensor<ui8>`) come with it, for
    `qnn.matmul_integer` and for dequantizing. A tensor of zeros gets scale
    0 and zero point 255 (`0 / 0` is NaN, which the clamp takes to 255) and
    quantizes to 0, as ONNX Runtime gives.

    ```mlir
    %y, %s, %z = qnn.dynamic_quantize %x : tensor<4x16xf32> -> tensor<4x16xui8>, tensor<f32>, tensor<ui8>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result, AnyType:$scale, AnyType:$zero_point);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result) `,` type($scale) `,`
    type($zero_point)
  }];
  let hasVerifier = 1;
}

def QNN_MatmulIntegerOp : QNN_Op<"matmul_integer", [Pure]> {
  let summary = "Integer matrix product with run-time zero points and an exact i32 result.";
  let description = [{
    ONNX `MatMulInteger`: `C = sum_k (a - za)(b - zb)` in int32, where the
    zero points are run-time values: `za` a scalar (`tensor<>`), `zb` a
    scalar or one per column of `b` (`tensor<N>`). `a` is `[..., M, K]`
    (leading dimensions are batch dimensions), `b` is `K x N`; each element
    type is `i8` / `si8` (signed) or `ui8` (unsigned), and each zero point
    has its operand's element type. `K` must be static, and the verifier
    proves that `K * 255 * 255` fits in i32, so the result is exact.

    It pairs with `qnn.dynamic_quantize`, as ONNX Runtime's dynamic
    quantization writes it:

    ```mlir
    %q, %s, %z = qnn.dynamic_quantize %x : tensor<8x64xf32> -> tensor<8x64xui8>, tensor<f32>, tensor<ui8>
    %acc = qnn.matmul_integer %q, %w, %z, %wz
        : tensor<8x64xui8>, tensor<64x32xi8>, tensor<ui8>, tensor<i8> -> tensor<8x32xi32>
    ```

    `convert-qnn-to-linalg` computes the raw products with `qnn.matmul`'s
    kernels (zero points 0) and subtracts the zero-point terms
    `zb * sum_k a + za * sum_k b - K * za * zb` at run time.
  }];
  let arguments = (ins AnyType:$lhs, AnyType:$rhs, AnyType:$lhs_zero_point,
      AnyType:$rhs_zero_point);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` $lhs_zero_point `,` $rhs_zero_point attr-dict `:`
    type($lhs) `,` type($rhs) `,` type($lhs_zero_point) `,`
    type($rhs_zero_point) `->` type($result)
  }];
  let hasVerifier = 1;
}

#endif // QUANT_DIALECT_QNN_IR_QNNOPS_TD
