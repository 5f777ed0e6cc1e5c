#include "ui/widgets/heat_map.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/infer/grad_cam_overlay.h"

namespace tlw::ui {

QColor heatColour(double level) {
    const std::array<std::uint8_t, 3> rgb = tlw::turboColour(level);  // what tlw explain draws with
    return QColor(rgb[0], rgb[1], rgb[2]);
}

QImage overlayHeatMap(const QImage& picture, const HeatMap& heatMap, double opacity) {
    const tlw::GradCamMap& map = heatMap.map;
    if (picture.isNull() || map.values.empty() || map.width <= 0 || map.height <= 0) return picture;
    QImage result = picture.convertToFormat(QImage::Format_RGB32);
    const QRect seen = QRectF(heatMap.seen.x() * result.width(), heatMap.seen.y() * result.height(),
                              heatMap.seen.width() * result.width(), heatMap.seen.height() * result.height())
                           .toAlignedRect()
                           .intersected(result.rect());
    if (seen.isEmpty()) return result;
    const std::vector<float> values = tlw::upsampledMap(map, seen.width(), seen.height());
    const float maximum = std::max(map.maximum(), 1e-12f);
    // 256 levels are as many as an 8-bit picture can show: a table saves a QColor per pixel.
    std::array<QRgb, 256> colours{};
    for (std::size_t i = 0; i < colours.size(); ++i) colours[i] = heatColour(i / 255.0).rgb();
    const double keep = 1.0 - opacity;
    for (int y = 0; y < seen.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(result.scanLine(seen.y() + y)) + seen.x();
        for (int x = 0; x < seen.width(); ++x) {
            const float value = values[static_cast<std::size_t>(y) * seen.width() + x];
            const int level = std::clamp(static_cast<int>(255.0f * std::max(value, 0.0f) / maximum), 0, 255);
            const QRgb colour = colours[static_cast<std::size_t>(level)];
            const QRgb pixel = line[x];
            line[x] = qRgb(static_cast<int>(qRed(pixel) * keep + qRed(colour) * opacity),
                           static_cast<int>(qGreen(pixel) * keep + qGreen(colour) * opacity),
                           static_cast<int>(qBlue(pixel) * keep + qBlue(colour) * opacity));
        }
    }
    return result;
}

}  // namespace tlw::ui
