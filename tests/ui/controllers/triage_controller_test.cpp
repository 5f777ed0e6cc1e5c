#include "ui/controllers/triage_controller.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <map>

#include "tests/support/shared_data.h"
#include "tests/ui/training_fixture.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/predict_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

std::map<std::filesystem::path, QByteArray> contentsUnder(const std::filesystem::path& folder) {
    std::map<std::filesystem::path, QByteArray> contents;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        QFile file(qpath(entry.path()));
        if (file.open(QIODevice::ReadOnly)) contents[entry.path()] = file.readAll();
    }
    return contents;
}

class TriageControllerTest : public test::WorkbenchTest {
protected:
    bool openTinyModel() {
        const std::filesystem::path model = test::tinyTrainedModel();
        makeWorkbench();
        if (model.empty()) return false;
        emit workbench().window().openModelRequested(qpath(model));
        return waitUntil([this] { return workbench().trainedModels().hasModel(); });
    }
    TriageDialog* dialog() { return workbench().triage().dialog(); }
    std::filesystem::path tinyVal() const { return tlw::test::sharedDataset("hymenoptera_tiny") / "val"; }
};

TEST_F(TriageControllerTest, TheButtonOpensTheDialogThatRanksAFolderByAClassAndCopiesPerAnswer) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    PredictPage* page = workbench().window().predictPage();
    ASSERT_TRUE(page->triageButton()->isEnabled());
    page->triageButton()->click();
    ASSERT_TRUE(dialog()->isVisible());
    ASSERT_EQ(dialog()->classCombo()->count(), 3);  // sort into folders, ants, bees
    EXPECT_FALSE(dialog()->runButton()->isEnabled());

    const auto before = contentsUnder(tinyVal());
    dialog()->folderEdit()->setText(qpath(tinyVal()));
    dialog()->classCombo()->setCurrentIndex(2);        // bees
    dialog()->placementCombo()->setCurrentIndex(1);    // copy into
    EXPECT_FALSE(dialog()->runButton()->isEnabled());  // no destination yet
    dialog()->destinationEdit()->setText(qpath(m_dir / "ranked"));
    ASSERT_TRUE(dialog()->runButton()->isEnabled());
    dialog()->runButton()->click();
    ASSERT_TRUE(
        waitUntil([this] { return !workbench().triage().isBusy() && workbench().triage().hasResult(); }));

    const TriageTableModel* table = dialog()->tableModel();
    ASSERT_EQ(table->rowCount(), 10);
    for (int row = 1; row < 10; ++row) {
        EXPECT_GE(table->rows()[row - 1].probability, table->rows()[row].probability) << row;
        EXPECT_EQ(table->rows()[row].rank, row + 1);
    }
    EXPECT_TRUE(
        dialog()->summaryLabel()->text().contains(QStringLiteral("ranked by the probability of bees")))
        << dialog()->summaryLabel()->text().toStdString();
    EXPECT_EQ(contentsUnder(tinyVal()), before);
    for (const TriageRow& row : table->rows()) {
        ASSERT_FALSE(row.placedAt.isEmpty());
        EXPECT_TRUE(QFileInfo(row.placedAt)
                        .fileName()
                        .startsWith(QStringLiteral("%1_").arg(row.rank, 4, 10, QLatin1Char('0'))));
    }
    // Thumbnails arrive in the image column.
    ASSERT_TRUE(waitUntil(
        [&] { return !table->index(0, TriageTableModel::FileColumn).data(Qt::DecorationRole).isNull(); }));

    const auto csv = m_dir / "triage.csv";
    ASSERT_TRUE(dialog()->exportButton()->isEnabled());
    emit dialog()->exportRequested(qpath(csv));
    QFile file(qpath(csv));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11);
    EXPECT_EQ(lines[0], QStringLiteral("rank,file,answer,p_ants,p_bees,placed_at,error"));
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("1,"))) << lines[1].toStdString();
}

TEST_F(TriageControllerTest, SortingIntoFoldersCanBeCancelledAndRunAgain) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    workbench().window().predictPage()->triageButton()->click();
    dialog()->folderEdit()->setText(qpath(tinyVal()));
    dialog()->classCombo()->setCurrentIndex(0);      // sort into a folder per answer
    dialog()->placementCombo()->setCurrentIndex(2);  // links
    dialog()->destinationEdit()->setText(qpath(m_dir / "sorted"));
    dialog()->runButton()->click();
    ASSERT_TRUE(workbench().triage().isBusy());
    EXPECT_TRUE(dialog()->cancelButton()->isEnabled());
    dialog()->cancelButton()->click();
    ASSERT_TRUE(waitUntil([this] { return !workbench().triage().isBusy(); }));
    EXPECT_FALSE(dialog()->cancelButton()->isEnabled());

    dialog()->runButton()->click();
    ASSERT_TRUE(
        waitUntil([this] { return !workbench().triage().isBusy() && workbench().triage().hasResult(); }));
    int linked = 0;
    for (const TriageRow& row : dialog()->tableModel()->rows()) {
        const QFileInfo placed(row.placedAt);
        EXPECT_TRUE(placed.isSymLink()) << row.placedAt.toStdString();
        EXPECT_EQ(placed.dir().dirName(), row.unknown ? QStringLiteral("unknown") : row.answer);
        linked += placed.isSymLink();
    }
    EXPECT_EQ(linked, 10);
}

TEST_F(TriageControllerTest, WithoutAModelTheButtonIsOffAndTheActionExplains) {
    makeWorkbench();
    PredictPage* page = workbench().window().predictPage();
    EXPECT_FALSE(page->triageButton()->isEnabled());
    workbench().triage().openDialog();
    EXPECT_FALSE(dialog()->isVisible());
    EXPECT_TRUE(page->banner()->isVisible());
}

}  // namespace
}  // namespace tlw::ui
