#include "ui/windows/main_window.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <filesystem>
#include <functional>

#include "tests/support/temp_dir.h"
#include "tests/ui/layer_fixtures.h"
#include "ui/dialogs/getting_started_dialog.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/sidebar.h"
#include "ui/widgets/training_settings_form.h"

namespace tlw::ui {
namespace {

using PageId = MainWindow::PageId;

class MainWindowTest : public ::testing::Test {
protected:
    QString iniFile() const { return QString::fromStdString((m_dir / "settings.ini").string()); }
    QString folder(const char* name) const {
        const auto path = m_dir / name;
        std::filesystem::create_directories(path);
        return QString::fromStdString(path.string());
    }
    std::unique_ptr<MainWindow> makeWindow() {
        auto window = std::make_unique<MainWindow>(*m_preferences, nullptr);
        window->show();
        QApplication::setActiveWindow(window.get());
        EXPECT_TRUE(QTest::qWaitForWindowActive(window.get()));
        return window;
    }
    void drop(QWidget* target, const QList<QUrl>& urls) {
        QMimeData mime;
        mime.setUrls(urls);
        const QPoint center = target->rect().center();
        QDragEnterEvent enter(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        if (!enter.isAccepted()) return;
        QDropEvent dropEvent(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &dropEvent);
    }

    test::TempDir m_dir;
    std::unique_ptr<Preferences> m_preferences = std::make_unique<Preferences>(iniFile());
};

TEST_F(MainWindowTest, SidebarListsTheFivePagesAndSwitchesBetweenThem) {
    auto window = makeWindow();
    Sidebar* sidebar = window->sidebar();
    ASSERT_EQ(sidebar->count(), 5);
    EXPECT_EQ(sidebar->entryText(0), QStringLiteral("Dataset"));
    EXPECT_EQ(sidebar->entryText(4), QStringLiteral("Predict"));
    EXPECT_EQ(window->currentPage(), PageId::Dataset);
    QTest::mouseClick(sidebar->button(2), Qt::LeftButton);
    EXPECT_EQ(window->currentPage(), PageId::Training);
    EXPECT_EQ(window->page(PageId::Training)->title(), QStringLiteral("Training"));
}

TEST_F(MainWindowTest, CtrlDigitShortcutsSwitchPages) {
    auto window = makeWindow();
    const std::pair<Qt::Key, PageId> keys[] = {{Qt::Key_3, PageId::Training},
                                               {Qt::Key_5, PageId::Predict},
                                               {Qt::Key_2, PageId::Model},
                                               {Qt::Key_4, PageId::Evaluation},
                                               {Qt::Key_1, PageId::Dataset}};
    for (const auto& [key, page] : keys) {
        QTest::keyClick(window.get(), key, Qt::ControlModifier);
        EXPECT_EQ(window->currentPage(), page) << key;
        EXPECT_EQ(window->sidebar()->currentIndex(), static_cast<int>(page));
    }
}

TEST_F(MainWindowTest, EveryPageButTheLastOffersTheNextStepOfTheRecipe) {
    auto window = makeWindow();
    const QString next[] = {QStringLiteral("Next: Model"), QStringLiteral("Next: Training"),
                            QStringLiteral("Next: Evaluation"), QStringLiteral("Next: Predict")};
    for (int i = 0; i + 1 < MainWindow::kPageCount; ++i) {
        const auto id = static_cast<PageId>(i);
        window->showPage(id);
        QPushButton* button = window->page(id)->nextStepButton();
        ASSERT_TRUE(button->isVisible()) << i;
        EXPECT_EQ(button->text(), next[i]);
        QTest::mouseClick(button, Qt::LeftButton);
        EXPECT_EQ(window->currentPage(), static_cast<PageId>(i + 1));
        EXPECT_EQ(window->sidebar()->currentIndex(), i + 1);
    }
    EXPECT_FALSE(window->page(PageId::Predict)->nextStepButton()->isVisible());
}

TEST_F(MainWindowTest, F1OpensGettingStartedWhoseStepsGoToTheirPages) {
    auto window = makeWindow();
    QTest::keyClick(window.get(), Qt::Key_F1);
    GettingStartedDialog* dialog = window->gettingStartedDialog();
    ASSERT_TRUE(dialog->isVisible());
    EXPECT_FALSE(dialog->isModal());  // it stays open beside the window while the user follows it
    const PageId pages[GettingStartedDialog::kStepCount] = {
        PageId::Dataset, PageId::Model, PageId::Training, PageId::Model, PageId::Evaluation, PageId::Predict};
    for (int step = GettingStartedDialog::kStepCount - 1; step >= 0; --step) {
        QTest::mouseClick(dialog->goButton(step), Qt::LeftButton);
        EXPECT_EQ(window->currentPage(), pages[step]) << step;
    }
}

TEST_F(MainWindowTest, F5StartsTrainingWithThePageSettingsAndEscStopsOnlyARunningOne) {
    auto window = makeWindow();
    QSignalSpy start(window.get(), &MainWindow::startTrainingRequested);
    QSignalSpy stop(window.get(), &MainWindow::stopTrainingRequested);
    QTest::keyClick(window.get(), Qt::Key_Escape);
    EXPECT_EQ(stop.count(), 0);
    QTest::keyClick(window.get(), Qt::Key_F5);
    ASSERT_EQ(start.count(), 1);
    EXPECT_EQ(window->currentPage(), PageId::Training);
    const auto settings = start.at(0).at(0).value<tlw::TrainingConfig>();
    EXPECT_EQ(settings.epochs, window->trainingPage()->settings().epochs);

    window->setTrainingRunning(true);
    EXPECT_FALSE(window->trainingPage()->startButton()->isEnabled());
    QTest::keyClick(window.get(), Qt::Key_F5);
    EXPECT_EQ(start.count(), 1);  // no second run while one is going
    QTest::keyClick(window.get(), Qt::Key_Escape);
    EXPECT_EQ(stop.count(), 1);
    window->setTrainingRunning(false);
    EXPECT_TRUE(window->trainingPage()->startButton()->isEnabled());
}

// A fine-tuning rate above the first one is accepted, as Keras accepts it (the form warns under the field);
// a fine-tuning layer past the base's last would train nothing, and stops the run with the reason.
TEST_F(MainWindowTest, InvalidTrainingSettingsShowAnErrorInsteadOfStarting) {
    auto window = makeWindow();
    TrainingSettingsForm* form = window->trainingPage()->settingsForm();
    QStringList names;
    for (int i = 0; i < 20; ++i) names << QStringLiteral("layer%1").arg(i);
    form->setLayerNames(names, 12);
    tlw::TrainingConfig settings;
    settings.learningRate = 0.0001;
    settings.fineTune = tlw::FineTuneSettings{};
    settings.fineTune->learningRate = 0.001;
    window->trainingPage()->setSettings(settings);
    QSignalSpy start(window.get(), &MainWindow::startTrainingRequested);
    QTest::mouseClick(window->trainingPage()->startButton(), Qt::LeftButton);
    EXPECT_EQ(start.count(), 1);
    window->setTrainingRunning(false);

    form->fineTuneAtBox()->setMaximum(100);
    form->fineTuneAtBox()->setValue(20);
    QTest::mouseClick(window->trainingPage()->startButton(), Qt::LeftButton);
    EXPECT_EQ(start.count(), 1);
    EXPECT_FALSE(window->trainingPage()->banner()->isHidden());
    EXPECT_TRUE(window->trainingPage()->banner()->details().contains(QStringLiteral("unfreezes nothing")));
}

TEST_F(MainWindowTest, DroppingAFolderOnTheWindowOpensItAsADataset) {
    auto window = makeWindow();
    window->showPage(PageId::Model);
    const QString bees = folder("bees_and_ants");
    QSignalSpy dropped(window.get(), &MainWindow::datasetFolderDropped);
    QSignalSpy requested(window.get(), &MainWindow::datasetFolderRequested);
    drop(window.get(), {QUrl::fromLocalFile(bees)});
    ASSERT_EQ(dropped.count(), 1);
    EXPECT_EQ(dropped.at(0).at(0).toString(), bees);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(window->currentPage(), PageId::Dataset);
    EXPECT_EQ(m_preferences->recentDatasets().value(0), bees);
}

TEST_F(MainWindowTest, DroppingAFileOnTheWindowIsRefused) {
    auto window = makeWindow();
    const QString file = QString::fromStdString((m_dir / "notes.txt").string());
    QFile(file).open(QIODevice::WriteOnly);
    QSignalSpy dropped(window.get(), &MainWindow::datasetFolderDropped);
    drop(window.get(), {QUrl::fromLocalFile(file)});
    EXPECT_EQ(dropped.count(), 0);
}

TEST_F(MainWindowTest, DroppingAnImageOnThePredictPageAsksForAPrediction) {
    auto window = makeWindow();
    window->showPage(PageId::Predict);
    const QString image = QString::fromStdString((m_dir / "hornet.png").string());
    QImage(8, 8, QImage::Format_RGB32).save(image);
    QSignalSpy requested(window.get(), &MainWindow::predictionRequested);
    drop(window->predictPage(), {QUrl::fromLocalFile(image)});
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toStringList(), QStringList{image});

