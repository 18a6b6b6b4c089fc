//===- ImportONNX.cpp - ONNX models to func + qnn IR ----------------------===//
//
// The model, graph, initializers, value map and diagnostics of the ONNX
// importer; the ops themselves are in ImportQDQ.cpp, ImportQOperator.cpp,
// ImportFloat{Products,Elementwise,Pooling}.cpp, ImportShapeOps.cpp and
// ImportNormalization.cpp.
//
//===----------------------------------------------------------------------===//

#include "quant/Target/ONNX/ImportONNX.h"
#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Dialect/QNN/IR/QNNOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <cstring>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::onnx_import;

//===----------------------------------------------------------------------===//
// Layouts.
//===----------------------------------------------------------------------===//

SmallVector<int64_t> onnx_import::layoutPermutation(Layout layout,
                                                    int64_t rank) {
  switch (layout) {
  case Layout::Plain:
    return {};
  case Layout::NHWC:
    return {0, 2, 3, 1};
  case Layout::HWCF:
    return {2, 3, 1, 0};
  case Layout::DepthwiseHWC:
    return {2, 3, 0, 1};
  case Layout::Transposed:
    return {1, 0};
  }
  (void)rank;
  return {};
}

static bool layoutApplies(Layout layout, int64_t rank) {
  if (layout == Layout::Plain)
    return true;
  if (layout == Layout::Transposed)
    return rank == 2;
  return rank == 4;
}

//===----------------------------------------------------------------------===//
// Tensors.
//===----------------------------------------------------------------------===//

/// The largest dimension accepted, and the largest pad, stride, dilation
/// or kernel size: shape arithmetic on larger values could overflow int64.
static constexpr int64_t kMaxDim = int64_t(1) << 32;
static constexpr int64_t kMaxWindow = int64_t(1) << 20;

/// Reads the bytes of a tensor stored outside the model
/// (`data_location: EXTERNAL`, keys `location`, `offset`, `length`).
static FailureOr<std::string>
readExternal(const onnx::TensorProto &tensor, StringRef folder,
             function_ref<InFlightDiagnostic()> emitError) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const auto &kv : tensor.external_data()) {
    auto parse = [&](uint64_t &out) {
      return !StringRef(kv.value()).getAsInteger(10, out);
    };
    if (kv.key() == "location") {
      location = kv.value();
    } else if (kv.key() == "offset") {
      if (!parse(offset))
        return emitError() << "initializer '" << tensor.name()
                           << "': bad external data offset '" << kv.value()
                           << "'",
               failure();
    } else if (kv.key() == "length") {
      uint64_t l;
      if (!parse(l))
        return emitError() << "initializer '" << tensor.name()
                           << "': bad external data length '" << kv.value()
                           << "'",
               failure();
      length = l;
    }
  }
  if (location.empty())
    return emitError() << "initializer '" << tensor.name()
                       << "': external data without a location",
           failure();
  if (llvm::sys::path::is_absolute(location) ||
      StringRef(location).contains(".."))
    return emitError() << "initializer '" << tensor.name()
                       << "': external data location '" << location
                       << "' must be relative to the model's folder",
           failure();
  SmallString<256> file(folder);
  llvm::sys::path::append(file, location);
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return emitError() << "initializer '" << tensor.name()
                       << "': cannot read external data '" << file
                       << "': " << buffer.getError().message(),
           failure();
  uint64_t size = (*buffer)->getBufferSize();
  uint64_t len = length ? *length : (offset <= size ? size - offset : 0);
  if (offset > size || len > size - offset)
    return emitError() << "initializer '" << tensor.name()
                       << "': external data range [" << offset << ", "
                       << offset + len << ") is outside '" << file << "' ("
                       << size << " bytes)",
           failure();
  return std::string((*buffer)->getBufferStart() + offset, len);
}

FailureOr<DenseElementsAttr>
onnx_import::tensorToAttr(const onnx::TensorProto &tensor, Type element,
                          StringRef folder,
                          function_ref<InFlightDiagnostic()> emitError) {
  SmallVector<int64_t> shape;
  int64_t count = 1;
  for (int64_t d : tensor.dims()) {
    if (d < 0 || d > kMaxDim || (d > 0 && count > (int64_t(1) << 40) / d))
      return emitError() << "initializer '" << tensor.name()
                         << "' has a bad dimension " << d,
             failure();
    shape.push_back(d);
    count *= d;
  }
  auto type = RankedTensorType::get(shape, element);
  unsigned width = element.getIntOrFloatBitWidth();
  size_t bytes = static_cast<size_t>(count) * (width / 8);

  std::string raw;
  bool haveRaw = false;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    FailureOr<std::string> ext = readExternal(tensor, folder, emitError);
    if (failed(ext))
      return failure();
    raw = std::move(*ext);
    haveRaw = true;
  } else if (tensor.has_raw_data()) {
    raw = tensor.raw_data();
    haveRaw = true;
  }
  if (haveRaw) {
    if (raw.size() != bytes)
      return emitError() << "initializer '" << tensor.name() << "' holds "
                         << raw.size() << " bytes of data, expected " << bytes
                         << " for " << type,
             failure();
    // ONNX stores raw data little-endian, as the host is.
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(raw.data(), bytes));
  }

  // Typed fields: their counts are checked before anything is allocated.
  auto sizeError = [&](int64_t have) {
    return emitError() << "initializer '" << tensor.name() << "' holds " << have
                       << " values, expected " << count << " for " << type,
           failure();
  };
  int64_t have = -1;
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    have = tensor.float_data_size();
    break;
  case onnx::TensorProto::INT64:
    have = tensor.int64_data_size();
    break;
  default:
    have = tensor.int32_data_size();
    break;
  }
  if (have != count)
    return sizeError(have);
  std::vector<char> data(bytes);
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT: {
    if (tensor.float_data_size() != count)
      return sizeError(tensor.float_data_size());
    std::memcpy(data.data(), tensor.float_data().data(), bytes);
    break;
  }
  case onnx::TensorProto::INT64: {
    if (tensor.int64_data_size() != count)
      return sizeError(tensor.int64_data_size());
    std::memcpy(data.data(), tensor.int64_data().data(), bytes);
    break;
  }
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT32: {
    // int32_data holds every narrow integer type, one value per entry.
    if (tensor.int32_data_size() != count)
      return sizeError(tensor.int32_data_size());
    for (int64_t i = 0; i < count; ++i) {
      int32_t v = tensor.int32_data(i);
      if (width == 8) {
        auto byte = static_cast<uint8_t>(v);
        std::memcpy(data.data() + i, &byte, 1);
      } else {
        std::memcpy(data.data() + 4 * i, &v, 4);
      }
    }
    break;
  }
  default:
    return emitError() << "initializer '" << tensor.name()
                       << "': unsupported element type",
           failure();
  }
  return DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(data.data(), data.size()));
}

