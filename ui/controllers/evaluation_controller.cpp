#include "ui/controllers/evaluation_controller.h"

#include <QDir>
#include <map>

#include "core/data/dataset_scanner.h"
#include "core/eval/evaluation.h"
#include "core/models/trained_model.h"
#include "core/train/training_session.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/result_adapters.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/pages/evaluation_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/gallery_grad_cam.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"
#include "ui/workers/grad_cam_loader.h"

namespace tlw::ui {

namespace {
QString joinNames(const std::vector<std::string>& names) {
    QStringList list;
    for (const std::string& name : names) list << QString::fromStdString(name);
    return list.join(QStringLiteral(", "));
}
}  // namespace

EvaluationController::EvaluationController(MainWindow& window, DatasetController& datasets,
                                           TrainedModelController& models, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_datasets(datasets),
      m_models(models),
      m_page(window.evaluationPage()),
      m_task(new BackgroundTask(this)),
      m_gradCams(new GradCamLoader(this)) {
    connect(&m_window, &MainWindow::evaluateRequested, this, &EvaluationController::evaluate);
    connect(m_page, &EvaluationPage::cancelRequested, this, &EvaluationController::cancel);
    connect(m_page, &EvaluationPage::saveThresholdRequested, &m_models,
            &TrainedModelController::saveDecisionThreshold);
    connect(m_page, &EvaluationPage::saveClassThresholdsRequested, &m_models,
            &TrainedModelController::saveClassThresholds);
    connect(&m_models, &TrainedModelController::modelChanged, this, &EvaluationController::onModelChanged);
    connect(m_task, &BackgroundTask::started, m_page, [this] { m_page->setBusy(true); });
    connect(m_task, &BackgroundTask::finished, m_page, [this] { m_page->setBusy(false); });
    connect(m_task, &BackgroundTask::progressed, m_page, &EvaluationPage::showProgress);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->showError([=] { return tr("The evaluation failed."); }, message);
    });
    connectGradCams();
}

// The gallery asks for maps; they are computed with the model in use and handed back as they come.
void EvaluationController::connectGradCams() {
    GalleryGradCam* gallery = m_page->galleryGradCam();
    gallery->setOn(m_window.preferences().evaluationGradCamShown());
    connect(gallery, &GalleryGradCam::toggled, this,
            [this](bool on) { m_window.preferences().setEvaluationGradCamShown(on); });
    connect(gallery, &GalleryGradCam::heatMapsWanted, this,
            [this](const QStringList& paths, const QList<int>& classes) {
                m_gradCams->setModel(m_models.model());
                std::vector<GradCamRequest> wanted;
                for (qsizetype i = 0; i < paths.size(); ++i)
                    wanted.push_back({paths[i], paths[i], QImage(), classes.value(i)});
                m_gradCams->request(wanted);
            });
    connect(gallery, &GalleryGradCam::heatMapWantedFirst, this, [this](const QString& path, int classIndex) {
        m_gradCams->setModel(m_models.model());
        m_gradCams->requestFirst({path, path, QImage(), classIndex});
    });
    connect(m_gradCams, &GradCamLoader::mapReady, this, [this](const QString& path, int classIndex) {
        if (const std::optional<HeatMap> map = m_gradCams->heatMap(path, classIndex))
            m_page->galleryGradCam()->setHeatMap(path, classIndex, *map);
    });
}

EvaluationController::~EvaluationController() = default;

bool EvaluationController::isBusy() const { return m_task->isRunning(); }

void EvaluationController::cancel() { m_task->cancel(); }

void EvaluationController::onModelChanged(const TrainedModelInfo& info) {
    // Figures of another model would be misleading beside this one.
    const bool sameModel = m_page->modelInfo().isValid() && m_page->modelInfo().path == info.path;
    m_page->setModelInfo(info);
    if (m_pendingTest && info.path == m_pendingModel) {
        show(*m_pendingTest);
        m_pendingTest.reset();
    } else if (!sameModel) {
        m_page->clearResults();
    }
    // Maps of the previous model would be drawn over this one's results.
    m_page->galleryGradCam()->clearHeatMaps();
}

