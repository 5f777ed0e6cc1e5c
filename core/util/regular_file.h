#pragma once

#include <cstdint>
#include <filesystem>

// Every file a user names is checked before it is read: a named pipe blocks an open() and every read forever,
// /dev/zero never ends, and a multi-gigabyte file named .jpg would be read whole before its format is looked
// at.
namespace tlw {

// What a file read whole may weigh unless its reader says otherwise: far above any manifest, project or
// settings file, and a bound for anything else.
constexpr std::uint64_t kMaxWholeFileBytes = std::uint64_t{1} << 30;

struct OpenedFile {
    int fd = -1;             // the caller closes it
    std::uint64_t size = 0;  // bytes, from fstat
};

// Opens a file for reading if it is a regular file; else throws tlw::Error naming it and what it is ("a named
// pipe", "a character device", "a folder"). The open does not block on a pipe.
OpenedFile openRegularFile(const std::filesystem::path& file);

// The same check for libraries that open files by name (HDF5): throws unless file is a regular file.
void requireRegularFile(const std::filesystem::path& file);

}  // namespace tlw