//===----------------------------------------------------------------------===//
// Importer: diagnostics and attributes.
//===----------------------------------------------------------------------===//

Importer::Importer(MLIRContext *context, StringRef path,
                   const onnx::ModelProto &model)
    : context(context), path(path.str()), model(model), b(context),
      loc(FileLineColLoc::get(context, path, 0, 0)) {
  folder = llvm::sys::path::parent_path(path).str();
  if (folder.empty())
    folder = ".";
}

InFlightDiagnostic Importer::nodeError() {
  InFlightDiagnostic diag = emitError(loc);
  if (node)
    diag << "node '" << node->name() << "' (" << node->op_type() << "): ";
  return diag;
}

InFlightDiagnostic Importer::modelError() {
  return emitError(FileLineColLoc::get(context, path, 0, 0));
}

const onnx::AttributeProto *Importer::attr(StringRef name) {
  for (const auto &a : node->attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

FailureOr<int64_t> Importer::intAttr(StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return defaultValue;
  if (a->type() != onnx::AttributeProto::INT)
    return nodeError() << "attribute '" << name << "' must be an int",
           failure();
  return a->i();
}

FailureOr<float> Importer::floatAttr(StringRef name, float defaultValue) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return defaultValue;
  if (a->type() != onnx::AttributeProto::FLOAT)
    return nodeError() << "attribute '" << name << "' must be a float",
           failure();
  return a->f();
}

FailureOr<std::string> Importer::stringAttr(StringRef name,
                                            StringRef defaultValue) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return defaultValue.str();
  if (a->type() != onnx::AttributeProto::STRING)
    return nodeError() << "attribute '" << name << "' must be a string",
           failure();
  return a->s();
}

FailureOr<SmallVector<int64_t>>
Importer::intsAttr(StringRef name, ArrayRef<int64_t> defaultValue) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return SmallVector<int64_t>(defaultValue);
  if (a->type() != onnx::AttributeProto::INTS)
    return nodeError() << "attribute '" << name << "' must be a list of ints",
           failure();
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

