#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/util/regular_file.h"

namespace tlw {

// Writes a file so that readers see either the old content or the new one, never a half-written file:
// bytes go to a temporary file beside the target, are flushed to disk (fsync), and the temporary is then
// renamed over the target. If anything fails, or the writer is destroyed before commit(), the
// temporary is removed and the target is untouched.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::filesystem::path target);  // throws tlw::Error
    ~AtomicFileWriter();

    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const void* data, std::size_t size);  // throws tlw::Error
    void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
    // Overwrites bytes already written, at offset from the start: a header whose counts are known only once
    // the rest is written (a .npy file's shape). Throws tlw::Error.
    void writeAt(std::uint64_t offset, std::string_view bytes);
    void commit();  // throws tlw::Error; the target holds the new content afterwards

    const std::filesystem::path& target() const noexcept { return m_target; }
    // The temporary being written, readable by another reader once the bytes are flushed: an export checks
    // what it wrote before commit() puts it in place. Empty after commit() or a failure.
    const std::filesystem::path& temporary() const noexcept { return m_temporary; }

private:
    void discard() noexcept;

    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    int m_fd = -1;
};

// One-shot form of AtomicFileWriter.
void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

// Reads a regular file in chunks of up to 64 KiB, handing each to consume; throws tlw::Error naming the file
// and the reason (an exception from consume propagates, with the file closed).
void readFileChunks(const std::filesystem::path& file, const std::function<void(std::string_view)>& consume);

// Reads a whole regular file of at most maxBytes; throws tlw::Error naming the file and the reason (a pipe, a
// device, too large, unreadable).
std::string readFileBytes(const std::filesystem::path& file, std::uint64_t maxBytes = kMaxWholeFileBytes);

}  // namespace tlw
