#include "core/train/training_data.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/data/scan_memo.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

bool mentions(const std::vector<RunNotice>& notes, const std::string& part) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const RunNotice& note) { return note.english().find(part) != std::string::npos; });
}

struct TwoClasses {
    test::TempDir dir;
    TrainingConfig config;
    TwoClasses() {
        for (const char* name : {"ants", "bees"})
            for (int i = 0; i < 3; ++i)
                test::writeBytes(dir / "data" / name / (std::to_string(i) + ".png"),
                                 test::taggedPng(4, 4, {1, 2, 3}, std::string(name) + std::to_string(i)));
        config.dataDir = dir / "data";
        config.cache.directory = dir / "cache";
    }
};

TEST(TrainingData, SecondLoadTakesTheScanVerdictsFromTheMemoInTheCacheFolder) {
    const TwoClasses f;
    const TrainingData first = loadTrainingData(f.config);
    EXPECT_TRUE(mentions(first.notes, "0 images verified earlier, 6 decoded")) << first.notes.size();
    EXPECT_TRUE(fs::exists(scanMemoFile(f.dir / "cache", f.dir / "data")));
    const TrainingData second = loadTrainingData(f.config);
    EXPECT_TRUE(mentions(second.notes, "6 images verified earlier, 0 decoded"));
    ASSERT_EQ(second.train.size(), first.train.size());
    for (std::size_t i = 0; i < first.train.size(); ++i) EXPECT_EQ(second.train[i].hash, first.train[i].hash);
}

TEST(TrainingData, NoMemoWithoutTheCacheOrWhenTurnedOff) {
    TwoClasses f;
    f.config.cache.scanMemo = false;
    EXPECT_FALSE(mentions(loadTrainingData(f.config).notes, "verified earlier"));
    f.config.cache.scanMemo = true;
    f.config.cache.enabled = false;
    EXPECT_FALSE(mentions(loadTrainingData(f.config).notes, "verified earlier"));
    EXPECT_FALSE(fs::exists(f.dir / "cache"));
}

}  // namespace
}  // namespace tlw
