#include "core/data/dataset_scanner.h"

#include <grp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/data/split_manifest.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::Rgb;

// Distinct small PNGs (the tag makes each file's bytes unique, so they are not duplicates).
void addImages(const fs::path& folder, int count, const std::string& prefix = "img") {
    for (int i = 0; i < count; ++i)
        test::writeBytes(folder / (prefix + std::to_string(i) + ".png"),
                         test::taggedPng(4, 4, {10, 20, 30}, folder.u8string() + prefix + std::to_string(i)));
}

std::string skipReason(const ScanReport& report, const fs::path& file) {
    for (const SkippedFile& skipped : report.skipped)
        if (skipped.path == file) return skipped.reason;
    return "not skipped";
}

// Whether one of the notices, worded in English, contains `part`.
bool contains(const std::vector<ScanNotice>& notices, const std::string& part) {
    return std::any_of(notices.begin(), notices.end(), [&](const ScanNotice& notice) {
        return notice.english().find(part) != std::string::npos;
    });
}

ScanOptions withSplit(double fraction, std::uint64_t seed = 1337) {
    ScanOptions options;
    options.validationSplit = fraction;
    options.seed = seed;
    return options;
}

TEST(DatasetScanner, EveryKindOfGoodImageIsUsable) {
    test::TempDir dir;
    const fs::path odd = dir / "odd ones";
    test::writeBytes(odd / "cmyk.jpg", test::cmykJpeg(16, 16, 255, 0, 0, 255));
    test::writeBytes(odd / "deep.png", test::rgb16Png(8, 8, 65535, 0, 0));
    test::writeBytes(odd / "rotated.jpg",
                     test::withExifOrientation(test::encodeJpeg(16, 8, test::quadrantPixels(16, 8)), 6));
    test::writeBytes(odd / "anim.gif", test::animatedGif(8, 8, {{1, 2, 3}, {4, 5, 6}}));
    test::writeBytes(odd / "alpha.png", test::rgbaPng(8, 8, {1, 2, 3}, 100));
    test::writeBytes(odd / "gray.jpg", test::grayscaleJpeg(8, 8, 50));
    test::writeBytes(odd / "gray.png", test::grayscalePng(8, 8, 60));
    test::writeBytes(odd / "png named.jpg", test::solidPng(8, 8, {7, 7, 7}));
    test::writeBytes(odd / "old.bmp", test::bmp(8, 8, {1, 1, 1}));
    test::writeBytes(odd / "net.ppm", test::ppm(8, 8, {2, 2, 2}));
    test::writeBytes(dir / "秦 印" / "上1 2.18.03 PM.png", test::solidPng(8, 8, {3, 3, 3}));
    const ScanResult result = scanDataset(dir.path());
    EXPECT_TRUE(result.report.skipped.empty())
        << result.report.skipped.front().path << ": " << result.report.skipped.front().reason;
    EXPECT_EQ(result.dataset.samples.size(), 11u);
    EXPECT_EQ(result.dataset.classNames, (std::vector<std::string>{"odd ones", "秦 印"}));
    EXPECT_EQ(result.dataset.samples.back().path, dir / "秦 印" / "上1 2.18.03 PM.png");
    EXPECT_TRUE(result.report.trainable());
}

TEST(DatasetScanner, BadFilesAreSkippedWithReasonsAndNeverThrow) {
    test::TempDir dir;
    addImages(dir / "ants", 3);
    addImages(dir / "bees", 3);
    const std::string jpeg = test::encodeJpeg(32, 32, test::quadrantPixels(32, 32));
    test::writeBytes(dir / "ants" / "empty.jpg", "");
    test::writeBytes(dir / "ants" / "cut.jpg", jpeg.substr(0, jpeg.size() / 2));
    test::writeBytes(dir / "bees" / "notes.png", "these are my notes\n");
    test::writeBytes(dir / "bees" / "bomb.png", test::pngHeaderClaiming(50000, 50000));
    fs::create_symlink("gone.jpg", dir / "bees" / "broken.jpg");
    fs::create_symlink("l2.jpg", dir / "bees" / "l1.jpg");
    fs::create_symlink("l1.jpg", dir / "bees" / "l2.jpg");
    fs::create_directory_symlink(dir / "bees", dir / "bees" / "again");

    const ScanResult result = scanDataset(dir.path());
    const ScanReport& report = result.report;
    EXPECT_EQ(skipReason(report, dir / "ants" / "empty.jpg"), "empty file (0 bytes)");
    EXPECT_EQ(skipReason(report, dir / "ants" / "cut.jpg"),
              "truncated JPEG (data ends before the end-of-image marker)");
    EXPECT_EQ(skipReason(report, dir / "bees" / "notes.png"), "not an image (text file)");
    EXPECT_EQ(
        skipReason(report, dir / "bees" / "bomb.png"),
        "image is 50000x50000 = 2.5 gigapixels, over the limit of 100 megapixels (decompression-bomb guard)");
    EXPECT_NE(skipReason(report, dir / "bees" / "broken.jpg").find("broken symbolic link"),
              std::string::npos);
    EXPECT_EQ(skipReason(report, dir / "bees" / "l1.jpg"), "symbolic link loop");
    EXPECT_NE(skipReason(report, dir / "bees" / "again").find("symbolic link loop"), std::string::npos);
    EXPECT_EQ(report.skipped.size(), 8u);
    EXPECT_EQ(report.classes[0].skipped, 2u);
    EXPECT_EQ(report.classes[1].skipped, 2u);  // the links never became image files
    EXPECT_EQ(result.dataset.samples.size(), 6u);
    EXPECT_TRUE(report.trainable());
    EXPECT_TRUE(contains(report.warnings, "8 files were skipped"));
}

