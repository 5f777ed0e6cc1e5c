#include "core/util/content_hash.h"

#include <xxhash.h>

#include <memory>

#include "core/util/atomic_file.h"

namespace tlw {
namespace {

ContentHash fromXxh(const XXH128_hash_t& hash) { return ContentHash{hash.high64, hash.low64}; }

int hexDigitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

struct StateDeleter {
    void operator()(XXH3_state_t* state) const noexcept { XXH3_freeState(state); }
};

}  // namespace

std::string ContentHash::hex() const {
    static const char kDigits[] = "0123456789abcdef";
    std::string text(32, '0');
    for (int i = 0; i < 16; ++i) {
        text[static_cast<size_t>(15 - i)] = kDigits[(high >> (4 * i)) & 0xF];
        text[static_cast<size_t>(31 - i)] = kDigits[(low >> (4 * i)) & 0xF];
    }
    return text;
}

bool ContentHash::fromHex(std::string_view text, ContentHash& out) {
    if (text.size() != 32) return false;
    ContentHash parsed;
    for (size_t i = 0; i < 32; ++i) {
        const int value = hexDigitValue(text[i]);
        if (value < 0) return false;
        std::uint64_t& half = i < 16 ? parsed.high : parsed.low;
        half = (half << 4) | static_cast<std::uint64_t>(value);
    }
    out = parsed;
    return true;
}

ContentHash hashBytes(std::string_view bytes) { return fromXxh(XXH3_128bits(bytes.data(), bytes.size())); }

ContentHash hashFile(const std::filesystem::path& file) {
    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    XXH3_128bits_reset(state.get());
    readFileChunks(file, [&state](std::string_view chunk) {
        XXH3_128bits_update(state.get(), chunk.data(), chunk.size());
    });
    return fromXxh(XXH3_128bits_digest(state.get()));
}

std::uint64_t hashKey64(std::string_view key, std::uint64_t seed) {
    return XXH3_64bits_withSeed(key.data(), key.size(), seed);
}

}  // namespace tlw
