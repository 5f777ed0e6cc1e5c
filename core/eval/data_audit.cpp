#include "core/eval/data_audit.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "core/eval/confident_learning.h"
#include "core/eval/embedding_outliers.h"
#include "core/eval/near_duplicates.h"
#include "core/infer/cosine_index.h"
#include "core/models/architecture.h"
#include "core/models/backbone_loader.h"
#include "core/train/feature_cache.h"
#include "core/train/out_of_fold.h"
#include "core/train/training_data.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

TrainingConfig datasetConfig(const DataAuditOptions& options) {
    TrainingConfig config;
    config.dataDir = options.dataDir;
    config.validationSplit = options.validationSplit;
    config.seed = options.seed;
    config.backbone = options.backbone;
    config.imageSize = options.imageSize;
    if (options.cacheDir) config.cache.directory = *options.cacheDir;
    return config;
}

// Every image of every split, training first: the rows of the feature matrix.
std::vector<AuditedImage> imagesOf(const TrainingData& data) {
    std::vector<AuditedImage> images;
    const auto add = [&images](const std::vector<LabelledImage>& split, const char* name) {
        for (const LabelledImage& image : split) images.push_back({image.path, name, image.label});
    };
    add(data.train, "train");
    add(data.validation, "validation");
    add(data.test, "test");
    return images;
}

PreparedBackbone loadBackbone(const DataAuditOptions& options) {
    BackboneRequest request;
    request.kind = options.backbone;
    request.weightsFile = options.weightsFile;
    request.environment = options.environment;
    request.allowRandomInit = options.allowRandomInit;
    return prepareBackbone(request);
}

// The precision a training run's cache pass would use, so that the audit and the runs share features.
Precision featurePrecision(const DataAuditOptions& options) {
    if (options.precision != Precision::Auto) return options.precision;
    if (!backboneArchitecture(options.backbone, false).bf16ByDefault) return Precision::Float32;
    return resolvePrecision(Precision::Auto);
}