// Tests run as root in CI, where chmod 000 does not stop reads: the scan then runs in a child process
// that has dropped to the unprivileged uid/gid 65534 ("nobody") and sends its JSON report back.
nlohmann::json scanAsUnprivilegedUser(const fs::path& root) {
    if (::geteuid() != 0) return nlohmann::json::parse(scanReportToJson(scanDataset(root).report));
    int pipeEnds[2];
    if (::pipe(pipeEnds) != 0) throw std::runtime_error("pipe failed");
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeEnds[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
        std::string json;
        try {
            ScanOptions options;
            options.threads = 1;
            json = scanReportToJson(scanDataset(root, options).report);
        } catch (const std::exception& e) {
            json = std::string("{\"exception\": \"") + e.what() + "\"}";
        }
        for (size_t written = 0; written < json.size();) {
            const ssize_t n = ::write(pipeEnds[1], json.data() + written, json.size() - written);
            if (n <= 0) ::_exit(4);
            written += static_cast<size_t>(n);
        }
        ::_exit(0);
    }
    ::close(pipeEnds[1]);
    std::string json;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0;)
        json.append(buffer, static_cast<size_t>(n));
    ::close(pipeEnds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("unprivileged scan failed with status " + std::to_string(status));
    return nlohmann::json::parse(json);
}

TEST(DatasetScanner, UnreadableFilesAndFoldersAreSkipped) {
    test::TempDir dir;
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    addImages(dir / "ants", 2);
    addImages(dir / "bees", 2);
    addImages(dir / "bees" / "locked", 1);
    test::writeBytes(dir / "ants" / "secret.png", test::solidPng(4, 4, {}));
    fs::permissions(dir / "ants" / "secret.png", fs::perms::none);
    fs::permissions(dir / "bees" / "locked", fs::perms::none);

    const nlohmann::json report = scanAsUnprivilegedUser(dir.path());
    ASSERT_FALSE(report.contains("exception")) << report.dump();
    std::map<std::string, std::string> skipped;
    for (const auto& entry : report["skipped"]) skipped[entry["path"]] = entry["reason"];
    EXPECT_EQ(skipped["ants/secret.png"], "cannot open: Permission denied");
    EXPECT_EQ(skipped["bees/locked"], "cannot open folder: Permission denied");
    EXPECT_EQ(report["totals"]["usableImages"], 4);
    EXPECT_EQ(report["trainable"], true);
}

TEST(DatasetScanner, EmptyClassMakesTheDatasetUntrainable) {
    test::TempDir dir;
    addImages(dir / "ants", 3);
    fs::create_directories(dir / "bees");
    test::writeBytes(dir / "wasps" / "bad.jpg", "not really");
    const ScanReport report = scanDataset(dir.path()).report;
    EXPECT_FALSE(report.trainable());
    EXPECT_TRUE(contains(report.errors, "class 'bees' has no usable images"));
    EXPECT_TRUE(contains(report.errors, "class 'wasps' has no usable images (1 file skipped)"));
}

TEST(DatasetScanner, OneClassOrNoClassIsUntrainable) {
    test::TempDir dir;
    const ScanReport none = scanDataset(dir.path()).report;
    EXPECT_FALSE(none.trainable());
    EXPECT_TRUE(contains(none.errors, "no class folders found"));
    addImages(dir / "ants", 3);
    const ScanReport one = scanDataset(dir.path()).report;
    EXPECT_FALSE(one.trainable());
    EXPECT_TRUE(contains(one.errors, "only one class folder ('ants')"));
    addImages(dir / "bees", 3);
    EXPECT_TRUE(scanDataset(dir.path()).report.trainable());
}