    PredictionResult result;
    result.imagePath = image;
    result.topK = {{QStringLiteral("Vespa mandarinia"), 0.93}, {QStringLiteral("Vespa crabro"), 0.05}};
    window->predictPage()->addPrediction(result);
    EXPECT_EQ(window->predictPage()->predictionCount(), 1);
}

TEST_F(MainWindowTest, ModelFileActionsAreDisabledUntilAModelExists) {
    auto window = makeWindow();
    auto* save = window->findChild<QAction*>(QStringLiteral("saveModelAction"));
    auto* exportAction = window->findChild<QAction*>(QStringLiteral("exportTorchScriptAction"));
    ASSERT_NE(save, nullptr);
    ASSERT_NE(exportAction, nullptr);
    EXPECT_FALSE(save->isEnabled());
    EXPECT_FALSE(exportAction->isEnabled());
    window->setModelActionsEnabled(true);
    EXPECT_TRUE(save->isEnabled());
    EXPECT_TRUE(exportAction->isEnabled());
}

TEST_F(MainWindowTest, ErrorsAppearInTheBannerOfThePageInFront) {
    auto window = makeWindow();
    window->showPage(PageId::Evaluation);
    window->showError(QStringLiteral("The test folder could not be read."),
                      QStringLiteral("/x: no such folder"));
    EXPECT_TRUE(window->page(PageId::Evaluation)->banner()->isVisible());
    EXPECT_TRUE(window->page(PageId::Dataset)->banner()->isHidden());
}

TEST_F(MainWindowTest, GeometryIsSavedOnCloseAndRestoredNextTime) {
    {
        auto window = makeWindow();
        window->resize(1310, 877);
        QCoreApplication::processEvents();
        window->close();
    }
    EXPECT_FALSE(m_preferences->windowGeometry().isEmpty());
    auto window = makeWindow();
    EXPECT_EQ(window->size(), QSize(1310, 877));
}

TEST_F(MainWindowTest, ModelPageFreezePresetsUpdateTheKerasSummary) {
    auto window = makeWindow();
    ModelPage* page = window->modelPage();
    QSignalSpy freeze(page, &ModelPage::freezeChanged);
    page->setLayers(fixtures::vgg16Layers());
    EXPECT_TRUE(page->summaryText().contains(QStringLiteral("Trainable params: 14,714,688")));
    QToolButton* fineTune = nullptr;
    for (QToolButton* button : page->findChildren<QToolButton*>())
        if (button->text() == QStringLiteral("Fine-Tune as the Keras Tutorial")) fineTune = button;
    ASSERT_NE(fineTune, nullptr);
    QTest::mouseClick(fineTune, Qt::LeftButton);
    EXPECT_EQ(page->summaryText(), QStringLiteral("Total params: 14,714,688\nTrainable params: 4,719,616\n"
                                                  "Non-trainable params: 9,995,072"));
    page->layerView()->setCurrentIndex(page->layerModel()->index(14, 0));
    page->freezeUpToSelectedRow();
    EXPECT_TRUE(page->summaryText().contains(QStringLiteral("Trainable params: 7,079,424")));
    EXPECT_GE(freeze.count(), 3);
}

TEST_F(MainWindowTest, DatasetPageShowsClassesAndThumbnails) {
    auto window = makeWindow();
    DatasetPage* page = window->datasetPage();
    QSignalSpy demo(window.get(), &MainWindow::demoDataRequested);
    QPushButton* demoButton = nullptr;
    for (QPushButton* button : page->findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("Try with Demo Data")) demoButton = button;
    ASSERT_NE(demoButton, nullptr);
    QTest::mouseClick(demoButton, Qt::LeftButton);
    EXPECT_EQ(demo.count(), 1);

    DatasetOverview overview;
    overview.folder = folder("hymenoptera");
    overview.classes = {{QStringLiteral("ants"), {QStringLiteral("/a/1.jpg"), QStringLiteral("/a/2.jpg")}},
                        {QStringLiteral("bees"), {QStringLiteral("/b/1.jpg")}}};
    overview.report.skipped = {{QStringLiteral("/b/broken.jpg"), QStringLiteral("not an image")}};
    page->showOverview(overview);
    EXPECT_TRUE(page->hasDataset());
    EXPECT_EQ(page->classCount(), 2);
    EXPECT_EQ(page->thumbnailModel()->rowCount(), 3);
    page->showClassThumbnails(1);
    EXPECT_EQ(page->thumbnailModel()->rowCount(), 1);
}

// What a file dialog looked like when it came up.
struct SeenDialog {
    bool shown = false;
    QString title;
    QStringList filters;
    QString folder;     // where it opened
    QString suggested;  // a save dialog's file name typed in advance
    QFileDialog::AcceptMode acceptMode = QFileDialog::AcceptOpen;
    QFileDialog::FileMode fileMode = QFileDialog::AnyFile;
};

// The window's file dialogs, answered as a user would: each starts in the folder it remembers, with its
// title and filters, and the path chosen goes where that dialog sends it.
class MainWindowFileDialogTest : public MainWindowTest {
protected:
    void SetUp() override {
        m_preferences->setLastDatasetFolder(folder("datasets"));
        m_preferences->setLastProjectFolder(folder("projects"));
        m_preferences->setLastModelFolder(folder("models"));
        m_preferences->setLastImageFolder(folder("images"));
        m_preferences->setLastExportFolder(folder("exports"));
        m_window = makeWindow();
    }
    // A path in the folder the answers come from; `existing` writes the file first.
    QString chosen(const char* name, bool existing = false) const {
        const QString path = folder("chosen") + QLatin1Char('/') + QLatin1String(name);
        if (existing) QFile(path).open(QIODevice::WriteOnly);
        return path;
    }
    // Runs `open`, answers the file dialog it brings up with `answer` (cancels it when empty) and says
    // what the dialog looked like.
    static SeenDialog answer(const std::function<void()>& open, const QString& answer) {
        SeenDialog seen;
        QTimer::singleShot(0, [&] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (dialog == nullptr) return;
            seen = {true,
                    dialog->windowTitle(),
                    dialog->nameFilters(),
                    dialog->directory().absolutePath(),
                    dialog->acceptMode() == QFileDialog::AcceptSave
                        ? QFileInfo(dialog->selectedFiles().value(0)).fileName()
                        : QString(),
                    dialog->acceptMode(),
                    dialog->fileMode()};
            if (!answer.isEmpty()) {
                dialog->selectFile(answer);
                static_cast<QDialog*>(dialog)->accept();  // QFileDialog's own accept() is protected
            }
            if (dialog->isVisible()) dialog->reject();  // never left hanging, whatever went wrong
        });
        open();
        QCoreApplication::processEvents();  // the timer's turn when no dialog came up
        return seen;
    }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(MainWindowFileDialogTest, OpenDatasetFolderOpensTheChosenFolderAsADataset) {
    QSignalSpy requested(m_window.get(), &MainWindow::datasetFolderRequested);
    const QString bees = folder("chosen/bees");
    const SeenDialog seen = answer([&] { action("openDatasetAction")->trigger(); }, bees);
    ASSERT_TRUE(seen.shown);
    EXPECT_EQ(seen.title, QStringLiteral("Open Dataset Folder"));
    EXPECT_EQ(seen.folder, folder("datasets"));
    EXPECT_EQ(seen.fileMode, QFileDialog::Directory);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), bees);
    EXPECT_EQ(m_preferences->lastDatasetFolder(), folder("chosen"));
    EXPECT_EQ(m_preferences->recentDatasets().value(0), bees);
    // The page's own button asks through the same dialog.
    EXPECT_EQ(answer([&] { emit m_window->datasetPage()->openFolderRequested(); }, {}).title,
              QStringLiteral("Open Dataset Folder"));
}

