#pragma once

// What a verifying scan learnt about each image file, kept between scans so that an image decoded once and
// unchanged since is not decoded again: a second training run on 10,000 images spent 27 of its 28 s
// re-decoding images it had verified the run before. One small file per dataset folder, in the feature
// cache's folder (scanMemoFile).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/data/image_header.h"
#include "core/util/content_hash.h"

namespace tlw {

// What proves a file unchanged without reading it. Every write to a file sets its change time (ctime) to
// the kernel's clock, and no system call sets ctime to a chosen value, so a tool that restores the
// modification time after writing (cp -p, rsync -t, tar) still changes the stamp; size catches a
// truncation, and device and inode catch a file replaced by another (an editor's save-by-rename, a
// symbolic link pointed elsewhere). What it cannot see is bytes changed under the file system (a failing
// disk): a scan without the memo (tlw's --no-scan-memo) decodes everything again.
struct FileStamp {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t sizeBytes = 0;
    std::int64_t modifiedNs = 0;  // mtime, nanoseconds since the epoch
    std::int64_t changedNs = 0;   // ctime, nanoseconds since the epoch

    friend bool operator==(const FileStamp& a, const FileStamp& b) {
        return a.device == b.device && a.inode == b.inode && a.sizeBytes == b.sizeBytes &&
               a.modifiedNs == b.modifiedNs && a.changedNs == b.changedNs;
    }
    friend bool operator!=(const FileStamp& a, const FileStamp& b) { return !(a == b); }
};

// The stamp of the file a path names (symbolic links followed, as the scan follows them); none when it
// cannot be read.
std::optional<FileStamp> stampOf(const std::filesystem::path& file);

// The wall clock in the stamps' unit and epoch.
std::int64_t wallClockNs();

// A scan's verdict on one file whose bytes it read.
struct ScanMemoEntry {
    FileStamp stamp;              // taken before the bytes were read
    std::int64_t recordedNs = 0;  // wall clock when the scan that took the stamp began
    ContentHash hash;             // of the bytes judged
    bool usable = false;          // decoded
    std::string reason;           // why not
};

// A file's time stamps tick in steps (a kernel clock tick, 2 s on FAT), so a file rewritten in the same
// step as the scan read it could keep its stamp. An entry whose change time lies within this margin of the
// scan's start is therefore trusted only after its bytes are hashed again (git's "racily clean" entries).
inline constexpr std::int64_t kStampSettleNs = 2'000'000'000;

// True when `now` equals the entry's stamp and the entry is not racy (see kStampSettleNs): the verdict
// holds without reading the file.
bool stampProvesUnchanged(const ScanMemoEntry& entry, const FileStamp& now);

class ScanMemo {
public:
    // `checks` names everything besides a file's bytes that a verdict depends on (scanMemoChecks): a memo
    // made under other checks is not used.
    explicit ScanMemo(std::string checks = {});

    // The memo in `file`. One that is missing reads as empty; one that is damaged, of another format or made
    // under other checks also reads as empty, with note() saying so. Never throws.
    static ScanMemo read(const std::filesystem::path& file, const std::string& checks);
    // Atomically (a temporary beside it, then a rename): readers see the old memo or the new. Throws
    // tlw::Error.
    void write(const std::filesystem::path& file) const;

    // Entries are keyed by the file's path relative to the scanned folder (its bytes, as the system gives
    // them).
    const ScanMemoEntry* find(const std::string& key) const;
    void set(const std::string& key, ScanMemoEntry entry);
    std::size_t size() const { return m_entries.size(); }
    const std::unordered_map<std::string, ScanMemoEntry>& entries() const { return m_entries; }
    const std::string& checks() const { return m_checks; }
    const std::string& note() const { return m_note; }

    bool sameEntries(const ScanMemo& other) const;

private:
    std::string m_checks;
    std::unordered_map<std::string, ScanMemoEntry> m_entries;
    std::string m_note;
};

// What a verdict depends on besides the file: the memo format, the decoders (the build's version) and the
// pixel limit.
std::string scanMemoChecks(const DecodeLimits& limits);

// The memo of the dataset folder `root` (made absolute) in the cache folder `directory`:
// DIRECTORY/scan-memo/HASH.memo, one file per folder, so that each holds only its own files.
std::filesystem::path scanMemoFile(const std::filesystem::path& directory, const std::filesystem::path& root);

}  // namespace tlw
