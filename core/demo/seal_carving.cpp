#include "core/demo/seal_carving.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/demo/glyph_cache.h"
#include "core/demo/noise_fields.h"

namespace tlw {
namespace {

constexpr double kMargin = 0.03;     // blank canvas around the seal, so weathered edges are not clipped
constexpr double kMaxStretch = 1.7;  // how far a character may be stretched out of its proportions
constexpr int kShift = 4;            // sub-pixel bits for OpenCV's drawing functions

double uniform(std::mt19937& rng, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng);
}

// x before y: the order of draws must not depend on how a compiler orders function arguments.
cv::Point2d uniformPoint(std::mt19937& rng, double left, double right, double top, double bottom) {
    const double x = uniform(rng, left, right);
    const double y = uniform(rng, top, bottom);
    return {x, y};
}

// A filled rectangle or ellipse inset by `inset` pixels from the canvas edges; anti-aliased, 0..1.
cv::Mat shapeMask(cv::Size size, bool round, double inset) {
    cv::Mat mask(size, CV_8U, cv::Scalar(0));
    const double scale = 1 << kShift;
    if (round) {
        const cv::Point centre(cvRound(size.width / 2.0 * scale), cvRound(size.height / 2.0 * scale));
        const cv::Size axes(cvRound((size.width / 2.0 - inset) * scale),
                            cvRound((size.height / 2.0 - inset) * scale));
        if (axes.width > 0 && axes.height > 0)
            cv::ellipse(mask, centre, axes, 0, 0, 360, cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
    } else {
        const int left = cvRound(inset * scale), top = cvRound(inset * scale);
        const int right = cvRound((size.width - inset) * scale),
                  bottom = cvRound((size.height - inset) * scale);
        const std::vector<cv::Point> corners = {{left, top}, {right, top}, {right, bottom}, {left, bottom}};
        if (right > left && bottom > top)
            cv::fillConvexPoly(mask, corners, cv::Scalar(255), cv::LINE_AA, kShift);
    }
    cv::Mat result;
    mask.convertTo(result, CV_32F, 1.0 / 255.0);
    return result;
}

// The band between two insets: a frame line.
cv::Mat ringMask(cv::Size size, bool round, double outerInset, double thickness) {
    cv::Mat ring = shapeMask(size, round, outerInset) - shapeMask(size, round, outerInset + thickness);
    return cv::max(ring, 0.0);
}

struct FaceGeometry {
    double charactersInset = 0;  // from the canvas edge to the box the characters fill
    double borderThickness = 0;  // zhuwen: the frame; baiwen: unused
};

FaceGeometry faceGeometry(const SealStyle& style, double width, std::mt19937& rng) {
    const double jitter = uniform(rng, 0.88, 1.12);  // one engraver, but no two frames cut alike
    const double margin = kMargin * width;
    FaceGeometry geometry;
    if (style.carving == SealCarving::Zhuwen) {
        double border = 0.045;
        if (style.border == SealBorder::Thick) border = 0.10;
        if (style.border == SealBorder::Double) border = 0.103;  // 0.06 frame + 0.025 gap + 0.018 line
        if (style.border == SealBorder::Round) border = 0.05;
        geometry.borderThickness = border * jitter * width;
        geometry.charactersInset = margin + geometry.borderThickness + 0.03 * width;
    } else {
        double redMargin = 0.075;
        if (style.border == SealBorder::Thick) redMargin = 0.13;
        if (style.border == SealBorder::Double) redMargin = 0.10;
        if (style.border == SealBorder::Round) redMargin = 0.07;
        geometry.charactersInset = margin + redMargin * jitter * width;
    }
    return geometry;
}

// Cells in reading order: right column first, top to bottom.
std::vector<cv::Rect2d> characterCells(SealLayout layout, const cv::Rect2d& box, double gap) {
    const double halfWidth = (box.width - gap) / 2, halfHeight = (box.height - gap) / 2;
    const double rightX = box.x + halfWidth + gap, lowerY = box.y + halfHeight + gap;
    switch (layout) {
        case SealLayout::VerticalPair:
            return {{box.x, box.y, box.width, halfHeight}, {box.x, lowerY, box.width, halfHeight}};
        case SealLayout::ThreeTall:
            return {{rightX, box.y, halfWidth, box.height},
                    {box.x, box.y, halfWidth, halfHeight},
                    {box.x, lowerY, halfWidth, halfHeight}};
        case SealLayout::Grid2x2:
            break;
    }
    return {{rightX, box.y, halfWidth, halfHeight},
            {rightX, lowerY, halfWidth, halfHeight},
            {box.x, box.y, halfWidth, halfHeight},
            {box.x, lowerY, halfWidth, halfHeight}};
}

cv::Rect2d characterBox(const SealStyle& style, cv::Size size, double inset) {
    if (style.border != SealBorder::Round)
        return {inset, inset, size.width - 2 * inset, size.height - 2 * inset};
    // The rectangle a round seal's characters fill reaches a little past the inscribed one: the corners
    // of a character cell are mostly empty.
    const double halfWidth = (size.width / 2.0 - inset) * 0.76,
                 halfHeight = (size.height / 2.0 - inset) * 0.76;
    return {size.width / 2.0 - halfWidth, size.height / 2.0 - halfHeight, 2 * halfWidth, 2 * halfHeight};
}

// Stretches a glyph into its cell and adds it (maximum) to the character layer.
void placeGlyph(cv::Mat& layer, const cv::Mat& glyph, const cv::Rect2d& cell, double fill,
                double weightPixels, std::mt19937& rng) {
    const double cellWidth = cell.width * fill, cellHeight = cell.height * fill;
    const double scale = std::min(cellWidth / glyph.cols, cellHeight / glyph.rows);
    const double width = std::min(cellWidth, glyph.cols * scale * kMaxStretch);
    const double height = std::min(cellHeight, glyph.rows * scale * kMaxStretch);
    const cv::Size target(std::max(1, cvRound(width)), std::max(1, cvRound(height)));

    cv::Mat scaled;
    cv::resize(glyph, scaled, target, 0, 0, cv::INTER_AREA);
    scaled.convertTo(scaled, CV_32F, 1.0 / 255.0);
    const int pad = static_cast<int>(std::ceil(std::abs(weightPixels))) + 1;
    cv::copyMakeBorder(scaled, scaled, pad, pad, pad, pad, cv::BORDER_CONSTANT, cv::Scalar(0));
    const int radius = cvRound(std::abs(weightPixels));
    if (radius >= 1) {
        const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1});
        if (weightPixels > 0)
            cv::dilate(scaled, scaled, kernel);
        else
            cv::erode(scaled, scaled, kernel);
    }

