#pragma once

// What long-running tlw commands print besides their results: progress lines on a terminal (never into a
// redirected stderr, where they would be noise in a log), and the files they had to leave out.

#include <cstddef>
#include <string>
#include <vector>

#include "core/data/dataset_index.h"
#include "core/io/download.h"

namespace tlw::cli {

// One progress line on stderr, rewritten in place ("\r"), when stderr is a terminal; silent otherwise.
class TerminalProgress {
public:
    TerminalProgress();
    ~TerminalProgress() { end(); }
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    // "downloading: 12.3 / 58.9 MB (21%)"
    void download(const DownloadProgress& progress);
    // "features: 120 / 398 images"
    void images(const std::string& what, std::size_t done, std::size_t total);
    // Ends the line, if one was printed, so that the next output starts on a fresh line.
    void end();

private:
    bool m_terminal = false;
    bool m_open = false;
};

// One "tlw: skipped FILE: REASON" line per file on stderr.
void printSkippedFiles(const std::vector<SkippedFile>& skipped);

}  // namespace tlw::cli
