#pragma once

// Where a phase reads cached features, and which tensor is cached there. Torch-free.

#include <tuple>

namespace tlw {

// What the frozen-prefix cache holds per image at a cut.
enum class CachedTensor {
    // The output of layer cut-1 as it is: what the layers after the cut read when they train.
    LayerOutput,
    // That output through GlobalAveragePooling2D, one value per channel: all that a head whose first layer
    // is that weightless, deterministic pooling reads (SqueezeNet's drop9: 512 values, not 13x13x512).
    Pooled,
};

// For the cache key and people: "layer_output", "global_average_pooled".
inline const char* cachedTensorId(CachedTensor tensor) {
    return tensor == CachedTensor::Pooled ? "global_average_pooled" : "layer_output";
}

struct CachePoint {
    int cut = 0;  // the cached tensor comes from the output of layer cut-1
    CachedTensor tensor = CachedTensor::LayerOutput;

    // The order of a forward pass: by cut, the map before its pooled vector.
    friend bool operator<(const CachePoint& a, const CachePoint& b) {
        return std::tie(a.cut, a.tensor) < std::tie(b.cut, b.tensor);
    }
    friend bool operator==(const CachePoint& a, const CachePoint& b) {
        return a.cut == b.cut && a.tensor == b.tensor;
    }
};

}  // namespace tlw
