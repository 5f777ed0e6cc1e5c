#include "ui/windows/main_window.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUrl>
#include <filesystem>

#include "tests/support/temp_dir.h"
#include "tests/ui/layer_fixtures.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/sidebar.h"

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

TEST_F(MainWindowTest, InvalidTrainingSettingsShowAnErrorInsteadOfStarting) {
    auto window = makeWindow();
    tlw::TrainingConfig settings;
    settings.learningRate = 0.0001;
    settings.fineTune = tlw::FineTuneSettings{};
    settings.fineTune->learningRate = 0.001;
    window->trainingPage()->setSettings(settings);
    QSignalSpy start(window.get(), &MainWindow::startTrainingRequested);
    QTest::mouseClick(window->trainingPage()->startButton(), Qt::LeftButton);
    EXPECT_EQ(start.count(), 0);
    EXPECT_FALSE(window->trainingPage()->banner()->isHidden());
    EXPECT_TRUE(window->trainingPage()->banner()->details().contains(QStringLiteral("learning rate")));
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
    QPushButton* fineTune = nullptr;
    for (QPushButton* button : page->findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("Fine-Tune Block 5")) fineTune = button;
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

}  // namespace
}  // namespace tlw::ui