TEST(DatasetScanner, UnusableRootThrows) {
    test::TempDir dir;
    EXPECT_THROW(scanDataset(dir / "nowhere"), Error);
    EXPECT_THROW(scanDataset(dir.path(), withSplit(1.0)), Error);
}

TEST(DatasetScanner, ValidationSplitIsStratifiedDeterministicAndDisjoint) {
    test::TempDir dir;
    addImages(dir / "a", 50);
    addImages(dir / "b", 10);
    addImages(dir / "c", 3);
    const ScanResult first = scanDataset(dir.path(), withSplit(0.2, 7));
    EXPECT_EQ(first.dataset.layout, SplitLayout::ValidationFraction);
    EXPECT_EQ(first.dataset.count(0, Subset::Validation), 10u);
    EXPECT_EQ(first.dataset.count(1, Subset::Validation), 2u);
    EXPECT_EQ(first.dataset.count(2, Subset::Validation), 1u);  // round(0.6) = 1
    EXPECT_EQ(first.dataset.count(Subset::Train) + first.dataset.count(Subset::Validation), 63u);

    ScanOptions oneThread = withSplit(0.2, 7);
    oneThread.threads = 1;
    const ScanResult again = scanDataset(dir.path(), oneThread);
    ASSERT_EQ(again.dataset.samples.size(), first.dataset.samples.size());
    for (size_t i = 0; i < first.dataset.samples.size(); ++i)
        EXPECT_EQ(again.dataset.samples[i].subset, first.dataset.samples[i].subset) << i;

    const ScanResult otherSeed = scanDataset(dir.path(), withSplit(0.2, 8));
    size_t differences = 0;
    for (size_t i = 0; i < first.dataset.samples.size(); ++i)
        differences += otherSeed.dataset.samples[i].subset != first.dataset.samples[i].subset;
    EXPECT_GT(differences, 0u);
}

TEST(DatasetScanner, DuplicatesAreGroupedAndClassified) {
    test::TempDir dir;
    const std::string same = test::taggedPng(4, 4, {1, 1, 1}, "same picture");
    const std::string shared = test::taggedPng(4, 4, {2, 2, 2}, "shared picture");
    const std::string leaked = test::taggedPng(4, 4, {3, 3, 3}, "leaked picture");
    addImages(dir / "train" / "ants", 3);
    addImages(dir / "train" / "bees", 3);
    addImages(dir / "val" / "ants", 2);
    addImages(dir / "val" / "bees", 2);
    test::writeBytes(dir / "train" / "ants" / "copy1.png", same);
    test::writeBytes(dir / "train" / "ants" / "copy2.png", same);
    test::writeBytes(dir / "train" / "ants" / "label1.png", shared);
    test::writeBytes(dir / "train" / "bees" / "label2.png", shared);
    test::writeBytes(dir / "train" / "bees" / "seen.png", leaked);
    test::writeBytes(dir / "val" / "bees" / "seen again.png", leaked);
    const ScanReport report = scanDataset(dir.path()).report;
    ASSERT_EQ(report.duplicates.size(), 3u);
    EXPECT_EQ(report.duplicateGroups(DuplicateKind::WithinClass), 1u);
    EXPECT_EQ(report.duplicateGroups(DuplicateKind::AcrossClasses), 1u);
    EXPECT_EQ(report.duplicateGroups(DuplicateKind::AcrossSubsets), 1u);
    EXPECT_EQ(report.duplicates[0].files, (std::vector<fs::path>{dir / "train" / "ants" / "copy1.png",
                                                                 dir / "train" / "ants" / "copy2.png"}));
    EXPECT_TRUE(contains(report.warnings, "carry different class labels"));
    EXPECT_TRUE(contains(report.warnings, "leakage"));
}

TEST(DatasetScanner, SplitKeepsByteIdenticalCopiesTogether) {
    test::TempDir dir;
    addImages(dir / "a", 8);
    addImages(dir / "b", 8);
    const std::string copy = test::taggedPng(4, 4, {5, 5, 5}, "copy");
    for (int i = 0; i < 4; ++i) test::writeBytes(dir / "a" / ("copy" + std::to_string(i) + ".png"), copy);
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const ScanReport report = scanDataset(dir.path(), withSplit(0.25, seed)).report;
        EXPECT_EQ(report.duplicateGroups(DuplicateKind::AcrossSubsets), 0u) << "seed " << seed;
        EXPECT_EQ(report.classes[0].images[1], 3u) << "seed " << seed;  // round(0.25 * 12)
    }
}

