#include "core/util/content_hash.h"

#include <gtest/gtest.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

TEST(ContentHash, EmptyInputGivesTheReferenceXxh3Digest) {
    // XXH3-128 of no bytes, as published with xxHash (XXH128 test vectors, seed 0).
    EXPECT_EQ(hashBytes("").hex(), "99aa06d3014798d86001c324468d497f");
}

TEST(ContentHash, FileHashEqualsBytesHashAcrossReadChunks) {
    test::TempDir dir;
    std::string bytes(200'000, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 % 251);
    writeFileAtomically(dir / "data.bin", bytes);
    EXPECT_EQ(hashFile(dir / "data.bin"), hashBytes(bytes));
    bytes[123'456] ^= 1;
    EXPECT_NE(hashFile(dir / "data.bin"), hashBytes(bytes));
    EXPECT_THROW(hashFile(dir / "missing.bin"), Error);
}

TEST(ContentHash, HexRoundTripsAndRejectsGarbage) {
    const ContentHash hash = hashBytes("ants");
    ContentHash parsed;
    ASSERT_TRUE(ContentHash::fromHex(hash.hex(), parsed));
    EXPECT_EQ(parsed, hash);
    EXPECT_FALSE(ContentHash::fromHex("xyz", parsed));
    EXPECT_FALSE(ContentHash::fromHex(std::string(32, 'g'), parsed));
}

TEST(ContentHash, SeededKeyHashDependsOnTheSeed) {
    EXPECT_EQ(hashKey64("ants/1.jpg", 7), hashKey64("ants/1.jpg", 7));
    EXPECT_NE(hashKey64("ants/1.jpg", 7), hashKey64("ants/1.jpg", 8));
}

}  // namespace
}  // namespace tlw
