#include "core/eval/data_audit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "tests/core/infer/object_dataset.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

DataAuditOptions auditOptions(const fs::path& data, const fs::path& cache) {
    DataAuditOptions options;
    options.dataDir = data;
    options.weightsFile = test::squeezeNetWeights();
    options.precision = Precision::Float32;
    options.cacheDir = cache;
    options.threads = 2;
    return options;
}

// The first `perClass` files of each named class of a shared set, copied to root/<class>/.
std::vector<fs::path> copyFirstFiles(const fs::path& source, const fs::path& root,
                                     const std::vector<std::string>& classes, std::size_t perClass) {
    std::vector<fs::path> copied;
    for (const std::string& name : classes) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(source / name)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        fs::create_directories(root / name);
        for (std::size_t i = 0; i < std::min(perClass, files.size()); ++i) {
            fs::copy_file(files[i], root / name / files[i].filename());
            copied.push_back(root / name / files[i].filename());
        }
    }
    return copied;
}

std::size_t rankOf(const DataAuditResult& result, const fs::path& file) {
    for (std::size_t rank = 0; rank < result.suspects.size(); ++rank)
        if (result.suspects[rank].file == file) return rank;
    return result.suspects.size();
}

TEST(DataAuditTest, FlippedLabelsOfRealSealsRankAtTheTop) {
    const fs::path seals = test::sharedDataset("seal_script_regions");
    TLW_REQUIRE_SHARED(seals);
    if (test::squeezeNetWeights().empty()) GTEST_SKIP() << "missing shared data: the SqueezeNet weights";
    const test::TempDir dir;
    const std::vector<std::string> classes = {"Chu", "Qi", "Qin"};
    const std::vector<fs::path> copied = copyFirstFiles(seals, dir / "data", classes, 20);
    // Two seals of each class moved into the next class's folder: 6 wrong labels among 60. Seal file names
    // repeat across classes, so a name the target class already has is passed over (nothing is replaced).
    std::vector<fs::path> flipped;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        const fs::path target = dir / "data" / classes[(c + 1) % classes.size()];
        std::size_t moved = 0;
        for (std::size_t i = 3; i < 20 && moved < 2; i += 5) {
            const fs::path from = copied[c * 20 + i];
            if (fs::exists(target / from.filename())) continue;
            fs::rename(from, target / from.filename());
            flipped.push_back(target / from.filename());
            ++moved;
        }
    }
    ASSERT_EQ(flipped.size(), 6u);
    const DataAuditResult result = auditDataset(auditOptions(dir / "data", dir / "cache"));
    ASSERT_EQ(result.suspects.size(), result.trainingImages);
    EXPECT_EQ(result.trainingImages, 60u);
    EXPECT_EQ(result.folds, 5);
    EXPECT_EQ(result.featuresComputed, result.images - result.featuresReused);
    // The top 15 % (9 images) holds at least 5 of the 6, the first of them among them.
    std::size_t inTop = 0;
    for (const fs::path& file : flipped) inTop += rankOf(result, file) < 9 ? 1 : 0;
    EXPECT_GE(inTop, 5u);
    EXPECT_NE(std::find(flipped.begin(), flipped.end(), result.suspects.front().file), flipped.end());
    EXPECT_TRUE(result.suspects.front().issue);
    EXPECT_NE(result.suspects.front().suggested, result.suspects.front().given);
    EXPECT_GT(result.suspects.front().score, 0.0);
    EXPECT_GE(result.suspects.front().score, result.suspects.back().score);
    ASSERT_EQ(result.suspects.front().neighbours.size(), static_cast<std::size_t>(kAuditNeighbours));
    EXPECT_NE(result.suspects.front().neighbours[0].file, result.suspects.front().file);
    EXPECT_GE(result.suspects.front().neighbours[0].similarity,
              result.suspects.front().neighbours[1].similarity);

    const std::string csv = labelSuspectsToCsv(result);
    EXPECT_EQ(csv.rfind("path,given,suggested,score\n", 0), 0u);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), static_cast<long>(result.suspects.size() + 1));

    // A second audit reads every feature from the cache.
    const DataAuditResult again = auditDataset(auditOptions(dir / "data", dir / "cache"));
    EXPECT_EQ(again.featuresComputed, 0u);
    EXPECT_EQ(again.suspects.front().file, result.suspects.front().file);
}

const NearDuplicatePair* pairOf(const DataAuditResult& result, const fs::path& a, const fs::path& b) {
    for (const NearDuplicatePair& pair : result.duplicates)
        if ((pair.first.file == a && pair.second.file == b) ||
            (pair.first.file == b && pair.second.file == a))
            return &pair;
    return nullptr;
}

