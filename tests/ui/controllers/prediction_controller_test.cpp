#include "ui/controllers/prediction_controller.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QUrl>
#include <algorithm>
#include <numeric>

#include "core/models/trained_model.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"
#include "tests/ui/training_fixture.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/prediction_table_model.h"
#include "ui/pages/predict_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class PredictionControllerTest : public test::WorkbenchTest {
protected:
    PredictPage* page() { return workbench().window().predictPage(); }
    // The workbench with a model opened as File > Open Model does; false without the shared data.
    bool openTinyModel() {
        m_model = test::tinyTrainedModel();
        makeWorkbench();
        if (m_model.empty()) return false;
        emit workbench().window().openModelRequested(qpath(m_model));
        return waitUntil([this] { return workbench().trainedModels().hasModel(); });
    }
    void drop(const QList<QUrl>& urls) {
        workbench().window().showPage(MainWindow::PageId::Predict);
        QMimeData mime;
        mime.setUrls(urls);
        const QPoint center = page()->rect().center();
        QDragEnterEvent enter(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(page(), &enter);
        ASSERT_TRUE(enter.isAccepted());
        QDropEvent dropEvent(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(page(), &dropEvent);
    }
    bool waitForPredictions(int count) {
        return waitUntil(
            [&] { return !workbench().prediction().isBusy() && page()->predictionCount() == count; });
    }
    std::filesystem::path tinyVal() const { return tlw::test::sharedDataset("hymenoptera_tiny") / "val"; }

    std::filesystem::path m_model;
};

TEST_F(PredictionControllerTest, DroppingAnImageGivesACardWithItsClassProbabilities) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    EXPECT_TRUE(page()->modelText().contains(QStringLiteral("ants, bees")))
        << page()->modelText().toStdString();
    const auto image = tinyVal() / "bees" / "1032546534_06907fe3b3.jpg";
    drop({QUrl::fromLocalFile(qpath(image))});
    ASSERT_TRUE(waitForPredictions(1));
    EXPECT_FALSE(page()->isShowingTable());
    const QList<PredictionCard*> cards = page()->cards();
    ASSERT_EQ(cards.size(), 1);
    const PredictionResult& result = cards.front()->result();
    EXPECT_EQ(result.imagePath, qpath(image));
    EXPECT_TRUE(result.error.isEmpty());
    ASSERT_EQ(result.topK.size(), 2u);
    EXPECT_GE(result.topK[0].probability, result.topK[1].probability);
    EXPECT_NEAR(result.topK[0].probability + result.topK[1].probability, 1.0, 1e-5);
    EXPECT_EQ(cards.front()->findChildren<QProgressBar*>(QStringLiteral("probabilityBar")).size(), 2);
    EXPECT_EQ(cards.front()->findChild<QLabel*>(QStringLiteral("predictionCardName"))->text(),
              QStringLiteral("1032546534_06907fe3b3.jpg"));
    EXPECT_EQ(workbench().prediction().shownPredictions().size(), 1u);
}

TEST_F(PredictionControllerTest, TheModelsSavedThresholdsDecideTheCardsAnswer) {
    const std::filesystem::path tiny = test::tinyTrainedModel();
    if (tiny.empty()) GTEST_SKIP() << "missing shared data";
    // The same model, with a threshold no image reaches: every answer is "unknown", as tlw predict says.
    const tlw::test::TempDir dir;
    tlw::TrainedModel strict = tlw::TrainedModel::load(tiny);
    tlw::DecisionThresholds decision;
    decision.unknownBelow = 1.0;
    strict.setDecisionThresholds(decision);
    strict.save(dir / "strict.tlwm");
    makeWorkbench();
    emit workbench().window().openModelRequested(qpath(dir / "strict.tlwm"));
    ASSERT_TRUE(waitUntil([this] { return workbench().trainedModels().hasModel(); }));
    drop({QUrl::fromLocalFile(qpath(tinyVal() / "bees" / "1032546534_06907fe3b3.jpg"))});
    ASSERT_TRUE(waitForPredictions(1));
    const PredictionCard* card = page()->cards().front();
    EXPECT_TRUE(card->result().unknownAnswer);
    const QLabel* answer = card->findChild<QLabel*>(QStringLiteral("predictionCardAnswer"));
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer->text(), QStringLiteral("Answer: unknown (no class is sure enough)"));
}

TEST_F(PredictionControllerTest, ModelsWithoutThresholdsShowNoAnswerLine) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    drop({QUrl::fromLocalFile(qpath(tinyVal() / "bees" / "1032546534_06907fe3b3.jpg"))});
    ASSERT_TRUE(waitForPredictions(1));
    EXPECT_EQ(page()->cards().front()->findChild<QLabel*>(QStringLiteral("predictionCardAnswer")), nullptr);
}

