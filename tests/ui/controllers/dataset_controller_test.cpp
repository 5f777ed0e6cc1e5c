#include "ui/controllers/dataset_controller.h"

#include <gtest/gtest.h>

#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUrl>

#include "core/data/dataset_scanner.h"
#include "core/data/scan_memo.h"
#include "core/data/split_manifest.h"
#include "core/train/training_config.h"
#include "tests/support/shared_data.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/class_count_model.h"
#include "ui/item_models/scan_report_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/event_loop_stall_detector.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/thumbnail_grid_view.h"
#include "ui/windows/main_window.h"
#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;
using test::writePng;
using test::writeText;
using ReportKind = ScanReportModel::EntryKind;

class DatasetControllerTest : public test::WorkbenchTest {
protected:
    DatasetPage* page() { return workbench().window().datasetPage(); }
    bool waitForScan() {
        return waitUntil([this] { return !workbench().datasets().isScanning() && !page()->isBusy(); });
    }
    QString cell(int row, int column) { return page()->classModel()->index(row, column).data().toString(); }
    void selectClassRow(int row) {
        page()->classTable()->setCurrentIndex(page()->classModel()->index(row, 0));
    }
    // Every report row of a kind, depth first, as "text" (path in PathRole).
    QList<QModelIndex> reportRows(ReportKind kind) {
        QList<QModelIndex> rows;
        QStandardItemModel* model = page()->reportModel();
        std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
            for (int row = 0; row < model->rowCount(parent); ++row) {
                const QModelIndex index = model->index(row, 0, parent);
                if (index.data(ScanReportModel::EntryKindRole).toInt() == static_cast<int>(kind))
                    rows << index;
                walk(index);
            }
        };
        walk({});
        return rows;
    }
    void drop(QWidget* target, const QString& folder) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(folder)});
        const QPoint center = target->rect().center();
        QDragEnterEvent enter(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        ASSERT_TRUE(enter.isAccepted());
        QDropEvent dropEvent(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &dropEvent);
    }
};

// Whatever the window's width, the thumbnails on screen load: short file names ("0013035.jpg") sit narrow in
// cells widened by long ones, and the grid once found none of them on screen, so hymenoptera_data's Dataset
// page showed only placeholders.
TEST_F(DatasetControllerTest, TheThumbnailsOnScreenLoadAtEveryWindowWidth) {
    const auto hymenoptera = tlw::test::sharedDataset("hymenoptera_data");
    TLW_REQUIRE_SHARED(hymenoptera);
    makeWorkbench();
    MainWindow& window = workbench().window();
    window.openDatasetFolder(qpath(hymenoptera));
    ASSERT_TRUE(waitForScan());
    auto* grid = page()->findChild<ThumbnailGridView*>();
    ASSERT_NE(grid, nullptr);
    const auto onScreenReady = [&] {
        bool any = false;
        for (int row = 0; row < grid->model()->rowCount(); ++row) {
            if (!grid->visualRect(grid->model()->index(row, 0)).intersects(grid->viewport()->rect()))
                continue;
            any = true;
            if (page()->thumbnailModel()->stateAt(row) != ThumbnailListModel::State::Ready) return false;
        }
        return any;
    };
    for (int width = 1100; width <= 1400; width += 20) {
        window.resize(width, 820);
        EXPECT_TRUE(waitUntil(onScreenReady, 3000)) << "window width " << width;
    }
}

