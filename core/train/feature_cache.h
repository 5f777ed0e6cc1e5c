#pragma once

// Core-internal (LibTorch): the frozen-prefix feature cache. When layers[:k] are frozen and the input is
// not randomly augmented, the output of layer k-1 is the same every epoch; it is computed once per image
// (one inference pass: InferenceMode, channels-last, all threads, optionally bfloat16) and training then
// runs only layers k.. on it. Features persist on disk, keyed by everything that determines them, so a
// second run on the same data (after changing only the head, the learning rate or the epochs) reuses
// them and any change that matters computes them afresh. Where a phase reads only the head's pooled vector,
// the cache holds that vector instead of the layer's feature map (CachedTensor::Pooled).

#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/data/preprocess.h"
#include "core/models/backbone_module.h"
#include "core/train/cache_point.h"
#include "core/train/run_notice.h"
#include "core/train/training_config.h"
#include "core/util/batch_run_options.h"
#include "core/util/content_hash.h"

namespace tlw {

class FeatureStore;
class MappedFile;

// Everything the numbers of a cached feature depend on, apart from the image itself.
struct FeatureKey {
    std::string backbone;   // "vgg16"
    int cut = 0;            // features are the output of layer cut-1
    std::string layerName;  // its Keras name, for people
    CachedTensor tensor = CachedTensor::LayerOutput;
    std::vector<int64_t> rowShape;  // per image, channels first: {512, 13, 13}, or {512} pooled
    PreprocessOptions preprocess;
    Precision precision = Precision::Float32;
    CacheStorage storage = CacheStorage::Float32;
    ContentHash weights;  // of the parameters of layers [0, cut)

    std::string id() const;        // the cache folder's name: a hash of all the above and the format
    std::string describe() const;  // JSON, written beside the features for people (key.json)
};

// A copy of the module for the cache pass: the weights of layers [0, lastCut) copied, eval mode,
// channels-last kernels (what the CPU convolutions run fastest), no gradients wanted, and, for bf16, bfloat16
// throughout. The training network stays untouched.
std::shared_ptr<BackboneModule> inferenceCopy(const BackboneModule& module, int lastCut, Precision precision);

// The parameters of layers [0, cut) hashed (values and shapes): a fine-tuned or differently initialised
// prefix gives another key.
ContentHash hashPrefixWeights(const BackboneModule& module, int cut);

// The features of a run's images at one cache point, one row per image in the run's order, in RAM or read
// through a memory map when they exceed the RAM budget.
class FeatureSet {
public:
    FeatureSet();
    ~FeatureSet();
    FeatureSet(FeatureSet&&) noexcept;
    FeatureSet& operator=(FeatureSet&&) noexcept;

    int cut() const { return m_point.cut; }
    CachedTensor tensor() const { return m_point.tensor; }
    const CachePoint& point() const { return m_point; }
    std::size_t rows() const { return m_rows.size(); }
    const std::vector<int64_t>& rowShape() const { return m_rowShape; }
    bool inMemory() const { return m_memory.defined(); }
    int64_t bytes() const;      // of the run's rows: in RAM, or read through the map
    int64_t diskBytes() const;  // of the cache files they come from
    // Rows (indices into the run's image list) as a float32 batch: B x rowShape.
    torch::Tensor gather(const std::vector<int64_t>& rows) const;
    // A set held in RAM from rows already computed (rows x rowShape, in the run's order): what the ranks of
    // a data-parallel run assemble from their shares of the cache pass (core/dist/sharded_features.h).
    static FeatureSet fromRows(CachePoint point, torch::Tensor rows);

private:
    friend class FeatureCache;
    // The rows of `hashes` (the run's images, in order) in the store's feature file; not loaded yet.
    static FeatureSet of(const FeatureStore& store, CachePoint point, std::vector<int64_t> rowShape,
                         torch::ScalarType dtype, const std::vector<ContentHash>& hashes);
    // Reads the rows into RAM, in the run's order.
    void loadIntoMemory(const FeatureStore& store);
    // Reads them through a memory map of the feature file instead.
    void mapFeatureFile(const FeatureStore& store);

    CachePoint m_point;
    std::vector<int64_t> m_rowShape;
    torch::ScalarType m_dtype = torch::kFloat32;
    torch::Tensor m_memory;                // rows x rowShape, in the run's order; or undefined
    std::shared_ptr<MappedFile> m_mapped;  // the cache's feature file
    std::vector<int64_t> m_rows;           // per run image: its row in the feature file
    int64_t m_rowBytes = 0;
    int64_t m_diskBytes = 0;
};

struct FeaturePreparation {
    std::vector<FeatureSet> sets;  // one per cache point asked for, in that order; empty when cancelled
    std::size_t reused = 0;        // distinct images found in the cache
    std::size_t computed = 0;      // distinct images run through the prefix now
    double seconds = 0.0;          // of the inference pass
    double readySeconds = 0.0;     // of the whole preparation: lookup, pass and loading the sets
    std::filesystem::path directory;
    std::vector<RunNotice> notes;  // for the log
    // Why the cache could not be written (no sets then): "<file>: cannot write cached features: No space
    // left on device". What this call wrote to it is removed again; the caller goes on without the cache.
    std::string unwritable;
};

class FeatureCache {
public:
    // Resolves the folder ($TLW_CACHE_DIR, $XDG_CACHE_HOME/tlworkbench/features, ~/.cache/...) and the
    // RAM budget (a quarter of physical memory by default).
    explicit FeatureCache(const FeatureCacheSettings& settings);
    const std::filesystem::path& directory() const { return m_directory; }
    int64_t ramBudgetBytes() const { return m_ramBudget; }

    // Features of `files` (with their content hashes) at each of `points` (ascending, at cut points of the
    // module, each > 1; Pooled only where the layer's output is a feature map), computing the missing ones
    // in a single pass that stops at every cut on the way. Identical files share one row. Progress counts
    // the images computed so far. Work done before a cancel is kept in the cache. Throws tlw::Error when an
    // image cannot be read; a cache that cannot be written (a full disk) is no error: see unwritable.
    FeaturePreparation prepare(const BackboneModule& module, const std::vector<CachePoint>& points,
                               const std::vector<std::filesystem::path>& files,
                               const std::vector<ContentHash>& hashes, const PreprocessOptions& preprocess,
                               Precision precision, const BatchRunOptions& options) const;

private:
    // prepare()'s first step: each point's store, created or reused; notes a damaged one.
    std::vector<std::unique_ptr<FeatureStore>> openStores(const BackboneModule& module,
                                                          const std::vector<CachePoint>& points,
                                                          const PreprocessOptions& preprocess,
                                                          Precision precision,
                                                          std::vector<RunNotice>& notes) const;
    // prepare()'s last step, after the pass has filled the stores: one set per point for the run's images.
    std::vector<FeatureSet> loadSets(const BackboneModule& module, const std::vector<CachePoint>& points,
                                     const std::vector<std::unique_ptr<FeatureStore>>& stores,
                                     const std::vector<ContentHash>& hashes,
                                     const PreprocessOptions& preprocess,
                                     std::vector<RunNotice>& notes) const;

    std::filesystem::path m_directory;
    int64_t m_ramBudget = 0;
    CacheStorage m_storage = CacheStorage::Float32;
};

// The cache key of `module`'s features at `point` (the weights of layers [0, point.cut) hashed).
FeatureKey featureKey(const BackboneModule& module, CachePoint point, const PreprocessOptions& preprocess,
                      Precision precision, CacheStorage storage);

}  // namespace tlw
