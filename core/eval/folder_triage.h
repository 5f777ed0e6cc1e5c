#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/prediction.h"
#include "core/models/trained_model.h"
#include "core/util/batch_run_options.h"

// Triage of an unlabelled folder: a trained model's (calibrated) answers for every image under it, ranked
// by the probability of one class, or sorted into one folder per answer (with unknown/ for the images no
// class is sure enough of). The originals are only read: the sorting copies or links them, never moves,
// and never replaces a file that exists. Torch-free.
namespace tlw {

enum class TriagePlacement {
    None,     // the ranking only
    Copy,     // a copy of each image
    Symlink,  // a symbolic link to each original (absolute path): removing or editing it leaves the original
};

struct TriageOptions : BatchRunOptions {
    // Rank by this class's probability; empty: by the probability of each image's answer (its top class).
    std::string rankedClass;
    TriagePlacement placement = TriagePlacement::None;
    // With a placement: DEST/<answer>/ per image (DEST/unknown/ for unknown); with rankedClass, DEST itself
    // with the rank in front of each name (0001_name.jpg), so that a file browser lists them in order.
    std::filesystem::path destination;
    std::optional<DecisionThresholds> decision;  // nullopt: the model's own
};

struct TriagedImage {
    ImagePrediction prediction;      // file, every class's probability, answer, or why it could not be read
    std::size_t rank = 0;            // 1 = most probable; 0 for an unreadable image
    std::filesystem::path placedAt;  // the copy or link, empty when none was made
    bool renamed = false;            // placedAt has a suffix: its plain name was already taken
    std::string placeError;          // why the copy or link failed (the others go on)
};

struct TriageResult {
    std::vector<std::string> classNames;
    int rankedClass = -1;              // the class ranked by, or -1: by each image's answer
    std::vector<TriagedImage> images;  // ranked, most probable first, unreadable images last
    std::string unknownFolder;         // the folder name unknown answers went to ("unknown")
    bool cancelled = false;

    std::size_t unreadableCount() const;
    std::size_t placedCount() const;
    std::size_t renamedCount() const;
    std::size_t placeFailureCount() const;
    std::size_t answerCount(int classIndex) const;  // kUnknownClass counts the unknown answers
};

// The folder's image files (collectImageFiles), predicted in batches, ranked, then placed. Throws
// tlw::Error for a folder that does not exist, a class the model does not have, or a destination that
// cannot be created; an unreadable image or a failed copy is listed with its reason instead. When
// options.cancel stops it, the images predicted so far, ranked, nothing placed, cancelled set.
TriageResult triageFolder(const TrainedModel& model, const std::filesystem::path& folder,
                          const TriageOptions& options);

// The class's index by name, or -1.
int classIndexNamed(const std::vector<std::string>& classNames, const std::string& name);

// The folder of an answer: the class's name made safe as one path component, or the unknown folder.
std::string answerFolderName(const TriageResult& result, int answer);

// rank,file,answer,p_<class>...,placed_at,error: one row per image in the result's order (%.6g), UTF-8,
// RFC 4180 quoting, LF line ends.
std::string triageToCsv(const TriageResult& result);

}  // namespace tlw
