#include "ui/pages/training_page.h"

#include <gtest/gtest.h>

#include <QProgressBar>

#include "ui/charts/accuracy_chart.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"

namespace tlw::ui {
namespace {

RunOutcome twoPhaseOutcome() {
    RunOutcome outcome;
    outcome.kind = RunOutcome::Kind::Finished;
    outcome.epochs = 6;
    outcome.bestEpoch = 3;
    outcome.keptEpoch = 3;
    outcome.monitor = QStringLiteral("val_loss");
    outcome.fineTuningImproved = false;
    outcome.seconds = 75;
    return outcome;
}

// Issue 17: a two-phase run kept a phase-1 epoch and the finished line said only "the best".
TEST(TrainingPage, TheFinishedLineNamesTheKeptEpochAndAFineTuningThatDidNotHelp) {
    TrainingPage page;
    page.showOutcome(twoPhaseOutcome());
    EXPECT_EQ(
        page.progressText(),
        QStringLiteral("Finished: 6 epoch(s) in 1:15. The model holds the weights of epoch 3, the best by "
                       "val_loss. Fine-tuning did not improve on phase 1's best val_loss."));
    RunOutcome last = twoPhaseOutcome();
    last.keptEpoch = 6;
    last.fineTuningImproved = true;
    page.showOutcome(last);
    EXPECT_EQ(
        page.progressText(),
        QStringLiteral("Finished: 6 epoch(s) in 1:15. The model holds the weights of the last epoch, 6; "
                       "the best by val_loss was epoch 3."));
    RunOutcome onePhase = twoPhaseOutcome();
    onePhase.fineTuningImproved.reset();
    page.showOutcome(onePhase);
    EXPECT_FALSE(page.progressText().contains(QStringLiteral("Fine-tuning")));
}

TEST(TrainingPage, TheBarSaysAStoppedRunStoppedAndANewRunClearsIt) {
    TrainingPage page;
    TrainingProgress progress;
    progress.step = TrainingStep::Training;
    progress.epoch = 2;
    progress.epochs = 4;
    progress.batch = 1;
    progress.batches = 2;
    page.setRunning(true);
    page.showProgress(progress);
    RunOutcome stopped;
    stopped.kind = RunOutcome::Kind::Stopped;
    stopped.epochs = 1;
    page.setRunning(false);
    page.showOutcome(stopped);
    EXPECT_TRUE(page.progressBar()->isTextVisible());
    EXPECT_EQ(page.progressBar()->text(), QStringLiteral("Stopped at 37%"));
    page.clearRun();
    EXPECT_FALSE(page.progressBar()->isTextVisible());
    EXPECT_EQ(page.progressBar()->value(), 0);
}

TEST(TrainingPage, TheCachePassShowsItsPaceAndItsOwnTimeLeft) {
    TrainingPage page;
    page.setRunning(true);
    TrainingProgress progress;
    progress.step = TrainingStep::CachingFeatures;
    progress.batch = 120;
    progress.batches = 480;
    progress.imagesPerSecond = 60.0;
    progress.etaSeconds = 6.0;
    progress.phases = 2;
    page.showProgress(progress);
    EXPECT_EQ(page.progressText(),
              QStringLiteral("Caching the frozen layers' features · 120/480 images · 60.0 "
                             "images/s · 0:06 left"));
}

TEST(TrainingPage, TheKeptEpochIsRingedOnBothCharts) {
    TrainingPage page;
    for (int epoch = 1; epoch <= 3; ++epoch)
        page.appendEpoch({epoch, 1.0 / epoch, 0.5 + 0.1 * epoch, 0.9 - 0.1 * epoch, 0.6});
    page.charts()->setKeptEpoch(2);
    EXPECT_EQ(page.charts()->accuracyChart()->keptEpoch(), 2);
    EXPECT_EQ(page.charts()->lossChart()->keptLabel(), QStringLiteral("Kept weights"));
    page.clearRun();
    EXPECT_EQ(page.charts()->lossChart()->keptEpoch(), 0);
    EXPECT_TRUE(page.charts()->lossChart()->keptLabel().isEmpty());
}

}  // namespace
}  // namespace tlw::ui
