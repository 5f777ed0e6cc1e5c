#include "ui/item_models/confusion_matrix_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QColor>

namespace tlw::ui {
namespace {

const QStringList kClasses = {QStringLiteral("ants"), QStringLiteral("bees"), QStringLiteral("wasps")};
const std::vector<std::vector<int>> kCounts = {{8, 2, 0}, {1, 9, 0}, {0, 5, 5}};

TEST(ConfusionMatrixModel, PassesQtModelConsistencyChecks) {
    ConfusionMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setMatrix(kClasses, kCounts);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(ConfusionMatrixModel, RowsAreTrueClassesColumnsPredictedOnesEachCellItsCount) {
    ConfusionMatrixModel model;
    model.setMatrix(kClasses, kCounts);
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 3);
    EXPECT_EQ(model.index(2, 1).data().toString(), QStringLiteral("5"));
    EXPECT_EQ(model.count(0, 1), 2);
    EXPECT_EQ(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("bees"));
    EXPECT_EQ(model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(),
              QStringLiteral("Predicted as bees"));
    EXPECT_EQ(model.headerData(2, Qt::Vertical, Qt::ToolTipRole).toString(),
              QStringLiteral("True class wasps"));
    // Without the English plural forms loaded, "%n image(s)" stays as written.
    EXPECT_EQ(model.index(0, 1).data(Qt::ToolTipRole).toString(),
              QStringLiteral("True class ants, predicted bees: 2 image(s) (20.0% of ants)"));
}

TEST(ConfusionMatrixModel, CellsShadeWithTheShareOfTheirRow) {
    ConfusionMatrixModel model;
    model.setMatrix(kClasses, kCounts);
    EXPECT_DOUBLE_EQ(model.index(1, 1).data(ConfusionMatrixModel::RowShareRole).toDouble(), 0.9);
    const auto lightness = [&](int row, int column) {
        return model.index(row, column).data(Qt::BackgroundRole).value<QColor>().lightness();
    };
    EXPECT_LT(lightness(1, 1), lightness(0, 0));  // 90% of bees is darker than 80% of ants
    EXPECT_LT(lightness(0, 0), lightness(0, 1));
    EXPECT_EQ(model.index(0, 2).data(Qt::BackgroundRole).value<QColor>(), ConfusionMatrixModel::shade(0.0));
    // Dark cells get white text, light ones dark text.
    EXPECT_EQ(model.index(1, 1).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
    EXPECT_NE(model.index(0, 1).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
}

TEST(ConfusionMatrixModel, AMatrixThatDoesNotFitTheClassesIsIgnored) {
    ConfusionMatrixModel model;
    model.setMatrix(kClasses, {{1, 2}, {3, 4}});
    EXPECT_EQ(model.rowCount(), 0);
}

}  // namespace
}  // namespace tlw::ui
