#pragma once

#include <QImage>
#include <QStringList>
#include <functional>
#include <vector>

#include "ui/pages/page.h"
#include "ui/pages/trained_model_info.h"
#include "ui/widgets/prediction_card.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QVBoxLayout;

namespace tlw::ui {

class RunSwitcher;

class ColourBar;
class DropZone;
class PredictionTableModel;
class ThumbnailLoader;

// Page 5: drop images or a folder (or paste, or choose files or a folder) and see each image's top classes: a
// card per image, or, for a folder, a sortable and filterable table. Export CSV writes what is shown.
// Two switches for all cards: "Show where the model looks" (a Grad-CAM overlay of each top class, with a
// colour bar) and "Closest of each class" (the cards' "looks like" row lists the nearest training image of
// each class instead of the k nearest). The controller fills in the maps and the similar images.
class PredictPage : public Page {
    Q_OBJECT
public:
    explicit PredictPage(QWidget* parent = nullptr);

    int predictionCount() const;  // cards or table rows
    bool isShowingTable() const;
    bool isBusy() const { return m_busy; }
    DropZone* dropZone() const { return m_dropZone; }
    PredictionTableModel* tableModel() const { return m_table; }
    QSortFilterProxyModel* sortedTable() const { return m_sorted; }
    QTableView* tableView() const { return m_tableView; }
    QLineEdit* filterEdit() const { return m_filter; }
    QPushButton* exportButton() const { return m_exportButton; }
    QPushButton* triageButton() const { return m_triageButton; }
    QPushButton* chooseFolderButton() const { return m_chooseFolderButton; }
    QPushButton* addFolderButton() const { return m_addFolderButton; }
    // What asks the user for a folder (its argument is the folder to start in); a QFileDialog unless a
    // test puts something else here. Its answer is classified as a dropped folder is: a table.
    using FolderDialog = std::function<QString(const QString& start)>;
    void setFolderDialog(FolderDialog dialog) { m_folderDialog = std::move(dialog); }
    QList<PredictionCard*> cards() const;
    QCheckBox* gradCamToggle() const { return m_gradCamToggle; }
    RunSwitcher* runSwitcher() const { return m_runSwitcher; }
    ColourBar* colourBar() const { return m_colourBar; }
    QCheckBox* perClassToggle() const { return m_perClassToggle; }
    bool showsGradCam() const;
    bool similarPerClass() const;
    ThumbnailLoader* similarThumbnails() const { return m_similarThumbnails; }
    const TrainedModelInfo& modelInfo() const { return m_model; }
    QString modelText() const;

public slots:
    void setModelInfo(const tlw::ui::TrainedModelInfo& info);
    void setBusy(bool busy);
    void showProgress(qint64 done, qint64 total);
    void addPrediction(const tlw::ui::PredictionResult& result);  // a card (leaves table mode)
    void showTable(const QStringList& classNames, const std::vector<tlw::ui::PredictionResult>& results);
    void clearPredictions();
    void pasteFromClipboard();
    void chooseFolder();
    void setShowGradCam(bool show);  // as the toggle does: every card, the colour bar, gradCamToggled
    void setSimilarPerClass(bool perClass);
    void requestSimilarThumbnails();  // of every card's "looks like" row, at once

signals:
    void imagesRequested(const QStringList& paths);  // files and folders, dropped or chosen
    void imagePasted(const QImage& image);           // image data from the clipboard (no file behind it)
    void chooseImagesRequested();
    void triageRequested();  // "Triage a Folder…"
    void exportCsvRequested();
    void cancelRequested();
    void cleared();
    void gradCamToggled(bool show);
    void similarPerClassToggled(bool perClass);

protected:
    void retranslateUi() override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* createResults();
    QWidget* createTable(QWidget* parent);
    QWidget* createInsightRow(QWidget* parent);
    void applyGradCamToggle(bool show);
    void removeCards();
    void updateEnabledStates();

    TrainedModelInfo m_model;
    bool m_busy = false;
    QLabel* m_modelLabel;
    QStackedWidget* m_states;
    DropZone* m_dropZone;
    QPushButton* m_chooseButton;
    QPushButton* m_pasteButton;
    QPushButton* m_chooseFolderButton;
    QPushButton* m_triageButton;
    QLabel* m_resultsHeading;
    QPushButton* m_addButton;
    QPushButton* m_addFolderButton;
    QPushButton* m_exportButton;
    QPushButton* m_clearButton;
    QWidget* m_busyRow;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    QStackedWidget* m_resultViews;
    QScrollArea* m_scroll;
    QVBoxLayout* m_cards;
    QLineEdit* m_filter;
    PredictionTableModel* m_table;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_tableView;
    FolderDialog m_folderDialog;
    QString m_lastFolder;  // where the folder dialog opens next
    QWidget* m_insightRow;
    QCheckBox* m_gradCamToggle;
    ColourBar* m_colourBar;
    QCheckBox* m_perClassToggle;
    ThumbnailLoader* m_similarThumbnails;
    int m_pastedImages = 0;  // names pasted images for the caches
    RunSwitcher* m_runSwitcher;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::PredictionResult)
