//===- QNNDialect.td - Quantized neural-network dialect ----*- tablegen -*-===//
//
// The `qnn` dialect: exact quantization arithmetic on MLIR's quant types.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DIALECT_QNN_IR_QNNDIALECT_TD
#define QUANT_DIALECT_QNN_IR_QNNDIALECT_TD

include "mlir/IR/OpBase.td"

def QNN_Dialect : Dialect {
  let name = "qnn";
  let summary = "Quantized neural-network operations with exact semantics.";
  let description = [{
    The `qnn` dialect operates on the upstream `!quant.uniform` element types
    (per tensor and per axis) and gives every operation one bit-exact
    meaning, written down in `docs/Semantics.md`: quantize in the PyTorch or
    ONNX flavour, dequantize, requantize with an explicit rounding mode.
    Unlike the upstream `quant` casts, the ops carry enough information to
    be lowered to integer and float arithmetic without a runtime library,
    and they reject parameters that have no defined result (zero, negative
    or non-finite scales, zero points outside the storage range).
  }];
  let cppNamespace = "::mlir::qnn";
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

#endif // QUANT_DIALECT_QNN_IR_QNNDIALECT_TD