TEST_F(MainWindowFileDialogTest, OpenProjectRemembersItsFolder) {
    QSignalSpy requested(m_window.get(), &MainWindow::openProjectRequested);
    const QString project = chosen("bees.tlwproj", true);
    const SeenDialog seen = answer([&] { action("openProjectAction")->trigger(); }, project);
    EXPECT_EQ(seen.title, QStringLiteral("Open Project"));
    EXPECT_EQ(seen.filters, QStringList({QStringLiteral("TL Workbench projects (*.tlwproj)"),
                                         QStringLiteral("All files (*)")}));
    EXPECT_EQ(seen.folder, folder("projects"));
    EXPECT_EQ(seen.acceptMode, QFileDialog::AcceptOpen);
    EXPECT_EQ(seen.fileMode, QFileDialog::ExistingFile);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), project);
    EXPECT_EQ(m_preferences->lastProjectFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, SaveProjectAsOffersUntitledAndAddsTheExtension) {
    QSignalSpy requested(m_window.get(), &MainWindow::saveProjectRequested);
    const SeenDialog seen = answer([&] { action("saveProjectAsAction")->trigger(); }, chosen("bees"));
    EXPECT_EQ(seen.title, QStringLiteral("Save Project"));
    EXPECT_EQ(seen.filters, QStringList{QStringLiteral("TL Workbench projects (*.tlwproj)")});
    EXPECT_EQ(seen.folder, folder("projects"));
    EXPECT_EQ(seen.suggested, QStringLiteral("untitled.tlwproj"));
    EXPECT_EQ(seen.acceptMode, QFileDialog::AcceptSave);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), chosen("bees.tlwproj"));
    EXPECT_EQ(m_preferences->lastProjectFolder(), folder("projects"));  // only Open Project remembers it
}

