// tlw evaluate MODEL DATA_DIR: a trained model on labelled images, reported as Keras's evaluate and
// scikit-learn's classification_report and confusion_matrix would (or as JSON).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "core/eval/evaluation.h"
#include "core/models/trained_model.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct EvaluateArguments {
    std::string model;
    std::string dataDir;
    bool json = false;
    int batchSize = 32;
    int threads = 0;
};

void runEvaluate(const EvaluateArguments& arguments) {
    setComputeThreads(arguments.threads);
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.model));
    TerminalProgress progress;
    BatchRunOptions options;
    options.batchSize = arguments.batchSize;
    options.threads = arguments.threads;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("evaluating", done, total);
    };
    const std::filesystem::path folder = std::filesystem::u8path(arguments.dataDir);
    const EvaluationResult result = evaluateFolder(model, folder, options);
    progress.end();
    if (result.imageCount() == 0)
        throw Error(folder, "none of the " + std::to_string(result.failures.size()) +
                                " images could be read (see tlw scan " + folder.u8string() + ")");
    if (arguments.json)
        std::cout << evaluationToJson(result, folder) << '\n';
    else
        std::cout << formatEvaluationReport(result);
}

}  // namespace

void addEvaluateCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<EvaluateArguments>();
    CLI::App* command = app.add_subcommand(
        "evaluate",
        "Evaluate a trained model on labelled images: loss, accuracy, balanced accuracy, per-class "
        "precision/recall/F1, the confusion matrix and the worst mistakes");
    command->add_option("model", arguments->model, "The model file (.tlwm) written by tlw train")->required();
    command
        ->add_option("data_dir", arguments->dataDir,
                     "One sub-folder of images per class (named as the model's classes), or a dataset "
                     "root whose test/ folder holds them")
        ->required();
    command->add_flag("--json", arguments->json,
                      "Everything as one JSON document, per-image losses and probabilities included");
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->check(CLI::Range(1, 65536))
        ->capture_default_str();
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments] { runEvaluate(*arguments); });
}

}  // namespace tlw::cli
