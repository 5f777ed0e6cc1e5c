#include "app/tlw/console_report.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "core/util/utf8.h"

namespace tlw::cli {

TerminalProgress::TerminalProgress() : m_terminal(::isatty(STDERR_FILENO) != 0) {}

void TerminalProgress::download(const DownloadProgress& progress) {
    if (!m_terminal) return;
    const double done = static_cast<double>(progress.bytesDone) / 1e6;
    if (progress.bytesTotal > 0) {
        const double total = static_cast<double>(progress.bytesTotal) / 1e6;
        std::fprintf(stderr, "\rdownloading: %.1f / %.1f MB (%.0f%%)   ", done, total, 100.0 * done / total);
    } else {
        std::fprintf(stderr, "\rdownloading: %.1f MB   ", done);
    }
    m_open = true;
}

void TerminalProgress::images(const std::string& what, std::size_t done, std::size_t total) {
    if (!m_terminal) return;
    std::fprintf(stderr, "\r%s: %zu / %zu images   ", what.c_str(), done, total);
    m_open = true;
}

void TerminalProgress::end() {
    if (!m_open) return;
    std::fputc('\n', stderr);
    m_open = false;
}

void printSkippedFiles(const std::vector<SkippedFile>& skipped) {
    for (const SkippedFile& file : skipped)
        std::cerr << "tlw: skipped " << printableText(file.path.string()) << ": " << file.reason << '\n';
}

}  // namespace tlw::cli
