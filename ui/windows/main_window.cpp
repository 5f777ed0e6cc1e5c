#include "ui/windows/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <functional>
#include <utility>

#include "ui/charts/accuracy_chart.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/getting_started_dialog.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/util/file_revealer.h"
#include "ui/util/language_manager.h"
#include "ui/util/preferences.h"
#include "ui/util/wheel_guard.h"
#include "ui/widgets/sidebar.h"
#include "ui/widgets/training_settings_form.h"

namespace tlw::ui {

namespace {
int indexOf(MainWindow::PageId id) { return static_cast<int>(id); }
}  // namespace

MainWindow::MainWindow(Preferences& preferences, LanguageManager* languages, QWidget* parent)
    : QMainWindow(parent), m_preferences(preferences), m_languages(languages) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tlworkbench.svg")));
    setAcceptDrops(true);
    new WheelGuard(this);  // the wheel scrolls the pages; only a focused box takes it
    createPages();
    createActions();
    createMenus();
    connectPages();

    m_statusLabel = new QLabel(this);
    statusBar()->addWidget(m_statusLabel, 1);

    retranslateUi();
    m_datasetPage->setRecentFolders(m_preferences.recentDatasets());
    m_trainingPage->charts()->setBatchCurvesVisible(false);

    resize(1280, 820);
    restoreGeometry(m_preferences.windowGeometry());
    restoreState(m_preferences.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages() {
    m_sidebar = new Sidebar(this);
    m_stack = new QStackedWidget(this);
    m_datasetPage = new DatasetPage(m_stack);
    m_modelPage = new ModelPage(m_stack);
    m_trainingPage = new TrainingPage(m_stack);
    m_evaluationPage = new EvaluationPage(m_stack);
    m_predictPage = new PredictPage(m_stack);
    const std::pair<Page*, const char*> pages[] = {{m_datasetPage, ":/icons/dataset.svg"},
                                                   {m_modelPage, ":/icons/model.svg"},
                                                   {m_trainingPage, ":/icons/training.svg"},
                                                   {m_evaluationPage, ":/icons/evaluation.svg"},
                                                   {m_predictPage, ":/icons/predict.svg"}};
    for (const auto& [page, icon] : pages) {
        // A page taller or wider than a small screen (1024x700) scrolls instead of forcing the window
        // beyond the screen.
        auto* scroll = new QScrollArea(m_stack);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page);
        m_stack->addWidget(scroll);
        m_sidebar->addEntry(QIcon(QString::fromLatin1(icon)), QString());
    }
    // The recipe's order is the sidebar's: each page but the last offers the next one.
    for (int i = 0; i + 1 < kPageCount; ++i)
        connect(pages[i].first, &Page::nextStepRequested, this,
                [this, i] { showPage(static_cast<PageId>(i + 1)); });
    connect(m_sidebar, &Sidebar::currentChanged, this,
            [this](int index) { showPage(static_cast<PageId>(index)); });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
}

void MainWindow::createActions() {
    const auto make = [this](const char* name, QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto* action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        if (icon != QStyle::SP_CustomBase) action->setIcon(style()->standardIcon(icon));
        return action;
    };
    m_openDatasetAction = make("openDatasetAction", QStyle::SP_DirOpenIcon);
    m_openDatasetAction->setShortcut(QKeySequence::Open);
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::chooseDatasetFolder);