    const double centreX = cell.x + cell.width / 2 + uniform(rng, -0.03, 0.03) * cell.width;
    const double centreY = cell.y + cell.height / 2 + uniform(rng, -0.03, 0.03) * cell.height;
    const cv::Rect wanted(cvRound(centreX - scaled.cols / 2.0), cvRound(centreY - scaled.rows / 2.0),
                          scaled.cols, scaled.rows);
    const cv::Rect inside = wanted & cv::Rect(0, 0, layer.cols, layer.rows);
    if (inside.empty()) return;
    cv::Mat destination = layer(inside);
    const cv::Mat source = scaled(inside - wanted.tl());
    cv::max(destination, source, destination);
}

// Real seal edges are not ruler-straight: blur, shift the threshold by smooth noise, sharpen again.
cv::Mat weatherEdges(const cv::Mat& face, double width, std::mt19937& rng) {
    const double sigma = std::max(0.8, 0.006 * width);
    cv::Mat soft;
    cv::GaussianBlur(face, soft, {0, 0}, sigma);
    cv::scaleAdd(smoothNoise(face.size(), 0.015 * width, rng), uniform(rng, 0.05, 0.14), soft, soft);
    const double gain = sigma / 0.48;  // turns the blurred edge back into a ~1 pixel ramp
    soft.convertTo(soft, CV_32F, gain, 0.5 - 0.5 * gain);
    cv::max(soft, 0.0, soft);
    cv::min(soft, 1.0, soft);
    return soft;
}

cv::Point2d pointOnEdge(cv::Size size, bool round, double inset, std::mt19937& rng) {
    const double halfWidth = size.width / 2.0 - inset, halfHeight = size.height / 2.0 - inset;
    const cv::Point2d centre(size.width / 2.0, size.height / 2.0);
    if (round) {
        const double angle = uniform(rng, 0, 2 * CV_PI);
        return centre + cv::Point2d(halfWidth * std::cos(angle), halfHeight * std::sin(angle));
    }
    const double along = uniform(rng, -1, 1);
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
        case 0:
            return centre + cv::Point2d(along * halfWidth, -halfHeight);
        case 1:
            return centre + cv::Point2d(along * halfWidth, halfHeight);
        case 2:
            return centre + cv::Point2d(-halfWidth, along * halfHeight);
        default:
            return centre + cv::Point2d(halfWidth, along * halfHeight);
    }
}

