#pragma once

#include <QIcon>
#include <QStringList>
#include <QTimer>

#include "ui/pages/dataset_overview.h"
#include "ui/pages/page.h"

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeView;
class QWidget;

namespace tlw::ui {

class AuditPanel;
class ClassCountModel;
class DropZone;
class EmbeddingMapPanel;
class ScanReportModel;
class ThumbnailGridView;
class ThumbnailListModel;

// Page 1: pick a dataset folder (one sub-folder per class, as Keras image_dataset_from_directory), watch
// it being scanned, then see its classes with counts per subset, a thumbnail grid per class, the scan
// report (skipped files with reasons, duplicates with leakage highlighted, ignored entries, manifest
// differences, warnings, errors) and the split settings. It shows values and emits intentions; the
// dataset controller runs the scans.
class DatasetPage : public Page {
    Q_OBJECT
public:
    // Split settings changes are collected for this long before a rescan is asked for, so that
    // spinning through seeds does not start a scan per step.
    static constexpr int kSplitSettleMs = 400;

    explicit DatasetPage(QWidget* parent = nullptr);

    void setRecentFolders(const QStringList& folders);
    SplitSettings splitSettings() const;
    // Shows the settings without asking for a rescan (restoring a project).
    void setSplitSettings(const SplitSettings& settings);
    double validationFraction() const;
    int splitSeed() const;
    bool hasDataset() const;
    bool isBusy() const;
    QString folder() const { return m_folder; }
    const DatasetOverview& overview() const { return m_overview; }
    int classCount() const;
    QString shownClass() const;  // the class whose thumbnails are shown; empty for all classes
    ThumbnailListModel* thumbnailModel() const { return m_thumbnails; }
    QTableView* classTable() const { return m_classTable; }
    ClassCountModel* classModel() const { return m_classCounts; }
    ScanReportModel* reportModel() const { return m_report; }
    QTreeView* reportView() const { return m_reportView; }
    QString busyText() const;
    // The Audit view and the Map (their tabs beside the images and report) and a way to bring them up.
    static constexpr int kImagesTab = 0;
    static constexpr int kAuditTab = 1;
    static constexpr int kMapTab = 2;
    AuditPanel* auditPanel() const { return m_auditPanel; }
    EmbeddingMapPanel* mapPanel() const { return m_mapPanel; }
    QTabWidget* tabs() const {
        return m_rightTabs;
    }  // what the progress state says ("1,234 of 5,000 files checked")

public slots:
    void showEmptyState();
    // A scan of `folder` started: the progress state, or, for a rescan of the folder shown, a progress
    // line above it.
    void showScanning(const QString& folder);
    void showGeneratingDemo(const QString& folder);
    void showProgress(qint64 done, qint64 total);
    // The scan was cancelled or failed: back to what was shown before it.
    void showScanStopped();
    void showOverview(const tlw::ui::DatasetOverview& overview);
    void showClassThumbnails(int classRow);  // -1: all classes
    // Uses the manifest's subsets from now on (empty: stop using one) and asks for a rescan.
    void setManifestPath(const QString& path);

signals:
    void openFolderRequested();
    void demoDataRequested();
    void folderChosen(const QString& folder);  // dropped on the page or picked from the recent list
    void splitSettingsChanged(const tlw::ui::SplitSettings& settings);
    void chooseManifestRequested();
    void saveManifestRequested();
    void cancelRequested();
    void imageActivated(const QString& path);
    void revealFileRequested(const QString& path);

protected:
    void retranslateUi() override;
    void showEvent(QShowEvent* event) override;

private:
    QString reportSummaryText() const;  // files, usable, time, memo use, the double-click hint
    enum class BusyKind { Scanning, GeneratingDemo };

    QWidget* createEmptyState();
    QWidget* createBusyState();
    QWidget* createOverviewState();
    QWidget* createSplitSettings(QWidget* parent);
    QWidget* createReportArea(QWidget* parent);
    void fillReport();
    void updateSplitControls();
    void updateSplitTexts();
    void updateBusyTexts();
    void showTrainability();
    void sizeReportArea();
    void scheduleSplitChange();
    void sizeClassColumn();
    void widenClassesToFit();
    void updateThumbnailTexts();
    QString subsetText(DatasetSubset subset) const;

    QStackedWidget* m_states;
    QSplitter* m_imagesAndReport;
    QSplitter* m_columns;  // the classes and split on the left, the images, report and audit on the right
    QTabWidget* m_rightTabs;
    AuditPanel* m_auditPanel;
    EmbeddingMapPanel* m_mapPanel;
    DropZone* m_dropZone;
    QPushButton* m_openButton;
    QPushButton* m_demoButton;
    QLabel* m_recentLabel;
    QListWidget* m_recentList;

    QLabel* m_busyLabel;
    QProgressBar* m_busyProgress;
    QLabel* m_busyCount;
    QPushButton* m_busyCancel;

    QLabel* m_folderLabel;
    QProgressBar* m_rescanProgress;
    QPushButton* m_rescanCancel;
    QPushButton* m_openOtherButton;
    QLabel* m_classesHeading;
    QTableView* m_classTable;
    ClassCountModel* m_classCounts;
    QLabel* m_splitHeading;
    QLabel* m_detectedSplit;
    QWidget* m_fractionRow;
    QLabel* m_validationLabel;
    QDoubleSpinBox* m_validationFraction;
    QLabel* m_seedLabel;
    QSpinBox* m_seed;
    QLabel* m_manifestLabel;
    QPushButton* m_useManifestButton;
    QPushButton* m_clearManifestButton;
    QPushButton* m_saveManifestButton;
    QLabel* m_imagesHeading;
    ThumbnailGridView* m_grid;
    ThumbnailListModel* m_thumbnails;
    QLabel* m_reportHeading;
    QLabel* m_reportSummary;
    QTreeView* m_reportView;
    ScanReportModel* m_report;

    QString m_folder;
    QStringList m_recentFolders;
    QIcon m_folderIcon;
    DatasetOverview m_overview;
    bool m_hasOverview = false;
    int m_reportSizedFor = -1;  // whether the report's height was last set for problems (1) or none (0)
    QString m_manifestPath;
    BusyKind m_busyKind = BusyKind::Scanning;
    qint64 m_busyDone = -1;
    qint64 m_busyTotal = -1;
    QTimer m_splitTimer;
    int m_thumbnailClassRow = -1;  // whose thumbnails are shown; -1: all classes
};

}  // namespace tlw::ui
