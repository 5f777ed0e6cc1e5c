// tlw predict: what a network sees in images. Two modes share the command:
// - `tlw predict --imagenet IMAGE...`: the full VGG16's top-K ImageNet classes, as Keras's
// decode_predictions;
// - `tlw predict MODEL IMAGE...`: a trained model's top-K classes, optionally all of them as CSV.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "app/tlw/weights_hint.h"
#include "core/eval/decision_rule.h"
#include "core/eval/prediction.h"
#include "core/infer/imagenet_predictor.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/text_width.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {

struct PredictArguments {
    std::vector<std::string> paths;  // --imagenet: images and folders; otherwise MODEL, then images
    bool imagenet = false;
    int topK = 5;
    std::string csv;
    std::string weights;
    bool download = false;
    std::size_t batchSize = 8;
    int threads = 0;
    // Set in the callback from the options' counts (CLI11 2.1 has no std::optional options).
    std::optional<double> threshold;     // two classes: the second one when its probability reaches it
    std::optional<double> unknownBelow;  // "unknown" when the chosen class's probability is below it
    double thresholdValue = 0.5;
    double unknownBelowValue = 0.0;
    std::vector<double> classThresholds;  // one per class: "unknown" below the chosen class's own value
    bool saveThresholds = false;          // write them into the model file
};

// "  1. bee           0.9134": rank, Keras's label (decode_predictions's second field), probability.
void printImageNetTop(const ImageNetImagePrediction& image) {
    std::cout << printableText(image.file.string()) << '\n';
    std::size_t labelWidth = 0;
    for (const ImageNetPrediction& prediction : image.top)
        labelWidth = std::max(labelWidth, imagenetKerasLabel(prediction.classIndex).size());
    const int rankWidth = image.top.size() >= 10 ? (image.top.size() >= 100 ? 4 : 3) : 2;
    for (std::size_t rank = 0; rank < image.top.size(); ++rank) {
        const ImageNetPrediction& prediction = image.top[rank];
        const std::string label = imagenetKerasLabel(prediction.classIndex);
        char line[64];
        std::snprintf(line, sizeof line, "%*zu. ", rankWidth, rank + 1);
        std::cout << "  " << line << label << std::string(labelWidth - label.size() + 2, ' ');
        std::snprintf(line, sizeof line, "%.4f", prediction.probability);
        std::cout << line << '\n';
    }
}

void runImageNetPrediction(const PredictArguments& arguments) {
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    ImageNetPredictionOptions options;
    options.inputs.assign(arguments.paths.begin(), arguments.paths.end());
    options.topK = arguments.topK;
    if (!arguments.weights.empty()) options.weightsFile = std::filesystem::path(arguments.weights);
    options.batchSize = arguments.batchSize;
    options.threads = arguments.threads;
    TerminalProgress progress;
    options.download.allowed = arguments.download;
    options.download.progress = [&progress](const DownloadProgress& done) { progress.download(done); };
    setComputeThreads(arguments.threads);

    ImageNetPredictionResult result;
    try {
        result = predictImageNetClasses(options);
    } catch (const Error& e) {
        const std::string advice = missingWeightsAdvice(e, BackboneKind::Vgg16, true, "");
        if (advice.empty()) throw;
        throw Error(e.what() + advice);
    }
    progress.end();
    for (std::size_t i = 0; i < result.images.size(); ++i) {
        if (i > 0) std::cout << '\n';
        printImageNetTop(result.images[i]);
    }
    printSkippedFiles(result.skipped);
    if (result.images.empty()) throw Error("none of the images could be read");
}

