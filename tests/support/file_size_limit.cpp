#include "tests/support/file_size_limit.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tlw::test {

FileSizeLimit::FileSizeLimit(std::int64_t bytes) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    if (::sigaction(SIGXFSZ, &ignore, &m_previousHandler) != 0 || ::getrlimit(RLIMIT_FSIZE, &m_previous) != 0)
        throw std::runtime_error(std::string("cannot read the file size limit: ") + std::strerror(errno));
    rlimit limited = m_previous;
    limited.rlim_cur = static_cast<rlim_t>(bytes);  // only the soft limit: it can be raised back
    if (::setrlimit(RLIMIT_FSIZE, &limited) != 0)
        throw std::runtime_error(std::string("cannot set the file size limit: ") + std::strerror(errno));
}

FileSizeLimit::~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_previous);
    ::sigaction(SIGXFSZ, &m_previousHandler, nullptr);
}

}  // namespace tlw::test
