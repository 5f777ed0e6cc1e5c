#include "core/util/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

std::string kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

}  // namespace

OpenedFile openRegularFile(const std::filesystem::path& file) {
    // O_NONBLOCK: opening a pipe with no writer would otherwise wait for one forever.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw Error(file, describeErrno("cannot open", errno));
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        const int error = errno;
        ::close(fd);
        throw Error(file, describeErrno("cannot read its size", error));
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(fd);
        const std::string kind = kindOf(status.st_mode);
        throw Error(file, kind == "not a regular file" ? kind : kind + ", not a regular file");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return {fd, static_cast<std::uint64_t>(status.st_size)};
}

void requireRegularFile(const std::filesystem::path& file) { ::close(openRegularFile(file).fd); }

}  // namespace tlw
