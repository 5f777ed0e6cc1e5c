#pragma once

// Core-internal (LibTorch): Keras's random preprocessing layers on a batch of training images.

#include <torch/types.h>

#include <random>

#include "core/train/training_config.h"

namespace tlw {

// Applies AugmentationSettings to a batch N x 3 x H x W of caffe-preprocessed images (BGR, ImageNet means
// subtracted), each image drawn independently: horizontal flip with probability 1/2, then rotation, zoom
// and translation composed into one affine map resampled once (bilinear, fill_mode "reflect": d c b a |
// a b c d, as Keras), then contrast per image and channel around its mean, clipped to the 0..255 pixel
// range as Keras's RandomContrast does. One resampling instead of Keras's one per layer keeps the images
// sharper; the distributions of the transforms are Keras's. Deterministic for the generator's state.
class BatchAugmenter {
public:
    explicit BatchAugmenter(const AugmentationSettings& settings) : m_settings(settings) {}
    bool active() const { return m_settings.any(); }
    torch::Tensor apply(const torch::Tensor& images, std::mt19937_64& random) const;

private:
    torch::Tensor transformGeometry(const torch::Tensor& images, std::mt19937_64& random) const;
    torch::Tensor adjustContrast(const torch::Tensor& images, std::mt19937_64& random) const;

    AugmentationSettings m_settings;
};

}  // namespace tlw
