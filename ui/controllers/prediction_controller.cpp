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
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/prediction_card.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"
#include "ui/workers/grad_cam_loader.h"
#include "ui/workers/similar_search.h"

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
      m_task(new BackgroundTask(this)),
      m_similarTask(new BackgroundTask(this)),
      m_gradCams(new GradCamLoader(this)) {
    connect(&m_window, &MainWindow::predictionRequested, this, &PredictionController::predict);
    connect(m_page, &PredictPage::imagePasted, this, &PredictionController::predictImage);
    connect(m_page, &PredictPage::cancelRequested, this, &PredictionController::cancel);
    connect(m_page, &PredictPage::cleared, this, [this] {
        m_shown.clear();
        m_gradCams->request({});  // the cards are gone: their maps are not wanted any more
        m_similarTask->cancel();
    });
    connect(&m_window, &MainWindow::exportPredictionsRequested, this, &PredictionController::exportCsv);
    connect(&m_models, &TrainedModelController::modelChanged, this, &PredictionController::onModelChanged);
    connect(m_task, &BackgroundTask::started, m_page, [this] { m_page->setBusy(true); });
    connect(m_task, &BackgroundTask::finished, m_page, [this] { m_page->setBusy(false); });
    connect(m_task, &BackgroundTask::progressed, m_page, &PredictPage::showProgress);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->showError([=] { return tr("The images could not be classified."); }, message);
    });
    connectInsights();
}

// The remembered switches, and the maps and similar images as they arrive.
void PredictionController::connectInsights() {
    Preferences& preferences = m_window.preferences();
    m_page->setShowGradCam(preferences.predictGradCamShown());
    m_page->setSimilarPerClass(preferences.similarPerClass());
    connect(m_page, &PredictPage::gradCamToggled, this, [this](bool show) {
        m_window.preferences().setPredictGradCamShown(show);
        requestGradCams();
    });
    connect(m_page, &PredictPage::similarPerClassToggled, this, [this](bool perClass) {
        m_window.preferences().setSimilarPerClass(perClass);
        findSimilarImages();
    });
    connect(m_gradCams, &GradCamLoader::mapReady, this, &PredictionController::showGradCam);
    connect(m_gradCams, &GradCamLoader::mapFailed, this,
            [this](const QString& key, int classIndex, const QString& reason) {
                for (PredictionCard* card : m_page->cards())
                    if (card->imageKey() == key && card->topClassIndex() == classIndex)
                        card->setHeatMapError(reason);
            });
    connect(m_similarTask, &BackgroundTask::failed, this, [this](const QString& message) {
        QStringList searching;
        for (PredictionCard* card : m_page->cards())
            if (!m_similar.contains(similarKey(card->result().imagePath)))
                searching << card->result().imagePath;
        showSimilarMessage(searching, tr("Similar training images cannot be shown: %1").arg(message));
    });
}

PredictionController::~PredictionController() = default;

bool PredictionController::isBusy() const { return m_task->isRunning(); }

bool PredictionController::isFindingSimilarImages() const { return m_similarTask->isRunning(); }

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
            useInsightModel(model);
            if (!asTable) {
                requestGradCams();
                findSimilarImages();
            }
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
            useInsightModel(model);
            requestGradCams();
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

// Maps and similar images belong to the model that classified the cards.
void PredictionController::useInsightModel(const std::shared_ptr<const tlw::TrainedModel>& model) {
    if (model == m_insightModel) return;
    m_insightModel = model;
    m_gradCams->setModel(model);
    m_similar.clear();
}

void PredictionController::requestGradCams() {
    if (!m_page->showsGradCam() || m_page->isShowingTable()) return m_gradCams->request({});
    std::vector<GradCamRequest> wanted;
    for (PredictionCard* card : m_page->cards()) {
        const int top = card->topClassIndex();
        if (top < 0 || card->hasHeatMap()) continue;
        if (m_gradCams->heatMap(card->imageKey(), top)) {
            showGradCam(card->imageKey(), top);
            continue;
        }
        wanted.push_back({card->imageKey(), card->result().imagePath, card->result().image, top});
    }
    m_gradCams->request(wanted);
}

void PredictionController::showGradCam(const QString& key, int classIndex) {
    const std::optional<HeatMap> map = m_gradCams->heatMap(key, classIndex);
    if (!map) return;
    for (PredictionCard* card : m_page->cards())
        if (card->imageKey() == key && card->topClassIndex() == classIndex) card->setHeatMap(*map);
}

QString PredictionController::similarKey(const QString& path) const {
    return (m_page->similarPerClass() ? QStringLiteral("class:") : QStringLiteral("k:")) + path;
}

// The cards whose images have no "looks like" yet, all in one search: the training images' features are
// read (or computed) once per batch, not once per card.
void PredictionController::findSimilarImages() {
    if (m_insightModel == nullptr || m_page->isShowingTable()) return;
    QStringList queries;
    for (PredictionCard* card : m_page->cards()) {
        const QString path = card->result().imagePath;
        if (path.isEmpty() || !card->result().error.isEmpty()) continue;  // pasted, or unreadable
        const auto cached = m_similar.constFind(similarKey(path));
        if (cached != m_similar.constEnd()) {
            card->similarStrip()->showImages(*cached, m_page->similarPerClass());
            continue;
        }
        card->similarStrip()->showSearching();
        if (!queries.contains(path)) queries << path;
    }
    m_page->requestSimilarThumbnails();
    if (queries.isEmpty()) return;
    const std::shared_ptr<const tlw::TrainedModel> model = m_insightModel;
    const bool perClass = m_page->similarPerClass();
    m_similarTask->start([this, model, queries, perClass](BackgroundTask::Job& job) -> std::function<void()> {
        auto found = std::make_shared<const SimilarSearchResult>(
            searchSimilarImages(*model, queries, kSimilarImages, perClass, &job.cancelFlag()));
        return [this, model, queries, perClass, found] {
            if (model != m_insightModel || perClass != m_page->similarPerClass()) return;
            if (!found->missingTrainingFolder.isEmpty())
                return showSimilarMessage(
                    queries, tr("The training images are no longer in %1 (moved or deleted), so similar "
                                "ones cannot be shown.")
                                 .arg(QDir::toNativeSeparators(found->missingTrainingFolder)));
            for (const QString& query : queries) {
                const QString error = found->errors.value(query);
                if (!error.isEmpty()) {
                    showSimilarMessage({query}, error);
                    continue;
                }
                m_similar.insert(similarKey(query), found->nearest.value(query));
                showSimilarImages(query, found->nearest.value(query));
            }
            m_page->requestSimilarThumbnails();
        };
    });
}

void PredictionController::showSimilarImages(const QString& path,
                                             const std::vector<SimilarTrainingImage>& images) {
    for (PredictionCard* card : m_page->cards())
        if (card->result().imagePath == path)
            card->similarStrip()->showImages(images, m_page->similarPerClass());
}

void PredictionController::showSimilarMessage(const QStringList& paths, const QString& message) {
    for (PredictionCard* card : m_page->cards())
        if (!card->result().imagePath.isEmpty() && paths.contains(card->result().imagePath))
            card->similarStrip()->showMessage(message);
}

}  // namespace tlw::ui
