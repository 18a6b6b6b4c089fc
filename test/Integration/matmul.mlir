// qnn.matmul executed, 2-D and batched, with zero points at both ends of
// their ranges, asymmetric per-channel weights (zw != 0), an i32 bias,
// narrow and 8-bit outputs, K = 1, 2, 9, 17 and 63, in every rounding mode;
// M = s_a * s_w / s_out = 0.5 on odd accumulators puts ties where the
// modes differ (-1.5: float -2, double_round -1, half_up -1, half_away -2).
// Expected values come from a Python reference of docs/Semantics.md that
// sums sum_k (a - za)(w - zw) directly (not the compiler's folded form).
// RUN: quant-opt %s --qnn-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: quant-opt %s --qnn-to-llvm="vector-width=128" | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = "read"})

func.func @tiny_float(%a: tensor<1x1xi8>, %w: tensor<1x1xi8>) -> tensor<1xi32> {
  %qa = qnn.storage_cast %a : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<u8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 0.25>>
  %c = qnn.matmul %qa, %qw : tensor<1x1x!quant.uniform<u8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<1x1x!quant.uniform<u8:f32, 0.125>>
  %s = qnn.storage_cast %c : tensor<1x1x!quant.uniform<u8:f32, 0.125>> -> tensor<1x1xi8>
  %e = arith.extui %s : tensor<1x1xi8> to tensor<1x1xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<1x1xi32> into tensor<1xi32>
  return %f : tensor<1xi32>
}

func.func @tiny_double_round(%a: tensor<1x1xi8>, %w: tensor<1x1xi8>) -> tensor<1xi32> {
  %qa = qnn.storage_cast %a : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<u8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 0.25>>
  %c = qnn.matmul %qa, %qw rounding(double_round) : tensor<1x1x!quant.uniform<u8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<1x1x!quant.uniform<u8:f32, 0.125>>
  %s = qnn.storage_cast %c : tensor<1x1x!quant.uniform<u8:f32, 0.125>> -> tensor<1x1xi8>
  %e = arith.extui %s : tensor<1x1xi8> to tensor<1x1xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<1x1xi32> into tensor<1xi32>
  return %f : tensor<1xi32>
}

func.func @tiny_half_up(%a: tensor<1x1xi8>, %w: tensor<1x1xi8>) -> tensor<1xi32> {
  %qa = qnn.storage_cast %a : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<u8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 0.25>>
  %c = qnn.matmul %qa, %qw rounding(half_up) : tensor<1x1x!quant.uniform<u8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<1x1x!quant.uniform<u8:f32, 0.125>>
  %s = qnn.storage_cast %c : tensor<1x1x!quant.uniform<u8:f32, 0.125>> -> tensor<1x1xi8>
  %e = arith.extui %s : tensor<1x1xi8> to tensor<1x1xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<1x1xi32> into tensor<1xi32>
  return %f : tensor<1xi32>
}

func.func @tiny_half_away(%a: tensor<1x1xi8>, %w: tensor<1x1xi8>) -> tensor<1xi32> {
  %qa = qnn.storage_cast %a : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<u8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 0.25>>
  %c = qnn.matmul %qa, %qw rounding(half_away) : tensor<1x1x!quant.uniform<u8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<1x1x!quant.uniform<u8:f32, 0.125>>
  %s = qnn.storage_cast %c : tensor<1x1x!quant.uniform<u8:f32, 0.125>> -> tensor<1x1xi8>
  %e = arith.extui %s : tensor<1x1xi8> to tensor<1x1xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<1x1xi32> into tensor<1xi32>
  return %f : tensor<1xi32>
}

