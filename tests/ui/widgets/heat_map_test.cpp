#include "ui/widgets/heat_map.h"

#include <gtest/gtest.h>

#include <QImage>

namespace tlw::ui {
namespace {

// A 2x2 map that is high in its top-left cell only.
HeatMap topLeftMap() {
    HeatMap heatMap;
    heatMap.map.width = 2;
    heatMap.map.height = 2;
    heatMap.map.values = {1.0f, 0.0f, 0.0f, 0.0f};
    return heatMap;
}

TEST(HeatMap, ColoursRunFromDarkBlueToDarkRed) {
    const QColor low = heatColour(0.0);
    const QColor high = heatColour(1.0);
    EXPECT_EQ(low, QColor(48, 18, 59));
    EXPECT_EQ(high, QColor(122, 4, 3));
    EXPECT_GT(low.blue(), low.red());
    EXPECT_GT(high.red(), high.blue());
    EXPECT_EQ(heatColour(-1.0), low);  // clamped
    EXPECT_EQ(heatColour(2.0), high);
}

TEST(HeatMap, TheOverlayColoursWhereTheMapIsHighAndTheRestStaysBlue) {
    QImage grey(40, 40, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    const QImage overlay = overlayHeatMap(grey, topLeftMap());
    ASSERT_EQ(overlay.size(), grey.size());
    const QColor hot = overlay.pixelColor(2, 2);     // where the map is at its maximum
    const QColor cold = overlay.pixelColor(37, 37);  // where it is 0
    EXPECT_GT(hot.red(), hot.blue());
    EXPECT_GT(cold.blue(), cold.red());
    EXPECT_NE(overlay.pixelColor(2, 2), grey.pixelColor(2, 2));
}

TEST(HeatMap, OnlyThePartTheModelSawIsColoured) {
    QImage grey(40, 20, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    HeatMap heatMap = topLeftMap();
    heatMap.seen = QRectF(0.25, 0.0, 0.5, 1.0);  // the centred square crop
    const QImage overlay = overlayHeatMap(grey, heatMap);
    EXPECT_EQ(overlay.pixelColor(2, 10), QColor(128, 128, 128));   // left of the crop
    EXPECT_EQ(overlay.pixelColor(37, 10), QColor(128, 128, 128));  // right of it
    EXPECT_NE(overlay.pixelColor(11, 1), QColor(128, 128, 128));   // inside
}

TEST(HeatMap, AnEmptyMapLeavesThePictureAsItIs) {
    QImage grey(8, 8, QImage::Format_RGB32);
    grey.fill(Qt::gray);
    EXPECT_EQ(overlayHeatMap(grey, HeatMap{}), grey);
}

}  // namespace
}  // namespace tlw::ui
