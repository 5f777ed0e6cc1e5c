// The Dataset page's Audit view driven as a user would: run the audit, step through the suspects, move one
// into another class folder, undo the move.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
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
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

namespace fs = std::filesystem;
using test::qpath;
using test::waitUntil;

class DatasetAuditTest : public test::WorkbenchTest {
protected:
    DatasetPage* page() { return workbench().window().datasetPage(); }
    AuditPanel* audit() { return page()->auditPanel(); }
    bool waitForScan() {
        return waitUntil([this] { return !workbench().datasets().isScanning() && !page()->isBusy(); });
    }
};

TEST_F(DatasetAuditTest, RunStepMoveAndUndo) {
    const fs::path tiny = tlw::test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    const fs::path weights =
        tlw::test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    TLW_REQUIRE_SHARED(weights);
    m_environment.set("TLW_WEIGHTS_DIR", weights.parent_path().string());
    m_environment.set("TLW_CACHE_DIR", (m_dir / "cache").string());
    const fs::path data = m_dir / "data";
    fs::copy(tiny, data, fs::copy_options::recursive);

    makeWorkbench();
    workbench().datasets().openFolder(qpath(data));
    ASSERT_TRUE(waitForScan());
    page()->tabs()->setCurrentIndex(DatasetPage::kAuditTab);
    EXPECT_EQ(audit()->targetClass()->count(), 2);
    EXPECT_FALSE(audit()->moveButton()->isEnabled());
    EXPECT_FALSE(audit()->undoButton()->isEnabled());

    QTest::mouseClick(audit()->runButton(), Qt::LeftButton);
    EXPECT_FALSE(audit()->runButton()->isEnabled());  // running, off the UI thread
    ASSERT_TRUE(waitUntil([this] { return !workbench().datasets().isAuditing(); }, 120000));
    ASSERT_GE(audit()->suspectCount(), 10);  // 20 training images: at least the ten most suspect
    EXPECT_EQ(audit()->currentRow(), 0);
    EXPECT_TRUE(audit()->labelLine()->text().contains(QStringLiteral("Given:")));
    EXPECT_EQ(audit()->neighbourList()->count(), 4);
    EXPECT_TRUE(audit()->runButton()->isEnabled());

    QTest::mouseClick(audit()->keepButton(), Qt::LeftButton);
    EXPECT_EQ(audit()->currentRow(), 1);

    // Move the shown image into the other class.
    const QString file = audit()->currentFile();
    const fs::path original = fs::path(file.toStdU16String());
    const QString className = QString::fromStdString(original.parent_path().filename().string());
    const QString other =
        className == QLatin1String("ants") ? QStringLiteral("bees") : QStringLiteral("ants");
    audit()->targetClass()->setCurrentText(other);
    const int before = audit()->suspectCount();
    QTest::mouseClick(audit()->moveButton(), Qt::LeftButton);
    const fs::path moved = original.parent_path().parent_path() / other.toStdString() / original.filename();
    EXPECT_FALSE(fs::exists(original));
    EXPECT_TRUE(fs::exists(moved));
    EXPECT_EQ(audit()->suspectCount(), before - 1);
    EXPECT_NE(audit()->currentFile(), file);
    EXPECT_EQ(tlw::readRelabelJournal(data).size(), 1u);
    EXPECT_TRUE(audit()->undoButton()->isEnabled());
    ASSERT_TRUE(waitForScan());  // the move rescans

    QTest::mouseClick(audit()->undoButton(), Qt::LeftButton);
    EXPECT_TRUE(fs::exists(original));
    EXPECT_FALSE(fs::exists(moved));
    EXPECT_TRUE(tlw::readRelabelJournal(data).empty());
    EXPECT_FALSE(audit()->undoButton()->isEnabled());
    ASSERT_TRUE(waitForScan());
    EXPECT_GT(audit()->suspectCount(), 0);  // a rescan of the same folder keeps the audit

    // Another folder: the audit shown was of the one left.
    workbench().datasets().openFolder(qpath(tiny));
    ASSERT_TRUE(waitForScan());
    EXPECT_EQ(audit()->suspectCount(), 0);
    EXPECT_FALSE(audit()->moveButton()->isEnabled());
}

}  // namespace
}  // namespace tlw::ui
