#include "core/eval/folder_triage.h"

#include <algorithm>
#include <cstdio>

#include "core/eval/decision_rule.h"
#include "core/eval/triage_placement.h"
#include "core/util/csv_field.h"
#include "core/util/error.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// The probability an image is ranked by: the ranked class's, or its answer's (the top class's when the
// answer is unknown, so that the nearly sure unknowns come first among them).
float rankingProbability(const ImagePrediction& prediction, int rankedClass) {
    if (rankedClass >= 0) return prediction.probabilities[static_cast<std::size_t>(rankedClass)];
    if (prediction.answer != kUnknownClass)
        return prediction.probabilities[static_cast<std::size_t>(prediction.answer)];
    return *std::max_element(prediction.probabilities.begin(), prediction.probabilities.end());
}

// Most probable first; equal probabilities keep the folder's order (stable), unreadable images go last.
std::vector<TriagedImage> ranked(std::vector<ImagePrediction> predictions, int rankedClass) {
    std::stable_sort(predictions.begin(), predictions.end(),
                     [rankedClass](const ImagePrediction& a, const ImagePrediction& b) {
                         const bool aRead = a.error.empty(), bRead = b.error.empty();
                         if (aRead != bRead) return aRead;
                         return aRead &&
                                rankingProbability(a, rankedClass) > rankingProbability(b, rankedClass);
                     });
    std::vector<TriagedImage> images(predictions.size());
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        images[i].prediction = std::move(predictions[i]);
        if (images[i].prediction.error.empty()) images[i].rank = i + 1;
    }
    return images;
}

// A class name as one path component: no separators, not "." or "..", not hidden.
std::string safeFolderName(const std::string& name) {
    std::string safe = name;
    std::replace(safe.begin(), safe.end(), '/', '_');
    if (safe.empty() || safe.front() == '.') safe = "_" + safe;
    return safe;
}

// "unknown", unless a class has that name; then "unknown (no class)", which no folder-named class can be.
std::string unknownFolderFor(const std::vector<std::string>& classNames) {
    for (const std::string& name : classNames)
        if (safeFolderName(name) == kUnknownAnswer) return std::string(kUnknownAnswer) + " (no class)";
    return kUnknownAnswer;
}

std::string rankedName(std::size_t rank, std::size_t count, const fs::path& file) {
    const int width = std::max<int>(4, static_cast<int>(std::to_string(count).size()));
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%0*zu_", width, rank);
    return prefix + file.filename().u8string();
}

fs::path createFolder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw Error(folder, "cannot create the folder: " + error.message());
    if (!fs::is_directory(folder, error)) throw Error(folder, "exists and is not a folder");
    return folder;
}

void placeImages(TriageResult& result, const TriageOptions& options) {
    createFolder(options.destination);
    const std::size_t readable = result.images.size() - result.unreadableCount();
    for (TriagedImage& image : result.images) {
        if (options.cancelRequested()) {
            result.cancelled = true;
            return;
        }
        if (!image.prediction.error.empty()) continue;
        const fs::path& source = image.prediction.file;
        try {
            const bool byRank = result.rankedClass >= 0;
            const fs::path folder =
                byRank ? options.destination
                       : createFolder(options.destination /
                                      fs::u8path(answerFolderName(result, image.prediction.answer)));
            const std::string name =
                byRank ? rankedName(image.rank, readable, source) : source.filename().u8string();
            const PlacedFile placed = placeWithoutReplacing(source, folder, name, options.placement);
            image.placedAt = placed.path;
            image.renamed = placed.renamed;
        } catch (const Error& e) {
            image.placeError = e.what();
        }
    }
}

std::string probabilityText(double probability) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", probability);
    return text;
}

}  // namespace

std::size_t TriageResult::unreadableCount() const {
    return static_cast<std::size_t>(
        std::count_if(images.begin(), images.end(),
                      [](const TriagedImage& image) { return !image.prediction.error.empty(); }));
}

std::size_t TriageResult::placedCount() const {
    return static_cast<std::size_t>(std::count_if(
        images.begin(), images.end(), [](const TriagedImage& image) { return !image.placedAt.empty(); }));
}

std::size_t TriageResult::renamedCount() const {
    return static_cast<std::size_t>(
        std::count_if(images.begin(), images.end(), [](const TriagedImage& image) { return image.renamed; }));
}

std::size_t TriageResult::placeFailureCount() const {
    return static_cast<std::size_t>(std::count_if(
        images.begin(), images.end(), [](const TriagedImage& image) { return !image.placeError.empty(); }));
}

std::size_t TriageResult::answerCount(int classIndex) const {
    return static_cast<std::size_t>(
        std::count_if(images.begin(), images.end(), [classIndex](const TriagedImage& image) {
            return image.prediction.error.empty() && image.prediction.answer == classIndex;
        }));
}

int classIndexNamed(const std::vector<std::string>& classNames, const std::string& name) {
    const auto found = std::find(classNames.begin(), classNames.end(), name);
    return found == classNames.end() ? -1 : static_cast<int>(found - classNames.begin());
}

std::string answerFolderName(const TriageResult& result, int answer) {
    if (answer == kUnknownClass) return result.unknownFolder;
    return safeFolderName(result.classNames.at(static_cast<std::size_t>(answer)));
}

TriageResult triageFolder(const TrainedModel& model, const fs::path& folder, const TriageOptions& options) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) throw Error(folder, "no such folder");
    TriageResult result;
    result.classNames = model.description().classNames;
    result.unknownFolder = unknownFolderFor(result.classNames);
    if (!options.rankedClass.empty()) {
        result.rankedClass = classIndexNamed(result.classNames, options.rankedClass);
        if (result.rankedClass < 0)
            throw Error("the model has no class '" + options.rankedClass + "'; its classes: " + [&] {
                std::string list;
                for (const std::string& name : result.classNames) list += (list.empty() ? "" : ", ") + name;
                return list;
            }());
    }
    if (options.placement != TriagePlacement::None && options.destination.empty())
        throw Error("copying or linking needs a destination folder");

    PredictionOptions predictOptions;
    static_cast<BatchRunOptions&>(predictOptions) = options;
    predictOptions.topK = 0;
    predictOptions.decision = options.decision;
    std::vector<ImagePrediction> predictions = predictImages(model, {folder}, predictOptions);
    result.cancelled = options.cancelRequested();
    result.images = ranked(std::move(predictions), result.rankedClass);
    if (!result.cancelled && options.placement != TriagePlacement::None) placeImages(result, options);
    return result;
}

std::string triageToCsv(const TriageResult& result) {
    std::string csv = "rank,file,answer";
    for (const std::string& name : result.classNames) csv += "," + csvField("p_" + name);
    csv += ",placed_at,error\n";
    for (const TriagedImage& image : result.images) {
        const ImagePrediction& prediction = image.prediction;
        const bool read = prediction.error.empty();
        csv += (read ? std::to_string(image.rank) : std::string()) + "," +
               csvField(prediction.file.u8string()) + ",";
        if (read)
            csv += csvField(prediction.answer == kUnknownClass
                                ? std::string(kUnknownAnswer)
                                : result.classNames.at(static_cast<std::size_t>(prediction.answer)));
        for (std::size_t c = 0; c < result.classNames.size(); ++c)
            csv += "," + (read ? probabilityText(prediction.probabilities.at(c)) : std::string());
        const std::string error = read ? image.placeError : prediction.error;
        csv += "," + csvField(image.placedAt.u8string()) + "," + csvField(error) + "\n";
    }
    return csv;
}

}  // namespace tlw
