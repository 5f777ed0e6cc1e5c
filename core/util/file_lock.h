#pragma once

#include <filesystem>

namespace tlw {

// An exclusive advisory lock (flock) on a lock file, held for the object's lifetime: keeps two processes
// (the GUI and a `tlw train` in a terminal) from appending to the same cache at once. Waits for the lock.
class FileLock {
public:
    enum class Wait { UntilFree, No };
    // With Wait::No, a lock held elsewhere is an error (tlw::Error naming the file, saying "is in use")
    // instead of a wait.
    explicit FileLock(const std::filesystem::path& lockFile,
                      Wait wait = Wait::UntilFree);  // throws tlw::Error
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

}  // namespace tlw