LogicalResult Importer::checkAttrs(ArrayRef<StringRef> known) {
  for (const auto &a : node->attribute())
    if (!llvm::is_contained(known, StringRef(a.name())))
      return nodeError() << "unsupported attribute '" << a.name() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// Importer: the value map.
//===----------------------------------------------------------------------===//

StringRef Importer::inputName(unsigned i) {
  if (static_cast<int>(i) >= node->input_size())
    return {};
  return node->input(i);
}

LogicalResult Importer::checkArity(unsigned min, unsigned max,
                                   unsigned minOutputs) {
  unsigned n = node->input_size();
  if (n < min || n > max) {
    InFlightDiagnostic diag = nodeError() << "expected ";
    if (min == max)
      diag << min;
    else
      diag << min << " to " << max;
    return diag << " inputs, got " << n;
  }
  for (unsigned i = 0; i < min; ++i)
    if (node->input(i).empty())
      return nodeError() << "input " << i << " is required";
  if (static_cast<unsigned>(node->output_size()) < minOutputs)
    return nodeError() << "expected " << minOutputs << " outputs, got "
                       << node->output_size();
  return success();
}

FailureOr<Entry *> Importer::input(unsigned i) {
  StringRef name = inputName(i);
  if (name.empty())
    return nodeError() << "input " << i << " is required", failure();
  auto it = values.find(name.str());
  if (it == values.end())
    return nodeError() << "unknown input '" << name
                       << "' (not a graph input, initializer or earlier "
                          "node's output)",
           failure();
  return &it->second;
}

Layout Importer::currentLayout(unsigned i) {
  FailureOr<Entry *> e = input(i);
  if (failed(e))
    return Layout::Plain;
  if ((*e)->forms.count(static_cast<int>(Layout::NHWC)))
    return Layout::NHWC;
  return Layout::Plain;
}

FailureOr<Value> Importer::value(unsigned i, Layout layout) {
  FailureOr<Entry *> e = input(i);
  if (failed(e))
    return failure();
  return valueOf(**e, layout);
}

FailureOr<Value> Importer::valueOf(Entry &entry, Layout layout) {
  auto it = entry.forms.find(static_cast<int>(layout));
  if (it != entry.forms.end())
    return it->second;
  int64_t rank = entry.type.getRank();
  if (!layoutApplies(layout, rank))
    return nodeError() << "expected a tensor of rank "
                       << (layout == Layout::Transposed ? 2 : 4) << ", got "
                       << entry.type,
           failure();
  Value v;
  if (entry.constant) {
    v = materialize(permuteConstant(entry.constant, layout),
                    quantInLayout(entry.type.getElementType(), layout, rank));
  } else if (!entry.dequantizedConstant.empty()) {
    // Dequantize the permuted constant: the permutation happens at import.
    Entry &q = values.at(entry.dequantizedConstant);
    FailureOr<Value> qv = valueOf(q, layout);
    if (failed(qv))
      return failure();
    v = DequantizeOp::create(b, loc, inLayout(entry.type, layout), *qv);
  } else {
    // A run-time transpose from a layout this value already has.
    Value plain;
    auto p = entry.forms.find(static_cast<int>(Layout::Plain));
    if (p != entry.forms.end()) {
      plain = p->second;
    } else {
      for (auto &[l, form] : entry.forms) {
        SmallVector<int64_t> perm =
            layoutPermutation(static_cast<Layout>(l), rank);
        if (static_cast<Layout>(l) == Layout::DepthwiseHWC)
          continue;
        SmallVector<int64_t> inverse(perm.size());
        for (size_t d = 0; d < perm.size(); ++d)
          inverse[perm[d]] = d;
        plain = transpose(form, inverse);
        break;
      }
      if (!plain)
        return nodeError() << "internal: no layout to convert from", failure();
      entry.forms[static_cast<int>(Layout::Plain)] = plain;
    }
    if (layout == Layout::Plain) {
      v = plain;
    } else if (layout == Layout::DepthwiseHWC) {
      return nodeError() << "a depthwise filter must be a constant", failure();
    } else {
      v = transpose(plain, layoutPermutation(layout, rank));
    }
  }
  entry.forms[static_cast<int>(layout)] = v;
  return v;
}

FailureOr<DenseElementsAttr> Importer::constantInput(unsigned i,
                                                     StringRef what) {
  FailureOr<Entry *> e = input(i);
  if (failed(e))
    return failure();
  if (!(*e)->constant)
    return nodeError() << what << " '" << inputName(i)
                       << "' must be a constant (an initializer)",
           failure();
  return (*e)->constant;
}

FailureOr<SmallVector<double>> Importer::floatValues(unsigned i,
                                                     StringRef what) {
  FailureOr<DenseElementsAttr> c = constantInput(i, what);
  if (failed(c))
    return failure();
  if (!c->getElementType().isF32())
    return nodeError() << what << " '" << inputName(i)
                       << "' must be float, got " << c->getType(),
           failure();
  SmallVector<double> out;
  for (APFloat v : c->getValues<APFloat>())
    out.push_back(v.convertToFloat());
  return out;
}

FailureOr<SmallVector<int64_t>> Importer::intValues(unsigned i,
                                                    StringRef what) {
  FailureOr<DenseElementsAttr> c = constantInput(i, what);
  if (failed(c))
    return failure();
  auto it = dyn_cast<IntegerType>(c->getElementType());
  if (!it)
    return nodeError() << what << " '" << inputName(i)
                       << "' must be an integer tensor, got " << c->getType(),
           failure();
  SmallVector<int64_t> out;
  for (APInt v : c->getValues<APInt>())
    out.push_back(it.isUnsigned() ? static_cast<int64_t>(v.getZExtValue())
                                  : v.getSExtValue());
  return out;
}

void Importer::define(unsigned i, Value v, Layout layout,
                      RankedTensorType onnxType) {
  if (static_cast<int>(i) >= node->output_size() || node->output(i).empty())
    return;
  Entry entry;
  entry.type = onnxType;
  entry.forms[static_cast<int>(layout)] = v;
  values[node->output(i)] = std::move(entry);
}

void Importer::defineQuantConstant(StringRef name, DenseElementsAttr value,
                                   Type element) {
  Entry entry;
  entry.type = cast<RankedTensorType>(value.getType()).clone(element);
  entry.constant = value;
  values[name.str()] = std::move(entry);
}

void Importer::defineConstant(StringRef name, DenseElementsAttr value) {
  Entry entry;
  entry.type = cast<RankedTensorType>(value.getType());
  entry.constant = value;
  values[name.str()] = std::move(entry);
}

//===----------------------------------------------------------------------===//
// Importer: types and IR helpers.
//===----------------------------------------------------------------------===//

Type Importer::elementType(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case onnx::TensorProto::UINT8:
    return IntegerType::get(context, 8, IntegerType::Unsigned);
  case onnx::TensorProto::INT32:
    return b.getIntegerType(32);
  case onnx::TensorProto::INT64:
    return b.getIntegerType(64);
  default:
    return {};
  }
}

static StringRef onnxTypeName(int32_t t) {
  if (onnx::TensorProto::DataType_IsValid(t))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(t));
  return "unknown";
}

