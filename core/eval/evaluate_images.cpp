// evaluateFiles and evaluateFolder: decoding, the forward passes and the per-image losses. The figures
// themselves are computed by summarizeEvaluation (evaluation.cpp).
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "core/data/dataset_index.h"
#include "core/eval/evaluation.h"
#include "core/models/classifier_inference.h"
#include "core/models/classifier_module.h"
#include "core/models/trained_model.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

BatchLoaderOptions loaderOptionsFor(const ModelDescription& description, int batchSize, int threads) {
    BatchLoaderOptions options;
    options.preprocess.width = description.imageSize.width;
    options.preprocess.height = description.imageSize.height;
    options.preprocess.cropToAspectRatio = description.cropToAspectRatio;
    options.batchSize = static_cast<std::size_t>(std::max(batchSize, 1));
    options.threads = threads;
    return options;
}

// The top class's probability of each row at temperature 1, for the "before" of the calibration figures.
std::vector<double> uncalibratedConfidences(const ClassifierModule& module, const at::Tensor& logits) {
    const at::Tensor top = std::get<0>(module.probabilities(logits, 1.0).max(1)).to(at::kDouble).contiguous();
    return std::vector<double>(top.data_ptr<double>(), top.data_ptr<double>() + top.numel());
}

// Outcomes (label, loss, probabilities) for one decoded batch. The probabilities are calibrated; the loss
// is the network's own (Keras's evaluate, and the val_loss of training), computed on the logits.
void evaluateBatch(ClassifierModule& module, const ModelCalibration& calibration, const ImageBatch& batch,
                   const std::vector<fs::path>& files, const std::vector<int>& labels,
                   std::vector<ImageOutcome>& outcomes) {
    const int64_t count = static_cast<int64_t>(batch.size());
    const at::Tensor logits = classifierLogits(module, batch.chw.data(), count, batch.height, batch.width);
    std::vector<int64_t> batchLabels;
    for (const std::size_t index : batch.indices) batchLabels.push_back(labels[index]);
    const double temperature = calibration.temperature;
    const at::Tensor losses =
        module.perImageLoss(logits, at::tensor(batchLabels, at::kLong)).to(at::kDouble).contiguous();
    const at::Tensor probabilities = module.probabilities(logits, temperature).contiguous();
    const std::vector<double> before =
        temperature != 1.0 ? uncalibratedConfidences(module, logits) : std::vector<double>{};
    const float* p = probabilities.data_ptr<float>();
    const std::size_t classCount = static_cast<std::size_t>(probabilities.size(1));
    for (int64_t i = 0; i < count; ++i) {
        const std::size_t row = static_cast<std::size_t>(i);
        ImageOutcome outcome;
        outcome.file = files[batch.indices[row]];
        outcome.label = static_cast<int>(batchLabels[row]);
        outcome.loss = losses.data_ptr<double>()[i];
        outcome.probabilities.assign(p + row * classCount, p + (row + 1) * classCount);
        if (!before.empty()) outcome.uncalibratedConfidence = before[row];
        outcomes.push_back(std::move(outcome));
    }
}

// Where the class folders are: the folder itself, or its test/ folder when it is a dataset root.
fs::path classParentFor(const fs::path& folder, const DatasetIndex& index,
                        const std::vector<std::string>& known) {
    const fs::path test = folder / "test";
    std::error_code error;
    if (index.layout == SplitLayout::SplitFolders) {
        if (!fs::is_directory(test, error))
            throw Error(folder,
                        "has train/ and val/ folders but no test/ folder; give the folder of the images "
                        "to evaluate");
        return test;
    }
    // train/ and test/ without val/ index as two classes named after them.
    const bool testIsClass = std::find(known.begin(), known.end(), "test") != known.end();
    const bool hasTestFolder =
        std::find(index.classNames.begin(), index.classNames.end(), "test") != index.classNames.end();
    return hasTestFolder && !testIsClass ? test : folder;
}

std::string listClasses(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    return list;
}

}  // namespace

EvaluationResult evaluateFiles(const TrainedModel& model, const std::vector<fs::path>& files,
                               const std::vector<int>& labels, const BatchRunOptions& options) {
    const TensorMemoryScope memory;
    const ModelDescription& description = model.description();
    if (files.size() != labels.size())
        throw Error(std::to_string(files.size()) + " files with " + std::to_string(labels.size()) +
                    " labels");
    for (std::size_t i = 0; i < files.size(); ++i)
        if (labels[i] < 0 || labels[i] >= description.head.classCount)
            throw Error(files[i], "label " + std::to_string(labels[i]) + " is not one of the model's " +
                                      std::to_string(description.head.classCount) + " classes");

    ClassifierModule& module = *model.impl().module;
    std::vector<ImageOutcome> outcomes;
    std::vector<ImageFailure> failures;
    bool stopped = false;
    {
        ImageBatchLoader loader(files, loaderOptionsFor(description, options.batchSize, options.threads));
        const EvalModeGuard evalMode(module);
        const c10::InferenceMode inferenceMode;
        std::size_t done = 0;
        for (;;) {
            if (options.cancelRequested()) {
                stopped = true;
                loader.cancel();
                break;
            }
            std::optional<ImageBatch> batch = loader.next();
            if (!batch) break;
            failures.insert(failures.end(), batch->failures.begin(), batch->failures.end());
            if (batch->size() > 0)
                evaluateBatch(module, description.calibration, *batch, files, labels, outcomes);
            done += batch->size() + batch->failures.size();
            if (options.progress) options.progress(done, files.size());
        }
    }
    EvaluationResult result =
        summarizeEvaluation(description.classNames, std::move(outcomes), description.head.binary());
    result.failures = std::move(failures);
    result.calibration.temperature = description.calibration.temperature;
    result.calibration.fitted = description.calibration.fitted;
    result.pretrained = description.pretrained;
    result.cancelled = stopped;
    return result;
}

EvaluationResult evaluateFolder(const TrainedModel& model, const fs::path& folder,
                                const BatchRunOptions& options) {
    const std::vector<std::string>& known = model.description().classNames;
    DatasetIndex index = indexDataset(folder);
    const fs::path classParent = classParentFor(folder, index, known);
    if (classParent != folder) index = indexDataset(classParent);

    std::map<std::string, int> labelOf;
    for (std::size_t i = 0; i < known.size(); ++i) labelOf[known[i]] = static_cast<int>(i);
    std::vector<int> modelLabel;  // index's label -> the model's
    for (const std::string& name : index.classNames) {
        const auto found = labelOf.find(name);
        if (found == labelOf.end())
            throw Error(
                classParent / fs::u8path(name),
                "class folder '" + name + "' is not one of the model's classes (" + listClasses(known) + ")");
        modelLabel.push_back(found->second);
    }
    std::vector<fs::path> files;
    std::vector<int> labels;
    for (const IndexedFile& file : index.files) {
        files.push_back(file.path);
        labels.push_back(modelLabel[static_cast<size_t>(file.label)]);
    }
    if (files.empty()) throw Error(classParent, "no images to evaluate (one sub-folder of images per class)");

    EvaluationResult result = evaluateFiles(model, files, labels, options);
    for (const SkippedFile& skipped : index.skipped)
        result.failures.push_back({SIZE_MAX, skipped.path, skipped.reason});
    return result;
}

}  // namespace tlw
