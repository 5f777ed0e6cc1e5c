#include "ui/item_models/layer_table_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include "tests/ui/layer_fixtures.h"

namespace tlw::ui {
namespace {

int64_t trainableParams(const LayerTableModel& model) { return model.totals().trainable; }

TEST(LayerTableModel, PassesQtModelConsistencyChecks) {
    LayerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLayers(fixtures::vgg16Layers());
    model.freezeUpTo(10);
    model.fineTuneFrom("block5_conv2");
    model.setData(model.index(3, LayerTableModel::TrainableColumn), Qt::Unchecked, Qt::CheckStateRole);
    model.setLayers({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(LayerTableModel, ShowsVgg16AsKerasSummaryDoes) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    ASSERT_EQ(model.rowCount(), 19);
    ASSERT_EQ(model.columnCount(), 6);
    const auto text = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
    EXPECT_EQ(text(15, LayerTableModel::IndexColumn), QStringLiteral("15"));
    EXPECT_EQ(text(15, LayerTableModel::NameColumn), QStringLiteral("block5_conv1"));
    EXPECT_EQ(text(15, LayerTableModel::TypeColumn), QStringLiteral("Conv2D"));
    EXPECT_EQ(text(15, LayerTableModel::OutputShapeColumn), QStringLiteral("(None, 14, 14, 512)"));
    EXPECT_EQ(text(15, LayerTableModel::ParamsColumn), QStringLiteral("2,359,808"));
    EXPECT_EQ(model.headerData(LayerTableModel::ParamsColumn, Qt::Horizontal).toString(),
              QStringLiteral("Param #"));
    EXPECT_EQ(model.headerData(LayerTableModel::OutputShapeColumn, Qt::Horizontal).toString(),
              QStringLiteral("Output Shape"));
    EXPECT_EQ(model.totals().total, 14714688);
    EXPECT_EQ(trainableParams(model), 14714688);
    EXPECT_EQ(
        LayerTableModel::kerasSummaryText(model.totals()),
        QStringLiteral("Total params: 14,714,688\nTrainable params: 14,714,688\nNon-trainable params: 0"));
}

TEST(LayerTableModel, EveryRowHasAUserCheckableTrainableCell) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex trainable = model.index(row, LayerTableModel::TrainableColumn);
        EXPECT_TRUE(model.flags(trainable) & Qt::ItemIsUserCheckable) << row;
        EXPECT_EQ(model.data(trainable, Qt::CheckStateRole).toInt(), Qt::Checked) << row;
        EXPECT_FALSE(model.flags(model.index(row, LayerTableModel::NameColumn)) & Qt::ItemIsUserCheckable);
    }
}

TEST(LayerTableModel, UncheckingAndCheckingALayerChangesTheTrainableTotal) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    QSignalSpy freezeSpy(&model, &LayerTableModel::freezeChanged);
    QSignalSpy dataSpy(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex conv = model.index(17, LayerTableModel::TrainableColumn);
    ASSERT_TRUE(model.setData(conv, Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_EQ(trainableParams(model), 14714688 - 2359808);
    EXPECT_EQ(model.totals().nonTrainable, 2359808);
    ASSERT_EQ(freezeSpy.count(), 1);
    const auto flags = freezeSpy.at(0).at(0).value<std::vector<bool>>();
    ASSERT_EQ(flags.size(), 19u);
    EXPECT_FALSE(flags[17]);
    EXPECT_TRUE(flags[16]);
    ASSERT_EQ(dataSpy.count(), 1);
    EXPECT_EQ(dataSpy.at(0).at(0).toModelIndex(), conv);

    ASSERT_TRUE(model.setData(conv, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(trainableParams(model), 14714688);
    // Setting what is already there changes nothing and says nothing.
    ASSERT_TRUE(model.setData(conv, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(freezeSpy.count(), 2);
    EXPECT_FALSE(
        model.setData(model.index(17, LayerTableModel::NameColumn), QStringLiteral("x"), Qt::EditRole));
}

TEST(LayerTableModel, FineTuneFromBlock5Conv2IsTheSeedsFineTuneAt16) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    ASSERT_TRUE(model.fineTuneFrom("block5_conv2"));
    EXPECT_EQ(trainableParams(model), 4719616);
    EXPECT_EQ(model.totals().nonTrainable, 14714688 - 4719616);
    EXPECT_EQ(model.frozenPrefix(), 16);
    EXPECT_EQ(LayerTableModel::kerasSummaryText(model.totals()),
              QStringLiteral(
                  "Total params: 14,714,688\nTrainable params: 4,719,616\nNon-trainable params: 9,995,072"));
}

TEST(LayerTableModel, FineTuneFromAGroupStartsAtItsFirstLayer) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    ASSERT_TRUE(model.fineTuneFrom("block5"));
    EXPECT_EQ(model.frozenPrefix(), 15);
    EXPECT_EQ(trainableParams(model), 7079424);
    EXPECT_EQ(model.rowOf("block5"), 15);
    EXPECT_EQ(model.rowOf("block5_conv2"), 16);
}

TEST(LayerTableModel, FreezeUpToRow15IsKerasFineTuneAt16) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    model.freezeUpTo(15);
    EXPECT_EQ(trainableParams(model), 4719616);
    EXPECT_EQ(model.frozenPrefix(), 16);
    const std::vector<bool> flags = model.trainableFlags();
    for (size_t i = 0; i < flags.size(); ++i) EXPECT_EQ(flags[i], i >= 16) << i;
}

TEST(LayerTableModel, PresetsFreezeAllAndUnfreezeAll) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    model.freezeAll();
    EXPECT_EQ(trainableParams(model), 0);
    EXPECT_EQ(model.frozenPrefix(), 19);
    model.unfreezeAll();
    EXPECT_EQ(trainableParams(model), 14714688);
    EXPECT_EQ(model.frozenPrefix(), 0);
}

TEST(LayerTableModel, FineTuneAtIsMinusOneWhenFrozenLayersAreNotAPrefix) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    model.setData(model.index(5, LayerTableModel::TrainableColumn), Qt::Unchecked, Qt::CheckStateRole);
    EXPECT_EQ(model.frozenPrefix(), -1);
}

TEST(LayerTableModel, PresetsLeaveTheTopHeadTrainable) {
    std::vector<tlw::LayerInfo> layers = fixtures::vgg16Layers();
    tlw::LayerInfo dense;
    dense.index = 19;
    dense.name = "dense";
    dense.kerasType = "Dense";
    dense.outputShape = {-1, 2};
    dense.params = 1026;
    dense.group = "top";
    layers.push_back(dense);
    LayerTableModel model;
    model.setLayers(layers);
    model.freezeAll();
    EXPECT_EQ(trainableParams(model), 1026);
    model.fineTuneFrom("block5_conv2");
    EXPECT_EQ(trainableParams(model), 4719616 + 1026);
}

TEST(LayerTableModel, FineTuneFromAnUnknownLayerChangesNothing) {
    LayerTableModel model;
    model.setLayers(fixtures::vgg16Layers());
    model.freezeAll();
    QSignalSpy spy(&model, &LayerTableModel::freezeChanged);
    EXPECT_FALSE(model.fineTuneFrom("fire8"));
    EXPECT_EQ(spy.count(), 0);
    EXPECT_EQ(trainableParams(model), 0);
    EXPECT_EQ(model.rowOf("fire8"), -1);
}

}  // namespace
}  // namespace tlw::ui