RankedTensorType Importer::inLayout(RankedTensorType type, Layout layout) {
  int64_t rank = type.getRank();
  Type element = quantInLayout(type.getElementType(), layout, rank);
  if (layout == Layout::Plain)
    return type.clone(element);
  SmallVector<int64_t> perm = layoutPermutation(layout, rank);
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  if (layout == Layout::DepthwiseHWC)
    shape.pop_back();
  return RankedTensorType::get(shape, element);
}

Type Importer::quantInLayout(Type element, Layout layout, int64_t rank) {
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element);
  if (!perAxis || layout == Layout::Plain)
    return element;
  SmallVector<int64_t> perm = layoutPermutation(layout, rank);
  int32_t axis = perAxis.getQuantizedDimension();
  int32_t newAxis = axis;
  for (size_t d = 0; d < perm.size(); ++d)
    if (perm[d] == axis)
      newAxis = d;
  return quant::UniformQuantizedPerAxisType::get(
      perAxis.getFlags(), perAxis.getStorageType(), perAxis.getExpressedType(),
      perAxis.getScales(), perAxis.getZeroPoints(), newAxis,
      perAxis.getStorageTypeMin(), perAxis.getStorageTypeMax());
}

IntegerType Importer::storageType(quant::QuantizedType type) {
  return IntegerType::get(context, type.getStorageTypeIntegralWidth());
}

IntegerType Importer::onnxStorageType(quant::QuantizedType type) {
  return IntegerType::get(context, type.getStorageTypeIntegralWidth(),
                          type.isSigned() ? IntegerType::Signless
                                          : IntegerType::Unsigned);
}

FailureOr<quant::QuantizedType>
Importer::quantType(unsigned scaleIndex, unsigned zpIndex, int64_t axis,
                    int64_t rank, IntegerType defaultZp, bool perAxis) {
  FailureOr<SmallVector<double>> scales = floatValues(scaleIndex, "scale");
  if (failed(scales))
    return failure();
  if (scales->empty())
    return nodeError() << "scale '" << inputName(scaleIndex)
                       << "' has no elements",
           failure();
  SmallVector<int64_t> zps;
  IntegerType zpType = defaultZp;
  if (hasInput(zpIndex)) {
    FailureOr<SmallVector<int64_t>> z = intValues(zpIndex, "zero point");
    if (failed(z))
      return failure();
    zps = *z;
    zpType = cast<IntegerType>(
        values.at(inputName(zpIndex).str()).constant.getElementType());
  } else {
    zps.assign(scales->size(), 0);
  }
  unsigned width = zpType.getWidth();
  if (width != 8 && width != 32)
    return nodeError() << "unsupported zero point type " << zpType
                       << " (expected uint8, int8 or int32)",
           failure();
  if (width == 32 && !zpType.isSignless())
    return nodeError() << "unsupported zero point type " << zpType, failure();
  bool isSigned = !zpType.isUnsigned();
  if (scales->size() != zps.size())
    return nodeError() << "scale '" << inputName(scaleIndex) << "' has "
                       << scales->size() << " elements but zero point '"
                       << inputName(zpIndex) << "' has " << zps.size(),
           failure();
  for (double s : *scales)
    if (!(s > 0.0) || !std::isfinite(s))
      return nodeError() << "scale '" << inputName(scaleIndex) << "' holds "
                         << s << ": scales must be positive and finite",
             failure();
  int64_t qmin = isSigned ? -(int64_t(1) << (width - 1)) : 0;
  int64_t qmax =
      isSigned ? (int64_t(1) << (width - 1)) - 1 : (int64_t(1) << width) - 1;
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  Type storage = b.getIntegerType(width);
  FailureOr<Entry *> scaleEntry = input(scaleIndex);
  bool scalar = (*scaleEntry)->type.getRank() == 0 ||
                (scales->size() == 1 && (rank == 0 || !perAxis));
  if (scalar)
    return cast<quant::QuantizedType>(quant::UniformQuantizedType::get(
        flags, storage, b.getF32Type(), (*scales)[0], zps[0], qmin, qmax));
  if ((*scaleEntry)->type.getRank() != 1)
    return nodeError() << "scale '" << inputName(scaleIndex)
                       << "' must be a scalar or 1-D, got "
                       << (*scaleEntry)->type,
           failure();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return nodeError() << "axis out of range for a tensor of rank " << rank,
           failure();
  return cast<quant::QuantizedType>(quant::UniformQuantizedPerAxisType::get(
      flags, storage, b.getF32Type(), *scales, zps, axis, qmin, qmax));
}

Value Importer::reinterpret(Value v, Type element) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getElementType() == element)
    return v;
  auto target = cast<quant::QuantizedType>(element);
  Value storage = v;
  if (auto q = dyn_cast<quant::QuantizedType>(type.getElementType()))
    storage = StorageCastOp::create(b, loc, type.clone(storageType(q)), v);
  // Integer tensors (signless, or ui8 for u8 storage) cast directly.
  return StorageCastOp::create(b, loc, type.clone(target), storage);
}

Value Importer::toOnnxInteger(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  auto q = dyn_cast<quant::QuantizedType>(type.getElementType());
  if (!q)
    return v;
  return StorageCastOp::create(b, loc, type.clone(onnxStorageType(q)), v);
}