TEST_F(MainWindowFileDialogTest, SaveProjectAsksOnlyWhileTheProjectHasNoFile) {
    QSignalSpy requested(m_window.get(), &MainWindow::saveProjectRequested);
    EXPECT_EQ(answer([&] { action("saveProjectAction")->trigger(); }, {}).title,
              QStringLiteral("Save Project"));
    EXPECT_EQ(requested.count(), 0);  // cancelled
    m_window->setProjectPath(chosen("known.tlwproj"));
    EXPECT_FALSE(answer([&] { action("saveProjectAction")->trigger(); }, {}).shown);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), chosen("known.tlwproj"));
    EXPECT_TRUE(answer([&] { action("saveProjectAsAction")->trigger(); }, {}).shown);
}

TEST_F(MainWindowFileDialogTest, OpenModelRemembersItsFolderAndCancellingChangesNothing) {
    QSignalSpy requested(m_window.get(), &MainWindow::openModelRequested);
    const SeenDialog cancelled = answer([&] { action("openModelAction")->trigger(); }, {});
    EXPECT_EQ(cancelled.title, QStringLiteral("Open Model"));
    EXPECT_EQ(cancelled.filters,
              QStringList({QStringLiteral("TL Workbench models (*.tlwm)"), QStringLiteral("All files (*)")}));
    EXPECT_EQ(cancelled.folder, folder("models"));
    EXPECT_EQ(cancelled.fileMode, QFileDialog::ExistingFile);
    EXPECT_EQ(requested.count(), 0);
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("models"));

    const QString model = chosen("bees.tlwm", true);
    answer([&] { action("openModelAction")->trigger(); }, model);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), model);
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, SaveModelAndExportTorchScriptAddTheirExtensions) {
    m_window->setModelActionsEnabled(true);
    QSignalSpy saved(m_window.get(), &MainWindow::saveModelRequested);
    const SeenDialog save = answer([&] { action("saveModelAction")->trigger(); }, chosen("bees"));
    EXPECT_EQ(save.title, QStringLiteral("Save Model"));
    EXPECT_EQ(save.filters, QStringList{QStringLiteral("TL Workbench models (*.tlwm)")});
    EXPECT_EQ(save.folder, folder("models"));
    EXPECT_EQ(save.acceptMode, QFileDialog::AcceptSave);
    ASSERT_EQ(saved.count(), 1);
    EXPECT_EQ(saved.at(0).at(0).toString(), chosen("bees.tlwm"));
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));

    m_preferences->setLastModelFolder(folder("models"));
    QSignalSpy exported(m_window.get(), &MainWindow::exportTorchScriptRequested);
    const SeenDialog script =
        answer([&] { action("exportTorchScriptAction")->trigger(); }, chosen("bees.pt"));
    EXPECT_EQ(script.title, QStringLiteral("Export TorchScript"));
    EXPECT_EQ(script.filters, QStringList{QStringLiteral("TorchScript modules (*.pt)")});
    EXPECT_EQ(script.folder, folder("models"));
    EXPECT_EQ(script.acceptMode, QFileDialog::AcceptSave);
    ASSERT_EQ(exported.count(), 1);
    EXPECT_EQ(exported.at(0).at(0).toString(), chosen("bees.pt"));  // not bees.pt.pt
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));

    m_preferences->setLastModelFolder(folder("models"));
    QSignalSpy onnx(m_window.get(), &MainWindow::exportOnnxRequested);
    const SeenDialog graph = answer([&] { action("exportOnnxAction")->trigger(); }, chosen("bees.onnx"));
    EXPECT_EQ(graph.title, QStringLiteral("Export ONNX"));
    EXPECT_EQ(graph.filters, QStringList{QStringLiteral("ONNX models (*.onnx)")});
    EXPECT_EQ(graph.folder, folder("models"));
    EXPECT_EQ(graph.acceptMode, QFileDialog::AcceptSave);
    ASSERT_EQ(onnx.count(), 1);
    EXPECT_EQ(onnx.at(0).at(0).toString(), chosen("bees.onnx"));
}

