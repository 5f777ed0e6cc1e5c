#include "ui/controllers/evaluation_controller.h"

#include <gtest/gtest.h>

#include <QPushButton>
#include <QTableView>
#include <QTest>

#include "tests/support/shared_data.h"
#include "tests/ui/training_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/confusion_matrix_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class EvaluationControllerTest : public test::WorkbenchTest {
protected:
    EvaluationPage* page() { return workbench().window().evaluationPage(); }
    bool openTinyDatasetAndModel() {
        const auto model = test::tinyTrainedModel();
        makeWorkbench();
        if (model.empty()) return false;
        MainWindow& window = workbench().window();
        window.openDatasetFolder(qpath(tlw::test::sharedDataset("hymenoptera_tiny")));
        emit window.openModelRequested(qpath(model));
        const bool ready = waitUntil([&] {
            return window.datasetPage()->hasDataset() && !workbench().datasets().isScanning() &&
                   workbench().trainedModels().hasModel();
        });
        window.showPage(MainWindow::PageId::Evaluation);
        return ready;
    }
    bool evaluate() {
        QTest::mouseClick(page()->evaluateButton(), Qt::LeftButton);
        return waitUntil([this] { return !workbench().evaluation().isBusy() && page()->hasResults(); });
    }
    int matrixTotal() {
        int total = 0;
        for (int t = 0; t < 2; ++t)
            for (int p = 0; p < 2; ++p) total += page()->confusionModel()->count(t, p);
        return total;
    }
};

TEST_F(EvaluationControllerTest, WithoutATestSplitTheValidationImagesAreEvaluatedAndCellsOpenTheirImages) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    EXPECT_TRUE(page()->evaluateButton()->isEnabled());
    ASSERT_TRUE(evaluate());
    // hymenoptera_tiny has train/ and val/ only: the page says which images it used and why.
    EXPECT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->headline(),
              QStringLiteral("The dataset has no test split: the validation images are evaluated."));
    const EvaluationSummary& summary = page()->summary();
    EXPECT_EQ(summary.imageCount, 10);
    EXPECT_EQ(summary.classNames, (QStringList{QStringLiteral("ants"), QStringLiteral("bees")}));
    EXPECT_EQ(matrixTotal(), 10);
    ASSERT_EQ(summary.perClass.size(), 2u);
    EXPECT_EQ(summary.perClass[0].support + summary.perClass[1].support, 10);
    EXPECT_FALSE(page()->cardValue(1).isEmpty());
    const int wrong = static_cast<int>(summary.misclassifiedByLoss().size());
    EXPECT_EQ(page()->galleryModel()->rowCount(), wrong);
    EXPECT_EQ(wrong, page()->confusionModel()->count(0, 1) + page()->confusionModel()->count(1, 0));

    // Double-clicking the true-ants/predicted-ants cell shows those images, highest loss first.
    QTableView* view = page()->confusionView();
    const QRect cell = view->visualRect(page()->confusionModel()->index(0, 0));
    // A real double-click: press and release, then the double-click event (Qt opens the index pressed).
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    EXPECT_EQ(page()->galleryModel()->rowCount(), page()->confusionModel()->count(0, 0));
    EXPECT_TRUE(page()->galleryHeading().startsWith(QStringLiteral("True ants, predicted ants")))
        << page()->galleryHeading().toStdString();
    for (int row = 0; row < page()->galleryModel()->rowCount(); ++row)
        EXPECT_TRUE(page()->galleryModel()->pathAt(row).contains(QStringLiteral("/val/ants/")));
    page()->showAllMisclassified();
    EXPECT_EQ(page()->galleryModel()->rowCount(), wrong);
}

TEST_F(EvaluationControllerTest, AChosenFolderIsEvaluatedByItsClassFolders) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    page()->setTestFolder(qpath(tlw::test::sharedDataset("hymenoptera_tiny") / "train"));
    ASSERT_TRUE(evaluate());
    EXPECT_EQ(page()->summary().imageCount, 20);
    EXPECT_EQ(matrixTotal(), 20);
    EXPECT_TRUE(page()->summary().source.endsWith(QStringLiteral("train")));
}

TEST_F(EvaluationControllerTest, AFolderWithAClassTheModelDoesNotKnowIsRefusedWithItsName) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    test::writePng(m_dir / "other" / "wasps" / "w.png", Qt::yellow, 64);
    page()->setTestFolder(qpath(m_dir / "other"));
    QTest::mouseClick(page()->evaluateButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([this] { return !workbench().evaluation().isBusy(); }));
    EXPECT_FALSE(page()->hasResults());
    EXPECT_EQ(page()->banner()->headline(), QStringLiteral("The evaluation failed."));
    EXPECT_TRUE(page()->banner()->details().contains(QStringLiteral("wasps")))
        << page()->banner()->details().toStdString();
}

TEST_F(EvaluationControllerTest, WithoutAModelEvaluateIsDisabledAndThePageSaysWhy) {
    makeWorkbench();
    EXPECT_FALSE(page()->evaluateButton()->isEnabled());
    EXPECT_TRUE(page()->modelText().startsWith(QStringLiteral("No trained model yet")));
}

}  // namespace
}  // namespace tlw::ui
