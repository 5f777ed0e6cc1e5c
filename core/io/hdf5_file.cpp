#include "core/io/hdf5_file.h"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace tlw::h5 {
namespace {

Handle checked(hid_t id, Handle::Closer closer, const std::string& what) {
    if (id < 0) throw Hdf5Failure(what);
    return Handle(id, closer);
}

void check(herr_t status, const std::string& what) {
    if (status < 0) throw Hdf5Failure(what);
}

// Link creation property list that makes missing parent groups on the way.
Handle intermediateGroupsPolicy() {
    Handle policy = checked(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "cannot create a link property list");
    check(H5Pset_create_intermediate_group(policy.get(), 1), "cannot set intermediate group creation");
    return policy;
}

}  // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
    if (this != &other) {
        reset();
        m_id = other.m_id;
        m_closer = other.m_closer;
        other.m_id = -1;
    }
    return *this;
}

void Handle::reset() noexcept {
    if (m_id >= 0 && m_closer != nullptr) m_closer(m_id);
    m_id = -1;
}

QuietErrors::QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &m_function, &m_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
    // The failures silenced here have become Hdf5Failure exceptions; their records would stay on this
    // thread's error stack. On a worker thread that then ends, libhdf5 frees the stack without them (a leak),
    // and records left anywhere keep libhdf5 from closing at exit ("HDF5: infinite loop closing library").
    H5Eclear2(H5E_DEFAULT);
    H5Eset_auto2(H5E_DEFAULT, m_function, m_data);
}

Handle openFileReadOnly(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        throw Hdf5Failure(std::filesystem::exists(file, error) ? "not a regular file" : "no such file");
    }
    const htri_t isHdf5 = H5Fis_hdf5(file.c_str());
    if (isHdf5 == 0) throw Hdf5Failure("not an HDF5 file");
    if (isHdf5 < 0) throw Hdf5Failure("cannot read the file (permissions?)");
    const hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) throw Hdf5Failure("damaged or truncated HDF5 file: libhdf5 cannot open it");
    return Handle(id, H5Fclose);
}

Handle createFile(const std::filesystem::path& file) {
    return checked(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                   "cannot create the HDF5 file");
}

bool pathExists(hid_t loc, const std::string& path) {
    // H5Lexists fails (rather than answering false) when an intermediate link is missing: walk the path.
    size_t end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string prefix = path.substr(0, end);
        if (H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    }
    return true;
}

Handle openGroup(hid_t loc, const std::string& path) {
    return checked(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose, "cannot open group '" + path + "'");
}

Handle createGroup(hid_t loc, const std::string& path) {
    const Handle policy = intermediateGroupsPolicy();
    return checked(H5Gcreate2(loc, path.c_str(), policy.get(), H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                   "cannot create group '" + path + "'");
}

Handle openDataset(hid_t loc, const std::string& path) {
    return checked(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose, "cannot open dataset '" + path + "'");
}

bool hasAttribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

std::vector<std::string> readStringListAttribute(hid_t object, const std::string& name) {
    const Handle attribute =
        checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open attribute '" + name + "'");
    const Handle type =
        checked(H5Aget_type(attribute.get()), H5Tclose, "cannot read the type of '" + name + "'");
    const Handle space =
        checked(H5Aget_space(attribute.get()), H5Sclose, "cannot read the shape of '" + name + "'");
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count < 0) throw Hdf5Failure("cannot read the shape of attribute '" + name + "'");
    if (H5Tget_class(type.get()) != H5T_STRING) {
        if (count == 0) return {};  // numpy's empty float array: Keras's "no weights"
        throw Hdf5Failure("attribute '" + name + "' does not hold strings");
    }
    std::vector<std::string> values;
    if (H5Tis_variable_str(type.get()) > 0) {
        std::vector<char*> pointers(static_cast<size_t>(count), nullptr);
        const Handle memoryType = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy a string type");
        check(H5Tset_size(memoryType.get(), H5T_VARIABLE), "cannot set a string size");
        check(H5Aread(attribute.get(), memoryType.get(), pointers.data()),
              "cannot read attribute '" + name + "'");
        for (char* text : pointers) values.emplace_back(text != nullptr ? text : "");
        H5Dvlen_reclaim(memoryType.get(), space.get(), H5P_DEFAULT, pointers.data());
        return values;
    }
    const size_t width = H5Tget_size(type.get());
    std::vector<char> buffer(width * static_cast<size_t>(count) + 1, '\0');
    check(H5Aread(attribute.get(), type.get(), buffer.data()), "cannot read attribute '" + name + "'");
    for (hssize_t i = 0; i < count; ++i) {
        const char* text = buffer.data() + static_cast<size_t>(i) * width;
        values.emplace_back(text, strnlen(text, width));
    }
    return values;
}

void writeStringListAttribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
    size_t width = 1;
    for (const std::string& value : values) width = std::max(width, value.size());
    std::vector<char> buffer(width * values.size(), '\0');
    for (size_t i = 0; i < values.size(); ++i)
        std::memcpy(buffer.data() + i * width, values[i].data(), values[i].size());
    const Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy a string type");
    check(H5Tset_size(type.get(), width), "cannot set a string size");
    check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "cannot set string padding");
    const hsize_t dims[1] = {values.size()};
    const Handle space = checked(H5Screate_simple(1, dims, nullptr), H5Sclose, "cannot create a dataspace");
    const Handle attribute =
        checked(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                "cannot create attribute '" + name + "'");
    check(H5Awrite(attribute.get(), type.get(), buffer.data()), "cannot write attribute '" + name + "'");
}

void writeStringAttribute(hid_t object, const std::string& name, const std::string& value) {
    const Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy a string type");
    check(H5Tset_size(type.get(), std::max<size_t>(1, value.size())), "cannot set a string size");
    check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "cannot set string padding");
    const Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, "cannot create a dataspace");
    const Handle attribute =
        checked(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                "cannot create attribute '" + name + "'");
    std::string padded = value;
    padded.resize(std::max<size_t>(1, value.size()), '\0');
    check(H5Awrite(attribute.get(), type.get(), padded.data()), "cannot write attribute '" + name + "'");
}

void writeEmptyAttribute(hid_t object, const std::string& name) {
    const hsize_t dims[1] = {0};
    const Handle space = checked(H5Screate_simple(1, dims, nullptr), H5Sclose, "cannot create a dataspace");
    const Handle attribute =
        checked(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose, "cannot create attribute '" + name + "'");
}

std::vector<int64_t> datasetShape(hid_t dataset) {
    const Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read a dataset's shape");
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) throw Hdf5Failure("cannot read a dataset's rank");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
        throw Hdf5Failure("cannot read a dataset's dimensions");
    return std::vector<int64_t>(dims.begin(), dims.end());
}

bool datasetIsFloat(hid_t dataset) {
    const Handle type = checked(H5Dget_type(dataset), H5Tclose, "cannot read a dataset's type");
    return H5Tget_class(type.get()) == H5T_FLOAT;
}

bool datasetIsInteger(hid_t dataset) {
    const Handle type = checked(H5Dget_type(dataset), H5Tclose, "cannot read a dataset's type");
    return H5Tget_class(type.get()) == H5T_INTEGER;
}

void readFloats(hid_t dataset, float* out, size_t count) {
    const Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read a dataset's shape");
    if (H5Sget_simple_extent_npoints(space.get()) != static_cast<hssize_t>(count))
        throw Hdf5Failure("dataset size differs from the expected one");
    check(H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out),
          "cannot read the data (truncated or damaged file)");
}

void writeFloatDataset(hid_t loc, const std::string& path, const std::vector<int64_t>& shape,
                       const float* data) {
    const std::vector<hsize_t> dims(shape.begin(), shape.end());
    const Handle space = checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                                 H5Sclose, "cannot create a dataspace");
    const Handle policy = intermediateGroupsPolicy();
    const Handle dataset = checked(
        H5Dcreate2(loc, path.c_str(), H5T_IEEE_F32LE, space.get(), policy.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "cannot create dataset '" + path + "'");
    check(H5Dwrite(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "cannot write dataset '" + path + "'");
}

void writeInt64ScalarDataset(hid_t loc, const std::string& path, int64_t value) {
    const Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, "cannot create a dataspace");
    const Handle policy = intermediateGroupsPolicy();
    const Handle dataset = checked(
        H5Dcreate2(loc, path.c_str(), H5T_STD_I64LE, space.get(), policy.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "cannot create dataset '" + path + "'");
    check(H5Dwrite(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
          "cannot write dataset '" + path + "'");
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i) text += (i > 0 ? "x" : "") + std::to_string(shape[i]);
    return text.empty() ? "scalar" : text;
}

}  // namespace tlw::h5
