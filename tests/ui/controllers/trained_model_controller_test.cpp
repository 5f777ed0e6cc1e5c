#include "ui/controllers/trained_model_controller.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QSignalSpy>
#include <QStatusBar>

#include "tests/ui/training_fixture.h"
#include "ui/controllers/project_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/predict_page.h"
#include "ui/project/project_file.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class TrainedModelControllerTest : public test::WorkbenchTest {
protected:
    TrainedModelController& models() { return workbench().trainedModels(); }
    QAction* action(const char* name) {
        return workbench().window().findChild<QAction*>(QLatin1String(name));
    }
};

TEST_F(TrainedModelControllerTest, OpenModelFillsTheEvaluationAndPredictPagesAndTheProject) {
    const auto model = test::tinyTrainedModel();
    if (model.empty()) GTEST_SKIP() << "missing shared data";
    makeWorkbench();
    EXPECT_FALSE(action("saveModelAction")->isEnabled());
    EXPECT_FALSE(action("exportTorchScriptAction")->isEnabled());
    emit workbench().window().openModelRequested(qpath(model));
    ASSERT_TRUE(waitUntil([&] { return models().hasModel(); }));
    EXPECT_EQ(models().info().backbone, QStringLiteral("SqueezeNet v1.1"));
    EXPECT_EQ(models().info().imageSize, 64);
    EXPECT_TRUE(models().info().pretrained);
    EXPECT_TRUE(action("saveModelAction")->isEnabled());
    EXPECT_TRUE(action("exportTorchScriptAction")->isEnabled());
    EXPECT_EQ(workbench().window().evaluationPage()->modelInfo().path, qpath(model));
    EXPECT_EQ(workbench().window().predictPage()->modelInfo().path, qpath(model));
    EXPECT_FALSE(workbench().window().evaluationPage()->notPretrainedNoteVisible());
    EXPECT_EQ(workbench().projects().lastModelPath(), qpath(model));
}

TEST_F(TrainedModelControllerTest, AProjectReopensTheModelItWasLastUsedWith) {
    const auto model = test::tinyTrainedModel();
    if (model.empty()) GTEST_SKIP() << "missing shared data";
    makeWorkbench();
    WorkbenchProject project = workbench().projects().currentProject();
    project.lastModelPath = qpath(model);
    const QString file = qpath(m_dir / "bees.tlwproj");
    writeProjectFile(file, project);
    ASSERT_TRUE(workbench().projects().openProject(file));
    ASSERT_TRUE(waitUntil([&] { return models().hasModel(); }));
    EXPECT_EQ(models().info().path, qpath(model));
    EXPECT_EQ(workbench().window().predictPage()->modelInfo().path, qpath(model));
}

TEST_F(TrainedModelControllerTest, ExportTorchScriptWritesTheModule) {
    const auto model = test::tinyTrainedModel();
    if (model.empty()) GTEST_SKIP() << "missing shared data";
    makeWorkbench();
    models().openModel(qpath(model));
    ASSERT_TRUE(waitUntil([&] { return models().hasModel(); }));
    QSignalSpy exported(&models(), &TrainedModelController::torchScriptExported);
    const auto file = m_dir / "ants-bees.pt";
    emit workbench().window().exportTorchScriptRequested(qpath(file));
    ASSERT_TRUE(waitUntil([&] { return exported.count() == 1; }, 60000));
    EXPECT_GT(std::filesystem::file_size(file), 100000u);
}

// File > Export ONNX: the file is written, checked by OpenCV DNN on the model's validation images, and the
// status bar says how the check went.
TEST_F(TrainedModelControllerTest, ExportOnnxWritesTheFileAndReportsTheCheck) {
    const auto model = test::tinyTrainedModel();
    if (model.empty()) GTEST_SKIP() << "missing shared data";
    makeWorkbench();
    EXPECT_FALSE(action("exportOnnxAction")->isEnabled());
    models().openModel(qpath(model));
    ASSERT_TRUE(waitUntil([&] { return models().hasModel(); }));
    EXPECT_TRUE(action("exportOnnxAction")->isEnabled());
    QSignalSpy exported(&models(), &TrainedModelController::onnxExported);
    const auto file = m_dir / "ants-bees.onnx";
    emit workbench().window().exportOnnxRequested(qpath(file));
    ASSERT_TRUE(waitUntil([&] { return exported.count() == 1; }, 60000));
    EXPECT_GT(std::filesystem::file_size(file), 100000u);
    const QString status = workbench().window().statusBar()->currentMessage();
    EXPECT_TRUE(status.startsWith(QStringLiteral("ONNX model written to "))) << status.toStdString();
    EXPECT_TRUE(status.contains(QStringLiteral(", checked with OpenCV DNN 4."))) << status.toStdString();
    EXPECT_TRUE(status.contains(QStringLiteral(" labels agree, largest difference ")))
        << status.toStdString();
}

TEST_F(TrainedModelControllerTest, AFailedOnnxExportShowsTheFileAndTheReason) {
    const auto model = test::tinyTrainedModel();
    if (model.empty()) GTEST_SKIP() << "missing shared data";
    makeWorkbench();
    models().openModel(qpath(model));
    ASSERT_TRUE(waitUntil([&] { return models().hasModel(); }));
    QSignalSpy failed(&models(), &TrainedModelController::failed);
    const auto file = m_dir / "no such folder" / "model.onnx";
    emit workbench().window().exportOnnxRequested(qpath(file));
    ASSERT_TRUE(waitUntil([&] { return failed.count() == 1; }, 60000));
    ErrorBanner* banner = workbench().window().page(workbench().window().currentPage())->banner();
    EXPECT_EQ(banner->headline(), QStringLiteral("The model could not be exported to ONNX."));
    EXPECT_TRUE(banner->details().startsWith(qpath(file))) << banner->details().toStdString();
    EXPECT_FALSE(std::filesystem::exists(m_dir / "no such folder"));
}

TEST_F(TrainedModelControllerTest, ADamagedModelFileIsRefusedWithTheFileAndTheReason) {
    makeWorkbench();
    const auto file = m_dir / "damaged.tlwm";
    test::writeText(file, "this is no model");
    QSignalSpy failed(&models(), &TrainedModelController::failed);
    emit workbench().window().openModelRequested(qpath(file));
    ASSERT_TRUE(waitUntil([&] { return failed.count() == 1; }));
    EXPECT_FALSE(models().hasModel());
    ErrorBanner* banner = workbench().window().page(workbench().window().currentPage())->banner();
    EXPECT_EQ(banner->headline(), QStringLiteral("The model could not be opened."));
    EXPECT_TRUE(banner->details().startsWith(qpath(file))) << banner->details().toStdString();
}

}  // namespace
}  // namespace tlw::ui
