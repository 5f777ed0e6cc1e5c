#pragma once

// Thin RAII layer over the libhdf5 C API, for core .cpp files only (it includes <hdf5.h>). Functions throw
// Hdf5Failure with a reason; callers that know the file and the layer turn it into a tlw::Error.

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace tlw::h5 {

class Hdf5Failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Owns one hid_t and closes it with the matching H5?close.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
    ~Handle() { reset(); }
    Handle(Handle&& other) noexcept : m_id(other.m_id), m_closer(other.m_closer) { other.m_id = -1; }
    Handle& operator=(Handle&& other) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    hid_t get() const noexcept { return m_id; }
    bool valid() const noexcept { return m_id >= 0; }
    void reset() noexcept;

private:
    hid_t m_id = -1;
    Closer m_closer = nullptr;
};

// While alive, libhdf5 prints nothing to stderr on failure (it would otherwise dump its error stack for every
// failed probe). Per thread: the libhdf5 in use is built thread-safe. On leaving, it clears the records those
// failures left on the thread's error stack.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

private:
    H5E_auto2_t m_function = nullptr;
    void* m_data = nullptr;
};

// Opens for reading. Throws Hdf5Failure: "no such file", "not an HDF5 file", "damaged or truncated HDF5
// file".
Handle openFileReadOnly(const std::filesystem::path& file);
// Creates or truncates.
Handle createFile(const std::filesystem::path& file);

// Whether a path of links exists below loc ("block1_conv1/kernel:0"), checked one link at a time.
bool pathExists(hid_t loc, const std::string& path);
Handle openGroup(hid_t loc, const std::string& path);
// Creates intermediate groups as needed ("fire2/squeeze1x1" creates "fire2" first).
Handle createGroup(hid_t loc, const std::string& path);
Handle openDataset(hid_t loc, const std::string& path);

bool hasAttribute(hid_t object, const std::string& name);
// A 1-D attribute of strings (fixed-length as h5py writes numpy bytes, or variable-length). An empty numeric
// array (what Keras writes for a layer without weights) reads as no strings.
std::vector<std::string> readStringListAttribute(hid_t object, const std::string& name);
// As h5py stores a numpy array of bytes: fixed-length, null-padded, as long as the longest string.
void writeStringListAttribute(hid_t object, const std::string& name, const std::vector<std::string>& values);
// A scalar fixed-length string, as h5py stores a Python bytes value.
void writeStringAttribute(hid_t object, const std::string& name, const std::string& value);
// A float64 array of length 0: what Keras stores as weight_names for a layer without weights.
void writeEmptyAttribute(hid_t object, const std::string& name);

std::vector<int64_t> datasetShape(hid_t dataset);
bool datasetIsFloat(hid_t dataset);
bool datasetIsInteger(hid_t dataset);
// Reads the whole dataset converted to float32; count must equal the number of elements.
void readFloats(hid_t dataset, float* out, size_t count);
// A contiguous float32 dataset at path below loc (intermediate groups created).
// A scalar 64-bit integer, as Keras stores a Normalization layer's count.
void writeInt64ScalarDataset(hid_t loc, const std::string& path, int64_t value);
void writeFloatDataset(hid_t loc, const std::string& path, const std::vector<int64_t>& shape,
                       const float* data);

// "3x3x3x64"
std::string shapeText(const std::vector<int64_t>& shape);

}  // namespace tlw::h5
