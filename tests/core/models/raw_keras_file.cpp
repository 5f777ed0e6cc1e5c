#include "tests/core/models/raw_keras_file.h"

#include <hdf5.h>

#include <cstring>
#include <stdexcept>

namespace tlw::test {
namespace {

std::vector<std::string> readStrings(hid_t object, const char* name) {
    const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
    if (attribute < 0) throw std::runtime_error(std::string("no attribute ") + name);
    const hid_t type = H5Aget_type(attribute);
    const hid_t space = H5Aget_space(attribute);
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    std::vector<std::string> values;
    if (H5Tget_class(type) == H5T_STRING && count > 0) {
        const size_t width = H5Tget_size(type);
        std::vector<char> buffer(width * static_cast<size_t>(count));
        H5Aread(attribute, type, buffer.data());
        for (hssize_t i = 0; i < count; ++i) {
            const char* text = buffer.data() + static_cast<size_t>(i) * width;
            values.emplace_back(text, strnlen(text, width));
        }
    }
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(attribute);
    return values;
}

}  // namespace

RawKerasFile::RawKerasFile(const std::filesystem::path& file) {
    m_file = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (m_file < 0) throw std::runtime_error("cannot open " + file.string());
}

RawKerasFile::~RawKerasFile() {
    if (m_file >= 0) H5Fclose(m_file);
}

std::vector<std::string> RawKerasFile::layerNames() const { return readStrings(m_file, "layer_names"); }

std::vector<std::string> RawKerasFile::weightNames(const std::string& layer) const {
    const hid_t group = H5Gopen2(m_file, layer.c_str(), H5P_DEFAULT);
    if (group < 0) throw std::runtime_error("no group " + layer);
    std::vector<std::string> names = readStrings(group, "weight_names");
    H5Gclose(group);
    return names;
}

RawArray RawKerasFile::weight(const std::string& layer, size_t index) const {
    const std::string name = weightNames(layer).at(index);
    const hid_t group = H5Gopen2(m_file, layer.c_str(), H5P_DEFAULT);
    const hid_t dataset = H5Dopen2(group, name.c_str(), H5P_DEFAULT);
    if (dataset < 0) throw std::runtime_error("no dataset " + layer + "/" + name);
    const hid_t space = H5Dget_space(dataset);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    RawArray array;
    size_t count = 1;
    for (const hsize_t d : dims) {
        array.shape.push_back(static_cast<int64_t>(d));
        count *= d;
    }
    array.values.resize(count);
    H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data());
    H5Sclose(space);
    H5Dclose(dataset);
    H5Gclose(group);
    return array;
}

std::string RawKerasFile::rootStringAttribute(const std::string& name) const {
    const hid_t attribute = H5Aopen(m_file, name.c_str(), H5P_DEFAULT);
    if (attribute < 0) throw std::runtime_error("no attribute " + name);
    const hid_t type = H5Aget_type(attribute);
    std::string value(H5Tget_size(type), '\0');
    H5Aread(attribute, type, value.data());
    H5Tclose(type);
    H5Aclose(attribute);
    return value.substr(0, strnlen(value.c_str(), value.size()));
}

}  // namespace tlw::test
