#pragma once

#include <string>
#include <vector>

// What the numbers actually run on: the BLAS the process loaded, oneDNN, the compute threads and the CPU's
// vector features. Shown by `tlw info --system` and the About dialog; a reference BLAS earns a warning,
// because Debian's libtorch links libblas.so.3, which is netlib's unoptimised one unless an optimised
// BLAS (libopenblas0-pthread) is installed: a 2048x2048 fp32 product then runs 14x slower
// (docs/BENCHMARKS.md). Torch-free header.
namespace tlw {

enum class BlasKind { Reference, OpenBlas, Blis, Mkl, Other, NotLoaded };

struct BlasLibrary {
    BlasKind kind = BlasKind::NotLoaded;
    std::string path;  // the file behind libblas.so.3 after following the alternatives links
};

// The kind of BLAS in a library file's path: ".../blas/libblas.so.3" is netlib's reference BLAS,
// ".../openblas-pthread/libblas.so.3" OpenBLAS, and so on.
BlasKind blasKindOfPath(const std::string& path);
std::string blasKindName(BlasKind kind);  // "reference BLAS (netlib)", "OpenBLAS", ...

// The BLAS loaded into this process (found among its shared objects), or NotLoaded.
BlasLibrary loadedBlas();

// What LibTorch says of its own build (at::show_config()): the oneDNN version and the instruction set its
// element-wise kernels were dispatched to ("AVX2"; ATEN_CPU_CAPABILITY=avx512 asks for more).
struct TorchBuildFacts {
    std::string oneDnnVersion;  // "2.6.3", or "" when not built with oneDNN
    std::string kernelCapability;
};
TorchBuildFacts parseTorchBuildFacts(const std::string& showConfig);

struct ComputeLibraries {
    BlasLibrary blas;
    bool oneDnn = false;  // LibTorch built with oneDNN (MKL-DNN) for convolutions
    TorchBuildFacts build;
    int threads = 0;                       // LibTorch's intra-op threads now
    std::vector<std::string> cpuFeatures;  // of avx2, avx512f, avx512_bf16, amx_bf16: those the CPU has
};
ComputeLibraries computeLibraries();

// Whether the CPU does bf16 arithmetic in hardware (AVX-512 BF16 or AMX), where bf16 pays.
bool cpuHasBf16Arithmetic();

// One line for a log: "OpenBLAS (/usr/lib/...), oneDNN 2.6.3, AVX2 kernels, 2 threads, CPU: avx2 avx512f".
std::string describeComputeLibraries(const ComputeLibraries& libraries);

// The warning to show when the reference BLAS is active, or "" when another one is.
std::string referenceBlasWarning(const BlasLibrary& blas);

}  // namespace tlw
