#include "ui/controllers/fine_tune_sweep_controller.h"

#include <gtest/gtest.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

#include "core/train/fine_tune_sweep.h"
#include "core/util/atomic_file.h"
#include "tests/ui/training_fixture.h"
#include "ui/adapters/paths.h"
#include "ui/charts/sweep_curves_chart.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/training_page.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::waitUntil;

class FineTuneSweepControllerTest : public test::TrainingWorkbenchTest {
protected:
    TrainingPage* page() { return workbench().window().trainingPage(); }
    FineTuneSweepDialog* dialog() { return workbench().fineTuneSweep().dialog(); }
    bool waitForSweepToEnd() {
        return waitUntil([this] { return !workbench().fineTuneSweep().isRunning(); }, 300000);
    }
};

TEST_F(FineTuneSweepControllerTest, TheActionRunsTheCandidatesRanksThemOverlaysTheirCurvesAndUsesTheBest) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data: hymenoptera_tiny or SqueezeNet weights";
    ASSERT_TRUE(prepareTinySqueezeNet());
    ASSERT_TRUE(page()->sweepButton()->isEnabled());
    page()->sweepButton()->click();
    ASSERT_TRUE(dialog()->isVisible());
    // SqueezeNet's proposed candidates, deepest first; two of them keep the test short.
    const QStringList proposed = dialog()->candidatesEdit()->text().split(QStringLiteral(", "));
    ASSERT_GE(proposed.size(), 2) << dialog()->candidatesEdit()->text().toStdString();
    dialog()->candidatesEdit()->setText(proposed[0] + QStringLiteral(", ") + proposed[1]);
    dialog()->epochsSpin()->setValue(2);
    EXPECT_FALSE(dialog()->useModelButton()->isEnabled());

    dialog()->runButton()->click();
    EXPECT_TRUE(workbench().fineTuneSweep().isRunning());
    EXPECT_FALSE(dialog()->runButton()->isEnabled());
    EXPECT_TRUE(dialog()->cancelButton()->isEnabled());
    ASSERT_TRUE(waitForSweepToEnd());
    const auto result = workbench().fineTuneSweep().lastResult();
    ASSERT_NE(result, nullptr) << dialog()->statusLabel()->text().toStdString();

    // The table: both candidates, best first, as core ranked them.
    const SweepTableModel* table = dialog()->tableModel();
    ASSERT_EQ(table->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        EXPECT_EQ(table->rows()[static_cast<std::size_t>(row)].fineTuneAt,
                  result->ranked[static_cast<std::size_t>(row)].fineTuneAt);
    ASSERT_TRUE(table->rows()[0].valAccuracy && table->rows()[1].valAccuracy);
    EXPECT_GE(*table->rows()[0].valAccuracy, *table->rows()[1].valAccuracy);
    EXPECT_NE(table->rows()[0].trainableParams, table->rows()[1].trainableParams);
    EXPECT_EQ(table->index(0, SweepTableModel::FineTuneAtColumn).data().toInt(), table->rows()[0].fineTuneAt);

    // The chart: one curve per candidate, one point per epoch (the head's solve, then 2 fine-tuning).
    SweepCurvesChart* chart = dialog()->chart();
    ASSERT_EQ(chart->curveCount(), 2);
    for (const SweepRow& row : table->rows()) {
        ASSERT_NE(chart->curveOf(row.fineTuneAt), nullptr);
        EXPECT_EQ(chart->curveOf(row.fineTuneAt)->dataCount(), 3) << row.fineTuneAt;
    }
    EXPECT_TRUE(dialog()->statusLabel()->text().startsWith(
        QStringLiteral("Best: fine-tuning from layer %1").arg(table->rows()[0].fineTuneAt)))
        << dialog()->statusLabel()->text().toStdString();

    // The best model written where a Start would have written its model, with the table beside it.
    ASSERT_TRUE(std::filesystem::exists(result->modelFile));
    EXPECT_TRUE(std::filesystem::exists(tlw::sweepJsonPathFor(result->modelFile)));
    EXPECT_EQ(tlw::readFileBytes(result->modelFile), tlw::readFileBytes(toPath(table->rows()[0].modelFile)));

    // Use This Model with the second row selected: that candidate becomes the model in use.
    ASSERT_TRUE(dialog()->useModelButton()->isEnabled());
    dialog()->tableView()->selectRow(1);
    dialog()->useModelButton()->click();
    ASSERT_TRUE(waitUntil([this] { return workbench().trainedModels().hasModel(); }));
    EXPECT_EQ(toPath(workbench().trainedModels().info().path), toPath(table->rows()[1].modelFile));
}

TEST_F(FineTuneSweepControllerTest, CancelStopsTheSweepAndBadCandidatesAreRefusedWithAMessage) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data: hymenoptera_tiny or SqueezeNet weights";
    ASSERT_TRUE(prepareTinySqueezeNet());
    page()->sweepButton()->click();
    dialog()->candidatesEdit()->setText(QStringLiteral("48, fire8"));
    dialog()->runButton()->click();
    EXPECT_FALSE(workbench().fineTuneSweep().isRunning());
    EXPECT_TRUE(dialog()->statusLabel()->text().contains(QStringLiteral("“fire8” is not a layer index")))
        << dialog()->statusLabel()->text().toStdString();

    dialog()->candidatesEdit()->setText(QStringLiteral("48"));
    dialog()->epochsSpin()->setValue(500);
    dialog()->runButton()->click();
    ASSERT_TRUE(workbench().fineTuneSweep().isRunning());
    ASSERT_TRUE(waitUntil([this] { return dialog()->chart()->curveCount() > 0; }, 120000));
    dialog()->cancelButton()->click();
    ASSERT_TRUE(waitForSweepToEnd());
    const auto result = workbench().fineTuneSweep().lastResult();
    ASSERT_NE(result, nullptr) << dialog()->statusLabel()->text().toStdString();
    EXPECT_TRUE(result->cancelled);
    EXPECT_TRUE(dialog()->statusLabel()->text().startsWith(QStringLiteral("Stopped.")))
        << dialog()->statusLabel()->text().toStdString();
    EXPECT_TRUE(dialog()->runButton()->isEnabled());
}

}  // namespace
}  // namespace tlw::ui
