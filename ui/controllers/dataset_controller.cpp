#include "ui/controllers/dataset_controller.h"

#include <algorithm>
#include <optional>

#include "core/data/dataset_index.h"
#include "core/data/dataset_scanner.h"
#include "core/data/relabel_journal.h"
#include "core/data/split_manifest.h"
#include "core/eval/data_audit.h"
#include "core/train/training_config.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/scan_overview.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/training_page.h"
#include "ui/widgets/audit_panel.h"
#include "ui/widgets/embedding_map.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

DatasetController::DatasetController(MainWindow& window, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_page(window.datasetPage()),
      m_task(new BackgroundTask(this)),
      m_auditTask(new BackgroundTask(this)) {
    connect(&m_window, &MainWindow::datasetFolderRequested, this, &DatasetController::openFolder);
    connect(&m_window, &MainWindow::saveSplitManifestRequested, this, &DatasetController::saveSplitManifest);
    connect(m_page, &DatasetPage::splitSettingsChanged, this, &DatasetController::rescan);
    connect(m_page, &DatasetPage::cancelRequested, this, &DatasetController::cancel);
    connect(m_task, &BackgroundTask::progressed, m_page, &DatasetPage::showProgress);
    connect(m_task, &BackgroundTask::cancelled, m_page, &DatasetPage::showScanStopped);
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->showScanStopped();
        m_folder = m_page->folder();
        m_page->showError([=] { return tr("The folder could not be scanned."); }, message);
        emit scanFailed(message);
    });
    AuditPanel* audit = m_page->auditPanel();
    connect(audit, &AuditPanel::auditRequested, this, &DatasetController::runAudit);
    connect(audit, &AuditPanel::cancelRequested, m_auditTask, &BackgroundTask::cancel);
    connect(audit, &AuditPanel::moveRequested, this, &DatasetController::moveToClass);
    connect(audit, &AuditPanel::undoRequested, this, &DatasetController::undoLastMove);
    connect(audit, &AuditPanel::quarantineRequested, this, &DatasetController::moveToQuarantine);
    connect(m_auditTask, &BackgroundTask::progressed, audit, &AuditPanel::showProgress);
    connect(m_auditTask, &BackgroundTask::cancelled, audit, &AuditPanel::showStopped);
    // The Map is drawn by the same audit, and moves its groups through the same journal.
    EmbeddingMapPanel* map = m_page->mapPanel();
    connect(map, &EmbeddingMapPanel::auditRequested, this, &DatasetController::runAudit);
    connect(map, &EmbeddingMapPanel::cancelRequested, m_auditTask, &BackgroundTask::cancel);
    connect(map, &EmbeddingMapPanel::moveRequested, this, &DatasetController::moveFilesToClass);
    connect(map, &EmbeddingMapPanel::quarantineRequested, this, &DatasetController::moveToQuarantine);
    connect(map, &EmbeddingMapPanel::undoRequested, this, &DatasetController::undoLastMove);
    connect(m_auditTask, &BackgroundTask::progressed, map, &EmbeddingMapPanel::showProgress);
    connect(m_auditTask, &BackgroundTask::cancelled, map, &EmbeddingMapPanel::showStopped);
    connect(m_auditTask, &BackgroundTask::failed, this, [this](const QString& message) {
        m_page->auditPanel()->showStopped();
        m_page->mapPanel()->showStopped();
        m_page->showError([=] { return tr("The audit could not run."); }, message);
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
    if (folder != m_folder) {
        m_auditTask->cancel();  // its result would be of the folder left
        m_page->auditPanel()->clear();
        m_page->mapPanel()->clear();
    }
    m_folder = folder;
    const SplitSettings split = m_page->splitSettings();
    const std::filesystem::path root = toPath(folder);
    std::optional<std::filesystem::path> manifest;
    if (!split.manifestPath.isEmpty()) manifest = toPath(split.manifestPath);
    m_page->banner()->hide();
    m_page->showScanning(folder);
    // The memo training keeps: a folder opened here and then trained on (or opened again) is decoded once.
    const std::filesystem::path memo = tlw::scanMemoDirectory(m_window.trainingPage()->settings().cache);
    m_task->start([this, root, split, manifest, memo](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::ScanOptions options;
        options.memoDirectory = memo;
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
            updateUndo();
            emit scanFinished(*overview);
        };
    });
}

bool DatasetController::saveSplitManifest(const QString& file) {
    if (!m_scan) {
        m_page->showError([=] { return tr("There is no scanned dataset to save a split of."); });
        return false;
    }
    try {
        tlw::writeSplitManifest(tlw::makeSplitManifest(m_scan->dataset), toPath(file));
    } catch (const std::exception& error) {
        m_page->showError([=] { return tr("The split manifest could not be saved."); },
                          QString::fromUtf8(error.what()));
        return false;
    }
    m_page->showInformation([=] { return tr("Split manifest saved."); }, file);
    return true;
}

bool DatasetController::isAuditing() const { return m_auditTask->isRunning(); }

