#pragma once

// Core-internal: one cut's cached features on disk, in a folder of the feature cache: features.bin (rows
// appended, rowBytes each) and index.bin (the content hash of each row). Torch-free: rows are bytes.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/util/content_hash.h"
#include "core/util/error.h"

namespace tlw {

// The cache's files could not be written (a full disk, a quota, a file size limit): the run can go on
// without the cache, unlike an unreadable image.
class FeatureStoreWriteError : public Error {
public:
    using Error::Error;
};

class FeatureStore {
public:
    // Creates the folder and reads its index; a damaged index leaves the store empty, and damaged().
    FeatureStore(std::filesystem::path folder, int64_t rowBytes);
    ~FeatureStore();
    FeatureStore(const FeatureStore&) = delete;
    FeatureStore& operator=(const FeatureStore&) = delete;

    std::filesystem::path featureFile() const { return m_folder / "features.bin"; }
    bool has(const ContentHash& hash) const { return m_rowOf.count(hash) > 0; }
    int64_t rowOf(const ContentHash& hash) const { return m_rowOf.at(hash); }
    int64_t rowCount() const { return static_cast<int64_t>(m_hashes.size()); }
    int64_t rowBytes() const { return m_rowBytes; }
    bool damaged() const { return m_damaged; }
    // What the store's files take on disk now, rows of every run's images included.
    int64_t diskBytes() const;

    // Copies committed rows, in the order given, to `out` (rows.size() * rowBytes() bytes) with plain reads:
    // unlike copying from a memory map, no page of the file stays counted in the process's memory, so a
    // run holds the features once. Throws tlw::Error when the file cannot be read.
    void readRows(const std::vector<int64_t>& rows, unsigned char* out) const;

    // Appends a row of rowBytes() bytes for an image not yet stored. When it cannot, discards the rows
    // appended since the last commit and throws FeatureStoreWriteError.
    void append(const ContentHash& hash, const void* bytes);
    // Makes the rows appended so far durable and names them in the index; on failure as append().
    void commit();
    // Gives back the disk space of the rows appended since the last commit (a half-written row included);
    // removes the feature file when no row was ever committed.
    void discardUncommitted() noexcept;

private:
    void readIndex();
    void openForAppend();

    std::filesystem::path m_folder;
    int64_t m_rowBytes;
    std::map<ContentHash, int64_t> m_rowOf;
    std::vector<ContentHash> m_hashes;
    int64_t m_committedRows = 0;
    bool m_dirty = false;
    int m_fd = -1;
    bool m_damaged = false;
};

}  // namespace tlw
