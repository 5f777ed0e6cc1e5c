#include "core/train/feature_cache.h"

#include <ATen/ATen.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <set>

#include "core/data/image_batch_loader.h"
#include "core/models/onednn_inference.h"
#include "core/train/cache_footprint.h"
#include "core/train/feature_store.h"
#include "core/train/pass_batch.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/file_lock.h"
#include "core/util/mapped_file.h"

namespace tlw {
namespace {

// Bump when the bytes of a feature file would change for the same key (layout, decoding rules). It is part
// of the key, so a cache written in another format sits in another folder and is never read. 2: the key
// names the cached tensor (a layer's map or its pooled vector); format 1 folders held maps only.
constexpr int kFeatureFormatVersion = 2;

torch::ScalarType storageType(CacheStorage storage) {
    switch (storage) {
        case CacheStorage::Float16:
            return torch::kHalf;
        case CacheStorage::BFloat16:
            return torch::kBFloat16;
        case CacheStorage::Float32:
            break;
    }
    return torch::kFloat32;
}

int64_t physicalMemoryBytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0 ? int64_t(pages) * int64_t(pageSize) : int64_t(4) << 30;
}

std::filesystem::path fromEnvironment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::filesystem::path(value) : std::filesystem::path();
}

// The cached tensor per image: the output of layer cut-1, channels first (what forwardRange gives, without
// the batch), or one value per channel when pooled.
std::vector<int64_t> rowShapeAt(const BackboneModule& module, CachePoint point,
                                const PreprocessOptions& preprocess) {
    const std::vector<LayerInfo> infos = module.layers(ImageSize{preprocess.height, preprocess.width});
    const LayerInfo& layer = infos.at(static_cast<size_t>(point.cut - 1));
    const std::vector<int64_t>& keras = layer.outputShape;
    if (point.tensor == CachedTensor::Pooled) {
        if (keras.size() != 4) throw Error("feature cache: " + layer.name + " has no feature map to pool");
        return {keras[3]};
    }
    if (keras.size() == 4) return {keras[3], keras[1], keras[2]};
    return std::vector<int64_t>(keras.begin() + 1, keras.end());
}

int64_t product(const std::vector<int64_t>& shape) {
    int64_t count = 1;
    for (const int64_t dimension : shape) count *= dimension;
    return count;
}

using FeatureStores = std::vector<std::unique_ptr<FeatureStore>>;

// The format a cache folder's key.json names; 0 when it names none or cannot be read.
int folderFormat(const std::filesystem::path& folder) {
    try {
        const nlohmann::json key = nlohmann::json::parse(readFileBytes(folder / "key.json"));
        return key.value("format", 0);
    } catch (const std::exception&) {
        return 0;
    }
}

int64_t folderBytes(const std::filesystem::path& folder) {
    int64_t total = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
        if (entry.is_regular_file(error)) total += static_cast<int64_t>(entry.file_size(error));
    return total;
}

// Folders of another cache format are never read (their keys differ); people may want the space back.
std::optional<RunNotice> olderFormatNote(const std::filesystem::path& directory) {
    int folders = 0;
    int64_t bytes = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (!entry.is_directory(error)) continue;
        const int format = folderFormat(entry.path());
        if (format == 0 || format == kFeatureFormatVersion) continue;
        ++folders;
        bytes += folderBytes(entry.path());
    }
    if (folders == 0) return std::nullopt;
    return RunNotice{RunNotice::Kind::CacheOlderFormat,
                     {directory.u8string()},
                     {static_cast<double>(folders), static_cast<double>(bytes)}};
}

// The distinct images that some cut lacks, in the run's order.
struct MissingImages {
    std::vector<std::filesystem::path> files;
    std::vector<ContentHash> hashes;
    std::size_t distinct = 0;  // distinct images in the run, missing or not
};

MissingImages findMissing(const std::vector<std::filesystem::path>& files,
                          const std::vector<ContentHash>& hashes, const FeatureStores& stores) {
    MissingImages missing;
    std::set<ContentHash> seen;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!seen.insert(hashes[i]).second) continue;
        const bool lacking = std::any_of(stores.begin(), stores.end(),
                                         [&](const auto& store) { return !store->has(hashes[i]); });
        if (lacking) {
            missing.files.push_back(files[i]);
            missing.hashes.push_back(hashes[i]);
        }
    }
    missing.distinct = seen.size();
    return missing;
}

