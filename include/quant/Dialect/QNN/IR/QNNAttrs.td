//===- QNNAttrs.td - QNN enum attributes -------------------*- tablegen -*-===//

#ifndef QUANT_DIALECT_QNN_IR_QNNATTRS_TD
#define QUANT_DIALECT_QNN_IR_QNNATTRS_TD

include "quant/Dialect/QNN/IR/QNNDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def QNN_FlavourPyTorch : I32EnumAttrCase<"pytorch", 0>;
def QNN_FlavourOnnx : I32EnumAttrCase<"onnx", 1>;
def QNN_Flavour : I32EnumAttr<"Flavour",
    "how quantize divides by the scale", [QNN_FlavourPyTorch, QNN_FlavourOnnx]> {
  let description = [{
    `pytorch` multiplies by the float32 reciprocal of the scale (PyTorch,
    FBGEMM); `onnx` divides by the scale (ONNX QuantizeLinear, ONNX
    Runtime). The two differ on some inputs, so the choice is part of the op.
  }];
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::qnn";
}
def QNN_FlavourAttr : EnumAttr<QNN_Dialect, QNN_Flavour, "flavour"> {
  let assemblyFormat = "`<` $value `>`";
}

def QNN_RoundFloat : I32EnumAttrCase<"float_", 0, "float">;
def QNN_RoundDouble : I32EnumAttrCase<"double_round", 1>;
def QNN_RoundHalfUp : I32EnumAttrCase<"half_up", 2>;
def QNN_RoundHalfAway : I32EnumAttrCase<"half_away", 3>;
def QNN_RoundingMode : I32EnumAttr<"RoundingMode",
    "how a requantization rounds",
    [QNN_RoundFloat, QNN_RoundDouble, QNN_RoundHalfUp, QNN_RoundHalfAway]> {
  let description = [{
    `float`: dequantize then quantize in float32 (PyTorch `requantize_val`).
    `double_round`: gemmlowp's SaturatingRoundingDoublingHighMul followed by
    RoundingDivideByPOT (TFLite reference kernels). `half_up`: one rounding
    of the 64-bit product, ties toward +inf (TOSA SINGLE_ROUND). `half_away`:
    the same product, ties away from zero (TVM TONEAREST).
  }];
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::qnn";
}
def QNN_RoundingModeAttr : EnumAttr<QNN_Dialect, QNN_RoundingMode, "rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def QNN_SizeEq : I32EnumAttrCase<"eq", 0>;
def QNN_SizeGe : I32EnumAttrCase<"ge", 1>;
def QNN_SizeRelation : I32EnumAttr<"SizeRelation",
    "how qnn.check_size compares its two sizes", [QNN_SizeEq, QNN_SizeGe]> {
  let description = [{
    `eq`: the sizes are equal. `ge`: the first is at least the second.
  }];
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::qnn";
}
def QNN_SizeRelationAttr : EnumAttr<QNN_Dialect, QNN_SizeRelation, "relation"> {
  let assemblyFormat = "`<` $value `>`";
}

def QNN_StorageAttr : AttrDef<QNN_Dialect, "Storage"> {
  let mnemonic = "storage";
  let summary = "The storage integers of a quantized constant, as folded";
  let description = [{
    What `qnn.constant` and the qnn folders return as a constant value: the
    storage integers (`dense<[255, 20, 30]> : tensor<3xui8>`) wrapped so that
    no fold of another dialect mistakes them for elements of the quantized
    result type they stand for (that type has no dense attribute of its
    own). The dialect's constant materializer turns it back into a
    `qnn.constant`.

    ```mlir
    #qnn.storage<dense<[255, 20, 30]> : tensor<3xui8>>
    ```
  }];
  let parameters = (ins "::mlir::TypedAttr":$value);
  let assemblyFormat = "`<` $value `>`";
}

#endif // QUANT_DIALECT_QNN_IR_QNNATTRS_TD
