#include "ui/controllers/project_controller.h"

#include <gtest/gtest.h>

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <fstream>

#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class ProjectControllerTest : public test::WorkbenchTest {
protected:
    bool waitForIdle() {
        return waitUntil([this] {
            return !workbench().datasets().isScanning() && !workbench().model().isBusy() &&
                   !workbench().window().datasetPage()->isBusy();
        });
    }
    std::filesystem::path makeDataset() {
        const auto root = m_dir / "letters";
        for (int i = 0; i < 6; ++i) {
            test::writePng(root / "a" / (std::to_string(i) + ".png"), QColor::fromHsv(i * 40, 200, 200));
            test::writePng(root / "b" / (std::to_string(i) + ".png"), QColor::fromHsv(i * 40 + 10, 120, 120));
        }
        return root;
    }
};

TEST_F(ProjectControllerTest, SavingAndOpeningAProjectRestoresEveryPage) {
    const auto dataset = makeDataset();
    const QString file = qpath(m_dir / "work" / "letters.tlwproj");
    std::filesystem::create_directories(m_dir / "work");
    {
        makeWorkbench();
        MainWindow& window = workbench().window();
        window.datasetPage()->setSplitSettings({0.5, 7, QString()});
        window.openDatasetFolder(qpath(dataset));
        ASSERT_TRUE(waitForIdle());
        ModelSettings model = window.modelPage()->modelSettings();
        model.backbone = QStringLiteral("squeezenet");
        model.imageSize = 160;
        model.dropout = 0.35;
        workbench().model().applySettings(model);
        window.modelPage()->applyFineTunePreset();
        ASSERT_TRUE(waitForIdle());
        tlw::TrainingConfig training;
        training.epochs = 7;
        training.batchSize = 16;
        training.learningRate = 0.0005;
        training.optimizer = tlw::OptimizerKind::Sgd;
        training.fineTune = tlw::FineTuneSettings{};
        training.fineTune->epochs = 4;
        training.fineTune->learningRate = 0.00002;
        window.trainingPage()->setSettings(training);
        workbench().projects().setLastModelPath(qpath(m_dir / "work" / "letters.tlwm"));
        ASSERT_TRUE(workbench().projects().saveProject(file));
        EXPECT_EQ(window.projectPath(), file);
        EXPECT_EQ(m_preferences->recentProjects().value(0), file);
    }
    m_workbench.reset();

    makeWorkbench();
    MainWindow& window = workbench().window();
    ASSERT_TRUE(workbench().projects().openProject(file));
    ASSERT_TRUE(waitForIdle());
    EXPECT_EQ(window.projectPath(), file);
    DatasetPage* datasetPage = window.datasetPage();
    ASSERT_TRUE(datasetPage->hasDataset());
    EXPECT_EQ(datasetPage->folder(), qpath(dataset));
    EXPECT_EQ(datasetPage->splitSettings().seed, 7);
    EXPECT_DOUBLE_EQ(datasetPage->splitSettings().validationFraction, 0.5);
    EXPECT_EQ(datasetPage->overview().classes[0].counts[1], 3);  // half of six held out

    const ModelSettings model = window.modelPage()->modelSettings();
    EXPECT_EQ(model.backbone, QStringLiteral("squeezenet"));
    EXPECT_EQ(model.imageSize, 160);
    EXPECT_DOUBLE_EQ(model.dropout, 0.35);
    EXPECT_EQ(window.modelPage()->layerModel()->totals().trainable, 386176);  // fire8-fire9

    const tlw::TrainingConfig training = window.trainingPage()->settings();
    EXPECT_EQ(training.epochs, 7);
    EXPECT_EQ(training.batchSize, 16);
    EXPECT_DOUBLE_EQ(training.learningRate, 0.0005);
    EXPECT_EQ(training.optimizer, tlw::OptimizerKind::Sgd);
    ASSERT_TRUE(training.fineTune);
    EXPECT_EQ(training.fineTune->epochs, 4);
    EXPECT_EQ(workbench().projects().lastModelPath(), qpath(m_dir / "work" / "letters.tlwm"));
}

TEST_F(ProjectControllerTest, AMalformedProjectIsRefusedInTheBannerAndChangesNothing) {
    const auto file = m_dir / "broken.tlwproj";
    std::ofstream(file) << R"({"format": "tlworkbench-project", "version": 1, "dataset": {"folder": )";
    makeWorkbench();
    MainWindow& window = workbench().window();
    const ModelSettings before = window.modelPage()->modelSettings();
    EXPECT_FALSE(workbench().projects().openProject(qpath(file)));
    Page* front = window.page(window.currentPage());
    ASSERT_TRUE(front->banner()->isVisible());
    EXPECT_EQ(front->banner()->headline(), QStringLiteral("The project could not be opened."));
    EXPECT_TRUE(front->banner()->details().startsWith(qpath(file) + QStringLiteral(": not valid JSON")))
        << front->banner()->details().toStdString();
    EXPECT_TRUE(window.projectPath().isEmpty());
    EXPECT_EQ(window.modelPage()->modelSettings().backbone, before.backbone);
}

TEST_F(ProjectControllerTest, AProjectWhoseDatasetIsGoneOpensAndSaysSo) {
    const QString file = qpath(m_dir / "gone.tlwproj");
    WorkbenchProject project;
    project.datasetFolder = qpath(m_dir / "deleted_dataset");
    writeProjectFile(file, project);
    makeWorkbench();
    ASSERT_TRUE(workbench().projects().openProject(file));
    DatasetPage* page = workbench().window().datasetPage();
    EXPECT_FALSE(page->hasDataset());
    ASSERT_TRUE(page->banner()->isVisible());
    EXPECT_TRUE(page->banner()->details().contains(QStringLiteral("deleted_dataset")));
}

TEST_F(ProjectControllerTest, AHandWrittenProjectMayGiveOnlyKerasFineTuneAt) {
    const auto file = m_dir / "by_hand.tlwproj";
    std::ofstream(file) << R"({"format": "tlworkbench-project", "version": 1, "dataset": {},
        "model": {"backbone": "vgg16", "fine_tune_at": 16}, "training": {"epochs": 3}})";
    makeWorkbench();
    ASSERT_TRUE(workbench().projects().openProject(qpath(file)));
    ModelPage* page = workbench().window().modelPage();
    EXPECT_EQ(page->modelSettings().frozenPrefix, 16);
    EXPECT_EQ(page->layerModel()->totals().trainable, 4719616);
    EXPECT_EQ(workbench().window().trainingPage()->settings().epochs, 3);
}

}  // namespace
}  // namespace tlw::ui
