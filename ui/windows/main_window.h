#pragma once

#include <QMainWindow>
#include <QStringList>
#include <functional>

#include "ui/pages/training_page.h"
#include "ui/util/live_text.h"

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QMimeData;
class QStackedWidget;

namespace tlw::ui {

class AboutDialog;
class DatasetPage;
class EvaluationPage;
class GettingStartedDialog;
class LanguageManager;
class ModelPage;
class Page;
class PredictPage;
class Preferences;
class Sidebar;

// The workbench's one window: a sidebar switching five pages (Dataset, Model, Training, Evaluation,
// Predict), the menus, shortcuts, drag and drop of a dataset folder, and the persistence of its layout.
// It turns user intentions into signals with plain values (paths, settings structs); the application
// connects them to core. File dialogs live here because they need the remembered folders.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class PageId { Dataset, Model, Training, Evaluation, Predict };
    static constexpr int kPageCount = 5;

    // `languages` may be null (no Language menu actions take effect then: tests, screenshots).
    MainWindow(Preferences& preferences, LanguageManager* languages, QWidget* parent = nullptr);
    ~MainWindow() override;

    DatasetPage* datasetPage() const { return m_datasetPage; }
    ModelPage* modelPage() const { return m_modelPage; }
    TrainingPage* trainingPage() const { return m_trainingPage; }
    EvaluationPage* evaluationPage() const { return m_evaluationPage; }
    PredictPage* predictPage() const { return m_predictPage; }
    Page* page(PageId id) const;
    Sidebar* sidebar() const { return m_sidebar; }
    PageId currentPage() const;
    AboutDialog* aboutDialog();                    // created on first use
    GettingStartedDialog* gettingStartedDialog();  // created on first use
    void showGettingStarted();                     // Help > Getting Started (F1)
    QString projectPath() const { return m_projectPath; }
    Preferences& preferences() const { return m_preferences; }  // for the controllers' remembered switches

    // Shown in the banner of the page in front: never only on stderr.
    void showError(LiveText headline, LiveText details = {});

public slots:
    void showPage(tlw::ui::MainWindow::PageId id);
    // Records the folder as recent and last used, shows the Dataset page and emits datasetFolderRequested.
    void openDatasetFolder(const QString& folder);
    void setProjectPath(const QString& path);   // after the application opened or saved a project
    void setModelActionsEnabled(bool enabled);  // Save Model / Export TorchScript / ONNX, once a model exists
    // Running false after a confirmed close during training closes the window.
    void setTrainingRunning(bool running);
    bool isClosingAfterTraining() const { return m_closeWhenTrainingStops; }
    void setWeightsDescription(const QString& description);  // for the About dialog
    void showStatusMessage(const QString& message);          // in the status bar for a few seconds
    // Asked when the window is about to close: true while the project has changes not saved in a project
    // file; the window then offers to save them (Save, Don't Save, Cancel). None set: nothing is asked.
    void setUnsavedChangesCheck(std::function<bool()> check) { m_hasUnsavedChanges = std::move(check); }

signals:
    void datasetFolderDropped(const QString& folder);    // a folder dragged onto the window
    void datasetFolderRequested(const QString& folder);  // any way of opening one, drops included
    void demoDataRequested();
    void saveSplitManifestRequested(const QString& path);
    void openProjectRequested(const QString& path);
    void saveProjectRequested(const QString& path);
    void openModelRequested(const QString& path);
    void saveModelRequested(const QString& path);
    void exportTorchScriptRequested(const QString& path);
    void exportOnnxRequested(const QString& path);
    void weightsFileChosen(const QString& path);
    void downloadWeightsRequested();
    void startTrainingRequested(const tlw::TrainingConfig& settings);
    void stopTrainingRequested();
    void resumeTrainingRequested(const QString& checkpointPath);
    void evaluateRequested(const QString& testFolder);  // empty: the test split
    void predictionRequested(const QStringList& paths);
    // After the user confirmed closing during a run: the run must stop (it writes its checkpoint); the
    // window closes by itself once setTrainingRunning(false) says it has.
    void closeRequestedWhileTraining();
    void projectPathChanged(const QString& path);
    void exportPredictionsRequested(const QString& csvFile);
    void closing();  // the window is closing for good (the session is kept then)

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createPages();
    void createActions();
    void createMenus();
    void connectPages();
    void retranslateUi();
    void rebuildRecentMenus();
    // Every file dialog goes through runFileDialog(), which hands the chosen paths to `use` and returns
    // false when the dialog was cancelled.
    struct FileDialog;
    bool runFileDialog(const FileDialog& dialog, const std::function<void(const QStringList&)>& use);
    void chooseDatasetFolder();
    void chooseProjectToOpen();
    bool chooseProjectToSave(bool forceDialog);
    void chooseModelToOpen();
    void chooseModelToSave();
    void chooseTorchScriptExport();
    void chooseOnnxExport();
    void chooseWeightsFile();
    void chooseCheckpoint();
    void chooseTrainingOutput();
    void choosePredictionsCsv();
    void chooseTestFolder();
    void chooseImages();
    void chooseManifestToUse();
    void chooseManifestToSave();
    void applyLanguage(const QString& code);
    bool offerToSaveProject();  // false: the user cancelled, or saving failed
    static QString droppedFolder(const QMimeData* mime);

    Preferences& m_preferences;
    LanguageManager* m_languages;
    AboutDialog* m_about = nullptr;
    GettingStartedDialog* m_gettingStarted = nullptr;
    QString m_projectPath;
    bool m_trainingRunning = false;
    bool m_closeWhenTrainingStops = false;
    std::function<bool()> m_hasUnsavedChanges;

    Sidebar* m_sidebar;
    QStackedWidget* m_stack;
    DatasetPage* m_datasetPage;
    ModelPage* m_modelPage;
    TrainingPage* m_trainingPage;
    EvaluationPage* m_evaluationPage;
    PredictPage* m_predictPage;
    QLabel* m_statusLabel;

    QMenu* m_fileMenu;
    QMenu* m_recentDatasetsMenu;
    QMenu* m_recentProjectsMenu;
    QMenu* m_viewMenu;
    QMenu* m_trainingMenu;
    QMenu* m_languageMenu;
    QMenu* m_helpMenu;
    QAction* m_openDatasetAction;
    QAction* m_openProjectAction;
    QAction* m_saveProjectAction;
    QAction* m_saveProjectAsAction;
    QAction* m_openModelAction;
    QAction* m_saveModelAction;
    QAction* m_exportTorchScriptAction;
    QAction* m_exportOnnxAction;
    QAction* m_quitAction;
    QAction* m_pageActions[kPageCount];
    QAction* m_batchCurvesAction;
    QAction* m_fullScreenAction;
    QAction* m_startTrainingAction;
    QAction* m_stopTrainingAction;
    QAction* m_resumeTrainingAction;
    QActionGroup* m_languageGroup;
    QAction* m_systemLanguageAction;
    QAction* m_gettingStartedAction;
    QAction* m_demoAction;
    QAction* m_aboutAction;
    QAction* m_aboutQtAction;
};

}  // namespace tlw::ui
