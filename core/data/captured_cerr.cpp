#include "core/data/captured_cerr.h"

#include <iostream>
#include <mutex>
#include <streambuf>

namespace tlw {
namespace {

thread_local bool t_capturing = false;
thread_local std::string t_captured;

// Sits in front of std::cerr's own buffer for the life of the process: a capturing thread's characters go
// to its string, everyone else's to the original buffer, one writer at a time.
class DivertingBuffer : public std::streambuf {
public:
    explicit DivertingBuffer(std::streambuf* original) : m_original(original) {}

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        if (t_capturing) {
            t_captured.append(text, static_cast<size_t>(count));
            return count;
        }
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_original->sputn(text, count);
    }
    int sync() override {
        if (t_capturing) return 0;
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_original->pubsync();
    }

private:
    std::streambuf* m_original;
    std::mutex m_mutex;
};

void installOnce() {
    static std::once_flag once;
    // Never destroyed: std::cerr is flushed after static objects are gone (found by ASan: a static buffer
    // here was used after its destruction when the process exited).
    std::call_once(once, [] { std::cerr.rdbuf(new DivertingBuffer(std::cerr.rdbuf())); });
}

}  // namespace

CapturedCerr::CapturedCerr() {
    installOnce();
    t_captured.clear();
    t_capturing = true;
}

CapturedCerr::~CapturedCerr() { t_capturing = false; }

const std::string& CapturedCerr::text() const { return t_captured; }

std::string openCvReason(const std::string& captured) {
    const std::string marker = "Unspecified error) ";
    const size_t start = captured.find(marker);
    if (start == std::string::npos) return {};
    const size_t from = start + marker.size();
    const size_t end = captured.find(" in function", from);
    std::string reason = captured.substr(from, end == std::string::npos ? std::string::npos : end - from);
    // Decoders prefix their name ("PXM: ", "OpenCV TIFF: "); the caller names the format already.
    const size_t colon = reason.find(": ");
    if (colon != std::string::npos && colon < 16) reason.erase(0, colon + 2);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    return reason;
}

}  // namespace tlw