// "  1. bees  0.9134": rank, class name (aligned by display width, for CJK names), probability; with
// thresholds, then "  answer: bees" (or "unknown").
void printModelTop(const ImagePrediction& image, const std::vector<std::string>& classNames, bool answers) {
    std::cout << printableText(image.file.u8string()) << '\n';
    std::size_t nameWidth = 0;
    for (const ClassScore& score : image.top) nameWidth = std::max(nameWidth, displayWidth(score.className));
    const int rankWidth = image.top.size() >= 10 ? (image.top.size() >= 100 ? 4 : 3) : 2;
    for (std::size_t rank = 0; rank < image.top.size(); ++rank) {
        const ClassScore& score = image.top[rank];
        char text[64];
        std::snprintf(text, sizeof text, "%*zu. ", rankWidth, rank + 1);
        std::cout << "  " << text << padRight(score.className, nameWidth) << "  ";
        std::snprintf(text, sizeof text, "%.4f", score.probability);
        std::cout << text << '\n';
    }
    if (answers)
        std::cout << "  answer: "
                  << (image.answer == kUnknownClass ? kUnknownAnswer
                                                    : classNames.at(static_cast<std::size_t>(image.answer)))
                  << '\n';
}

// The model's thresholds with the command line's laid over them; checked against the model.
DecisionThresholds effectiveThresholds(const PredictArguments& arguments, const TrainedModel& model) {
    DecisionThresholds decision = model.description().decision;
    if (arguments.threshold) {
        if (model.description().head.classCount != 2)
            throw Error("--threshold is for two-class models; this one has " +
                        std::to_string(model.description().head.classCount) +
                        " classes (--unknown-below works for any number)");
        decision.positiveThreshold = arguments.threshold;
    }
    if (arguments.unknownBelow) decision.unknownBelow = arguments.unknownBelow;
    if (!arguments.classThresholds.empty()) {
        const std::size_t classes = model.description().classNames.size();
        if (arguments.classThresholds.size() != classes)
            throw Error("--class-thresholds needs one value per class, in label order: this model has " +
                        std::to_string(classes) + ", got " +
                        std::to_string(arguments.classThresholds.size()));
        decision.classThresholds = arguments.classThresholds;
    }
    return decision;
}

// --save-thresholds: the model file gets them, written atomically, nothing else in it changed.
void saveThresholds(const PredictArguments& arguments, const DecisionThresholds& decision) {
    const std::filesystem::path file = std::filesystem::u8path(arguments.paths.front());
    TrainedModel model = TrainedModel::load(file);
    model.setDecisionThresholds(decision);
    model.save(file);
    std::cerr << "tlw: saved the thresholds in " << file.u8string() << ": "
              << decisionSummary(decision, model.description().classNames) << '\n';
}

// The flags that only the ImageNet mode reads must not be silently ignored with a trained model.
void rejectImageNetOptions(const PredictArguments& arguments) {
    if (!arguments.weights.empty())
        throw Error("--weights is for --imagenet; a trained model holds its weights");
    if (arguments.download) throw Error("--download is for --imagenet; a trained model holds its weights");
}

// MODEL is paths[0], the images follow.
void runModelPrediction(const PredictArguments& arguments) {
    rejectImageNetOptions(arguments);
    if (arguments.paths.size() < 2)
        throw Error("give images or folders after the model: tlw predict MODEL PATH...");
    if (arguments.topK < 1) throw Error("--top-k must be at least 1, got " + std::to_string(arguments.topK));
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    setComputeThreads(arguments.threads);
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.paths.front()));
    const DecisionThresholds decision = effectiveThresholds(arguments, model);
    std::vector<std::filesystem::path> inputs;
    for (std::size_t i = 1; i < arguments.paths.size(); ++i)
        inputs.push_back(std::filesystem::u8path(arguments.paths[i]));

    TerminalProgress progress;
    PredictionOptions options;
    options.topK = arguments.topK;
    options.decision = decision;
    options.batchSize = static_cast<int>(std::min<std::size_t>(arguments.batchSize, 65536));
    options.threads = arguments.threads;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("predicting", done, total);
    };
    const std::vector<ImagePrediction> predictions = predictImages(model, inputs, options);
    progress.end();
    if (predictions.empty()) throw Error("no image files found in the paths given");

    std::vector<SkippedFile> failed;
    bool first = true;
    for (const ImagePrediction& prediction : predictions) {
        if (!prediction.error.empty()) {
            failed.push_back({prediction.file, prediction.error});
            continue;
        }
        if (!first) std::cout << '\n';
        first = false;
        printModelTop(prediction, model.description().classNames, decision.any());
    }
    std::cout.flush();
    printSkippedFiles(failed);
    if (failed.size() == predictions.size())
        throw Error(predictions.size() == 1
                        ? std::string("the image could not be read")
                        : "none of the " + std::to_string(predictions.size()) + " images could be read");
    if (!arguments.csv.empty()) {
        const std::filesystem::path csv = std::filesystem::u8path(arguments.csv);
        writeFileAtomically(csv, predictionsToCsv(predictions, model.description().classNames, decision));
        std::cerr << "tlw: wrote " << csv.u8string() << ": every class's probability for "
                  << predictions.size() << (predictions.size() == 1 ? " image" : " images") << '\n';
    }
    if (arguments.saveThresholds) saveThresholds(arguments, decision);
}

}  // namespace

void addPredictCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<PredictArguments>();
    CLI::App* command = app.add_subcommand(
        "predict",
        "Classify images: MODEL PATH... gives a trained model's top classes (--csv for all of them); "
        "--imagenet PATH... gives the full VGG16's top ImageNet classes");
    command
        ->add_option("paths", arguments->paths,
                     "With --imagenet: image files and folders (searched recursively). Otherwise: MODEL, "
                     "then images")
        ->required();
    command->add_flag("--imagenet", arguments->imagenet,
                      "Keras's VGG16() with its ImageNet top (224x224; needs "
                      "vgg16_weights_tf_dim_ordering_tf_kernels.h5)");
    command->add_option("--top-k", arguments->topK, "Classes per image, most probable first")
        ->capture_default_str();
    command->add_option("--csv", arguments->csv,
                        "With a trained model: also write file,top1,top1_probability,p_<class>...,error for "
                        "every image to this CSV file (replaced atomically)");
    command->add_option("--weights", arguments->weights,
                        "The full VGG16 .h5 file; default: discovery ($TLW_WEIGHTS_DIR, ~/.keras/models/)");
    command->add_flag("--download", arguments->download,
                      "When the weights are not found, download the official Keras file (553 MB)");
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->capture_default_str();
    CLI::Option* threshold =
        command
            ->add_option("--threshold", arguments->thresholdValue,
                         "Two-class models: answer the second class when its (calibrated) probability is at "
                         "least this, else the first (default: the model's stored threshold, or 0.5)")
            ->check(CLI::Range(0.0, 1.0));
    CLI::Option* unknownBelow =
        command
            ->add_option("--unknown-below", arguments->unknownBelowValue,
                         "Answer \"unknown\" when the chosen class's probability is below this (default: the "
                         "model's stored value, or never)")
            ->check(CLI::Range(0.0, 1.0));
    command
        ->add_option("--class-thresholds", arguments->classThresholds,
                     "One threshold per class, comma-separated in label order: answer \"unknown\" when the "
                     "chosen class's probability is below its own value (default: the model's stored ones)")
        ->delimiter(',')
        ->check(CLI::Range(0.0, 1.0));
    command->add_flag("--save-thresholds", arguments->saveThresholds,
                      "Store --threshold, --unknown-below and --class-thresholds in the model file "
                      "(rewritten atomically), so "
                      "that later predictions, the Predict page and exports use them");
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments, threshold, unknownBelow] {
        if (threshold->count() > 0) arguments->threshold = arguments->thresholdValue;
        if (unknownBelow->count() > 0) arguments->unknownBelow = arguments->unknownBelowValue;
        if (arguments->imagenet && !arguments->csv.empty())
            throw Error("--csv is for trained models (tlw predict MODEL PATH... --csv FILE)");
        if (arguments->imagenet && (arguments->threshold || arguments->unknownBelow ||
                                    !arguments->classThresholds.empty() || arguments->saveThresholds))
            throw Error(
                "--threshold, --unknown-below, --class-thresholds and --save-thresholds are for trained "
                "models");
        if (arguments->imagenet)
            runImageNetPrediction(*arguments);
        else
            runModelPrediction(*arguments);
    });
}

}  // namespace tlw::cli
