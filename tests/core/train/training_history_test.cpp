#include "core/train/training_history.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/util/error.h"

namespace tlw {
namespace {

TrainingHistory twoPhaseHistory() {
    TrainingHistory history;
    history.epochs.push_back({1, 1, 0.69, 0.5, 0.6, 0.7, 0.001, 2.5, 100.0, true});
    history.epochs.push_back({2, 1, 0.5, 0.75, 0.45, 0.8, 0.001, 0.1, 2000.0, true});
    history.epochs.push_back({3, 2, 0.4, 0.8, std::nullopt, std::nullopt, 1e-5, 3.0, 80.0, false});
    history.fineTuneStartEpoch = 3;
    history.bestEpoch = 2;
    history.monitor = "val_loss";
    return history;
}

TEST(TrainingHistory, CsvHasOneRowPerEpochAndEmptyCellsForMissingValidation) {
    const std::string csv = historyToCsv(twoPhaseHistory());
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "epoch,phase,loss,accuracy,val_loss,val_accuracy,lr,seconds,images_per_second,cached");
    EXPECT_NE(csv.find("\n2,1,0.5,0.75,0.45,0.8,0.001,0.1,2000,1\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\n3,2,0.4,0.8,,,1e-05,3,80,0\n"), std::string::npos) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
}

TEST(TrainingHistory, JsonRoundTripsAndHasKerasHistoryLayout) {
    const TrainingHistory history = twoPhaseHistory();
    const std::string text = historyToJson(history);
    const TrainingHistory back = historyFromJson(text);
    ASSERT_EQ(back.epochs.size(), 3u);
    EXPECT_EQ(back.fineTuneStartEpoch, 3);
    EXPECT_EQ(back.bestEpoch, 2);
    EXPECT_EQ(back.best()->epoch, 2);
    EXPECT_FALSE(back.epochs[2].valLoss.has_value());
    EXPECT_DOUBLE_EQ(*back.epochs[1].valAccuracy, 0.8);
    EXPECT_TRUE(back.epochs[0].fromCache);

    const auto json = nlohmann::json::parse(text);
    EXPECT_EQ(json["history"]["loss"].size(), 3u);
    EXPECT_EQ(json["history"]["val_accuracy"][1].get<double>(), 0.8);
    EXPECT_TRUE(json["history"]["val_loss"][2].is_null());
}

// Issue 18: a NaN loss was written as null, and `tlw info` could not read the history back.
TEST(TrainingHistory, AHistoryWithANanLossIsStillReadable) {
    TrainingHistory history = twoPhaseHistory();
    history.epochs[2].loss = std::numeric_limits<double>::quiet_NaN();
    const TrainingHistory back = historyFromJson(historyToJson(history));
    ASSERT_EQ(back.epochs.size(), 3u);
    EXPECT_TRUE(std::isnan(back.epochs[2].loss));
    EXPECT_DOUBLE_EQ(back.epochs[1].loss, 0.5);
}

TEST(TrainingHistory, TheKeptEpochRoundTripsAndOlderHistoriesKeptTheBest) {
    TrainingHistory history = twoPhaseHistory();
    history.keptEpoch = 3;
    const TrainingHistory back = historyFromJson(historyToJson(history));
    EXPECT_EQ(back.keptEpoch, 3);
    EXPECT_EQ(back.kept()->epoch, 3);
    auto older = nlohmann::json::parse(historyToJson(history));
    older.erase("kept_epoch");
    EXPECT_EQ(historyFromJson(older.dump()).keptEpoch, 2);
}

TEST(TrainingHistory, SaysWhetherFineTuningBeatPhaseOnesBest) {
    TrainingHistory history = twoPhaseHistory();
    history.epochs[2].valLoss = 0.45;  // equal to phase 1's best: no improvement
    history.epochs[2].valAccuracy = 0.9;
    EXPECT_EQ(fineTuningImproved(history), false);
    history.monitor = "val_accuracy";  // higher is better
    EXPECT_EQ(fineTuningImproved(history), true);
    history.monitor = "val_loss";
    history.epochs[2].valLoss = 0.44;
    EXPECT_EQ(fineTuningImproved(history), true);
    history.epochs.pop_back();  // no fine-tuning epoch: nothing to say
    EXPECT_FALSE(fineTuningImproved(history).has_value());
}

TEST(TrainingHistory, MalformedJsonIsAnError) { EXPECT_THROW(historyFromJson("{\"epochs\": 3}"), Error); }

TEST(TrainingHistory, KerasStyleEpochLine) {
    EpochMetrics metrics{3, 1, 0.41234, 0.857142, 0.30119, 0.9, 0.001, 1.0, 10.0, false};
    EXPECT_EQ(formatEpochFigures(metrics),
              "loss: 0.4123 - accuracy: 0.8571 - val_loss: 0.3012 - val_accuracy: 0.9000");
    metrics.valLoss.reset();
    metrics.valAccuracy.reset();
    EXPECT_EQ(formatEpochFigures(metrics), "loss: 0.4123 - accuracy: 0.8571");
}

}  // namespace
}  // namespace tlw