TEST_F(MainWindowFileDialogTest, ChooseWeightsFileHandsTheFileToTheModel) {
    QSignalSpy chosenWeights(m_window.get(), &MainWindow::weightsFileChosen);
    const QString weights = chosen("vgg16.h5", true);
    const SeenDialog seen = answer([&] { emit m_window->modelPage()->locateWeightsRequested(); }, weights);
    EXPECT_EQ(seen.title, QStringLiteral("Locate Weights File"));
    EXPECT_EQ(seen.filters,
              QStringList({QStringLiteral("Keras weights (*.h5)"), QStringLiteral("All files (*)")}));
    EXPECT_EQ(seen.folder, folder("models"));
    EXPECT_EQ(seen.fileMode, QFileDialog::ExistingFile);
    ASSERT_EQ(chosenWeights.count(), 1);
    EXPECT_EQ(chosenWeights.at(0).at(0).toString(), weights);
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, ResumeAsksForACheckpointOnlyWhileNothingIsTraining) {
    QSignalSpy resume(m_window.get(), &MainWindow::resumeTrainingRequested);
    const QString checkpoint = chosen("run.checkpoint", true);
    const SeenDialog seen = answer([&] { action("resumeTrainingAction")->trigger(); }, checkpoint);
    EXPECT_EQ(seen.title, QStringLiteral("Resume from Checkpoint"));
    EXPECT_EQ(seen.filters,
              QStringList({QStringLiteral("Training checkpoints (*.checkpoint)"),
                           QStringLiteral("TL Workbench models (*.tlwm)"), QStringLiteral("All files (*)")}));
    EXPECT_EQ(seen.folder, folder("models"));
    EXPECT_EQ(seen.fileMode, QFileDialog::ExistingFile);
    ASSERT_EQ(resume.count(), 1);
    EXPECT_EQ(resume.at(0).at(0).toString(), checkpoint);
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));

    m_window->setTrainingRunning(true);
    EXPECT_FALSE(answer([&] { emit m_window->trainingPage()->resumeRequested(); }, checkpoint).shown);
    EXPECT_EQ(resume.count(), 1);
}

