#include "ui/workers/similar_search.h"

#include <filesystem>
#include <system_error>

#include "core/eval/similar_images.h"
#include "core/models/trained_model.h"
#include "core/train/training_config.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {
// The folder the model was trained from, or empty when the model does not name one (core then explains).
std::filesystem::path trainingFolderOf(const tlw::TrainedModel& model) {
    const std::string& json = model.description().trainingConfigJson;
    return json.empty() ? std::filesystem::path() : tlw::trainingConfigFromJson(json).dataDir;
}
}  // namespace

SimilarSearchResult searchSimilarImages(const tlw::TrainedModel& model, const QStringList& queries, int k,
                                        bool perClass, const std::atomic<bool>* cancel) {
    SimilarSearchResult result;
    const std::filesystem::path folder = trainingFolderOf(model);
    std::error_code error;
    if (!folder.empty() && !std::filesystem::is_directory(folder, error)) {
        result.missingTrainingFolder = toQString(folder);
        return result;
    }
    std::vector<std::filesystem::path> files;
    for (const QString& query : queries) files.push_back(toPath(query));
    tlw::SimilarImagesOptions options;
    options.k = k;
    options.perClass = perClass;
    options.cancel = cancel;
    const tlw::SimilarImagesResult found = tlw::findSimilarTrainingImages(model, files, options);
    // The results follow the queries (files, not folders): keyed by the query as given, so that the caller
    // finds each under the path it asked with.
    const bool oneForEach = found.images.size() == static_cast<std::size_t>(queries.size());
    for (std::size_t i = 0; i < found.images.size(); ++i) {
        const tlw::SimilarImages& image = found.images[i];
        const QString query = oneForEach ? queries[static_cast<qsizetype>(i)] : toQString(image.file);
        if (!image.error.empty()) result.errors.insert(query, QString::fromStdString(image.error));
        std::vector<SimilarTrainingImage>& nearest = result.nearest[query];
        for (const tlw::SimilarExample& example : image.nearest)
            nearest.push_back({toQString(example.file), QString::fromStdString(example.className),
                               static_cast<double>(example.similarity)});
    }
    return result;
}

}  // namespace tlw::ui
