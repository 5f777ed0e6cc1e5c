#pragma once

#include <cstddef>
#include <filesystem>

namespace tlw {

// A file mapped read-only into memory: its pages are read on first touch and dropped by the kernel under
// memory pressure, so data larger than RAM can be used as if it were an array.
class MappedFile {
public:
    // Maps the first `size` bytes (the whole file when size is 0). Throws tlw::Error naming the file.
    explicit MappedFile(const std::filesystem::path& file, std::size_t size = 0);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    const unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace tlw
