"""Prints a QDQ-form linear layer (1 x K activations, K x N constant float
weights quantized per output channel) as a frontend would write it, for
the tests of constant folding at realistic sizes: python3 qdq_layer.py K N.
"""
import sys

import numpy as np

k, n = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(7)
weights = (rng.standard_normal((k, n)) * 0.05).astype("<f4")
scales = ", ".join("%.4f" % (0.001 * (1 + j % 7)) for j in range(n))
print(f"""!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:1, {{{scales}}}>
!qo = !quant.uniform<u8:f32, 0.5:7>
func.func @layer(%a8: tensor<1x{k}xi8>) -> tensor<1x{n}xi8> {{
  %qa = quant.scast %a8 : tensor<1x{k}xi8> to tensor<1x{k}x!qa>
  %a = quant.dcast %qa : tensor<1x{k}x!qa> to tensor<1x{k}xf32>
  %wf = arith.constant dense<"0x{weights.tobytes().hex().upper()}"> : tensor<{k}x{n}xf32>
  %qw = quant.qcast %wf : tensor<{k}x{n}xf32> to tensor<{k}x{n}x!qw>
  %w = quant.dcast %qw : tensor<{k}x{n}x!qw> to tensor<{k}x{n}xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x{n}xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x{n}xf32>) -> tensor<1x{n}xf32>
  %y = linalg.matmul ins(%a, %w : tensor<1x{k}xf32>, tensor<{k}x{n}xf32>)
      outs(%z : tensor<1x{n}xf32>) -> tensor<1x{n}xf32>
  %q = quant.qcast %y : tensor<1x{n}xf32> to tensor<1x{n}x!qo>
  %s = quant.scast %q : tensor<1x{n}x!qo> to tensor<1x{n}xi8>
  return %s : tensor<1x{n}xi8>
}}""")
