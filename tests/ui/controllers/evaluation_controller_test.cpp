#include "ui/controllers/evaluation_controller.h"

#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "core/models/trained_model.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"
#include "tests/ui/training_fixture.h"
#include "ui/adapters/paths.h"
#include "ui/charts/precision_recall_chart.h"
#include "ui/charts/reliability_chart.h"
#include "ui/charts/roc_chart.h"
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
        const auto shared = test::tinyTrainedModel();
        makeWorkbench();
        if (shared.empty()) return false;
        // A copy: a test that saves a threshold must not change the model other tests share.
        const std::filesystem::path model = m_copies / "ants-bees.tlwm";
        std::filesystem::copy_file(shared, model, std::filesystem::copy_options::overwrite_existing);
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
    tlw::test::TempDir m_copies;
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
    EXPECT_TRUE(page()->summary().source.text().endsWith(QStringLiteral("train")));
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

// The fixture's model was trained with validation images, so it carries a temperature: the reliability
// diagram shows the bins before and after, and two classes give ROC and precision-recall curves.
TEST_F(EvaluationControllerTest, TheReliabilityDiagramAndTheCurvesGetTheEvaluationsData) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    EXPECT_FALSE(page()->reliabilityChart()->hasFigures());
    EXPECT_FALSE(page()->resultTabs()->isTabEnabled(page()->curvesTab()));
    ASSERT_TRUE(evaluate());
    const EvaluationSummary& summary = page()->summary();
    ASSERT_TRUE(summary.calibration.fitted);
    EXPECT_GT(summary.calibration.temperature, 0.0);

    ReliabilityChart* reliability = page()->reliabilityChart();
    EXPECT_TRUE(reliability->hasFigures());
    int counted = 0;
    for (auto it = reliability->countBars()->data()->constBegin();
         it != reliability->countBars()->data()->constEnd(); ++it)
        counted += static_cast<int>(it->value);
    EXPECT_EQ(counted, 10);
    EXPECT_EQ(reliability->countBars()->dataCount(), 15);
    EXPECT_GT(reliability->afterGraph()->dataCount(), 0);
    EXPECT_GT(reliability->beforeGraph()->dataCount(), 0);
    EXPECT_TRUE(reliability->title().contains(QStringLiteral("ECE"))) << reliability->title().toStdString();
    EXPECT_FALSE(page()->cardValue(4).isEmpty());

    ASSERT_TRUE(summary.curves.has_value());
    EXPECT_TRUE(page()->resultTabs()->isTabEnabled(page()->curvesTab()));
    EXPECT_EQ(page()->rocChart()->curve()->dataCount(), static_cast<int>(summary.curves->points.size()));
    EXPECT_TRUE(page()->rocChart()->title().contains(QStringLiteral("AUC")))
        << page()->rocChart()->title().toStdString();
    EXPECT_TRUE(page()->precisionRecallChart()->hasCurve());
    EXPECT_TRUE(page()->precisionRecallChart()->title().contains(QStringLiteral("Average Precision")));
    page()->resultTabs()->setCurrentIndex(page()->curvesTab());
    QTest::qWait(20);  // the queued replots run with real widgets on screen
    EXPECT_TRUE(page()->rocChart()->isVisible());
}

// The slider gives precision, recall and how many images pass, rings the point on both curves, and
// saves the threshold into the model file.
TEST_F(EvaluationControllerTest, TheThresholdSliderShowsWhatPassesAndSavesTheThresholdInTheModel) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(evaluate());
    QSlider* slider = page()->thresholdSlider();
    slider->setValue(0);  // everything is a bee
    ASSERT_TRUE(page()->thresholdPoint().has_value());
    EXPECT_EQ(page()->thresholdPoint()->predictedPositive, 10u);
    EXPECT_DOUBLE_EQ(page()->thresholdPoint()->truePositiveRate, 1.0);
    EXPECT_TRUE(page()->thresholdFigures().contains(QStringLiteral("10 of 10 images pass")))
        << page()->thresholdFigures().toStdString();
    EXPECT_EQ(page()->rocChart()->marker()->dataCount(), 1);
    EXPECT_EQ(page()->precisionRecallChart()->marker()->dataCount(), 1);
    slider->setValue(30);
    EXPECT_DOUBLE_EQ(page()->threshold(), 0.3);
    EXPECT_LE(page()->thresholdPoint()->predictedPositive, 10u);

    ASSERT_TRUE(page()->saveThresholdButton()->isEnabled());
    QSignalSpy saved(&workbench().trainedModels(), &TrainedModelController::modelSaved);
    QTest::mouseClick(page()->saveThresholdButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return saved.count() > 0; }));
    const tlw::TrainedModel reread = tlw::TrainedModel::load(tlw::ui::toPath(saved.at(0).at(0).toString()));
    ASSERT_TRUE(reread.description().decision.positiveThreshold.has_value());
    EXPECT_DOUBLE_EQ(*reread.description().decision.positiveThreshold, 0.3);
    const auto inUse = workbench().trainedModels().model()->description().decision.positiveThreshold;
    ASSERT_TRUE(inUse.has_value());
    EXPECT_DOUBLE_EQ(*inUse, 0.3);
    EXPECT_TRUE(page()->hasResults());  // the same model file: the figures stay
}

}  // namespace
}  // namespace tlw::ui
