#pragma once

#include <QStringList>
#include <vector>

#include "ui/pages/page.h"

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace tlw::ui {

class DropZone;
class ThumbnailGridView;
class ThumbnailListModel;

// The dataset as the page shows it; the lead fills it from core's scan report.
struct DatasetClassSummary {
    QString name;
    QStringList imagePaths;
};

struct DatasetProblem {
    QString path;
    QString reason;  // "not an image", "duplicate of …", "also in validation/"
};

struct DatasetOverview {
    QString folder;
    std::vector<DatasetClassSummary> classes;
    std::vector<DatasetProblem> problems;
    QString detectedSplit;  // e.g. "train/ and val/ found: their split is used"; empty when none
};

// Page 1: pick a dataset folder (one sub-folder per class, as Keras image_dataset_from_directory), then
// see its classes with counts, a thumbnail grid per class, the scan's problems and the split settings.
class DatasetPage : public Page {
    Q_OBJECT
public:
    explicit DatasetPage(QWidget* parent = nullptr);

    void setRecentFolders(const QStringList& folders);
    double validationFraction() const;
    int splitSeed() const;
    bool hasDataset() const;
    QString folder() const { return m_folder; }
    int classCount() const;
    QString shownClass() const;  // the class whose thumbnails are shown; empty for all classes
    ThumbnailListModel* thumbnailModel() const { return m_thumbnails; }

public slots:
    void showEmptyState();
    void showScanning(const QString& folder);
    void showOverview(const tlw::ui::DatasetOverview& overview);
    void showClassThumbnails(int classRow);  // -1: all classes

signals:
    void openFolderRequested();
    void demoDataRequested();
    void folderChosen(const QString& folder);  // dropped on the page or picked from the recent list
    void splitSettingsChanged(double validationFraction, int seed);
    void imageActivated(const QString& path);

protected:
    void retranslateUi() override;

private:
    QWidget* createEmptyState();
    QWidget* createScanningState();
    QWidget* createOverviewState();
    void fillClassTable();

    QStackedWidget* m_states;
    DropZone* m_dropZone;
    QPushButton* m_openButton;
    QPushButton* m_demoButton;
    QLabel* m_recentLabel;
    QListWidget* m_recentList;
    QLabel* m_scanningLabel;
    QLabel* m_folderLabel;
    QPushButton* m_openOtherButton;
    QLabel* m_classesHeading;
    QTableWidget* m_classTable;
    QLabel* m_splitHeading;
    QLabel* m_validationLabel;
    QDoubleSpinBox* m_validationFraction;
    QLabel* m_seedLabel;
    QSpinBox* m_seed;
    QLabel* m_detectedSplit;
    QLabel* m_imagesHeading;
    ThumbnailGridView* m_grid;
    ThumbnailListModel* m_thumbnails;
    QLabel* m_problemsHeading;
    QListWidget* m_problems;

    QString m_folder;
    DatasetOverview m_overview;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::DatasetOverview)
