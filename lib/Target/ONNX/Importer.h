//===- Importer.h - ONNX graph import state, private ------------*- C++ -*-===//
//
// The state one import works on: the model, the builder inside the
// function being built, and the value map from ONNX names to IR values.
// Each op family lives in its own file (ImportQDQ.cpp, ImportQOperator.cpp,
// ImportFloat{Products,Elementwise,Pooling}.cpp, ImportShapeOps.cpp,
// ImportNormalization.cpp) as member functions of Importer, registered by
// name in ImportONNX.cpp.
//
// Layout: ONNX tensors are NCHW, qnn.conv2d and the linalg convolutions
// NHWC. A value map entry holds one IR value per layout it has been asked
// for, so that convolution and pooling chains stay NHWC and a transpose
// back to NCHW is built only where a consumer needs the ONNX layout.
// Constants (and dequantized constants) are permuted at import time.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_LIB_TARGET_ONNX_IMPORTER_H
#define QUANT_LIB_TARGET_ONNX_IMPORTER_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>
#include <string>

namespace mlir::qnn::onnx_import {

/// How an IR value's dimensions relate to the ONNX tensor it holds.
enum class Layout {
  /// The ONNX layout itself.
  Plain,
  /// A 4-D NCHW tensor as NHWC (dimensions [0, 2, 3, 1]).
  NHWC,
  /// A 4-D OIHW filter as HWCF (dimensions [2, 3, 1, 0]).
  HWCF,
  /// A 4-D OIHW depthwise filter (I = 1) as HWC ([2, 3, 0], I dropped).
  DepthwiseHWC,
  /// A 2-D matrix transposed.
  Transposed,
};

/// The dimension permutation of `layout` for a tensor of `rank`
/// (result dimension i is ONNX dimension perm[i]); empty for Plain.
SmallVector<int64_t> layoutPermutation(Layout layout, int64_t rank);

/// One ONNX value.
struct Entry {
  /// The ONNX type: logical shape, element type (f32, a quant type for
  /// quantized values, or ui8/i8/i32/i64 for integer tensors).
  RankedTensorType type;
  /// The IR values built so far, one per layout.
  llvm::SmallDenseMap<int, Value, 4> forms;
  /// The value as a constant, in the ONNX layout, when it is one.
  DenseElementsAttr constant;
  /// For a DequantizeLinear of a constant: the quantized constant's entry
  /// name, so that each layout gets its own permuted constant.
  std::string dequantizedConstant;
};

class Importer {
public:
  Importer(MLIRContext *context, StringRef path, const onnx::ModelProto &model);

  /// Builds the module; null after an error (already emitted).
  OwningOpRef<ModuleOp> run();

  //===--------------------------------------------------------------------===//
  // Diagnostics and attributes.
  //===--------------------------------------------------------------------===//

  /// An error at the current node: "node 'NAME' (OP): ...".
  InFlightDiagnostic nodeError();
  /// An error about the whole model.
  InFlightDiagnostic modelError();

  const onnx::AttributeProto *attr(StringRef name);
  FailureOr<int64_t> intAttr(StringRef name, int64_t defaultValue);
  FailureOr<float> floatAttr(StringRef name, float defaultValue);
  FailureOr<std::string> stringAttr(StringRef name, StringRef defaultValue);
  FailureOr<SmallVector<int64_t>> intsAttr(StringRef name,
                                           ArrayRef<int64_t> defaultValue);
  /// Fails (with an error) if the node has an attribute not in `known`.
  LogicalResult checkAttrs(ArrayRef<StringRef> known);

  //===--------------------------------------------------------------------===//
  // The value map.
  //===--------------------------------------------------------------------===//

  /// Input `i` of the current node; empty when absent (optional input).
  StringRef inputName(unsigned i);
  bool hasInput(unsigned i) { return !inputName(i).empty(); }
  /// Fails with an error when the node has fewer than `min` or more than
  /// `max` inputs, or fewer than `minOutputs` outputs.
  LogicalResult checkArity(unsigned min, unsigned max, unsigned minOutputs = 1);