// A small ellipse of random shape and angle around centre, drawn with value (0 bites, 1 adds ink).
void drawBlob(cv::Mat& face, cv::Point2d centre, double radius, double roundness, double value,
              std::mt19937& rng) {
    const cv::Size2f size(static_cast<float>(2 * radius), static_cast<float>(2 * radius * roundness));
    const cv::RotatedRect blob(cv::Point2f(static_cast<float>(centre.x), static_cast<float>(centre.y)), size,
                               static_cast<float>(uniform(rng, 0, 180)));
    cv::ellipse(face, blob, cv::Scalar(value), cv::FILLED, cv::LINE_AA);
}

// Chipped stone: bites out of the rim and the face; on a zhuwen seal also a few specks of stone the
// carver left standing.
void chipFace(cv::Mat& face, const SealStyle& style, double width, std::mt19937& rng) {
    const bool round = style.border == SealBorder::Round;
    const int chips = std::uniform_int_distribution<int>(2, 9)(rng);
    for (int i = 0; i < chips; ++i) {
        const cv::Point2d centre = uniform(rng, 0, 1) < 0.55
                                       ? pointOnEdge(face.size(), round, kMargin * width, rng)
                                       : uniformPoint(rng, 0, face.cols, 0, face.rows);
        const double radius = uniform(rng, 0.005, 0.022) * width;
        drawBlob(face, centre, radius, uniform(rng, 0.4, 1.0), 0.0, rng);
    }
    if (style.carving != SealCarving::Zhuwen) return;
    const int specks = std::uniform_int_distribution<int>(0, 3)(rng);
    for (int i = 0; i < specks; ++i) {
        const cv::Point2d centre =
            uniformPoint(rng, 0.2 * face.cols, 0.8 * face.cols, 0.2 * face.rows, 0.8 * face.rows);
        const double radius = uniform(rng, 0.003, 0.01) * width;
        drawBlob(face, centre, radius, uniform(rng, 0.5, 1.0), 1.0, rng);
    }
}

}  // namespace

cv::Mat carveSealFace(const SealStyle& style, int font, const std::u32string& text, const GlyphCache& glyphs,
                      int width, std::mt19937& rng) {
    const cv::Size size(width, cvRound(width * sealAspect(style.layout)));
    const bool round = style.border == SealBorder::Round;
    const double margin = kMargin * width;
    const FaceGeometry geometry = faceGeometry(style, width, rng);

    cv::Mat characters(size, CV_32F, cv::Scalar(0));
    const auto cells =
        characterCells(style.layout, characterBox(style, size, geometry.charactersInset), 0.035 * width);
    const double weight = style.strokeWeight * width / 224.0 + uniform(rng, -0.3, 0.3);
    const double fill = style.fill * uniform(rng, 0.95, 1.02);
    for (std::size_t i = 0; i < cells.size() && i < text.size(); ++i)
        placeGlyph(characters, glyphs.glyph(font, text[i]), cells[i], fill, weight, rng);

    cv::Mat face;
    if (style.carving == SealCarving::Baiwen) {
        face = shapeMask(size, round, margin) - characters;
        if (style.border == SealBorder::Double)
            face -= ringMask(size, round, margin + 0.045 * width, 0.016 * width);
    } else {
        const double thickness = geometry.borderThickness;
        if (style.border == SealBorder::Double) {
            // A heavy outer frame and a thin inner line, in the proportions 0.06 : 0.025 : 0.018.
            face = ringMask(size, round, margin, thickness * 0.58) +
                   ringMask(size, round, margin + thickness * 0.825, thickness * 0.175);
        } else {
            face = ringMask(size, round, margin, thickness);
        }
        face = cv::max(face, characters);
    }
    face = cv::min(cv::max(face, 0.0), 1.0);
    face = weatherEdges(face, width, rng);
    chipFace(face, style, width, rng);
    return face;
}

}  // namespace tlw
