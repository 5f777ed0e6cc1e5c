#pragma once

// Test-side reader of Keras weight files straight through the libhdf5 C API, independent of core's reader
// and converter: the fidelity tests compute with these raw channels-last arrays.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlw::test {

struct RawArray {
    std::vector<int64_t> shape;
    std::vector<float> values;
};

class RawKerasFile {
public:
    explicit RawKerasFile(const std::filesystem::path& file);
    ~RawKerasFile();
    RawKerasFile(const RawKerasFile&) = delete;
    RawKerasFile& operator=(const RawKerasFile&) = delete;

    std::vector<std::string> layerNames() const;                           // root attribute layer_names
    std::vector<std::string> weightNames(const std::string& layer) const;  // the layer group's weight_names
    RawArray weight(const std::string& layer, size_t index) const;         // the index-th of weight_names
    std::string rootStringAttribute(const std::string& name) const;        // scalar string (backend, ...)

private:
    long m_file = -1;
};

}  // namespace tlw::test