Value Importer::materialize(DenseElementsAttr value, Type element) {
  auto type = cast<RankedTensorType>(value.getType());
  if (auto q = dyn_cast<quant::QuantizedType>(element)) {
    // qnn.constant spells the storage's signedness: ui8, si8, si32.
    auto signedType = IntegerType::get(context, q.getStorageTypeIntegralWidth(),
                                       q.isSigned() ? IntegerType::Signed
                                                    : IntegerType::Unsigned);
    auto raw = value.bitcast(signedType);
    return ConstantOp::create(b, loc, type.clone(element), raw);
  }
  return arith::ConstantOp::create(b, loc, type, value);
}

DenseElementsAttr Importer::permuteConstant(DenseElementsAttr value,
                                            Layout layout) {
  auto type = cast<RankedTensorType>(value.getType());
  if (layout == Layout::Plain)
    return value;
  SmallVector<int64_t> perm = layoutPermutation(layout, type.getRank());
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  if (layout == Layout::DepthwiseHWC)
    shape.pop_back();
  auto outType = RankedTensorType::get(shape, type.getElementType());
  if (value.isSplat())
    return value.reshape(outType);
  size_t width = type.getElementTypeBitWidth() / 8;
  ArrayRef<char> in = value.getRawData();
  std::vector<char> out(in.size());
  int64_t rank = type.getRank();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * type.getDimSize(d + 1);
  SmallVector<int64_t> permShape;
  for (int64_t d : perm)
    permShape.push_back(type.getDimSize(d));
  SmallVector<int64_t> index(rank, 0);
  int64_t n = type.getNumElements();
  for (int64_t o = 0; o < n; ++o) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += index[d] * inStrides[perm[d]];
    std::memcpy(out.data() + o * width, in.data() + src * width, width);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < permShape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(outType, out);
}

Value Importer::transpose(Value v, ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  if (auto it = dyn_cast<IntegerType>(type.getElementType());
      it && it.isUnsigned()) {
    // ui8 data (the lowering converts only quantized tensors to signless
    // storage) moves as a u8 quantized value, then comes back to ui8.
    auto q = quant::UniformQuantizedType::get(
        0, IntegerType::get(context, it.getWidth()), b.getF32Type(), 1.0, 0, 0,
        (int64_t(1) << it.getWidth()) - 1);
    Value moved =
        transpose(StorageCastOp::create(b, loc, type.clone(q), v), perm);
    return StorageCastOp::create(
        b, loc, cast<RankedTensorType>(moved.getType()).clone(it), moved);
  }
  if (auto q = dyn_cast<quant::QuantizedType>(type.getElementType())) {
    // Quantized values move as their storage integers.
    Value raw = StorageCastOp::create(b, loc, type.clone(storageType(q)), v);
    Value moved = transpose(raw, perm);
    Type element = q;
    if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(q)) {
      int32_t newAxis = 0;
      for (size_t d = 0; d < perm.size(); ++d)
        if (perm[d] == perAxis.getQuantizedDimension())
          newAxis = d;
      element = quant::UniformQuantizedPerAxisType::get(
          perAxis.getFlags(), perAxis.getStorageType(),
          perAxis.getExpressedType(), perAxis.getScales(),
          perAxis.getZeroPoints(), newAxis, perAxis.getStorageTypeMin(),
          perAxis.getStorageTypeMax());
    }
    return StorageCastOp::create(
        b, loc, cast<RankedTensorType>(moved.getType()).clone(element), moved);
  }
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamic;
  for (int64_t d : perm) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynamic.push_back(tensor::DimOp::create(b, loc, v, d));
  }
  Value init =
      tensor::EmptyOp::create(b, loc, shape, type.getElementType(), dynamic);
  return linalg::TransposeOp::create(b, loc, v, init, perm)->getResult(0);
}

Value Importer::floatSplat(RankedTensorType type, double v) {
  return arith::ConstantOp::create(
      b, loc, type, DenseElementsAttr::get(type, b.getF32FloatAttr(v)));
}

Value Importer::onStorage(Value v, function_ref<Value(Value)> fn) {
  auto type = cast<RankedTensorType>(v.getType());
  auto q = dyn_cast<quant::UniformQuantizedType>(type.getElementType());
  if (!q)
    return fn(v);
  Value raw = StorageCastOp::create(b, loc, type.clone(storageType(q)), v);
  Value moved = fn(raw);
  return StorageCastOp::create(
      b, loc, cast<RankedTensorType>(moved.getType()).clone(q), moved);
}

Value Importer::reshape(Value v, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getShape() == shape)
    return v;
  if (auto q = dyn_cast<quant::UniformQuantizedType>(type.getElementType())) {
    Value raw = StorageCastOp::create(b, loc, type.clone(storageType(q)), v);
    Value moved = reshape(raw, shape);
    return StorageCastOp::create(
        b, loc, cast<RankedTensorType>(moved.getType()).clone(q), moved);
  }
  Value flat = v;
  if (type.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < type.getRank(); ++d)
      all.push_back(d);
    SmallVector<ReassociationIndices> re;
    if (type.getRank() > 0)
      re.push_back(all);
    flat = tensor::CollapseShapeOp::create(b, loc, v, re);
  }
  if (shape.size() == 1)
    return flat;
  ReassociationIndices all;
  for (size_t d = 0; d < shape.size(); ++d)
    all.push_back(d);
  SmallVector<ReassociationIndices> re;
  if (!shape.empty())
    re.push_back(all);
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), flat, re);
}

int64_t Importer::windowOutput(int64_t in, int64_t k, int64_t stride,
                               int64_t dilation, int64_t padBefore,
                               int64_t padAfter, bool ceilMode) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t span = in + padBefore + padAfter - dilation * (k - 1) - 1;
  if (span < 0)
    return 0;
  if (ceilMode)
    return (span + stride - 1) / stride + 1;
  return span / stride + 1;
}