TEST_F(DatasetControllerTest, DroppingHymenopteraTinyShowsItsClassesThumbnailsAndACleanReport) {
    const auto tiny = tlw::test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    makeWorkbench();
    MainWindow& window = workbench().window();
    window.showPage(MainWindow::PageId::Model);
    QSignalSpy finished(&workbench().datasets(), &DatasetController::scanFinished);
    drop(&window, qpath(tiny));
    EXPECT_EQ(window.currentPage(), MainWindow::PageId::Dataset);
    ASSERT_TRUE(waitForScan());
    ASSERT_EQ(finished.count(), 1);

    ASSERT_TRUE(page()->hasDataset());
    EXPECT_EQ(page()->classCount(), 2);
    // The Model page's whole-model summary now sizes the head for these two classes.
    EXPECT_TRUE(
        window.modelPage()->wholeModelSummaryText().startsWith(QStringLiteral("With the head (2 classes)")))
        << window.modelPage()->wholeModelSummaryText().toStdString();
    // Row 0 is "All classes"; columns: class, training, validation, test, share.
    EXPECT_EQ(cell(1, 0), QStringLiteral("ants"));
    EXPECT_EQ(cell(1, 1), QStringLiteral("10"));
    EXPECT_EQ(cell(1, 2), QStringLiteral("5"));
    EXPECT_EQ(cell(2, 0), QStringLiteral("bees"));
    EXPECT_EQ(cell(2, 1), QStringLiteral("10"));
    EXPECT_EQ(cell(2, 2), QStringLiteral("5"));
    EXPECT_EQ(cell(0, 1), QStringLiteral("20"));
    EXPECT_TRUE(page()->classTable()->isColumnHidden(3));  // no test/ folder
    EXPECT_FALSE(page()->classTable()->isColumnHidden(2));

    EXPECT_EQ(page()->thumbnailModel()->rowCount(), 30);
    EXPECT_TRUE(waitUntil(
        [this] { return page()->thumbnailModel()->stateAt(0) == ThumbnailListModel::State::Ready; }));
    selectClassRow(2);  // bees
    EXPECT_EQ(page()->shownClass(), QStringLiteral("bees"));
    EXPECT_EQ(page()->thumbnailModel()->rowCount(), 15);

    EXPECT_EQ(reportRows(ReportKind::NoProblems).size(), 1);
    EXPECT_EQ(page()->reportModel()->rowCount(), 1);
    EXPECT_TRUE(page()->banner()->isHidden());
    // A fixed split: shown, not editable.
    EXPECT_TRUE(page()->findChild<QLabel*>(QStringLiteral("detectedSplit"))->isVisible());
    EXPECT_TRUE(
        page()->findChild<QLabel*>(QStringLiteral("detectedSplit"))->text().contains(QStringLiteral("val/")));
    EXPECT_FALSE(page()->findChild<QDoubleSpinBox*>(QStringLiteral("validationFraction"))->isVisible());
}

TEST_F(DatasetControllerTest, ReportListsABadFileWithItsReasonAndLeakageBetweenSubsets) {
    const auto root = m_dir / "flowers";
    writePng(root / "train" / "roses" / "r1.png", Qt::red);
    writePng(root / "train" / "roses" / "r2.png", Qt::darkRed);
    writePng(root / "train" / "tulips" / "t1.png", Qt::yellow);
    writePng(root / "train" / "tulips" / "t2.png", Qt::darkYellow);
    writeText(root / "train" / "tulips" / "broken.jpg", "this is not a JPEG");
    writePng(root / "val" / "roses" / "r3.png", Qt::magenta);
    writePng(root / "val" / "tulips" / "t3.png", Qt::green);
    std::filesystem::copy_file(root / "train" / "roses" / "r1.png", root / "val" / "roses" / "r1_again.png");
    writeText(root / "notes.txt", "collected in May");
    makeWorkbench();
    workbench().window().openDatasetFolder(qpath(root));
    ASSERT_TRUE(waitForScan());

    const QList<QModelIndex> skipped = reportRows(ReportKind::Skipped);
    ASSERT_EQ(skipped.size(), 1);
    EXPECT_TRUE(skipped[0].data().toString().contains(QStringLiteral("broken.jpg")));
    EXPECT_TRUE(skipped[0].data().toString().contains(QStringLiteral("not an image")))
        << skipped[0].data().toString().toStdString();
    EXPECT_EQ(skipped[0].data(ScanReportModel::PathRole).toString(),
              qpath(root / "train" / "tulips" / "broken.jpg"));

    const QList<QModelIndex> leakage = reportRows(ReportKind::Leakage);
    ASSERT_EQ(leakage.size(), 1);
    EXPECT_TRUE(leakage[0].data().toString().startsWith(QStringLiteral("Leakage")));
    EXPECT_EQ(page()->reportModel()->rowCount(leakage[0]), 2);
    EXPECT_EQ(reportRows(ReportKind::DuplicateFile).size(), 2);
    const QList<QModelIndex> ignored = reportRows(ReportKind::Ignored);
    ASSERT_EQ(ignored.size(), 1);
    EXPECT_TRUE(ignored[0].data().toString().contains(QStringLiteral("notes.txt")));
    EXPECT_FALSE(reportRows(ReportKind::Warning).isEmpty());
    EXPECT_EQ(cell(2, 1), QStringLiteral("2"));  // tulips: two usable training images

    // Activating a file's row asks the file manager to show it.
    QSignalSpy reveal(page(), &DatasetPage::revealFileRequested);
    QTreeView* view = page()->reportView();
    view->scrollTo(skipped[0]);
    emit view->activated(skipped[0]);
    ASSERT_EQ(reveal.count(), 1);
    EXPECT_EQ(reveal.at(0).at(0).toString(), qpath(root / "train" / "tulips" / "broken.jpg"));
}