TEST_F(PredictionControllerTest, DroppingAFolderGivesASortableTableExportedAsCsv) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    drop({QUrl::fromLocalFile(qpath(tinyVal()))});
    ASSERT_TRUE(waitForPredictions(10));
    ASSERT_TRUE(page()->isShowingTable());
    QSortFilterProxyModel* sorted = page()->sortedTable();
    EXPECT_EQ(sorted->columnCount(), 6);  // file, class, probability, answer, p(ants), p(bees)
    EXPECT_EQ(sorted->headerData(5, Qt::Horizontal).toString(), QStringLiteral("bees"));

    sorted->sort(PredictionTableModel::ProbabilityColumn, Qt::DescendingOrder);
    const auto probability = [&](int row) {
        return sorted->index(row, PredictionTableModel::ProbabilityColumn)
            .data(PredictionTableModel::SortRole)
            .toDouble();
    };
    for (int row = 1; row < 10; ++row) EXPECT_GE(probability(row - 1), probability(row)) << row;
    EXPECT_GE(probability(9), 0.5);  // the top class of two

    page()->filterEdit()->setText(QStringLiteral("1181173278"));
    EXPECT_EQ(sorted->rowCount(), 1);
    page()->filterEdit()->clear();

    const auto csv = m_dir / "predictions.csv";
    emit workbench().window().exportPredictionsRequested(qpath(csv));
    QFile file(qpath(csv));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("file,top1,top1_probability"))) << lines[0].toStdString();
    EXPECT_TRUE(lines[0].contains(QStringLiteral("p_ants"))) << lines[0].toStdString();
}

TEST_F(PredictionControllerTest, AFolderTableAndItsCsvAnswerUnderTheSavedThresholds) {
    const std::filesystem::path tiny = test::tinyTrainedModel();
    if (tiny.empty()) GTEST_SKIP() << "missing shared data";
    // Per-class thresholds no image reaches: every answer in the table and the CSV is "unknown".
    const tlw::test::TempDir dir;
    tlw::TrainedModel strict = tlw::TrainedModel::load(tiny);
    tlw::DecisionThresholds decision;
    decision.classThresholds = {1.0, 1.0};
    strict.setDecisionThresholds(decision);
    strict.save(dir / "strict.tlwm");
    makeWorkbench();
    emit workbench().window().openModelRequested(qpath(dir / "strict.tlwm"));
    ASSERT_TRUE(waitUntil([this] { return workbench().trainedModels().hasModel(); }));
    drop({QUrl::fromLocalFile(qpath(tinyVal()))});
    ASSERT_TRUE(waitForPredictions(10));
    // Unknown unless a probability saturated to exactly 1.
    int unknown = 0;
    for (int row = 0; row < 10; ++row) {
        const std::vector<double>& p =
            page()->tableModel()->predictions()[static_cast<std::size_t>(row)].probabilities;
        const bool sure = *std::max_element(p.begin(), p.end()) >= 1.0;
        const QString answer =
            page()->tableModel()->index(row, PredictionTableModel::AnswerColumn).data().toString();
        EXPECT_EQ(answer == QStringLiteral("unknown"), !sure) << row;
        unknown += answer == QStringLiteral("unknown");
    }
    EXPECT_GT(unknown, 0);
    const auto csv = m_dir / "answers.csv";
    emit workbench().window().exportPredictionsRequested(qpath(csv));
    QFile file(qpath(csv));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("file,top1,top1_probability,answer,")))
        << lines[0].toStdString();
    EXPECT_EQ(lines.filter(QStringLiteral(",unknown,")).size(), unknown);
}

TEST_F(PredictionControllerTest, APastedImageIsClassifiedFromItsPixels) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    QImage image(80, 60, QImage::Format_RGB32);
    image.fill(QColor(200, 160, 40));
    QApplication::clipboard()->setImage(image);
    workbench().window().showPage(MainWindow::PageId::Predict);
    page()->pasteFromClipboard();
    ASSERT_TRUE(waitForPredictions(1));
    const PredictionResult& result = page()->cards().front()->result();
    EXPECT_TRUE(result.imagePath.isEmpty());
    ASSERT_EQ(result.probabilities.size(), 2u);
    EXPECT_NEAR(result.probabilities[0] + result.probabilities[1], 1.0, 1e-5);
    EXPECT_EQ(page()->cards().front()->findChild<QLabel*>(QStringLiteral("predictionCardName"))->text(),
              QStringLiteral("Image from the clipboard"));
}

TEST_F(PredictionControllerTest, AnUnreadableFileGetsACardWithTheReason) {
    if (!openTinyModel()) GTEST_SKIP() << "missing shared data";
    const auto broken = m_dir / "broken.jpg";
    test::writeText(broken, "not a JPEG at all");
    drop({QUrl::fromLocalFile(qpath(broken))});
    ASSERT_TRUE(waitForPredictions(1));
    const PredictionResult& result = page()->cards().front()->result();
    EXPECT_FALSE(result.error.isEmpty());
    EXPECT_TRUE(result.topK.empty());
}

TEST_F(PredictionControllerTest, WithoutAModelADropSaysHowToGetOne) {
    makeWorkbench();
    const auto image = m_dir / "a.png";
    test::writePng(image, Qt::red);
    drop({QUrl::fromLocalFile(qpath(image))});
    EXPECT_EQ(page()->predictionCount(), 0);
    EXPECT_EQ(page()->banner()->headline(),
              QStringLiteral("There is no trained model to classify with yet."));
    EXPECT_TRUE(page()->modelText().startsWith(QStringLiteral("No trained model yet")));
}

}  // namespace
}  // namespace tlw::ui
