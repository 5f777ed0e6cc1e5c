#include "tests/support/shared_data.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace tlw::test {

std::filesystem::path sharedDir() {
    if (const char* fromEnvironment = std::getenv("TLW_SHARED_DIR"); fromEnvironment && *fromEnvironment)
        return fromEnvironment;
    return TLW_SHARED_DIR;
}

std::filesystem::path sharedDataset(const char* name) { return sharedDir() / "datasets" / name; }

std::filesystem::path sharedWeights(const char* file) { return sharedDir() / "weights" / file; }

std::filesystem::path binaryDir() { return TLW_BINARY_DIR; }

}  // namespace tlw::test
