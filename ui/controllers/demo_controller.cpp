#include "ui/controllers/demo_controller.h"

#include "ui/adapters/paths.h"
#include "ui/pages/dataset_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

DemoController::DemoController(MainWindow& window, QObject* parent)
    : QObject(parent), m_window(window), m_task(new BackgroundTask(this)) {
    DatasetPage* page = m_window.datasetPage();
    connect(&m_window, &MainWindow::demoDataRequested, this, &DemoController::openDemo);
    connect(page, &DatasetPage::cancelRequested, this, &DemoController::cancel);
    connect(m_task, &BackgroundTask::progressed, page, &DatasetPage::showProgress);
    connect(m_task, &BackgroundTask::cancelled, page, &DatasetPage::showScanStopped);
    connect(m_task, &BackgroundTask::failed, this, [this, page](const QString& message) {
        page->showScanStopped();
        page->showError([=] { return tr("The demo data could not be generated."); }, message);
        emit demoFailed(message);
    });
}

DemoController::~DemoController() = default;

QString DemoController::folder() const {
    return m_folder.isEmpty() ? toQString(tlw::defaultDemoDir()) : m_folder;
}

bool DemoController::isGenerating() const { return m_task->isRunning(); }

void DemoController::openDemo() {
    const QString folder = this->folder();
    if (tlw::isDemoSet(toPath(folder))) {
        m_window.openDatasetFolder(folder);
        emit demoOpened(folder);
        return;
    }
    m_window.showPage(MainWindow::PageId::Dataset);
    m_window.datasetPage()->banner()->hide();
    m_window.datasetPage()->showGeneratingDemo(folder);
    const tlw::DemoOptions options = m_options;
    m_task->start([this, folder, options](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::generateSealDemo(toPath(folder), options, [&job](int done, int total) {
            job.progress(done, total);
            return !job.cancelled();
        });
        return [this, folder] {
            m_window.openDatasetFolder(folder);
            emit demoOpened(folder);
        };
    });
}

void DemoController::cancel() { m_task->cancel(); }

}  // namespace tlw::ui
