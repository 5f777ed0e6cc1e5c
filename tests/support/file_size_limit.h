#pragma once

#include <sys/resource.h>

#include <csignal>
#include <cstdint>

namespace tlw::test {

// A full disk without one: while alive, no file of this process can grow past `bytes` (RLIMIT_FSIZE).
// SIGXFSZ is ignored, so a write past the limit fails with EFBIG, as a write to a full disk fails with
// ENOSPC, and the code under test takes its real error path. The previous limit and handler come back.
class FileSizeLimit {
public:
    explicit FileSizeLimit(std::int64_t bytes);
    ~FileSizeLimit();
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_previous{};
    struct sigaction m_previousHandler {};
};

}  // namespace tlw::test
