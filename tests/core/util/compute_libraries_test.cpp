#include "core/util/compute_libraries.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace tlw {
namespace {

TEST(ComputeLibraries, KnowsEachBlasByItsFolder) {
    // Debian's alternatives for libblas.so.3, as they resolve.
    EXPECT_EQ(blasKindOfPath("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"), BlasKind::Reference);
    EXPECT_EQ(blasKindOfPath("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"), BlasKind::OpenBlas);
    EXPECT_EQ(blasKindOfPath("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3"), BlasKind::Blis);
    EXPECT_EQ(blasKindOfPath("/usr/lib/x86_64-linux-gnu/libmkl_rt.so"), BlasKind::Mkl);
    EXPECT_EQ(blasKindOfPath("/opt/atlas/libblas.so.3"), BlasKind::Other);
    EXPECT_EQ(blasKindOfPath(""), BlasKind::NotLoaded);
}

TEST(ComputeLibraries, OnlyTheReferenceBlasIsWarnedAbout) {
    const std::string warning = referenceBlasWarning({BlasKind::Reference, "/usr/lib/blas/libblas.so.3"});
    EXPECT_NE(warning.find("/usr/lib/blas/libblas.so.3"), std::string::npos) << warning;
    EXPECT_NE(warning.find("libopenblas0-pthread"), std::string::npos) << warning;
    EXPECT_EQ(referenceBlasWarning({BlasKind::OpenBlas, "/usr/lib/openblas-pthread/libblas.so.3"}), "");
}

TEST(ComputeLibraries, ReadsOneDnnAndTheKernelsFromTorchsBuildText) {
    const TorchBuildFacts facts = parseTorchBuildFacts(
        "PyTorch built with:\n  - GCC 12.2\n  - Intel(R) MKL-DNN v2.6.3 (Git Hash N/A)\n"
        "  - OpenMP 201511 (a.k.a. OpenMP 4.5)\n  - CPU capability usage: AVX2\n  - Build settings: ...\n");
    EXPECT_EQ(facts.oneDnnVersion, "2.6.3");
    EXPECT_EQ(facts.kernelCapability, "AVX2");
    const TorchBuildFacts none = parseTorchBuildFacts("PyTorch built with:\n  - GCC 12.2\n");
    EXPECT_EQ(none.oneDnnVersion, "");
    EXPECT_EQ(none.kernelCapability, "");
}

TEST(ComputeLibraries, ThisLibTorchSaysWhichKernelsItRuns) {
    const ComputeLibraries libraries = computeLibraries();
    EXPECT_FALSE(libraries.build.kernelCapability.empty());
    EXPECT_EQ(libraries.oneDnn, !libraries.build.oneDnnVersion.empty());
}

// Debian's LibTorch links libblas.so.3, so this process has loaded one, whichever it resolves to.
TEST(ComputeLibraries, FindsTheBlasThisProcessLoaded) {
    const ComputeLibraries libraries = computeLibraries();
    ASSERT_NE(libraries.blas.kind, BlasKind::NotLoaded);
    EXPECT_TRUE(std::filesystem::exists(libraries.blas.path)) << libraries.blas.path;
    EXPECT_EQ(libraries.blas.kind, blasKindOfPath(libraries.blas.path));
    EXPECT_GE(libraries.threads, 1);
    const std::string line = describeComputeLibraries(libraries);
    EXPECT_EQ(line.rfind(blasKindName(libraries.blas.kind), 0), 0u) << line;
    EXPECT_NE(line.find("CPU:"), std::string::npos) << line;
}

}  // namespace
}  // namespace tlw
