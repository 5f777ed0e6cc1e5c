#include "core/train/run_record.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>

#include "core/train/training_session.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

TrainingConfig settingsFor(const std::filesystem::path& model) {
    TrainingConfig config;
    config.dataDir = "/data/flowers";
    config.outputModel = model;
    config.manifest = std::filesystem::path(model).concat(".split.json");
    return config;
}

TrainingHistory twoEpochs() {
    TrainingHistory history;
    history.epochs.push_back({1, 1, 0.7, 0.5, 0.6, 0.55});
    history.epochs.push_back({2, 1, 0.4, 0.8, 0.3, 0.9});
    history.bestEpoch = history.keptEpoch = 2;
    history.monitor = "val_loss";
    return history;
}

// A record written as a run writes it, finished at `finishedAt`.
RunRecord writeRun(const std::filesystem::path& model, const std::string& finishedAt,
                   const TrainingConfig& config) {
    RunRecord record = makeRunRecord(config, twoEpochs(), "2026-12-06T09:00:00Z", 12.5, false);
    record.finishedAt = finishedAt;
    writeRunRecord(record);
    writeFileAtomically(historyJsonPathFor(model), historyToJson(twoEpochs()));
    return record;
}

TEST(RunRecordTest, ARecordRoundTripsThroughItsFileBesideTheModel) {
    test::TempDir dir;
    const std::filesystem::path model = dir.path() / "flowers.tlwm";
    writeRun(model, "2026-12-06T09:05:00Z", settingsFor(model));
    ASSERT_TRUE(std::filesystem::exists(dir.path() / "flowers.tlwm.run.json"));

    const RunRecord read = readRunRecord(runRecordPathFor(model));
    EXPECT_EQ(read.modelFile, model);
    EXPECT_EQ(read.dataDir, "/data/flowers");
    EXPECT_EQ(read.backbone, "vgg16");
    EXPECT_EQ(read.startedAt, "2026-12-06T09:00:00Z");
    EXPECT_EQ(read.finishedAt, "2026-12-06T09:05:00Z");
    EXPECT_DOUBLE_EQ(read.wallSeconds, 12.5);
    EXPECT_EQ(read.epochsRun, 2);
    EXPECT_EQ(read.keptEpoch, 2);
    EXPECT_DOUBLE_EQ(read.kept.valAccuracy.value(), 0.9);
    EXPECT_DOUBLE_EQ(read.kept.loss.value(), 0.4);
    EXPECT_FALSE(read.stopped);
    EXPECT_EQ(read.historyFile, "flowers.tlwm.history.json");
    EXPECT_EQ(trainingConfigFromJson(read.settingsJson).dataDir, "/data/flowers");
    EXPECT_EQ(readRunHistory(read).epochs.size(), 2u);
}

TEST(RunRecordTest, AMovedFolderStillFindsItsModelAndHistory) {
    test::TempDir first;
    test::TempDir second;
    const std::filesystem::path model = first.path() / "m.tlwm";
    writeRun(model, "2026-12-06T09:05:00Z", settingsFor(model));
    std::filesystem::rename(runRecordPathFor(model), second.path() / "m.tlwm.run.json");
    std::filesystem::rename(historyJsonPathFor(model), second.path() / "m.tlwm.history.json");
    const RunRecord read = readRunRecord(second.path() / "m.tlwm.run.json");
    EXPECT_EQ(read.modelFile, second.path() / "m.tlwm");
    EXPECT_EQ(readRunHistory(read).keptEpoch, 2);
}

TEST(RunRecordTest, ADamagedRecordIsAnErrorNamingTheFile) {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "bad.tlwm.run.json";
    for (const std::string text :
         {"{ not json", "{\"format\": \"something-else\"}", "{\"format\": \"tlw-run-1\", \"model\": 3}"}) {
        writeFileAtomically(file, text);
        try {
            readRunRecord(file);
            ADD_FAILURE() << "read: " << text;
        } catch (const Error& error) {
            EXPECT_EQ(error.file(), file) << text;
            EXPECT_NE(std::string(error.what()).find("bad.tlwm.run.json"), std::string::npos) << error.what();
        }
    }
    EXPECT_THROW(readRunRecord(dir.path() / "missing.run.json"), Error);
}