TEST_F(DatasetControllerTest, ADatasetThatCannotBeTrainedSaysWhyInTheBanner) {
    const auto root = m_dir / "one_class";
    writePng(root / "cats" / "1.png", Qt::gray);
    writePng(root / "cats" / "2.png", Qt::lightGray);
    makeWorkbench();
    workbench().window().openDatasetFolder(qpath(root));
    ASSERT_TRUE(waitForScan());
    EXPECT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->details(),
              QStringLiteral("Only one class folder (“cats”): a classifier needs at least 2 classes."));
    EXPECT_EQ(reportRows(ReportKind::Error).size(), 1);
}

TEST_F(DatasetControllerTest, ChangingTheValidationFractionRescansWithTheNewSplit) {
    const auto root = m_dir / "shapes";
    for (int i = 0; i < 10; ++i) {
        writePng(root / "circles" / (std::to_string(i) + ".png"), QColor::fromHsv(i * 30, 200, 200));
        writePng(root / "squares" / (std::to_string(i) + ".png"), QColor::fromHsv(i * 30 + 5, 100, 150));
    }
    makeWorkbench();
    workbench().window().openDatasetFolder(qpath(root));
    ASSERT_TRUE(waitForScan());
    EXPECT_EQ(cell(1, 1), QStringLiteral("8"));  // 0.2 held out by default
    EXPECT_EQ(cell(1, 2), QStringLiteral("2"));

    auto* fraction = page()->findChild<QDoubleSpinBox*>(QStringLiteral("validationFraction"));
    ASSERT_TRUE(fraction->isVisible());
    QSignalSpy finished(&workbench().datasets(), &DatasetController::scanFinished);
    fraction->setValue(0.3);
    fraction->setValue(0.5);  // within the settle time: one rescan, not two
    ASSERT_TRUE(waitUntil([&] { return finished.count() >= 1 && !workbench().datasets().isScanning(); }));
    QTest::qWait(DatasetPage::kSplitSettleMs + 100);
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(cell(1, 1), QStringLiteral("5"));
    EXPECT_EQ(cell(1, 2), QStringLiteral("5"));

    // The split can be saved and then reused as a manifest.
    const QString manifest = qpath(m_dir / "split.json");
    ASSERT_TRUE(workbench().datasets().saveSplitManifest(manifest));
    const tlw::SplitManifest written = tlw::readSplitManifest(m_dir / "split.json");
    EXPECT_EQ(written.files.size(), 20u);
    page()->setManifestPath(manifest);
    ASSERT_TRUE(waitForScan());
    EXPECT_EQ(page()->overview().splitSource, DatasetSplitSource::Manifest);
    EXPECT_FALSE(page()->findChild<QDoubleSpinBox*>(QStringLiteral("validationFraction"))->isEnabled());
    EXPECT_EQ(cell(2, 2), QStringLiteral("5"));
}

TEST_F(DatasetControllerTest, ChineseFolderAndClassNamesSurviveTheWayThroughCore) {
    const auto root = m_dir / std::filesystem::u8path("花卉");
    writePng(root / std::filesystem::u8path("玫瑰") / "1.png", Qt::red);
    writePng(root / std::filesystem::u8path("玫瑰") / std::filesystem::u8path("第二张.png"), Qt::darkRed);
    writePng(root / std::filesystem::u8path("郁金香") / "1.png", Qt::yellow);
    writePng(root / std::filesystem::u8path("郁金香") / "2.png", Qt::darkYellow);
    makeWorkbench();
    const QString folder = qpath(root);
    ASSERT_TRUE(folder.endsWith(QStringLiteral("/花卉")));
    workbench().window().openDatasetFolder(folder);
    ASSERT_TRUE(waitForScan());
    ASSERT_TRUE(page()->hasDataset());
    EXPECT_EQ(page()->folder(), folder);
    EXPECT_EQ(cell(1, 0), QStringLiteral("玫瑰"));
    EXPECT_EQ(cell(2, 0), QStringLiteral("郁金香"));
    selectClassRow(1);
    EXPECT_TRUE(page()->thumbnailModel()->paths().contains(folder + QStringLiteral("/玫瑰/第二张.png")));
}

TEST_F(DatasetControllerTest, AMissingFolderGivesAnErrorNamingIt) {
    makeWorkbench();
    const QString missing = qpath(m_dir / "nowhere");
    workbench().datasets().openFolder(missing);
    ASSERT_TRUE(waitForScan());
    EXPECT_FALSE(page()->hasDataset());
    EXPECT_TRUE(page()->banner()->isVisible());
    EXPECT_TRUE(page()->banner()->details().contains(missing));
    EXPECT_TRUE(page()->banner()->details().contains(QStringLiteral("does not exist")));
}

