#include "ui/controllers/trained_model_controller.h"

#include <QDir>

#include "core/infer/export_check_images.h"
#include "core/models/backbone.h"
#include "core/models/trained_model.h"
#include "ui/adapters/paths.h"
#include "ui/pages/training_page.h"
#include "ui/util/process_memory.h"
#include "ui/widgets/run_switcher.h"
#include "ui/widgets/runs_panel.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

namespace {
TrainedModelInfo infoOf(const tlw::TrainedModel& model, const QString& path) {
    const tlw::ModelDescription& description = model.description();
    TrainedModelInfo info;
    info.path = path;
    info.backbone = QString::fromStdString(tlw::backboneDisplayName(description.backbone));
    for (const std::string& name : description.classNames) info.classNames << QString::fromStdString(name);
    info.imageSize = description.imageSize.width;
    info.pretrained = description.pretrained;
    info.weightsNote = QString::fromStdString(description.weightsNote);
    info.classThresholds = description.decision.classThresholds;
    return info;
}
}  // namespace

TrainedModelController::TrainedModelController(MainWindow& window, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_load(new BackgroundTask(this)),
      m_save(new BackgroundTask(this)),
      m_export(new BackgroundTask(this)),
      m_exportOnnx(new BackgroundTask(this)) {
    connect(&m_window, &MainWindow::openModelRequested, this, &TrainedModelController::openModel);
    connect(&m_window, &MainWindow::saveModelRequested, this, &TrainedModelController::saveModel);
    connect(&m_window, &MainWindow::exportTorchScriptRequested, this,
            &TrainedModelController::exportTorchScript);
    connect(&m_window, &MainWindow::exportOnnxRequested, this, &TrainedModelController::exportOnnx);
    connect(m_load, &BackgroundTask::failed, this, [this](const QString& message) {
        m_window.showError([=] { return tr("The model could not be opened."); }, message);
        emit failed(message);
    });
    connect(m_save, &BackgroundTask::failed, this, [this](const QString& message) {
        m_window.showError([=] { return tr("The model could not be saved."); }, message);
        emit failed(message);
    });
    connect(m_export, &BackgroundTask::failed, this, [this](const QString& message) {
        m_window.showError([=] { return tr("The model could not be exported to TorchScript."); }, message);
        emit failed(message);
    });
    connect(m_exportOnnx, &BackgroundTask::failed, this, [this](const QString& message) {
        m_window.showError([=] { return tr("The model could not be exported to ONNX."); }, message);
        emit failed(message);
    });
    // The pages that say which run's model they use carry a RunSwitcher; each is kept up to date here.
    for (RunSwitcher* switcher : m_window.findChildren<RunSwitcher*>()) attachRunSwitcher(switcher);
}

TrainedModelController::~TrainedModelController() = default;

void TrainedModelController::attachRunSwitcher(RunSwitcher* switcher) {
    switcher->setRunSource([this] { return m_window.trainingPage()->runsPanel()->runs(); });
    switcher->setModel(m_info.path);
    connect(switcher, &RunSwitcher::runChosen, this, &TrainedModelController::openModel);
    connect(this, &TrainedModelController::modelChanged, switcher,
            [switcher](const TrainedModelInfo& info) { switcher->setModel(info.path); });
}

bool TrainedModelController::isBusy() const {
    return m_load->isRunning() || m_save->isRunning() || m_export->isRunning() || m_exportOnnx->isRunning();
}

void TrainedModelController::setModel(std::shared_ptr<const tlw::TrainedModel> model, const QString& path) {
    m_model = std::move(model);
    m_info = infoOf(*m_model, path);
    m_window.setModelActionsEnabled(true);
    emit modelChanged(m_info);
    // The model this one replaced was freed outside any pass: its large blocks would idle in core's cache.
    releaseFreedMemoryInBackground();
}

void TrainedModelController::openModel(const QString& file) {
    const std::filesystem::path path = toPath(file);
    m_load->start([this, path, file](BackgroundTask::Job&) -> std::function<void()> {
        auto model = std::make_shared<const tlw::TrainedModel>(tlw::TrainedModel::load(path));
        return [this, model, file] {
            setModel(model, file);
            m_window.showStatusMessage(tr("Model opened: %1").arg(QDir::toNativeSeparators(file)));
        };
    });
}

void TrainedModelController::saveModel(const QString& file) {
    if (!m_model) return m_window.showError([=] { return tr("There is no trained model to save yet."); });
    const std::shared_ptr<const tlw::TrainedModel> model = m_model;
    const std::filesystem::path path = toPath(file);
    m_save->start([this, model, path, file](BackgroundTask::Job&) -> std::function<void()> {
        model->save(path);
        return [this, model, file] {
            if (model == m_model) {
                m_info.path = file;
                emit modelChanged(m_info);
            }
            m_window.showStatusMessage(tr("Model saved to %1").arg(QDir::toNativeSeparators(file)));
            emit modelSaved(file);
        };
    });
}

void TrainedModelController::saveDecisionThreshold(double threshold) {
    if (!m_model) return m_window.showError([=] { return tr("There is no trained model to save yet."); });
    tlw::DecisionThresholds decision = m_model->description().decision;
    decision.positiveThreshold = threshold;
    saveDecision(decision, tr("Decision threshold saved in %1"));
}

void TrainedModelController::saveDecision(const tlw::DecisionThresholds& decision,
                                          const QString& statusFormat) {
    const QString file = m_info.path;
    const std::filesystem::path path = toPath(file);
    // The file is read back rather than the shared model changed: evaluation and prediction may be
    // using that one on their threads.
    m_save->start([this, decision, path, file, statusFormat](BackgroundTask::Job&) -> std::function<void()> {
        tlw::TrainedModel model = tlw::TrainedModel::load(path);
        model.setDecisionThresholds(decision);
        model.save(path);
        auto saved = std::make_shared<const tlw::TrainedModel>(std::move(model));
        return [this, saved, file, statusFormat] {
            setModel(saved, file);
            m_window.showStatusMessage(statusFormat.arg(QDir::toNativeSeparators(file)));
            emit modelSaved(file);
        };
    });
}

QString TrainedModelController::checkSummary(const tlw::ExportCheckImages& check,
                                             const tlw::ExportCheckReport& report) const {
    using Origin = tlw::ExportCheckImages::Origin;
    const int count = static_cast<int>(report.imageCount);
    const QString folder = QDir::toNativeSeparators(toQString(check.folder));
    QString images;
    switch (check.origin) {
        case Origin::Given:
        case Origin::Folder:
            images = tr("%n image(s) from %1", "", count).arg(folder);
            break;
        case Origin::TestSplit:
            images = tr("%n test image(s) of %1", "", count).arg(folder);
            break;
        case Origin::ValidationSplit:
            images = tr("%n validation image(s) of %1", "", count).arg(folder);
            break;
        case Origin::DatasetFolder:
            images = tr("%n image(s) of the dataset %1, training images included", "", count).arg(folder);
            break;
        case Origin::Generated:
            images = tr("%n generated image(s)", "", count);
            break;
    }
    return tr("checked with %1 on %2: %3 of %4 labels agree, largest difference %5")
        .arg(QString::fromStdString(report.runtime), images)
        .arg(report.labelsAgreeing)
        .arg(report.imageCount)
        .arg(report.largestDifference, 0, 'g', 2);
}

void TrainedModelController::saveClassThresholds(const std::vector<double>& thresholds) {
    if (!m_model) return m_window.showError([=] { return tr("There is no trained model to save yet."); });
    tlw::DecisionThresholds decision = m_model->description().decision;
    decision.classThresholds = thresholds;
    saveDecision(decision, tr("Class thresholds saved in %1"));
}

void TrainedModelController::exportTorchScript(const QString& file) {
    if (!m_model) return m_window.showError([=] { return tr("There is no trained model to export yet."); });
    const std::shared_ptr<const tlw::TrainedModel> model = m_model;
    const std::filesystem::path path = toPath(file);
    m_export->start([this, model, path, file](BackgroundTask::Job&) -> std::function<void()> {
        const tlw::ExportCheckImages check = tlw::findExportCheckImages(model->description(), std::nullopt);
        const tlw::ExportCheckReport report = model->exportTorchScript(path, check);
        return [this, file, check, report] {
            m_window.showStatusMessage(tr("TorchScript module written to %1, %2")
                                           .arg(QDir::toNativeSeparators(file), checkSummary(check, report)));
            emit torchScriptExported(file);
        };
    });
}

void TrainedModelController::exportOnnx(const QString& file) {
    if (!m_model) return m_window.showError([=] { return tr("There is no trained model to export yet."); });
    const std::shared_ptr<const tlw::TrainedModel> model = m_model;
    const std::filesystem::path path = toPath(file);
    m_exportOnnx->start([this, model, path, file](BackgroundTask::Job&) -> std::function<void()> {
        const tlw::ExportCheckImages check = tlw::findExportCheckImages(model->description(), std::nullopt);
        const tlw::ExportCheckReport report = model->exportOnnx(path, check);
        return [this, file, check, report] {
            m_window.showStatusMessage(tr("ONNX model written to %1, %2")
                                           .arg(QDir::toNativeSeparators(file), checkSummary(check, report)));
            emit onnxExported(file);
        };
    });
}

}  // namespace tlw::ui
