// The Training page's Runs tab with real runs: two short SqueezeNet runs on hymenoptera_tiny (2 and 3
// epochs) are listed at once, checking both overlays their curves and lists the setting that differs
// (epochs) and not the equal ones, "Open This Run's Model" makes a run's model the workbench's, a
// RunSwitcher attached to TrainedModelController names the run and switches to another, and a project
// saved and reopened keeps its runs.
#include "ui/widgets/runs_panel.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <map>

#include "core/train/run_record.h"
#include "tests/ui/training_fixture.h"
#include "ui/adapters/paths.h"
#include "ui/charts/chart_legend.h"
#include "ui/charts/run_curves_chart.h"
#include "ui/controllers/project_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/training_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/run_table_model.h"
#include "ui/pages/training_page.h"
#include "ui/widgets/run_switcher.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class RunsPanelTest : public test::TrainingWorkbenchTest {
protected:
    TrainingPage* page() { return workbench().window().trainingPage(); }
    RunsPanel* panel() { return page()->runsPanel(); }
    // A finished run of `epochs` epochs; its model file.
    QString run(int epochs) {
        setEpochs(epochs);
        clickStart();
        EXPECT_TRUE(waitForTrainingToEnd());
        return workbench().training().outputModel();
    }
    std::map<QString, QStringList> differences() {
        QTableWidget* table = panel()->differencesTable();
        std::map<QString, QStringList> rows;
        for (int row = 0; row < table->rowCount(); ++row)
            for (int column = 0; column < table->columnCount(); ++column)
                rows[table->verticalHeaderItem(row)->text()].push_back(table->item(row, column)->text());
        return rows;
    }
};

