#include "core/eval/folder_triage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/eval/decision_rule.h"
#include "core/eval/triage_placement.h"
#include "core/util/atomic_file.h"
#include "core/util/content_hash.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

void writeImage(const fs::path& file, std::uint32_t seed) {
    fs::create_directories(file.parent_path());
    const RgbImage image = test::makeTestImage(48, 40, seed);
    test::writeBytes(file, test::encodePng(48, 40, image.pixels));
}

// Every file under the folder and its content hash: what "untouched" means.
std::map<fs::path, ContentHash> hashesUnder(const fs::path& folder) {
    std::map<fs::path, ContentHash> hashes;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) hashes[entry.path()] = hashFile(entry.path());
    return hashes;
}

class FolderTriageTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (std::uint32_t seed = 1; seed <= 6; ++seed)
            writeImage(m_dir / "in" / ("img" + std::to_string(seed) + ".png"), seed);
        writeImage(m_dir / "in" / "more" / "img1.png", 7);  // the same name as in/img1.png
        test::writeBytes(m_dir / "in" / "broken.png", "text, not pixels\n");
    }
    // Random weights give huge logits, every probability 0 or 1; a high temperature spreads them out.
    static TrainedModel softModel() {
        TrainedModel model = test::makeSeededModel({{"ants", "bees", "wasps"}});
        ModelCalibration calibration;
        calibration.temperature = 1000.0;
        model.setCalibration(calibration);
        return model;
    }
    test::TempDir m_dir;
    const TrainedModel m_model = softModel();
};

TEST_F(FolderTriageTest, RanksByTheClassMostProbableFirstWithUnreadableImagesLast) {
    TriageOptions options;
    options.rankedClass = "bees";
    options.batchSize = 3;
    const TriageResult result = triageFolder(m_model, m_dir / "in", options);
    ASSERT_EQ(result.images.size(), 8u);
    EXPECT_EQ(result.rankedClass, 1);
    EXPECT_EQ(result.unreadableCount(), 1u);
    for (std::size_t i = 0; i + 2 < result.images.size(); ++i) {
        EXPECT_GE(result.images[i].prediction.probabilities[1],
                  result.images[i + 1].prediction.probabilities[1]);
        EXPECT_EQ(result.images[i].rank, i + 1);
    }
    EXPECT_EQ(result.images.back().prediction.file, m_dir / "in" / "broken.png");
    EXPECT_EQ(result.images.back().rank, 0u);
    EXPECT_FALSE(result.images.back().prediction.error.empty());

    const std::string csv = triageToCsv(result);
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "rank,file,answer,p_ants,p_bees,p_wasps,placed_at,error");
    EXPECT_NE(csv.find("\n," + (m_dir / "in" / "broken.png").string() + ",,,,,,"), std::string::npos) << csv;
}

TEST_F(FolderTriageTest, SortsCopiesIntoAFolderPerAnswerWithUnknownAndTouchesNothingElse) {
    // A threshold that some images pass and some do not: the median of the top probabilities.
    TriageOptions probe;
    const TriageResult first = triageFolder(m_model, m_dir / "in", probe);
    std::vector<float> tops;
    for (const TriagedImage& image : first.images)
        if (image.prediction.error.empty())
            tops.push_back(*std::max_element(image.prediction.probabilities.begin(),
                                             image.prediction.probabilities.end()));
    std::sort(tops.begin(), tops.end());
    DecisionThresholds decision;
    decision.classThresholds.assign(3, tops[tops.size() / 2]);

    // A file already in the destination under a name a copy wants: it must stay as it is.
    const fs::path out = m_dir / "out";
    const int firstAnswer = decideClass(first.images[0].prediction.probabilities, decision);
    const fs::path taken =
        out / answerFolderName(first, firstAnswer) / first.images[0].prediction.file.filename();
    test::writeBytes(taken, "the user's own file");
    const auto before = hashesUnder(m_dir / "in");

    TriageOptions options;
    options.placement = TriagePlacement::Copy;
    options.destination = out;
    options.decision = decision;
    const TriageResult result = triageFolder(m_model, m_dir / "in", options);
    EXPECT_EQ(hashesUnder(m_dir / "in"), before);
    EXPECT_EQ(readFileBytes(taken), "the user's own file");
    EXPECT_EQ(result.placedCount(), 7u);
    EXPECT_EQ(result.placeFailureCount(), 0u);
    EXPECT_GE(result.renamedCount(), 1u);  // the taken name (and in/more/img1.png, if it joins in/img1.png)
    EXPECT_GT(result.answerCount(kUnknownClass), 0u);
    EXPECT_TRUE(fs::is_directory(out / "unknown"));
    for (const TriagedImage& image : result.images) {
        if (!image.prediction.error.empty()) {
            EXPECT_TRUE(image.placedAt.empty());
            continue;
        }
        EXPECT_EQ(image.placedAt.parent_path(), out / answerFolderName(result, image.prediction.answer));
        EXPECT_EQ(hashFile(image.placedAt), hashFile(image.prediction.file));
        EXPECT_FALSE(fs::is_symlink(image.placedAt));
    }
}

TEST_F(FolderTriageTest, RankedLinksCarryTheRankInTheirNamesAndPointAtTheOriginals) {
    TriageOptions options;
    options.rankedClass = "wasps";
    options.placement = TriagePlacement::Symlink;
    options.destination = m_dir / "links";
    const TriageResult result = triageFolder(m_model, m_dir / "in", options);
    ASSERT_EQ(result.placedCount(), 7u);
    const TriagedImage& best = result.images[0];
    EXPECT_EQ(best.placedAt.filename().string(), "0001_" + best.prediction.file.filename().string());
    ASSERT_TRUE(fs::is_symlink(best.placedAt));
    EXPECT_EQ(fs::read_symlink(best.placedAt), fs::absolute(best.prediction.file).lexically_normal());
}

TEST_F(FolderTriageTest, AClassTheModelLacksOrAMissingFolderIsAClearError) {
    TriageOptions options;
    options.rankedClass = "hornets";
    try {
        triageFolder(m_model, m_dir / "in", options);
        FAIL() << "an unknown class was accepted";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the model has no class 'hornets'; its classes: ants, bees, wasps");
    }
    try {
        triageFolder(m_model, m_dir / "nowhere", {});
        FAIL() << "a missing folder was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), m_dir / "nowhere");
    }
}

TEST(TriagePlacement, ATakenNameGetsTheNextFreeSuffixAndNothingIsReplaced) {
    test::TempDir dir;
    test::writeBytes(dir / "src.jpg", "new");
    test::writeBytes(dir / "out" / "photo.jpg", "old");
    test::writeBytes(dir / "out" / "photo_2.jpg", "older");
    const PlacedFile placed =
        placeWithoutReplacing(dir / "src.jpg", dir / "out", "photo.jpg", TriagePlacement::Copy);
    EXPECT_EQ(placed.path, dir / "out" / "photo_3.jpg");
    EXPECT_TRUE(placed.renamed);
    EXPECT_EQ(readFileBytes(dir / "out" / "photo.jpg"), "old");
    EXPECT_EQ(readFileBytes(dir / "out" / "photo_2.jpg"), "older");
    EXPECT_EQ(readFileBytes(placed.path), "new");
    // An unreadable source leaves nothing behind.
    EXPECT_THROW(placeWithoutReplacing(dir / "missing.jpg", dir / "out", "x.jpg", TriagePlacement::Copy),
                 Error);
    EXPECT_FALSE(fs::exists(dir / "out" / "x.jpg"));
}

}  // namespace
}  // namespace tlw