  /// The entry of input `i` (an error names an unknown value).
  FailureOr<Entry *> input(unsigned i);
  /// Input `i` as an IR value in `layout` (built on first use).
  FailureOr<Value> value(unsigned i, Layout layout = Layout::Plain);
  FailureOr<Value> valueOf(Entry &entry, Layout layout);
  /// The layout input `i` already has an IR value in, preferring NHWC.
  Layout currentLayout(unsigned i);
  /// Input `i` as a constant (an error says it must be an initializer).
  FailureOr<DenseElementsAttr> constantInput(unsigned i, StringRef what);
  /// A constant scalar (or one-element) float / integer input.
  FailureOr<SmallVector<double>> floatValues(unsigned i, StringRef what);
  FailureOr<SmallVector<int64_t>> intValues(unsigned i, StringRef what);

  /// Defines output `i` of the current node.
  void define(unsigned i, Value v, Layout layout, RankedTensorType onnxType);
  void defineConstant(StringRef name, DenseElementsAttr value);

  //===--------------------------------------------------------------------===//
  // Types and IR helpers.
  //===--------------------------------------------------------------------===//

  /// The IR element type of an ONNX element type, or null.
  Type elementType(int32_t onnxType);
  /// Tensor type in `layout` of an ONNX type.
  RankedTensorType inLayout(RankedTensorType type, Layout layout);
  /// The quant type with scales/zero points from constant inputs
  /// `scaleIndex`, `zpIndex` (zp optional: zero point 0 of type
  /// `defaultZp` when absent), per axis along ONNX dimension `axis` of a
  /// tensor of `rank` when the scale has several elements (or always, with
  /// `perAxis`).
  FailureOr<quant::QuantizedType> quantType(unsigned scaleIndex,
                                            unsigned zpIndex, int64_t axis,
                                            int64_t rank, IntegerType defaultZp,
                                            bool perAxis = false);
  /// ui8 (ONNX's default quantized type).
  IntegerType ui8() {
    return IntegerType::get(context, 8, IntegerType::Unsigned);
  }
  /// Defines a quantized constant (integers `value`, quant type `element`)
  /// under `name`.
  void defineQuantConstant(StringRef name, DenseElementsAttr value,
                           Type element);
  /// `type` with its per-axis dimension moved as `layout` moves it.
  Type quantInLayout(Type element, Layout layout, int64_t rank);
  /// The signless storage integer type of a quant type.
  IntegerType storageType(quant::QuantizedType type);
  /// The ONNX integer type of a quant type's storage (ui8 / i8 / i32).
  IntegerType onnxStorageType(quant::QuantizedType type);
  /// `v` (quantized, or an integer tensor of its storage) as quant type
  /// `element` (same bits).
  Value reinterpret(Value v, Type element);
  /// A quantized `v` as its ONNX integer tensor (ui8 / i8 / i32).
  Value toOnnxInteger(Value v);

  /// A constant in IR: arith.constant, or qnn.constant for quant types.
  Value materialize(DenseElementsAttr value, Type element);
  /// Permutes (and reshapes) a constant as `layout` stores it.
  DenseElementsAttr permuteConstant(DenseElementsAttr value, Layout layout);
  /// A linalg.transpose of `v` (result dimension i is `v`'s perm[i]);
  /// quantized and ui8 data move as signless storage integers.
  Value transpose(Value v, ArrayRef<int64_t> perm);
  /// A float constant of `type` holding `v` everywhere.
  Value floatSplat(RankedTensorType type, double v);
  /// A reshape through a flat tensor (static shapes).
  Value reshape(Value v, ArrayRef<int64_t> shape);
  /// `fn(v)` for a shape op: a value quantized per tensor goes through
  /// its storage integers, so that the shape op sees a plain integer
  /// tensor; the result gets `v`'s quant type back.
  Value onStorage(Value v, function_ref<Value(Value)> fn);

  /// The handler type; handlers are members of Importer.
  using Handler = LogicalResult (Importer::*)(const onnx::NodeProto &);

  //===--------------------------------------------------------------------===//
  // Ops (one family per file).
  //===--------------------------------------------------------------------===//

