// The Dataset page's Map driven as a user would, on a real audit: draw it, one point per image of every
// split in its class's colour, lasso a group, move it to the quarantine (journalled, rescanned), undo; and
// the Audit view's own "Move to Quarantine".
#include <gtest/gtest.h>

#include <QPushButton>
#include <QTabWidget>
#include <QTest>

#include "core/data/relabel_journal.h"
#include "tests/support/shared_data.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/dataset_page.h"
#include "ui/widgets/audit_panel.h"
#include "ui/widgets/embedding_map.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

namespace fs = std::filesystem;
using test::qpath;
using test::waitUntil;

class DatasetMapTest : public test::WorkbenchTest {
protected:
    DatasetPage* page() { return workbench().window().datasetPage(); }
    EmbeddingMapPanel* map() { return page()->mapPanel(); }
    bool waitForScan() {
        return waitUntil([this] { return !workbench().datasets().isScanning() && !page()->isBusy(); });
    }
    // A copy of hymenoptera_tiny (20 training and 10 validation images), opened, its map drawn.
    bool openAndDraw() {
        const fs::path tiny = tlw::test::sharedDataset("hymenoptera_tiny");
        const fs::path weights =
            tlw::test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
        if (tiny.empty() || weights.empty()) return false;
        m_environment.set("TLW_WEIGHTS_DIR", weights.parent_path().string());
        m_environment.set("TLW_CACHE_DIR", (m_dir / "cache").string());
        m_data = m_dir / "data";
        fs::copy(tiny, m_data, fs::copy_options::recursive);
        makeWorkbench();
        workbench().datasets().openFolder(qpath(m_data));
        if (!waitForScan()) return false;
        page()->tabs()->setCurrentIndex(DatasetPage::kMapTab);
        QTest::mouseClick(map()->drawButton(), Qt::LeftButton);
        return waitUntil([this] { return !workbench().datasets().isAuditing(); }, 120000);
    }
    fs::path m_data;
};

TEST_F(DatasetMapTest, DrawLassoQuarantineAndUndoTheGroup) {
    TLW_REQUIRE_SHARED(tlw::test::sharedDataset("hymenoptera_tiny"));
    ASSERT_TRUE(openAndDraw());
    EmbeddingMapPlot* plot = map()->plot();
    ASSERT_EQ(plot->pointCount(), 30);  // every image of both splits
    int perClass[2] = {0, 0};
    for (const MapPointItem& point : plot->points()) {
        ++perClass[point.label];
        const QString folder =
            QString::fromStdString(fs::path(point.file.toStdString()).parent_path().filename().string());
        EXPECT_EQ(folder, point.label == 0 ? QStringLiteral("ants") : QStringLiteral("bees"));
    }
    EXPECT_EQ(plot->classGraph(0)->dataCount(), perClass[0]);
    EXPECT_EQ(plot->classGraph(1)->dataCount(), perClass[1]);
    EXPECT_NE(plot->classGraph(0)->scatterStyle().brush().color(),
              plot->classGraph(1)->scatterStyle().brush().color());

    // A lasso (Select mode) around the first point and its near neighbours on screen.
    plot->replot();
    const QPoint centre = plot->pixelPosition(0).toPoint();
    const QList<QPoint> corners = {centre + QPoint(-30, -30), centre + QPoint(30, -30),
                                   centre + QPoint(30, 30), centre + QPoint(-30, 30)};
    map()->selectButton()->click();
    QTest::mousePress(plot, Qt::LeftButton, {}, corners[0]);
    for (int i = 1; i <= corners.size(); ++i) QTest::mouseMove(plot, corners[i % corners.size()]);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, corners[0]);
    QPolygonF square;
    for (const QPoint& corner : corners) square << QPointF(corner);
    QList<int> inside;
    for (int row = 0; row < plot->pointCount(); ++row)
        if (square.containsPoint(plot->pixelPosition(row), Qt::OddEvenFill)) inside.append(row);
    ASSERT_FALSE(inside.isEmpty());
    ASSERT_EQ(plot->selectedRows(), inside);

    const QStringList files = plot->selectedFiles();
    QTest::mouseClick(map()->quarantineButton(), Qt::LeftButton);
    for (const QString& file : files) {
        const fs::path original = fs::path(file.toStdU16String());
        EXPECT_FALSE(fs::exists(original)) << original;
        EXPECT_TRUE(fs::exists(m_data / ".tlw-quarantine" / original.lexically_relative(m_data))) << original;
    }
    EXPECT_EQ(tlw::readRelabelJournal(m_data).size(), static_cast<std::size_t>(files.size()));
    EXPECT_EQ(plot->pointCount(), 30 - files.size());
    EXPECT_TRUE(map()->undoButton()->isEnabled());
    ASSERT_TRUE(waitForScan());  // the move rescans; the quarantine is no class
    EXPECT_EQ(page()->classCount(), 2);

    // One undo puts the whole group back.
    QTest::mouseClick(map()->undoButton(), Qt::LeftButton);
    EXPECT_FALSE(map()->undoButton()->isEnabled());
    ASSERT_TRUE(waitForScan());
    for (const QString& file : files) EXPECT_TRUE(fs::exists(fs::path(file.toStdU16String())));
    EXPECT_TRUE(tlw::readRelabelJournal(m_data).empty());
}

TEST_F(DatasetMapTest, TheAuditViewQuarantinesTheShownSuspect) {
    TLW_REQUIRE_SHARED(tlw::test::sharedDataset("hymenoptera_tiny"));
    ASSERT_TRUE(openAndDraw());  // the same audit fills the Audit view
    page()->tabs()->setCurrentIndex(DatasetPage::kAuditTab);
    AuditPanel* audit = page()->auditPanel();
    ASSERT_GT(audit->suspectCount(), 0);
    const QString file = audit->currentFile();
    const fs::path original = fs::path(file.toStdU16String());
    QTest::mouseClick(audit->quarantineButton(), Qt::LeftButton);
    EXPECT_FALSE(fs::exists(original));
    EXPECT_TRUE(fs::exists(m_data / ".tlw-quarantine" / original.lexically_relative(m_data)));
    EXPECT_NE(audit->currentFile(), file);
    ASSERT_EQ(tlw::readRelabelJournal(m_data).size(), 1u);
    ASSERT_TRUE(waitForScan());
    QTest::mouseClick(audit->undoButton(), Qt::LeftButton);
    EXPECT_TRUE(fs::exists(original));
    EXPECT_TRUE(tlw::readRelabelJournal(m_data).empty());
    ASSERT_TRUE(waitForScan());
}

}  // namespace
}  // namespace tlw::ui