FailureOr<Importer::Window> Importer::windowAttrs(ArrayRef<int64_t> inputShape,
                                                  ArrayRef<int64_t> kernel,
                                                  bool ceilMode) {
  Window w;
  FailureOr<SmallVector<int64_t>> k = intsAttr("kernel_shape", kernel);
  if (failed(k))
    return failure();
  if (k->size() != 2)
    return nodeError() << "only 2-D windows are supported (kernel_shape of "
                       << k->size() << " elements)",
           failure();
  if (!kernel.empty() && ArrayRef<int64_t>(*k) != kernel)
    return nodeError() << "kernel_shape [" << (*k)[0] << ", " << (*k)[1]
                       << "] does not match the filter's [" << kernel[0] << ", "
                       << kernel[1] << "]",
           failure();
  w.kernel = *k;
  FailureOr<SmallVector<int64_t>> strides = intsAttr("strides", {1, 1});
  FailureOr<SmallVector<int64_t>> dilations = intsAttr("dilations", {1, 1});
  FailureOr<SmallVector<int64_t>> pads = intsAttr("pads", {0, 0, 0, 0});
  FailureOr<std::string> autoPad = stringAttr("auto_pad", "NOTSET");
  FailureOr<int64_t> group = intAttr("group", 1);
  if (failed(strides) || failed(dilations) || failed(pads) || failed(autoPad) ||
      failed(group))
    return failure();
  if (strides->size() != 2 || dilations->size() != 2 || pads->size() != 4)
    return nodeError() << "strides and dilations must have 2 elements and "
                          "pads 4",
           failure();
  for (int64_t v : llvm::concat<int64_t>(*strides, *dilations))
    if (v < 1 || v > kMaxWindow)
      return nodeError() << "unsupported attribute value: strides and "
                            "dilations must be positive (and not huge)",
             failure();
  for (int64_t v : *pads)
    if (v < 0 || v > kMaxWindow)
      return nodeError() << "unsupported attribute value: pads must not be "
                            "negative (or huge)",
             failure();
  for (int64_t v : w.kernel)
    if (v < 1 || v > kMaxWindow)
      return nodeError() << "unsupported attribute value: kernel_shape must "
                            "be positive (and not huge)",
             failure();
  if (*group < 1)
    return nodeError() << "group must be positive", failure();
  w.strides = *strides;
  w.dilations = *dilations;
  w.groups = *group;
  // ONNX pads are [x1_begin, x2_begin, x1_end, x2_end]: already
  // [top, left, bottom, right].
  w.padding = *pads;
  if (*autoPad == "SAME_UPPER" || *autoPad == "SAME_LOWER") {
    for (int d = 0; d < 2; ++d) {
      int64_t in = inputShape[2 + d];
      if (ShapedType::isDynamic(in))
        return nodeError() << "auto_pad " << *autoPad
                           << " needs static spatial sizes",
               failure();
      int64_t out = (in + w.strides[d] - 1) / w.strides[d];
      int64_t total =
          std::max<int64_t>(0, (out - 1) * w.strides[d] +
                                   (w.kernel[d] - 1) * w.dilations[d] + 1 - in);
      int64_t small = total / 2, large = total - small;
      w.padding[d] = *autoPad == "SAME_UPPER" ? small : large;
      w.padding[d + 2] = *autoPad == "SAME_UPPER" ? large : small;
    }
  } else if (*autoPad == "VALID") {
    w.padding = {0, 0, 0, 0};
  } else if (*autoPad != "NOTSET") {
    return nodeError() << "unsupported auto_pad value '" << *autoPad << "'",
           failure();
  }
  (void)ceilMode;
  return w;
}

//===----------------------------------------------------------------------===//
// Importer: the model.
//===----------------------------------------------------------------------===//

LogicalResult Importer::checkOpsets() {
  bool haveDefault = false;
  for (const auto &opset : model.opset_import()) {
    StringRef domain = opset.domain();
    int64_t version = opset.version();
    if (domain.empty() || domain == "ai.onnx") {
      haveDefault = true;
      if (version < 13 || version > 21)
        return modelError() << "unsupported opset version " << version
                            << " of the default domain (supported: 13 to 21)";
    } else if (domain == "com.microsoft") {
      if (version != 1)
        return modelError() << "unsupported opset version " << version
                            << " of domain 'com.microsoft' (supported: 1)";
    } else if (domain == "ai.onnx.ml") {
      // Declared by many exporters; none of its ops are supported, which
      // an unknown-op error reports if one is used.
    } else {
      return modelError() << "unsupported opset domain '" << domain << "'";
    }
  }
  if (!haveDefault)
    return modelError() << "the model imports no opset of the default domain";
  return success();
}

FailureOr<RankedTensorType>
Importer::valueType(const onnx::ValueInfoProto &info) {
  auto fail = [&](const Twine &what) {
    return modelError() << "graph value '" << info.name() << "': " << what,
           failure();
  };
  if (!info.type().has_tensor_type())
    return fail("only tensors are supported");
  const auto &tt = info.type().tensor_type();
  Type element = elementType(tt.elem_type());
  if (!element)
    return fail("unsupported element type " + onnxTypeName(tt.elem_type()) +
                " (supported: float, int8, uint8, int32, int64)");
  if (!tt.has_shape())
    return fail("the shape (at least the rank) must be known");
  SmallVector<int64_t> shape;
  for (const auto &dim : tt.shape().dim()) {
    if (dim.has_dim_value()) {
      if (dim.dim_value() < 0 || dim.dim_value() > kMaxDim)
        return fail("dimension " + Twine(dim.dim_value()) + " is out of range");
      shape.push_back(dim.dim_value());
    } else {
      shape.push_back(ShapedType::kDynamic);
    }
  }
  return RankedTensorType::get(shape, element);
}

