#include "core/util/compute_libraries.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <link.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tlw {
namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// The first loaded shared object whose file name says it is a BLAS.
int findBlas(dl_phdr_info* info, size_t /*size*/, void* data) {
    const std::string name = info->dlpi_name != nullptr ? info->dlpi_name : "";
    const std::string file = std::filesystem::path(name).filename().string();
    if (file.rfind("libblas.so", 0) == 0 || file.rfind("libopenblas", 0) == 0 ||
        file.rfind("libblis", 0) == 0 || file.rfind("libmkl_rt", 0) == 0) {
        *static_cast<std::string*>(data) = name;
        return 1;  // stop
    }
    return 0;
}

std::vector<std::string> cpuFlags() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) != 0) continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        std::vector<std::string> flags;
        for (std::string flag; words >> flag;) flags.push_back(flag);
        return flags;
    }
    return {};
}

}  // namespace

BlasKind blasKindOfPath(const std::string& path) {
    if (path.empty()) return BlasKind::NotLoaded;
    if (contains(path, "openblas")) return BlasKind::OpenBlas;
    if (contains(path, "blis")) return BlasKind::Blis;
    if (contains(path, "mkl")) return BlasKind::Mkl;
    // Debian's netlib package installs /usr/lib/<triplet>/blas/libblas.so.3; others have their own folder.
    if (contains(path, "/blas/libblas.so")) return BlasKind::Reference;
    return BlasKind::Other;
}

std::string blasKindName(BlasKind kind) {
    switch (kind) {
        case BlasKind::Reference:
            return "reference BLAS (netlib, unoptimised)";
        case BlasKind::OpenBlas:
            return "OpenBLAS";
        case BlasKind::Blis:
            return "BLIS";
        case BlasKind::Mkl:
            return "Intel MKL";
        case BlasKind::Other:
            return "BLAS";
        case BlasKind::NotLoaded:
            return "no BLAS loaded";
    }
    return "BLAS";
}

BlasLibrary loadedBlas() {
    std::string name;
    dl_iterate_phdr(findBlas, &name);
    BlasLibrary blas;
    if (name.empty()) return blas;
    std::error_code error;
    const std::filesystem::path resolved = std::filesystem::canonical(name, error);
    blas.path = error ? name : resolved.string();
    blas.kind = blasKindOfPath(blas.path);
    return blas;
}

namespace {

// The rest of the line after marker, up to the first space or the line's end; "" when marker is absent.
std::string wordAfter(const std::string& text, const std::string& marker) {
    const size_t at = text.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    const size_t end = text.find_first_of(" \n", start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

TorchBuildFacts parseTorchBuildFacts(const std::string& showConfig) {
    TorchBuildFacts facts;
    facts.oneDnnVersion = wordAfter(showConfig, "MKL-DNN v");
    if (facts.oneDnnVersion.empty()) facts.oneDnnVersion = wordAfter(showConfig, "oneDNN v");
    facts.kernelCapability = wordAfter(showConfig, "CPU capability usage: ");
    return facts;
}

ComputeLibraries computeLibraries() {
    ComputeLibraries libraries;
    libraries.blas = loadedBlas();
    libraries.oneDnn = at::hasMKLDNN();
    libraries.build = parseTorchBuildFacts(at::show_config());
    libraries.threads = at::get_num_threads();
    const std::vector<std::string> flags = cpuFlags();
    for (const char* feature : {"avx2", "avx512f", "avx512_bf16", "amx_bf16"})
        for (const std::string& flag : flags)
            if (flag == feature) libraries.cpuFeatures.push_back(flag);
    return libraries;
}

bool cpuHasBf16Arithmetic() {
    for (const std::string& flag : cpuFlags())
        if (flag == "avx512_bf16" || flag == "amx_bf16") return true;
    return false;
}

std::string describeComputeLibraries(const ComputeLibraries& libraries) {
    std::string text = blasKindName(libraries.blas.kind);
    if (!libraries.blas.path.empty()) text += " (" + libraries.blas.path + ")";
    if (libraries.oneDnn) text += ", oneDNN " + libraries.build.oneDnnVersion;
    if (!libraries.build.kernelCapability.empty())
        text += ", " + libraries.build.kernelCapability + " kernels";
    text += ", " + std::to_string(libraries.threads) + (libraries.threads == 1 ? " thread" : " threads");
    text += ", CPU:";
    if (libraries.cpuFeatures.empty()) text += " no AVX2";
    for (const std::string& feature : libraries.cpuFeatures) text += " " + feature;
    return text;
}

std::string referenceBlasWarning(const BlasLibrary& blas) {
    if (blas.kind != BlasKind::Reference) return "";
    return "warning: LibTorch runs on the reference BLAS (" + blas.path +
           "): Dense layers and matrix products are about 14x slower than with an optimised one; install "
           "libopenblas0-pthread (sudo apt install libopenblas0-pthread)";
}

}  // namespace tlw
