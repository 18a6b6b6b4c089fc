//===- Pipelines.cpp - C API of the qnn-to-llvm pipeline ------------------===//

#include "quant-c/Pipelines.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Support.h"
#include "mlir/CAPI/Utils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "quant/Dialect/QNN/IR/QNNDialect.h"
#include "quant/Pipelines/Pipelines.h"

using namespace mlir;

static_assert(MlirQNNRuntimeCheckModeAbort == int(qnn::RuntimeCheckMode::Abort) &&
              MlirQNNRuntimeCheckModeStatus ==
                  int(qnn::RuntimeCheckMode::Status) &&
              MlirQNNRuntimeCheckModeOff == int(qnn::RuntimeCheckMode::Off));

static qnn::QNNToLLVMOptions &unwrap(MlirQNNToLLVMOptions options) {
  return *static_cast<qnn::QNNToLLVMOptions *>(options.ptr);
}

/// Passes `message` to `callback`, or prints it on stderr without one.
static LogicalResult reportError(MlirStringCallback callback, void *userData,
                                 const Twine &message) {
  std::string text = message.str();
  if (callback)
    callback(wrap(StringRef(text)), userData);
  else
    llvm::errs() << text << "\n";
  return failure();
}

MlirQNNToLLVMOptions mlirQNNToLLVMOptionsCreate(void) {
  return {new qnn::QNNToLLVMOptions()};
}

void mlirQNNToLLVMOptionsDestroy(MlirQNNToLLVMOptions options) {
  delete &unwrap(options);
}

MlirLogicalResult mlirQNNToLLVMOptionsParse(MlirQNNToLLVMOptions options,
                                            MlirStringRef text,
                                            MlirStringCallback errorCallback,
                                            void *userData) {
  // Print's form has braces around the options; the option parser takes
  // what is between them.
  StringRef body = unwrap(text).trim();
  if (body.starts_with("{") && body.ends_with("}"))
    body = body.drop_front().drop_back();
  // Parsed into a copy, so that a failure changes nothing.
  qnn::QNNToLLVMOptions parsed;
  parsed.copyOptionValuesFrom(unwrap(options));
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (succeeded(parsed.parseFromString(body, os))) {
    unwrap(options).copyOptionValuesFrom(parsed);
    return mlirLogicalResultSuccess();
  }
  // An unknown option is reported on `os`, a bad value by llvm::cl on
  // stderr; the callback gets a message either way.
  StringRef message = StringRef(errors).trim();
  if (message.empty())
    return wrap(reportError(errorCallback, userData,
                            "qnn-to-llvm: invalid options '" + body + "'"));
  return wrap(reportError(errorCallback, userData, message));
}

void mlirQNNToLLVMOptionsPrint(MlirQNNToLLVMOptions options,
                               MlirStringCallback callback, void *userData) {
  detail::CallbackOstream stream(callback, userData);
  unwrap(options).print(stream);
  stream.flush();
}

void mlirQNNToLLVMOptionsSetTargetCpu(MlirQNNToLLVMOptions options,
                                      MlirStringRef cpu) {
  unwrap(options).targetCpu = unwrap(cpu).str();
}

void mlirQNNToLLVMOptionsSetTargetFeatures(MlirQNNToLLVMOptions options,
                                           MlirStringRef features) {
  unwrap(options).targetFeatures = unwrap(features).str();
}

void mlirQNNToLLVMOptionsSetQDQRounding(MlirQNNToLLVMOptions options,
                                        MlirQNNRoundingMode rounding) {
  // The option holds the mode's keyword, as on the command line.
  unwrap(options).qdqRounding =
      qnn::stringifyRoundingMode(qnn::RoundingMode(rounding)).str();
}

void mlirQNNToLLVMOptionsSetVectorWidth(MlirQNNToLLVMOptions options,
                                        unsigned bits) {
  unwrap(options).vectorWidth = bits;
}

void mlirQNNToLLVMOptionsSetParallel(MlirQNNToLLVMOptions options,
                                     bool parallel) {
  unwrap(options).parallel = parallel;
}

void mlirQNNToLLVMOptionsSetRegisterBlock(MlirQNNToLLVMOptions options,
                                          int64_t rows, int64_t vectors) {
  int64_t block[] = {rows, vectors};
  unwrap(options).registerBlock =
      rows == 0 && vectors == 0 ? ArrayRef<int64_t>() : ArrayRef(block);
}

void mlirQNNToLLVMOptionsSetSanitizeAddress(MlirQNNToLLVMOptions options,
                                            bool sanitize) {
  unwrap(options).sanitizeAddress = sanitize;
}

void mlirQNNToLLVMOptionsSetRuntimeChecks(MlirQNNToLLVMOptions options,
                                          MlirQNNRuntimeCheckMode mode) {
  unwrap(options).runtimeChecks = qnn::RuntimeCheckMode(mode);
}

MlirLogicalResult mlirQNNBuildToLLVMPipeline(MlirOpPassManager passManager,
                                             MlirQNNToLLVMOptions options,
                                             MlirStringCallback errorCallback,
                                             void *userData) {
  OpPassManager &pm = *unwrap(passManager);
  // mlirPassManagerCreate's pass manager is op-agnostic ("any"); one
  // nested under another op could never run the pipeline's module passes.
  StringRef anchor = pm.getOpAnchorName();
  if (anchor != ModuleOp::getOperationName() &&
      anchor != OpPassManager::getAnyOpAnchorName())
    return wrap(reportError(errorCallback, userData,
                            "qnn-to-llvm: the pass manager must be anchored "
                            "on builtin.module (or on any op), not '" +
                                anchor + "'"));
  return wrap(qnn::buildQNNToLLVMPipeline(
      pm, unwrap(options), [&](const Twine &message) {
        return reportError(errorCallback, userData, message);
      }));
}