    m_openProjectAction = make("openProjectAction");
    m_openProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openProjectAction, &QAction::triggered, this, &MainWindow::chooseProjectToOpen);
    m_saveProjectAction = make("saveProjectAction", QStyle::SP_DialogSaveButton);
    m_saveProjectAction->setShortcut(QKeySequence::Save);
    connect(m_saveProjectAction, &QAction::triggered, this, [this] { chooseProjectToSave(false); });
    m_saveProjectAsAction = make("saveProjectAsAction");
    m_saveProjectAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveProjectAsAction, &QAction::triggered, this, [this] { chooseProjectToSave(true); });

    m_openModelAction = make("openModelAction");
    connect(m_openModelAction, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
    m_saveModelAction = make("saveModelAction");
    connect(m_saveModelAction, &QAction::triggered, this, &MainWindow::chooseModelToSave);
    m_exportTorchScriptAction = make("exportTorchScriptAction");
    connect(m_exportTorchScriptAction, &QAction::triggered, this, &MainWindow::chooseTorchScriptExport);
    m_exportOnnxAction = make("exportOnnxAction");
    connect(m_exportOnnxAction, &QAction::triggered, this, &MainWindow::chooseOnnxExport);
    // Nothing to save or export before a model exists; the application enables these once it does.
    setModelActionsEnabled(false);

    m_quitAction = make("quitAction");
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    auto* pageGroup = new QActionGroup(this);
    for (int i = 0; i < kPageCount; ++i) {
        QAction* action = make("pageAction");
        action->setObjectName(QStringLiteral("pageAction%1").arg(i + 1));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        pageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { showPage(static_cast<PageId>(i)); });
        m_pageActions[i] = action;
    }
    m_pageActions[0]->setChecked(true);

    m_batchCurvesAction = make("batchCurvesAction");
    m_batchCurvesAction->setCheckable(true);
    connect(m_batchCurvesAction, &QAction::toggled, m_trainingPage->charts(),
            &TrainingCharts::setBatchCurvesVisible);
    m_fullScreenAction = make("fullScreenAction");
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    m_startTrainingAction = make("startTrainingAction", QStyle::SP_MediaPlay);
    m_startTrainingAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_startTrainingAction, &QAction::triggered, this, [this] {
        showPage(PageId::Training);
        m_trainingPage->requestStart();
    });
    m_stopTrainingAction = make("stopTrainingAction", QStyle::SP_MediaStop);
    m_stopTrainingAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopTrainingAction->setEnabled(false);
    connect(m_stopTrainingAction, &QAction::triggered, m_trainingPage, &TrainingPage::requestStop);
    m_resumeTrainingAction = make("resumeTrainingAction", QStyle::SP_BrowserReload);
    connect(m_resumeTrainingAction, &QAction::triggered, this, &MainWindow::chooseCheckpoint);

    m_languageGroup = new QActionGroup(this);
    m_systemLanguageAction = make("systemLanguageAction");
    m_systemLanguageAction->setData(QString());
    m_languageGroup->addAction(m_systemLanguageAction);
    for (const QString& code : LanguageManager::availableLanguages()) {
        QAction* action = make("languageAction");
        action->setObjectName(QStringLiteral("languageAction_%1").arg(code));
        action->setText(LanguageManager::nativeName(code));
        action->setData(code);
        m_languageGroup->addAction(action);
    }
    for (QAction* action : m_languageGroup->actions()) {
        action->setCheckable(true);
        action->setChecked(action->data().toString() == m_preferences.language());
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction* action) { applyLanguage(action->data().toString()); });

    m_gettingStartedAction = make("gettingStartedAction", QStyle::SP_DialogHelpButton);
    m_gettingStartedAction->setShortcut(QKeySequence::HelpContents);
    connect(m_gettingStartedAction, &QAction::triggered, this, &MainWindow::showGettingStarted);

    m_demoAction = make("demoAction");
    m_demoAction->setIcon(QIcon(QStringLiteral(":/icons/demo.svg")));
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::demoDataRequested);

    m_aboutAction = make("aboutAction");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] { aboutDialog()->exec(); });
    m_aboutQtAction = make("aboutQtAction");
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openDatasetAction);
    m_recentDatasetsMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openProjectAction);
    m_recentProjectsMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_saveProjectAction);
    m_fileMenu->addAction(m_saveProjectAsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openModelAction);
    m_fileMenu->addAction(m_saveModelAction);
    m_fileMenu->addAction(m_exportTorchScriptAction);
    m_fileMenu->addAction(m_exportOnnxAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    connect(m_fileMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenus);

    m_viewMenu = menuBar()->addMenu(QString());
    for (QAction* action : m_pageActions) m_viewMenu->addAction(action);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_batchCurvesAction);
    m_viewMenu->addAction(m_fullScreenAction);

    m_trainingMenu = menuBar()->addMenu(QString());
    m_trainingMenu->addAction(m_startTrainingAction);
    m_trainingMenu->addAction(m_stopTrainingAction);
    m_trainingMenu->addAction(m_resumeTrainingAction);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->addAction(m_systemLanguageAction);
    m_languageMenu->addSeparator();
    for (QAction* action : m_languageGroup->actions())
        if (action != m_systemLanguageAction) m_languageMenu->addAction(action);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_gettingStartedAction);
    m_helpMenu->addAction(m_demoAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
    rebuildRecentMenus();
}

