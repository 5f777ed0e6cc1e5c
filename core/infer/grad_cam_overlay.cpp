#include "core/infer/grad_cam_overlay.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data/preprocess.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr int kMinimumSide = 256;  // a 64-pixel model input would otherwise give a postage stamp
constexpr int kMaximumSide = 1024;
constexpr int kBarWidth = 18;
constexpr int kLabelWidth = 44;

// The region of the image the model saw, as an OpenCV RGB matrix (a copy).
cv::Mat seenRegion(const RgbImage& image, const OverlayOptions& options) {
    const cv::Mat whole(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    if (!options.cropToAspectRatio) return whole.clone();
    const CropBox box =
        centredCropForAspectRatio(image.width, image.height, options.modelWidth, options.modelHeight);
    return whole(cv::Rect(box.x, box.y, box.width, box.height)).clone();
}

cv::Size displaySize(int width, int height) {
    const int longSide = std::max(width, height);
    const double scale = longSide < kMinimumSide   ? double(kMinimumSide) / longSide
                         : longSide > kMaximumSide ? double(kMaximumSide) / longSide
                                                   : 1.0;
    return {std::max(1, int(std::lround(width * scale))), std::max(1, int(std::lround(height * scale)))};
}

// The map scaled to 0..255 by its maximum (an all-zero map stays 0) and coloured, RGB.
cv::Mat colouredMap(const GradCamMap& map, cv::Size size) {
    const std::vector<float> values = upsampledMap(map, size.width, size.height);
    const float maximum = std::max(map.maximum(), 1e-12f);
    cv::Mat levels(size, CV_8U);
    for (int i = 0; i < size.area(); ++i)
        levels.data[i] =
            cv::saturate_cast<std::uint8_t>(255.0f * std::max(values[size_t(i)], 0.0f) / maximum);
    cv::Mat bgr;
    cv::applyColorMap(levels, bgr, cv::COLORMAP_TURBO);
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

}  // namespace

std::array<std::uint8_t, 3> turboColour(double level) {
    static const cv::Mat table = [] {  // 256 levels, RGB
        cv::Mat levels(1, 256, CV_8U);
        for (int i = 0; i < 256; ++i) levels.at<std::uint8_t>(i) = static_cast<std::uint8_t>(i);
        cv::Mat bgr;
        cv::applyColorMap(levels, bgr, cv::COLORMAP_TURBO);
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        return rgb;
    }();
    const int index = static_cast<int>(std::lround(std::clamp(level, 0.0, 1.0) * 255.0));
    const cv::Vec3b colour = table.at<cv::Vec3b>(index);
    return {colour[0], colour[1], colour[2]};
}

namespace {

// A bar from the maximum (top) to 0 (bottom) with its two labels, on white, to the right of the picture.
void drawColourBar(cv::Mat& canvas, int pictureWidth, int height) {
    const int top = 12;
    const int bottom = height - 12;
    const int x = pictureWidth + 10;
    cv::Mat levels(std::max(1, bottom - top), 1, CV_8U);
    for (int row = 0; row < levels.rows; ++row)
        levels.at<std::uint8_t>(row) =
            cv::saturate_cast<std::uint8_t>(255.0 * (levels.rows - 1 - row) / std::max(1, levels.rows - 1));
    cv::Mat bgr;
    cv::applyColorMap(levels, bgr, cv::COLORMAP_TURBO);
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    cv::resize(rgb, rgb, cv::Size(kBarWidth, levels.rows), 0, 0, cv::INTER_NEAREST);
    rgb.copyTo(canvas(cv::Rect(x, top, kBarWidth, levels.rows)));
    const cv::Scalar black(0, 0, 0);
    cv::rectangle(canvas, cv::Rect(x, top, kBarWidth, levels.rows), black, 1);
    const int textX = x + kBarWidth + 3;
    cv::putText(canvas, "max", {textX, top + 10}, cv::FONT_HERSHEY_SIMPLEX, 0.35, black, 1, cv::LINE_AA);
    cv::putText(canvas, "0", {textX, bottom}, cv::FONT_HERSHEY_SIMPLEX, 0.35, black, 1, cv::LINE_AA);
}

}  // namespace

RgbImage renderGradCamOverlay(const RgbImage& image, const GradCamMap& map, const OverlayOptions& options) {
    if (image.empty()) throw Error("Grad-CAM overlay: the image is empty");
    const cv::Mat region = seenRegion(image, options);
    const cv::Size size = displaySize(region.cols, region.rows);
    cv::Mat picture;
    cv::resize(region, picture, size, 0, 0, cv::INTER_AREA);
    cv::Mat blended;
    cv::addWeighted(picture, 1.0 - options.opacity, colouredMap(map, size), options.opacity, 0.0, blended);

    cv::Mat canvas(size.height, size.width + 10 + kBarWidth + kLabelWidth, CV_8UC3,
                   cv::Scalar(255, 255, 255));
    blended.copyTo(canvas(cv::Rect(0, 0, size.width, size.height)));
    drawColourBar(canvas, size.width, size.height);

    RgbImage overlay;
    overlay.width = canvas.cols;
    overlay.height = canvas.rows;
    overlay.pixels.assign(canvas.data, canvas.data + canvas.total() * 3);
    return overlay;
}

std::string encodePngBytes(const RgbImage& image) {
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> bytes;
    try {
        if (!cv::imencode(".png", bgr, bytes)) throw Error("PNG: OpenCV could not encode the image");
    } catch (const cv::Exception& e) {
        throw Error("PNG: " + e.msg);
    }
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace tlw