TEST_F(RunsPanelTest, TwoRunsAreListedOverlaidComparedOpenedAndKeptByTheProject) {
    ASSERT_TRUE(haveSharedData()) << "missing shared data: hymenoptera_tiny or SqueezeNet weights";
    ASSERT_TRUE(prepareTinySqueezeNet());
    RunSwitcher switcher;
    workbench().trainedModels().attachRunSwitcher(&switcher);
    EXPECT_TRUE(switcher.text().startsWith(QStringLiteral("No trained model yet")))
        << switcher.text().toStdString();

    const QString twoEpochs = run(2);
    ASSERT_EQ(panel()->runTable()->rowCount(), 1);  // listed as soon as it finished
    const QString threeEpochs = run(3);
    ASSERT_NE(twoEpochs, threeEpochs);
    RunTableModel* table = panel()->runTable();
    ASSERT_EQ(table->rowCount(), 2);
    const int newer = table->rowOf(threeEpochs);
    const int older = table->rowOf(twoEpochs);
    EXPECT_EQ(newer, 0);  // newest first
    EXPECT_EQ(older, 1);
    EXPECT_EQ(table->index(newer, RunTableModel::EpochsColumn).data().toString(), QStringLiteral("3"));

    // Checking both overlays one curve per run, named in a legend under the plot.
    page()->runTabs()->setCurrentIndex(TrainingPage::kRunsTab);
    table->setChecked(newer, true);
    EXPECT_EQ(panel()->chart()->curveCount(), 1);
    EXPECT_EQ(panel()->differencesTable()->rowCount(), 0);  // one run: nothing to compare
    table->setChecked(older, true);
    RunCurvesChart* chart = panel()->chart();
    ASSERT_EQ(chart->curveCount(), 2);
    EXPECT_EQ(chart->curveOf(threeEpochs)->dataCount(), 3);
    EXPECT_EQ(chart->curveOf(twoEpochs)->dataCount(), 2);
    const QString threeName = QFileInfo(threeEpochs).completeBaseName();
    EXPECT_TRUE(chart->curveNames().contains(threeName)) << chart->curveNames().join(',').toStdString();
    chart->replot();
    EXPECT_TRUE(legendIsOutsidePlot(*chart));
    // The loss switch redraws the same runs with their validation loss.
    panel()->figureBox()->setCurrentIndex(1);
    EXPECT_EQ(chart->figure(), RunCurvesChart::Figure::ValLoss);
    EXPECT_EQ(chart->curveOf(threeEpochs)->dataCount(), 3);
    EXPECT_GT(chart->yAxis->range().upper, 0.0);

    // The settings that differ: the epochs, and none of the equal ones (nor the runs' own paths).
    const auto rows = differences();
    ASSERT_TRUE(rows.count(QStringLiteral("epochs"))) << rows.size();
    EXPECT_EQ(rows.at(QStringLiteral("epochs")), (QStringList{QStringLiteral("3"), QStringLiteral("2")}));
    EXPECT_FALSE(rows.count(QStringLiteral("batch_size")));
    EXPECT_FALSE(rows.count(QStringLiteral("learning_rate")));
    EXPECT_FALSE(rows.count(QStringLiteral("output_model")));
    EXPECT_EQ(panel()->differencesTable()->horizontalHeaderItem(0)->text(), threeName);

    // The switcher names the model the last run left in use, and its run.
    ASSERT_TRUE(waitUntil([&] { return workbench().trainedModels().info().path == threeEpochs; }));
    EXPECT_TRUE(switcher.text().startsWith(
        QStringLiteral("Model: %1 — run finished ").arg(QFileInfo(threeEpochs).fileName())))
        << switcher.text().toStdString();
    EXPECT_TRUE(switcher.text().contains(QStringLiteral("val_accuracy"))) << switcher.text().toStdString();

    // "Open This Run's Model" on the older run makes it the workbench's model.
    EXPECT_FALSE(panel()->openModelButton()->isEnabled());
    panel()->tableView()->selectRow(older);
    ASSERT_TRUE(panel()->openModelButton()->isEnabled());
    panel()->openModelButton()->click();
    ASSERT_TRUE(waitUntil([&] { return workbench().trainedModels().info().path == twoEpochs; }));
    EXPECT_TRUE(switcher.text().contains(QFileInfo(twoEpochs).fileName())) << switcher.text().toStdString();

    // The switcher's menu lists both runs, the one in use checked; choosing the other opens it.
    switcher.refreshMenu();
    const QList<QAction*> actions = switcher.menu()->actions();
    ASSERT_EQ(actions.size(), 2);
    EXPECT_TRUE(actions[older]->isChecked());
    EXPECT_FALSE(actions[newer]->isChecked());
    actions[newer]->trigger();
    ASSERT_TRUE(waitUntil([&] { return workbench().trainedModels().info().path == threeEpochs; }));

    // Saved and reopened, the project keeps its runs, wherever its models folder is.
    const QString project = qpath(m_dir.path() / "project" / "runs.tlwproj");
    std::filesystem::create_directories(m_dir.path() / "project");
    ASSERT_TRUE(workbench().projects().saveProject(project));
    EXPECT_EQ(panel()->runTable()->rowCount(), 2);
    panel()->setProjectRuns({});
    EXPECT_EQ(panel()->runTable()->rowCount(), 0);  // the project's models folder holds none of them
    ASSERT_TRUE(workbench().projects().openProject(project));
    EXPECT_EQ(panel()->projectRuns(), (QStringList{twoEpochs, threeEpochs}));
    EXPECT_EQ(panel()->runTable()->rowCount(), 2);
}

TEST_F(RunsPanelTest, AStartShowsThisRunsTabAndADamagedRecordIsNamedNotFatal) {
    makeWorkbench();
    const std::filesystem::path folder = m_dir.path() / "models";
    std::filesystem::create_directories(folder);
    test::writeText(folder / "bad.tlwm.run.json", "{ damaged");
    panel()->setModelsFolder(qpath(folder));
    panel()->setProjectRuns({qpath(folder / "gone.tlwm")});
    EXPECT_EQ(panel()->runTable()->rowCount(), 0);
    const QString note = panel()->noteLabel()->text();
    EXPECT_TRUE(note.contains(QStringLiteral("bad.tlwm.run.json"))) << note.toStdString();
    EXPECT_TRUE(note.contains(QStringLiteral("gone.tlwm.run.json"))) << note.toStdString();
    page()->runTabs()->setCurrentIndex(TrainingPage::kRunsTab);
    page()->clearRun();
    EXPECT_EQ(page()->runTabs()->currentIndex(), TrainingPage::kThisRunTab);
}

}  // namespace
}  // namespace tlw::ui