TEST(DatasetScanner, FixedSplitFoldersWinOverARequestedFraction) {
    test::TempDir dir;
    addImages(dir / "train" / "ants", 4);
    addImages(dir / "train" / "bees", 4);
    addImages(dir / "val" / "ants", 2);
    const ScanReport report = scanDataset(dir.path(), withSplit(0.5)).report;
    EXPECT_EQ(report.layout, SplitLayout::SplitFolders);
    EXPECT_EQ(report.classes[0].images, (std::array<std::size_t, 3>{4, 2, 0}));
    EXPECT_TRUE(contains(report.warnings, "validation split ignored"));
    EXPECT_TRUE(contains(report.warnings, "class 'bees' has no validation images"));
}

TEST(DatasetScanner, WarnsAboutTinyAndImbalancedClasses) {
    test::TempDir dir;
    addImages(dir / "Qi", 30);
    addImages(dir / "Yan", 5);
    const ScanReport report = scanDataset(dir.path()).report;
    EXPECT_TRUE(report.trainable());
    EXPECT_TRUE(contains(report.warnings, "class 'Yan' has only 5 images"));
    EXPECT_TRUE(contains(report.warnings, "classes are imbalanced: 'Qi' has 30 images, 'Yan' 5 (6.0x)"));
}

TEST(DatasetScanner, ReportsProgressAndCanBeCancelled) {
    test::TempDir dir;
    addImages(dir / "a", 20);
    addImages(dir / "b", 20);
    ScanOptions options;
    std::vector<std::pair<size_t, size_t>> calls;
    options.progress = [&](size_t done, size_t total) { calls.emplace_back(done, total); };
    scanDataset(dir.path(), options);
    ASSERT_FALSE(calls.empty());
    EXPECT_EQ(calls.back(), std::make_pair(size_t{40}, size_t{40}));

    std::atomic<bool> cancel{true};
    options.cancel = &cancel;
    const ScanReport cancelled = scanDataset(dir.path(), options).report;
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_FALSE(cancelled.trainable());
}

TEST(DatasetScanner, HeaderOnlyScanStillCatchesTruncationAndBombs) {
    test::TempDir dir;
    addImages(dir / "a", 2);
    addImages(dir / "b", 2);
    const std::string jpeg = test::encodeJpeg(32, 32, test::quadrantPixels(32, 32));
    test::writeBytes(dir / "a" / "cut.jpg", jpeg.substr(0, jpeg.size() - 30));
    test::writeBytes(dir / "b" / "bomb.png", test::pngHeaderClaiming(50000, 50000));
    ScanOptions options;
    options.verify = false;
    const ScanReport report = scanDataset(dir.path(), options).report;
    EXPECT_FALSE(report.verified);
    EXPECT_EQ(report.skipped.size(), 2u);
    EXPECT_EQ(report.usableImages, 4u);
}

TEST(DatasetScanner, ManifestReproducesTheSplitAfterFilesAreAddedRemovedOrChanged) {
    test::TempDir dir;
    const fs::path root = dir / "data";
    addImages(root / "a", 10);
    addImages(root / "b", 10);
    const ScanResult original = scanDataset(root, withSplit(0.3, 1));
    const fs::path manifestFile = dir / "split.json";
    writeSplitManifest(makeSplitManifest(original.dataset), manifestFile);

    addImages(root / "a", 3, "new");  // would shift a fresh split
    fs::remove(root / "b" / "img0.png");
    test::writeBytes(root / "b" / "img1.png", test::taggedPng(4, 4, {9, 9, 9}, "edited"));
    ScanOptions options = withSplit(0.5, 99);  // ignored: the manifest decides
    options.manifest = manifestFile;
    const ScanResult rescan = scanDataset(root, options);
    const ScanReport& report = rescan.report;
    EXPECT_EQ(report.layout, SplitLayout::Manifest);
    EXPECT_EQ(report.notInManifest.size(), 3u);
    EXPECT_EQ(report.missingFromManifest, (std::vector<fs::path>{root / "b" / "img0.png"}));
    EXPECT_EQ(report.changedSinceManifest, (std::vector<fs::path>{root / "b" / "img1.png"}));
    EXPECT_TRUE(contains(report.warnings, "3 images are not in the manifest and were left out"));
    EXPECT_EQ(rescan.dataset.samples.size(), 19u);
    for (const Sample& sample : rescan.dataset.samples) {
        const auto before = std::find_if(original.dataset.samples.begin(), original.dataset.samples.end(),
                                         [&](const Sample& s) { return s.path == sample.path; });
        ASSERT_NE(before, original.dataset.samples.end()) << sample.path;
        EXPECT_EQ(before->subset, sample.subset) << sample.path;
    }
}

}  // namespace
}  // namespace tlw