void EvaluationController::takeTrainingResult(const std::shared_ptr<const tlw::TrainingResult>& result) {
    m_pendingTest.reset();
    if (!result || !result->test || result->modelFile.empty()) return;
    m_pendingModel = toQString(result->modelFile);
    m_pendingTest = std::make_shared<const EvaluationSummary>(
        evaluationSummaryFrom(*result->test, [images = static_cast<int>(result->test->imageCount())] {
            return tr("the test split, evaluated at the end of training (%n image(s))", nullptr, images);
        }));
}

void EvaluationController::evaluate(const QString& folder) {
    m_page->banner()->hide();
    if (!m_models.hasModel()) {
        m_page->showError(
            [=] { return tr("There is no trained model to evaluate yet."); },
            [=] { return tr("Train one on the Training page, or open a model file (File ▸ Open Model…)."); });
        return;
    }
    if (folder.isEmpty())
        evaluateSplit();
    else
        evaluateFolder(folder);
}

void EvaluationController::evaluateSplit() {
    const std::shared_ptr<const tlw::ScanResult> scan = m_datasets.lastScan();
    if (!scan) {
        m_page->showError([=] { return tr("Open the dataset first: its test split is evaluated."); });
        return;
    }
    const tlw::Dataset& dataset = scan->dataset;
    std::vector<tlw::Sample> samples = dataset.samplesIn(tlw::Subset::Test);
    const int testImages = static_cast<int>(samples.size());
    LiveText source = [testImages] { return tr("the test split (%n image(s))", nullptr, testImages); };
    if (samples.empty()) {
        // Better than nothing, but these images chose the best epoch: say so.
        samples = dataset.samplesIn(tlw::Subset::Validation);
        source = [validationImages = static_cast<int>(samples.size())] {
            return tr("the validation split (%n image(s)); the dataset has no test split", nullptr,
                      validationImages);
        };
        m_page->showInformation(
            [=] { return tr("The dataset has no test split: the validation images are evaluated."); },
            [=] {
                return tr(
                    "They chose the best epoch, so their figures flatter the model a "
                    "little. A test/ folder, or another folder, gives unbiased figures.");
            });
    }
    if (samples.empty()) {
        m_page->showError([=] { return tr("The dataset has neither test nor validation images."); },
                          [=] { return tr("Choose another folder with the same classes."); });
        return;
    }
    const std::shared_ptr<const tlw::TrainedModel> model = m_models.model();
    // Labels are the model's: match the dataset's classes to them by name.
    std::map<std::string, int> modelLabels;
    const auto& modelClasses = model->description().classNames;
    for (std::size_t i = 0; i < modelClasses.size(); ++i) modelLabels[modelClasses[i]] = static_cast<int>(i);
    std::vector<std::filesystem::path> files;
    std::vector<int> labels;
    for (const tlw::Sample& sample : samples) {
        const std::string& name = dataset.classNames[static_cast<std::size_t>(sample.label)];
        const auto found = modelLabels.find(name);
        if (found == modelLabels.end()) {
            m_page->showError(
                [=] {
                    return tr("The dataset's class \"%1\" is not one of the model's classes.")
                        .arg(QString::fromStdString(name));
                },
                [=] { return tr("The model knows: %1").arg(joinNames(modelClasses)); });
            return;
        }
        files.push_back(sample.path);
        labels.push_back(found->second);
    }
    m_task->start([this, model, files, labels, source](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::BatchRunOptions options;
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        auto summary = std::make_shared<const EvaluationSummary>(
            evaluationSummaryFrom(tlw::evaluateFiles(*model, files, labels, options), source));
        return [this, summary] { show(*summary); };
    });
}

void EvaluationController::evaluateFolder(const QString& folder) {
    const std::shared_ptr<const tlw::TrainedModel> model = m_models.model();
    const std::filesystem::path path = toPath(folder);
    const LiveText source = QDir::toNativeSeparators(folder);
    m_task->start([this, model, path, source](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::BatchRunOptions options;
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        auto summary = std::make_shared<const EvaluationSummary>(
            evaluationSummaryFrom(tlw::evaluateFolder(*model, path, options), source));
        return [this, summary] { show(*summary); };
    });
}

void EvaluationController::show(const EvaluationSummary& summary) {
    m_page->showSummary(summary);
    emit evaluated(summary);
}

}  // namespace tlw::ui