// GlobalAveragePooling2D of a batch of maps, as the head computes it on maps read back from a float32 cache:
// in float32, over NCHW-contiguous rows. So a pooled cache gives the head the same numbers as a map cache.
torch::Tensor pooledRows(const torch::Tensor& maps) {
    return maps.to(torch::kFloat32).contiguous().mean({2, 3});
}

// Runs one decoded batch through the prefix, stopping at every cut to append the batch's rows to its store.
void storeBatch(BackboneModule& network, const std::vector<CachePoint>& points, const FeatureStores& stores,
                ImageBatch& batch, const std::vector<ContentHash>& hashes, Precision precision,
                torch::ScalarType dtype) {
    torch::Tensor x =
        torch::from_blob(batch.chw.data(), {static_cast<int64_t>(batch.size()), 3, batch.height, batch.width},
                         torch::kFloat32)
            .contiguous(at::MemoryFormat::ChannelsLast);
    if (precision == Precision::BFloat16) x = x.to(torch::kBFloat16);
    int from = 0;
    for (size_t c = 0; c < points.size(); ++c) {
        if (points[c].cut > from) x = network.forwardRange(x, from, points[c].cut);
        from = points[c].cut;
        const torch::Tensor tensor = points[c].tensor == CachedTensor::Pooled ? pooledRows(x) : x;
        const torch::Tensor rows = tensor.to(dtype).contiguous();
        const auto* bytes = static_cast<const unsigned char*>(rows.data_ptr());
        const size_t rowBytes = static_cast<size_t>(rows.nbytes()) / batch.size();
        for (size_t i = 0; i < batch.size(); ++i)
            stores[c]->append(hashes[batch.indices[i]], bytes + i * rowBytes);
    }
}

// Decodes the missing images in batches and stores their features; false when cancelled. Throws for an
// unreadable image once the good images of its batch are stored.
bool passOverMissing(BackboneModule& network, const std::vector<CachePoint>& points,
                     const FeatureStores& stores, const MissingImages& missing,
                     const PreprocessOptions& preprocess, Precision precision, torch::ScalarType dtype,
                     const BatchRunOptions& options, std::size_t& computed) {
    BatchLoaderOptions loaderOptions;
    loaderOptions.preprocess = preprocess;
    // Features do not depend on the batch, so a batch whose activations would be large runs in smaller ones.
    loaderOptions.batchSize = static_cast<size_t>(
        frozenPassBatchSize(network, points.back().cut, preprocess, precision, options.batchSize));
    loaderOptions.threads = options.threads;
    ImageBatchLoader loader(missing.files, loaderOptions);
    c10::InferenceMode inference;
    while (std::optional<ImageBatch> batch = loader.next()) {
        if (options.cancelRequested()) return false;
        if (batch->size() == 0) {
            if (!batch->failures.empty())
                throw Error(batch->failures.front().path, batch->failures.front().reason);
            continue;
        }
        storeBatch(network, points, stores, *batch, missing.hashes, precision, dtype);
        computed += batch->size();
        // The batch's good images are stored first: they stay usable once the file is fixed.
        if (!batch->failures.empty())
            throw Error(batch->failures.front().path, batch->failures.front().reason);
        if (options.progress) options.progress(computed, missing.files.size());
    }
    return true;
}

// The frozen-prefix pass over the missing images, on an inference copy of the prefix; false when cancelled.
bool computeMissing(const BackboneModule& module, const std::vector<CachePoint>& points,
                    const FeatureStores& stores, const MissingImages& missing,
                    const PreprocessOptions& preprocess, Precision precision, torch::ScalarType dtype,
                    const BatchRunOptions& options, FeaturePreparation& result) {
    const auto start = std::chrono::steady_clock::now();
    const std::shared_ptr<BackboneModule> network = inferenceCopy(module, points.back().cut, precision);
    bool finished = false;
    try {
        finished = passOverMissing(*network, points, stores, missing, preprocess, precision, dtype, options,
                                   result.computed);
    } catch (const FeatureStoreWriteError&) {
        throw;  // nothing more can be written: prepare() discards this pass's rows
    } catch (...) {
        // Whatever was computed before the failure stays usable for the next run.
        for (const auto& store : stores) store->commit();
        throw;
    }
    for (const auto& store : stores) store->commit();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return finished;
}

}  // namespace

