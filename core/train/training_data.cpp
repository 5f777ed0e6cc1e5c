#include "core/train/training_data.h"

#include <algorithm>
#include <map>

#include "core/data/dataset_scanner.h"
#include "core/models/layer_info.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr std::size_t kMaxNotedFiles = 20;  // the log lists this many skipped files, then counts the rest

// "dataset: 9,996 images verified earlier, 4 decoded; scanned in 0.31 s (scan memo ...)": what the memo
// spared, and the scan's time, which was most of a second run before it.
void noteMemo(const ScanReport& report, const std::string& what, std::vector<RunNotice>& notes) {
    const ScanMemoUse& memo = report.memo;
    for (const std::string& note : memo.notes) notes.push_back({RunNotice::Kind::ScanMemoNote, {what, note}});
    if (memo.file.empty()) return;
    notes.push_back(
        {RunNotice::Kind::ScanMemoUsed,
         {what, memo.file.u8string()},
         {static_cast<double>(memo.verifiedEarlier()), static_cast<double>(memo.checked), report.seconds}});
}

void noteScan(const ScanReport& report, const std::string& what, std::vector<RunNotice>& notes) {
    noteMemo(report, what, notes);
    for (std::size_t i = 0; i < report.skipped.size(); ++i) {
        if (i == kMaxNotedFiles) {
            notes.push_back({RunNotice::Kind::MoreFilesSkipped,
                             {what},
                             {static_cast<double>(report.skipped.size() - i)}});
            break;
        }
        notes.push_back({RunNotice::Kind::FileSkipped,
                         {what, report.skipped[i].path.u8string(), report.skipped[i].reason}});
    }
    for (const ScanNotice& warning : report.warnings) {
        RunNotice notice{RunNotice::Kind::ScanWarning, {what}};
        notice.scan = warning;
        notes.push_back(std::move(notice));
    }
    if (!report.duplicates.empty()) {
        // Identical files across subsets mean validation images were also trained on (inflated figures);
        // across classes, one picture with two labels. tlw scan lists them.
        const std::size_t leaking = report.duplicateGroups(DuplicateKind::AcrossSubsets);
        const std::size_t twoLabels = report.duplicateGroups(DuplicateKind::AcrossClasses);
        notes.push_back({RunNotice::Kind::IdenticalFiles,
                         {what},
                         {static_cast<double>(report.duplicates.size()), static_cast<double>(leaking),
                          static_cast<double>(twoLabels)}});
    }
}

ScanResult scanOrThrow(const std::filesystem::path& root, const ScanOptions& options) {
    ScanResult result = scanDataset(root, options);
    if (result.report.cancelled) throw Error(root, "scan cancelled");
    return result;
}

std::vector<LabelledImage> imagesOf(const Dataset& dataset, Subset subset, const std::vector<int>& labelMap) {
    std::vector<LabelledImage> images;
    for (const Sample& sample : dataset.samples) {
        if (sample.subset != subset) continue;
        images.push_back({sample.path, labelMap[static_cast<size_t>(sample.label)], sample.hash});
    }
    return images;
}

std::vector<int> identityMap(std::size_t count) {
    std::vector<int> map(count);
    for (std::size_t i = 0; i < count; ++i) map[i] = static_cast<int>(i);
    return map;
}

// Labels of a separately scanned folder in the training classes' numbering; a class the training data
// does not have cannot be validated or tested.
std::vector<int> mapClassesByName(const Dataset& other, const std::vector<std::string>& trainingClasses) {
    std::map<std::string, int> known;
    for (std::size_t i = 0; i < trainingClasses.size(); ++i) known[trainingClasses[i]] = static_cast<int>(i);
    std::vector<int> map;
    for (const std::string& name : other.classNames) {
        const auto found = known.find(name);
        if (found == known.end())
            throw Error(other.root, "class folder '" + name + "' is not one of the training classes");
        map.push_back(found->second);
    }
    return map;
}

