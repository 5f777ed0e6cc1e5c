#include "ui/item_models/class_count_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include "ui/util/language_manager.h"

namespace tlw::ui {
namespace {

std::vector<DatasetClassSummary> antsAndBees() {
    DatasetClassSummary ants;
    ants.name = QStringLiteral("蚂蚁");
    ants.counts = {1200, 300, 0};
    DatasetClassSummary bees;
    bees.name = QStringLiteral("bees");
    bees.counts = {500, 0, 0};
    return {ants, bees};
}

// English texts and number formats ("1,700"), as the application installs them; TearDown leaves English.
class ClassCountModelTest : public ::testing::Test {
protected:
    void SetUp() override { m_languages.apply(QStringLiteral("en")); }
    void TearDown() override { m_languages.apply(QStringLiteral("en")); }
    LanguageManager m_languages;
};

QString text(const ClassCountModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.data(model.index(row, column), role).toString();
}

TEST_F(ClassCountModelTest, PassesQtModelConsistencyChecks) {
    ClassCountModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setClasses(antsAndBees());
    model.retranslate();
    model.setClasses({});
    EXPECT_EQ(model.rowCount(), 1);  // "All classes", with nothing in it
}

TEST_F(ClassCountModelTest, IsEmptyUntilClassesAreSet) {
    ClassCountModel model;
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), ClassCountModel::ColumnCount);
}

TEST_F(ClassCountModelTest, ListsAllClassesFirstThenEachClassWithItsCountsPerSubset) {
    ClassCountModel model;
    model.setClasses(antsAndBees());
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(text(model, 0, ClassCountModel::ClassColumn), QStringLiteral("All classes"));
    EXPECT_EQ(text(model, 0, ClassCountModel::TrainColumn), QStringLiteral("1,700"));
    EXPECT_EQ(text(model, 0, ClassCountModel::ValidationColumn), QStringLiteral("300"));
    EXPECT_EQ(text(model, 0, ClassCountModel::TestColumn), QStringLiteral("0"));
    EXPECT_EQ(text(model, 1, ClassCountModel::ClassColumn), QStringLiteral("蚂蚁"));
    EXPECT_EQ(text(model, 1, ClassCountModel::TrainColumn), QStringLiteral("1,200"));
    EXPECT_EQ(text(model, 2, ClassCountModel::ClassColumn), QStringLiteral("bees"));
    EXPECT_EQ(text(model, 2, ClassCountModel::TrainColumn), QStringLiteral("500"));
    EXPECT_EQ(text(model, 2, ClassCountModel::ValidationColumn), QStringLiteral("0"));
    // Counts line up on the right; names read from the left.
    const auto alignment = [&](int column) {
        return model.data(model.index(1, column), Qt::TextAlignmentRole).value<Qt::Alignment>();
    };
    EXPECT_EQ(alignment(ClassCountModel::TrainColumn), Qt::AlignRight | Qt::AlignVCenter);
    EXPECT_FALSE(model.data(model.index(1, ClassCountModel::ClassColumn), Qt::TextAlignmentRole).isValid());
}

TEST_F(ClassCountModelTest, ShareColumnGivesTheFractionForTheBarAndWordsItInTheTooltip) {
    ClassCountModel model;
    model.setClasses(antsAndBees());
    const auto share = [&](int row) {
        return model.data(model.index(row, ClassCountModel::ShareColumn), ClassCountModel::ShareRole)
            .toDouble();
    };
    EXPECT_DOUBLE_EQ(share(0), 1.0);
    EXPECT_DOUBLE_EQ(share(1), 1500.0 / 2000.0);
    EXPECT_DOUBLE_EQ(share(2), 500.0 / 2000.0);
    EXPECT_TRUE(text(model, 1, ClassCountModel::ShareColumn).isEmpty());  // the bar says it
    EXPECT_EQ(text(model, 1, ClassCountModel::ShareColumn, Qt::ToolTipRole),
              QStringLiteral("1,500 images, 75.0 % of the dataset"));
    EXPECT_EQ(text(model, 0, ClassCountModel::ShareColumn, Qt::ToolTipRole),
              QStringLiteral("2,000 images, 100.0 % of the dataset"));
    EXPECT_FALSE(
        model.data(model.index(1, ClassCountModel::TrainColumn), ClassCountModel::ShareRole).isValid());
}

TEST_F(ClassCountModelTest, AnEmptyDatasetHasNoShareToDivideBy) {
    ClassCountModel model;
    model.setClasses({});
    EXPECT_DOUBLE_EQ(
        model.data(model.index(0, ClassCountModel::ShareColumn), ClassCountModel::ShareRole).toDouble(), 0.0);
    EXPECT_EQ(text(model, 0, ClassCountModel::ShareColumn, Qt::ToolTipRole),
              QStringLiteral("0 images, 0.0 % of the dataset"));
}

TEST_F(ClassCountModelTest, HeaderNamesTheSubsets) {
    ClassCountModel model;
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal).toString();
    EXPECT_EQ(headers,
              QStringList({QStringLiteral("Class"), QStringLiteral("Training"), QStringLiteral("Validation"),
                           QStringLiteral("Test"), QStringLiteral("Share")}));
    EXPECT_FALSE(model.headerData(0, Qt::Vertical).isValid());
}

TEST_F(ClassCountModelTest, RetranslateTellsViewsToRereadTheHeaderAndTheRows) {
    ClassCountModel model;
    model.setClasses(antsAndBees());
    QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
    ASSERT_EQ(m_languages.apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    model.retranslate();
    ASSERT_EQ(header.count(), 1);
    EXPECT_EQ(header.at(0).at(1).toInt(), 0);
    EXPECT_EQ(header.at(0).at(2).toInt(), ClassCountModel::ColumnCount - 1);
    ASSERT_EQ(data.count(), 1);
    EXPECT_EQ(data.at(0).at(0).toModelIndex(), model.index(0, 0));
    EXPECT_EQ(data.at(0).at(1).toModelIndex(), model.index(2, ClassCountModel::ColumnCount - 1));
    EXPECT_EQ(text(model, 0, ClassCountModel::ClassColumn), QStringLiteral("全部类别"));
    EXPECT_EQ(model.headerData(ClassCountModel::TrainColumn, Qt::Horizontal).toString(),
              QStringLiteral("训练集"));
}

}  // namespace
}  // namespace tlw::ui
