#pragma once

#include <exception>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <vector>

#include "core/util/atomic_file.h"

namespace tlw {

// An std::ostream over AtomicFileWriter, for libraries that serialise to a stream (torch::jit::Module::save):
// the bytes go to a temporary file beside the target, and only commit() puts them in its place. Streamed,
// so a 500 MB model is never held twice in memory.
class AtomicFileStream : public std::ostream {
public:
    explicit AtomicFileStream(std::filesystem::path target);  // throws tlw::Error
    ~AtomicFileStream() override;

    // Flushes, syncs and renames; rethrows the writer's first error (a full disk) as tlw::Error.
    void commit();
    // The writer's first error, if a write failed (the stream is then bad).
    std::exception_ptr error() const noexcept { return m_buffer.error; }
    // The temporary file; after flush() it holds every byte written so far (see AtomicFileWriter::temporary).
    const std::filesystem::path& temporary() const noexcept { return m_buffer.writer.temporary(); }

private:
    struct Buffer : std::streambuf {
        explicit Buffer(std::filesystem::path target);
        int_type overflow(int_type c) override;
        int sync() override;
        bool flushPending();

        AtomicFileWriter writer;
        std::vector<char> bytes;
        std::exception_ptr error;
    };

    Buffer m_buffer;
};

}  // namespace tlw
