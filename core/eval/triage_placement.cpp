#include "core/eval/triage_placement.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// More clashes than this for one name means something else is wrong (a folder filling up as we look).
constexpr int kMaxSuffix = 100000;

fs::path candidateName(const std::string& name, int attempt) {
    if (attempt == 1) return fs::u8path(name);
    const fs::path plain = fs::u8path(name);
    return fs::u8path(plain.stem().u8string() + "_" + std::to_string(attempt) + plain.extension().u8string());
}

// The descriptor's whole write, retried on short writes and EINTR.
void writeAll(int fd, std::string_view bytes, const fs::path& target) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) throw Error(target, describeErrno("cannot write", errno));
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

// Creates target exclusively and copies source into it; false when target exists.
bool copyExclusively(const fs::path& source, const fs::path& target) {
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) return false;
    if (fd < 0) throw Error(target, describeErrno("cannot create", errno));
    try {
        readFileChunks(source, [&](std::string_view chunk) { writeAll(fd, chunk, target); });
        if (::close(fd) != 0) throw Error(target, describeErrno("cannot write", errno));
    } catch (...) {
        ::close(fd);
        ::unlink(target.c_str());  // created by O_EXCL above: ours, never a user's file
        throw;
    }
    return true;
}

// Links target to source's absolute path; false when target exists.
bool linkExclusively(const fs::path& source, const fs::path& target) {
    const fs::path absolute = fs::absolute(source).lexically_normal();
    if (::symlink(absolute.c_str(), target.c_str()) == 0) return true;
    if (errno == EEXIST) return false;
    throw Error(target, describeErrno("cannot create a link", errno));
}

}  // namespace

PlacedFile placeWithoutReplacing(const fs::path& source, const fs::path& folder, const std::string& name,
                                 TriagePlacement placement) {
    for (int attempt = 1; attempt <= kMaxSuffix; ++attempt) {
        const fs::path target = folder / candidateName(name, attempt);
        const bool made = placement == TriagePlacement::Symlink ? linkExclusively(source, target)
                                                                : copyExclusively(source, target);
        if (made) return {target, attempt > 1};
    }
    throw Error(folder / fs::u8path(name),
                "every suffixed name up to _" + std::to_string(kMaxSuffix) + " is taken");
}

}  // namespace tlw
