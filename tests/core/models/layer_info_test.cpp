#include "core/models/layer_info.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(KerasShapeString, WritesNoneForTheBatchDimension) {
    EXPECT_EQ(kerasShapeString({-1, 112, 112, 64}), "(None, 112, 112, 64)");
    EXPECT_EQ(kerasShapeString({-1, 25088}), "(None, 25088)");
    EXPECT_EQ(kerasShapeString({-1}), "(None,)");
}

TEST(FormatThousands, InsertsCommasLikeKeras) {
    EXPECT_EQ(formatThousands(0), "0");
    EXPECT_EQ(formatThousands(999), "999");
    EXPECT_EQ(formatThousands(1792), "1,792");
    EXPECT_EQ(formatThousands(14714688), "14,714,688");
    EXPECT_EQ(formatThousands(138357544), "138,357,544");
    EXPECT_EQ(formatThousands(-1000), "-1,000");
}

TEST(ParamTotals, FrozenLayersCountAsNonTrainable) {
    std::vector<LayerInfo> layers(3);
    layers[0].params = 0;
    layers[1].params = 1792;
    layers[1].trainable = false;
    layers[2].params = 36928;
    const ParamTotals totals = paramTotals(layers);
    EXPECT_EQ(totals.total, 38720);
    EXPECT_EQ(totals.trainable, 36928);
    EXPECT_EQ(totals.nonTrainable, 1792);
}

}  // namespace
}  // namespace tlw
