#include "core/train/frozen_prefix.h"

namespace tlw {

bool isFixedLayer(const LayerSpec& layer, bool frozen) {
    if (frozen) return true;
    switch (layer.kind) {
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
        case LayerKind::BatchNormalization:
        case LayerKind::Dense:
        case LayerKind::Dropout:
            return false;
        default:
            return true;
    }
}

int cacheableCut(const Architecture& architecture, const std::vector<bool>& frozenMask, int end) {
    int fixedUpTo = 0;  // layers [0, fixedUpTo) are fixed
    while (fixedUpTo < end) {
        const size_t index = static_cast<size_t>(fixedUpTo);
        if (!isFixedLayer(architecture.layers[index], index < frozenMask.size() && frozenMask[index])) break;
        ++fixedUpTo;
    }
    int best = 0;
    for (const int cut : cutPoints(architecture))
        if (cut <= fixedUpTo && cut <= end) best = cut;
    return best <= 1 ? 0 : best;
}

CachePoint phaseCachePoint(int cut, int backboneEnd, bool headPools, bool augmenting) {
    const bool pooled = cut == backboneEnd && headPools && !augmenting;
    return {cut, pooled ? CachedTensor::Pooled : CachedTensor::LayerOutput};
}

CacheRefusal cacheRefusalOf(bool cacheEnabled, bool augmenting, int cut) {
    if (!cacheEnabled) return CacheRefusal::TurnedOff;
    if (cut == 0) return CacheRefusal::NothingFrozen;
    if (augmenting) return CacheRefusal::Augmenting;
    return CacheRefusal::None;
}

std::string cacheRefusalReason(CacheRefusal refusal) {
    switch (refusal) {
        case CacheRefusal::None:
            return "";
        case CacheRefusal::TurnedOff:
            return "the frozen-prefix cache is turned off";
        case CacheRefusal::NothingFrozen:
            return "no frozen layers at the start of the network to cache";
        case CacheRefusal::Augmenting:
            return "random augmentation changes the training images every epoch";
    }
    return "";
}

std::string cacheRefusalReason(bool cacheEnabled, bool augmenting, int cut) {
    return cacheRefusalReason(cacheRefusalOf(cacheEnabled, augmenting, cut));
}

}  // namespace tlw