FeatureKey featureKey(const BackboneModule& module, CachePoint point, const PreprocessOptions& preprocess,
                      Precision precision, CacheStorage storage) {
    FeatureKey key;
    key.backbone = backboneId(module.kind());
    key.cut = point.cut;
    key.layerName = module.architecture().layers.at(static_cast<size_t>(point.cut - 1)).name;
    key.tensor = point.tensor;
    key.rowShape = rowShapeAt(module, point, preprocess);
    key.preprocess = preprocess;
    key.precision = precision;
    key.storage = storage;
    key.weights = hashPrefixWeights(module, point.cut);
    return key;
}

std::shared_ptr<BackboneModule> inferenceCopy(const BackboneModule& module, int lastCut,
                                              Precision precision) {
    // Deleted, it frees the weights oneDNN kept for it in its own layouts.
    std::shared_ptr<BackboneModule> copy(new BackboneModule(module.architecture()), [](BackboneModule* gone) {
        delete gone;
        releaseFrozenWeightsOfGoneTensors();
    });
    torch::NoGradGuard noGrad;
    for (int layer = 0; layer < lastCut; ++layer) {
        const auto from = module.layerWeights(layer);
        const auto to = copy->layerWeights(layer);
        for (size_t i = 0; i < from.size(); ++i) to[i].second.copy_(from[i].second);
    }
    copy->eval();
    // Every layer of the prefix is fixed, so its BN layers run on their moving statistics: fold them.
    copy->foldBatchNorm(lastCut);
    copy->toChannelsLast();
    if (precision == Precision::BFloat16) copy->to(torch::kBFloat16);
    // Nothing trains a copy: its weights are frozen, so oneDNN keeps them in its own layouts
    // (core/models/onednn_frozen_weights.h) instead of reordering them on every call.
    for (torch::Tensor& parameter : copy->parameters()) parameter.requires_grad_(false);
    return copy;
}

std::string FeatureKey::describe() const {
    const nlohmann::json description = {{"format", kFeatureFormatVersion},
                                        {"backbone", backbone},
                                        {"cut", cut},
                                        {"layer", layerName},
                                        {"tensor", cachedTensorId(tensor)},
                                        {"row_shape", rowShape},
                                        {"image_size", {preprocess.height, preprocess.width}},
                                        {"crop_to_aspect_ratio", preprocess.cropToAspectRatio},
                                        {"preprocessing", "caffe"},
                                        {"precision", precisionId(precision)},
                                        {"storage", cacheStorageId(storage)},
                                        {"weights", weights.hex()}};
    return description.dump(2);
}

std::string FeatureKey::id() const { return hashBytes(describe()).hex(); }

ContentHash hashPrefixWeights(const BackboneModule& module, int cut) {
    std::string digests;
    for (int layer = 0; layer < cut; ++layer) {
        for (const auto& [name, parameter] : module.layerWeights(layer)) {
            const torch::Tensor values = parameter.detach().to(torch::kFloat32).contiguous();
            for (const int64_t size : values.sizes()) digests += std::to_string(size) + 'x';
            digests += hashBytes(std::string_view(static_cast<const char*>(values.data_ptr()),
                                                  static_cast<size_t>(values.nbytes())))
                           .hex();
        }
    }
    return hashBytes(digests);
}

FeatureSet::FeatureSet() = default;
FeatureSet::~FeatureSet() = default;
FeatureSet::FeatureSet(FeatureSet&&) noexcept = default;
FeatureSet& FeatureSet::operator=(FeatureSet&&) noexcept = default;

int64_t FeatureSet::bytes() const { return static_cast<int64_t>(rows()) * m_rowBytes; }
int64_t FeatureSet::diskBytes() const { return m_diskBytes; }