void MainWindow::connectPages() {
    connect(m_datasetPage, &DatasetPage::openFolderRequested, this, &MainWindow::chooseDatasetFolder);
    connect(m_datasetPage, &DatasetPage::folderChosen, this, &MainWindow::openDatasetFolder);
    connect(m_datasetPage, &DatasetPage::demoDataRequested, this, &MainWindow::demoDataRequested);
    connect(m_datasetPage, &DatasetPage::chooseManifestRequested, this, &MainWindow::chooseManifestToUse);
    connect(m_datasetPage, &DatasetPage::saveManifestRequested, this, &MainWindow::chooseManifestToSave);
    connect(m_datasetPage, &DatasetPage::revealFileRequested, this,
            [this](const QString& path) { revealInFileManager(path, this); });
    connect(m_modelPage, &ModelPage::weightsDescriptionChanged, this, &MainWindow::setWeightsDescription);
    connect(m_modelPage, &ModelPage::locateWeightsRequested, this, &MainWindow::chooseWeightsFile);
    connect(m_modelPage, &ModelPage::downloadWeightsRequested, this, &MainWindow::downloadWeightsRequested);
    connect(m_trainingPage, &TrainingPage::startRequested, this, &MainWindow::startTrainingRequested);
    connect(m_trainingPage, &TrainingPage::stopRequested, this, &MainWindow::stopTrainingRequested);
    connect(m_trainingPage, &TrainingPage::resumeRequested, this, &MainWindow::chooseCheckpoint);
    connect(m_trainingPage->settingsForm(), &TrainingSettingsForm::chooseOutputModelRequested, this,
            &MainWindow::chooseTrainingOutput);
    // "Fine-tune from layer K" names the Model page's layers and starts at its fine-tune preset.
    connect(m_modelPage->layerModel(), &QAbstractItemModel::modelReset, this, [this] {
        QStringList names;
        for (const tlw::LayerInfo& layer : m_modelPage->layerModel()->layers())
            names << QString::fromStdString(layer.name);
        const ModelSettings model = m_modelPage->modelSettings();
        m_trainingPage->settingsForm()->setLayerNames(
            names, ModelPage::fineTunePreset(model.backbone, model.includeTop));
    });
    connect(m_predictPage, &PredictPage::exportCsvRequested, this, &MainWindow::choosePredictionsCsv);
    connect(m_evaluationPage, &EvaluationPage::chooseTestFolderRequested, this,
            &MainWindow::chooseTestFolder);
    connect(m_evaluationPage, &EvaluationPage::evaluateRequested, this, &MainWindow::evaluateRequested);
    connect(m_predictPage, &PredictPage::imagesRequested, this, &MainWindow::predictionRequested);
    connect(m_predictPage, &PredictPage::chooseImagesRequested, this, &MainWindow::chooseImages);
    for (EpochChart* chart : {static_cast<EpochChart*>(m_trainingPage->charts()->accuracyChart()),
                              static_cast<EpochChart*>(m_trainingPage->charts()->lossChart())}) {
        chart->setExportFolder(m_preferences.lastExportFolder());
        connect(chart, &EpochChart::exported, this, [this](const QString& path) {
            m_preferences.setLastExportFolder(QFileInfo(path).absolutePath());
        });
        connect(chart, &EpochChart::exportFailed, this, [this](const QString&, const QString& reason) {
            showError([=] { return tr("The chart could not be exported."); }, reason);
        });
    }
}

Page* MainWindow::page(PageId id) const {
    const auto* scroll = qobject_cast<QScrollArea*>(m_stack->widget(indexOf(id)));
    return scroll == nullptr ? nullptr : qobject_cast<Page*>(scroll->widget());
}

MainWindow::PageId MainWindow::currentPage() const { return static_cast<PageId>(m_stack->currentIndex()); }

void MainWindow::showPage(PageId id) {
    const int index = indexOf(id);
    if (index < 0 || index >= kPageCount) return;
    m_stack->setCurrentIndex(index);
    m_sidebar->setCurrentIndex(index);
    m_pageActions[index]->setChecked(true);
}

