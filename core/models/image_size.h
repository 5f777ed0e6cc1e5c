#pragma once

#include <string>

namespace tlw {

// The network's input size in pixels (Keras's input_shape[:2]); the image is resized to it.
struct ImageSize {
    int height = 224;
    int width = 224;

    bool operator==(const ImageSize& other) const { return height == other.height && width == other.width; }
    bool operator!=(const ImageSize& other) const { return !(*this == other); }
};

// "224" (square) or "224x160" (height x width). Throws tlw::Error for anything else or a side < 1.
ImageSize parseImageSize(const std::string& text);

// "224x224"
std::string toString(const ImageSize& size);

}  // namespace tlw
