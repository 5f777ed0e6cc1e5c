#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/models/trained_model.h"
#include "core/util/batch_run_options.h"

// "Which training images does this one resemble?": the training images nearest to each query by cosine
// similarity of the model's pooled features (what its head reads: the global average of the last block, or
// fc2's output with VGG16's ImageNet top). The training images' features come from the frozen-prefix
// feature cache when a run stored them there (a run whose whole backbone was frozen), and are otherwise
// computed once and stored there, keyed as the runs key theirs, so that the next search, or the next run,
// reuses them. Torch-free.
namespace tlw {

struct SimilarExample {
    std::filesystem::path file;
    int classIndex = 0;
    std::string className;
    float similarity = 0.0f;  // cosine, -1..1
};

struct SimilarImages {
    std::filesystem::path file;           // the query
    std::vector<SimilarExample> nearest;  // most similar first; empty when the image failed
    std::string error;                    // why the query could not be read, empty on success
};

struct SimilarImagesOptions : BatchRunOptions {
    int k = 5;              // neighbours per query (clamped to the training images)
    bool perClass = false;  // instead: the nearest training image of each class
    // The training images: the dataset folder of the run that made the model (from the model file), or this
    // folder (with the run's split settings) when the data has moved or the model does not name it.
    std::optional<std::filesystem::path> dataDir;
    // The feature cache's folder; none: the run's, else the default ($TLW_CACHE_DIR, ...).
    std::optional<std::filesystem::path> cacheDir;
};

struct SimilarImagesResult {
    std::vector<SimilarImages> images;  // in the order of collectImageFiles(queries)
    std::size_t trainingImages = 0;
    std::size_t featuresReused = 0;  // training images whose features came from the cache
    std::size_t featuresComputed = 0;
    std::filesystem::path cacheDirectory;
    std::vector<std::string> notes;  // the scan's and the cache's, for the log
};

// Throws tlw::Error when the training data cannot be found or read, its classes differ from the model's, or
// the cache cannot be written; an unreadable query gets its error instead.
SimilarImagesResult findSimilarTrainingImages(const TrainedModel& model,
                                              const std::vector<std::filesystem::path>& queries,
                                              const SimilarImagesOptions& options = {});

// query,rank,file,class,similarity,error: one row per neighbour (rank from 1), one row with the error and
// no neighbour for a query that failed. UTF-8, RFC 4180 quoting, LF line ends.
std::string similarImagesToCsv(const std::vector<SimilarImages>& images);

}  // namespace tlw
