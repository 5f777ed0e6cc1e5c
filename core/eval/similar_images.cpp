#include "core/eval/similar_images.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdio>

#include "core/data/image_batch_loader.h"
#include "core/eval/prediction.h"
#include "core/infer/cosine_index.h"
#include "core/models/architecture.h"
#include "core/models/classifier_module.h"
#include "core/train/feature_cache.h"
#include "core/train/training_data.h"
#include "core/util/csv_field.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// The run's settings as the model file recorded them, with the caller's folders laid over them.
TrainingConfig trainingConfigOf(const TrainedModel& model, const SimilarImagesOptions& options) {
    const ModelDescription& description = model.description();
    TrainingConfig config;
    if (!description.trainingConfigJson.empty())
        config = trainingConfigFromJson(description.trainingConfigJson);
    if (options.dataDir) config.dataDir = *options.dataDir;
    if (config.dataDir.empty())
        throw Error("the model does not name the dataset it was trained on; give it with --data DIR");
    if (options.cacheDir) config.cache.directory = *options.cacheDir;
    config.imageSize = description.imageSize;
    config.cropToAspectRatio = description.cropToAspectRatio;
    return config;
}

PreprocessOptions preprocessOf(const ModelDescription& description) {
    PreprocessOptions preprocess;
    preprocess.width = description.imageSize.width;
    preprocess.height = description.imageSize.height;
    preprocess.cropToAspectRatio = description.cropToAspectRatio;
    return preprocess;
}

// Where the head's features are: the backbone's output, pooled unless it is already a vector (fc2's).
CachePoint headInputPoint(const ClassifierModule& module) {
    return {module.backboneEnd(),
            module.head().imageNetTop ? CachedTensor::LayerOutput : CachedTensor::Pooled};
}

void checkClasses(const TrainingData& data, const ModelDescription& description, const fs::path& folder) {
    if (data.classNames == description.classNames) return;
    std::string classes;
    for (const std::string& name : data.classNames) classes += (classes.empty() ? "" : ", ") + name;
    throw Error(folder, "its classes (" + classes + ") are not the model's");
}

// The precision the run's cache pass used: a model file records the resolved one; "auto" from an older file
// resolves as a run would, fp32 for the backbones where bf16 does not pay.
Precision featurePrecision(const TrainingConfig& config) {
    if (config.precision == Precision::Auto && !backboneArchitecture(config.backbone, false).bf16ByDefault)
        return Precision::Float32;
    return resolvePrecision(config.precision);
}

BatchRunOptions runOptionsOf(const SimilarImagesOptions& options) {
    BatchRunOptions run;
    run.batchSize = options.batchSize;
    run.threads = options.threads;
    run.progress = options.progress;
    run.cancel = options.cancel;
    return run;
}

// The training images' head features (training images x features), from the cache or computed into it.
at::Tensor trainingFeatures(ClassifierModule& module, const TrainingData& data, const TrainingConfig& config,
                            const PreprocessOptions& preprocess, Precision precision,
                            const SimilarImagesOptions& options, SimilarImagesResult& result) {
    std::vector<fs::path> files;
    std::vector<ContentHash> hashes;
    for (const LabelledImage& image : data.train) {
        files.push_back(image.path);
        hashes.push_back(image.hash);
    }
    const FeatureCache cache(config.cache);
    const FeaturePreparation prepared = cache.prepare(module.backbone(), {headInputPoint(module)}, files,
                                                      hashes, preprocess, precision, runOptionsOf(options));
    if (!prepared.unwritable.empty()) throw Error(prepared.unwritable);
    if (prepared.sets.empty()) throw Error("cancelled");
    std::vector<int64_t> all(files.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
    result.featuresReused = prepared.reused;
    result.featuresComputed = prepared.computed;
    result.cacheDirectory = prepared.directory;
    for (const RunNotice& note : prepared.notes) result.notes.push_back(note.english());
    return prepared.sets.front().gather(all).reshape({static_cast<int64_t>(files.size()), -1}).contiguous();
}

// One batch of queries through the same inference copy, precision and pooling as the cache pass, so that
// a training image given as a query finds itself at similarity 1.
at::Tensor batchFeatures(BackboneModule& network, ImageBatch& batch, CachePoint point, Precision precision) {
    at::Tensor x =
        at::from_blob(batch.chw.data(), {static_cast<int64_t>(batch.size()), 3, batch.height, batch.width},
                      at::kFloat)
            .contiguous(at::MemoryFormat::ChannelsLast);
    if (precision == Precision::BFloat16) x = x.to(at::kBFloat16);
    const at::Tensor y = network.forwardRange(x, 0, point.cut).to(at::kFloat).contiguous();
    return point.tensor == CachedTensor::Pooled ? y.mean({2, 3}) : y.reshape({y.size(0), -1});
}

// The queries' features, one row per readable query (rowOf: the query's row, or -1 with its error set).
at::Tensor queryFeatures(ClassifierModule& module, std::vector<SimilarImages>& images,
                         const PreprocessOptions& preprocess, Precision precision,
                         const SimilarImagesOptions& options, std::vector<int64_t>& rowOf) {
    const CachePoint point = headInputPoint(module);
    const std::shared_ptr<BackboneModule> network = inferenceCopy(module.backbone(), point.cut, precision);
    std::vector<fs::path> files;
    for (const SimilarImages& image : images) files.push_back(image.file);
    BatchLoaderOptions loaderOptions;
    loaderOptions.preprocess = preprocess;
    loaderOptions.batchSize = static_cast<size_t>(std::max(1, options.batchSize));
    loaderOptions.threads = options.threads;
    ImageBatchLoader loader(files, loaderOptions);
    const c10::InferenceMode inference;
    std::vector<at::Tensor> rows;
    int64_t count = 0;
    rowOf.assign(files.size(), -1);
    while (std::optional<ImageBatch> batch = loader.next()) {
        if (options.cancelRequested()) throw Error("cancelled");
        for (const ImageFailure& failure : batch->failures) images[failure.index].error = failure.reason;
        if (batch->size() == 0) continue;
        rows.push_back(batchFeatures(*network, *batch, point, precision));
        for (const size_t index : batch->indices) rowOf[index] = count++;
    }
    return rows.empty() ? at::Tensor() : at::cat(rows).contiguous();
}

}  // namespace

