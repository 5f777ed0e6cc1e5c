#include "core/util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "core/util/error.h"
#include "core/util/regular_file.h"

namespace tlw {

MappedFile::MappedFile(const std::filesystem::path& file, std::size_t size) {
    const OpenedFile opened = openRegularFile(file);
    const int fd = opened.fd;
    const auto fileSize = static_cast<std::size_t>(opened.size);
    if (size == 0) size = fileSize;
    if (size > fileSize) {
        ::close(fd);
        throw Error(file,
                    "is " + std::to_string(fileSize) + " bytes, expected at least " + std::to_string(size));
    }
    m_size = size;
    if (m_size > 0) {
        void* mapped = ::mmap(nullptr, m_size, PROT_READ, MAP_SHARED, fd, 0);
        if (mapped == MAP_FAILED) {
            const int error = errno;
            ::close(fd);
            throw Error(file, describeErrno("cannot map into memory", error));
        }
        m_data = static_cast<const unsigned char*>(mapped);
    }
    ::close(fd);  // the mapping keeps the file open
}

MappedFile::~MappedFile() {
    if (m_data != nullptr) ::munmap(const_cast<unsigned char*>(m_data), m_size);
}

}  // namespace tlw
