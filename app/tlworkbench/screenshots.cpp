#include "screenshots.h"

#include <QComboBox>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextStream>
#include <QThread>
#include <algorithm>

#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/evaluation_controller.h"
#include "ui/controllers/fine_tune_sweep_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/prediction_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/training_controller.h"
#include "ui/controllers/triage_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/fine_tune_sweep_dialog.h"
#include "ui/dialogs/getting_started_dialog.h"
#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/dialogs/triage_dialog.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/pages/training_page.h"
#include "ui/widgets/class_thresholds_panel.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace {

bool save(QWidget& widget, const QString& file) {
    // Two passes let layouts, queued replots and batched item layouts settle before the grab.
    for (int pass = 0; pass < 2; ++pass) QCoreApplication::processEvents();
    const bool ok = widget.grab().save(file, "PNG");
    QTextStream(ok ? stdout : stderr)
        << (ok ? "wrote " : "tlworkbench: error: cannot write ") << file << '\n';
    return ok;
}

// Runs the event loop until `done` says so, or `timeoutMs` (two minutes) have passed.
template <typename Done>
bool waitUntil(Done done, qint64 timeoutMs = 120000) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

// The Dataset page's Audit view after an audit of the dataset shown, its first suspect on show.
bool saveAudit(tlw::ui::MainWindow& window, tlw::ui::Workbench& workbench, const QString& file) {
    window.showPage(tlw::ui::MainWindow::PageId::Dataset);
    tlw::ui::DatasetPage* page = window.datasetPage();
    page->tabs()->setCurrentIndex(tlw::ui::DatasetPage::kAuditTab);
    workbench.datasets().runAudit();
    if (!waitUntil([&] { return !workbench.datasets().isAuditing(); }, 600000)) return false;
    const bool saved = save(window, file);
    page->tabs()->setCurrentIndex(tlw::ui::DatasetPage::kImagesTab);
    return saved;
}

// The Dataset page's Map (t-SNE) after an audit of the dataset shown.
bool saveMap(tlw::ui::MainWindow& window, tlw::ui::Workbench& workbench, const QString& file) {
    window.showPage(tlw::ui::MainWindow::PageId::Dataset);
    tlw::ui::DatasetPage* page = window.datasetPage();
    page->tabs()->setCurrentIndex(tlw::ui::DatasetPage::kMapTab);
    workbench.datasets().runAudit();
    if (!waitUntil([&] { return !workbench.datasets().isAuditing(); }, 600000)) return false;
    const bool saved = save(window, file);
    page->tabs()->setCurrentIndex(tlw::ui::DatasetPage::kImagesTab);
    return saved;
}

// The pages after a real run: its curves, its evaluation on the dataset's split, its predictions.
bool trainEvaluateAndPredict(tlw::ui::Workbench& workbench, const ScreenshotOptions& options) {
    tlw::ui::MainWindow& window = workbench.window();
    tlw::TrainingConfig settings = window.trainingPage()->settings();
    settings.epochs = options.trainEpochs;
    settings.earlyStopping.enabled = false;
    settings.fineTune.reset();
    if (options.fineTuneEpochs > 0) {
        settings.fineTune = tlw::FineTuneSettings{};
        settings.fineTune->epochs = options.fineTuneEpochs;
        settings.fineTune->learningRate = settings.learningRate / 10;
    }
    window.trainingPage()->setSettings(settings);
    window.trainingPage()->requestStart();
    constexpr qint64 kRunLimitMs = 30 * 60 * 1000;
    if (!workbench.training().isRunning() ||
        !waitUntil([&] { return !workbench.training().isRunning(); }, kRunLimitMs) ||
        !waitUntil([&] { return workbench.trainedModels().hasModel(); })) {
        QTextStream(stderr) << "tlworkbench: error: the training run failed: "
                            << window.trainingPage()->banner()->details() << '\n';
        return false;
    }
    emit window.evaluateRequested(QString());
    waitUntil([&] { return !workbench.evaluation().isBusy(); });
    if (!options.predict.isEmpty()) {
        // The cards as a user sees them with "Show where the model looks" on: their maps and the training
        // images they look like (both computed in the background after the predictions).
        window.predictPage()->setShowGradCam(true);
        emit window.predictionRequested(options.predict);
        waitUntil([&] { return !workbench.prediction().isBusy(); });
        waitUntil([&] { return !workbench.prediction().isFindingSimilarImages(); });
        waitUntil([timer = QElapsedTimer()]() mutable {  // the maps and the neighbours' thumbnails
            if (!timer.isValid()) timer.start();
            return timer.elapsed() > 3000;
        });
    }
    return true;
}

