#include "ui/controllers/session_controller.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <fstream>

#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/project_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class SessionControllerTest : public test::WorkbenchTest {
protected:
    bool waitForIdle() {
        return waitUntil([this] {
            return !workbench().datasets().isScanning() && !workbench().model().isBusy() &&
                   !workbench().window().datasetPage()->isBusy();
        });
    }
    std::filesystem::path makeDataset() {
        const auto root = m_dir / "shapes";
        for (int i = 0; i < 4; ++i) {
            test::writePng(root / "round" / (std::to_string(i) + ".png"), QColor::fromHsv(i * 40, 200, 200));
            test::writePng(root / "square" / (std::to_string(i) + ".png"),
                           QColor::fromHsv(i * 40 + 9, 90, 90));
        }
        return root;
    }
    void setEpochsAndRate(int epochs, double rate) {
        tlw::TrainingConfig training = workbench().window().trainingPage()->settings();
        training.epochs = epochs;
        training.learningRate = rate;
        workbench().window().trainingPage()->setSettings(training);
    }
    // Closes the window, answering the unsaved-project question with `answer`; returns whether it was asked.
    bool closeAnswering(QMessageBox::StandardButton answer) {
        bool asked = false;
        QTimer::singleShot(0, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box == nullptr) return;
            asked = box->objectName() == QStringLiteral("unsavedProjectBox");
            box->button(answer)->click();
        });
        workbench().window().close();
        return asked;
    }
};

TEST_F(SessionControllerTest, TheDatasetAndHyperParametersComeBackAfterARestart) {
    const auto dataset = makeDataset();
    makeWorkbench();
    workbench().window().openDatasetFolder(qpath(dataset));
    ASSERT_TRUE(waitForIdle());
    setEpochsAndRate(17, 0.0003);
    EXPECT_TRUE(closeAnswering(QMessageBox::Discard));
    EXPECT_FALSE(workbench().window().isVisible());
    EXPECT_TRUE(QFile::exists(m_preferences->sessionFile()));
    m_workbench.reset();

    makeWorkbench();
    ASSERT_TRUE(workbench().session().restoreLastSession());
    ASSERT_TRUE(waitForIdle());
    const tlw::TrainingConfig training = workbench().window().trainingPage()->settings();
    EXPECT_EQ(training.epochs, 17);
    EXPECT_DOUBLE_EQ(training.learningRate, 0.0003);
    ASSERT_TRUE(workbench().window().datasetPage()->hasDataset());
    EXPECT_EQ(workbench().window().datasetPage()->folder(), qpath(dataset));
    EXPECT_TRUE(workbench().window().projectPath().isEmpty());  // it was never saved as a project
}

TEST_F(SessionControllerTest, ASessionIsKeptWithoutClosingSoThatACrashLosesNothing) {
    makeWorkbench();
    setEpochsAndRate(23, 0.002);
    // The autosave timer writes it a few seconds after the change, with no close.
    ASSERT_TRUE(waitUntil([this] { return QFile::exists(m_preferences->sessionFile()); },
                          3 * SessionController::kAutosaveIntervalMs));
    const WorkbenchProject saved = readProjectFile(m_preferences->sessionFile());
    EXPECT_EQ(saved.training.epochs, 23);
    EXPECT_DOUBLE_EQ(saved.training.learningRate, 0.002);
}

TEST_F(SessionControllerTest, QuittingWithUnsavedChangesAsksAndCancelKeepsTheWindow) {
    const auto dataset = makeDataset();
    makeWorkbench();
    EXPECT_FALSE(workbench().session().hasUnsavedChanges());  // nothing worth a question yet
    workbench().window().openDatasetFolder(qpath(dataset));
    ASSERT_TRUE(waitForIdle());
    EXPECT_TRUE(workbench().session().hasUnsavedChanges());
    EXPECT_TRUE(closeAnswering(QMessageBox::Cancel));
    EXPECT_TRUE(workbench().window().isVisible());
}

TEST_F(SessionControllerTest, ANamedProjectIsUnsavedOnlyAfterAChangeAndSaveOnQuitWritesIt) {
    const auto dataset = makeDataset();
    const QString file = qpath(m_dir / "shapes.tlwproj");
    makeWorkbench();
    workbench().window().openDatasetFolder(qpath(dataset));
    ASSERT_TRUE(waitForIdle());
    ASSERT_TRUE(workbench().projects().saveProject(file));
    EXPECT_FALSE(workbench().session().hasUnsavedChanges());
    setEpochsAndRate(9, 0.004);
    EXPECT_TRUE(workbench().session().hasUnsavedChanges());
    EXPECT_TRUE(closeAnswering(QMessageBox::Save));  // the project has a file: no dialog, saved in place
    EXPECT_FALSE(workbench().window().isVisible());
    EXPECT_EQ(readProjectFile(file).training.epochs, 9);
    m_workbench.reset();

    // The next start comes back to the named project, unchanged.
    makeWorkbench();
    ASSERT_TRUE(workbench().session().restoreLastSession());
    ASSERT_TRUE(waitForIdle());
    EXPECT_EQ(workbench().window().projectPath(), file);
    EXPECT_FALSE(workbench().session().hasUnsavedChanges());
}

TEST_F(SessionControllerTest, ADamagedSessionFileIsReportedAndLeftAsItIs) {
    makeWorkbench();
    const std::string damaged = R"({"format": "tlworkbench-project", "version": 2, "dataset": )";
    std::ofstream(m_preferences->sessionFile().toStdString()) << damaged;
    EXPECT_FALSE(workbench().session().restoreLastSession());
    Page* front = workbench().window().page(workbench().window().currentPage());
    ASSERT_TRUE(front->banner()->isVisible());
    EXPECT_EQ(front->banner()->headline(), QStringLiteral("The last session could not be restored."));
    QFile file(m_preferences->sessionFile());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll().toStdString(), damaged);
}

}  // namespace
}  // namespace tlw::ui
