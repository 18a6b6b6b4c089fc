/*===- qnn.c - The C API, driven from C -----------------------------------===*\
|*                                                                            *|
|* Builds qnn IR with the C API's types and attributes, reports bad           *|
|* parameters, runs the project's passes and the qnn-to-llvm pipeline, and    *|
|* (built against libQuantCompiler-C.so) runs the generated code through    *|
|* MLIR's execution engine. The same source is built against the static      *|
|* libraries (quant-capi-test, here) and against the installed shared one    *|
|* with QUANT_CAPI_TEST_EXECUTE (test/Downstream, check prefix EXECUTE).     *|
|* Debian's static MLIRExecutionEngine links libMLIR.so, which a program     *|
|* linked with the static MLIR archives must not load.                      *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

/* RUN: quant-capi-test | FileCheck %s
 */

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "quant-c/Dialect/QNN.h"
#include "quant-c/Passes.h"
#include "quant-c/Pipelines.h"
#include "quant/Config/Version.h"

#ifdef QUANT_CAPI_TEST_EXECUTE
#include "mlir-c/ExecutionEngine.h"
#endif

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

/* Labels of printLine's lines (the callbacks' user data). */
static char kOptionError[] = "option error";
static char kPipelineError[] = "pipeline error";
static char kParseError[] = "parse error";

static void printLine(MlirStringRef text, void *userData) {
  printf("%s: %.*s\n", (const char *)userData, (int)text.length, text.data);
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic at ");
  mlirLocationPrint(mlirDiagnosticGetLocation(diagnostic), printToStdout, NULL);
  printf(": ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

static MlirContext createContext(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__qnn__(), registry);
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__qnnx86__(), registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  /* Ops are created only in loaded dialects; the parser loads the ones it
     meets, the passes the ones they create. */
  mlirContextGetOrLoadDialect(ctx, mlirStringRefCreateFromCString("func"));
  mlirContextGetOrLoadDialect(ctx, mlirStringRefCreateFromCString("qnn"));
  mlirRegisterAllLLVMTranslations(ctx);
  return ctx;
}

static MlirModule parse(MlirContext ctx, const char *text) {
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  if (mlirModuleIsNull(module)) {
    fprintf(stderr, "parse failed\n");
    exit(1);
  }
  return module;
}

static void printModule(MlirModule module) {
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");
}

/* The version macros of the installed headers. */
static void testVersion(void) {
  printf("@version\n");
  printf("quant-compiler %s with LLVM %s\n", QUANT_COMPILER_VERSION_STRING,
         QUANT_COMPILER_LLVM_VERSION_STRING);
  // CHECK-LABEL: @version
  // CHECK: quant-compiler {{[0-9]+\.[0-9]+\.[0-9]+}} with LLVM 22.
}

/* A function built op by op: func.func @quantize(tensor<3xf32>) with one
   qnn.quantize in the ONNX flavour. */
static void testBuildOps(MlirContext ctx) {
  printf("@build\n");
  MlirLocation loc = mlirLocationUnknownGet(ctx);
  MlirType f32 = mlirF32TypeGet(ctx);
  MlirType u8 = mlirQNNQuantizedTypeGetChecked(loc, 8, false, f32, 0.1, 10);
  int64_t shape[] = {3};
  MlirType input = mlirRankedTensorTypeGet(1, shape, f32, mlirAttributeGetNull());
  MlirType result = mlirRankedTensorTypeGet(1, shape, u8, mlirAttributeGetNull());

  MlirModule module = mlirModuleCreateEmpty(loc);
  MlirBlock body = mlirModuleGetBody(module);

  MlirRegion region = mlirRegionCreate();
  MlirBlock entry = mlirBlockCreate(1, &input, &loc);
  mlirRegionAppendOwnedBlock(region, entry);

  MlirOperationState quantize = mlirOperationStateGet(
      mlirStringRefCreateFromCString("qnn.quantize"), loc);
  MlirValue x = mlirBlockGetArgument(entry, 0);
  mlirOperationStateAddOperands(&quantize, 1, &x);
  mlirOperationStateAddResults(&quantize, 1, &result);
  MlirNamedAttribute flavour = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("flavour")),
      mlirQNNFlavourAttrGet(ctx, MlirQNNFlavourOnnx));
  mlirOperationStateAddAttributes(&quantize, 1, &flavour);
  MlirOperation quantizeOp = mlirOperationCreate(&quantize);
  mlirBlockAppendOwnedOperation(entry, quantizeOp);

  MlirOperationState ret = mlirOperationStateGet(
      mlirStringRefCreateFromCString("func.return"), loc);
  MlirValue q = mlirOperationGetResult(quantizeOp, 0);
  mlirOperationStateAddOperands(&ret, 1, &q);
  mlirBlockAppendOwnedOperation(entry, mlirOperationCreate(&ret));

  MlirType functionType = mlirFunctionTypeGet(ctx, 1, &input, 1, &result);
  MlirNamedAttribute attrs[] = {
      mlirNamedAttributeGet(
          mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("sym_name")),
          mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("quantize"))),
      mlirNamedAttributeGet(
          mlirIdentifierGet(ctx,
                            mlirStringRefCreateFromCString("function_type")),
          mlirTypeAttrGet(functionType)),
  };
  MlirOperationState func = mlirOperationStateGet(
      mlirStringRefCreateFromCString("func.func"), loc);
  mlirOperationStateAddAttributes(&func, 2, attrs);
  mlirOperationStateAddOwnedRegions(&func, 1, &region);
  mlirBlockAppendOwnedOperation(body, mlirOperationCreate(&func));

  printModule(module);
  printf("verified: %d\n", mlirOperationVerify(mlirModuleGetOperation(module)));
  printf("flavour: %d\n",
         mlirQNNFlavourAttrGetValue(mlirOperationGetAttributeByName(
             quantizeOp, mlirStringRefCreateFromCString("flavour"))));
  mlirModuleDestroy(module);
  // CHECK-LABEL: @build
  // CHECK: func.func @quantize(%[[X:.*]]: tensor<3xf32>) -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
  // CHECK-NEXT: %[[Q:.*]] = qnn.quantize %[[X]] flavour(onnx) : tensor<3xf32> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:10>>
  // CHECK-NEXT: return %[[Q]]
  // CHECK: verified: 1
  // CHECK: flavour: 1
}

