#pragma once

#include <string>
#include <vector>

#include "core/models/architecture.h"
#include "core/train/cache_refusal.h"
#include "core/train/cache_point.h"

// Where a network can be split into a fixed prefix, computed once and cached, and a part that trains.
// Torch-free, so the rules are tested on layer lists alone.
namespace tlw {

// A layer whose output is the same every epoch for the same input: a frozen layer (a frozen Dropout runs
// in inference mode, as Keras runs a base called with training=False), or a layer with no weights that is
// not a Dropout (input, pooling, activation, concatenation, flatten).
bool isFixedLayer(const LayerSpec& layer, bool frozen);

// The largest cut point k <= end such that every layer before k is fixed: layers [0, k) can be computed
// once per image and cached. 0 when nothing worth caching is fixed (only the input layer).
int cacheableCut(const Architecture& architecture, const std::vector<bool>& frozenMask, int end);

// Where a phase with cacheable cut `cut` (> 0) reads its features. Past the head's GlobalAveragePooling2D,
// the pooled vector, when that is all the phase ever reads of the cut: every layer before the head is fixed
// (cut == backboneEnd), the head starts with the pooling (headPools; not the ImageNet top's Dense) and no
// random augmentation changes the training images. Otherwise the cut's feature map, which trainable layers
// or augmented images need.
CachePoint phaseCachePoint(int cut, int backboneEnd, bool headPools, bool augmenting);

// Why a phase does not use the frozen-prefix cache, or "" when it does; for the log.
std::string cacheRefusalReason(bool cacheEnabled, bool augmenting, int cut);

}  // namespace tlw
