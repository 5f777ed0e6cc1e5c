#pragma once

// Core-internal (LibTorch): the frozen-prefix cache pass of a data-parallel run. Each rank computes the
// features of its contiguous share of the images (rankShare) into a cache folder of its own, then the rows
// are all-gathered in rank order, so every rank holds the features of every image, as one process would:
// no shared file system is needed, and a share's cache is reused by the same rank of a later run of the
// same size.

#include <filesystem>
#include <vector>

#include "core/train/feature_cache.h"

namespace tlw {

class ProcessGroup;

// The cache folder of `rank` of `size`: rank-R-of-N inside the run's cache folder.
std::filesystem::path rankCacheDirectory(const FeatureCacheSettings& settings, int rank, int size);

// FeatureCache::prepare over the ranks: the sets hold all `files`' rows, in RAM. A stop on any rank gives
// no sets on every rank; a cache that cannot be written on any rank gives `unwritable` on every rank.
FeaturePreparation prepareShardedFeatures(const FeatureCacheSettings& settings, const BackboneModule& module,
                                          const std::vector<CachePoint>& points,
                                          const std::vector<std::filesystem::path>& files,
                                          const std::vector<ContentHash>& hashes,
                                          const PreprocessOptions& preprocess, Precision precision,
                                          const BatchRunOptions& options, ProcessGroup& group);

}  // namespace tlw
