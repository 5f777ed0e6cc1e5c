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

// How much ink each point of the face leaves on the paper: uneven pressure (one side lighter), blotches
// of thick and thin ink, and grain where the paper's tooth did not take the ink at all.
// Returns two channels: ink coverage (0..1) and excess ink (0..0.4, darkens the colour).
cv::Mat inkCoverage(const cv::Mat& face, std::mt19937& rng) {
    const cv::Size size = face.size();
    const double scale = size.width;
    const double pressure = uniform(rng, 0.85, 1.1);
    const double tilt = uniform(rng, 0.0, 0.45);
    const double angle = uniform(rng, 0, 2 * CV_PI);
    const cv::Mat blotches = smoothNoise(size, 0.25 * scale, rng);
    const double mottleAmount = uniform(rng, 0.08, 0.2);
    const cv::Mat mottle = smoothNoise(size, 0.05 * scale, rng);
    const double grainAmount = uniform(rng, 0.12, 0.3);
    cv::Mat grain;
    cv::GaussianBlur(whiteNoise(size, rng), grain, {0, 0}, 0.7);
    const double gapLevel = uniform(rng, 0.25, 0.5);
    const double opacity = uniform(rng, 0.88, 1.0);

    // One pass, no temporaries: this runs for every image, and freshly allocated images cost page faults.
    const double dx = std::cos(angle) / size.width, dy = std::sin(angle) / size.height;
    cv::Mat ink(size, CV_32FC2);
    for (int y = 0; y < size.height; ++y) {
        const float* faceRow = face.ptr<float>(y);
        const float* blotchRow = blotches.ptr<float>(y);
        const float* mottleRow = mottle.ptr<float>(y);
        const float* grainRow = grain.ptr<float>(y);
        cv::Vec2f* inkRow = ink.ptr<cv::Vec2f>(y);
        for (int x = 0; x < size.width; ++x) {
            const double along = (x - size.width / 2.0) * dx + (y - size.height / 2.0) * dy;  // -0.7 .. 0.7
            const double density = pressure - tilt * (0.5 + along) + 0.12 * blotchRow[x] +
                                   mottleAmount * mottleRow[x] + grainAmount * grainRow[x];
            const double coverage = std::clamp((density - gapLevel) / 0.3, 0.0, 1.0) * faceRow[x] * opacity;
            const double excess = std::clamp(density - 1.0, 0.0, 0.4) * faceRow[x];
            inkRow[x] = cv::Vec2f(static_cast<float>(coverage), static_cast<float>(excess));
        }
    }
    return ink;
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

// A sheet of paper: a tint from white to aged yellow, a texture (uneven light, fibres along two
// directions, grain) and, now and then, a faint yellowed stain.
struct Paper {
    cv::Vec3d tint;   // BGR, 0..1
    cv::Mat texture;  // CV_32F, around 1
    cv::Mat stain;    // CV_32F, 0 .. ~0.1; empty when there is none
};

Paper paperSheet(int imageSize, std::mt19937& rng) {
    static const std::array<cv::Vec3d, 5> kTintsRgb = {cv::Vec3d(246, 244, 238), cv::Vec3d(240, 232, 212),
                                                       cv::Vec3d(232, 220, 190), cv::Vec3d(236, 236, 230),
                                                       cv::Vec3d(242, 236, 222)};
    Paper paper;
    const cv::Vec3d tint =
        kTintsRgb[std::uniform_int_distribution<std::size_t>(0, kTintsRgb.size() - 1)(rng)];
    for (int c = 0; c < 3; ++c)
        paper.tint[c] = std::clamp(tint[2 - c] + uniform(rng, -5, 5), 0.0, 255.0) / 255.0;

    const cv::Size size(imageSize, imageSize);
    const double lightAmount = uniform(rng, 0.01, 0.03);
    smoothNoise(size, 0.5 * imageSize, rng).convertTo(paper.texture, CV_32F, lightAmount, 1.0);
    cv::scaleAdd(whiteNoise(size, rng), 0.008, paper.texture, paper.texture);
    for (int layer = 0; layer < 2; ++layer) {
        // Fibres: noise smeared along a random direction by a line kernel.
        const int length = std::max(3, cvRound(imageSize / 224.0 * 7)) | 1;
        cv::Mat kernel(length, length, CV_32F, cv::Scalar(0));
        const double angle = uniform(rng, 0, CV_PI);
        const cv::Point2d half(std::cos(angle) * (length / 2), std::sin(angle) * (length / 2));
        const cv::Point2d middle(length / 2, length / 2);
        cv::line(kernel, middle - half, middle + half, cv::Scalar(1.0), 1, cv::LINE_AA);
        kernel /= cv::sum(kernel)[0];
        cv::Mat fibres;
        cv::filter2D(whiteNoise(size, rng), fibres, CV_32F, kernel);
        cv::scaleAdd(fibres, uniform(rng, 0.01, 0.035), paper.texture, paper.texture);
    }
    if (uniform(rng, 0, 1) < 0.2) {
        const double amount = uniform(rng, 0.05, 0.12);
        smoothNoise(size, 0.3 * imageSize, rng).convertTo(paper.stain, CV_32F, amount, -0.6 * amount);
        cv::max(paper.stain, 0.0, paper.stain);
        cv::min(paper.stain, amount, paper.stain);
    }
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

    const Paper paper = paperSheet(imageSize, rng);
    const cv::Vec3d colour = inkColour(rng);
    // Ink multiplies the paper (it is a stain: the texture shows through); excess ink is darker.
    // A stain yellows the paper: it takes most from blue, some from green.
    static constexpr double kStainBgr[3] = {1.6, 0.6, 0.0};
    cv::Mat image(imageSize, imageSize, CV_32FC3);
    for (int y = 0; y < imageSize; ++y) {
        const float* textureRow = paper.texture.ptr<float>(y);
        const float* stainRow = paper.stain.empty() ? nullptr : paper.stain.ptr<float>(y);
        const cv::Vec2f* inkRow = placed.ptr<cv::Vec2f>(y);
        cv::Vec3f* imageRow = image.ptr<cv::Vec3f>(y);
        for (int x = 0; x < imageSize; ++x) {
            const double coverage = inkRow[x][0], darkening = 1.0 - 0.8 * inkRow[x][1];
            for (int c = 0; c < 3; ++c) {
                const double sheet =
                    textureRow[x] * paper.tint[c] - (stainRow ? stainRow[x] * kStainBgr[c] : 0.0);
                imageRow[x][c] =
                    static_cast<float>(sheet * (1.0 - coverage + coverage * colour[c] * darkening));
            }
        }
    }

    cv::GaussianBlur(image, image, {0, 0}, uniform(rng, 0.25, 1.0) * imageSize / 224.0);
    const double noise = uniform(rng, 0.004, 0.012);
    cv::scaleAdd(whiteNoise(image.size(), rng, 3), noise, image, image);

    cv::Mat result;
    image.convertTo(result, CV_8UC3, 255.0);
    return result;
}

}  // namespace tlw
