/*===-- quant-c/Pipelines.h - C API of the qnn-to-llvm pipeline ---*- C -*-===*\
|*                                                                            *|
|* The pipeline that lowers qnn IR to the LLVM dialect, with its options as  *|
|* typed setters (the C form of quant/Pipelines/Pipelines.h).                 *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_C_PIPELINES_H
#define QUANT_C_PIPELINES_H

#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"
#include "quant-c/Dialect/QNN.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The options of qnn-to-llvm. Created with the defaults (the host CPU, all
 *  of its features, float rounding of fused QDQ islands, the widest vectors,
 *  one thread, aborting run-time checks); owned by the caller. */
typedef struct MlirQNNToLLVMOptions {
  void *ptr;
} MlirQNNToLLVMOptions;

/** What a call whose dynamic sizes disagree does. Values match the C++ enum
 *  qnn::RuntimeCheckMode. */
typedef enum MlirQNNRuntimeCheckMode {
  /** The message on stderr, then abort(). */
  MlirQNNRuntimeCheckModeAbort = 0,
  /** An error status through each function's last argument (QNNStatus). */
  MlirQNNRuntimeCheckModeStatus = 1,
  /** No checks. */
  MlirQNNRuntimeCheckModeOff = 2,
} MlirQNNRuntimeCheckMode;

MLIR_CAPI_EXPORTED MlirQNNToLLVMOptions mlirQNNToLLVMOptionsCreate(void);
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsDestroy(MlirQNNToLLVMOptions options);

/** Sets options from the pipeline's textual form, as quant-opt takes them
 *  between braces ("target-cpu=znver4 parallel=true"), or as
 *  mlirQNNToLLVMOptionsPrint writes them (braces included). Options not
 *  named keep their values; a list given again (register-block) is
 *  replaced. A string that fails (an unknown option, a bad value) changes
 *  nothing; its message goes to `errorCallback`, or to stderr when that is
 *  NULL. */
MLIR_CAPI_EXPORTED MlirLogicalResult mlirQNNToLLVMOptionsParse(
    MlirQNNToLLVMOptions options, MlirStringRef text,
    MlirStringCallback errorCallback, void *userData);

/** Prints the options in the textual form mlirQNNToLLVMOptionsParse takes
 *  ("{parallel=false qdq-rounding=float ...}"). */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsPrint(MlirQNNToLLVMOptions options,
                          MlirStringCallback callback, void *userData);

/** The CPU as LLVM names it ("znver4", "haswell"); empty for the host. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetTargetCpu(MlirQNNToLLVMOptions options,
                                 MlirStringRef cpu);
/** Comma-separated target features ("+avx2,+fma"); empty for the CPU's. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetTargetFeatures(MlirQNNToLLVMOptions options,
                                      MlirStringRef features);
/** Rounding mode of the integer ops that QDQ islands are fused into. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetQDQRounding(MlirQNNToLLVMOptions options,
                                   MlirQNNRoundingMode rounding);
/** Vector width in bits; 0 for the widest the target has. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetVectorWidth(MlirQNNToLLVMOptions options,
                                   unsigned bits);
/** Distribute matmul and conv2d output tiles over OpenMP threads. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetParallel(MlirQNNToLLVMOptions options, bool parallel);
/** Rows and vectors of columns of the products' register block; (0, 0) for
 *  the target's default. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetRegisterBlock(MlirQNNToLLVMOptions options,
                                     int64_t rows, int64_t vectors);
/** Mark the generated functions for AddressSanitizer. */
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetSanitizeAddress(MlirQNNToLLVMOptions options,
                                       bool sanitize);
MLIR_CAPI_EXPORTED void
mlirQNNToLLVMOptionsSetRuntimeChecks(MlirQNNToLLVMOptions options,
                                     MlirQNNRuntimeCheckMode mode);

/** Appends qnn-to-llvm to `passManager`, which must be anchored on
 *  builtin.module or be op-agnostic (mlirPassManagerGetAsOpPassManager of
 *  a pass manager made by mlirPassManagerCreate), and run on a module. Options that name something unknown (a CPU, a
 *  target feature) fail, with the message passed to `errorCallback` (which
 *  may be NULL: then it goes to stderr). */
MLIR_CAPI_EXPORTED MlirLogicalResult mlirQNNBuildToLLVMPipeline(
    MlirOpPassManager passManager, MlirQNNToLLVMOptions options,
    MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif /* QUANT_C_PIPELINES_H */
