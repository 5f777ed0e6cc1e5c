#include "screenshots.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTextStream>
#include <QThread>

#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
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

// Runs the event loop until `done` says so, or two minutes have passed.
template <typename Done>
bool waitUntil(Done done) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > 120000) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

}  // namespace

ScreenshotOptions::Parser::Parser(QCommandLineParser& parser)
    : m_pages(QStringLiteral("screenshot-pages"), QStringLiteral("Pages to render (comma-separated)."),
              QStringLiteral("LIST")),
      m_suffix(QStringLiteral("screenshot-suffix"), QStringLiteral("Appended to each file name."),
               QStringLiteral("TEXT")),
      m_backbone(QStringLiteral("screenshot-backbone"), QStringLiteral("Backbone to show."),
                 QStringLiteral("ID")),
      m_fineTune(QStringLiteral("screenshot-fine-tune"), QStringLiteral("Apply the fine-tune preset.")) {
    for (QCommandLineOption* option : {&m_pages, &m_suffix, &m_backbone, &m_fineTune}) {
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
        tlw::ui::ModelSettings settings = model->modelSettings();
        settings.backbone = options.backbone;
        settings.trainable.clear();
        workbench.model().applySettings(settings);
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
        if (id == PageId::Dataset)
            waitUntil([timer = QElapsedTimer()]() mutable {
                if (!timer.isValid()) timer.start();
                return timer.elapsed() > 1500;
            });
        if (!save(window, fileFor(name))) ++failures;
    }
    if (wanted("about")) {
        tlw::ui::AboutDialog* about = window.aboutDialog();
        about->show();
        if (!save(*about, fileFor("about"))) ++failures;
        about->hide();
    }
    return failures;
}
