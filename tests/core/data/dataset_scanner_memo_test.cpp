// scanDataset with a memo of earlier verdicts (ScanOptions::memoDirectory, core/data/scan_memo.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/data/dataset_scanner.h"
#include "core/data/scan_memo.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kTenSeconds = 10'000'000'000;

// Tagged PNGs whose tags have the same length, so that every file has the same size.
std::string imageBytes(int index, const std::string& variant = "v1") {
    return test::taggedPng(4, 4, {10, 20, 30}, "image " + std::to_string(1000 + index) + " " + variant);
}

struct MemoFixture {
    test::TempDir dir;
    fs::path data = dir / "data";
    fs::path cache = dir / "cache";

    MemoFixture() {
        for (int i = 0; i < 4; ++i)
            test::writeBytes(data / "ants" / (std::to_string(i) + ".png"), imageBytes(i));
        for (int i = 4; i < 8; ++i)
            test::writeBytes(data / "bees" / (std::to_string(i) + ".png"), imageBytes(i));
        const std::string good = imageBytes(8);
        test::writeBytes(data / "bees" / "cut.png", good.substr(0, good.size() / 2));
        // An hour old: a rewrite in the test then always moves the modification time, however fast it
        // follows (stamps tick in steps of milliseconds).
        for (const auto& entry : fs::recursive_directory_iterator(data))
            if (entry.is_regular_file())
                fs::last_write_time(entry.path(), fs::file_time_type::clock::now() - std::chrono::hours(1));
    }
    ScanResult scan() const {
        ScanOptions options;
        options.memoDirectory = cache;
        return scanDataset(data, options);
    }
    fs::path memoFile() const { return scanMemoFile(cache, data); }
    ScanMemo memo() const { return ScanMemo::read(memoFile(), scanMemoChecks(DecodeLimits{})); }
    // As if the memo had been written ten seconds later: the test's files, written a moment before the
    // first scan, are then settled and their stamps alone prove them unchanged (kStampSettleNs).
    void settleMemo() const {
        ScanMemo later(scanMemoChecks(DecodeLimits{}));
        const ScanMemo current = memo();
        for (const auto& [key, entry] : current.entries()) {
            ScanMemoEntry moved = entry;
            moved.recordedNs += kTenSeconds;
            later.set(key, moved);
        }
        later.write(memoFile());
    }
};

const Sample& sampleAt(const ScanResult& result, const fs::path& path) {
    const auto found = std::find_if(result.dataset.samples.begin(), result.dataset.samples.end(),
                                    [&](const Sample& sample) { return sample.path == path; });
    if (found == result.dataset.samples.end()) throw std::runtime_error("no sample " + path.string());
    return *found;
}

std::string skipReason(const ScanReport& report, const fs::path& file) {
    for (const SkippedFile& skipped : report.skipped)
        if (skipped.path == file) return skipped.reason;
    return "not skipped";
}

TEST(DatasetScannerMemo, SecondScanTakesEveryVerdictFromTheMemo) {
    const MemoFixture f;
    const ScanResult first = f.scan();
    EXPECT_EQ(first.report.memo.checked, 9u);
    EXPECT_EQ(first.report.memo.verifiedEarlier(), 0u);
    EXPECT_EQ(first.report.memo.file, f.memoFile());
    EXPECT_EQ(f.memo().size(), 9u);

    f.settleMemo();
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.remembered, 9u);
    EXPECT_EQ(second.report.memo.confirmed, 0u);
    EXPECT_EQ(second.report.memo.checked, 0u);
    ASSERT_EQ(second.dataset.samples.size(), first.dataset.samples.size());
    for (std::size_t i = 0; i < first.dataset.samples.size(); ++i) {
        EXPECT_EQ(second.dataset.samples[i].path, first.dataset.samples[i].path);
        EXPECT_EQ(second.dataset.samples[i].hash, first.dataset.samples[i].hash);
        EXPECT_EQ(second.dataset.samples[i].sizeBytes, first.dataset.samples[i].sizeBytes);
    }
    EXPECT_EQ(second.report.skipped.size(), 1u);
}

TEST(DatasetScannerMemo, FreshlyWrittenFilesAreHashedAgainButNotDecoded) {
    const MemoFixture f;
    f.scan();
    // The files changed less than kStampSettleNs before the scan that read them began: their stamps alone
    // do not prove them unchanged, their bytes do.
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.confirmed, 9u);
    EXPECT_EQ(second.report.memo.checked, 0u);
}