TEST_F(MainWindowFileDialogTest, TrainingOutputGoesIntoTheSettingsForm) {
    TrainingSettingsForm* form = m_window->trainingPage()->settingsForm();
    const SeenDialog seen = answer([&] { emit form->chooseOutputModelRequested(); }, chosen("bees"));
    EXPECT_EQ(seen.title, QStringLiteral("Save Trained Model As"));
    EXPECT_EQ(seen.filters, QStringList{QStringLiteral("TL Workbench models (*.tlwm)")});
    EXPECT_EQ(seen.folder, folder("models"));
    EXPECT_EQ(seen.acceptMode, QFileDialog::AcceptSave);
    // What the form shows, whatever type settings() keeps the file in.
    EXPECT_EQ(form->outputLabel()->text(),
              QStringLiteral("Saved as %1").arg(QDir::toNativeSeparators(chosen("bees.tlwm"))));
    EXPECT_EQ(m_preferences->lastModelFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, ExportPredictionsOffersPredictionsCsvInTheExportFolder) {
    QSignalSpy exported(m_window.get(), &MainWindow::exportPredictionsRequested);
    const SeenDialog seen =
        answer([&] { emit m_window->predictPage()->exportCsvRequested(); }, chosen("hornets"));
    EXPECT_EQ(seen.title, QStringLiteral("Export Predictions"));
    EXPECT_EQ(seen.filters, QStringList{QStringLiteral("CSV files (*.csv)")});
    EXPECT_EQ(seen.folder, folder("exports"));
    EXPECT_EQ(seen.suggested, QStringLiteral("predictions.csv"));
    ASSERT_EQ(exported.count(), 1);
    EXPECT_EQ(exported.at(0).at(0).toString(), chosen("hornets.csv"));
    EXPECT_EQ(m_preferences->lastExportFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, ChooseTestFolderSetsItOnTheEvaluationPage) {
    const QString test = folder("chosen/test");
    const SeenDialog seen =
        answer([&] { emit m_window->evaluationPage()->chooseTestFolderRequested(); }, test);
    EXPECT_EQ(seen.title, QStringLiteral("Choose Test Folder"));
    EXPECT_EQ(seen.folder, folder("datasets"));
    EXPECT_EQ(seen.fileMode, QFileDialog::Directory);
    EXPECT_EQ(m_window->evaluationPage()->testFolder(), test);
    EXPECT_EQ(m_preferences->lastDatasetFolder(), folder("datasets"));
}

TEST_F(MainWindowFileDialogTest, ChooseImagesAsksForPredictionsOfEveryImageChosen) {
    QSignalSpy requested(m_window.get(), &MainWindow::predictionRequested);
    const QString image = chosen("hornet.png", true);
    const SeenDialog seen = answer([&] { emit m_window->predictPage()->chooseImagesRequested(); }, image);
    EXPECT_EQ(seen.title, QStringLiteral("Choose Images"));
    EXPECT_EQ(seen.filters,
              QStringList({QStringLiteral("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"),
                           QStringLiteral("All files (*)")}));
    EXPECT_EQ(seen.folder, folder("images"));
    EXPECT_EQ(seen.fileMode, QFileDialog::ExistingFiles);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toStringList(), QStringList{image});
    EXPECT_EQ(m_preferences->lastImageFolder(), folder("chosen"));
}

TEST_F(MainWindowFileDialogTest, SplitManifestsAreUsedFromTheDatasetsFolderAndSavedBesideTheDataset) {
    DatasetPage* page = m_window->datasetPage();
    const QString manifest = chosen("split.json", true);
    const SeenDialog use = answer([&] { emit page->chooseManifestRequested(); }, manifest);
    EXPECT_EQ(use.title, QStringLiteral("Use Split Manifest"));
    EXPECT_EQ(use.filters,
              QStringList({QStringLiteral("Split manifests (*.json)"), QStringLiteral("All files (*)")}));
    EXPECT_EQ(use.folder, folder("datasets"));
    EXPECT_EQ(use.fileMode, QFileDialog::ExistingFile);
    EXPECT_EQ(page->splitSettings().manifestPath, manifest);

    DatasetOverview overview;
    overview.folder = folder("flowers");
    page->showOverview(overview);
    QSignalSpy saved(m_window.get(), &MainWindow::saveSplitManifestRequested);
    const SeenDialog save = answer([&] { emit page->saveManifestRequested(); }, chosen("fold1"));
    EXPECT_EQ(save.title, QStringLiteral("Save Split Manifest"));
    EXPECT_EQ(save.filters, QStringList{QStringLiteral("Split manifests (*.json)")});
    EXPECT_EQ(save.folder, folder("flowers"));
    EXPECT_EQ(save.suggested, QStringLiteral("split.json"));
    EXPECT_EQ(save.acceptMode, QFileDialog::AcceptSave);
    ASSERT_EQ(saved.count(), 1);
    EXPECT_EQ(saved.at(0).at(0).toString(), chosen("fold1.json"));
    EXPECT_EQ(m_preferences->lastDatasetFolder(), folder("datasets"));
}

}  // namespace
}  // namespace tlw::ui
