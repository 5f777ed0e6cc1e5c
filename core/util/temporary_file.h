#pragma once

#include <cstddef>
#include <filesystem>

namespace tlw {

// A temporary file beside a target, named ".<target's name>.tmp-XXXXXX", that a writer fills and then renames
// over the target. It is locked (flock) for as long as its descriptor is open, so a later writer of the same
// target can tell one left behind by a killed process (unlocked) from one still being written (locked):
// before creating its own, it removes the former. Only names of exactly that form are touched, never a user's
// file.
struct LockedTemporary {
    std::filesystem::path path;
    int fd = -1;  // open for writing, locked; the caller closes it after the rename
};

LockedTemporary createTemporaryBeside(const std::filesystem::path& target);  // throws tlw::Error

// Removes the unlocked temporaries of `target` (see above); returns how many. Never throws: a temporary that
// cannot be removed stays for the next writer.
std::size_t removeStaleTemporaries(const std::filesystem::path& target) noexcept;

}  // namespace tlw