SimilarImagesResult findSimilarTrainingImages(const TrainedModel& model, const std::vector<fs::path>& queries,
                                              const SimilarImagesOptions& options) {
    const TensorMemoryScope memory;
    const ModelDescription& description = model.description();
    SimilarImagesResult result;
    for (const fs::path& file : collectImageFiles(queries)) result.images.push_back({file, {}, {}});

    const TrainingConfig config = trainingConfigOf(model, options);
    const TrainingData data = loadTrainingData(config, {}, options.cancel);
    checkClasses(data, description, config.dataDir);
    result.notes = englishLines(data.notes);
    result.trainingImages = data.train.size();
    if (data.train.empty()) throw Error(config.dataDir, "no training images");

    ClassifierModule& module = *model.impl().module;
    const PreprocessOptions preprocess = preprocessOf(description);
    const Precision precision = featurePrecision(config);
    const at::Tensor training =
        trainingFeatures(module, data, config, preprocess, precision, options, result);
    std::vector<int> labels;
    for (const LabelledImage& image : data.train) labels.push_back(image.label);
    const CosineIndex index(training.data_ptr<float>(), training.size(0), training.size(1), labels);

    std::vector<int64_t> rowOf;
    const at::Tensor found = queryFeatures(module, result.images, preprocess, precision, options, rowOf);
    if (!found.defined()) return result;
    const auto neighbours = options.perClass
                                ? index.nearestPerLabel(found.data_ptr<float>(), found.size(0))
                                : index.nearest(found.data_ptr<float>(), found.size(0), options.k);
    for (size_t i = 0; i < result.images.size(); ++i) {
        if (rowOf[i] < 0) continue;
        for (const Neighbour& neighbour : neighbours[static_cast<size_t>(rowOf[i])]) {
            const LabelledImage& image = data.train[static_cast<size_t>(neighbour.row)];
            result.images[i].nearest.push_back({image.path, image.label,
                                                description.classNames[static_cast<size_t>(image.label)],
                                                neighbour.similarity});
        }
    }
    return result;
}

std::string similarImagesToCsv(const std::vector<SimilarImages>& images) {
    std::string csv = "query,rank,file,class,similarity,error\n";
    for (const SimilarImages& image : images) {
        const std::string query = csvField(image.file.u8string());
        if (!image.error.empty()) csv += query + ",,,,," + csvField(image.error) + "\n";
        for (size_t rank = 0; rank < image.nearest.size(); ++rank) {
            const SimilarExample& example = image.nearest[rank];
            char similarity[32];
            std::snprintf(similarity, sizeof similarity, "%.6f", example.similarity);
            csv += query + "," + std::to_string(rank + 1) + "," + csvField(example.file.u8string()) + "," +
                   csvField(example.className) + "," + similarity + ",\n";
        }
    }
    return csv;
}

}  // namespace tlw
