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

}  // namespace

FeatureStore::FeatureStore(std::filesystem::path folder, int64_t rowBytes)
    : m_folder(std::move(folder)), m_rowBytes(rowBytes) {
    std::filesystem::create_directories(m_folder);
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
            throw Error(featureFile(), describeErrno("cannot write cached features", errno));
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
    if (m_fd >= 0 && ::fsync(m_fd) != 0)
        throw Error(featureFile(), describeErrno("cannot flush cached features", errno));
    std::string index(kIndexMagic, sizeof kIndexMagic);
    const uint64_t header[2] = {static_cast<uint64_t>(m_rowBytes), static_cast<uint64_t>(m_hashes.size())};
    index.append(reinterpret_cast<const char*>(header), sizeof header);
    for (const ContentHash& hash : m_hashes) {
        const uint64_t halves[2] = {hash.high, hash.low};
        index.append(reinterpret_cast<const char*>(halves), sizeof halves);
    }
    writeFileAtomically(m_folder / "index.bin", index);
    m_dirty = false;
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
        m_note = "the feature cache in " + m_folder.u8string() + " was damaged; computing it afresh";
        return;
    }
    for (uint64_t row = 0; row < count; ++row) {
        uint64_t halves[2];
        std::memcpy(halves, bytes.data() + headerSize + row * 16, sizeof halves);
        const ContentHash hash{halves[0], halves[1]};
        m_rowOf.emplace(hash, static_cast<int64_t>(row));
        m_hashes.push_back(hash);
    }
}

void FeatureStore::openForAppend() {
    if (m_fd >= 0) return;
    const std::filesystem::path file = featureFile();
    m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (m_fd < 0) throw Error(file, describeErrno("cannot open the feature cache", errno));
    // Rows past the index are left over from an interrupted run: they are overwritten.
    const off_t end = static_cast<off_t>(rowCount() * m_rowBytes);
    if (::ftruncate(m_fd, end) != 0 || ::lseek(m_fd, end, SEEK_SET) != end)
        throw Error(file, describeErrno("cannot prepare the feature cache for writing", errno));
}

}  // namespace tlw