torch::Tensor FeatureSet::gather(const std::vector<int64_t>& rows) const {
    const torch::Tensor index = torch::from_blob(const_cast<int64_t*>(rows.data()),
                                                 {static_cast<int64_t>(rows.size())}, torch::kLong);
    if (inMemory()) return m_memory.index_select(0, index).to(torch::kFloat32);
    std::vector<int64_t> shape{static_cast<int64_t>(rows.size())};
    shape.insert(shape.end(), m_rowShape.begin(), m_rowShape.end());
    torch::Tensor batch = torch::empty(shape, torch::TensorOptions().dtype(m_dtype));
    auto* out = static_cast<unsigned char*>(batch.data_ptr());
    for (size_t i = 0; i < rows.size(); ++i)
        std::memcpy(out + i * static_cast<size_t>(m_rowBytes),
                    m_mapped->data() + m_rows.at(static_cast<size_t>(rows[i])) * m_rowBytes,
                    static_cast<size_t>(m_rowBytes));
    return batch.to(torch::kFloat32);
}

FeatureSet FeatureSet::of(const FeatureStore& store, CachePoint point, std::vector<int64_t> rowShape,
                          torch::ScalarType dtype, const std::vector<ContentHash>& hashes) {
    FeatureSet set;
    set.m_point = point;
    set.m_rowShape = std::move(rowShape);
    set.m_dtype = dtype;
    set.m_rowBytes = store.rowBytes();
    set.m_diskBytes = store.diskBytes();
    for (const ContentHash& hash : hashes) set.m_rows.push_back(store.rowOf(hash));
    return set;
}

FeatureSet FeatureSet::fromRows(CachePoint point, torch::Tensor rows) {
    FeatureSet set;
    set.m_point = point;
    set.m_rowShape = rows.sizes().slice(1).vec();
    set.m_dtype = rows.scalar_type();
    set.m_rowBytes = rows.numel() > 0 ? rows[0].numel() * static_cast<int64_t>(rows.element_size()) : 0;
    set.m_rows.resize(static_cast<size_t>(rows.size(0)));
    std::iota(set.m_rows.begin(), set.m_rows.end(), int64_t{0});
    set.m_memory = std::move(rows);
    return set;
}

void FeatureSet::mapFeatureFile(const FeatureStore& store) {
    m_mapped =
        std::make_shared<MappedFile>(store.featureFile(), static_cast<size_t>(store.rowCount() * m_rowBytes));
}

void FeatureSet::loadIntoMemory(const FeatureStore& store) {
    std::vector<int64_t> shape{static_cast<int64_t>(m_rows.size())};
    shape.insert(shape.end(), m_rowShape.begin(), m_rowShape.end());
    m_memory = torch::empty(shape, torch::TensorOptions().dtype(m_dtype));
    store.readRows(m_rows, static_cast<unsigned char*>(m_memory.data_ptr()));
}

std::filesystem::path featureCacheDirectory(const FeatureCacheSettings& settings) {
    if (!settings.directory.empty()) return settings.directory;
    if (auto dir = fromEnvironment("TLW_CACHE_DIR"); !dir.empty()) return dir;
    if (auto dir = fromEnvironment("XDG_CACHE_HOME"); !dir.empty()) return dir / "tlworkbench" / "features";
    if (auto home = fromEnvironment("HOME"); !home.empty())
        return home / ".cache" / "tlworkbench" / "features";
    return std::filesystem::temp_directory_path() / "tlworkbench-features";
}

std::filesystem::path scanMemoDirectory(const FeatureCacheSettings& settings) {
    if (!settings.enabled || !settings.scanMemo) return {};
    return featureCacheDirectory(settings);
}

FeatureCache::FeatureCache(const FeatureCacheSettings& settings)
    : m_directory(featureCacheDirectory(settings)),
      m_ramBudget(settings.ramBudgetBytes > 0 ? settings.ramBudgetBytes : physicalMemoryBytes() / 4),
      m_storage(settings.storage) {}