/* The attribute helpers, both ways. */
static void testAttributes(MlirContext ctx) {
  printf("@attributes\n");
  MlirAttribute rounding =
      mlirQNNRoundingModeAttrGet(ctx, MlirQNNRoundingModeHalfAway);
  mlirAttributePrint(rounding, printToStdout, NULL);
  printf("\nis rounding: %d, is flavour: %d, value: %d\n",
         mlirAttributeIsAQNNRoundingModeAttr(rounding),
         mlirAttributeIsAQNNFlavourAttr(rounding),
         mlirQNNRoundingModeAttrGetValue(rounding));
  MlirAttribute flavour = mlirQNNFlavourAttrGet(ctx, MlirQNNFlavourPyTorch);
  mlirAttributePrint(flavour, printToStdout, NULL);
  printf("\n");
  // CHECK-LABEL: @attributes
  // CHECK: #qnn.rounding<half_away>
  // CHECK-NEXT: is rounding: 1, is flavour: 0, value: 3
  // CHECK-NEXT: #qnn.flavour<pytorch>
}

/* Parameters the qnn verifiers reject give a diagnostic at the location and
   a null type, never an invalid type. */
static void testBadTypes(MlirContext ctx) {
  printf("@bad-types\n");
  MlirLocation loc = mlirLocationFileLineColGet(
      ctx, mlirStringRefCreateFromCString("frontend.py"), 12, 3);
  MlirType f32 = mlirF32TypeGet(ctx);
  MlirDiagnosticHandlerID handler =
      mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);
  printf("scale 0: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedTypeGetChecked(loc, 8, false, f32, 0.0, 10)));
  printf("scale nan: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedTypeGetChecked(loc, 8, true, f32, NAN, 0)));
  printf("scale inf: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedTypeGetChecked(loc, 8, true, f32, INFINITY, 0)));
  printf("zero point 300: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedTypeGetChecked(loc, 8, false, f32, 0.5, 300)));
  printf("width 40: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedTypeGetChecked(loc, 40, true, f32, 0.5, 0)));
  double scales[] = {0.5, -0.25};
  int64_t zeroPoints[] = {0, 0};
  printf("per-axis negative scale: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedPerAxisTypeGetChecked(
             loc, 8, true, f32, 2, scales, zeroPoints, 0)));
  printf("per-axis no channels: null %d\n",
         mlirTypeIsNull(mlirQNNQuantizedPerAxisTypeGetChecked(
             loc, 8, true, f32, 0, scales, zeroPoints, 0)));
  scales[1] = 0.25;
  MlirType perAxis = mlirQNNQuantizedPerAxisTypeGetChecked(loc, 8, true, f32, 2,
                                                    scales, zeroPoints, 1);
  mlirTypePrint(perAxis, printToStdout, NULL);
  /* Axis 1 needs a tensor of rank 2 at least, with 2 channels on axis 1. */
  int64_t good[] = {3, 2}, bad[] = {3, 4};
  printf("\nsupported: alone %d, in 3x2 %d, in 3x4 %d\n",
         mlirQNNIsSupportedQuantizedType(perAxis),
         mlirQNNIsSupportedQuantizedType(mlirRankedTensorTypeGet(
             2, good, perAxis, mlirAttributeGetNull())),
         mlirQNNIsSupportedQuantizedType(mlirRankedTensorTypeGet(
             2, bad, perAxis, mlirAttributeGetNull())));
  mlirContextDetachDiagnosticHandler(ctx, handler);
  // CHECK-LABEL: @bad-types
  // CHECK: diagnostic at loc("frontend.py":12:3): scale out of expressed type range
  // CHECK-NEXT: scale 0: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): scale must be positive and finite, got nan
  // CHECK-NEXT: scale nan: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): {{.*}}scale
  // CHECK-NEXT: scale inf: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): zero point 300 is outside the storage range [0, 255]
  // CHECK-NEXT: zero point 300: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): storage width 40 is not supported (2 to 32 bits)
  // CHECK-NEXT: width 40: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): scale out of expressed type range
  // CHECK-NEXT: per-axis negative scale: null 1
  // CHECK: diagnostic at loc("frontend.py":12:3): a per-axis type needs at least one channel, got 0
  // CHECK-NEXT: per-axis no channels: null 1
  // CHECK-NEXT: !quant.uniform<i8:f32:1, {5.000000e-01,2.500000e-01}>
  // CHECK-NEXT: supported: alone 1, in 3x2 1, in 3x4 0
}

static const char *kFoldable =
    "func.func @f() -> tensor<3x!quant.uniform<u8:f32, 0.1:10>> {\n"
    "  %c = arith.constant dense<[100.0, 1.0, 2.0]> : tensor<3xf32>\n"
    "  %q = qnn.quantize %c : tensor<3xf32> -> "
    "tensor<3x!quant.uniform<u8:f32, 0.1:10>>\n"
    "  return %q : tensor<3x!quant.uniform<u8:f32, 0.1:10>>\n"
    "}\n";

/* A pass from the generated creators: qnn-fold-constants computes the
   seed example's quantized constant. */
static void testCreatePass(MlirContext ctx) {
  printf("@create-pass\n");
  MlirModule module = parse(ctx, kFoldable);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager funcPm = mlirPassManagerGetNestedUnder(
      pm, mlirStringRefCreateFromCString("func.func"));
  mlirOpPassManagerAddOwnedPass(funcPm, mlirCreateQNNQNNFoldConstants());
  MlirLogicalResult result =
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  printf("success: %d\n", mlirLogicalResultIsSuccess(result));
  printModule(module);
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  // CHECK-LABEL: @create-pass
  // CHECK: success: 1
  // CHECK: qnn.constant dense<[255, 20, 30]> : tensor<3xui8>
  // CHECK-NOT: qnn.quantize
}

static const char *kSeed =
    "!u8 = !quant.uniform<u8:f32, 0.1:10>\n"
    "func.func @quantize(%x: tensor<?xf32>) -> tensor<?x!u8>\n"
    "    attributes {llvm.emit_c_interface} {\n"
    "  %q = qnn.quantize %x : tensor<?xf32> -> tensor<?x!u8>\n"
    "  return %q : tensor<?x!u8>\n"
    "}\n"
    "func.func @dequantize(%q: tensor<?x!u8>) -> tensor<?xf32>\n"
    "    attributes {llvm.emit_c_interface} {\n"
    "  %x = qnn.dequantize %q : tensor<?x!u8> -> tensor<?xf32>\n"
    "  return %x : tensor<?xf32>\n"
    "}\n";

/* Lowers `module` with qnn-to-llvm built from `optionText` and `cpu`. */
static int lower(MlirContext ctx, MlirModule module, const char *optionText,
                 const char *cpu) {
  MlirQNNToLLVMOptions options = mlirQNNToLLVMOptionsCreate();
  int ok = mlirLogicalResultIsSuccess(mlirQNNToLLVMOptionsParse(
      options, mlirStringRefCreateFromCString(optionText), printLine,
      kOptionError));
  if (cpu)
    mlirQNNToLLVMOptionsSetTargetCpu(options,
                                     mlirStringRefCreateFromCString(cpu));
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  ok = ok && mlirLogicalResultIsSuccess(mlirQNNBuildToLLVMPipeline(
                 mlirPassManagerGetAsOpPassManager(pm), options, printLine,
                 kPipelineError));
  if (ok) {
    printf("options: ");
    mlirQNNToLLVMOptionsPrint(options, printToStdout, NULL);
    printf("\n");
    ok = mlirLogicalResultIsSuccess(
        mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module)));
  }
  mlirPassManagerDestroy(pm);
  mlirQNNToLLVMOptionsDestroy(options);
  return ok;
}

