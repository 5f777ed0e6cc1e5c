#pragma once

#include <QColor>
#include <QImage>
#include <QRectF>

#include "core/infer/grad_cam.h"

namespace tlw::ui {

// A Grad-CAM map ready to be drawn over a picture of its image: the map, and the part of the image the
// model saw (all of it, or the centred crop when the model crops to its aspect ratio) as fractions of the
// image's width and height.
struct HeatMap {
    tlw::GradCamMap map;
    QRectF seen{0.0, 0.0, 1.0, 1.0};
};

// The overlay's colour for a level from 0 (low) to 1 (high): the turbo colour map, dark blue through cyan,
// green, yellow and orange to dark red, as in the PNGs of `tlw explain`, so that the window and the files
// read alike.
QColor heatColour(double level);

// The picture with the map (normalised to its maximum) blended over the part the model saw; the rest of
// the picture is left as it is. A null picture or an empty map gives the picture back.
QImage overlayHeatMap(const QImage& picture, const HeatMap& heatMap, double opacity = 0.45);

}  // namespace tlw::ui
