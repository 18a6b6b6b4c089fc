# Debian packages of the installed tree (cpack -G DEB from the build
# directory), under /usr; checked by test/Package/deb.test:
#  - quant-compiler: the tools, the plugin, libQuantCompiler-C.so and the
#    docs, on Debian's LLVM/MLIR 22.1 shared libraries;
#  - quant-compiler-dev: the headers, the static libraries and the CMake
#    package, on MLIR's development package.
set(CPACK_PACKAGE_NAME quant-compiler)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "quant-compiler developers")
set(CPACK_PACKAGE_CONTACT "quant-compiler developers <quant-compiler@localhost>")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# zstd (dpkg reads it since Debian 12): seconds for the ~130 MB of
# statically linked tools, where xz takes minutes on two cores.
set(CPACK_DEBIAN_COMPRESSION_TYPE zstd)

# Components (install(... COMPONENT)) into the two packages. add_mlir_library
# installs each static library as a component of its own name.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(runtime_components quant-tools quant-libraries quant-docs)
get_property(dev_components GLOBAL PROPERTY MLIR_EXPORTS)
list(APPEND dev_components quant-headers quant-cmake quant-dev)
set(CPACK_COMPONENTS_ALL ${runtime_components} ${dev_components})
foreach(component ${runtime_components})
  string(TOUPPER ${component} upper)
  set(CPACK_COMPONENT_${upper}_GROUP runtime)
endforeach()
foreach(component ${dev_components})
  string(TOUPPER ${component} upper)
  set(CPACK_COMPONENT_${upper}_GROUP dev)
endforeach()

math(EXPR next_minor "${LLVM_VERSION_MINOR} + 1")
set(llvm_major ${LLVM_VERSION_MAJOR})
set(lo "1:${LLVM_VERSION_MAJOR}.${LLVM_VERSION_MINOR}")
set(hi "1:${LLVM_VERSION_MAJOR}.${next_minor}~")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME quant-compiler)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "MLIR compiler for quantized networks: tools, plugin, C API
 The qnn dialect on MLIR's quantized types, and passes that fold scales and
 zero points and vectorize for the CPU: quant-opt, quant-translate (ONNX
 import), quant-compile (ahead-of-time compilation), libQuantPlugin.so for
 mlir-opt, and libQuantCompiler-C.so (MLIR's C API with the project's).")
# The LLVM/MLIR 22.1 libraries the binaries load; dpkg-shlibdeps adds the C
# and C++ runtimes, protobuf and the rest. quant-compile runs clang and lld.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS
  "libllvm${llvm_major} (>= ${lo}), libllvm${llvm_major} (<< ${hi}), libmlir-${llvm_major} (>= ${lo}), libmlir-${llvm_major} (<< ${hi})")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "clang-${llvm_major}, lld-${llvm_major}")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME quant-compiler-dev)
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "MLIR compiler for quantized networks: C++ and C development files
 Headers (quant/, quant-c/, with the generated .inc and the .td files),
 static libraries and the CMake package QuantCompiler
 (find_package(QuantCompiler CONFIG)), whose ONNX component needs
 libonnx-dev and libprotobuf-dev.")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
  "quant-compiler (= ${PROJECT_VERSION}), libmlir-${llvm_major}-dev (>= ${lo}), libmlir-${llvm_major}-dev (<< ${hi}), llvm-${llvm_major}-dev (>= ${lo}), llvm-${llvm_major}-dev (<< ${hi})")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "libonnx-dev, libprotobuf-dev")

include(CPack)
