#include "core/util/temporary_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

#include "core/util/error.h"

namespace tlw {
namespace {

constexpr std::size_t kRandomPart = 6;  // mkostemp's XXXXXX

std::filesystem::path directoryOf(const std::filesystem::path& target) {
    return target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
}

std::string temporaryPrefix(const std::filesystem::path& target) {
    return "." + target.filename().string() + ".tmp-";
}

bool isTemporaryName(const std::string& name, const std::string& prefix) {
    return name.size() == prefix.size() + kRandomPart && name.compare(0, prefix.size(), prefix) == 0;
}

// Removes `path` if no live writer holds its lock, and if it is still the file that was locked.
bool removeIfUnlocked(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat opened {};
    struct stat named {};
    bool removed = false;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode) &&
        ::lstat(path.c_str(), &named) == 0 && named.st_ino == opened.st_ino && named.st_dev == opened.st_dev)
        removed = ::unlink(path.c_str()) == 0;
    ::close(fd);
    return removed;
}

}  // namespace

std::size_t removeStaleTemporaries(const std::filesystem::path& target) noexcept {
    std::size_t removed = 0;
    try {
        const std::string prefix = temporaryPrefix(target);
        std::error_code error;
        for (std::filesystem::directory_iterator it(directoryOf(target), error), end; !error && it != end;
             it.increment(error)) {
            if (isTemporaryName(it->path().filename().string(), prefix) && removeIfUnlocked(it->path()))
                ++removed;
        }
    } catch (...) {
        // Best effort by contract: a leftover temporary is harmless, a failed save is not.
    }
    return removed;
}

LockedTemporary createTemporaryBeside(const std::filesystem::path& target) {
    removeStaleTemporaries(target);
    const std::string pattern = (directoryOf(target) / (temporaryPrefix(target) + "XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    LockedTemporary temporary;
    temporary.fd = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (temporary.fd < 0)
        throw Error(target, describeErrno("cannot create a temporary file beside it", errno));
    temporary.path = buffer.data();
    // A new file nobody else has opened: the lock is ours at once.
    ::flock(temporary.fd, LOCK_EX | LOCK_NB);
    return temporary;
}

}  // namespace tlw
