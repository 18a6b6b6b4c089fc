# -*- Python -*-
# lit configuration of the quantization compiler's test suite.

import os
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "QUANT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.quant_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

python = "/usr/bin/python3"
plugin = os.path.join(config.quant_lib_dir, "libQuantPlugin.so")
clang = os.path.join(config.llvm_tools_dir, "clang")

config.substitutions.append(("%mlir_lib_dir", config.mlir_lib_dir))
config.substitutions.append(("%quant_plugin", plugin))
config.substitutions.append(("%python", python))
config.substitutions.append(("%clangxx", clang + "++"))
config.substitutions.append(("%clang", clang))
config.substitutions.append(
    ("%mlir_runner_utils",
     os.path.join(config.mlir_lib_dir, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%mlir_c_runner_utils",
     os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils.so")))
config.substitutions.append(
    ("%quant_unittests",
     os.path.join(config.quant_obj_root, "unittests", "QuantUnitTests")))
config.substitutions.append(("%quant_src", config.quant_src_root))
config.substitutions.append(("%quant_obj_root", config.quant_obj_root))
config.substitutions.append(("%quant_version", config.quant_version))

tool_dirs = [config.quant_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("%quant_opt", os.path.join(config.quant_tools_dir, "quant-opt"),
              unresolved="fatal"),
    ToolSubst("%quant_translate",
              os.path.join(config.quant_tools_dir, "quant-translate"),
              unresolved="fatal"),
    ToolSubst("%mlir_translate",
              os.path.join(config.llvm_tools_dir, "mlir-translate"),
              unresolved="fatal"),
    "quant-opt", "quant-compile", "quant-capi-test", "mlir-opt", "mlir-runner", "mlir-translate",
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Host features for execution tests that need a particular ISA.
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l for l in f if l.startswith("flags")), "").split()
except OSError:
    flags = []
if "avx512f" in flags:
    config.available_features.add("avx512")
if "avx2" in flags:
    config.available_features.add("avx2")
if "avx512_vnni" in flags:
    config.available_features.add("avx512vnni")
if "avx_vnni" in flags:
    config.available_features.add("avxvnni")
if "amx_int8" in flags:
    config.available_features.add("amx-int8")

# The OpenMP runtime (Debian's libomp-22-dev) for qnn-to-llvm{parallel}.
libomp = os.path.join(config.mlir_lib_dir, "libomp.so")
config.substitutions.append(("%libomp", libomp))
if os.path.exists(libomp):
    config.available_features.add("openmp")

# clang's shared AddressSanitizer runtime (Debian's libclang-rt-22-dev), for
# conformance runs of generated code compiled with -fsanitize=address.
asan_runtime = subprocess.run(
    [clang, "-print-file-name=libclang_rt.asan-x86_64.so"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
config.substitutions.append(("%asan_runtime", asan_runtime))
if os.path.isabs(asan_runtime) and os.path.exists(asan_runtime):
    config.available_features.add("asan-runtime")

# The libFuzzer target of the sanitizer build (tools/qnn-pipeline-fuzzer),
# which check-quant builds there: a build that has it runs its test.
fuzzer = os.path.join(config.quant_tools_dir, "qnn-pipeline-fuzzer")
config.substitutions.append(("%qnn_pipeline_fuzzer", fuzzer))
if config.quant_fuzzers in ("ON", "1", "TRUE", "True"):
    config.available_features.add("libfuzzer")

# PyTorch from Debian's python3-torch, for the conformance tests.
if subprocess.call([python, "-c", "import torch, numpy"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("torch")

# ONNX Runtime 1.30 (npm's onnxruntime-node in bench/node_modules, run by
# node) for the ONNX conformance tests (test/Integration/ONNX), and the ONNX
# importer, which quant-translate needs and quant-compile links where the
# build has it.
has_node = any(os.access(os.path.join(d, "node"), os.X_OK)
               for d in os.environ.get("PATH", "").split(os.pathsep))
if has_node and os.path.isdir(os.path.join(
        config.quant_src_root, "bench", "node_modules", "onnxruntime-node")):
    config.available_features.add("onnxruntime")
if os.path.exists(os.path.join(config.quant_tools_dir, "quant-translate")):
    config.available_features.add("onnx-import")

if config.quant_sanitizers in ("ON", "1", "TRUE", "True"):
    config.available_features.add("sanitizers")
    # The JIT (mlir-runner) and Python are not instrumented; only the
    # project's own binaries are. Leak checks are on: the tools must not leak.
    # (quant-opt sets allow_user_poisoning=0 itself: see its
    # __asan_default_options.)
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
