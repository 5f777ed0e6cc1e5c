#pragma once

#include <filesystem>

namespace tlw::test {

// ../shared beside the repository (real datasets and weights), or $TLW_SHARED_DIR when set.
std::filesystem::path sharedDir();
std::filesystem::path sharedDataset(const char* name);  // sharedDir()/datasets/NAME
std::filesystem::path sharedWeights(const char* file);  // sharedDir()/weights/FILE
std::filesystem::path binaryDir();                      // the CMake build folder (for tlw, tlworkbench)

// Skips the current test, loudly, when the shared folder is missing (never the case in CI).
#define TLW_REQUIRE_SHARED(path)                                                               \
    do {                                                                                       \
        if (!std::filesystem::exists(path)) GTEST_SKIP() << "missing shared data: " << (path); \
    } while (0)

}  // namespace tlw::test
