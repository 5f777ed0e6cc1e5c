#pragma once

// A test-side reader of NumPy .npy files, written from NumPy's format description and independent of
// core's writer, so that the tests check the files as NumPy would read them.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlw::test {

struct NpyArray {
    std::vector<int64_t> shape;
    std::vector<float> values;  // C order
};

// Accepts exactly what tlw writes: version 1.0, '<f4', C order, data aligned to 64 bytes. Throws
// std::runtime_error saying what is wrong.
NpyArray readNpyFloat32(const std::filesystem::path& file);

// A CSV file's rows, each split into fields (RFC 4180 quoting), the header row included.
std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& file);

}  // namespace tlw::test