// A trained model opened as File > Open Model does, then evaluated on the dataset's split.
bool openAndEvaluate(tlw::ui::Workbench& workbench, const QString& model) {
    tlw::ui::MainWindow& window = workbench.window();
    emit window.openModelRequested(model);
    if (!waitUntil([&] { return workbench.trainedModels().hasModel(); })) {
        QTextStream(stderr) << "tlworkbench: error: " << model << ": the model did not open\n";
        return false;
    }
    emit window.evaluateRequested(QString());
    waitUntil([&] { return !workbench.evaluation().isBusy(); });
    return true;
}

// The Triage dialog over a folder, ranked by the model's last class (the positive one of two), no copies.
bool triageAndShoot(tlw::ui::Workbench& workbench, const ScreenshotOptions& options, const QString& file) {
    workbench.window().showPage(tlw::ui::MainWindow::PageId::Predict);
    workbench.triage().openDialog();
    tlw::ui::TriageDialog* dialog = workbench.triage().dialog();
    dialog->resize(workbench.window().size() * 0.8);
    dialog->folderEdit()->setText(QDir::toNativeSeparators(options.triage));
    dialog->classCombo()->setCurrentIndex(dialog->classCombo()->count() - 1);
    dialog->runButton()->click();
    waitUntil([&] { return !workbench.triage().isBusy(); });
    waitUntil([timer = QElapsedTimer()]() mutable {  // the thumbnails
        if (!timer.isValid()) timer.start();
        return timer.elapsed() > 1500;
    });
    const bool saved = save(*dialog, file);
    dialog->hide();
    return saved;
}

// The sweep dialog after a real sweep of the backbone's proposed candidates, fine-tuning epochs from
// --screenshot-train's second number (2 when none).
bool sweepAndShoot(tlw::ui::Workbench& workbench, const ScreenshotOptions& options, const QString& file) {
    workbench.window().showPage(tlw::ui::MainWindow::PageId::Training);
    workbench.fineTuneSweep().openDialog();
    tlw::ui::FineTuneSweepDialog* dialog = workbench.fineTuneSweep().dialog();
    dialog->resize(workbench.window().size() * 0.9);
    dialog->epochsSpin()->setValue(options.fineTuneEpochs > 0 ? options.fineTuneEpochs : 2);
    dialog->runButton()->click();
    waitUntil([&] { return workbench.fineTuneSweep().isRunning(); }, 5000);
    waitUntil([&] { return !workbench.fineTuneSweep().isRunning(); }, 30 * 60 * 1000);
    const bool saved = save(*dialog, file);
    dialog->hide();
    return saved;
}

}  // namespace

ScreenshotOptions::Parser::Parser(QCommandLineParser& parser)
    : m_pages(QStringLiteral("screenshot-pages"), QStringLiteral("Pages to render (comma-separated)."),
              QStringLiteral("LIST")),
      m_suffix(QStringLiteral("screenshot-suffix"), QStringLiteral("Appended to each file name."),
               QStringLiteral("TEXT")),
      m_backbone(QStringLiteral("screenshot-backbone"), QStringLiteral("Backbone to show."),
                 QStringLiteral("ID")),
      m_fineTune(QStringLiteral("screenshot-fine-tune"), QStringLiteral("Apply the fine-tune preset.")),
      m_train(QStringLiteral("screenshot-train"),
              QStringLiteral("Train first: EPOCHS, or EPOCHS:FINE_TUNE_EPOCHS for two phases."),
              QStringLiteral("SPEC")),
      m_predict(QStringLiteral("screenshot-predict"),
                QStringLiteral("Files or folders to classify after training."), QStringLiteral("PATH")),
      m_model(QStringLiteral("screenshot-model"),
              QStringLiteral("A model to open and evaluate instead of training."), QStringLiteral("FILE")),
      m_triage(QStringLiteral("screenshot-triage"), QStringLiteral("A folder to triage after training."),
               QStringLiteral("FOLDER")),
      m_classThreshold(QStringLiteral("screenshot-class-threshold"),
                       QStringLiteral("Every class's threshold on the thresholds tab."),
                       QStringLiteral("P")) {
    for (QCommandLineOption* option : {&m_pages, &m_suffix, &m_backbone, &m_fineTune, &m_train, &m_predict,
                                       &m_model, &m_triage, &m_classThreshold}) {
        option->setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(*option);
    }
}

ScreenshotOptions ScreenshotOptions::Parser::read(const QCommandLineParser& parser) const {
    ScreenshotOptions options;
    if (parser.isSet(m_pages))
        options.pages = parser.value(m_pages).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.suffix = parser.value(m_suffix);
    options.backbone = parser.value(m_backbone);
    options.fineTunePreset = parser.isSet(m_fineTune);
    const QStringList train = parser.value(m_train).split(QLatin1Char(':'));
    options.trainEpochs = train.value(0).toInt();
    options.fineTuneEpochs = train.value(1).toInt();
    options.predict = parser.values(m_predict);
    options.model = parser.value(m_model);
    options.triage = parser.value(m_triage);
    options.classThreshold = parser.value(m_classThreshold).toDouble();
    return options;
}