void MainWindow::openDatasetFolder(const QString& folder) {
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    m_preferences.addRecentDataset(absolute);
    m_preferences.setLastDatasetFolder(QFileInfo(absolute).absolutePath());
    m_datasetPage->setRecentFolders(m_preferences.recentDatasets());
    showPage(PageId::Dataset);
    emit datasetFolderRequested(absolute);
}

void MainWindow::setProjectPath(const QString& path) {
    m_projectPath = path;
    if (!path.isEmpty()) {
        m_preferences.addRecentProject(path);
        m_preferences.setLastProjectFolder(QFileInfo(path).absolutePath());
    }
    retranslateUi();
    emit projectPathChanged(path);
}

void MainWindow::showError(LiveText headline, LiveText details) {
    page(currentPage())->showError(std::move(headline), std::move(details));
}

void MainWindow::setModelActionsEnabled(bool enabled) {
    m_saveModelAction->setEnabled(enabled);
    m_exportTorchScriptAction->setEnabled(enabled);
    m_exportOnnxAction->setEnabled(enabled);
}

void MainWindow::setTrainingRunning(bool running) {
    m_trainingRunning = running;
    m_trainingPage->setRunning(running);
    m_startTrainingAction->setEnabled(!running);
    m_stopTrainingAction->setEnabled(running);
    m_resumeTrainingAction->setEnabled(!running);
    // Queued: the caller (the training controller) finishes its own bookkeeping before the window goes.
    if (!running && m_closeWhenTrainingStops) QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::setWeightsDescription(const QString& description) {
    if (m_about != nullptr) m_about->setWeightsDescription(description);
}

void MainWindow::showStatusMessage(const QString& message) { statusBar()->showMessage(message, 5000); }

AboutDialog* MainWindow::aboutDialog() {
    if (m_about == nullptr) {
        m_about = new AboutDialog(this);
        m_about->setWeightsDescription(m_modelPage->weightsDescription());
    }
    return m_about;
}

GettingStartedDialog* MainWindow::gettingStartedDialog() {
    if (m_gettingStarted == nullptr) {
        m_gettingStarted = new GettingStartedDialog(this);
        connect(m_gettingStarted, &GettingStartedDialog::pageRequested, this,
                [this](int index) { showPage(static_cast<PageId>(index)); });
    }
    return m_gettingStarted;
}

void MainWindow::showGettingStarted() {
    GettingStartedDialog* dialog = gettingStartedDialog();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::rebuildRecentMenus() {
    const auto fill = [this](QMenu* menu, const QStringList& entries, auto open) {
        menu->clear();
        for (const QString& entry : entries) {
            QAction* action = menu->addAction(QDir::toNativeSeparators(entry));
            connect(action, &QAction::triggered, this, [entry, open] { open(entry); });
        }
        menu->setEnabled(!entries.isEmpty());
        if (entries.isEmpty()) return;
        menu->addSeparator();
        menu->addAction(tr("Clear Recent"), this, [this] {
            m_preferences.clearRecent();
            m_datasetPage->setRecentFolders({});
            rebuildRecentMenus();
        });
    };
    fill(m_recentDatasetsMenu, m_preferences.recentDatasets(), [this](const QString& folder) {
        if (QFileInfo(folder).isDir()) return openDatasetFolder(folder);
        m_preferences.removeRecentDataset(folder);
        m_datasetPage->setRecentFolders(m_preferences.recentDatasets());
        showError([=] { return tr("The dataset folder no longer exists."); },
                  QDir::toNativeSeparators(folder));
    });
    fill(m_recentProjectsMenu, m_preferences.recentProjects(), [this](const QString& file) {
        if (QFileInfo(file).isFile()) return emit openProjectRequested(file);
        m_preferences.removeRecentProject(file);
        showError([=] { return tr("The project file no longer exists."); }, QDir::toNativeSeparators(file));
    });
}

// One of the window's file dialogs: what it asks for, where it opens and which remembered folder the
// choice updates. Described just before it opens, so that its tr() texts follow the language in use.
struct MainWindow::FileDialog {
    enum Kind { OpenFile, OpenFiles, SaveFile, Folder };
    using RememberFolder = void (Preferences::*)(const QString& folder);

    FileDialog(Kind kind, QString title, QString start, QString filter = {},
               RememberFolder rememberFolder = nullptr, QString suffix = {})
        : kind(kind),
          title(std::move(title)),
          start(std::move(start)),
          filter(std::move(filter)),
          rememberFolder(rememberFolder),
          suffix(std::move(suffix)) {}

    Kind kind;
    QString title;
    QString start;                  // the folder it opens in, or folder/name for a save that suggests a name
    QString filter;                 // name filters separated by ";;"; none for folders
    RememberFolder rememberFolder;  // gets the folder of the first path chosen; null: nothing remembered
    QString suffix;                 // SaveFile: added to a name typed without it
};

bool MainWindow::runFileDialog(const FileDialog& dialog, const std::function<void(const QStringList&)>& use) {
    QStringList paths;
    switch (dialog.kind) {
        case FileDialog::OpenFile:
            paths << QFileDialog::getOpenFileName(this, dialog.title, dialog.start, dialog.filter);
            break;
        case FileDialog::OpenFiles:
            paths = QFileDialog::getOpenFileNames(this, dialog.title, dialog.start, dialog.filter);
            break;
        case FileDialog::SaveFile:
            paths << QFileDialog::getSaveFileName(this, dialog.title, dialog.start, dialog.filter);
            break;
        case FileDialog::Folder:
            paths << QFileDialog::getExistingDirectory(this, dialog.title, dialog.start);
            break;
    }
    if (paths.isEmpty() || paths.first().isEmpty()) return false;  // cancelled
    if (!paths.first().endsWith(dialog.suffix)) paths.first() += dialog.suffix;
    if (dialog.rememberFolder != nullptr)
        (m_preferences.*dialog.rememberFolder)(QFileInfo(paths.first()).absolutePath());
    use(paths);
    return true;
}

void MainWindow::chooseDatasetFolder() {
    // openDatasetFolder() remembers the folder, as it does for drops and the recent list.
    runFileDialog({FileDialog::Folder, tr("Open Dataset Folder"), m_preferences.lastDatasetFolder()},
                  [this](const QStringList& paths) { openDatasetFolder(paths.first()); });
}

void MainWindow::chooseProjectToOpen() {
    runFileDialog(
        {FileDialog::OpenFile, tr("Open Project"), m_preferences.lastProjectFolder(),
         tr("TL Workbench projects (*.tlwproj);;All files (*)"), &Preferences::setLastProjectFolder},
        [this](const QStringList& paths) { emit openProjectRequested(paths.first()); });
}

bool MainWindow::chooseProjectToSave(bool forceDialog) {
    if (!forceDialog && !m_projectPath.isEmpty()) {
        emit saveProjectRequested(m_projectPath);
        return true;
    }
    return runFileDialog({FileDialog::SaveFile, tr("Save Project"),
                          QDir(m_preferences.lastProjectFolder()).filePath(tr("untitled.tlwproj")),
                          tr("TL Workbench projects (*.tlwproj)"), nullptr, QStringLiteral(".tlwproj")},
                         [this](const QStringList& paths) { emit saveProjectRequested(paths.first()); });
}

void MainWindow::chooseModelToOpen() {
    runFileDialog({FileDialog::OpenFile, tr("Open Model"), m_preferences.lastModelFolder(),
                   tr("TL Workbench models (*.tlwm);;All files (*)"), &Preferences::setLastModelFolder},
                  [this](const QStringList& paths) { emit openModelRequested(paths.first()); });
}

void MainWindow::chooseModelToSave() {
    runFileDialog(
        {FileDialog::SaveFile, tr("Save Model"), m_preferences.lastModelFolder(),
         tr("TL Workbench models (*.tlwm)"), &Preferences::setLastModelFolder, QStringLiteral(".tlwm")},
        [this](const QStringList& paths) { emit saveModelRequested(paths.first()); });
}

void MainWindow::chooseTorchScriptExport() {
    runFileDialog({FileDialog::SaveFile, tr("Export TorchScript"), m_preferences.lastModelFolder(),
                   tr("TorchScript modules (*.pt)"), &Preferences::setLastModelFolder, QStringLiteral(".pt")},
                  [this](const QStringList& paths) { emit exportTorchScriptRequested(paths.first()); });
}

void MainWindow::chooseOnnxExport() {
    runFileDialog({FileDialog::SaveFile, tr("Export ONNX"), m_preferences.lastModelFolder(),
                   tr("ONNX models (*.onnx)"), &Preferences::setLastModelFolder, QStringLiteral(".onnx")},
                  [this](const QStringList& paths) { emit exportOnnxRequested(paths.first()); });
}

void MainWindow::chooseWeightsFile() {
    runFileDialog({FileDialog::OpenFile, tr("Locate Weights File"), m_preferences.lastModelFolder(),
                   tr("Keras weights (*.h5);;All files (*)"), &Preferences::setLastModelFolder},
                  [this](const QStringList& paths) { emit weightsFileChosen(paths.first()); });
}

void MainWindow::chooseCheckpoint() {
    if (m_trainingRunning) return;
    runFileDialog({FileDialog::OpenFile, tr("Resume from Checkpoint"), m_preferences.lastModelFolder(),
                   tr("Training checkpoints (*.checkpoint);;TL Workbench models (*.tlwm);;All files (*)"),
                   &Preferences::setLastModelFolder},
                  [this](const QStringList& paths) { emit resumeTrainingRequested(paths.first()); });
}

void MainWindow::chooseTrainingOutput() {
    runFileDialog(
        {FileDialog::SaveFile, tr("Save Trained Model As"), m_preferences.lastModelFolder(),
         tr("TL Workbench models (*.tlwm)"), &Preferences::setLastModelFolder, QStringLiteral(".tlwm")},
        [this](const QStringList& paths) { m_trainingPage->settingsForm()->setOutputModel(paths.first()); });
}

void MainWindow::choosePredictionsCsv() {
    runFileDialog({FileDialog::SaveFile, tr("Export Predictions"),
                   QDir(m_preferences.lastExportFolder()).filePath(tr("predictions.csv")),
                   tr("CSV files (*.csv)"), &Preferences::setLastExportFolder, QStringLiteral(".csv")},
                  [this](const QStringList& paths) { emit exportPredictionsRequested(paths.first()); });
}

void MainWindow::chooseTestFolder() {
    runFileDialog({FileDialog::Folder, tr("Choose Test Folder"), m_preferences.lastDatasetFolder()},
                  [this](const QStringList& paths) { m_evaluationPage->setTestFolder(paths.first()); });
}

void MainWindow::chooseImages() {
    runFileDialog({FileDialog::OpenFiles, tr("Choose Images"), m_preferences.lastImageFolder(),
                   tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"),
                   &Preferences::setLastImageFolder},
                  [this](const QStringList& paths) { emit predictionRequested(paths); });
}

void MainWindow::chooseManifestToUse() {
    runFileDialog({FileDialog::OpenFile, tr("Use Split Manifest"), m_preferences.lastDatasetFolder(),
                   tr("Split manifests (*.json);;All files (*)")},
                  [this](const QStringList& paths) { m_datasetPage->setManifestPath(paths.first()); });
}

void MainWindow::chooseManifestToSave() {
    runFileDialog({FileDialog::SaveFile, tr("Save Split Manifest"),
                   QDir(m_datasetPage->folder()).filePath(tr("split.json")), tr("Split manifests (*.json)"),
                   nullptr, QStringLiteral(".json")},
                  [this](const QStringList& paths) { emit saveSplitManifestRequested(paths.first()); });
}

void MainWindow::applyLanguage(const QString& code) {
    m_preferences.setLanguage(code);
    if (m_languages != nullptr) m_languages->apply(code);
}

QString MainWindow::droppedFolder(const QMimeData* mime) {
    if (mime == nullptr || !mime->hasUrls()) return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) return url.toLocalFile();
    return {};
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (droppedFolder(event->mimeData()).isEmpty()) return event->ignore();
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString folder = droppedFolder(event->mimeData());
    if (folder.isEmpty()) return event->ignore();
    event->acceptProposedAction();
    emit datasetFolderDropped(QFileInfo(folder).absoluteFilePath());
    openDatasetFolder(folder);
}

bool MainWindow::offerToSaveProject() {
    QMessageBox box(QMessageBox::Question, tr("Unsaved Project"),
                    tr("Save the changes to the project before quitting?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedProjectBox"));
    box.setInformativeText(
        tr("The dataset, model and training settings are also kept for the next start, "
           "but only a project file can be opened elsewhere or shared."));
    box.setDefaultButton(QMessageBox::Save);
    const int answer = box.exec();
    if (answer == QMessageBox::Discard) return true;
    if (answer != QMessageBox::Save || !chooseProjectToSave(false)) return false;
    return !m_hasUnsavedChanges();  // a failed save has shown its error; the window stays
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Already stopping for a close: the window goes as soon as the checkpoint is written, and the user has
    // answered every question by then.
    if (m_closeWhenTrainingStops && m_trainingRunning) return event->ignore();
    if (!m_closeWhenTrainingStops && m_hasUnsavedChanges && m_hasUnsavedChanges() && !offerToSaveProject())
        return event->ignore();
    if (m_trainingRunning) {
        const auto answer = QMessageBox::question(this, tr("Training Is Running"),
                                                  tr("Stop training and quit? The current batch finishes and "
                                                     "a checkpoint is saved, so you can resume later."),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) return event->ignore();
        // Waiting here would freeze the window for up to a batch; it closes when the run has stopped.
        m_closeWhenTrainingStops = true;
        m_trainingPage->requestStop();
        statusBar()->showMessage(tr("Stopping training and saving a checkpoint before closing…"));
        emit closeRequestedWhileTraining();
        return event->ignore();
    }
    m_preferences.setWindowGeometry(saveGeometry());
    m_preferences.setWindowState(saveState());
    emit closing();
    m_preferences.sync();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi() {
    setWindowTitle(m_projectPath.isEmpty()
                       ? tr("TL Workbench")
                       : tr("%1 — TL Workbench").arg(QFileInfo(m_projectPath).completeBaseName()));
    const QString pageNames[kPageCount] = {tr("Dataset"), tr("Model"), tr("Training"), tr("Evaluation"),
                                           tr("Predict")};
    const QString pageTips[kPageCount] = {tr("Open a folder of images and check it"),
                                          tr("Choose the pretrained backbone and the layers to freeze"),
                                          tr("Train with live accuracy and loss curves"),
                                          tr("Measure the model on test images"), tr("Classify new images")};
    for (int i = 0; i < kPageCount; ++i) {
        m_sidebar->setEntryText(i, pageNames[i]);
        m_sidebar->setEntryToolTip(i, tr("%1 (Ctrl+%2)").arg(pageTips[i]).arg(i + 1));
        m_pageActions[i]->setText(pageNames[i]);
        if (i + 1 < kPageCount)
            page(static_cast<PageId>(i))->setNextStep(tr("Next: %1").arg(pageNames[i + 1]), pageTips[i + 1]);
    }
    m_fileMenu->setTitle(tr("&File"));
    m_openDatasetAction->setText(tr("&Open Dataset Folder…"));
    m_recentDatasetsMenu->setTitle(tr("Recent &Datasets"));
    m_openProjectAction->setText(tr("Open &Project…"));
    m_recentProjectsMenu->setTitle(tr("Recent P&rojects"));
    m_saveProjectAction->setText(tr("&Save Project"));
    m_saveProjectAsAction->setText(tr("Save Project &As…"));
    m_openModelAction->setText(tr("Open &Model…"));
    m_saveModelAction->setText(tr("Save Mo&del…"));
    m_exportTorchScriptAction->setText(tr("&Export TorchScript…"));
    m_exportOnnxAction->setText(tr("Export ONN&X…"));
    m_exportOnnxAction->setToolTip(
        tr("Write the model as an ONNX file for OpenCV, ONNX Runtime and other runtimes; it is checked "
           "against the workbench before it is kept"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_batchCurvesAction->setText(tr("Smoothed &Per-Batch Curves"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_trainingMenu->setTitle(tr("&Training"));
    m_startTrainingAction->setText(tr("&Start Training"));
    m_stopTrainingAction->setText(tr("S&top Training"));
    m_resumeTrainingAction->setText(tr("&Resume from Checkpoint…"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("&System Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_gettingStartedAction->setText(tr("&Getting Started"));
    m_demoAction->setText(tr("Try with &Demo Data"));
    m_demoAction->setToolTip(tr("Generate a small seal-impression dataset and open it"));
    m_aboutAction->setText(tr("&About TL Workbench"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_statusLabel->setText(tr("Ready. Drop a dataset folder anywhere on the window to open it."));
    rebuildRecentMenus();
}

}  // namespace tlw::ui
