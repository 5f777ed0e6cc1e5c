#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/scan_report.h"
#include "core/eval/embedding_projection.h"
#include "core/io/weights_discovery.h"
#include "core/models/backbone.h"
#include "core/models/image_size.h"
#include "core/train/training_config.h"
#include "core/util/batch_run_options.h"

// The data audit behind `tlw audit` and the Dataset page's Audit view: which training labels are probably
// wrong, which images are near-duplicates, and which are unlike every class. All three read one embedding
// per image, a pretrained backbone's pooled features, from the frozen-feature cache (computed into it when
// missing, keyed as training keys them, so that an audit after a run, or a run after an audit, reuses them).
// Labels: out-of-fold probabilities of K exact heads (core/train/out_of_fold.h), ranked by confident
// learning (core/eval/confident_learning.h). Torch-free.
namespace tlw {

// Cosine similarity of pooled features at or above which two images are reported as near-duplicates. Measured
// with SqueezeNet (docs/BENCHMARKS.md): copies at JPEG quality 60, 80 % scale and a 5 % crop score 0.995,
// 0.973 and 0.965; distinct photos of hymenoptera_data 0.871 at most; distinct seals of one character in one
// script reach 0.959 (5 pairs of seal_script_regions lie above the threshold).
inline constexpr float kNearDuplicateSimilarity = 0.94f;

struct DataAuditOptions : BatchRunOptions {
    std::filesystem::path dataDir;  // class folders, or train/ val/ test/ with class folders
    double validationSplit = 0.0;   // as tlw train's: a stratified fraction held out when there is no val/
    std::uint64_t seed = 1337;      // the split's and the folds'
    BackboneKind backbone = BackboneKind::SqueezeNet11;
    std::optional<std::filesystem::path> weightsFile;  // else discovery
    WeightsEnvironment environment = WeightsEnvironment::fromProcess();
    bool allowRandomInit =
        false;  // without weights: features of random ones (a poor audit) instead of an error
    ImageSize imageSize{224, 224};
    // Of the features; Auto as a training run resolves it (bf16 only where the backbone and the CPU gain), so
    // that audits and runs share cached features.
    Precision precision = Precision::Auto;
    int folds = 5;
    float duplicateSimilarity = kNearDuplicateSimilarity;
    std::optional<std::filesystem::path> cacheDir;  // the feature cache; none: the default folder
    // Also the embedding map (DataAuditResult::map): PCA and t-SNE of every image's L2-normalised features.
    bool embeddingMap = false;
    TsneOptions tsne;  // its seed, cap and perplexity; cancel is the audit's
};

// A training image that resembles a suspect: what the Audit view shows beside it.
struct AuditNeighbour {
    std::filesystem::path file;
    int label = 0;
    float similarity = 0.0f;  // cosine of the pooled features
};

// How many nearest training images each suspect lists.
inline constexpr int kAuditNeighbours = 4;

struct LabelSuspect {
    std::filesystem::path file;
    int given = 0;
    int suggested = 0;
    double score = 0.0;  // another class's probability minus the given one's, -1..1 (higher: more suspect)
    bool issue = false;  // off the confident joint's diagonal: the label is probably wrong
    std::vector<float> probabilities;        // out of fold, per class
    std::vector<AuditNeighbour> neighbours;  // the most similar other training images, most similar first
};

// DuplicateKind (the scan's): within a class, across classes (a label is wrong), across subsets (leakage).
std::string duplicateKindId(DuplicateKind kind);  // "within-class", "across-classes", "across-splits"

struct AuditedImage {
    std::filesystem::path file;
    std::string split;  // "train", "validation", "test"
    int label = 0;
};

// One image on the embedding map: where each projection puts it, and what the audit says of it.
struct MapImage {
    AuditedImage image;
    MapPoint pca;
    MapPoint tsne;
    bool suspect = false;        // a confident-learning issue (training images only)
    bool misclassified = false;  // its out-of-fold prediction is another class (training images only)
};

struct EmbeddingMap {
    std::vector<MapImage> images;  // every image of every split, training first
    double perplexity = 0.0;       // t-SNE's
    std::size_t tsneMapped = 0;    // images t-SNE mapped; the others were placed among them
    double tsneSeconds = 0.0;
};

struct NearDuplicatePair {
    AuditedImage first;
    AuditedImage second;
    float similarity = 0.0f;
    DuplicateKind kind = DuplicateKind::WithinClass;
};

struct OutlierImage {
    AuditedImage image;
    float centroidSimilarity = 0.0f;  // highest cosine to a class centroid (below the fence)
    float nearestSimilarity = 0.0f;   // highest cosine to another image
};

struct DataAuditResult {
    std::vector<std::string> classNames;
    std::vector<LabelSuspect> suspects;         // every training image, most suspect first
    std::size_t issueCount = 0;                 // the first issueCount suspects are confident-learning issues
    std::vector<double> thresholds;             // per class: the mean self-confidence
    std::vector<NearDuplicatePair> duplicates;  // most similar first
    std::vector<OutlierImage> outliers;         // farthest first
    float outlierFence = 0.0f;
    int folds = 0;
    double l2Strength = 0.0;  // the heads' L2 strength, chosen by cross-validation
    std::size_t trainingImages = 0;
    std::size_t images = 0;  // all splits
    std::size_t featuresReused = 0;
    std::size_t featuresComputed = 0;
    std::filesystem::path cacheDirectory;
    std::string weightsNote;  // "ImageNet weights: FILE" or "not pretrained: why"
    bool pretrained = false;
    std::vector<std::string> notes;  // the scan's and the cache's, for the log
    EmbeddingMap map;                // empty unless DataAuditOptions::embeddingMap
};

// Throws tlw::Error when the dataset cannot be read or trained on, the weights cannot be found (unless
// allowRandomInit), there are fewer training images than folds, or on cancel ("cancelled").
DataAuditResult auditDataset(const DataAuditOptions& options);

// path,given,suggested,score: every training image, most suspect first (UTF-8, RFC 4180, LF).
std::string labelSuspectsToCsv(const DataAuditResult& result);
// kind,similarity,first,first_split,first_class,second,second_split,second_class
std::string duplicatePairsToCsv(const DataAuditResult& result);
// path,split,class,centroid_similarity,nearest_similarity
std::string outliersToCsv(const DataAuditResult& result);
// path,split,class,x,y,method,suspect,misclassified: one row per image and projection (pca, then tsne);
// the flags are 0 or 1, and 0 for validation and test images (they have no out-of-fold prediction).
std::string embeddingMapToCsv(const DataAuditResult& result);

}  // namespace tlw
