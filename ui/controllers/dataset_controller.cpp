#include "ui/controllers/dataset_controller.h"

#include "core/data/dataset_index.h"
#include "core/data/dataset_scanner.h"
#include "core/data/split_manifest.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/scan_overview.h"
#include "ui/pages/dataset_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

DatasetController::DatasetController(MainWindow& window, QObject* parent)
    : QObject(parent), m_window(window), m_page(window.datasetPage()), m_task(new BackgroundTask(this)) {
    connect(&m_window, &MainWindow::datasetFolderRequested, this, &DatasetController::openFolder);
    connect(&m_window, &MainWindow::saveSplitManifestRequested, this, &DatasetController::saveSplitManifest);
    connect(m_page, &DatasetPage::splitSettingsChanged, this, &DatasetController::rescan);
    connect(m_page, &DatasetPage::cancelRequested, this, &DatasetController::cancel);
    connect(m_task, &BackgroundTask::progressed, m_page, &DatasetPage::showProgress);
    connect(m_task, &BackgroundTask::cancelled, m_page, &DatasetPage::showScanStopped);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->showScanStopped();
        m_folder = m_page->folder();
        m_page->showError(tr("The folder could not be scanned."), message);
        emit scanFailed(message);
    });
}

DatasetController::~DatasetController() = default;

bool DatasetController::isScanning() const { return m_task->isRunning(); }

void DatasetController::openFolder(const QString& folder) { startScan(folder); }

void DatasetController::rescan() {
    if (!m_folder.isEmpty()) startScan(m_folder);
}

void DatasetController::cancel() { m_task->cancel(); }

void DatasetController::startScan(const QString& folder) {
    m_folder = folder;
    const SplitSettings split = m_page->splitSettings();
    const std::filesystem::path root = toPath(folder);
    std::optional<std::filesystem::path> manifest;
    if (!split.manifestPath.isEmpty()) manifest = toPath(split.manifestPath);
    m_page->banner()->hide();
    m_page->showScanning(folder);
    m_task->start([this, root, split, manifest](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::ScanOptions options;
        // Folders with train/ and val/ keep their split: asking for a fraction there only earns a warning.
        const bool splitFolders = tlw::indexDataset(root).layout == tlw::SplitLayout::SplitFolders;
        options.validationSplit = splitFolders ? 0.0 : split.validationFraction;
        options.seed = static_cast<std::uint64_t>(split.seed);
        options.manifest = manifest;
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        auto scan = std::make_shared<const tlw::ScanResult>(tlw::scanDataset(root, options));
        auto overview = std::make_shared<const DatasetOverview>(datasetOverviewFromScan(*scan));
        return [this, scan, overview] {
            m_scan = scan;
            m_page->showOverview(*overview);
            emit scanFinished(*overview);
        };
    });
}

bool DatasetController::saveSplitManifest(const QString& file) {
    if (!m_scan) {
        m_page->showError(tr("There is no scanned dataset to save a split of."));
        return false;
    }
    try {
        tlw::writeSplitManifest(tlw::makeSplitManifest(m_scan->dataset), toPath(file));
    } catch (const std::exception& error) {
        m_page->showError(tr("The split manifest could not be saved."), QString::fromUtf8(error.what()));
        return false;
    }
    m_page->showInformation(tr("Split manifest saved."), file);
    return true;
}

}  // namespace tlw::ui