func.func @u8_zp_high_float(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32, 0.01>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>>
  %c = qnn.matmul %qa, %qw, %qb : tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>, tensor<17x5x!quant.uniform<i8:f32, 0.01>>, tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>> -> tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>> -> tensor<3x5xi8>
  %e = arith.extsi %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @u8_zp_high_double_round(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32, 0.01>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>>
  %c = qnn.matmul %qa, %qw, %qb rounding(double_round) : tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>, tensor<17x5x!quant.uniform<i8:f32, 0.01>>, tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>> -> tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>> -> tensor<3x5xi8>
  %e = arith.extsi %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @u8_zp_high_half_up(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32, 0.01>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_up) : tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>, tensor<17x5x!quant.uniform<i8:f32, 0.01>>, tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>> -> tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>> -> tensor<3x5xi8>
  %e = arith.extsi %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @u8_zp_high_half_away(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32, 0.01>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_away) : tensor<3x17x!quant.uniform<u8:f32, 0.02:255>>, tensor<17x5x!quant.uniform<i8:f32, 0.01>>, tensor<5x!quant.uniform<i32:f32, 0.00019999999494757503>> -> tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<i8:f32, 0.3:-5>> -> tensor<3x5xi8>
  %e = arith.extsi %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @per_channel_asym_float(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.05>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>>
  %c = qnn.matmul %qa, %qw, %qb : tensor<3x17x!quant.uniform<u8:f32, 0.05>>, tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>, tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>> -> tensor<3x5x!quant.uniform<u8:f32, 0.2:3>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<u8:f32, 0.2:3>> -> tensor<3x5xi8>
  %e = arith.extui %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @per_channel_asym_double_round(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.05>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(double_round) : tensor<3x17x!quant.uniform<u8:f32, 0.05>>, tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>, tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>> -> tensor<3x5x!quant.uniform<u8:f32, 0.2:3>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<u8:f32, 0.2:3>> -> tensor<3x5xi8>
  %e = arith.extui %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @per_channel_asym_half_up(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.05>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_up) : tensor<3x17x!quant.uniform<u8:f32, 0.05>>, tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>, tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>> -> tensor<3x5x!quant.uniform<u8:f32, 0.2:3>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<u8:f32, 0.2:3>> -> tensor<3x5xi8>
  %e = arith.extui %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @per_channel_asym_half_away(%a: tensor<3x17xi8>, %w: tensor<17x5xi8>, %bias: tensor<5xi32>) -> tensor<15xi32> {
  %qa = qnn.storage_cast %a : tensor<3x17xi8> -> tensor<3x17x!quant.uniform<u8:f32, 0.05>>
  %qw = qnn.storage_cast %w : tensor<17x5xi8> -> tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>
  %qb = qnn.storage_cast %bias : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_away) : tensor<3x17x!quant.uniform<u8:f32, 0.05>>, tensor<17x5x!quant.uniform<i8:f32:1, {0.01:0, 0.02:3, 0.005:-2, 0.04:127, 0.013:-128}>>, tensor<5x!quant.uniform<i32:f32:0, {0.0005000000237487257, 0.0010000000474974513, 0.0002500000118743628, 0.0020000000949949026, 0.0006500000017695129}>> -> tensor<3x5x!quant.uniform<u8:f32, 0.2:3>>
  %s = qnn.storage_cast %c : tensor<3x5x!quant.uniform<u8:f32, 0.2:3>> -> tensor<3x5xi8>
  %e = arith.extui %s : tensor<3x5xi8> to tensor<3x5xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<3x5xi32> into tensor<15xi32>
  return %f : tensor<15xi32>
}

func.func @i8_act_batched_float(%a: tensor<2x3x63xi8>, %w: tensor<2x63x4xi8>) -> tensor<24xi32> {
  %qa = qnn.storage_cast %a : tensor<2x3x63xi8> -> tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>
  %qw = qnn.storage_cast %w : tensor<2x63x4xi8> -> tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>>
  %c = qnn.matmul %qa, %qw : tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>, tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>> -> tensor<2x3x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x3x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x4xi8>
  %e = arith.extsi %s : tensor<2x3x4xi8> to tensor<2x3x4xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x4xi32> into tensor<24xi32>
  return %f : tensor<24xi32>
}

func.func @i8_act_batched_double_round(%a: tensor<2x3x63xi8>, %w: tensor<2x63x4xi8>) -> tensor<24xi32> {
  %qa = qnn.storage_cast %a : tensor<2x3x63xi8> -> tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>
  %qw = qnn.storage_cast %w : tensor<2x63x4xi8> -> tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>>
  %c = qnn.matmul %qa, %qw rounding(double_round) : tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>, tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>> -> tensor<2x3x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x3x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x4xi8>
  %e = arith.extsi %s : tensor<2x3x4xi8> to tensor<2x3x4xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x4xi32> into tensor<24xi32>
  return %f : tensor<24xi32>
}

func.func @i8_act_batched_half_up(%a: tensor<2x3x63xi8>, %w: tensor<2x63x4xi8>) -> tensor<24xi32> {
  %qa = qnn.storage_cast %a : tensor<2x3x63xi8> -> tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>
  %qw = qnn.storage_cast %w : tensor<2x63x4xi8> -> tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>>
  %c = qnn.matmul %qa, %qw rounding(half_up) : tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>, tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>> -> tensor<2x3x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x3x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x4xi8>
  %e = arith.extsi %s : tensor<2x3x4xi8> to tensor<2x3x4xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x4xi32> into tensor<24xi32>
  return %f : tensor<24xi32>
}

func.func @i8_act_batched_half_away(%a: tensor<2x3x63xi8>, %w: tensor<2x63x4xi8>) -> tensor<24xi32> {
  %qa = qnn.storage_cast %a : tensor<2x3x63xi8> -> tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>
  %qw = qnn.storage_cast %w : tensor<2x63x4xi8> -> tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>>
  %c = qnn.matmul %qa, %qw rounding(half_away) : tensor<2x3x63x!quant.uniform<i8:f32, 0.1:-128>>, tensor<2x63x4x!quant.uniform<i8:f32, 0.003:5>> -> tensor<2x3x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x3x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x4xi8>
  %e = arith.extsi %s : tensor<2x3x4xi8> to tensor<2x3x4xi32>
  %f = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x4xi32> into tensor<24xi32>
  return %f : tensor<24xi32>
}

func.func @ties_float(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %c = qnn.matmul %qa, %qw : tensor<2x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4xi8>
  %e = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

func.func @ties_double_round(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %c = qnn.matmul %qa, %qw rounding(double_round) : tensor<2x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4xi8>
  %e = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

func.func @ties_half_up(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %c = qnn.matmul %qa, %qw rounding(half_up) : tensor<2x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4xi8>
  %e = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

func.func @ties_half_away(%a: tensor<2x2xi8>, %w: tensor<2x4xi8>) -> tensor<8xi32> {
  %qa = qnn.storage_cast %a : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  %qw = qnn.storage_cast %w : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %c = qnn.matmul %qa, %qw rounding(half_away) : tensor<2x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %s = qnn.storage_cast %c : tensor<2x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4xi8>
  %e = arith.extsi %s : tensor<2x4xi8> to tensor<2x4xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  return %f : tensor<8xi32>
}

func.func @narrow_out_float(%a: tensor<2x9xi8>, %w: tensor<9x3xi8>, %bias: tensor<3xi32>) -> tensor<6xi32> {
  %qa = qnn.storage_cast %a : tensor<2x9xi8> -> tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>
  %qw = qnn.storage_cast %w : tensor<9x3xi8> -> tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>
  %qb = qnn.storage_cast %bias : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>>
  %c = qnn.matmul %qa, %qw, %qb : tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>, tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>, tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>>
  %s = qnn.storage_cast %c : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>> -> tensor<2x3xi8>
  %e = arith.extsi %s : tensor<2x3xi8> to tensor<2x3xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x3xi32> into tensor<6xi32>
  return %f : tensor<6xi32>
}

func.func @narrow_out_double_round(%a: tensor<2x9xi8>, %w: tensor<9x3xi8>, %bias: tensor<3xi32>) -> tensor<6xi32> {
  %qa = qnn.storage_cast %a : tensor<2x9xi8> -> tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>
  %qw = qnn.storage_cast %w : tensor<9x3xi8> -> tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>
  %qb = qnn.storage_cast %bias : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(double_round) : tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>, tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>, tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>>
  %s = qnn.storage_cast %c : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>> -> tensor<2x3xi8>
  %e = arith.extsi %s : tensor<2x3xi8> to tensor<2x3xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x3xi32> into tensor<6xi32>
  return %f : tensor<6xi32>
}

func.func @narrow_out_half_up(%a: tensor<2x9xi8>, %w: tensor<9x3xi8>, %bias: tensor<3xi32>) -> tensor<6xi32> {
  %qa = qnn.storage_cast %a : tensor<2x9xi8> -> tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>
  %qw = qnn.storage_cast %w : tensor<9x3xi8> -> tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>
  %qb = qnn.storage_cast %bias : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_up) : tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>, tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>, tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>>
  %s = qnn.storage_cast %c : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>> -> tensor<2x3xi8>
  %e = arith.extsi %s : tensor<2x3xi8> to tensor<2x3xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x3xi32> into tensor<6xi32>
  return %f : tensor<6xi32>
}

func.func @narrow_out_half_away(%a: tensor<2x9xi8>, %w: tensor<9x3xi8>, %bias: tensor<3xi32>) -> tensor<6xi32> {
  %qa = qnn.storage_cast %a : tensor<2x9xi8> -> tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>
  %qw = qnn.storage_cast %w : tensor<9x3xi8> -> tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>
  %qb = qnn.storage_cast %bias : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>>
  %c = qnn.matmul %qa, %qw, %qb rounding(half_away) : tensor<2x9x!quant.uniform<i8:f32, 0.25:127>>, tensor<9x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 0.125:255}>>, tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.0625, 0.03125}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>>
  %s = qnn.storage_cast %c : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.0:1>> -> tensor<2x3xi8>
  %e = arith.extsi %s : tensor<2x3xi8> to tensor<2x3xi32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<2x3xi32> into tensor<6xi32>
  return %f : tensor<6xi32>
}

func.func @main() {
  %a_tiny_float = arith.constant dense<[[-25]]> : tensor<1x1xi8>
  %w_tiny_float = arith.constant dense<[[110]]> : tensor<1x1xi8>
  %r_tiny_float = call @tiny_float(%a_tiny_float, %w_tiny_float) : (tensor<1x1xi8>, tensor<1x1xi8>) -> tensor<1xi32>
  %u_tiny_float = tensor.cast %r_tiny_float : tensor<1xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [255]
  call @printMemrefI32(%u_tiny_float) : (tensor<*xi32>) -> ()
  %a_tiny_double_round = arith.constant dense<[[-25]]> : tensor<1x1xi8>
  %w_tiny_double_round = arith.constant dense<[[110]]> : tensor<1x1xi8>
  %r_tiny_double_round = call @tiny_double_round(%a_tiny_double_round, %w_tiny_double_round) : (tensor<1x1xi8>, tensor<1x1xi8>) -> tensor<1xi32>
  %u_tiny_double_round = tensor.cast %r_tiny_double_round : tensor<1xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [255]
  call @printMemrefI32(%u_tiny_double_round) : (tensor<*xi32>) -> ()
  %a_tiny_half_up = arith.constant dense<[[-25]]> : tensor<1x1xi8>
  %w_tiny_half_up = arith.constant dense<[[110]]> : tensor<1x1xi8>
  %r_tiny_half_up = call @tiny_half_up(%a_tiny_half_up, %w_tiny_half_up) : (tensor<1x1xi8>, tensor<1x1xi8>) -> tensor<1xi32>
  %u_tiny_half_up = tensor.cast %r_tiny_half_up : tensor<1xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [255]
  call @printMemrefI32(%u_tiny_half_up) : (tensor<*xi32>) -> ()
  %a_tiny_half_away = arith.constant dense<[[-25]]> : tensor<1x1xi8>
  %w_tiny_half_away = arith.constant dense<[[110]]> : tensor<1x1xi8>
  %r_tiny_half_away = call @tiny_half_away(%a_tiny_half_away, %w_tiny_half_away) : (tensor<1x1xi8>, tensor<1x1xi8>) -> tensor<1xi32>
  %u_tiny_half_away = tensor.cast %r_tiny_half_away : tensor<1xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [1]
  // CHECK-NEXT: [255]
  call @printMemrefI32(%u_tiny_half_away) : (tensor<*xi32>) -> ()
  %a_u8_zp_high_float = arith.constant dense<[[-25, 97, 94, -13, 95, 48, -28, -101, 72, 46, 21, -54, -25, 80, 7, 32, 30], [18, 97, 123, 15, -19, -89, -31, 100, 119, -106, -1, 2, 43, -22, -114, -48, 42], [-126, -95, 117, -109, 15, 35, 55, -51, 55, -108, -59, 34, 8, 0, 109, 107, 26]]> : tensor<3x17xi8>
  %w_u8_zp_high_float = arith.constant dense<[[112, 64, 75, 86, -91], [-27, 10, 44, -84, 31], [42, -121, 81, -68, -60], [-2, -77, -123, -98, 110], [121, -38, -32, 101, -31], [-61, 86, 68, -69, 74], [87, -20, -128, 10, 27], [-118, -21, -33, 73, -77], [-107, -54, -19, 98, 4], [-124, 40, 23, 69, -91], [-90, -82, -22, -4, -121], [60, 62, 104, -63, 119], [-59, 69, -35, -50, 31], [-12, -1, -31, -47, -28], [70, 119, -88, 87, -104], [-75, -73, -109, 2, -6], [72, 3, 87, 123, 22]]> : tensor<17x5xi8>
  %b_u8_zp_high_float = arith.constant dense<[1260, -1563, 2901, -2437, -1965]> : tensor<5xi32>
  %r_u8_zp_high_float = call @u8_zp_high_float(%a_u8_zp_high_float, %w_u8_zp_high_float, %b_u8_zp_high_float) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_u8_zp_high_float = tensor.cast %r_u8_zp_high_float : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [28,  1,  3,  -43,  40,  -6,  -21,  -19,  -14,  -17,  -14,  -16,  6,  -25,  -10]
  call @printMemrefI32(%u_u8_zp_high_float) : (tensor<*xi32>) -> ()
  %a_u8_zp_high_double_round = arith.constant dense<[[-25, 97, 94, -13, 95, 48, -28, -101, 72, 46, 21, -54, -25, 80, 7, 32, 30], [18, 97, 123, 15, -19, -89, -31, 100, 119, -106, -1, 2, 43, -22, -114, -48, 42], [-126, -95, 117, -109, 15, 35, 55, -51, 55, -108, -59, 34, 8, 0, 109, 107, 26]]> : tensor<3x17xi8>
  %w_u8_zp_high_double_round = arith.constant dense<[[112, 64, 75, 86, -91], [-27, 10, 44, -84, 31], [42, -121, 81, -68, -60], [-2, -77, -123, -98, 110], [121, -38, -32, 101, -31], [-61, 86, 68, -69, 74], [87, -20, -128, 10, 27], [-118, -21, -33, 73, -77], [-107, -54, -19, 98, 4], [-124, 40, 23, 69, -91], [-90, -82, -22, -4, -121], [60, 62, 104, -63, 119], [-59, 69, -35, -50, 31], [-12, -1, -31, -47, -28], [70, 119, -88, 87, -104], [-75, -73, -109, 2, -6], [72, 3, 87, 123, 22]]> : tensor<17x5xi8>
  %b_u8_zp_high_double_round = arith.constant dense<[1260, -1563, 2901, -2437, -1965]> : tensor<5xi32>
  %r_u8_zp_high_double_round = call @u8_zp_high_double_round(%a_u8_zp_high_double_round, %w_u8_zp_high_double_round, %b_u8_zp_high_double_round) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_u8_zp_high_double_round = tensor.cast %r_u8_zp_high_double_round : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [28,  1,  3,  -43,  40,  -6,  -21,  -19,  -14,  -17,  -14,  -16,  6,  -25,  -10]
  call @printMemrefI32(%u_u8_zp_high_double_round) : (tensor<*xi32>) -> ()
  %a_u8_zp_high_half_up = arith.constant dense<[[-25, 97, 94, -13, 95, 48, -28, -101, 72, 46, 21, -54, -25, 80, 7, 32, 30], [18, 97, 123, 15, -19, -89, -31, 100, 119, -106, -1, 2, 43, -22, -114, -48, 42], [-126, -95, 117, -109, 15, 35, 55, -51, 55, -108, -59, 34, 8, 0, 109, 107, 26]]> : tensor<3x17xi8>
  %w_u8_zp_high_half_up = arith.constant dense<[[112, 64, 75, 86, -91], [-27, 10, 44, -84, 31], [42, -121, 81, -68, -60], [-2, -77, -123, -98, 110], [121, -38, -32, 101, -31], [-61, 86, 68, -69, 74], [87, -20, -128, 10, 27], [-118, -21, -33, 73, -77], [-107, -54, -19, 98, 4], [-124, 40, 23, 69, -91], [-90, -82, -22, -4, -121], [60, 62, 104, -63, 119], [-59, 69, -35, -50, 31], [-12, -1, -31, -47, -28], [70, 119, -88, 87, -104], [-75, -73, -109, 2, -6], [72, 3, 87, 123, 22]]> : tensor<17x5xi8>
  %b_u8_zp_high_half_up = arith.constant dense<[1260, -1563, 2901, -2437, -1965]> : tensor<5xi32>
  %r_u8_zp_high_half_up = call @u8_zp_high_half_up(%a_u8_zp_high_half_up, %w_u8_zp_high_half_up, %b_u8_zp_high_half_up) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_u8_zp_high_half_up = tensor.cast %r_u8_zp_high_half_up : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [28,  1,  3,  -43,  40,  -6,  -21,  -19,  -14,  -17,  -14,  -16,  6,  -25,  -10]
  call @printMemrefI32(%u_u8_zp_high_half_up) : (tensor<*xi32>) -> ()
  %a_u8_zp_high_half_away = arith.constant dense<[[-25, 97, 94, -13, 95, 48, -28, -101, 72, 46, 21, -54, -25, 80, 7, 32, 30], [18, 97, 123, 15, -19, -89, -31, 100, 119, -106, -1, 2, 43, -22, -114, -48, 42], [-126, -95, 117, -109, 15, 35, 55, -51, 55, -108, -59, 34, 8, 0, 109, 107, 26]]> : tensor<3x17xi8>
  %w_u8_zp_high_half_away = arith.constant dense<[[112, 64, 75, 86, -91], [-27, 10, 44, -84, 31], [42, -121, 81, -68, -60], [-2, -77, -123, -98, 110], [121, -38, -32, 101, -31], [-61, 86, 68, -69, 74], [87, -20, -128, 10, 27], [-118, -21, -33, 73, -77], [-107, -54, -19, 98, 4], [-124, 40, 23, 69, -91], [-90, -82, -22, -4, -121], [60, 62, 104, -63, 119], [-59, 69, -35, -50, 31], [-12, -1, -31, -47, -28], [70, 119, -88, 87, -104], [-75, -73, -109, 2, -6], [72, 3, 87, 123, 22]]> : tensor<17x5xi8>
  %b_u8_zp_high_half_away = arith.constant dense<[1260, -1563, 2901, -2437, -1965]> : tensor<5xi32>
  %r_u8_zp_high_half_away = call @u8_zp_high_half_away(%a_u8_zp_high_half_away, %w_u8_zp_high_half_away, %b_u8_zp_high_half_away) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_u8_zp_high_half_away = tensor.cast %r_u8_zp_high_half_away : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [28,  1,  3,  -43,  40,  -6,  -21,  -19,  -14,  -17,  -14,  -16,  6,  -25,  -10]
  call @printMemrefI32(%u_u8_zp_high_half_away) : (tensor<*xi32>) -> ()
  %a_per_channel_asym_float = arith.constant dense<[[116, -11, 37, -113, 108, 104, 8, 35, -119, -46, -28, 127, 30, 23, 90, -112, -68], [67, 47, -71, 70, -26, -87, 71, 17, 9, -13, -73, -97, 17, 10, 38, -10, 34], [-97, -93, 69, 37, 38, -25, -68, 22, 66, -82, -76, 43, -14, 39, -43, 15, -1]]> : tensor<3x17xi8>
  %w_per_channel_asym_float = arith.constant dense<[[-121, 67, 66, -122, -92], [-87, -82, -69, 3, 85], [41, 70, 106, 97, 108], [-86, -113, 30, -84, 118], [-117, -11, -71, 126, 120], [2, -123, 60, 26, -55], [-25, -42, 47, 98, 127], [-5, 39, 79, 0, -27], [92, -26, -19, 68, -16], [34, -21, -59, -60, 126], [51, -108, -96, 13, -42], [-71, 102, 113, 12, -19], [83, 67, 124, 33, 103], [36, -90, -112, 14, -107], [15, 53, 30, -119, -59], [79, 104, -31, -116, 8], [-7, -56, -104, -69, 100]]> : tensor<17x5xi8>
  %b_per_channel_asym_float = arith.constant dense<[-2107, 2160, 1385, 2366, 2242]> : tensor<5xi32>
  %r_per_channel_asym_float = call @per_channel_asym_float(%a_per_channel_asym_float, %w_per_channel_asym_float, %b_per_channel_asym_float) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_per_channel_asym_float = tensor.cast %r_per_channel_asym_float : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [0,  0,  0,  0,  255,  0,  0,  7,  0,  255,  0,  0,  23,  0,  255]
  call @printMemrefI32(%u_per_channel_asym_float) : (tensor<*xi32>) -> ()
  %a_per_channel_asym_double_round = arith.constant dense<[[116, -11, 37, -113, 108, 104, 8, 35, -119, -46, -28, 127, 30, 23, 90, -112, -68], [67, 47, -71, 70, -26, -87, 71, 17, 9, -13, -73, -97, 17, 10, 38, -10, 34], [-97, -93, 69, 37, 38, -25, -68, 22, 66, -82, -76, 43, -14, 39, -43, 15, -1]]> : tensor<3x17xi8>
  %w_per_channel_asym_double_round = arith.constant dense<[[-121, 67, 66, -122, -92], [-87, -82, -69, 3, 85], [41, 70, 106, 97, 108], [-86, -113, 30, -84, 118], [-117, -11, -71, 126, 120], [2, -123, 60, 26, -55], [-25, -42, 47, 98, 127], [-5, 39, 79, 0, -27], [92, -26, -19, 68, -16], [34, -21, -59, -60, 126], [51, -108, -96, 13, -42], [-71, 102, 113, 12, -19], [83, 67, 124, 33, 103], [36, -90, -112, 14, -107], [15, 53, 30, -119, -59], [79, 104, -31, -116, 8], [-7, -56, -104, -69, 100]]> : tensor<17x5xi8>
  %b_per_channel_asym_double_round = arith.constant dense<[-2107, 2160, 1385, 2366, 2242]> : tensor<5xi32>
  %r_per_channel_asym_double_round = call @per_channel_asym_double_round(%a_per_channel_asym_double_round, %w_per_channel_asym_double_round, %b_per_channel_asym_double_round) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_per_channel_asym_double_round = tensor.cast %r_per_channel_asym_double_round : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [0,  0,  0,  0,  255,  0,  0,  7,  0,  255,  0,  0,  23,  0,  255]
  call @printMemrefI32(%u_per_channel_asym_double_round) : (tensor<*xi32>) -> ()
  %a_per_channel_asym_half_up = arith.constant dense<[[116, -11, 37, -113, 108, 104, 8, 35, -119, -46, -28, 127, 30, 23, 90, -112, -68], [67, 47, -71, 70, -26, -87, 71, 17, 9, -13, -73, -97, 17, 10, 38, -10, 34], [-97, -93, 69, 37, 38, -25, -68, 22, 66, -82, -76, 43, -14, 39, -43, 15, -1]]> : tensor<3x17xi8>
  %w_per_channel_asym_half_up = arith.constant dense<[[-121, 67, 66, -122, -92], [-87, -82, -69, 3, 85], [41, 70, 106, 97, 108], [-86, -113, 30, -84, 118], [-117, -11, -71, 126, 120], [2, -123, 60, 26, -55], [-25, -42, 47, 98, 127], [-5, 39, 79, 0, -27], [92, -26, -19, 68, -16], [34, -21, -59, -60, 126], [51, -108, -96, 13, -42], [-71, 102, 113, 12, -19], [83, 67, 124, 33, 103], [36, -90, -112, 14, -107], [15, 53, 30, -119, -59], [79, 104, -31, -116, 8], [-7, -56, -104, -69, 100]]> : tensor<17x5xi8>
  %b_per_channel_asym_half_up = arith.constant dense<[-2107, 2160, 1385, 2366, 2242]> : tensor<5xi32>
  %r_per_channel_asym_half_up = call @per_channel_asym_half_up(%a_per_channel_asym_half_up, %w_per_channel_asym_half_up, %b_per_channel_asym_half_up) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_per_channel_asym_half_up = tensor.cast %r_per_channel_asym_half_up : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [0,  0,  0,  0,  255,  0,  0,  7,  0,  255,  0,  0,  23,  0,  255]
  call @printMemrefI32(%u_per_channel_asym_half_up) : (tensor<*xi32>) -> ()
  %a_per_channel_asym_half_away = arith.constant dense<[[116, -11, 37, -113, 108, 104, 8, 35, -119, -46, -28, 127, 30, 23, 90, -112, -68], [67, 47, -71, 70, -26, -87, 71, 17, 9, -13, -73, -97, 17, 10, 38, -10, 34], [-97, -93, 69, 37, 38, -25, -68, 22, 66, -82, -76, 43, -14, 39, -43, 15, -1]]> : tensor<3x17xi8>
  %w_per_channel_asym_half_away = arith.constant dense<[[-121, 67, 66, -122, -92], [-87, -82, -69, 3, 85], [41, 70, 106, 97, 108], [-86, -113, 30, -84, 118], [-117, -11, -71, 126, 120], [2, -123, 60, 26, -55], [-25, -42, 47, 98, 127], [-5, 39, 79, 0, -27], [92, -26, -19, 68, -16], [34, -21, -59, -60, 126], [51, -108, -96, 13, -42], [-71, 102, 113, 12, -19], [83, 67, 124, 33, 103], [36, -90, -112, 14, -107], [15, 53, 30, -119, -59], [79, 104, -31, -116, 8], [-7, -56, -104, -69, 100]]> : tensor<17x5xi8>
  %b_per_channel_asym_half_away = arith.constant dense<[-2107, 2160, 1385, 2366, 2242]> : tensor<5xi32>
  %r_per_channel_asym_half_away = call @per_channel_asym_half_away(%a_per_channel_asym_half_away, %w_per_channel_asym_half_away, %b_per_channel_asym_half_away) : (tensor<3x17xi8>, tensor<17x5xi8>, tensor<5xi32>) -> tensor<15xi32>
  %u_per_channel_asym_half_away = tensor.cast %r_per_channel_asym_half_away : tensor<15xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [15]
  // CHECK-NEXT: [0,  0,  0,  0,  255,  0,  0,  7,  0,  255,  0,  0,  23,  0,  255]
  call @printMemrefI32(%u_per_channel_asym_half_away) : (tensor<*xi32>) -> ()
  %a_i8_act_batched_float = arith.constant dense<[[[60, -89, -27, -26, 115, 3, -37, -123, 113, -110, -37, -13, 11, 49, -47, 73, -14, -84, 82, 70, -62, 102, 104, -28, -125, 64, 47, 109, 39, -24, -78, -65, -19, -4, 71, -84, 30, 36, 6, -120, 50, -86, -109, 97, 47, 87, 12, 121, -114, -17, -96, 91, -111, -40, 43, -57, 112, -52, 97, 124, -84, -15, 96], [20, -44, 3, 31, 67, -22, 27, -56, 11, 126, -26, 82, -70, -126, 65, -114, -106, 77, -66, 123, -81, -43, -95, 106, 83, 78, 9, -2, 114, 124, -63, 45, 94, 115, 34, -73, -30, 86, -113, 5, -62, -117, -110, -29, -49, -12, -122, 17, 36, 53, -3, 127, -75, 127, -66, 0, -27, 95, -117, 64, 83, -47, -24], [-17, -18, -59, -9, 49, -36, 33, 33, -29, -17, -29, -79, -60, -6, -61, -83, 4, 70, -79, 94, 87, -64, -26, 78, -119, -79, -26, 55, 56, -69, 47, -32, -92, 118, -74, -116, -109, 118, -53, -31, -34, -70, -24, -40, -48, 16, -80, -97, -60, 108, -89, -79, 39, 72, 111, 90, 53, 92, -21, 63, -122, -108, -26]], [[-36, 80, 104, 56, 61, 79, -29, -44, -80, -121, 37, -85, 79, -31, 46, 4, 15, -69, -47, 79, -60, 40, 61, 93, -36, 79, -23, -34, -92, 46, 26, 112, -77, -123, 54, -103, -10, 11, 25, 44, -18, 79, -35, -89, 71, 126, -19, -67, 74, -117, -70, -73, -7, 3, 99, 77, -103, -28, 64, -123, -78, 4, 0], [13, 46, 84, -77, 99, -89, -105, 69, -47, 69, 113, -42, 125, -99, 91, 125, 87, 17, 76, 31, 59, 18, 119, 10, 17, 23, -115, -121, -3, -107, -48, 81, 71, -101, 33, 75, -103, 35, -91, -14, 91, 116, 0, -4, -105, -78, 111, -55, -3, -70, -103, 85, 105, -68, -24, -102, 54, -49, -65, 58, 98, -57, 85], [105, 6, 86, 58, -58, 20, -63, -6, 118, -70, 30, 55, 12, 11, -31, 14, -6, -31, -1, -28, -108, -97, -124, 10, 4, 89, -115, -109, -76, -15, 14, -91, -84, -46, -8, 63, 119, 117, 53, -21, 45, 47, 125, -60, -90, -67, 101, -19, 99, 89, 4, 71, -51, 60, -50, 38, 20, -34, 90, 61, -79, 108, 37]]]> : tensor<2x3x63xi8>
  %w_i8_act_batched_float = arith.constant dense<[[[-88, -86, 93, 120], [109, 25, -124, -90], [30, -19, -87, 27], [125, 39, 16, -55], [-16, 55, 39, 59], [-68, 37, 97, 14], [96, 28, 106, 34], [-15, 76, -1, -85], [57, 59, -116, 58], [74, 70, -29, 60], [71, -49, -38, -38], [-83, 104, 16, -117], [-15, -99, -47, 23], [-117, 88, -96, 28], [-85, 43, -87, 12], [-75, 32, -85, -115], [-55, -79, 88, -3], [-16, 122, 45, 107], [73, 51, 44, 42], [-59, 124, 121, -91], [-105, 82, 50, -127], [65, -83, 109, -116], [57, -123, -72, 87], [87, -54, -3, -45], [64, -43, 36, -24], [71, 89, 21, 12], [-98, 113, 29, -70], [27, -49, -37, -97], [106, -120, 118, -110], [32, -73, -27, -34], [55, -17, -8, 113], [-14, 98, -34, 15], [78, -40, 31, 117], [5, 120, 78, 47], [-81, 119, -15, 76], [-103, -17, -60, 69], [12, -99, -7, -123], [113, 62, 102, -2], [87, -48, 84, -48], [36, -54, 4, -61], [8, -101, -51, -37], [-128, -24, -52, -63], [-86, 52, 10, -79], [117, 111, -86, 27], [-119, -32, 85, -30], [-82, 97, -22, -109], [83, 125, -48, 31], [33, 31, 79, -90], [28, 111, -94, 56], [-90, -57, -74, 73], [108, -66, 99, -122], [65, 115, -7, 22], [-70, 106, -123, -23], [-51, 20, 64, 24], [44, 72, -84, 3], [-32, -26, 64, -72], [40, 30, 12, 112], [41, 100, 67, -81], [-76, -56, -80, -61], [-37, -36, -30, 77], [-110, 109, -82, -77], [-12, -112, -48, -65], [94, 80, -91, 46]], [[90, -57, -23, -53], [69, 119, 41, 83], [-121, 77, 34, -3], [-119, 5, 41, -32], [47, 29, 97, -74], [65, -24, 42, 22], [-76, -47, 1, 24], [-9, 52, -56, -27], [-28, -115, -27, -86], [-59, -3, 116, 85], [42, 40, -82, 56], [8, 109, -65, 103], [-59, -6, -96, 7], [-42, 43, -54, -66], [-127, 19, 58, -5], [57, -44, -33, -89], [104, -112, 78, -36], [-58, 29, 67, -120], [-47, -26, 82, 111], [-112, -55, 69, -68], [79, -40, 44, -61], [6, -4, 42, -101], [-109, -54, 78, 126], [-76, 112, 48, 82], [80, 16, 120, 109], [81, 94, -68, -70], [41, 93, 87, -116], [36, -101, 23, 93], [64, 36, 28, -93], [-3, -65, 100, -4], [75, -102, 115, -75], [-6, 28, 74, -8], [-93, 60, 87, -44], [-15, 87, -66, -92], [-78, -62, -65, 104], [-128, 23, -4, 25], [-116, 38, -40, -96], [97, 102, 75, -56], [54, -10, -105, 28], [-113, 104, 32, 29], [38, 127, -55, 113], [-23, -25, 23, -98], [-28, 33, 53, 113], [-120, -40, -25, -8], [-30, -103, -74, 28], [32, 12, 87, -59], [43, 99, 84, -88], [-42, -14, 29, -67], [-28, 9, -36, -8], [23, 11, 62, -69], [-11, 26, -36, -13], [13, -61, -82, 108], [-89, 97, -91, -105], [-125, 17, 0, 88], [-84, -44, 17, -31], [-3, -37, 14, -114], [-33, -51, -111, 108], [68, -127, 127, -98], [-36, -96, 56, 36], [119, -112, 21, -39], [-44, -71, 95, -8], [97, 3, -8, 4], [122, -15, 127, 5]]]> : tensor<2x63x4xi8>
  %r_i8_act_batched_float = call @i8_act_batched_float(%a_i8_act_batched_float, %w_i8_act_batched_float) : (tensor<2x3x63xi8>, tensor<2x63x4xi8>) -> tensor<24xi32>
  %u_i8_act_batched_float = tensor.cast %r_i8_act_batched_float : tensor<24xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [24]
  // CHECK-NEXT: [6,  55,  -27,  -62,  36,  109,  25,  -58,  -7,  87,  10,  -57,  -87,  -12,  80,  -69,  -77,  2,  81,  -44,  -50,  -2,  25,  -62]
  call @printMemrefI32(%u_i8_act_batched_float) : (tensor<*xi32>) -> ()
  %a_i8_act_batched_double_round = arith.constant dense<[[[60, -89, -27, -26, 115, 3, -37, -123, 113, -110, -37, -13, 11, 49, -47, 73, -14, -84, 82, 70, -62, 102, 104, -28, -125, 64, 47, 109, 39, -24, -78, -65, -19, -4, 71, -84, 30, 36, 6, -120, 50, -86, -109, 97, 47, 87, 12, 121, -114, -17, -96, 91, -111, -40, 43, -57, 112, -52, 97, 124, -84, -15, 96], [20, -44, 3, 31, 67, -22, 27, -56, 11, 126, -26, 82, -70, -126, 65, -114, -106, 77, -66, 123, -81, -43, -95, 106, 83, 78, 9, -2, 114, 124, -63, 45, 94, 115, 34, -73, -30, 86, -113, 5, -62, -117, -110, -29, -49, -12, -122, 17, 36, 53, -3, 127, -75, 127, -66, 0, -27, 95, -117, 64, 83, -47, -24], [-17, -18, -59, -9, 49, -36, 33, 33, -29, -17, -29, -79, -60, -6, -61, -83, 4, 70, -79, 94, 87, -64, -26, 78, -119, -79, -26, 55, 56, -69, 47, -32, -92, 118, -74, -116, -109, 118, -53, -31, -34, -70, -24, -40, -48, 16, -80, -97, -60, 108, -89, -79, 39, 72, 111, 90, 53, 92, -21, 63, -122, -108, -26]], [[-36, 80, 104, 56, 61, 79, -29, -44, -80, -121, 37, -85, 79, -31, 46, 4, 15, -69, -47, 79, -60, 40, 61, 93, -36, 79, -23, -34, -92, 46, 26, 112, -77, -123, 54, -103, -10, 11, 25, 44, -18, 79, -35, -89, 71, 126, -19, -67, 74, -117, -70, -73, -7, 3, 99, 77, -103, -28, 64, -123, -78, 4, 0], [13, 46, 84, -77, 99, -89, -105, 69, -47, 69, 113, -42, 125, -99, 91, 125, 87, 17, 76, 31, 59, 18, 119, 10, 17, 23, -115, -121, -3, -107, -48, 81, 71, -101, 33, 75, -103, 35, -91, -14, 91, 116, 0, -4, -105, -78, 111, -55, -3, -70, -103, 85, 105, -68, -24, -102, 54, -49, -65, 58, 98, -57, 85], [105, 6, 86, 58, -58, 20, -63, -6, 118, -70, 30, 55, 12, 11, -31, 14, -6, -31, -1, -28, -108, -97, -124, 10, 4, 89, -115, -109, -76, -15, 14, -91, -84, -46, -8, 63, 119, 117, 53, -21, 45, 47, 125, -60, -90, -67, 101, -19, 99, 89, 4, 71, -51, 60, -50, 38, 20, -34, 90, 61, -79, 108, 37]]]> : tensor<2x3x63xi8>
  %w_i8_act_batched_double_round = arith.constant dense<[[[-88, -86, 93, 120], [109, 25, -124, -90], [30, -19, -87, 27], [125, 39, 16, -55], [-16, 55, 39, 59], [-68, 37, 97, 14], [96, 28, 106, 34], [-15, 76, -1, -85], [57, 59, -116, 58], [74, 70, -29, 60], [71, -49, -38, -38], [-83, 104, 16, -117], [-15, -99, -47, 23], [-117, 88, -96, 28], [-85, 43, -87, 12], [-75, 32, -85, -115], [-55, -79, 88, -3], [-16, 122, 45, 107], [73, 51, 44, 42], [-59, 124, 121, -91], [-105, 82, 50, -127], [65, -83, 109, -116], [57, -123, -72, 87], [87, -54, -3, -45], [64, -43, 36, -24], [71, 89, 21, 12], [-98, 113, 29, -70], [27, -49, -37, -97], [106, -120, 118, -110], [32, -73, -27, -34], [55, -17, -8, 113], [-14, 98, -34, 15], [78, -40, 31, 117], [5, 120, 78, 47], [-81, 119, -15, 76], [-103, -17, -60, 69], [12, -99, -7, -123], [113, 62, 102, -2], [87, -48, 84, -48], [36, -54, 4, -61], [8, -101, -51, -37], [-128, -24, -52, -63], [-86, 52, 10, -79], [117, 111, -86, 27], [-119, -32, 85, -30], [-82, 97, -22, -109], [83, 125, -48, 31], [33, 31, 79, -90], [28, 111, -94, 56], [-90, -57, -74, 73], [108, -66, 99, -122], [65, 115, -7, 22], [-70, 106, -123, -23], [-51, 20, 64, 24], [44, 72, -84, 3], [-32, -26, 64, -72], [40, 30, 12, 112], [41, 100, 67, -81], [-76, -56, -80, -61], [-37, -36, -30, 77], [-110, 109, -82, -77], [-12, -112, -48, -65], [94, 80, -91, 46]], [[90, -57, -23, -53], [69, 119, 41, 83], [-121, 77, 34, -3], [-119, 5, 41, -32], [47, 29, 97, -74], [65, -24, 42, 22], [-76, -47, 1, 24], [-9, 52, -56, -27], [-28, -115, -27, -86], [-59, -3, 116, 85], [42, 40, -82, 56], [8, 109, -65, 103], [-59, -6, -96, 7], [-42, 43, -54, -66], [-127, 19, 58, -5], [57, -44, -33, -89], [104, -112, 78, -36], [-58, 29, 67, -120], [-47, -26, 82, 111], [-112, -55, 69, -68], [79, -40, 44, -61], [6, -4, 42, -101], [-109, -54, 78, 126], [-76, 112, 48, 82], [80, 16, 120, 109], [81, 94, -68, -70], [41, 93, 87, -116], [36, -101, 23, 93], [64, 36, 28, -93], [-3, -65, 100, -4], [75, -102, 115, -75], [-6, 28, 74, -8], [-93, 60, 87, -44], [-15, 87, -66, -92], [-78, -62, -65, 104], [-128, 23, -4, 25], [-116, 38, -40, -96], [97, 102, 75, -56], [54, -10, -105, 28], [-113, 104, 32, 29], [38, 127, -55, 113], [-23, -25, 23, -98], [-28, 33, 53, 113], [-120, -40, -25, -8], [-30, -103, -74, 28], [32, 12, 87, -59], [43, 99, 84, -88], [-42, -14, 29, -67], [-28, 9, -36, -8], [23, 11, 62, -69], [-11, 26, -36, -13], [13, -61, -82, 108], [-89, 97, -91, -105], [-125, 17, 0, 88], [-84, -44, 17, -31], [-3, -37, 14, -114], [-33, -51, -111, 108], [68, -127, 127, -98], [-36, -96, 56, 36], [119, -112, 21, -39], [-44, -71, 95, -8], [97, 3, -8, 4], [122, -15, 127, 5]]]> : tensor<2x63x4xi8>
  %r_i8_act_batched_double_round = call @i8_act_batched_double_round(%a_i8_act_batched_double_round, %w_i8_act_batched_double_round) : (tensor<2x3x63xi8>, tensor<2x63x4xi8>) -> tensor<24xi32>
  %u_i8_act_batched_double_round = tensor.cast %r_i8_act_batched_double_round : tensor<24xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [24]
  // CHECK-NEXT: [6,  55,  -27,  -62,  36,  109,  25,  -58,  -7,  87,  10,  -57,  -87,  -12,  80,  -69,  -77,  2,  81,  -44,  -50,  -2,  25,  -62]
  call @printMemrefI32(%u_i8_act_batched_double_round) : (tensor<*xi32>) -> ()
  %a_i8_act_batched_half_up = arith.constant dense<[[[60, -89, -27, -26, 115, 3, -37, -123, 113, -110, -37, -13, 11, 49, -47, 73, -14, -84, 82, 70, -62, 102, 104, -28, -125, 64, 47, 109, 39, -24, -78, -65, -19, -4, 71, -84, 30, 36, 6, -120, 50, -86, -109, 97, 47, 87, 12, 121, -114, -17, -96, 91, -111, -40, 43, -57, 112, -52, 97, 124, -84, -15, 96], [20, -44, 3, 31, 67, -22, 27, -56, 11, 126, -26, 82, -70, -126, 65, -114, -106, 77, -66, 123, -81, -43, -95, 106, 83, 78, 9, -2, 114, 124, -63, 45, 94, 115, 34, -73, -30, 86, -113, 5, -62, -117, -110, -29, -49, -12, -122, 17, 36, 53, -3, 127, -75, 127, -66, 0, -27, 95, -117, 64, 83, -47, -24], [-17, -18, -59, -9, 49, -36, 33, 33, -29, -17, -29, -79, -60, -6, -61, -83, 4, 70, -79, 94, 87, -64, -26, 78, -119, -79, -26, 55, 56, -69, 47, -32, -92, 118, -74, -116, -109, 118, -53, -31, -34, -70, -24, -40, -48, 16, -80, -97, -60, 108, -89, -79, 39, 72, 111, 90, 53, 92, -21, 63, -122, -108, -26]], [[-36, 80, 104, 56, 61, 79, -29, -44, -80, -121, 37, -85, 79, -31, 46, 4, 15, -69, -47, 79, -60, 40, 61, 93, -36, 79, -23, -34, -92, 46, 26, 112, -77, -123, 54, -103, -10, 11, 25, 44, -18, 79, -35, -89, 71, 126, -19, -67, 74, -117, -70, -73, -7, 3, 99, 77, -103, -28, 64, -123, -78, 4, 0], [13, 46, 84, -77, 99, -89, -105, 69, -47, 69, 113, -42, 125, -99, 91, 125, 87, 17, 76, 31, 59, 18, 119, 10, 17, 23, -115, -121, -3, -107, -48, 81, 71, -101, 33, 75, -103, 35, -91, -14, 91, 116, 0, -4, -105, -78, 111, -55, -3, -70, -103, 85, 105, -68, -24, -102, 54, -49, -65, 58, 98, -57, 85], [105, 6, 86, 58, -58, 20, -63, -6, 118, -70, 30, 55, 12, 11, -31, 14, -6, -31, -1, -28, -108, -97, -124, 10, 4, 89, -115, -109, -76, -15, 14, -91, -84, -46, -8, 63, 119, 117, 53, -21, 45, 47, 125, -60, -90, -67, 101, -19, 99, 89, 4, 71, -51, 60, -50, 38, 20, -34, 90, 61, -79, 108, 37]]]> : tensor<2x3x63xi8>
  %w_i8_act_batched_half_up = arith.constant dense<[[[-88, -86, 93, 120], [109, 25, -124, -90], [30, -19, -87, 27], [125, 39, 16, -55], [-16, 55, 39, 59], [-68, 37, 97, 14], [96, 28, 106, 34], [-15, 76, -1, -85], [57, 59, -116, 58], [74, 70, -29, 60], [71, -49, -38, -38], [-83, 104, 16, -117], [-15, -99, -47, 23], [-117, 88, -96, 28], [-85, 43, -87, 12], [-75, 32, -85, -115], [-55, -79, 88, -3], [-16, 122, 45, 107], [73, 51, 44, 42], [-59, 124, 121, -91], [-105, 82, 50, -127], [65, -83, 109, -116], [57, -123, -72, 87], [87, -54, -3, -45], [64, -43, 36, -24], [71, 89, 21, 12], [-98, 113, 29, -70], [27, -49, -37, -97], [106, -120, 118, -110], [32, -73, -27, -34], [55, -17, -8, 113], [-14, 98, -34, 15], [78, -40, 31, 117], [5, 120, 78, 47], [-81, 119, -15, 76], [-103, -17, -60, 69], [12, -99, -7, -123], [113, 62, 102, -2], [87, -48, 84, -48], [36, -54, 4, -61], [8, -101, -51, -37], [-128, -24, -52, -63], [-86, 52, 10, -79], [117, 111, -86, 27], [-119, -32, 85, -30], [-82, 97, -22, -109], [83, 125, -48, 31], [33, 31, 79, -90], [28, 111, -94, 56], [-90, -57, -74, 73], [108, -66, 99, -122], [65, 115, -7, 22], [-70, 106, -123, -23], [-51, 20, 64, 24], [44, 72, -84, 3], [-32, -26, 64, -72], [40, 30, 12, 112], [41, 100, 67, -81], [-76, -56, -80, -61], [-37, -36, -30, 77], [-110, 109, -82, -77], [-12, -112, -48, -65], [94, 80, -91, 46]], [[90, -57, -23, -53], [69, 119, 41, 83], [-121, 77, 34, -3], [-119, 5, 41, -32], [47, 29, 97, -74], [65, -24, 42, 22], [-76, -47, 1, 24], [-9, 52, -56, -27], [-28, -115, -27, -86], [-59, -3, 116, 85], [42, 40, -82, 56], [8, 109, -65, 103], [-59, -6, -96, 7], [-42, 43, -54, -66], [-127, 19, 58, -5], [57, -44, -33, -89], [104, -112, 78, -36], [-58, 29, 67, -120], [-47, -26, 82, 111], [-112, -55, 69, -68], [79, -40, 44, -61], [6, -4, 42, -101], [-109, -54, 78, 126], [-76, 112, 48, 82], [80, 16, 120, 109], [81, 94, -68, -70], [41, 93, 87, -116], [36, -101, 23, 93], [64, 36, 28, -93], [-3, -65, 100, -4], [75, -102, 115, -75], [-6, 28, 74, -8], [-93, 60, 87, -44], [-15, 87, -66, -92], [-78, -62, -65, 104], [-128, 23, -4, 25], [-116, 38, -40, -96], [97, 102, 75, -56], [54, -10, -105, 28], [-113, 104, 32, 29], [38, 127, -55, 113], [-23, -25, 23, -98], [-28, 33, 53, 113], [-120, -40, -25, -8], [-30, -103, -74, 28], [32, 12, 87, -59], [43, 99, 84, -88], [-42, -14, 29, -67], [-28, 9, -36, -8], [23, 11, 62, -69], [-11, 26, -36, -13], [13, -61, -82, 108], [-89, 97, -91, -105], [-125, 17, 0, 88], [-84, -44, 17, -31], [-3, -37, 14, -114], [-33, -51, -111, 108], [68, -127, 127, -98], [-36, -96, 56, 36], [119, -112, 21, -39], [-44, -71, 95, -8], [97, 3, -8, 4], [122, -15, 127, 5]]]> : tensor<2x63x4xi8>
  %r_i8_act_batched_half_up = call @i8_act_batched_half_up(%a_i8_act_batched_half_up, %w_i8_act_batched_half_up) : (tensor<2x3x63xi8>, tensor<2x63x4xi8>) -> tensor<24xi32>
  %u_i8_act_batched_half_up = tensor.cast %r_i8_act_batched_half_up : tensor<24xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [24]
  // CHECK-NEXT: [6,  55,  -27,  -62,  36,  109,  25,  -58,  -7,  87,  10,  -57,  -87,  -12,  80,  -69,  -77,  2,  81,  -44,  -50,  -2,  25,  -62]
  call @printMemrefI32(%u_i8_act_batched_half_up) : (tensor<*xi32>) -> ()
  %a_i8_act_batched_half_away = arith.constant dense<[[[60, -89, -27, -26, 115, 3, -37, -123, 113, -110, -37, -13, 11, 49, -47, 73, -14, -84, 82, 70, -62, 102, 104, -28, -125, 64, 47, 109, 39, -24, -78, -65, -19, -4, 71, -84, 30, 36, 6, -120, 50, -86, -109, 97, 47, 87, 12, 121, -114, -17, -96, 91, -111, -40, 43, -57, 112, -52, 97, 124, -84, -15, 96], [20, -44, 3, 31, 67, -22, 27, -56, 11, 126, -26, 82, -70, -126, 65, -114, -106, 77, -66, 123, -81, -43, -95, 106, 83, 78, 9, -2, 114, 124, -63, 45, 94, 115, 34, -73, -30, 86, -113, 5, -62, -117, -110, -29, -49, -12, -122, 17, 36, 53, -3, 127, -75, 127, -66, 0, -27, 95, -117, 64, 83, -47, -24], [-17, -18, -59, -9, 49, -36, 33, 33, -29, -17, -29, -79, -60, -6, -61, -83, 4, 70, -79, 94, 87, -64, -26, 78, -119, -79, -26, 55, 56, -69, 47, -32, -92, 118, -74, -116, -109, 118, -53, -31, -34, -70, -24, -40, -48, 16, -80, -97, -60, 108, -89, -79, 39, 72, 111, 90, 53, 92, -21, 63, -122, -108, -26]], [[-36, 80, 104, 56, 61, 79, -29, -44, -80, -121, 37, -85, 79, -31, 46, 4, 15, -69, -47, 79, -60, 40, 61, 93, -36, 79, -23, -34, -92, 46, 26, 112, -77, -123, 54, -103, -10, 11, 25, 44, -18, 79, -35, -89, 71, 126, -19, -67, 74, -117, -70, -73, -7, 3, 99, 77, -103, -28, 64, -123, -78, 4, 0], [13, 46, 84, -77, 99, -89, -105, 69, -47, 69, 113, -42, 125, -99, 91, 125, 87, 17, 76, 31, 59, 18, 119, 10, 17, 23, -115, -121, -3, -107, -48, 81, 71, -101, 33, 75, -103, 35, -91, -14, 91, 116, 0, -4, -105, -78, 111, -55, -3, -70, -103, 85, 105, -68, -24, -102, 54, -49, -65, 58, 98, -57, 85], [105, 6, 86, 58, -58, 20, -63, -6, 118, -70, 30, 55, 12, 11, -31, 14, -6, -31, -1, -28, -108, -97, -124, 10, 4, 89, -115, -109, -76, -15, 14, -91, -84, -46, -8, 63, 119, 117, 53, -21, 45, 47, 125, -60, -90, -67, 101, -19, 99, 89, 4, 71, -51, 60, -50, 38, 20, -34, 90, 61, -79, 108, 37]]]> : tensor<2x3x63xi8>
  %w_i8_act_batched_half_away = arith.constant dense<[[[-88, -86, 93, 120], [109, 25, -124, -90], [30, -19, -87, 27], [125, 39, 16, -55], [-16, 55, 39, 59], [-68, 37, 97, 14], [96, 28, 106, 34], [-15, 76, -1, -85], [57, 59, -116, 58], [74, 70, -29, 60], [71, -49, -38, -38], [-83, 104, 16, -117], [-15, -99, -47, 23], [-117, 88, -96, 28], [-85, 43, -87, 12], [-75, 32, -85, -115], [-55, -79, 88, -3], [-16, 122, 45, 107], [73, 51, 44, 42], [-59, 124, 121, -91], [-105, 82, 50, -127], [65, -83, 109, -116], [57, -123, -72, 87], [87, -54, -3, -45], [64, -43, 36, -24], [71, 89, 21, 12], [-98, 113, 29, -70], [27, -49, -37, -97], [106, -120, 118, -110], [32, -73, -27, -34], [55, -17, -8, 113], [-14, 98, -34, 15], [78, -40, 31, 117], [5, 120, 78, 47], [-81, 119, -15, 76], [-103, -17, -60, 69], [12, -99, -7, -123], [113, 62, 102, -2], [87, -48, 84, -48], [36, -54, 4, -61], [8, -101, -51, -37], [-128, -24, -52, -63], [-86, 52, 10, -79], [117, 111, -86, 27], [-119, -32, 85, -30], [-82, 97, -22, -109], [83, 125, -48, 31], [33, 31, 79, -90], [28, 111, -94, 56], [-90, -57, -74, 73], [108, -66, 99, -122], [65, 115, -7, 22], [-70, 106, -123, -23], [-51, 20, 64, 24], [44, 72, -84, 3], [-32, -26, 64, -72], [40, 30, 12, 112], [41, 100, 67, -81], [-76, -56, -80, -61], [-37, -36, -30, 77], [-110, 109, -82, -77], [-12, -112, -48, -65], [94, 80, -91, 46]], [[90, -57, -23, -53], [69, 119, 41, 83], [-121, 77, 34, -3], [-119, 5, 41, -32], [47, 29, 97, -74], [65, -24, 42, 22], [-76, -47, 1, 24], [-9, 52, -56, -27], [-28, -115, -27, -86], [-59, -3, 116, 85], [42, 40, -82, 56], [8, 109, -65, 103], [-59, -6, -96, 7], [-42, 43, -54, -66], [-127, 19, 58, -5], [57, -44, -33, -89], [104, -112, 78, -36], [-58, 29, 67, -120], [-47, -26, 82, 111], [-112, -55, 69, -68], [79, -40, 44, -61], [6, -4, 42, -101], [-109, -54, 78, 126], [-76, 112, 48, 82], [80, 16, 120, 109], [81, 94, -68, -70], [41, 93, 87, -116], [36, -101, 23, 93], [64, 36, 28, -93], [-3, -65, 100, -4], [75, -102, 115, -75], [-6, 28, 74, -8], [-93, 60, 87, -44], [-15, 87, -66, -92], [-78, -62, -65, 104], [-128, 23, -4, 25], [-116, 38, -40, -96], [97, 102, 75, -56], [54, -10, -105, 28], [-113, 104, 32, 29], [38, 127, -55, 113], [-23, -25, 23, -98], [-28, 33, 53, 113], [-120, -40, -25, -8], [-30, -103, -74, 28], [32, 12, 87, -59], [43, 99, 84, -88], [-42, -14, 29, -67], [-28, 9, -36, -8], [23, 11, 62, -69], [-11, 26, -36, -13], [13, -61, -82, 108], [-89, 97, -91, -105], [-125, 17, 0, 88], [-84, -44, 17, -31], [-3, -37, 14, -114], [-33, -51, -111, 108], [68, -127, 127, -98], [-36, -96, 56, 36], [119, -112, 21, -39], [-44, -71, 95, -8], [97, 3, -8, 4], [122, -15, 127, 5]]]> : tensor<2x63x4xi8>
  %r_i8_act_batched_half_away = call @i8_act_batched_half_away(%a_i8_act_batched_half_away, %w_i8_act_batched_half_away) : (tensor<2x3x63xi8>, tensor<2x63x4xi8>) -> tensor<24xi32>
  %u_i8_act_batched_half_away = tensor.cast %r_i8_act_batched_half_away : tensor<24xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [24]
  // CHECK-NEXT: [6,  55,  -27,  -62,  36,  109,  25,  -58,  -7,  87,  10,  -57,  -87,  -12,  80,  -69,  -77,  2,  81,  -44,  -50,  -2,  25,  -62]
  call @printMemrefI32(%u_i8_act_batched_half_away) : (tensor<*xi32>) -> ()
  %a_ties_float = arith.constant dense<[[1, 0], [-3, 2]]> : tensor<2x2xi8>
  %w_ties_float = arith.constant dense<[[1, -1, 5, -5], [1, 1, -2, 3]]> : tensor<2x4xi8>
  %r_ties_float = call @ties_float(%a_ties_float, %w_ties_float) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %u_ties_float = tensor.cast %r_ties_float : tensor<8xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [8]
  // CHECK-NEXT: [0,  0,  2,  -2,  0,  2,  -10,  10]
  call @printMemrefI32(%u_ties_float) : (tensor<*xi32>) -> ()
  %a_ties_double_round = arith.constant dense<[[1, 0], [-3, 2]]> : tensor<2x2xi8>
  %w_ties_double_round = arith.constant dense<[[1, -1, 5, -5], [1, 1, -2, 3]]> : tensor<2x4xi8>
  %r_ties_double_round = call @ties_double_round(%a_ties_double_round, %w_ties_double_round) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %u_ties_double_round = tensor.cast %r_ties_double_round : tensor<8xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [8]
  // CHECK-NEXT: [1,  0,  3,  -2,  0,  3,  -9,  11]
  call @printMemrefI32(%u_ties_double_round) : (tensor<*xi32>) -> ()
  %a_ties_half_up = arith.constant dense<[[1, 0], [-3, 2]]> : tensor<2x2xi8>
  %w_ties_half_up = arith.constant dense<[[1, -1, 5, -5], [1, 1, -2, 3]]> : tensor<2x4xi8>
  %r_ties_half_up = call @ties_half_up(%a_ties_half_up, %w_ties_half_up) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %u_ties_half_up = tensor.cast %r_ties_half_up : tensor<8xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [8]
  // CHECK-NEXT: [1,  0,  3,  -2,  0,  3,  -9,  11]
  call @printMemrefI32(%u_ties_half_up) : (tensor<*xi32>) -> ()
  %a_ties_half_away = arith.constant dense<[[1, 0], [-3, 2]]> : tensor<2x2xi8>
  %w_ties_half_away = arith.constant dense<[[1, -1, 5, -5], [1, 1, -2, 3]]> : tensor<2x4xi8>
  %r_ties_half_away = call @ties_half_away(%a_ties_half_away, %w_ties_half_away) : (tensor<2x2xi8>, tensor<2x4xi8>) -> tensor<8xi32>
  %u_ties_half_away = tensor.cast %r_ties_half_away : tensor<8xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [8]
  // CHECK-NEXT: [1,  -1,  3,  -3,  -1,  3,  -10,  11]
  call @printMemrefI32(%u_ties_half_away) : (tensor<*xi32>) -> ()
  %a_narrow_out_float = arith.constant dense<[[-110, -25, -102, 101, -36, 38, -51, -119, 126], [94, 98, 6, -113, -91, -70, -37, -7, -54]]> : tensor<2x9xi8>
  %w_narrow_out_float = arith.constant dense<[[27, -97, -39], [21, -96, -121], [-1, 45, 87], [-63, -126, 127], [81, -2, -24], [31, -95, -46], [-17, -70, 110], [21, 65, -6], [68, 74, -23]]> : tensor<9x3xi8>
  %b_narrow_out_float = arith.constant dense<[1273, -2679, -2973]> : tensor<3xi32>
  %r_narrow_out_float = call @narrow_out_float(%a_narrow_out_float, %w_narrow_out_float, %b_narrow_out_float) : (tensor<2x9xi8>, tensor<9x3xi8>, tensor<3xi32>) -> tensor<6xi32>
  %u_narrow_out_float = tensor.cast %r_narrow_out_float : tensor<6xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [6]
  // CHECK-NEXT: [127,  -127,  127,  127,  -127,  127]
  call @printMemrefI32(%u_narrow_out_float) : (tensor<*xi32>) -> ()
  %a_narrow_out_double_round = arith.constant dense<[[-110, -25, -102, 101, -36, 38, -51, -119, 126], [94, 98, 6, -113, -91, -70, -37, -7, -54]]> : tensor<2x9xi8>
  %w_narrow_out_double_round = arith.constant dense<[[27, -97, -39], [21, -96, -121], [-1, 45, 87], [-63, -126, 127], [81, -2, -24], [31, -95, -46], [-17, -70, 110], [21, 65, -6], [68, 74, -23]]> : tensor<9x3xi8>
  %b_narrow_out_double_round = arith.constant dense<[1273, -2679, -2973]> : tensor<3xi32>
  %r_narrow_out_double_round = call @narrow_out_double_round(%a_narrow_out_double_round, %w_narrow_out_double_round, %b_narrow_out_double_round) : (tensor<2x9xi8>, tensor<9x3xi8>, tensor<3xi32>) -> tensor<6xi32>
  %u_narrow_out_double_round = tensor.cast %r_narrow_out_double_round : tensor<6xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [6]
  // CHECK-NEXT: [127,  -127,  127,  127,  -127,  127]
  call @printMemrefI32(%u_narrow_out_double_round) : (tensor<*xi32>) -> ()
  %a_narrow_out_half_up = arith.constant dense<[[-110, -25, -102, 101, -36, 38, -51, -119, 126], [94, 98, 6, -113, -91, -70, -37, -7, -54]]> : tensor<2x9xi8>
  %w_narrow_out_half_up = arith.constant dense<[[27, -97, -39], [21, -96, -121], [-1, 45, 87], [-63, -126, 127], [81, -2, -24], [31, -95, -46], [-17, -70, 110], [21, 65, -6], [68, 74, -23]]> : tensor<9x3xi8>
  %b_narrow_out_half_up = arith.constant dense<[1273, -2679, -2973]> : tensor<3xi32>
  %r_narrow_out_half_up = call @narrow_out_half_up(%a_narrow_out_half_up, %w_narrow_out_half_up, %b_narrow_out_half_up) : (tensor<2x9xi8>, tensor<9x3xi8>, tensor<3xi32>) -> tensor<6xi32>
  %u_narrow_out_half_up = tensor.cast %r_narrow_out_half_up : tensor<6xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [6]
  // CHECK-NEXT: [127,  -127,  127,  127,  -127,  127]
  call @printMemrefI32(%u_narrow_out_half_up) : (tensor<*xi32>) -> ()
  %a_narrow_out_half_away = arith.constant dense<[[-110, -25, -102, 101, -36, 38, -51, -119, 126], [94, 98, 6, -113, -91, -70, -37, -7, -54]]> : tensor<2x9xi8>
  %w_narrow_out_half_away = arith.constant dense<[[27, -97, -39], [21, -96, -121], [-1, 45, 87], [-63, -126, 127], [81, -2, -24], [31, -95, -46], [-17, -70, 110], [21, 65, -6], [68, 74, -23]]> : tensor<9x3xi8>
  %b_narrow_out_half_away = arith.constant dense<[1273, -2679, -2973]> : tensor<3xi32>
  %r_narrow_out_half_away = call @narrow_out_half_away(%a_narrow_out_half_away, %w_narrow_out_half_away, %b_narrow_out_half_away) : (tensor<2x9xi8>, tensor<9x3xi8>, tensor<3xi32>) -> tensor<6xi32>
  %u_narrow_out_half_away = tensor.cast %r_narrow_out_half_away : tensor<6xi32> to tensor<*xi32>
  // CHECK-LABEL: sizes = [6]
  // CHECK-NEXT: [127,  -127,  127,  127,  -127,  127]
  call @printMemrefI32(%u_narrow_out_half_away) : (tensor<*xi32>) -> ()
  return
}
