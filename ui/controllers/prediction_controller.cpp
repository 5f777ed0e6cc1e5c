#include "ui/controllers/prediction_controller.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "core/eval/decision_rule.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/result_adapters.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/pages/predict_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

namespace {
// How a pasted image appears in the CSV: it has no file.
constexpr char kClipboardName[] = "(clipboard)";
}  // namespace

PredictionController::PredictionController(MainWindow& window, TrainedModelController& models,
                                           QObject* parent)
    : QObject(parent),
      m_window(window),
      m_models(models),
      m_page(window.predictPage()),
      m_task(new BackgroundTask(this)) {
    connect(&m_window, &MainWindow::predictionRequested, this, &PredictionController::predict);
    connect(m_page, &PredictPage::imagePasted, this, &PredictionController::predictImage);
    connect(m_page, &PredictPage::cancelRequested, this, &PredictionController::cancel);
    connect(m_page, &PredictPage::cleared, this, [this] { m_shown.clear(); });
    connect(&m_window, &MainWindow::exportPredictionsRequested, this, &PredictionController::exportCsv);
    connect(&m_models, &TrainedModelController::modelChanged, this, &PredictionController::onModelChanged);
    connect(m_task, &BackgroundTask::started, m_page, [this] { m_page->setBusy(true); });
    connect(m_task, &BackgroundTask::finished, m_page, [this] { m_page->setBusy(false); });
    connect(m_task, &BackgroundTask::progressed, m_page, &PredictPage::showProgress);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->showError([=] { return tr("The images could not be classified."); }, message);
    });
}

PredictionController::~PredictionController() = default;

bool PredictionController::isBusy() const { return m_task->isRunning(); }

void PredictionController::cancel() { m_task->cancel(); }

void PredictionController::onModelChanged(const TrainedModelInfo& info) {
    const bool sameModel = m_page->modelInfo().isValid() && m_page->modelInfo().path == info.path;
    m_page->setModelInfo(info);
    // Another model's answers would be mistaken for this one's.
    if (!sameModel) m_page->clearPredictions();
}

bool PredictionController::requireModel() {
    if (m_models.hasModel()) return true;
    m_window.showPage(MainWindow::PageId::Predict);
    m_page->showError(
        [=] { return tr("There is no trained model to classify with yet."); },
        [=] { return tr("Train one on the Training page, or open a model file (File ▸ Open Model…)."); });
    return false;
}

void PredictionController::predict(const QStringList& paths) {
    m_window.showPage(MainWindow::PageId::Predict);
    if (paths.isEmpty() || !requireModel()) return;
    m_page->banner()->hide();
    const bool asTable =
        std::any_of(paths.begin(), paths.end(), [](const QString& p) { return QFileInfo(p).isDir(); });
    std::vector<std::filesystem::path> inputs;
    for (const QString& path : paths) inputs.push_back(toPath(path));
    const std::shared_ptr<const tlw::TrainedModel> model = m_models.model();
    m_task->start([this, model, inputs, asTable](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::PredictionOptions options;
        options.topK = kTopK;
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        auto predictions = std::make_shared<const std::vector<tlw::ImagePrediction>>(
            tlw::predictImages(*model, inputs, options));
        return [this, model, predictions, asTable] {
            // A table replaces what was shown; cards add to cards of the same model.
            if (asTable || m_page->isShowingTable() || m_classNames != model->description().classNames)
                m_shown.clear();
            m_classNames = model->description().classNames;
            m_decision = model->description().decision;
            if (asTable) {
                std::vector<PredictionResult> rows;
                rows.reserve(predictions->size());
                for (const tlw::ImagePrediction& prediction : *predictions)
                    rows.push_back(
                        predictionResultFrom(prediction, model->description().decision, m_classNames));
                QStringList classes;
                for (const std::string& name : m_classNames) classes << QString::fromStdString(name);
                m_page->showTable(classes, rows);
            } else {
                for (const tlw::ImagePrediction& prediction : *predictions)
                    m_page->addPrediction(
                        predictionResultFrom(prediction, model->description().decision, m_classNames));
            }
            m_shown.insert(m_shown.end(), predictions->begin(), predictions->end());
            if (predictions->empty())
                m_page->showWarning([=] { return tr("No image files were found there."); });
        };
    });
}

void PredictionController::predictImage(const QImage& image) {
    m_window.showPage(MainWindow::PageId::Predict);
    if (image.isNull() || !requireModel()) return;
    m_page->banner()->hide();
    const std::shared_ptr<const tlw::TrainedModel> model = m_models.model();
    const QImage copy = image;
    m_task->start([this, model, copy](BackgroundTask::Job&) -> std::function<void()> {
        const std::vector<std::vector<float>> probabilities = model->probabilities({rgbImageFrom(copy)});
        auto prediction = std::make_shared<tlw::ImagePrediction>();
        prediction->file = kClipboardName;
        prediction->probabilities = probabilities.at(0);
        prediction->top = tlw::topClasses(prediction->probabilities, model->description().classNames, kTopK);
        prediction->answer = tlw::decideClass(prediction->probabilities, model->description().decision);
        return [this, model, prediction, copy] {
            if (m_classNames != model->description().classNames || m_page->isShowingTable()) m_shown.clear();
            m_classNames = model->description().classNames;
            m_decision = model->description().decision;
            PredictionResult result = predictionResultFrom(*prediction, model->description().decision,
                                                           model->description().classNames);
            result.imagePath.clear();
            result.image = copy;
            m_page->addPrediction(result);
            m_shown.push_back(*prediction);
        };
    });
}

bool PredictionController::exportCsv(const QString& file) {
    if (m_shown.empty()) {
        m_page->showError([=] { return tr("There are no predictions to export yet."); });
        return false;
    }
    try {
        tlw::writeFileAtomically(toPath(file), tlw::predictionsToCsv(m_shown, m_classNames, m_decision));
    } catch (const std::exception& error) {
        m_page->showError([=] { return tr("The predictions could not be exported."); },
                          QString::fromUtf8(error.what()));
        return false;
    }
    const int exported = static_cast<int>(m_shown.size());
    m_page->showInformation([exported] { return tr("%n prediction(s) exported.", nullptr, exported); },
                            QDir::toNativeSeparators(file));
    return true;
}

}  // namespace tlw::ui