TEST(DatasetScannerMemo, RewrittenImageIsDecodedAgain) {
    const MemoFixture f;
    const ScanResult first = f.scan();
    f.settleMemo();
    const fs::path rewritten = f.data / "ants" / "1.png";
    const fs::path broken = f.data / "ants" / "2.png";
    const std::string other = imageBytes(1, "v2");
    std::string damaged = imageBytes(2);
    damaged[damaged.size() - 20] ^= 0x55;  // inside the pixel data: the CRC no longer matches
    ASSERT_EQ(other.size(), fs::file_size(rewritten));
    ASSERT_EQ(damaged.size(), fs::file_size(broken));
    test::writeBytes(rewritten, other);
    test::writeBytes(broken, damaged);

    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.checked, 2u);
    EXPECT_EQ(second.report.memo.remembered, 7u);
    EXPECT_EQ(sampleAt(second, rewritten).hash, hashBytes(other));
    EXPECT_NE(sampleAt(second, rewritten).hash, sampleAt(first, rewritten).hash);
    EXPECT_NE(skipReason(second.report, broken), "not skipped");
    // And the memo now holds the new verdicts.
    EXPECT_FALSE(f.memo().find("ants/2.png")->usable);
    EXPECT_EQ(f.memo().find("ants/1.png")->hash, hashBytes(other));
}

TEST(DatasetScannerMemo, TouchedImageWithTheSameBytesIsHashedNotDecoded) {
    const MemoFixture f;
    f.scan();
    f.settleMemo();
    const fs::path touched = f.data / "bees" / "5.png";
    fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::hours(1));
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.confirmed, 1u);
    EXPECT_EQ(second.report.memo.remembered, 8u);
    EXPECT_EQ(second.report.memo.checked, 0u);
}

TEST(DatasetScannerMemo, BrokenImageStaysRefusedWithItsReason) {
    const MemoFixture f;
    const fs::path cut = f.data / "bees" / "cut.png";
    const std::string reason = skipReason(f.scan().report, cut);
    ASSERT_NE(reason, "not skipped");
    f.settleMemo();
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.remembered, 9u);
    EXPECT_EQ(skipReason(second.report, cut), reason);
    EXPECT_EQ(second.dataset.samples.size(), 8u);
}

TEST(DatasetScannerMemo, CorruptMemoIsIgnoredAndRewritten) {
    const MemoFixture f;
    f.scan();
    test::writeBytes(f.memoFile(), "TLWSMEMO and then nonsense");
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.checked, 9u);
    ASSERT_EQ(second.report.memo.notes.size(), 1u);
    EXPECT_NE(second.report.memo.notes[0].find("ignored and rewritten"), std::string::npos);
    EXPECT_EQ(second.dataset.samples.size(), 8u);
    const ScanMemo rewritten = f.memo();
    EXPECT_TRUE(rewritten.note().empty()) << rewritten.note();
    EXPECT_EQ(rewritten.size(), 9u);
}

TEST(DatasetScannerMemo, DeletedImagesDropTheirEntries) {
    const MemoFixture f;
    f.scan();
    fs::remove(f.data / "ants" / "0.png");
    fs::remove(f.data / "bees" / "cut.png");
    const ScanResult second = f.scan();
    EXPECT_EQ(second.report.memo.verifiedEarlier(), 7u);
    const ScanMemo memo = f.memo();
    EXPECT_EQ(memo.size(), 7u);
    EXPECT_EQ(memo.find("ants/0.png"), nullptr);
    EXPECT_EQ(memo.find("bees/cut.png"), nullptr);
    EXPECT_NE(memo.find("ants/1.png"), nullptr);
}

TEST(DatasetScannerMemo, OtherPixelLimitIgnoresTheMemo) {
    const MemoFixture f;
    f.scan();
    f.settleMemo();
    ScanOptions options;
    options.memoDirectory = f.cache;
    options.limits.maxPixels = 1000;
    const ScanResult other = scanDataset(f.data, options);
    EXPECT_EQ(other.report.memo.checked, 9u);
    EXPECT_EQ(other.report.memo.verifiedEarlier(), 0u);
}

TEST(DatasetScannerMemo, HeadersOnlyScanAndScanWithoutMemoFolderKeepNone) {
    const MemoFixture f;
    ScanOptions headers;
    headers.memoDirectory = f.cache;
    headers.verify = false;
    EXPECT_TRUE(scanDataset(f.data, headers).report.memo.file.empty());
    EXPECT_TRUE(scanDataset(f.data).report.memo.file.empty());
    EXPECT_FALSE(fs::exists(f.cache));
}

}  // namespace
}  // namespace tlw
