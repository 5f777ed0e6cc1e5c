#pragma once

// How many images the frozen pass runs through the base at once. The training batch size is a learning
// setting (Keras's batch_size); the pass only computes features, one image independent of the others, so its
// batch can be smaller where the batch's activations would be large. VGG16 at 224x224 in float32 holds two
// 64 x 224 x 224 maps per image while its first block runs: 822 MB for a batch of 32, the whole of a first
// run's 1.58 GB peak beyond the model and the allocator's kept blocks.

#include <cstdint>

#include "core/data/preprocess.h"
#include "core/models/backbone_module.h"
#include "core/train/training_config.h"

namespace tlw {

// The activations a pass may hold at once: the largest layer's input and output for every image of a batch.
inline constexpr std::int64_t kFrozenPassActivationBudget = std::int64_t{512} << 20;

// The bytes one image's activations take at the pass's widest step up to layer `lastCut`: the largest sum of
// a layer's input and output maps, in the precision the pass computes in.
std::int64_t frozenPassBytesPerImage(const BackboneModule& module, int lastCut,
                                     const PreprocessOptions& preprocess, Precision precision);

// The requested batch when its activations fit kFrozenPassActivationBudget; else the largest power of two
// that fits (at least 1). VGG16 at 224x224: 16 in float32, 32 in bfloat16; SqueezeNet and the others:
// unchanged.
int frozenPassBatchSize(const BackboneModule& module, int lastCut, const PreprocessOptions& preprocess,
                        Precision precision, int requested);

}  // namespace tlw
