/*===-- quant-c/Passes.h - C API of the project's passes ----------*- C -*-===*\
|*                                                                            *|
|* Creation and registration of the qnn passes and the conversions, in the   *|
|* MLIR C API convention (generated from the passes' TableGen definitions):  *|
|* mlirCreateQNN<Pass>() returns a pass to add to an MlirOpPassManager,      *|
|* mlirRegisterQNN<Pass>() makes it known to mlirParsePassPipeline.          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_C_PASSES_H
#define QUANT_C_PASSES_H

#include "mlir-c/Pass.h"

/* mlirRegisterQNNPasses, mlirCreateQNNQNNFuseQDQ, ... */
#include "quant/Dialect/QNN/Transforms/Passes.capi.h.inc"
/* mlirRegisterQuantConversionPasses,
   mlirCreateQuantConversionConvertQNNToLinalg, ... */
#include "quant/Conversion/Passes.capi.h.inc"

#ifdef __cplusplus
extern "C" {
#endif

/** Registers every pass of the project and the qnn-to-llvm pipeline, so that
 *  textual pipelines ("builtin.module(qnn-to-llvm{target-cpu=znver4})") can
 *  name them. Upstream passes are registered by mlirRegisterAllPasses. */
MLIR_CAPI_EXPORTED void mlirRegisterQuantCompilerPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* QUANT_C_PASSES_H */
