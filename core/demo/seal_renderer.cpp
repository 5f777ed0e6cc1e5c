#include "core/demo/seal_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>
#include <vector>

#include "core/demo/noise_fields.h"
#include "core/demo/seal_carving.h"

namespace tlw {
namespace {

double uniform(std::mt19937& rng, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng);
}

cv::Mat clamp01(const cv::Mat& values) { return cv::min(cv::max(values, 0.0), 1.0); }

// How much ink each point of the face leaves on the paper: uneven pressure (one side lighter), blotches
// of thick and thin ink, and grain where the paper's tooth did not take the ink at all.
// Returns two channels: ink coverage (0..1) and excess ink (0..~0.4, darkens the colour).
cv::Mat inkCoverage(const cv::Mat& face, std::mt19937& rng) {
    const cv::Size size = face.size();
    const double scale = size.width;

    const double pressure = uniform(rng, 0.85, 1.1), tilt = uniform(rng, 0.0, 0.45);
    const double angle = uniform(rng, 0, 2 * CV_PI);
    const double dx = std::cos(angle) / size.width, dy = std::sin(angle) / size.height;
    cv::Mat density(size, CV_32F);
    for (int y = 0; y < size.height; ++y) {
        float* row = density.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            const double along = (x - size.width / 2.0) * dx + (y - size.height / 2.0) * dy;  // -0.7 .. 0.7
            row[x] = static_cast<float>(pressure - tilt * (0.5 + along));
        }
    }
    density += smoothNoise(size, 0.25 * scale, rng) * 0.12;
    density += smoothNoise(size, 0.05 * scale, rng) * uniform(rng, 0.08, 0.2);
    cv::Mat grain;
    cv::GaussianBlur(whiteNoise(size, rng), grain, {0, 0}, 0.7);
    density += grain * uniform(rng, 0.12, 0.3);

    const double gapLevel = uniform(rng, 0.25, 0.5), opacity = uniform(rng, 0.88, 1.0);
    cv::Mat coverage = clamp01((density - gapLevel) / 0.3).mul(face) * opacity;
    cv::Mat excess = cv::min(cv::max(density - 1.0, 0.0), 0.4).mul(face);
    cv::Mat channels[] = {coverage, excess}, both;
    cv::merge(channels, 2, both);
    return both;
}

// Where the seal lands: scale, rotation, off-centre position and a slight tilt of the stamp
// (perspective). Maps seal-face pixels to image pixels.
cv::Mat sealPlacement(cv::Size face, int imageSize, std::mt19937& rng) {
    const double aspect = static_cast<double>(face.height) / face.width;
    const double longSide = uniform(rng, 0.55, 0.82) * imageSize;
    const double width = longSide / std::max(1.0, aspect), height = width * aspect;
    const double angle =
        std::clamp(std::normal_distribution<double>(0.0, 4.0)(rng), -12.0, 12.0) * CV_PI / 180;
    const double room = std::max(0.0, (imageSize - longSide * 1.1) / 2);
    const double shiftX = uniform(rng, -0.8, 0.8) * room;
    const double shiftY = uniform(rng, -0.8, 0.8) * room;
    const cv::Point2d centre(imageSize / 2.0 + shiftX, imageSize / 2.0 + shiftY);
    const double cosine = std::cos(angle), sine = std::sin(angle), wobble = 0.025 * longSide;

    const std::array<cv::Point2f, 4> source = {cv::Point2f(0, 0), cv::Point2f(face.width, 0),
                                               cv::Point2f(face.width, face.height),
                                               cv::Point2f(0, face.height)};
    const std::array<cv::Point2d, 4> corners = {
        cv::Point2d(-width / 2, -height / 2), cv::Point2d(width / 2, -height / 2),
        cv::Point2d(width / 2, height / 2), cv::Point2d(-width / 2, height / 2)};
    std::array<cv::Point2f, 4> target;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        const cv::Point2d rotated(corners[i].x * cosine - corners[i].y * sine,
                                  corners[i].x * sine + corners[i].y * cosine);
        const double wobbleX = uniform(rng, -1, 1);
        const double wobbleY = uniform(rng, -1, 1);
        const cv::Point2d moved = centre + rotated + wobble * cv::Point2d(wobbleX, wobbleY);
        target[i] = cv::Point2f(static_cast<float>(moved.x), static_cast<float>(moved.y));
    }
    return cv::getPerspectiveTransform(source.data(), target.data());
}

