#include "ui/controllers/triage_controller.h"

#include <QDir>
#include <algorithm>

#include "core/eval/decision_rule.h"
#include "core/eval/folder_triage.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "ui/adapters/paths.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/pages/predict_page.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

namespace {

tlw::TriagePlacement placementOf(TriageRequest::Placement placement) {
    switch (placement) {
        case TriageRequest::Placement::Copy:
            return tlw::TriagePlacement::Copy;
        case TriageRequest::Placement::Link:
            return tlw::TriagePlacement::Symlink;
        default:
            return tlw::TriagePlacement::None;
    }
}

TriageRow rowFrom(const tlw::TriageResult& result, const tlw::TriagedImage& image) {
    const tlw::ImagePrediction& prediction = image.prediction;
    TriageRow row;
    row.rank = static_cast<int>(image.rank);
    row.path = toQString(prediction.file);
    row.placedAt = toQString(image.placedAt);
    row.error = QString::fromStdString(prediction.error.empty() ? image.placeError : prediction.error);
    if (!prediction.error.empty()) return row;
    row.unknown = prediction.answer == tlw::kUnknownClass;
    if (!row.unknown)
        row.answer =
            QString::fromStdString(result.classNames.at(static_cast<std::size_t>(prediction.answer)));
    // The probability the ranking used: the ranked class's, else the answer's (the top class's if unknown).
    int shown = result.rankedClass >= 0 ? result.rankedClass : prediction.answer;
    if (shown < 0)
        shown = static_cast<int>(
            std::max_element(prediction.probabilities.begin(), prediction.probabilities.end()) -
            prediction.probabilities.begin());
    row.probability = prediction.probabilities.at(static_cast<std::size_t>(shown));
    return row;
}

}  // namespace

TriageController::TriageController(MainWindow& window, TrainedModelController& models, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_models(models),
      m_dialog(new TriageDialog(&window)),
      m_task(new BackgroundTask(this)) {
    connect(window.predictPage(), &PredictPage::triageRequested, this, &TriageController::openDialog);
    connect(&m_models, &TrainedModelController::modelChanged, this, &TriageController::onModelChanged);
    connect(m_dialog, &TriageDialog::runRequested, this, &TriageController::run);
    connect(m_dialog, &TriageDialog::cancelRequested, this, &TriageController::cancel);
    connect(m_dialog, &TriageDialog::exportRequested, this, &TriageController::exportCsv);
    connect(m_task, &BackgroundTask::started, m_dialog, [this] { m_dialog->setBusy(true); });
    connect(m_task, &BackgroundTask::finished, m_dialog, [this] { m_dialog->setBusy(false); });
    connect(m_task, &BackgroundTask::progressed, m_dialog, &TriageDialog::showProgress);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_dialog->showMessage([=] { return tr("The folder could not be triaged: %1").arg(message); });
    });
    connect(m_task, &BackgroundTask::cancelled, this,
            [this] { m_dialog->showMessage([=] { return tr("Triage cancelled."); }); });
}

TriageController::~TriageController() = default;

bool TriageController::isBusy() const { return m_task->isRunning(); }

void TriageController::cancel() { m_task->cancel(); }

void TriageController::onModelChanged(const TrainedModelInfo& info) {
    m_dialog->setClassNames(info.classNames);
    m_result.reset();
    m_dialog->showRows({}, QString());
}

void TriageController::openDialog() {
    if (!m_models.hasModel()) {
        m_window.showPage(MainWindow::PageId::Predict);
        m_window.predictPage()->showError(
            [=] { return tr("There is no trained model to triage with yet."); },
            [=] { return tr("Train one on the Training page, or open a model file (File ▸ Open Model…)."); });
        return;
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void TriageController::run(const TriageRequest& request) {
    if (!m_models.hasModel()) return;
    tlw::TriageOptions options;
    const std::shared_ptr<const tlw::TrainedModel> model = m_models.model();
    if (request.rankedClass >= 0)
        options.rankedClass =
            model->description().classNames.at(static_cast<std::size_t>(request.rankedClass));
    options.placement = placementOf(request.placement);
    if (options.placement != tlw::TriagePlacement::None) options.destination = toPath(request.destination);
    const std::filesystem::path folder = toPath(request.folder);
    m_dialog->showMessage(QString());
    m_task->start([this, model, folder, options](BackgroundTask::Job& job) mutable -> std::function<void()> {
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        auto result = std::make_shared<const tlw::TriageResult>(tlw::triageFolder(*model, folder, options));
        return [this, result] { showResult(result); };
    });
}

void TriageController::showResult(std::shared_ptr<const tlw::TriageResult> result) {
    m_result = std::move(result);
    std::vector<TriageRow> rows;
    rows.reserve(m_result->images.size());
    for (const tlw::TriagedImage& image : m_result->images) rows.push_back(rowFrom(*m_result, image));
    m_dialog->showRows(std::move(rows), [result = m_result] { return summaryOf(*result); });
}

QString TriageController::summaryOf(const tlw::TriageResult& result) {
    const int images = static_cast<int>(result.images.size());
    if (images == 0) return tr("No image files were found there.");
    QStringList parts;
    parts << (result.rankedClass >= 0
                  ? tr("%n image(s) ranked by the probability of %1.", nullptr, images)
                        .arg(QString::fromStdString(
                            result.classNames.at(static_cast<std::size_t>(result.rankedClass))))
                  : tr("%n image(s) ranked by their answer's probability.", nullptr, images));
    parts << tr("%n answered unknown.", nullptr, static_cast<int>(result.answerCount(tlw::kUnknownClass)));
    if (result.unreadableCount() > 0)
        parts << tr("%n could not be read.", nullptr, static_cast<int>(result.unreadableCount()));
    if (result.placedCount() > 0)
        parts << tr("%n placed in the destination.", nullptr, static_cast<int>(result.placedCount()));
    if (result.renamedCount() > 0)
        parts << tr("%n got a suffix: the name was taken.", nullptr, static_cast<int>(result.renamedCount()));
    if (result.placeFailureCount() > 0)
        parts << tr("%n could not be placed.", nullptr, static_cast<int>(result.placeFailureCount()));
    // Chinese runs sentences together without a space: the gap is the translation's.
    QString text = parts.takeFirst();
    for (const QString& sentence : parts)
        text = tr("%1 %2", "one sentence after another").arg(text, sentence);
    return text;
}

bool TriageController::exportCsv(const QString& file) {
    if (!m_result) {
        m_dialog->showMessage([=] { return tr("There is no triage to export yet."); });
        return false;
    }
    try {
        tlw::writeFileAtomically(toPath(file), tlw::triageToCsv(*m_result));
    } catch (const std::exception& error) {
        m_dialog->showMessage(
            [=] { return tr("The triage could not be exported: %1").arg(QString::fromUtf8(error.what())); });
        return false;
    }
    m_dialog->showMessage([=] { return tr("Exported to %1.").arg(QDir::toNativeSeparators(file)); });
    return true;
}

}  // namespace tlw::ui
