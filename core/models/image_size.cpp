#include "core/models/image_size.h"

#include <cctype>
#include <string_view>

#include "core/util/error.h"

namespace tlw {
namespace {

// A positive decimal integer made of digits only ("224"), or -1.
int parseSide(std::string_view text) {
    if (text.empty() || text.size() > 6) return -1;
    int value = 0;
    for (const char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

ImageSize parseImageSize(const std::string& text) {
    const std::string_view view = text;
    const size_t separator = view.find_first_of("xX");
    const int height = parseSide(view.substr(0, separator));
    const int width = separator == std::string_view::npos ? height : parseSide(view.substr(separator + 1));
    if (height < 1 || width < 1)
        throw Error("invalid image size '" + text + "' (expected S or HxW, e.g. 224 or 224x160)");
    return {height, width};
}

std::string toString(const ImageSize& size) {
    return std::to_string(size.height) + "x" + std::to_string(size.width);
}

}  // namespace tlw
