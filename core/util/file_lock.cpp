#include "core/util/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include "core/util/error.h"

namespace tlw {

FileLock::FileLock(const std::filesystem::path& lockFile, Wait wait) {
    m_fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (m_fd < 0) throw Error(lockFile, describeErrno("cannot open the lock file", errno));
    const int operation = wait == Wait::No ? LOCK_EX | LOCK_NB : LOCK_EX;
    while (::flock(m_fd, operation) != 0) {
        if (errno == EINTR) continue;
        const int error = errno;
        ::close(m_fd);
        m_fd = -1;
        if (error == EWOULDBLOCK) throw Error(lockFile, "is in use: another process holds this lock");
        throw Error(lockFile, describeErrno("cannot lock", error));
    }
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
}

}  // namespace tlw