void DatasetController::runAudit() {
    if (m_folder.isEmpty()) return;
    const SplitSettings split = m_page->splitSettings();
    const std::filesystem::path root = toPath(m_folder);
    m_page->banner()->hide();
    m_page->auditPanel()->showRunning();
    m_page->mapPanel()->showRunning();
    m_auditTask->start([this, root, split](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::DataAuditOptions options;
        options.dataDir = root;
        // The split the scan shows: train/ and val/ folders keep theirs, others hold out the page's fraction.
        const bool splitFolders = tlw::indexDataset(root).layout == tlw::SplitLayout::SplitFolders;
        options.validationSplit = splitFolders ? 0.0 : split.validationFraction;
        options.seed = static_cast<std::uint64_t>(split.seed);
        options.cancel = &job.cancelFlag();
        options.progress = [&job](std::size_t done, std::size_t total) {
            job.progress(static_cast<int64_t>(done), static_cast<int64_t>(total));
        };
        options.embeddingMap = true;
        options.tsne.seed = options.seed;
        auto result = std::make_shared<const tlw::DataAuditResult>(tlw::auditDataset(options));
        return [this, root, result] {
            if (toPath(m_folder) == root) {  // not for a folder opened since
                showAudit(*result);
                showMap(*result);
            } else {
                m_page->auditPanel()->showStopped();
                m_page->mapPanel()->showStopped();
            }
        };
    });
}

void DatasetController::showAudit(const tlw::DataAuditResult& result) {
    // The issues, and at least the ten most suspect images when there are fewer.
    const std::size_t shown = std::min(result.suspects.size(), std::max<std::size_t>(result.issueCount, 10));
    const auto className = [&result](int label) {
        return QString::fromStdString(result.classNames.at(static_cast<std::size_t>(label)));
    };
    QList<AuditSuspectItem> suspects;
    for (std::size_t i = 0; i < shown; ++i) {
        const tlw::LabelSuspect& suspect = result.suspects[i];
        AuditSuspectItem item{toQString(suspect.file),
                              className(suspect.given),
                              className(suspect.suggested),
                              suspect.score,
                              suspect.issue,
                              {}};
        for (const tlw::AuditNeighbour& neighbour : suspect.neighbours)
            item.neighbours.append(
                {toQString(neighbour.file), className(neighbour.label), neighbour.similarity});
        suspects.append(item);
    }
    m_page->auditPanel()->showSuspects(suspects, static_cast<int>(result.issueCount),
                                       static_cast<int>(result.trainingImages));
}

void DatasetController::showMap(const tlw::DataAuditResult& result) {
    QStringList classNames;
    for (const std::string& name : result.classNames) classNames.append(QString::fromStdString(name));
    QList<MapPointItem> points;
    for (const tlw::MapImage& image : result.map.images)
        points.append({toQString(image.image.file), QString::fromStdString(image.image.split),
                       image.image.label, QPointF(image.pca.x, image.pca.y),
                       QPointF(image.tsne.x, image.tsne.y), image.suspect, image.misclassified});
    m_page->mapPanel()->showMap(points, classNames);
}

bool DatasetController::moveToClass(const QString& file, const QString& className) {
    return moveFilesToClass({file}, className);
}

bool DatasetController::moveFilesToClass(const QStringList& files, const QString& className) {
    const std::filesystem::path root = toPath(m_folder);
    return moveFiles(
        files,
        [&](const QString& file, std::uint64_t group) {
            return tlw::moveToClass(root, toPath(file), className.toStdString(), group);
        },
        [=] { return tr("Moved to the class %1.").arg(className); });
}

bool DatasetController::moveToQuarantine(const QStringList& files) {
    const std::filesystem::path root = toPath(m_folder);
    return moveFiles(
        files,
        [&](const QString& file, std::uint64_t group) {
            return tlw::moveToQuarantine(root, toPath(file), group);
        },
        [=] { return tr("Moved to the quarantine folder %1.").arg(toQString(tlw::quarantinePath(root))); });
}

bool DatasetController::moveFiles(const QStringList& files,
                                  const std::function<tlw::RelabelMove(const QString&, std::uint64_t)>& move,
                                  LiveText done) {
    QStringList moved;
    bool allMoved = true;
    std::uint64_t group = 0;  // the first move opens it
    for (const QString& file : files) {
        try {
            group = move(file, group).group;
        } catch (const std::exception& error) {
            m_page->showError([=] { return tr("The image could not be moved."); },
                              QString::fromUtf8(error.what()));
            allMoved = false;
            break;
        }
        moved.append(file);
    }
    if (moved.isEmpty()) return false;
    for (const QString& file : moved) m_page->auditPanel()->removeSuspect(file);
    m_page->mapPanel()->removeFiles(moved);
    m_page->auditPanel()->setUndoAvailable(true);
    m_page->mapPanel()->setUndoAvailable(true);
    if (allMoved) m_page->showInformation(std::move(done), moved.size() == 1 ? moved.front() : QString());
    rescan();
    return allMoved;
}

bool DatasetController::undoLastMove() {
    std::vector<tlw::RelabelMove> undone;
    try {
        undone = tlw::undoLastGroup(toPath(m_folder));
    } catch (const std::exception& error) {
        m_page->showError([=] { return tr("The move could not be undone."); },
                          QString::fromUtf8(error.what()));
        updateUndo();
        rescan();  // a group undone in part: the files that came back are shown
        return false;
    }
    updateUndo();
    if (undone.empty()) return false;
    const int count = static_cast<int>(undone.size());
    const QString first = toQString(toPath(m_folder) / undone.front().from);
    if (count == 1)
        m_page->showInformation([=] { return tr("Moved back to where it was."); }, first);
    else
        m_page->showInformation(
            [=] { return tr("%n file(s) moved back to where they were.", nullptr, count); });
    rescan();
    return true;
}

void DatasetController::updateUndo() {
    bool available = false;
    try {
        available = !m_folder.isEmpty() && !tlw::readRelabelJournal(toPath(m_folder)).empty();
    } catch (const std::exception&) {
        available = true;  // a damaged journal: the undo says why when asked, not on every scan
    }
    m_page->auditPanel()->setUndoAvailable(available);
    m_page->mapPanel()->setUndoAvailable(available);
}

}  // namespace tlw::ui