TEST_F(DatasetControllerTest, CancelGoesBackToWhatWasShownBefore) {
    const auto root = m_dir / "many";
    for (int i = 0; i < 400; ++i)
        writePng(root / (i % 2 ? "odd" : "even") / (std::to_string(i) + ".png"),
                 QColor::fromHsv(i % 360, 90, 90), 64);
    makeWorkbench();
    QSignalSpy finished(&workbench().datasets(), &DatasetController::scanFinished);
    workbench().datasets().openFolder(qpath(root));
    EXPECT_TRUE(page()->isBusy());
    auto* cancel = page()->findChild<QPushButton*>(QStringLiteral("scanCancelButton"));
    ASSERT_NE(cancel, nullptr);
    QTest::mouseClick(cancel, Qt::LeftButton);
    ASSERT_TRUE(waitForScan());
    EXPECT_EQ(finished.count(), 0);
    EXPECT_FALSE(page()->hasDataset());
}

TEST_F(DatasetControllerTest, OpeningAFolderAgainTakesUnchangedImagesFromTheMemoTrainingKeeps) {
    const auto tiny = tlw::test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    const auto data = m_dir / "data";
    std::filesystem::copy(tiny, data, std::filesystem::copy_options::recursive);
    makeWorkbench();
    auto* summary = page()->findChild<QLabel*>(QStringLiteral("reportSummary"));
    ASSERT_NE(summary, nullptr);

    workbench().datasets().openFolder(qpath(data));
    ASSERT_TRUE(waitForScan());
    const tlw::ScanMemoUse first = workbench().datasets().lastScan()->report.memo;
    EXPECT_EQ(first.verifiedEarlier(), 0u);
    EXPECT_EQ(first.checked, 30u);
    // The memo training reads: the sandbox's feature cache folder.
    const auto cacheFolder =
        tlw::featureCacheDirectory(workbench().window().trainingPage()->settings().cache);
    EXPECT_EQ(first.file, tlw::scanMemoFile(cacheFolder, data));
    EXPECT_TRUE(std::filesystem::is_regular_file(first.file));
    EXPECT_FALSE(summary->text().contains(QStringLiteral("earlier scan")));

    // One image changed since: decoded again, the other 29 not.
    writePng(data / "train" / "ants" / "changed.png", QColor(Qt::red), 48);
    workbench().datasets().rescan();
    ASSERT_TRUE(waitForScan());
    const tlw::ScanMemoUse second = workbench().datasets().lastScan()->report.memo;
    EXPECT_EQ(second.verifiedEarlier(), 30u);
    EXPECT_EQ(second.checked, 1u);
    EXPECT_TRUE(summary->text().contains(QStringLiteral("30 of them verified by an earlier scan")))
        << summary->text().toStdString();
}

TEST_F(DatasetControllerTest, WithTheFeatureCacheOffNoMemoIsKept) {
    const auto tiny = tlw::test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    makeWorkbench();
    tlw::TrainingConfig settings = workbench().window().trainingPage()->settings();
    settings.cache.enabled = false;
    workbench().window().trainingPage()->setSettings(settings);
    workbench().datasets().openFolder(qpath(tiny));
    ASSERT_TRUE(waitForScan());
    workbench().datasets().rescan();
    ASSERT_TRUE(waitForScan());
    const tlw::ScanMemoUse memo = workbench().datasets().lastScan()->report.memo;
    EXPECT_TRUE(memo.file.empty());
    EXPECT_EQ(memo.verifiedEarlier(), 0u);
    EXPECT_FALSE(std::filesystem::exists(tlw::featureCacheDirectory(settings.cache) / "scan-memo"));
    EXPECT_EQ(workbench().datasets().lastScan()->report.usableImages, 30u);
}

// Runs alone (ctest's responsiveness entry): the scan decodes 398 photos on every core meanwhile.
class DatasetScanResponsiveness : public test::WorkbenchTest {};

TEST_F(DatasetScanResponsiveness, OpeningHymenopteraDataNeverStallsTheUiThreadAbove50ms) {
    const auto data = tlw::test::sharedDataset("hymenoptera_data");
    TLW_REQUIRE_SHARED(data);
    makeWorkbench();
    DatasetPage* page = workbench().window().datasetPage();
    EventLoopStallDetector detector;
    detector.start();
    workbench().window().openDatasetFolder(qpath(data));
    ASSERT_TRUE(
        waitUntil([&] { return page->hasDataset() && !workbench().datasets().isScanning(); }, 120000));
    ASSERT_TRUE(waitUntil([&] { return page->thumbnailModel()->loader()->runningCount() == 0; }));
    detector.stop();
    std::printf("longest UI-thread stall while scanning hymenoptera_data: %.1f ms\n",
                detector.longestGapMs());
    EXPECT_LT(detector.longestGapMs(), 50.0);
    EXPECT_EQ(page->overview().usableImages, 398);
}

}  // namespace
}  // namespace tlw::ui
