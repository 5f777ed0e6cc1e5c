#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/image_decoder.h"
#include "core/models/trained_model.h"

// Small trained-model stand-ins for tests of model files, export, evaluation and prediction: real networks
// with seeded random weights, at tiny input sizes so that a forward pass takes milliseconds.
namespace tlw::test {

struct SeededModelOptions {
    std::vector<std::string> classNames{"ants", "bees"};
    BackboneKind backbone = BackboneKind::SqueezeNet11;  // 722k parameters
    ImageSize imageSize{48, 48};
    double dropout = 0.0;
    // A head with Keras's Normalization, "adapted" to seeded statistics (means around 2, variances 0.5..4).
    bool normalizeFeatures = false;
    std::uint64_t seed = 1;
};

// He-scaled backbone weights and a glorot head, all from the seed; the description is filled in as the
// training engine would (not pretrained).
TrainedModel makeSeededModel(const SeededModelOptions& options = {});

// A model whose backbone keeps a (tiny) ImageNet-style top: conv, pool, flatten, dense, dropout, and a
// 10-way predictions layer that the head replaces. Exercises the flatten/dense paths of VGG16's top
// without its 138 million parameters; not loadable from a file (no such backbone id).
TrainedModel makeTinyTopModel(int classCount, std::uint64_t seed = 3);

// An image with structure (gradients) and noise, different for each seed.
RgbImage makeTestImage(int width, int height, std::uint32_t seed);

}  // namespace tlw::test