/* The pipeline with options, for a fixed CPU: AVX2's 8 x f32 vectors. */
static void testPipeline(MlirContext ctx) {
  printf("@pipeline\n");
  MlirModule module = parse(ctx, kSeed);
  int ok = lower(ctx, module, "runtime-checks=status", "haswell");
  printf("lowered: %d\n", ok);
  printModule(module);
  mlirModuleDestroy(module);
  // CHECK-LABEL: @pipeline
  // CHECK: options: {{.*}}runtime-checks=status{{.*}}target-cpu=haswell
  // CHECK: lowered: 1
  // CHECK: llvm.func @quantize(
  // CHECK: vector<8xf32>
  // CHECK: llvm.func @_mlir_ciface_quantize(
}

/* Options that name nothing known fail before anything runs, with the
   message through the callback. */
static void testBadOptions(MlirContext ctx) {
  printf("@bad-options\n");
  MlirModule module = parse(ctx, kSeed);
  printf("unknown option: %d\n", lower(ctx, module, "vector-size=3", NULL));
  printf("unknown cpu: %d\n", lower(ctx, module, "", "no-such-cpu"));

  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      ctx, mlirStringRefCreateFromCString("func.func"));
  MlirQNNToLLVMOptions options = mlirQNNToLLVMOptionsCreate();
  printf("func anchor: %d\n",
         mlirLogicalResultIsSuccess(mlirQNNBuildToLLVMPipeline(
             mlirPassManagerGetAsOpPassManager(pm), options, printLine,
             kPipelineError)));
  mlirQNNToLLVMOptionsDestroy(options);
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  // CHECK-LABEL: @bad-options
  // CHECK: option error: {{.*}}vector-size
  // CHECK-NEXT: unknown option: 0
  // CHECK: pipeline error: qnn-to-llvm: {{.*}}no-such-cpu
  // CHECK-NEXT: unknown cpu: 0
  // CHECK: pipeline error: qnn-to-llvm: the pass manager must be anchored on builtin.module (or on any op), not 'func.func'
  // CHECK-NEXT: func anchor: 0
}

