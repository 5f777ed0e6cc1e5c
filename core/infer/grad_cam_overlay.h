#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/data/image_decoder.h"
#include "core/infer/grad_cam.h"

// What people look at of a Grad-CAM map: the map in the turbo colour map over the image, with a colour bar.
// Torch-free.
namespace tlw {

struct OverlayOptions {
    bool cropToAspectRatio = false;  // the model's: the map then covers the centred crop only
    int modelWidth = 224;            // the model's input size, for that crop's aspect ratio
    int modelHeight = 224;
    double opacity = 0.45;  // of the colours over the image
};

// The part of the image the model saw (all of it, or the centred crop), scaled so that its long side is
// between 256 and 1024 pixels, with the map upsampled over it (normalised to the map's maximum: 0 is dark
// blue, the maximum dark red) and a vertical colour bar on the right from "0" to "max". Throws tlw::Error for
// an empty image or map.
RgbImage renderGradCamOverlay(const RgbImage& image, const GradCamMap& map, const OverlayOptions& options);

// The overlay's colour at a level from 0 (no evidence) to 1 (the map's maximum), RGB: OpenCV's turbo colour
// map, so that the window's overlays and colour bars match `tlw explain`'s pictures exactly.
std::array<std::uint8_t, 3> turboColour(double level);

// PNG bytes of an RGB image; throws tlw::Error when OpenCV cannot encode it.
std::string encodePngBytes(const RgbImage& image);

}  // namespace tlw
