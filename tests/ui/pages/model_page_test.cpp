#include "ui/pages/model_page.h"

#include <gtest/gtest.h>

#include <QTableView>

#include "tests/ui/layer_fixtures.h"
#include "ui/item_models/layer_table_model.h"

namespace tlw::ui {
namespace {

QStringList column(const LayerTableModel& model, int column) {
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row) texts << model.index(row, column).data().toString();
    return texts;
}

ModelSettings headSettings(double dropout, bool normalize) {
    ModelSettings settings;
    settings.backbone = QStringLiteral("vgg16");
    settings.dropout = dropout;
    settings.normalizeFeatures = normalize;
    return settings;
}

// Issue 17: after "Freeze All" the page said "Trainable params: 0" while the head trains; the tutorial shows
// the whole model's summary with the head's layers after the base.
TEST(ModelPage, TheHeadsLayersFollowTheBaseAndCountInTheWholeSummary) {
    ModelPage page;
    page.setModelSettings(headSettings(0.2, true));
    page.setLayers(fixtures::vgg16Layers());
    EXPECT_EQ(page.headLayerModel()->rowCount(), 0);  // no classes yet
    page.setClassCount(3);
    const LayerTableModel& head = *page.headLayerModel();
    EXPECT_EQ(column(head, LayerTableModel::NameColumn),
              (QStringList{QStringLiteral("global_average_pooling2d"), QStringLiteral("normalization"),
                           QStringLiteral("dropout"), QStringLiteral("dense")}));
    EXPECT_EQ(column(head, LayerTableModel::OutputShapeColumn).last(), QStringLiteral("(None, 3)"));
    EXPECT_EQ(column(head, LayerTableModel::ParamsColumn).last(), QStringLiteral("1,539"));
    EXPECT_EQ(column(head, LayerTableModel::IndexColumn).first().toInt(),
              page.layerModel()->layers().back().index + 1);
    // Always trained: shown checked, and the user cannot uncheck it.
    const QModelIndex trainable = head.index(3, LayerTableModel::TrainableColumn);
    EXPECT_EQ(trainable.data(Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_FALSE(head.flags(trainable) & Qt::ItemIsUserCheckable);
    EXPECT_FALSE(page.headLayerModel()->layers().empty());

    page.layerModel()->freezeAll();
    EXPECT_TRUE(page.summaryText().contains(QStringLiteral("Trainable params: 0")));
    EXPECT_TRUE(page.wholeModelSummaryText().contains(QStringLiteral("Trainable params: 1,539")))
        << page.wholeModelSummaryText().toStdString();
}

TEST(ModelPage, DropoutAndNormalizationRowsFollowTheSettings) {
    ModelPage page;
    page.setModelSettings(headSettings(0.0, false));
    page.setLayers(fixtures::vgg16Layers());
    page.setClassCount(2);
    EXPECT_EQ(column(*page.headLayerModel(), LayerTableModel::NameColumn),
              (QStringList{QStringLiteral("global_average_pooling2d"), QStringLiteral("dense")}));
    EXPECT_EQ(column(*page.headLayerModel(), LayerTableModel::OutputShapeColumn).last(),
              QStringLiteral("(None, 1)"));  // two classes: one sigmoid unit, as Keras's tutorial
    EXPECT_TRUE(page.headLayerView()->isVisibleTo(&page));
}

}  // namespace
}  // namespace tlw::ui
