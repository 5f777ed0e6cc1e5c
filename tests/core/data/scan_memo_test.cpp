#include "core/data/scan_memo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kSecond = 1'000'000'000;

ScanMemoEntry entryChangedAt(std::int64_t changedNs, std::int64_t recordedNs) {
    ScanMemoEntry entry;
    entry.stamp = {1, 2, 3, changedNs - kSecond, changedNs};
    entry.recordedNs = recordedNs;
    entry.hash = hashBytes("abc");
    entry.usable = true;
    return entry;
}

ScanMemo twoEntryMemo() {
    ScanMemo memo("checks A");
    memo.set("ants/a.png", entryChangedAt(100 * kSecond, 200 * kSecond));
    ScanMemoEntry broken = entryChangedAt(50 * kSecond, 200 * kSecond);
    broken.usable = false;
    broken.reason = "truncated PNG";
    memo.set("bees/\xff odd\tname.png", broken);  // not UTF-8, with a tab: keys are bytes
    return memo;
}

std::string readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ScanMemo, WrittenMemoReadsBackEveryEntry) {
    test::TempDir dir;
    const ScanMemo memo = twoEntryMemo();
    memo.write(dir / "sub" / "x.memo");
    const ScanMemo back = ScanMemo::read(dir / "sub" / "x.memo", "checks A");
    EXPECT_TRUE(back.note().empty()) << back.note();
    EXPECT_EQ(back.size(), 2u);
    EXPECT_TRUE(back.sameEntries(memo));
    const ScanMemoEntry* broken = back.find("bees/\xff odd\tname.png");
    ASSERT_NE(broken, nullptr);
    EXPECT_FALSE(broken->usable);
    EXPECT_EQ(broken->reason, "truncated PNG");
    EXPECT_EQ(broken->stamp, memo.find("bees/\xff odd\tname.png")->stamp);
    EXPECT_EQ(back.find("missing.png"), nullptr);
}

TEST(ScanMemo, MissingMemoReadsEmptyWithoutANote) {
    test::TempDir dir;
    const ScanMemo memo = ScanMemo::read(dir / "none.memo", "checks A");
    EXPECT_EQ(memo.size(), 0u);
    EXPECT_TRUE(memo.note().empty());
}

TEST(ScanMemo, DamagedMemosReadEmptyWithANoteAndNeverThrow) {
    test::TempDir dir;
    const fs::path file = dir / "x.memo";
    twoEntryMemo().write(file);
    const std::string good = readBytes(file);
    std::string flipped = good;
    flipped[flipped.size() / 2] ^= 0x01;
    for (const std::string& bytes : {std::string(), std::string("garbage"), good.substr(0, good.size() - 9),
                                     good.substr(0, 20), flipped, good + "x"}) {
        test::writeBytes(file, bytes);
        const ScanMemo memo = ScanMemo::read(file, "checks A");
        EXPECT_EQ(memo.size(), 0u) << bytes.size() << " bytes";
        EXPECT_NE(memo.note().find("ignored"), std::string::npos) << memo.note();
    }
}

TEST(ScanMemo, MemoOfAnotherFormatIsNotUsed) {
    test::TempDir dir;
    const fs::path file = dir / "x.memo";
    twoEntryMemo().write(file);
    // Format 2 in place of 1, with a digest that matches: a memo a later version might write.
    std::string bytes = readBytes(file);
    bytes[8] = 2;
    const ContentHash digest = hashBytes(std::string_view(bytes).substr(0, bytes.size() - 16));
    bytes.replace(bytes.size() - 16, 8, reinterpret_cast<const char*>(&digest.high), 8);
    bytes.replace(bytes.size() - 8, 8, reinterpret_cast<const char*>(&digest.low), 8);
    test::writeBytes(file, bytes);
    const ScanMemo memo = ScanMemo::read(file, "checks A");
    EXPECT_EQ(memo.size(), 0u);
    EXPECT_NE(memo.note().find("another format"), std::string::npos) << memo.note();
}

TEST(ScanMemo, MemoMadeUnderOtherChecksIsNotUsed) {
    test::TempDir dir;
    twoEntryMemo().write(dir / "x.memo");
    const ScanMemo memo = ScanMemo::read(dir / "x.memo", "checks B");
    EXPECT_EQ(memo.size(), 0u);
    EXPECT_NE(memo.note().find("other checks"), std::string::npos) << memo.note();
    EXPECT_NE(scanMemoChecks(DecodeLimits{1000}), scanMemoChecks(DecodeLimits{}));
}

TEST(ScanMemo, StampProvesUnchangedOnlyWhenEqualAndSettled) {
    const ScanMemoEntry settled = entryChangedAt(100 * kSecond, 103 * kSecond);
    EXPECT_TRUE(stampProvesUnchanged(settled, settled.stamp));
    std::vector<FileStamp> others(5, settled.stamp);
    others[0].device += 1;
    others[1].inode += 1;
    others[2].sizeBytes += 1;
    others[3].modifiedNs += 1;
    others[4].changedNs += 1;
    for (std::size_t i = 0; i < others.size(); ++i)
        EXPECT_FALSE(stampProvesUnchanged(settled, others[i])) << "field " << i;
    // Changed within the settle margin of the scan that read it: a rewrite in the same clock step could
    // have kept the stamp, so the bytes must be hashed again.
    const ScanMemoEntry racy = entryChangedAt(100 * kSecond, 101 * kSecond);
    EXPECT_FALSE(stampProvesUnchanged(racy, racy.stamp));
}

TEST(ScanMemo, StampOfARealFileChangesWhenItIsRewrittenOrReplaced) {
    test::TempDir dir;
    const fs::path file = dir / "a.bin";
    test::writeBytes(file, "1234");
    const auto first = stampOf(file);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->sizeBytes, 4u);
    EXPECT_NE(first->inode, 0u);
    EXPECT_FALSE(stampOf(dir / "missing").has_value());
    test::writeBytes(dir / "b.bin", "5678");
    fs::rename(dir / "b.bin", file);  // an editor's save: same name, same size, another inode
    EXPECT_NE(*stampOf(file), *first);
}

TEST(ScanMemo, OneMemoFilePerFolderInsideTheCacheFolder) {
    const fs::path a = scanMemoFile("/cache", "/data/seals");
    EXPECT_EQ(a.parent_path(), fs::path("/cache/scan-memo"));
    EXPECT_EQ(a.extension(), ".memo");
    EXPECT_EQ(scanMemoFile("/cache", "/data/seals/"), a);
    EXPECT_EQ(scanMemoFile("/cache", "/data/./seals"), a);
    EXPECT_NE(scanMemoFile("/cache", "/data/other"), a);
}

}  // namespace
}  // namespace tlw