LogicalResult Importer::importInitializer(const onnx::TensorProto &tensor) {
  Type element = elementType(tensor.data_type());
  if (!element)
    return modelError() << "initializer '" << tensor.name()
                        << "': unsupported element type "
                        << onnxTypeName(tensor.data_type())
                        << " (supported: float, int8, uint8, int32, int64)";
  FailureOr<DenseElementsAttr> attr =
      tensorToAttr(tensor, element, folder, [&]() { return modelError(); });
  if (failed(attr))
    return failure();
  defineConstant(tensor.name(), *attr);
  return success();
}

/// Op handlers by op type ("com.microsoft." prefixed for that domain).
static const llvm::StringMap<Importer::Handler> &handlers() {
  static const llvm::StringMap<Importer::Handler> map = [] {
    llvm::StringMap<Importer::Handler> m;
    m["QuantizeLinear"] = &Importer::importQuantizeLinear;
    m["DequantizeLinear"] = &Importer::importDequantizeLinear;
    m["DynamicQuantizeLinear"] = &Importer::importDynamicQuantizeLinear;
    m["QLinearConv"] = &Importer::importQLinearConv;
    m["QLinearMatMul"] = &Importer::importQLinearMatMul;
    m["MatMulInteger"] = &Importer::importMatMulInteger;
    m["ConvInteger"] = &Importer::importConvInteger;
    m["com.microsoft.QLinearAdd"] = &Importer::importQLinearBinary;
    m["com.microsoft.QLinearMul"] = &Importer::importQLinearBinary;
    m["com.microsoft.QLinearGlobalAveragePool"] =
        &Importer::importQLinearGlobalAveragePool;
    m["com.microsoft.QLinearAveragePool"] = &Importer::importQLinearAveragePool;
    m["com.microsoft.QLinearConcat"] = &Importer::importQLinearConcat;
    m["com.microsoft.QGemm"] = &Importer::importQGemm;
    m["com.microsoft.QuantizeLinear"] = &Importer::importQuantizeLinear;
    m["com.microsoft.DequantizeLinear"] = &Importer::importDequantizeLinear;
    m["Conv"] = &Importer::importConv;
    m["MatMul"] = &Importer::importMatMul;
    m["Gemm"] = &Importer::importGemm;
    m["Add"] = &Importer::importBinary;
    m["Sub"] = &Importer::importBinary;
    m["Mul"] = &Importer::importBinary;
    m["Div"] = &Importer::importBinary;
    m["Relu"] = &Importer::importRelu;
    m["Clip"] = &Importer::importClip;
    m["Sigmoid"] = &Importer::importUnary;
    m["Erf"] = &Importer::importUnary;
    m["MaxPool"] = &Importer::importMaxPool;
    m["AveragePool"] = &Importer::importAveragePool;
    m["GlobalAveragePool"] = &Importer::importGlobalAveragePool;
    m["Flatten"] = &Importer::importFlatten;
    m["Reshape"] = &Importer::importReshape;
    m["Transpose"] = &Importer::importTranspose;
    m["Concat"] = &Importer::importConcat;
    m["Squeeze"] = &Importer::importSqueeze;
    m["Unsqueeze"] = &Importer::importUnsqueeze;
    m["Softmax"] = &Importer::importSoftmax;
    m["LayerNormalization"] = &Importer::importLayerNormalization;
    m["Gelu"] = &Importer::importGelu;
    m["com.microsoft.Gelu"] = &Importer::importGelu;
    m["Identity"] = &Importer::importIdentity;
    m["Cast"] = &Importer::importCast;
    return m;
  }();
  return map;
}

LogicalResult Importer::importNode(const onnx::NodeProto &n) {
  node = &n;
  std::string name =
      n.name().empty() ? (n.output_size() ? n.output(0) : "") : n.name();
  // Errors read "model.onnx:0:0: error: node 'NAME' (OP): ..."; the
  // location of the node's ops carries its name for later diagnostics.
  loc = NameLoc::get(b.getStringAttr(name),
                     FileLineColLoc::get(context, path, 0, 0));
  StringRef domain = n.domain();
  std::string key = n.op_type();
  if (domain == "com.microsoft")
    key = "com.microsoft." + key;
  else if (!domain.empty() && domain != "ai.onnx")
    return nodeError() << "unsupported op domain '" << domain << "'";
  const auto &map = handlers();
  auto it = map.find(key);
  if (it == map.end())
    return nodeError() << "unsupported op '" << n.op_type() << "'"
                       << (domain.empty() ? "" : " of domain '")
                       << (domain.empty() ? "" : n.domain())
                       << (domain.empty() ? "" : "'");
  for (const std::string &out : n.output())
    if (!out.empty() && values.count(out))
      return nodeError() << "output '" << out << "' is defined twice";
  Block *block = b.getInsertionBlock();
  Operation *last = block->empty() ? nullptr : &block->back();
  if (failed((this->*(it->second))(n)))
    return failure();
  // Verify what the node built, so that an op the model's shapes or
  // parameters make invalid is reported at the node.
  std::string message;
  bool invalid = false;
  {
    ScopedDiagnosticHandler capture(context, [&](Diagnostic &diag) {
      if (message.empty() && diag.getSeverity() == DiagnosticSeverity::Error)
        message = diag.str();
      return success();
    });
    auto first = last ? std::next(last->getIterator()) : block->begin();
    for (Operation &op : llvm::make_range(first, block->end()))
      if ((invalid = failed(verify(&op))))
        break;
  }
  if (invalid)
    return nodeError() << "invalid IR for this node: " << message;
  return success();
}