TEST(RunRecordTest, ListingIsNewestFirstAndSkipsDamagedRecordsWithANote) {
    test::TempDir dir;
    test::TempDir other;
    writeRun(dir.path() / "old.tlwm", "2026-12-01T08:00:00Z", settingsFor(dir.path() / "old.tlwm"));
    writeRun(dir.path() / "new.tlwm", "2026-12-06T08:00:00Z", settingsFor(dir.path() / "new.tlwm"));
    writeRun(other.path() / "mid.tlwm", "2026-12-03T08:00:00Z", settingsFor(other.path() / "mid.tlwm"));
    writeFileAtomically(dir.path() / "broken.tlwm.run.json", "{");
    writeFileAtomically(dir.path() / "notes.json", "{");

    const RunListing listing = listRuns({dir.path(), other.path(), dir.path(), dir.path() / "absent"});
    ASSERT_EQ(listing.runs.size(), 3u);
    EXPECT_EQ(listing.runs[0].modelFile.filename(), "new.tlwm");
    EXPECT_EQ(listing.runs[1].modelFile.filename(), "mid.tlwm");
    EXPECT_EQ(listing.runs[2].modelFile.filename(), "old.tlwm");
    ASSERT_EQ(listing.notes.size(), 1u);
    EXPECT_NE(listing.notes[0].find("broken.tlwm.run.json"), std::string::npos) << listing.notes[0];
}

// Finished and started within the same second (the records keep whole seconds): the model written last is
// listed first.
TEST(RunRecordTest, RunsOfTheSameSecondAreOrderedByWhenTheirModelWasWritten) {
    const test::TempDir dir;
    std::vector<RunRecord> runs(2);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        runs[i].modelFile = dir / (i == 0 ? "a_written_first.tlwm" : "b_written_last.tlwm");
        runs[i].startedAt = "2026-12-06T18:00:00Z";
        runs[i].finishedAt = "2026-12-06T18:00:01Z";
        std::ofstream(runs[i].modelFile) << "model";
    }
    std::filesystem::last_write_time(
        runs[1].modelFile, std::filesystem::last_write_time(runs[0].modelFile) + std::chrono::seconds(1));
    sortNewestFirst(runs);
    EXPECT_EQ(runs[0].modelFile.filename(), "b_written_last.tlwm");
    std::swap(runs[0], runs[1]);
    sortNewestFirst(runs);
    EXPECT_EQ(runs[0].modelFile.filename(), "b_written_last.tlwm");
}

TEST(RunRecordTest, DifferencesListOnlyTheSettingsThatDiffer) {
    test::TempDir dir;
    TrainingConfig a = settingsFor(dir.path() / "a.tlwm");
    TrainingConfig b = settingsFor(dir.path() / "b.tlwm");
    TrainingConfig c = settingsFor(dir.path() / "c.tlwm");
    b.learningRate = 0.01;
    c.fineTune = FineTuneSettings{};
    c.fineTune->epochs = 4;
    const std::vector<RunRecord> runs = {writeRun(a.outputModel, "1", a), writeRun(b.outputModel, "2", b),
                                         writeRun(c.outputModel, "3", c)};

    const std::vector<SettingDifference> differences = settingDifferences(runs);
    std::map<std::string, std::vector<std::string>> byKey;
    for (const SettingDifference& row : differences) byKey[row.key] = row.values;
    ASSERT_TRUE(byKey.count("learning_rate")) << differences.size();
    EXPECT_EQ(byKey["learning_rate"], (std::vector<std::string>{"0.001", "0.01", "0.001"}));
    ASSERT_TRUE(byKey.count("fine_tune.epochs"));
    EXPECT_EQ(byKey["fine_tune.epochs"], (std::vector<std::string>{"", "", "4"}));
    // Equal settings and the runs' own paths are not differences.
    EXPECT_FALSE(byKey.count("epochs"));
    EXPECT_FALSE(byKey.count("batch_size"));
    EXPECT_FALSE(byKey.count("output_model"));
    EXPECT_FALSE(byKey.count("manifest"));
    EXPECT_TRUE(settingDifferences({runs[0], runs[0]}).empty());
}

TEST(RunRecordTest, ARealRunWritesItsRecordBesideItsModel) {
    test::TempDir data;
    test::TempDir out;
    test::TempDir cache;
    test::writeTinyDataset(data.path());
    TrainingConfig config = test::tinyTrainingConfig(data.path(), out.path(), cache.path());
    config.epochs = 2;
    struct Quiet : TrainingObserver {
    } observer;
    TrainingSession session(config);
    const TrainingResult result = session.run(observer);

    const RunRecord record = readRunRecord(runRecordPathFor(result.modelFile));
    EXPECT_EQ(record.modelFile, result.modelFile);
    EXPECT_EQ(record.epochsRun, 2);
    EXPECT_EQ(record.keptEpoch, result.history.keptEpoch);
    EXPECT_EQ(record.kept.valAccuracy, result.history.kept()->valAccuracy);
    EXPECT_GT(record.wallSeconds, 0.0);
    EXPECT_LE(record.startedAt, record.finishedAt);
    EXPECT_EQ(trainingConfigFromJson(record.settingsJson).epochs, 2);
    EXPECT_EQ(readRunHistory(record).epochs.size(), 2u);
    EXPECT_EQ(listRuns(out.path()).runs.size(), 1u);
}

}  // namespace
}  // namespace tlw
