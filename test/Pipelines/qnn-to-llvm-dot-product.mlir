// qnn-to-llvm computes u8 x s8 products with vpdpbusd on targets with a
// dot product of the vector width (icelake-server: AVX512-VNNI, 512 bits;
// +avxvnni at 256 bits), and with exact 16-bit products (vpmaddwd) on x86
// targets without one: AVX2 (haswell), AVX512BW (skylake-avx512), SSE2.
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=icelake-server" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=VNNI512
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell target-features=+avxvnni" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=VNNI256
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=haswell" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=AVX2
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=skylake-avx512" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=AVX512BW
// RUN: quant-opt %s --qnn-to-llvm="target-cpu=x86-64" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=SSE2

// VNNI512-LABEL: define {{.*}} @linear(
// VNNI512: call <16 x i32> @llvm.x86.avx512.vpdpbusd.512(<16 x i32> %{{.*}}, <64 x i8> %{{.*}}, <64 x i8> %{{.*}})
// VNNI256-LABEL: define {{.*}} @linear(
// VNNI256: call <8 x i32> @llvm.x86.avx512.vpdpbusd.256(<8 x i32> %{{.*}}, <32 x i8> %{{.*}}, <32 x i8> %{{.*}})
// AVX2-LABEL: define {{.*}} @linear(
// AVX2-NOT: vpdpbusd
// AVX2: call <8 x i32> @llvm.x86.avx2.pmadd.wd(<16 x i16> %{{.*}}, <16 x i16> %{{.*}})
// AVX2-NOT: vpdpbusd
// AVX512BW-LABEL: define {{.*}} @linear(
// AVX512BW: call <16 x i32> @llvm.x86.avx512.pmaddw.d.512(<32 x i16> %{{.*}}, <32 x i16> %{{.*}})
// SSE2-LABEL: define {{.*}} @linear(
// SSE2: call <4 x i32> @llvm.x86.sse2.pmadd.wd(<8 x i16> %{{.*}}, <8 x i16> %{{.*}})
func.func @linear(%a: tensor<4x32x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<32x16x!quant.uniform<i8:f32, 0.01>>) -> tensor<4x16x!quant.uniform<u8:f32, 0.2:3>> {
  %y = qnn.matmul %a, %w : tensor<4x32x!quant.uniform<u8:f32, 0.05:128>>, tensor<32x16x!quant.uniform<i8:f32, 0.01>> -> tensor<4x16x!quant.uniform<u8:f32, 0.2:3>>
  return %y : tensor<4x16x!quant.uniform<u8:f32, 0.2:3>>
}