static void collect(MlirStringRef text, void *userData) {
  strncat((char *)userData, text.data, text.length);
}

/* Options as text: Print's output parses back to the same options, a list
   given again replaces the list, and a bad value changes nothing. */
static void testOptionText(void) {
  printf("@option-text\n");
  MlirQNNToLLVMOptions options = mlirQNNToLLVMOptionsCreate();
  mlirQNNToLLVMOptionsSetParallel(options, true);
  mlirQNNToLLVMOptionsSetRegisterBlock(options, 6, 2);
  mlirQNNToLLVMOptionsSetQDQRounding(options, MlirQNNRoundingModeHalfUp);
  mlirQNNToLLVMOptionsSetRuntimeChecks(options, MlirQNNRuntimeCheckModeOff);
  char printed[512] = "";
  mlirQNNToLLVMOptionsPrint(options, collect, printed);
  printf("printed: %s\n", printed);

  MlirQNNToLLVMOptions copy = mlirQNNToLLVMOptionsCreate();
  int ok = mlirLogicalResultIsSuccess(mlirQNNToLLVMOptionsParse(
      copy, mlirStringRefCreateFromCString(printed), printLine, kOptionError));
  char reprinted[512] = "";
  mlirQNNToLLVMOptionsPrint(copy, collect, reprinted);
  printf("parsed back: %d, same: %d\n", ok, strcmp(printed, reprinted) == 0);

  mlirQNNToLLVMOptionsParse(
      copy, mlirStringRefCreateFromCString("register-block=4,3"), printLine,
      kOptionError);
  printf("bad value: %d\n",
         mlirLogicalResultIsSuccess(mlirQNNToLLVMOptionsParse(
             copy, mlirStringRefCreateFromCString("vector-width=abc parallel=0"),
             printLine, kOptionError)));
  char after[512] = "";
  mlirQNNToLLVMOptionsPrint(copy, collect, after);
  printf("after: %s\n", after);
  mlirQNNToLLVMOptionsDestroy(copy);
  mlirQNNToLLVMOptionsDestroy(options);
  // CHECK-LABEL: @option-text
  // CHECK: printed: {parallel=true qdq-rounding=half_up register-block={6,2} runtime-checks=off
  // CHECK-NEXT: parsed back: 1, same: 1
  // CHECK-NEXT: option error: qnn-to-llvm: invalid options 'vector-width=abc parallel=0'
  // CHECK-NEXT: bad value: 0
  // CHECK-NEXT: after: {parallel=true qdq-rounding=half_up register-block={4,3} runtime-checks=off
}

