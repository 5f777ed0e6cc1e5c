#pragma once

// Text for people on one stream, with an optional line that is rewritten in place ("\r") to show
// progress. The live line exists only on a terminal: into a file or a pipe no "\r" is ever written, so a
// log holds whole lines only.

#include <cstddef>
#include <cstdio>
#include <string>

namespace tlw::cli {

class LiveLine {
public:
    explicit LiveLine(std::FILE* stream);
    ~LiveLine() { clear(); }
    LiveLine(const LiveLine&) = delete;
    LiveLine& operator=(const LiveLine&) = delete;

    bool terminal() const { return m_terminal; }
    // Replaces the live line (terminal only; cut to the terminal's width so it never wraps).
    void show(const std::string& text);
    // Prints a whole line: on a terminal it first takes the live line's place.
    void print(const std::string& line);
    // Removes the live line, if one is shown.
    void clear();

private:
    std::FILE* m_stream;
    bool m_terminal;
    std::size_t m_shownWidth = 0;  // columns of the live line now on screen, 0 when none
};

}  // namespace tlw::cli
