#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tlw {

// A 128-bit XXH3 digest of a file's bytes: finds byte-identical duplicates in a dataset, pins the files of a
// split manifest, and keys cached features. Not cryptographic: it guards against accidents, not attackers.
struct ContentHash {
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    // 32 lower-case hex digits, high half first (XXH3's canonical big-endian form).
    std::string hex() const;
    // Parses hex(); false when the text is not 32 hex digits.
    static bool fromHex(std::string_view text, ContentHash& out);

    friend bool operator==(const ContentHash& a, const ContentHash& b) {
        return a.high == b.high && a.low == b.low;
    }
    friend bool operator!=(const ContentHash& a, const ContentHash& b) { return !(a == b); }
    friend bool operator<(const ContentHash& a, const ContentHash& b) {
        return a.high != b.high ? a.high < b.high : a.low < b.low;
    }
};

ContentHash hashBytes(std::string_view bytes);

// Streams the file (no whole-file buffer); throws tlw::Error naming the file and the reason.
ContentHash hashFile(const std::filesystem::path& file);

// A seeded 64-bit XXH3 of a short key; used to order files reproducibly for a split.
std::uint64_t hashKey64(std::string_view key, std::uint64_t seed);

}  // namespace tlw
