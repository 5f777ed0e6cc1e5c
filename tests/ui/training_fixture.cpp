#include "tests/ui/training_fixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <memory>

#include "core/train/training_session.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"
#include "ui/charts/accuracy_chart.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/training_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/training_page.h"
#include "ui/widgets/training_settings_form.h"
#include "ui/windows/main_window.h"

namespace tlw::ui::test {

namespace {
constexpr char kSqueezeNetWeights[] = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";
}

bool TrainingWorkbenchTest::haveSharedData() const {
    return std::filesystem::exists(tlw::test::sharedDataset("hymenoptera_tiny")) &&
           std::filesystem::exists(tlw::test::sharedWeights(kSqueezeNetWeights));
}

bool TrainingWorkbenchTest::prepareTinySqueezeNet(int imageSize) {
    return prepareSqueezeNet(tlw::test::sharedDataset("hymenoptera_tiny"), imageSize);
}

bool TrainingWorkbenchTest::prepareSqueezeNet(const std::filesystem::path& dataset, int imageSize) {
    m_environment.set("TLW_WEIGHTS_DIR", tlw::test::sharedWeights(kSqueezeNetWeights).parent_path().string());
    m_environment.set("TLW_CACHE_DIR", (m_home / "feature-cache").string());
    makeWorkbench();
    MainWindow& window = workbench().window();
    window.openDatasetFolder(qpath(dataset));
    if (!waitUntil(
            [&] { return window.datasetPage()->hasDataset() && !workbench().datasets().isScanning(); })) {
        ADD_FAILURE() << "the dataset scan did not finish";
        return false;
    }
    ModelPage* model = window.modelPage();
    model->backboneBox()->setCurrentIndex(model->backboneBox()->findData(QStringLiteral("squeezenet")));
    model->imageSizeBox()->setValue(imageSize);
    const bool ready = waitUntil([&] {
        return !workbench().model().isBusy() && model->weightsStatus().state == WeightsStatus::State::Found &&
               model->modelSettings().imageSize == imageSize && model->layerModel()->rowCount() > 0;
    });
    if (!ready) ADD_FAILURE() << "SqueezeNet's weights were not found";
    window.showPage(MainWindow::PageId::Training);
    return ready;
}

void TrainingWorkbenchTest::setEpochs(int epochs, int batchSize) {
    TrainingSettingsForm* form = workbench().window().trainingPage()->settingsForm();
    form->epochsBox()->setValue(epochs);
    form->batchSizeBox()->setValue(batchSize);
    tlw::TrainingConfig settings = form->settings();
    settings.earlyStopping.enabled = false;
    // Adam: these runs are about epochs (the exact head's run has its own test).
    settings.headSolver = tlw::HeadSolver::Adam;
    form->setSettings(settings);
}

void TrainingWorkbenchTest::clickStart() {
    QTest::mouseClick(workbench().window().trainingPage()->startButton(), Qt::LeftButton);
}

bool TrainingWorkbenchTest::waitForTrainingToEnd(int timeoutMs) {
    return waitUntil([this] { return !workbench().training().isRunning(); }, timeoutMs);
}

int TrainingWorkbenchTest::accuracyPoints(bool validation) const {
    const AccuracyChart* chart = m_workbench->window().trainingPage()->charts()->accuracyChart();
    return validation ? chart->validationPointCount() : chart->trainingPointCount();
}

int TrainingWorkbenchTest::lossPoints(bool validation) const {
    const LossChart* chart = m_workbench->window().trainingPage()->charts()->lossChart();
    return validation ? chart->validationPointCount() : chart->trainingPointCount();
}

std::filesystem::path tinyTrainedModel() {
    static const auto folder = std::make_unique<tlw::test::TempDir>();
    static std::filesystem::path model;
    if (!model.empty()) return model;
    const auto data = tlw::test::sharedDataset("hymenoptera_tiny");
    const auto weights = tlw::test::sharedWeights(kSqueezeNetWeights);
    if (!std::filesystem::exists(data) || !std::filesystem::exists(weights)) return {};
    tlw::TrainingConfig config;
    config.dataDir = data;
    config.backbone = tlw::BackboneKind::SqueezeNet11;
    config.imageSize = {64, 64};
    config.weightsFile = weights;
    config.allowDownload = false;
    config.epochs = 1;
    config.batchSize = 8;
    config.cache.directory = *folder / "cache";
    config.outputModel = *folder / "ants-bees.tlwm";
    tlw::TrainingObserver quiet;
    tlw::TrainingSession(config).run(quiet);
    model = config.outputModel;
    return model;
}

}  // namespace tlw::ui::test