// One pooled feature row per image (images x channels), from the cache or computed into it.
at::Tensor pooledFeatures(const BackboneModule& module, const TrainingData& data,
                          const TrainingConfig& config, const DataAuditOptions& options,
                          DataAuditResult& result) {
    std::vector<fs::path> files;
    std::vector<ContentHash> hashes;
    for (const auto* split : {&data.train, &data.validation, &data.test}) {
        for (const LabelledImage& image : *split) {
            files.push_back(image.path);
            hashes.push_back(image.hash);
        }
    }
    PreprocessOptions preprocess;
    preprocess.width = options.imageSize.width;
    preprocess.height = options.imageSize.height;
    BatchRunOptions run;
    run.batchSize = options.batchSize;
    run.threads = options.threads;
    run.progress = options.progress;
    run.cancel = options.cancel;
    const FeatureCache cache(config.cache);
    const CachePoint point{module.layerCount(), CachedTensor::Pooled};
    const FeaturePreparation prepared =
        cache.prepare(module, {point}, files, hashes, preprocess, featurePrecision(options), run);
    if (prepared.sets.empty() || options.cancelRequested()) throw Error("cancelled");
    result.featuresReused = prepared.reused;
    result.featuresComputed = prepared.computed;
    result.cacheDirectory = prepared.directory;
    for (const RunNotice& note : prepared.notes) result.notes.push_back(note.english());
    std::vector<int64_t> rows(files.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
    return prepared.sets.front().gather(rows).reshape({static_cast<int64_t>(files.size()), -1}).contiguous();
}

// Each training image's nearest other training images (itself excluded).
std::vector<std::vector<AuditNeighbour>> trainingNeighbours(const at::Tensor& train,
                                                            const TrainingData& data) {
    const CosineIndex index(train.data_ptr<float>(), train.size(0), train.size(1));
    const auto found = index.nearest(train.data_ptr<float>(), train.size(0), kAuditNeighbours + 1);
    std::vector<std::vector<AuditNeighbour>> neighbours(found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        for (const Neighbour& neighbour : found[i]) {
            const auto row = static_cast<std::size_t>(neighbour.row);
            if (row == i || neighbours[i].size() == static_cast<std::size_t>(kAuditNeighbours)) continue;
            neighbours[i].push_back({data.train[row].path, data.train[row].label, neighbour.similarity});
        }
    }
    return neighbours;
}

void rankLabels(const at::Tensor& features, const TrainingData& data, const DataAuditOptions& options,
                DataAuditResult& result) {
    const auto trainCount = static_cast<int64_t>(data.train.size());
    std::vector<int64_t> labels;
    for (const LabelledImage& image : data.train) labels.push_back(image.label);
    const auto classCount = static_cast<int>(data.classNames.size());
    OutOfFoldOptions foldOptions;
    foldOptions.folds = options.folds;
    foldOptions.seed = options.seed;
    const OutOfFoldProbabilities outOfFold =
        outOfFoldProbabilities(features.narrow(0, 0, trainCount), at::tensor(labels, at::kLong), classCount,
                               foldOptions, options.cancel);
    if (outOfFold.cancelled) throw Error("cancelled");
    result.folds = outOfFold.folds;
    result.l2Strength = outOfFold.strengthChoice.chosenStrength;

    const at::Tensor p = outOfFold.probabilities.contiguous();
    const std::vector<float> probabilities(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
    const LabelAssessments assessed =
        assessLabels(probabilities, std::vector<int>(labels.begin(), labels.end()), classCount);
    result.thresholds = assessed.thresholds;
    result.issueCount = assessed.issueCount();
    const auto neighbours = trainingNeighbours(features.narrow(0, 0, trainCount).contiguous(), data);
    for (const std::size_t i : assessed.ranking) {
        const LabelAssessment& image = assessed.images[i];
        const float* row = probabilities.data() + i * static_cast<std::size_t>(classCount);
        result.suspects.push_back({data.train[i].path, image.given, image.suggested, image.score, image.issue,
                                   std::vector<float>(row, row + classCount), neighbours[i]});
    }
}

DuplicateKind duplicateKind(const AuditedImage& first, const AuditedImage& second) {
    if (first.split != second.split) return DuplicateKind::AcrossSubsets;
    return first.label == second.label ? DuplicateKind::WithinClass : DuplicateKind::AcrossClasses;
}

void findDuplicatesAndOutliers(const at::Tensor& features, const std::vector<AuditedImage>& images,
                               int classCount, float threshold, DataAuditResult& result) {
    const float* vectors = features.data_ptr<float>();
    for (const SimilarPair& pair :
         pairsAboveSimilarity(vectors, features.size(0), features.size(1), threshold)) {
        const AuditedImage& first = images[pair.first];
        const AuditedImage& second = images[pair.second];
        result.duplicates.push_back({first, second, pair.similarity, duplicateKind(first, second)});
    }
    std::vector<int> labels;
    for (const AuditedImage& image : images) labels.push_back(image.label);
    const EmbeddingOutliers outliers =
        findEmbeddingOutliers(vectors, features.size(0), features.size(1), labels, classCount);
    result.outlierFence = outliers.fence;
    for (const std::size_t i : outliers.outliers)
        result.outliers.push_back({images[i], outliers.centroidSimilarity[i], outliers.nearestSimilarity[i]});
}

// The audit's verdicts on the training images, by file: suspect (an issue) and misclassified out of fold.
void markTrainingImages(const DataAuditResult& result, EmbeddingMap& map) {
    std::map<fs::path, const LabelSuspect*> suspects;
    for (const LabelSuspect& suspect : result.suspects) suspects[suspect.file] = &suspect;
    for (MapImage& image : map.images) {
        const auto found = suspects.find(image.image.file);
        if (image.image.split != "train" || found == suspects.end()) continue;
        const std::vector<float>& p = found->second->probabilities;
        const auto predicted = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
        image.suspect = found->second->issue;
        image.misclassified = !p.empty() && predicted != image.image.label;
    }
}

void drawEmbeddingMap(const at::Tensor& features, const std::vector<AuditedImage>& images,
                      const DataAuditOptions& options, DataAuditResult& result) {
    const at::Tensor unit = (features / features.norm(2, 1, true).clamp_min(1e-12)).contiguous();
    const float* rows = unit.data_ptr<float>();
    const std::vector<MapPoint> pca = projectPca(rows, unit.size(0), unit.size(1));
    TsneOptions tsne = options.tsne;
    tsne.cancel = options.cancel;
    const auto start = std::chrono::steady_clock::now();
    const TsneProjection projected = projectTsne(rows, unit.size(0), unit.size(1), tsne);
    if (projected.cancelled) throw Error("cancelled");
    EmbeddingMap& map = result.map;
    map.tsneSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    map.perplexity = projected.perplexity;
    map.tsneMapped = projected.mapped;
    for (std::size_t i = 0; i < images.size(); ++i)
        map.images.push_back({images[i], pca[i], projected.points[i]});
    markTrainingImages(result, map);
}

}  // namespace

std::string duplicateKindId(DuplicateKind kind) {
    switch (kind) {
        case DuplicateKind::AcrossClasses:
            return "across-classes";
        case DuplicateKind::AcrossSubsets:
            return "across-splits";
        case DuplicateKind::WithinClass:
            break;
    }
    return "within-class";
}

DataAuditResult auditDataset(const DataAuditOptions& options) {
    const TensorMemoryScope memory;
    if (options.folds < 2) throw Error("the folds must be at least 2, got " + std::to_string(options.folds));
    const TrainingConfig config = datasetConfig(options);
    const TrainingData data = loadTrainingData(config, {}, options.cancel);
    if (data.train.size() < static_cast<std::size_t>(options.folds))
        throw Error(options.dataDir, std::to_string(data.train.size()) + " training images are too few for " +
                                         std::to_string(options.folds) + " folds");
    DataAuditResult result;
    result.classNames = data.classNames;
    result.notes = englishLines(data.notes);
    result.trainingImages = data.train.size();
    const std::vector<AuditedImage> images = imagesOf(data);
    result.images = images.size();

    const PreparedBackbone backbone = loadBackbone(options);
    result.weightsNote = backbone.weightsNote;
    result.pretrained = backbone.module->pretrained();
    const at::Tensor features = pooledFeatures(*backbone.module, data, config, options, result);
    rankLabels(features, data, options, result);
    findDuplicatesAndOutliers(features, images, static_cast<int>(data.classNames.size()),
                              options.duplicateSimilarity, result);
    if (options.embeddingMap) drawEmbeddingMap(features, images, options, result);
    return result;
}

}  // namespace tlw