// Paper, BGR in 0..1: a tint from white to aged yellow, uneven light, fibres along one direction, grain,
// and now and then a faint stain.
cv::Mat paperSheet(int imageSize, std::mt19937& rng) {
    static const std::array<cv::Vec3d, 5> kTintsRgb = {cv::Vec3d(246, 244, 238), cv::Vec3d(240, 232, 212),
                                                       cv::Vec3d(232, 220, 190), cv::Vec3d(236, 236, 230),
                                                       cv::Vec3d(242, 236, 222)};
    const cv::Vec3d tint =
        kTintsRgb[std::uniform_int_distribution<std::size_t>(0, kTintsRgb.size() - 1)(rng)];
    cv::Vec3d bgr;
    for (int c = 0; c < 3; ++c) bgr[c] = std::clamp(tint[2 - c] + uniform(rng, -5, 5), 0.0, 255.0) / 255.0;

    const cv::Size size(imageSize, imageSize);
    cv::Mat light = 1.0 + smoothNoise(size, 0.5 * imageSize, rng) * uniform(rng, 0.01, 0.03);

    // Fibres: noise smeared along two random directions by line kernels (the sheet's texture), then grain.
    cv::Mat texture = light + whiteNoise(size, rng) * 0.008;
    for (int layer = 0; layer < 2; ++layer) {
        const int length = std::max(3, cvRound(imageSize / 224.0 * 7)) | 1;
        cv::Mat kernel(length, length, CV_32F, cv::Scalar(0));
        const double angle = uniform(rng, 0, CV_PI);
        const cv::Point2d half(std::cos(angle) * (length / 2), std::sin(angle) * (length / 2));
        const cv::Point2d middle(length / 2, length / 2);
        cv::line(kernel, middle - half, middle + half, cv::Scalar(1.0), 1, cv::LINE_AA);
        kernel /= cv::sum(kernel)[0];
        cv::Mat fibres;
        cv::filter2D(whiteNoise(size, rng), fibres, CV_32F, kernel);
        texture += fibres * uniform(rng, 0.01, 0.035);
    }

    cv::Mat paper;
    cv::Mat channels[3];
    for (int c = 0; c < 3; ++c) channels[c] = texture * bgr[c];
    if (uniform(rng, 0, 1) < 0.2) {
        // A stain: a soft patch where the paper yellowed.
        const cv::Mat stain =
            clamp01(smoothNoise(size, 0.3 * imageSize, rng) - 0.6) * uniform(rng, 0.05, 0.12);
        channels[0] -= stain * 1.6;
        channels[1] -= stain * 0.6;
    }
    cv::merge(channels, 3, paper);
    return paper;
}

// The ink's colour, BGR in 0..1: vermilion, cinnabar orange, crimson or brick, and shades between.
cv::Vec3d inkColour(std::mt19937& rng) {
    static const std::array<cv::Vec3d, 4> kColoursRgb = {
        cv::Vec3d(0.80, 0.18, 0.14), cv::Vec3d(0.86, 0.27, 0.16), cv::Vec3d(0.72, 0.10, 0.16),
        cv::Vec3d(0.70, 0.20, 0.16)};
    std::uniform_int_distribution<std::size_t> choose(0, kColoursRgb.size() - 1);
    const cv::Vec3d first = kColoursRgb[choose(rng)], second = kColoursRgb[choose(rng)];
    const double mix = uniform(rng, 0, 1);
    cv::Vec3d bgr;
    for (int c = 0; c < 3; ++c)
        bgr[c] =
            std::clamp(first[2 - c] * (1 - mix) + second[2 - c] * mix + uniform(rng, -0.03, 0.03), 0.0, 1.0);
    return bgr;
}

}  // namespace

cv::Mat renderSealImage(const SealImagePlan& plan, const GlyphCache& glyphs, int imageSize) {
    std::seed_seq seeds{static_cast<std::uint32_t>(plan.seed), static_cast<std::uint32_t>(plan.seed >> 32)};
    std::mt19937 rng(seeds);

    const int faceWidth = std::max(64, imageSize);
    const cv::Mat face = carveSealFace(*plan.style, plan.font, plan.text, glyphs, faceWidth, rng);
    cv::Mat ink = inkCoverage(face, rng);
    cv::GaussianBlur(ink, ink, {0, 0}, 0.5);  // the warp below shrinks the face: soften it first
    cv::Mat placed;
    cv::warpPerspective(ink, placed, sealPlacement(face.size(), imageSize, rng), {imageSize, imageSize},
                        cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0, 0));
    cv::Mat coverage, excess;
    cv::extractChannel(placed, coverage, 0);
    cv::extractChannel(placed, excess, 1);

    const cv::Mat paper = paperSheet(imageSize, rng);
    const cv::Vec3d colour = inkColour(rng);
    // Ink multiplies the paper (it is a stain, the texture shows through); excess ink is darker.
    cv::Mat paperChannels[3], imageChannels[3];
    cv::split(paper, paperChannels);
    const cv::Mat darkening = 1.0 - excess * 0.8;
    for (int c = 0; c < 3; ++c) {
        const cv::Mat tinted = darkening * colour[c];
        imageChannels[c] = paperChannels[c].mul(1.0 - coverage + coverage.mul(tinted));
    }
    cv::Mat image;
    cv::merge(imageChannels, 3, image);

    cv::GaussianBlur(image, image, {0, 0}, uniform(rng, 0.25, 1.0) * imageSize / 224.0);
    const double noise = uniform(rng, 0.004, 0.012);
    std::vector<cv::Mat> noisy(3);
    cv::split(image, noisy);
    for (auto& channel : noisy) channel += whiteNoise(image.size(), rng) * noise;
    cv::merge(noisy, image);

    cv::Mat result;
    image.convertTo(result, CV_8UC3, 255.0);
    return result;
}

}  // namespace tlw
