#include "core/eval/prediction.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/data/dataset_index.h"
#include "core/data/image_batch_loader.h"
#include "core/eval/decision_rule.h"
#include "core/models/classifier_inference.h"
#include "core/models/classifier_module.h"
#include "core/util/csv_field.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// Image files under a folder, recursively, in byte order of their paths. Hidden files and folders are
// skipped; folder links are not followed (no loops), file links are.
std::vector<fs::path> imagesUnder(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    if (error) throw Error(folder, "cannot open folder: " + error.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) throw Error(it->path(), "cannot read folder: " + error.message());
        if (isHiddenEntry(it->path())) {
            if (it->is_directory(error)) it.disable_recursion_pending();
            continue;
        }
        // A pipe or device named like an image is listed too, so that its prediction names it and says what
        // it is (the loader never opens it for reading); skipping it said nothing (issue 18).
        if (hasImageExtension(it->path()) && !it->is_directory(error)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
    return files;
}

std::string probabilityText(double probability) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", probability);
    return text;
}

}  // namespace

std::vector<fs::path> collectImageFiles(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    std::set<fs::path> seen;  // a file given twice, or also inside a given folder, is predicted once
    const auto add = [&](const fs::path& file) {
        if (seen.insert(file.lexically_normal()).second) files.push_back(file);
    };
    for (const fs::path& path : paths) {
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (!fs::exists(status)) throw Error(path, "no such file or folder");
        if (error) throw Error(path, "cannot open: " + error.message());
        if (fs::is_directory(status)) {
            for (const fs::path& file : imagesUnder(path)) add(file);
        } else {
            add(path);  // as given: the content, not the extension, decides whether it is an image
        }
    }
    return files;
}

std::vector<ImagePrediction> predictImages(const TrainedModel& model, const std::vector<fs::path>& paths,
                                           const PredictionOptions& options) {
    const TensorMemoryScope memory;
    const ModelDescription& description = model.description();
    const std::vector<fs::path> files = collectImageFiles(paths);
    std::vector<ImagePrediction> predictions(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) predictions[i].file = files[i];
    const int topK = std::clamp(options.topK, 0, description.head.classCount);
    const DecisionThresholds decision = options.decision.value_or(description.decision);

    BatchLoaderOptions loaderOptions;
    loaderOptions.preprocess.width = description.imageSize.width;
    loaderOptions.preprocess.height = description.imageSize.height;
    loaderOptions.preprocess.cropToAspectRatio = description.cropToAspectRatio;
    loaderOptions.batchSize = static_cast<std::size_t>(std::max(options.batchSize, 1));
    loaderOptions.threads = options.threads;
    ImageBatchLoader loader(files, loaderOptions);

    ClassifierModule& module = *model.impl().module;
    const EvalModeGuard evalMode(module);
    const c10::InferenceMode inferenceMode;
    std::size_t done = 0;
    for (;;) {
        if (options.cancelRequested()) {
            loader.cancel();
            predictions.resize(done);  // batches arrive in order: the first `done` are complete
            break;
        }
        std::optional<ImageBatch> batch = loader.next();
        if (!batch) break;
        for (const ImageFailure& failure : batch->failures) predictions[failure.index].error = failure.reason;
        if (batch->size() > 0) {
            const at::Tensor logits = classifierLogits(
                module, batch->chw.data(), static_cast<int64_t>(batch->size()), batch->height, batch->width);
            const at::Tensor probabilities =
                module.probabilities(logits, description.calibration.temperature).contiguous();
            const float* p = probabilities.data_ptr<float>();
            const std::size_t classCount = static_cast<std::size_t>(probabilities.size(1));
            for (std::size_t i = 0; i < batch->size(); ++i) {
                ImagePrediction& prediction = predictions[batch->indices[i]];
                prediction.probabilities.assign(p + i * classCount, p + (i + 1) * classCount);
                prediction.top = topClasses(prediction.probabilities, description.classNames, topK);
                prediction.answer = decideClass(prediction.probabilities, decision);
            }
        }
        done += batch->size() + batch->failures.size();
        if (options.progress) options.progress(done, files.size());
    }
    return predictions;
}

std::string predictionsToCsv(const std::vector<ImagePrediction>& predictions,
                             const std::vector<std::string>& classNames, const DecisionThresholds& decision) {
    const bool answers = decision.any();
    std::string csv = answers ? "file,top1,top1_probability,answer" : "file,top1,top1_probability";
    for (const std::string& name : classNames) csv += "," + csvField("p_" + name);
    csv += ",error\n";
    for (const ImagePrediction& prediction : predictions) {
        csv += csvField(prediction.file.u8string());
        // The best class from the probabilities, so a row is complete even when topK was 0.
        const std::vector<ClassScore> best =
            prediction.probabilities.size() == classNames.size() && !classNames.empty()
                ? topClasses(prediction.probabilities, classNames, 1)
                : std::vector<ClassScore>{};
        if (best.empty()) {
            csv += answers ? ",,," : ",,";
            for (std::size_t c = 0; c < classNames.size(); ++c) csv += ",";
        } else {
            csv += "," + csvField(best[0].className) + "," + probabilityText(best[0].probability);
            if (answers) {
                const int answer = decideClass(prediction.probabilities, decision);
                csv += "," + csvField(answer == kUnknownClass ? kUnknownAnswer
                                                              : classNames[static_cast<std::size_t>(answer)]);
            }
            for (const float probability : prediction.probabilities)
                csv += "," + probabilityText(probability);
        }
        csv += "," + csvField(prediction.error) + "\n";
    }
    return csv;
}

}  // namespace tlw
