#pragma once

#include <filesystem>

namespace tlw {

// An exclusive advisory lock (flock) on a lock file, held for the object's lifetime: keeps two processes
// (the GUI and a `tlw train` in a terminal) from appending to the same cache at once. Waits for the lock.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& lockFile);  // throws tlw::Error
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

}  // namespace tlw
