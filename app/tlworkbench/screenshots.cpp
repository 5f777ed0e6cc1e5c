#include "screenshots.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTextStream>

#include "ui/dialogs/about_dialog.h"
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

}  // namespace

int renderScreenshots(tlw::ui::MainWindow& window, const QString& folder, const QString& prefix) {
    using PageId = tlw::ui::MainWindow::PageId;
    if (!QDir().mkpath(folder)) {
        QTextStream(stderr) << "tlworkbench: error: " << folder << ": cannot create the folder\n";
        return 1;
    }
    const std::pair<PageId, const char*> pages[] = {{PageId::Dataset, "dataset"},
                                                    {PageId::Model, "model"},
                                                    {PageId::Training, "training"},
                                                    {PageId::Evaluation, "evaluation"},
                                                    {PageId::Predict, "predict"}};
    int failures = 0;
    for (const auto& [id, name] : pages) {
        window.showPage(id);
        if (!save(window,
                  QDir(folder).filePath(QStringLiteral("%1-%2.png").arg(prefix, QLatin1String(name)))))
            ++failures;
    }
    tlw::ui::AboutDialog* about = window.aboutDialog();
    about->show();
    if (!save(*about, QDir(folder).filePath(QStringLiteral("%1-about.png").arg(prefix)))) ++failures;
    about->hide();
    return failures;
}
