#include "ui/item_models/prediction_table_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>

namespace tlw::ui {
namespace {

PredictionResult row(const char* file, double bees) {
    PredictionResult result;
    result.imagePath = QStringLiteral("/data/") + QLatin1String(file);
    result.probabilities = {1.0 - bees, bees};
    const ClassProbability ants{QStringLiteral("ants"), 1.0 - bees};
    const ClassProbability beesClass{QStringLiteral("bees"), bees};
    result.topK = bees > 0.5 ? std::vector<ClassProbability>{beesClass, ants}
                             : std::vector<ClassProbability>{ants, beesClass};
    return result;
}

const QStringList kClasses = {QStringLiteral("ants"), QStringLiteral("bees")};

TEST(PredictionTableModel, PassesQtModelConsistencyChecks) {
    PredictionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPredictions(kClasses, {row("a.jpg", 0.9), row("b.jpg", 0.2)});
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(PredictionTableModel, ShowsTheTopClassItsProbabilityAndEveryClassColumn) {
    PredictionTableModel model;
    model.setPredictions(kClasses, {row("a.jpg", 0.9)});
    ASSERT_EQ(model.columnCount(), 6);
    EXPECT_EQ(model.headerData(PredictionTableModel::ClassColumn, Qt::Horizontal).toString(),
              QStringLiteral("Predicted class"));
    EXPECT_EQ(model.headerData(PredictionTableModel::AnswerColumn, Qt::Horizontal).toString(),
              QStringLiteral("Answer"));
    EXPECT_EQ(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("bees"));
    EXPECT_EQ(model.index(0, PredictionTableModel::FileColumn).data().toString(), QStringLiteral("a.jpg"));
    EXPECT_EQ(model.index(0, PredictionTableModel::ClassColumn).data().toString(), QStringLiteral("bees"));
    EXPECT_EQ(model.index(0, PredictionTableModel::ProbabilityColumn).data().toString(),
              QStringLiteral("90.0 %"));
    EXPECT_EQ(model.index(0, 4).data().toString(), QStringLiteral("10.0 %"));
    // Without thresholds the answer is the top class.
    EXPECT_EQ(model.index(0, PredictionTableModel::AnswerColumn).data().toString(), QStringLiteral("bees"));
    EXPECT_EQ(model.index(0, 0).data(PredictionTableModel::PathRole).toString(),
              QStringLiteral("/data/a.jpg"));
}

TEST(PredictionTableModel, TheAnswerColumnSaysWhatTheThresholdsDecided) {
    PredictionTableModel model;
    PredictionResult unsure = row("a.jpg", 0.55);
    unsure.unknownAnswer = true;
    PredictionResult answered = row("b.jpg", 0.3);
    answered.answer = QStringLiteral("bees");  // a two-class threshold below 0.5 chose bees
    model.setPredictions(kClasses, {unsure, answered});
    EXPECT_EQ(model.index(0, PredictionTableModel::AnswerColumn).data().toString(),
              QStringLiteral("unknown"));
    EXPECT_EQ(model.index(1, PredictionTableModel::AnswerColumn).data().toString(), QStringLiteral("bees"));
    EXPECT_EQ(model.index(1, PredictionTableModel::ClassColumn).data().toString(), QStringLiteral("ants"));
}

TEST(PredictionTableModel, SortsProbabilitiesAsNumbersAndPutsUnreadableImagesLast) {
    PredictionTableModel model;
    PredictionResult broken;
    broken.imagePath = QStringLiteral("/data/broken.jpg");
    broken.error = QStringLiteral("truncated JPEG");
    model.setPredictions(kClasses, {row("a.jpg", 0.95), row("b.jpg", 0.09), broken, row("c.jpg", 0.1)});
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(PredictionTableModel::SortRole);
    sorted.sort(5, Qt::DescendingOrder);  // p(bees): 95 %, 10 %, 9 % ("9" > "10" as text), then none
    const auto file = [&](int r) { return sorted.index(r, 0).data().toString(); };
    EXPECT_EQ(file(0), QStringLiteral("a.jpg"));
    EXPECT_EQ(file(1), QStringLiteral("c.jpg"));
    EXPECT_EQ(file(2), QStringLiteral("b.jpg"));
    EXPECT_EQ(file(3), QStringLiteral("broken.jpg"));
    EXPECT_EQ(model.index(2, PredictionTableModel::ClassColumn).data().toString(),
              QStringLiteral("truncated JPEG"));
}

}  // namespace
}  // namespace tlw::ui