FeaturePreparation FeatureCache::prepare(const BackboneModule& module, const std::vector<CachePoint>& points,
                                         const std::vector<std::filesystem::path>& files,
                                         const std::vector<ContentHash>& hashes,
                                         const PreprocessOptions& preprocess, Precision precision,
                                         const BatchRunOptions& options) const {
    if (points.empty() || !std::is_sorted(points.begin(), points.end()) || points.front().cut <= 1)
        throw Error("feature cache: cut points must be ascending and after the input layer");
    if (files.size() != hashes.size()) throw Error("feature cache: one content hash per file is needed");
    const auto start = std::chrono::steady_clock::now();
    FeaturePreparation result;
    result.directory = m_directory;
    std::error_code error;
    std::filesystem::create_directories(m_directory, error);
    if (error) throw Error(m_directory, "cannot create the feature cache folder: " + error.message());
    FileLock lock(m_directory / "lock");

    if (std::optional<RunNotice> note = olderFormatNote(m_directory))
        result.notes.push_back(std::move(*note));
    FeatureStores stores;
    try {
        stores = openStores(module, points, preprocess, precision, result.notes);
        const MissingImages missing = findMissing(files, hashes, stores);
        result.reused = missing.distinct - missing.files.size();
        if (!missing.files.empty() && !computeMissing(module, points, stores, missing, preprocess, precision,
                                                      storageType(m_storage), options, result))
            return result;  // cancelled: no sets
    } catch (const FeatureStoreWriteError& error) {
        // A full disk must not fill up with half a cache: give back what this pass wrote.
        for (const auto& store : stores) store->discardUncommitted();
        result.unwritable = error.what();
        result.reused = result.computed = 0;
        return result;
    }
    result.sets = loadSets(module, points, stores, hashes, preprocess, result.notes);
    result.readySeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::vector<std::unique_ptr<FeatureStore>> FeatureCache::openStores(const BackboneModule& module,
                                                                    const std::vector<CachePoint>& points,
                                                                    const PreprocessOptions& preprocess,
                                                                    Precision precision,
                                                                    std::vector<RunNotice>& notes) const {
    const int64_t elementBytes = static_cast<int64_t>(c10::elementSize(storageType(m_storage)));
    FeatureStores stores;
    for (const CachePoint& point : points) {
        const FeatureKey key = featureKey(module, point, preprocess, precision, m_storage);
        const std::filesystem::path folder = m_directory / key.id();
        const int64_t rowBytes = product(key.rowShape) * elementBytes;
        stores.push_back(std::make_unique<FeatureStore>(folder, rowBytes));
        if (stores.back()->damaged()) notes.push_back({RunNotice::Kind::CacheDamaged, {folder.u8string()}});
        if (std::filesystem::exists(folder / "key.json")) continue;
        try {
            writeFileAtomically(folder / "key.json", key.describe());
        } catch (const Error& error) {
            throw FeatureStoreWriteError(error.file(), error.reason());
        }
    }
    return stores;
}

// Each set in RAM while the budget lasts, else read through a memory map of the feature file.
std::vector<FeatureSet> FeatureCache::loadSets(const BackboneModule& module,
                                               const std::vector<CachePoint>& points,
                                               const std::vector<std::unique_ptr<FeatureStore>>& stores,
                                               const std::vector<ContentHash>& hashes,
                                               const PreprocessOptions& preprocess,
                                               std::vector<RunNotice>& notes) const {
    const torch::ScalarType dtype = storageType(m_storage);
    int64_t budgetLeft = m_ramBudget;
    std::vector<FeatureSet> sets;
    for (size_t p = 0; p < points.size(); ++p) {
        const FeatureStore& store = *stores[p];
        FeatureSet set =
            FeatureSet::of(store, points[p], rowShapeAt(module, points[p], preprocess), dtype, hashes);
        if (set.bytes() <= budgetLeft) {
            budgetLeft -= set.bytes();
            set.loadIntoMemory(store);
        } else {
            set.mapFeatureFile(store);
            notes.push_back({RunNotice::Kind::CacheMapped,
                             {module.architecture().layers.at(static_cast<size_t>(points[p].cut - 1)).name,
                              store.featureFile().u8string()}});
        }
        sets.push_back(std::move(set));
    }
    return sets;
}

}  // namespace tlw