  // ImportQDQ.cpp
  LogicalResult importQuantizeLinear(const onnx::NodeProto &);
  LogicalResult importDequantizeLinear(const onnx::NodeProto &);
  LogicalResult importDynamicQuantizeLinear(const onnx::NodeProto &);
  // ImportQOperator.cpp
  LogicalResult importQLinearConv(const onnx::NodeProto &);
  LogicalResult importQLinearMatMul(const onnx::NodeProto &);
  LogicalResult importMatMulInteger(const onnx::NodeProto &);
  LogicalResult importConvInteger(const onnx::NodeProto &);
  LogicalResult importQLinearBinary(const onnx::NodeProto &);
  LogicalResult importQLinearGlobalAveragePool(const onnx::NodeProto &);
  LogicalResult importQLinearAveragePool(const onnx::NodeProto &);
  LogicalResult importQLinearConcat(const onnx::NodeProto &);
  LogicalResult importQGemm(const onnx::NodeProto &);
  // ImportFloatProducts.cpp
  LogicalResult importConv(const onnx::NodeProto &);
  LogicalResult importMatMul(const onnx::NodeProto &);
  LogicalResult importGemm(const onnx::NodeProto &);
  // ImportFloatElementwise.cpp
  LogicalResult importBinary(const onnx::NodeProto &);
  LogicalResult importRelu(const onnx::NodeProto &);
  LogicalResult importClip(const onnx::NodeProto &);
  LogicalResult importUnary(const onnx::NodeProto &);
  LogicalResult importIdentity(const onnx::NodeProto &);
  LogicalResult importCast(const onnx::NodeProto &);
  // ImportFloatPooling.cpp
  LogicalResult importMaxPool(const onnx::NodeProto &);
  LogicalResult importAveragePool(const onnx::NodeProto &);
  LogicalResult importGlobalAveragePool(const onnx::NodeProto &);
  // ImportShapeOps.cpp
  LogicalResult importFlatten(const onnx::NodeProto &);
  LogicalResult importReshape(const onnx::NodeProto &);
  LogicalResult importTranspose(const onnx::NodeProto &);
  LogicalResult importConcat(const onnx::NodeProto &);
  LogicalResult importSqueeze(const onnx::NodeProto &);
  LogicalResult importUnsqueeze(const onnx::NodeProto &);
  // ImportNormalization.cpp
  LogicalResult importSoftmax(const onnx::NodeProto &);
  LogicalResult importLayerNormalization(const onnx::NodeProto &);
  LogicalResult importGelu(const onnx::NodeProto &);

  /// Conv-like attributes (2-D): padding [top, left, bottom, right].
  struct Window {
    SmallVector<int64_t> kernel, strides, dilations, padding;
    int64_t groups = 1;
  };
  /// Reads kernel_shape/strides/dilations/pads/auto_pad for NCHW `input`
  /// (shape) and `kernel` (when not an attribute).
  FailureOr<Window> windowAttrs(ArrayRef<int64_t> inputShape,
                                ArrayRef<int64_t> kernel, bool ceilMode);
  /// Output spatial size of a window.
  static int64_t windowOutput(int64_t in, int64_t k, int64_t stride,
                              int64_t dilation, int64_t padBefore,
                              int64_t padAfter, bool ceilMode = false);

  MLIRContext *context;
  std::string path;
  const onnx::ModelProto &model;
  OpBuilder b;
  Location loc;
  const onnx::NodeProto *node = nullptr;
  std::map<std::string, Entry> values;
  /// The folder of the model file, for external data.
  std::string folder;

private:
  LogicalResult checkOpsets();
  LogicalResult importInitializer(const onnx::TensorProto &tensor);
  FailureOr<RankedTensorType> valueType(const onnx::ValueInfoProto &info);
  LogicalResult importNode(const onnx::NodeProto &node);
};

/// A matrix product of `a` (rank >= 2) and `w` (rank 2, or rank 3 with a
/// 3-D `a`): `a` of rank > 2 against a 2-D `w` is collapsed to 2-D and the
/// result expanded back. `build(a2, w, resultType)` creates the product.
FailureOr<Value>
buildMatmul(Importer &im, Value a, Value w, Type resultElement,
            function_ref<Value(Value, Value, RankedTensorType)> build);

/// Float pooling of NHWC `x` with `window` into `outType`: max into -inf
/// over a -inf padding, or the sum into zeros over a 0.0 padding, then
/// divided by the window size, or (without `countIncludePad`) by the
/// number of each window's taps inside the input.
Value floatPool(Importer &im, Value x, const Importer::Window &window,
                RankedTensorType outType, bool isMax,
                bool countIncludePad = true);

/// Converts an ONNX TensorProto into a DenseElementsAttr (raw_data, typed
/// fields or external data under `folder`); errors go to `emitError`.
FailureOr<DenseElementsAttr>
tensorToAttr(const onnx::TensorProto &tensor, Type element, StringRef folder,
             function_ref<InFlightDiagnostic()> emitError);

} // namespace mlir::qnn::onnx_import

#endif // QUANT_LIB_TARGET_ONNX_IMPORTER_H
