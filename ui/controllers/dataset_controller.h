#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>

#include "ui/pages/dataset_overview.h"
#include "ui/util/live_text.h"

namespace tlw {
struct DataAuditResult;
struct RelabelMove;
struct ScanResult;
}  // namespace tlw

namespace tlw::ui {

class BackgroundTask;
class DatasetPage;
class MainWindow;

// Connects the Dataset page to core: every way of opening a folder (dialog, recent list, drop, command
// line) ends in a scanDataset on a worker thread, with progress and Cancel on the page; a change of the
// split settings rescans; the finished scan is kept for "Save Split Manifest…" and, later, training.
class DatasetController : public QObject {
    Q_OBJECT
public:
    explicit DatasetController(MainWindow& window, QObject* parent = nullptr);
    ~DatasetController() override;

    bool isScanning() const;
    QString folder() const { return m_folder; }  // the folder shown (or being opened)
    // The last finished scan of the folder shown; null before one finished.
    std::shared_ptr<const tlw::ScanResult> lastScan() const { return m_scan; }

public slots:
    void openFolder(const QString& folder);  // scans with the page's split settings
    void rescan();
    void cancel();
    // Writes the split manifest of the last scan (atomically); errors go to the page's banner.
    bool saveSplitManifest(const QString& file);
    // The data audit of the folder shown (core/eval/data_audit.h) on a worker thread, into the Audit view.
    void runAudit();
    bool isAuditing() const;
    // Moves an image into another class folder, journalled in the dataset folder, then rescans.
    bool moveToClass(const QString& file, const QString& className);
    // The same for a group (the Map's lasso); stops at the first file that cannot be moved, keeping the
    // moves made before it (each is journalled).
    bool moveFilesToClass(const QStringList& files, const QString& className);
    // Moves images into the dataset's quarantine folder (tlw::moveToQuarantine), journalled, then rescans.
    bool moveToQuarantine(const QStringList& files);
    // Puts the journal's last moved file back (all of its group: a Map's group move), then rescans.
    bool undoLastMove();

signals:
    void scanFinished(const tlw::ui::DatasetOverview& overview);
    void scanFailed(const QString& message);

private:
    void startScan(const QString& folder);
    void showAudit(const tlw::DataAuditResult& result);
    void showMap(const tlw::DataAuditResult& result);
    // Moves each file with `move`, then takes the moved ones off the Audit view and the Map and rescans.
    // The moves share one journal group, so that one undo puts them all back.
    bool moveFiles(const QStringList& files,
                   const std::function<tlw::RelabelMove(const QString&, std::uint64_t group)>& move,
                   LiveText done);
    void updateUndo();

    MainWindow& m_window;
    DatasetPage* m_page;
    BackgroundTask* m_task;
    BackgroundTask* m_auditTask;
    QString m_folder;
    std::shared_ptr<const tlw::ScanResult> m_scan;
};

}  // namespace tlw::ui
