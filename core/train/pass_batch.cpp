#include "core/train/pass_batch.h"

#include <algorithm>
#include <vector>

namespace tlw {
namespace {

// Elements of one image's output, from a Keras shape whose first entry is the batch (-1).
std::int64_t elementsPerImage(const std::vector<std::int64_t>& kerasShape) {
    std::int64_t count = 1;
    for (std::size_t i = 1; i < kerasShape.size(); ++i) count *= std::max<std::int64_t>(kerasShape[i], 1);
    return count;
}

}  // namespace

std::int64_t frozenPassBytesPerImage(const BackboneModule& module, int lastCut,
                                     const PreprocessOptions& preprocess, Precision precision) {
    const std::vector<LayerInfo> layers = module.layers(ImageSize{preprocess.height, preprocess.width});
    const std::size_t end = std::min(layers.size(), static_cast<std::size_t>(std::max(lastCut, 1)));
    std::int64_t widest = 0;
    for (std::size_t i = 1; i < end; ++i)
        widest = std::max(
            widest, elementsPerImage(layers[i - 1].outputShape) + elementsPerImage(layers[i].outputShape));
    const std::int64_t elementBytes = precision == Precision::BFloat16 ? 2 : 4;
    // The decoded pixels and their channels-last copy, in float32 whatever the precision.
    const std::int64_t pixels = 2 * 3 * std::int64_t{preprocess.height} * preprocess.width * 4;
    return widest * elementBytes + pixels;
}

int frozenPassBatchSize(const BackboneModule& module, int lastCut, const PreprocessOptions& preprocess,
                        Precision precision, int requested) {
    requested = std::max(requested, 1);
    const std::int64_t perImage = frozenPassBytesPerImage(module, lastCut, preprocess, precision);
    if (perImage * requested <= kFrozenPassActivationBudget) return requested;
    int batch = 1;
    while (batch * 2 <= requested && perImage * batch * 2 <= kFrozenPassActivationBudget) batch *= 2;
    return batch;
}

}  // namespace tlw