int renderScreenshots(tlw::ui::Workbench& workbench, const ScreenshotOptions& options) {
    using PageId = tlw::ui::MainWindow::PageId;
    tlw::ui::MainWindow& window = workbench.window();
    if (!QDir().mkpath(options.folder)) {
        QTextStream(stderr) << "tlworkbench: error: " << options.folder << ": cannot create the folder\n";
        return 1;
    }
    int failures = 0;
    tlw::ui::ModelPage* model = window.modelPage();
    if (!options.backbone.isEmpty()) {
        workbench.model().applySettings(model->modelSettings().withBackbone(options.backbone));
    }
    if (!options.dataset.isEmpty()) {
        window.openDatasetFolder(options.dataset);
        if (!waitUntil([&] { return !workbench.datasets().isScanning(); }) ||
            !window.datasetPage()->hasDataset()) {
            QTextStream(stderr) << "tlworkbench: error: " << options.dataset
                                << ": the dataset did not open\n";
            ++failures;
        }
    }
    if (!waitUntil([&] { return !workbench.model().isBusy(); })) ++failures;
    if (options.fineTunePreset) model->applyFineTunePreset();
    if (options.trainEpochs > 0 && !trainEvaluateAndPredict(workbench, options)) ++failures;
    if (!options.model.isEmpty() && !openAndEvaluate(workbench, options.model)) ++failures;

    const std::pair<PageId, const char*> pages[] = {{PageId::Dataset, "dataset"},
                                                    {PageId::Model, "model"},
                                                    {PageId::Training, "training"},
                                                    {PageId::Evaluation, "evaluation"},
                                                    {PageId::Predict, "predict"}};
    const auto wanted = [&](const char* name) {
        return options.pages.isEmpty() || options.pages.contains(QLatin1String(name));
    };
    const auto fileFor = [&](const char* name) {
        return QDir(options.folder)
            .filePath(QStringLiteral("%1-%2%3.png").arg(options.prefix, QLatin1String(name), options.suffix));
    };
    for (const auto& [id, name] : pages) {
        if (!wanted(name)) continue;
        window.showPage(id);
        // Thumbnails load on worker threads; give them a moment to arrive.
        if (id == PageId::Dataset || id == PageId::Evaluation)
            waitUntil([timer = QElapsedTimer()]() mutable {
                if (!timer.isValid()) timer.start();
                return timer.elapsed() > 1500;
            });
        if (!save(window, fileFor(name))) ++failures;
    }
    // Opt-in (not in the default set): the audit computes features of every image first.
    if (options.pages.contains(QLatin1String("audit")) && !saveAudit(window, workbench, fileFor("audit")))
        ++failures;
    if (options.pages.contains(QLatin1String("dataset-map")) &&
        !saveMap(window, workbench, fileFor("dataset-map")))
        ++failures;
    if (wanted("thresholds")) {
        window.showPage(PageId::Evaluation);
        tlw::ui::EvaluationPage* evaluation = window.evaluationPage();
        evaluation->resultTabs()->setCurrentIndex(evaluation->classThresholdsTab());
        evaluation->classThresholds()->slider()->setValue(static_cast<int>(options.classThreshold * 100.0));
        if (!save(window, fileFor("thresholds"))) ++failures;
    }
    if (wanted("triage") && !options.triage.isEmpty() &&
        !triageAndShoot(workbench, options, fileFor("triage")))
        ++failures;
    // Opt-in as well: a sweep trains one model per candidate.
    if (options.pages.contains(QLatin1String("sweep")) &&
        !sweepAndShoot(workbench, options, fileFor("sweep")))
        ++failures;
    if (wanted("about")) {
        tlw::ui::AboutDialog* about = window.aboutDialog();
        about->show();
        if (!save(*about, fileFor("about"))) ++failures;
        about->hide();
    }
    if (wanted("getting-started")) {
        tlw::ui::GettingStartedDialog* guide = window.gettingStartedDialog();
        guide->show();
        if (!save(*guide, fileFor("getting-started"))) ++failures;
        guide->hide();
    }
    const tlw::ui::DatasetPage* datasetPage = window.datasetPage();
    if (wanted("viewer") && datasetPage->hasDataset() && !datasetPage->overview().classes.empty()) {
        const tlw::ui::DatasetClassSummary& first = datasetPage->overview().classes.front();
        tlw::ui::ImageViewerDialog viewer(&window);
        viewer.resize(800, 600);
        viewer.showImages(first.imagePaths, {}, 0);
        viewer.show();
        if (!save(viewer, fileFor("viewer"))) ++failures;
    }
    return failures;
}
