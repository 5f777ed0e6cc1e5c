// tlw similar MODEL IMAGE... [--k 5] [--per-class] [--csv OUT]: the training images each image resembles
// most, by cosine similarity of the model's pooled features.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "core/eval/similar_images.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/text_width.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {

struct SimilarArguments {
    std::vector<std::string> paths;  // MODEL, then images and folders
    int k = 5;
    bool perClass = false;
    std::string csv;
    std::string data;
    bool overwrite = false;
    std::size_t batchSize = 16;
    int threads = 0;
};

// "  1. 0.9421  bees  DATA/train/bees/x.jpg": rank, similarity, class (aligned by display width), file.
void printSimilar(const SimilarImages& image) {
    std::cout << printableText(image.file.u8string()) << '\n';
    std::size_t classWidth = 0;
    for (const SimilarExample& example : image.nearest)
        classWidth = std::max(classWidth, displayWidth(example.className));
    for (std::size_t rank = 0; rank < image.nearest.size(); ++rank) {
        const SimilarExample& example = image.nearest[rank];
        char text[64];
        std::snprintf(text, sizeof text, "%3zu. %.4f  ", rank + 1, double(example.similarity));
        std::cout << "  " << text << padRight(example.className, classWidth) << "  "
                  << printableText(example.file.u8string()) << '\n';
    }
}

SimilarImagesOptions optionsOf(const SimilarArguments& arguments) {
    if (arguments.k < 1) throw Error("--k must be at least 1, got " + std::to_string(arguments.k));
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    SimilarImagesOptions options;
    options.k = arguments.k;
    options.perClass = arguments.perClass;
    options.batchSize = static_cast<int>(std::min<std::size_t>(arguments.batchSize, 65536));
    options.threads = arguments.threads;
    if (!arguments.data.empty()) options.dataDir = std::filesystem::u8path(arguments.data);
    return options;
}

void writeCsv(const SimilarArguments& arguments, const SimilarImagesResult& result) {
    const std::filesystem::path csv = std::filesystem::u8path(arguments.csv);
    writeFileAtomically(csv, similarImagesToCsv(result.images));
    std::cerr << "tlw: wrote " << csv.u8string() << '\n';
}

void runSimilar(const SimilarArguments& arguments) {
    if (arguments.paths.size() < 2)
        throw Error("give images or folders after the model: tlw similar MODEL PATH...");
    SimilarImagesOptions options = optionsOf(arguments);
    // Checked before the work, so that a long search does not end in a refusal.
    std::error_code error;
    if (!arguments.csv.empty() && !arguments.overwrite &&
        std::filesystem::exists(std::filesystem::u8path(arguments.csv), error))
        throw Error(std::filesystem::u8path(arguments.csv), "exists; --overwrite replaces it");
    setComputeThreads(arguments.threads);
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.paths.front()));
    TerminalProgress progress;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("training features", done, total);
    };
    std::vector<std::filesystem::path> inputs;
    for (std::size_t i = 1; i < arguments.paths.size(); ++i)
        inputs.push_back(std::filesystem::u8path(arguments.paths[i]));

    const SimilarImagesResult result = findSimilarTrainingImages(model, inputs, options);
    progress.end();
    for (const std::string& note : result.notes) std::cerr << "tlw: " << printableText(note) << '\n';
    std::cerr << "tlw: " << result.trainingImages << " training images; features: " << result.featuresReused
              << " from the cache, " << result.featuresComputed << " computed ("
              << printableText(result.cacheDirectory.u8string()) << ")\n";
    if (result.images.empty()) throw Error("no image files found in the paths given");
    std::vector<SkippedFile> failed;
    bool first = true;
    for (const SimilarImages& image : result.images) {
        if (!image.error.empty()) {
            failed.push_back({image.file, image.error});
            continue;
        }
        if (!first) std::cout << '\n';
        first = false;
        printSimilar(image);
    }
    std::cout.flush();
    printSkippedFiles(failed);
    if (failed.size() == result.images.size()) throw Error("none of the images could be read");
    if (!arguments.csv.empty()) writeCsv(arguments, result);
}

}  // namespace

void addSimilarCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<SimilarArguments>();
    CLI::App* command = app.add_subcommand(
        "similar",
        "The training images each image resembles most (cosine similarity of the model's pooled features)");
    command
        ->add_option("paths", arguments->paths, "MODEL, then image files and folders (searched recursively)")
        ->required();
    command->add_option("--k", arguments->k, "Nearest training images per image")->capture_default_str();
    command->add_flag("--per-class", arguments->perClass,
                      "Instead: the nearest training image of each class");
    command->add_option("--csv", arguments->csv,
                        "Also write query,rank,file,class,similarity,error to this file");
    command->add_flag("--overwrite", arguments->overwrite, "Replace the CSV file when it exists");
    command->add_option(
        "--data", arguments->data,
        "The dataset folder the model was trained on, when it has moved (default: the one the "
        "model file names)");
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->capture_default_str();
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments] { runSimilar(*arguments); });
}

}  // namespace tlw::cli
