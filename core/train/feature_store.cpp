#include "core/train/feature_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr char kIndexMagic[8] = {'T', 'L', 'W', 'F', 'I', 'D', 'X', '1'};

void readExactly(int fd, const std::filesystem::path& file, unsigned char* out, size_t bytes, off_t offset) {
    while (bytes > 0) {
        const ssize_t got = ::pread(fd, out, bytes, offset);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw Error(file, describeErrno("cannot read cached features", errno));
        if (got == 0) throw Error(file, "cached features end before the rows their index names");
        out += got;
        bytes -= static_cast<size_t>(got);
        offset += got;
    }
}

}  // namespace

FeatureStore::FeatureStore(std::filesystem::path folder, int64_t rowBytes)
    : m_folder(std::move(folder)), m_rowBytes(rowBytes) {
    std::error_code error;
    std::filesystem::create_directories(m_folder, error);
    if (error) throw FeatureStoreWriteError(m_folder, "cannot create the cache folder: " + error.message());
    readIndex();
}

FeatureStore::~FeatureStore() {
    if (m_fd >= 0) ::close(m_fd);
}

void FeatureStore::append(const ContentHash& hash, const void* bytes) {
    if (has(hash)) return;
    openForAppend();
    const char* data = static_cast<const char*>(bytes);
    int64_t left = m_rowBytes;
    while (left > 0) {
        const ssize_t written = ::write(m_fd, data, static_cast<size_t>(left));
        if (written < 0) {
            if (errno == EINTR) continue;
            const int reason = errno;
            discardUncommitted();
            throw FeatureStoreWriteError(featureFile(),
                                         describeErrno("cannot write cached features", reason));
        }
        data += written;
        left -= written;
    }
    m_rowOf[hash] = rowCount();
    m_hashes.push_back(hash);
    m_dirty = true;
}

// Rows reach the disk before the index that names them, so an index never points past the data.
void FeatureStore::commit() {
    if (!m_dirty) return;
    if (m_fd >= 0 && ::fsync(m_fd) != 0) {
        const int reason = errno;
        discardUncommitted();
        throw FeatureStoreWriteError(featureFile(), describeErrno("cannot flush cached features", reason));
    }
    std::string index(kIndexMagic, sizeof kIndexMagic);
    const uint64_t header[2] = {static_cast<uint64_t>(m_rowBytes), static_cast<uint64_t>(m_hashes.size())};
    index.append(reinterpret_cast<const char*>(header), sizeof header);
    for (const ContentHash& hash : m_hashes) {
        const uint64_t halves[2] = {hash.high, hash.low};
        index.append(reinterpret_cast<const char*>(halves), sizeof halves);
    }
    try {
        writeFileAtomically(m_folder / "index.bin", index);
    } catch (const Error& error) {
        discardUncommitted();
        throw FeatureStoreWriteError(error.file(), error.reason());
    }
    m_committedRows = rowCount();
    m_dirty = false;
}

void FeatureStore::discardUncommitted() noexcept {
    for (size_t row = static_cast<size_t>(m_committedRows); row < m_hashes.size(); ++row)
        m_rowOf.erase(m_hashes[row]);
    m_hashes.resize(static_cast<size_t>(m_committedRows));
    m_dirty = false;
    if (m_fd < 0) return;
    // Shrinking a file needs no free space, so this works on the full disk that made the write fail.
    if (m_committedRows == 0) {
        ::close(m_fd);
        m_fd = -1;
        std::error_code ignored;
        std::filesystem::remove(featureFile(), ignored);
        return;
    }
    const off_t end = static_cast<off_t>(m_committedRows * m_rowBytes);
    if (::ftruncate(m_fd, end) != 0 || ::lseek(m_fd, end, SEEK_SET) != end) {
        ::close(m_fd);  // the next append reopens and truncates again
        m_fd = -1;
    }
}

int64_t FeatureStore::diskBytes() const {
    std::error_code error;
    int64_t total = 0;
    for (const char* name : {"features.bin", "index.bin"}) {
        const auto size = std::filesystem::file_size(m_folder / name, error);
        if (!error) total += static_cast<int64_t>(size);
    }
    return total;
}

void FeatureStore::readRows(const std::vector<int64_t>& rows, unsigned char* out) const {
    const std::filesystem::path file = featureFile();
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(file, describeErrno("cannot open cached features", errno));
    const auto rowBytes = static_cast<size_t>(m_rowBytes);
    try {
        // Rows that follow each other in the file (a run's images, as its first pass appended them) are
        // read in one call.
        for (size_t first = 0; first < rows.size();) {
            size_t end = first + 1;
            while (end < rows.size() && rows[end] == rows[end - 1] + 1) ++end;
            readExactly(fd, file, out + first * rowBytes, (end - first) * rowBytes,
                        static_cast<off_t>(rows[first]) * static_cast<off_t>(m_rowBytes));
            first = end;
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

void FeatureStore::readIndex() {
    const std::filesystem::path file = m_folder / "index.bin";
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return;
    const std::string bytes = readFileBytes(file);
    uint64_t header[2] = {0, 0};
    const size_t headerSize = sizeof kIndexMagic + sizeof header;
    const bool magicOk =
        bytes.size() >= headerSize && std::memcmp(bytes.data(), kIndexMagic, sizeof kIndexMagic) == 0;
    if (magicOk) std::memcpy(header, bytes.data() + sizeof kIndexMagic, sizeof header);
    const uint64_t count = header[1];
    const auto featureBytes = std::filesystem::file_size(featureFile(), error);
    if (!magicOk || header[0] != static_cast<uint64_t>(m_rowBytes) || count > bytes.size() / 16 ||
        bytes.size() != headerSize + count * 16 || error ||
        featureBytes < count * static_cast<uint64_t>(m_rowBytes)) {
        m_damaged = true;
        return;
    }
    for (uint64_t row = 0; row < count; ++row) {
        uint64_t halves[2];
        std::memcpy(halves, bytes.data() + headerSize + row * 16, sizeof halves);
        const ContentHash hash{halves[0], halves[1]};
        m_rowOf.emplace(hash, static_cast<int64_t>(row));
        m_hashes.push_back(hash);
    }
    m_committedRows = static_cast<int64_t>(count);
}

void FeatureStore::openForAppend() {
    if (m_fd >= 0) return;
    const std::filesystem::path file = featureFile();
    m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (m_fd < 0) throw FeatureStoreWriteError(file, describeErrno("cannot open the feature cache", errno));
    // Rows past the index are left over from an interrupted run: they are overwritten.
    const off_t end = static_cast<off_t>(rowCount() * m_rowBytes);
    if (::ftruncate(m_fd, end) != 0 || ::lseek(m_fd, end, SEEK_SET) != end)
        throw FeatureStoreWriteError(file,
                                     describeErrno("cannot prepare the feature cache for writing", errno));
}

}  // namespace tlw
