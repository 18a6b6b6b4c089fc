# A Debian package of the installed tree (cpack -G DEB from the build
# directory): the tools, the plugin, the libraries, headers, CMake package
# and docs, under /usr. Checked by test/Package/deb.test.
set(CPACK_PACKAGE_NAME quant-compiler)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "quant-compiler developers")
set(CPACK_PACKAGE_CONTACT "quant-compiler developers <quant-compiler@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "MLIR compiler for quantized networks: qnn dialect, passes, tools, APIs")
set(CPACK_PACKAGE_DESCRIPTION
  "The qnn dialect on MLIR's quantized types, passes that fold scales and zero points and vectorize for the CPU, quant-opt, quant-translate (ONNX import), quant-compile (AOT), a plugin for mlir-opt, and C++ and C APIs with a CMake package (find_package(QuantCompiler)).")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# gzip: a few seconds for the ~200 MB of statically linked tools (xz takes
# minutes on two cores).
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_STRIP_FILES ON)
# The LLVM/MLIR 22.1 shared libraries the tools, the plugin and the C API
# load, from Debian's packages; dpkg-shlibdeps adds the C and C++ runtimes,
# protobuf and the rest. The C++ API and the CMake package need MLIR's
# development files, and quant-compile runs clang and lld.
math(EXPR next_minor "${LLVM_VERSION_MINOR} + 1")
set(lo "1:${LLVM_VERSION_MAJOR}.${LLVM_VERSION_MINOR}")
set(hi "1:${LLVM_VERSION_MAJOR}.${next_minor}~")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libllvm${LLVM_VERSION_MAJOR} (>= ${lo}), libllvm${LLVM_VERSION_MAJOR} (<< ${hi}), libmlir-${LLVM_VERSION_MAJOR} (>= ${lo}), libmlir-${LLVM_VERSION_MAJOR} (<< ${hi})")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "libmlir-${LLVM_VERSION_MAJOR}-dev, llvm-${LLVM_VERSION_MAJOR}-dev, clang-${LLVM_VERSION_MAJOR}, lld-${LLVM_VERSION_MAJOR}")

include(CPack)