TEST(DataAuditTest, RecompressedScaledAndCroppedCopiesAreNearDuplicatesOfTheirKind) {
    const fs::path tiny = test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    if (test::squeezeNetWeights().empty()) GTEST_SKIP() << "missing shared data: the SqueezeNet weights";
    const test::TempDir dir;
    fs::copy(tiny, dir / "data", fs::copy_options::recursive);
    const fs::path ants = dir / "data" / "train" / "ants";
    std::vector<fs::path> originals;
    for (const auto& entry : fs::directory_iterator(ants))
        if (entry.path().extension() == ".jpg") originals.push_back(entry.path());
    std::sort(originals.begin(), originals.end());
    ASSERT_GE(originals.size(), 3u);

    // JPEG quality 60 beside the original; 80 % scale into the other class; a 5 % crop into validation.
    const cv::Mat first = cv::imread(originals[0].string(), cv::IMREAD_COLOR);
    const cv::Mat second = cv::imread(originals[1].string(), cv::IMREAD_COLOR);
    const cv::Mat third = cv::imread(originals[2].string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(first.empty() || second.empty() || third.empty());
    const fs::path recompressed = ants / "copy-q60.jpg";
    const fs::path scaled = dir / "data" / "train" / "bees" / "copy-80.jpg";
    const fs::path cropped = dir / "data" / "val" / "ants" / "copy-crop.jpg";
    ASSERT_TRUE(cv::imwrite(recompressed.string(), first, {cv::IMWRITE_JPEG_QUALITY, 60}));
    cv::Mat smaller;
    cv::resize(second, smaller, {}, 0.8, 0.8, cv::INTER_AREA);
    ASSERT_TRUE(cv::imwrite(scaled.string(), smaller, {cv::IMWRITE_JPEG_QUALITY, 90}));
    const int dx = third.cols * 5 / 200;
    const int dy = third.rows * 5 / 200;
    const cv::Mat inner = third(cv::Rect(dx, dy, third.cols - 2 * dx, third.rows - 2 * dy));
    ASSERT_TRUE(cv::imwrite(cropped.string(), inner, {cv::IMWRITE_JPEG_QUALITY, 90}));

    DataAuditOptions options = auditOptions(dir / "data", dir / "cache");
    options.folds = 3;
    const DataAuditResult result = auditDataset(options);
    EXPECT_EQ(result.images, 33u);
    const NearDuplicatePair* withinClass = pairOf(result, originals[0], recompressed);
    const NearDuplicatePair* acrossClasses = pairOf(result, originals[1], scaled);
    const NearDuplicatePair* acrossSplits = pairOf(result, originals[2], cropped);
    ASSERT_NE(withinClass, nullptr);
    ASSERT_NE(acrossClasses, nullptr);
    ASSERT_NE(acrossSplits, nullptr);
    EXPECT_EQ(withinClass->kind, DuplicateKind::WithinClass);
    EXPECT_EQ(acrossClasses->kind, DuplicateKind::AcrossClasses);
    EXPECT_EQ(acrossSplits->kind, DuplicateKind::AcrossSubsets);
    EXPECT_EQ(acrossSplits->second.split, "validation");
    // The 30 distinct photos make no pair.
    EXPECT_EQ(result.duplicates.size(), 3u);
    for (const NearDuplicatePair& pair : result.duplicates)
        std::printf("near-duplicate %s: %.4f\n", duplicateKindId(pair.kind).c_str(), double(pair.similarity));

    const std::string csv = duplicatePairsToCsv(result);
    EXPECT_EQ(
        csv.rfind("kind,similarity,first,first_split,first_class,second,second_split,second_class\n", 0), 0u);
    EXPECT_NE(csv.find("across-splits,"), std::string::npos);
    EXPECT_EQ(outliersToCsv(result).rfind("path,split,class,centroid_similarity,nearest_similarity\n", 0),
              0u);
}

TEST(DataAuditTest, TooFewImagesForTheFoldsIsAnErrorNamingTheFolder) {
    const fs::path tiny = test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    const test::TempDir dir;
    DataAuditOptions options = auditOptions(tiny, dir / "cache");
    options.folds = 25;  // 20 training images
    try {
        auditDataset(options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), tiny);
        EXPECT_NE(std::string(e.what()).find("too few for 25 folds"), std::string::npos) << e.what();
    }
    options.folds = 1;
    EXPECT_THROW(auditDataset(options), Error);
}

}  // namespace
}  // namespace tlw
