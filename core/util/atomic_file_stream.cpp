#include "core/util/atomic_file_stream.h"

#include "core/util/error.h"

namespace tlw {

AtomicFileStream::Buffer::Buffer(std::filesystem::path target) : writer(std::move(target)), bytes(1 << 16) {
    setp(bytes.data(), bytes.data() + bytes.size());
}

bool AtomicFileStream::Buffer::flushPending() {
    if (error) return false;
    try {
        writer.write(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    } catch (...) {
        // An exception must not cross std::ostream (it would only set badbit): keep it for commit().
        error = std::current_exception();
        return false;
    }
    setp(bytes.data(), bytes.data() + bytes.size());
    return true;
}

AtomicFileStream::Buffer::int_type AtomicFileStream::Buffer::overflow(int_type c) {
    if (!flushPending()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int AtomicFileStream::Buffer::sync() { return flushPending() ? 0 : -1; }

AtomicFileStream::AtomicFileStream(std::filesystem::path target)
    : std::ostream(nullptr), m_buffer(std::move(target)) {
    rdbuf(&m_buffer);
}

AtomicFileStream::~AtomicFileStream() = default;

void AtomicFileStream::commit() {
    flush();
    if (m_buffer.error) std::rethrow_exception(m_buffer.error);
    if (!good()) throw Error(m_buffer.writer.target(), "cannot write");
    m_buffer.writer.commit();
}

}  // namespace tlw