/* The textual form, once the passes are registered. */
static void testTextualPipeline(MlirContext ctx) {
  printf("@textual\n");
  mlirRegisterQuantCompilerPasses();
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(
          "builtin.module(qnn-import-quant,qnn-to-llvm{target-cpu=haswell})"),
      printLine, kParseError);
  printf("parsed: %d\n", mlirLogicalResultIsSuccess(parsed));
  mlirPassManagerDestroy(pm);
  // CHECK-LABEL: @textual
  // CHECK: parsed: 1
}

#ifdef QUANT_CAPI_TEST_EXECUTE
/* A ranked 1-D memref as the generated code's C interface passes it. */
typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
} MemRef1D;

/* The generated code, run: the seed example's exact numbers. */
static void testExecute(MlirContext ctx) {
  printf("@execute\n");
  MlirModule module = parse(ctx, kSeed);
  if (!lower(ctx, module, "", NULL)) {
    printf("lowering failed\n");
    exit(1);
  }
  MlirExecutionEngine jit =
      mlirExecutionEngineCreate(module, /*optLevel=*/2, 0, NULL,
                                /*enableObjectDump=*/false, /*enablePIC=*/false);
  if (mlirExecutionEngineIsNull(jit)) {
    printf("no execution engine\n");
    exit(1);
  }
  typedef void (*Kernel)(MemRef1D *, MemRef1D *);
  Kernel quantize = (Kernel)mlirExecutionEngineLookup(
      jit, mlirStringRefCreateFromCString("_mlir_ciface_quantize"));
  Kernel dequantize = (Kernel)mlirExecutionEngineLookup(
      jit, mlirStringRefCreateFromCString("_mlir_ciface_dequantize"));

  float values[] = {100.0f, 1.0f, 2.0f};
  MemRef1D x = {values, values, 0, 3, 1};
  MemRef1D q, y;
  quantize(&q, &x);
  dequantize(&y, &q);
  const uint8_t *qs = (const uint8_t *)q.aligned;
  const float *ys = (const float *)y.aligned;
  printf("quantized: [%u, %u, %u]\n", qs[0], qs[1], qs[2]);
  printf("dequantized: [%g, %g, %g]\n", ys[0], ys[1], ys[2]);
  free(q.allocated);
  free(y.allocated);
  mlirExecutionEngineDestroy(jit);
  mlirModuleDestroy(module);
  // EXECUTE-LABEL: @execute
  // EXECUTE: quantized: [255, 20, 30]
  // EXECUTE-NEXT: dequantized: [24.5, 1, 2]
}
#endif

int main(void) {
  MlirContext ctx = createContext();
  testVersion();
  testBuildOps(ctx);
  testAttributes(ctx);
  testBadTypes(ctx);
  testCreatePass(ctx);
  testPipeline(ctx);
  testBadOptions(ctx);
  testOptionText();
  testTextualPipeline(ctx);
#ifdef QUANT_CAPI_TEST_EXECUTE
  testExecute(ctx);
#endif
  mlirContextDestroy(ctx);
  return 0;
}
