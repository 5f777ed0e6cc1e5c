#include "app/tlw/live_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "core/util/text_width.h"

namespace tlw::cli {
namespace {

std::size_t terminalColumns(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

// The longest prefix of text that fits in `columns`, cut on a UTF-8 character boundary.
std::string fitted(const std::string& text, std::size_t columns) {
    if (displayWidth(text) <= columns) return text;
    std::string cut;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t next = i + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        const std::string candidate = cut + text.substr(i, next - i);
        if (displayWidth(candidate) > columns) break;
        cut = candidate;
        i = next;
    }
    return cut;
}

}  // namespace

LiveLine::LiveLine(std::FILE* stream) : m_stream(stream), m_terminal(::isatty(::fileno(stream)) != 0) {}

void LiveLine::show(const std::string& text) {
    if (!m_terminal) return;
    // One column short of the width: writing the last column makes some terminals wrap at once.
    const std::string line = fitted(text, terminalColumns(::fileno(m_stream)) - 1);
    const std::size_t width = displayWidth(line);
    std::string padding(m_shownWidth > width ? m_shownWidth - width : 0, ' ');
    std::fprintf(m_stream, "\r%s%s", line.c_str(), padding.c_str());
    if (!padding.empty()) std::fprintf(m_stream, "\r%s", line.c_str());
    std::fflush(m_stream);
    m_shownWidth = width;
}

void LiveLine::print(const std::string& line) {
    clear();
    std::fprintf(m_stream, "%s\n", line.c_str());
    std::fflush(m_stream);
}

void LiveLine::clear() {
    if (m_shownWidth == 0) return;
    std::fprintf(m_stream, "\r%s\r", std::string(m_shownWidth, ' ').c_str());
    std::fflush(m_stream);
    m_shownWidth = 0;
}

}  // namespace tlw::cli
