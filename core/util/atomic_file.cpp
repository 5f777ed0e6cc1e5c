#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "core/util/regular_file.h"
#include "core/util/temporary_file.h"

namespace tlw {
namespace {

// Making the rename itself durable needs the directory entry flushed too.
void syncDirectory(const std::filesystem::path& directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // Best effort: some file systems do not allow opening directories.
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : m_target(std::move(target)) {
    const LockedTemporary temporary = createTemporaryBeside(m_target);
    m_fd = temporary.fd;
    m_temporary = temporary.path;
}

AtomicFileWriter::~AtomicFileWriter() { discard(); }

void AtomicFileWriter::write(const void* data, std::size_t size) {
    if (m_fd < 0) throw Error(m_target, "write after commit or failure");
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t written = ::write(m_fd, bytes, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            discard();
            throw Error(m_target, describeErrno("cannot write", error));
        }
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
}

void AtomicFileWriter::writeAt(std::uint64_t offset, std::string_view bytes) {
    if (m_fd < 0) throw Error(m_target, "write after commit or failure");
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written =
            ::pwrite(m_fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
        if (written < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            discard();
            throw Error(m_target, describeErrno("cannot write", error));
        }
        done += static_cast<std::size_t>(written);
    }
}

void AtomicFileWriter::commit() {
    if (m_fd < 0) throw Error(m_target, "commit after commit or failure");
    if (::fsync(m_fd) != 0) {
        const int error = errno;
        discard();
        throw Error(m_target, describeErrno("cannot flush to disk", error));
    }
    // mkostemp creates 0600; a saved file should get the usual permissions (0666 minus umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, 0666 & ~mask);
    // Renamed while still open, so still locked: another writer of the target must not take it for a
    // killed process's leftover (core/util/temporary_file.h).
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        const int error = errno;
        discard();
        throw Error(m_target, describeErrno("cannot replace", error));
    }
    m_temporary.clear();
    ::close(m_fd);
    m_fd = -1;
    syncDirectory(m_target.parent_path().empty() ? "." : m_target.parent_path());
}

void AtomicFileWriter::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temporary.empty()) {
        ::unlink(m_temporary.c_str());
        m_temporary.clear();
    }
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes) {
    AtomicFileWriter writer(target);
    writer.write(bytes);
    writer.commit();
}

void readFileChunks(const std::filesystem::path& file, const std::function<void(std::string_view)>& consume) {
    const int fd = openRegularFile(file).fd;
    char chunk[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            ::close(fd);
            throw Error(file, describeErrno("cannot read", error));
        }
        try {
            consume(std::string_view(chunk, static_cast<std::size_t>(got)));
        } catch (...) {
            ::close(fd);
            throw;
        }
    }
    ::close(fd);
}

std::string readFileBytes(const std::filesystem::path& file, std::uint64_t maxBytes) {
    const auto tooLarge = [&](std::uint64_t size) {
        return Error(file, "is " + std::to_string(size) + " bytes, more than the " +
                               std::to_string(maxBytes) + " such a file may have");
    };
    {
        const OpenedFile opened = openRegularFile(file);
        ::close(opened.fd);
        if (opened.size > maxBytes) throw tooLarge(opened.size);
    }
    std::string bytes;
    // The size is checked again as it is read: the file may grow in between.
    readFileChunks(file, [&](std::string_view chunk) {
        if (bytes.size() + chunk.size() > maxBytes) throw tooLarge(bytes.size() + chunk.size());
        bytes.append(chunk);
    });
    return bytes;
}

}  // namespace tlw
