#include "core/train/augmentation.h"

#include <ATen/ATen.h>

#include <cmath>
#include <vector>

#include "core/data/preprocess.h"

namespace tlw {
namespace {

constexpr double kPi = 3.14159265358979323846;

double uniform(std::mt19937_64& random, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
}

}  // namespace

torch::Tensor BatchAugmenter::apply(const torch::Tensor& images, std::mt19937_64& random) const {
    torch::Tensor out = images;
    if (m_settings.horizontalFlip || m_settings.rotation > 0 || m_settings.zoom > 0 ||
        m_settings.translation > 0)
        out = transformGeometry(out, random);
    if (m_settings.contrast > 0) out = adjustContrast(out, random);
    return out;
}

torch::Tensor BatchAugmenter::transformGeometry(const torch::Tensor& images, std::mt19937_64& random) const {
    const int64_t count = images.size(0);
    const double height = static_cast<double>(images.size(2));
    const double width = static_cast<double>(images.size(3));
    const bool onlyFlip = m_settings.rotation == 0 && m_settings.zoom == 0 && m_settings.translation == 0;

    std::vector<float> theta;  // per image, the 2 x 3 map from output to input in normalised coordinates
    std::vector<int64_t> flipped;
    for (int64_t i = 0; i < count; ++i) {
        const bool flip = m_settings.horizontalFlip && std::bernoulli_distribution(0.5)(random);
        if (flip) flipped.push_back(i);
        const double angle = m_settings.rotation > 0
                                 ? uniform(random, -m_settings.rotation, m_settings.rotation) * 2 * kPi
                                 : 0.0;
        // Keras's RandomZoom: a factor above 1 samples a larger area (zooms out); width follows height.
        const double zoom =
            m_settings.zoom > 0 ? 1 + uniform(random, -m_settings.zoom, m_settings.zoom) : 1.0;
        const double shiftX = m_settings.translation > 0
                                  ? uniform(random, -m_settings.translation, m_settings.translation)
                                  : 0.0;
        const double shiftY = m_settings.translation > 0
                                  ? uniform(random, -m_settings.translation, m_settings.translation)
                                  : 0.0;
        // In pixels around the centre: in = R(angle) * zoom * F * out - shift, with F the flip. Normalised
        // coordinates scale x by 2/W and y by 2/H, which the off-diagonal terms must undo for non-square
        // images; a shift of a fraction s of the side is 2s in normalised units.
        const double c = std::cos(angle) * zoom;
        const double s = std::sin(angle) * zoom;
        const double f = flip ? -1.0 : 1.0;
        theta.insert(theta.end(),
                     {static_cast<float>(c * f), static_cast<float>(-s * height / width),
                      static_cast<float>(-2 * shiftX), static_cast<float>(s * f * width / height),
                      static_cast<float>(c), static_cast<float>(-2 * shiftY)});
    }
    if (onlyFlip) {
        // Exact and cheap: no resampling when flipping is all there is to do.
        if (flipped.empty()) return images;
        torch::Tensor out = images.clone();
        const torch::Tensor index = torch::tensor(flipped, torch::kLong);
        out.index_copy_(0, index, images.index_select(0, index).flip({3}));
        return out;
    }
    const torch::Tensor affine =
        torch::from_blob(theta.data(), {count, 2, 3}, torch::kFloat32).to(images.dtype());
    const torch::Tensor grid = at::affine_grid_generator(affine, images.sizes(), /*align_corners=*/false);
    // interpolation 0 = bilinear, padding 2 = reflection (about the outer pixel edges with align_corners
    // false).
    return at::grid_sampler(images.contiguous(), grid, 0, 2, false);
}

torch::Tensor BatchAugmenter::adjustContrast(const torch::Tensor& images, std::mt19937_64& random) const {
    const int64_t count = images.size(0);
    std::vector<float> factors;
    for (int64_t i = 0; i < count; ++i)
        factors.push_back(
            static_cast<float>(uniform(random, 1 - m_settings.contrast, 1 + m_settings.contrast)));
    const torch::Tensor factor = torch::from_blob(factors.data(), {count, 1, 1, 1}, torch::kFloat32).clone();
    // Back to pixel values (BGR + means) so the result can be clipped to 0..255 as Keras does.
    const torch::Tensor means =
        torch::tensor({kCaffeMeanBgr[0], kCaffeMeanBgr[1], kCaffeMeanBgr[2]}, torch::kFloat32)
            .view({1, 3, 1, 1});
    const torch::Tensor pixels = images + means;
    const torch::Tensor channelMeans = pixels.mean({2, 3}, /*keepdim=*/true);
    return ((pixels - channelMeans) * factor + channelMeans).clamp(0, 255) - means;
}

}  // namespace tlw