std::vector<LabelledImage> separateFolder(const std::filesystem::path& folder, const ScanOptions& base,
                                          const std::vector<std::string>& classes, const std::string& what,
                                          std::vector<RunNotice>& notes) {
    ScanOptions options = base;
    options.validationSplit = 0.0;
    options.manifest.reset();
    const ScanResult scan = scanOrThrow(folder, options);
    noteScan(scan.report, what, notes);
    if (scan.dataset.classNames.empty()) throw Error(folder, "no class folders with images");
    const std::vector<int> map = mapClassesByName(scan.dataset, classes);
    // Everything in a separate folder is for that purpose, whichever subset the scan put it in.
    std::vector<LabelledImage> images;
    for (const Sample& sample : scan.dataset.samples)
        images.push_back({sample.path, map[static_cast<size_t>(sample.label)], sample.hash});
    return images;
}

std::string fingerprint(const SplitManifest& manifest) {
    std::string text;
    for (const std::string& name : manifest.classNames) text += "class\t" + name + '\n';
    for (const SplitManifestEntry& entry : manifest.files)
        text += std::string(subsetName(entry.subset)) + '\t' + entry.className + '\t' + entry.path + '\t' +
                entry.hash.hex() + '\n';
    return hashBytes(text).hex();
}

}  // namespace

std::size_t TrainingData::count(int label) const {
    return static_cast<std::size_t>(std::count_if(
        train.begin(), train.end(), [label](const LabelledImage& image) { return image.label == label; }));
}

TrainingData loadTrainingData(const TrainingConfig& config,
                              const std::function<void(std::size_t, std::size_t)>& progress,
                              const std::atomic<bool>* cancel) {
    ScanOptions options;
    options.validationSplit = config.validationDir ? 0.0 : config.validationSplit;
    options.seed = config.seed;
    options.threads = config.threads;
    options.manifest = config.manifest;
    options.progress = progress;
    options.cancel = cancel;
    options.memoDirectory = scanMemoDirectory(config.cache);

    TrainingData data;
    const ScanResult scan = scanOrThrow(config.dataDir, options);
    noteScan(scan.report, "dataset", data.notes);
    if (!scan.report.trainable()) {
        std::string reasons;
        for (const ScanNotice& error : scan.report.errors)
            reasons += (reasons.empty() ? "" : "; ") + error.english();
        throw Error(config.dataDir, "cannot train on this dataset: " + reasons);
    }
    const Dataset& dataset = scan.dataset;
    data.classNames = dataset.classNames;
    const std::vector<int> labels = identityMap(dataset.classNames.size());
    data.train = imagesOf(dataset, Subset::Train, labels);
    data.validation = imagesOf(dataset, Subset::Validation, labels);
    data.test = imagesOf(dataset, Subset::Test, labels);
    data.manifest = makeSplitManifest(dataset);
    data.manifestFingerprint = fingerprint(data.manifest);

    if (config.validationDir) {
        if (!data.validation.empty())
            data.notes.push_back({RunNotice::Kind::ValidationReplaced, {config.validationDir->u8string()}});
        data.validation =
            separateFolder(*config.validationDir, options, data.classNames, "validation", data.notes);
    }
    if (config.testDir)
        data.test = separateFolder(*config.testDir, options, data.classNames, "test", data.notes);
    if (data.train.empty()) throw Error(config.dataDir, "no training images");
    return data;
}

std::vector<float> balancedClassWeights(const TrainingData& data) {
    const std::size_t classes = data.classNames.size();
    std::vector<float> weights(classes, 1.0f);
    for (std::size_t label = 0; label < classes; ++label) {
        const std::size_t count = data.count(static_cast<int>(label));
        if (count > 0)
            weights[label] = static_cast<float>(static_cast<double>(data.train.size()) /
                                                (static_cast<double>(classes) * static_cast<double>(count)));
    }
    return weights;
}

}  // namespace tlw
