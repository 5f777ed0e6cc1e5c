#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

// NumPy .npy files (format version 1.0) of float32, the form scikit-learn, Orange and numpy.load read
// without a converter. Torch-free.
//
// Layout: the magic "\x93NUMPY", version bytes 1 0, the header length as little-endian uint16, then the
// header, a Python dict literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (398, 512), }
// padded with spaces and ended by '\n' so that the data starts at a multiple of 64 bytes; then the values,
// little-endian float32 in C order (last index fastest).
namespace tlw {

// The 10-byte preamble and the padded header for a float32 array of this shape. minimumLength reserves room
// (the whole prefix is at least that long) so that a later header with larger numbers fits the same space.
std::string npyFloat32Header(const std::vector<int64_t>& shape, std::size_t minimumLength = 0);

// Writes a whole array at once, atomically. Throws tlw::Error naming the file.
void writeNpyFloat32(const std::filesystem::path& file, const std::vector<int64_t>& shape,
                     const float* values);

// Writes an array of up to maxItems items of itemShape each (a batch at a time) when the final count is
// known only at the end: images that fail to decode are left out. The file appears, atomically, at commit();
// until then (or if the writer is destroyed without commit) the target is untouched.
class NpyFloat32Writer {
public:
    // Creates the temporary file beside the target at once, so that an unwritable folder fails before any
    // work is done. Throws tlw::Error.
    NpyFloat32Writer(const std::filesystem::path& file, std::vector<int64_t> itemShape,
                     std::uint64_t maxItems);
    ~NpyFloat32Writer();
    NpyFloat32Writer(const NpyFloat32Writer&) = delete;
    NpyFloat32Writer& operator=(const NpyFloat32Writer&) = delete;

    // items x itemShape values in C order. Throws tlw::Error (also beyond maxItems).
    void append(const float* values, std::uint64_t items);
    // Rewrites the header with the number of items appended, then renames the file into place.
    void commit();

    std::uint64_t itemCount() const noexcept { return m_items; }
    std::vector<int64_t> shape() const;  // {itemCount(), itemShape...}

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::uint64_t m_items = 0;
};

}  // namespace tlw