static std::string sanitizeName(StringRef name) {
  std::string out;
  for (char c : name)
    out.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
  if (out.empty() || llvm::isDigit(out[0]))
    out = "main_graph" + (out.empty() ? "" : "_" + out);
  return out;
}

OwningOpRef<ModuleOp> Importer::run() {
  if (failed(checkOpsets()))
    return nullptr;
  if (!model.has_graph())
    return modelError() << "the model has no graph", nullptr;
  const onnx::GraphProto &graph = model.graph();

  for (const auto &init : graph.initializer())
    if (failed(importInitializer(init)))
      return nullptr;

  SmallVector<const onnx::ValueInfoProto *> inputs;
  SmallVector<Type> argTypes;
  for (const auto &in : graph.input()) {
    if (values.count(in.name()))
      continue; // an initializer that may be overridden: a constant here
    FailureOr<RankedTensorType> type = valueType(in);
    if (failed(type))
      return nullptr;
    inputs.push_back(&in);
    argTypes.push_back(*type);
  }
  SmallVector<Type> resultTypes;
  for (const auto &out : graph.output()) {
    FailureOr<RankedTensorType> type = valueType(out);
    if (failed(type))
      return nullptr;
    resultTypes.push_back(*type);
  }

  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  b.setInsertionPointToEnd(module->getBody());
  std::string funcName =
      graph.name().empty() ? "main_graph" : sanitizeName(graph.name());
  auto func = func::FuncOp::create(b, fileLoc, funcName,
                                   b.getFunctionType(argTypes, resultTypes));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  for (auto [i, in] : llvm::enumerate(inputs)) {
    Entry entry;
    entry.type = cast<RankedTensorType>(argTypes[i]);
    entry.forms[static_cast<int>(Layout::Plain)] = body->getArgument(i);
    values[in->name()] = std::move(entry);
  }

  for (const auto &n : graph.node())
    if (failed(importNode(n)))
      return nullptr;

  node = nullptr;
  loc = fileLoc;
  SmallVector<Value> results;
  for (auto [i, out] : llvm::enumerate(graph.output())) {
    auto it = values.find(out.name());
    if (it == values.end())
      return modelError() << "graph output '" << out.name()
                          << "' is not computed by any node",
             nullptr;
    FailureOr<Value> v = valueOf(it->second, Layout::Plain);
    if (failed(v))
      return nullptr;
    Value result = toOnnxInteger(*v);
    auto have = cast<RankedTensorType>(result.getType());
    auto want = cast<RankedTensorType>(resultTypes[i]);
    if (have.getElementType() != want.getElementType() ||
        failed(verifyCompatibleShape(have, want)))
      return modelError() << "graph output '" << out.name() << "' is declared "
                          << want << " but computes " << have,
             nullptr;
    if (have != want)
      result = tensor::CastOp::create(b, fileLoc, want, result);
    results.push_back(result);
  }
  func::ReturnOp::create(b, fileLoc, results);
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// Entry points.
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::qnn::importONNX(llvm::SourceMgr &sourceMgr,
                                            MLIRContext *context) {
  context
      ->loadDialect<arith::ArithDialect, func::FuncDialect,
                    linalg::LinalgDialect, math::MathDialect,
                    quant::QuantDialect, tensor::TensorDialect, QNNDialect>();
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  StringRef path = buffer->getBufferIdentifier();
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  onnx::ModelProto model;
  size_t size = buffer->getBufferSize();
  if (size > static_cast<size_t>(INT32_MAX))
    return emitError(fileLoc)
               << "not a valid ONNX model (larger than 2 GiB: store the "
                  "weights as external data)",
           nullptr;
  if (!model.ParseFromArray(buffer->getBufferStart(), static_cast<int>(size)))
    return emitError(fileLoc) << "not a valid ONNX model (the protobuf "
                                 "message does not parse: truncated or not "
                                 "an ONNX file)",
           nullptr;
  if (!model.has_graph() || model.opset_import_size() == 0)
    return emitError(fileLoc) << "not a valid ONNX model (no graph or no "
                                 "opset import)",
           nullptr;
  Importer importer(context, path, model);
  return importer.run();
}

void mlir::qnn::registerImportONNXTranslation() {
  TranslateToMLIRRegistration registration(
      "import-onnx", "Translate an ONNX model (.onnx) to func + qnn IR",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        OwningOpRef<ModuleOp> module = importONNX(sourceMgr, context);
        if (!module)
          return nullptr;
        return module.release().getOperation();
      },
      [](DialectRegistry &registry) {
        registry
            .insert<arith::ArithDialect, func::FuncDialect,
                    linalg::LinalgDialect, math::MathDialect,
                    quant::QuantDialect, tensor::TensorDialect, QNNDialect>();
      });
}
