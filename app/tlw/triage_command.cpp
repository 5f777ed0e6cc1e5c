// tlw triage MODEL FOLDER [--class C] --csv OUT [--copy-to DIR | --link-to DIR]: an unlabelled folder ranked
// by the probability of one class, or sorted into a folder per answer (unknown/ under the model's
// thresholds). The originals are only read.
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
#include "core/eval/decision_rule.h"
#include "core/eval/folder_triage.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/text_width.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {

namespace fs = std::filesystem;

struct TriageArguments {
    std::string model;
    std::string folder;
    std::string className;
    std::string csv;
    std::string copyTo;
    std::string linkTo;
    bool overwrite = false;
    int show = 10;
    std::size_t batchSize = 16;
    int threads = 0;
};

std::string answerName(const TriageResult& result, int answer) {
    return answer == kUnknownClass ? std::string(kUnknownAnswer)
                                   : result.classNames.at(static_cast<std::size_t>(answer));
}

// "   1. 0.9821  bees  FOLDER/x.jpg": the first `show` ranked images, with the ranked probability.
void printTop(const TriageResult& result, int show) {
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(std::max(show, 0)),
                                                    result.images.size() - result.unreadableCount());
    if (count == 0) return;
    std::cout << (result.rankedClass >= 0 ? "Most probably " + result.classNames[result.rankedClass] + ":"
                                          : std::string("Surest answers:"))
              << '\n';
    std::size_t answerWidth = 0;
    for (std::size_t i = 0; i < count; ++i)
        answerWidth =
            std::max(answerWidth, displayWidth(answerName(result, result.images[i].prediction.answer)));
    for (std::size_t i = 0; i < count; ++i) {
        const ImagePrediction& prediction = result.images[i].prediction;
        const int shown = result.rankedClass >= 0
                              ? result.rankedClass
                              : static_cast<int>(std::max_element(prediction.probabilities.begin(),
                                                                  prediction.probabilities.end()) -
                                                 prediction.probabilities.begin());
        char text[64];
        std::snprintf(text, sizeof text, "%4zu. %.4f  ", result.images[i].rank,
                      double(prediction.probabilities[static_cast<std::size_t>(shown)]));
        std::cout << text << padRight(answerName(result, prediction.answer), answerWidth) << "  "
                  << printableText(prediction.file.u8string()) << '\n';
    }
}

// "bees 41, ants 30, unknown 7"
void printAnswerCounts(const TriageResult& result) {
    std::string line;
    for (std::size_t c = 0; c < result.classNames.size(); ++c)
        line += (line.empty() ? "" : ", ") + result.classNames[c] + " " +
                std::to_string(result.answerCount(static_cast<int>(c)));
    line += ", " + std::string(kUnknownAnswer) + " " + std::to_string(result.answerCount(kUnknownClass));
    std::cout << "Answers: " << printableText(line) << '\n';
}

// The copies' summary, then each renamed copy and each failure on a line of its own.
void printPlacement(const TriageResult& result, const TriageArguments& arguments) {
    const bool links = !arguments.linkTo.empty();
    const std::string destination = links ? arguments.linkTo : arguments.copyTo;
    std::cerr << "tlw: " << (links ? "linked " : "copied ") << result.placedCount() << " images into "
              << printableText(destination)
              << (result.rankedClass >= 0 ? " (rank first in each name)" : " (a folder per answer)") << '\n';
    for (const TriagedImage& image : result.images) {
        if (image.renamed)
            std::cerr << "tlw: name taken, so " << printableText(image.prediction.file.u8string()) << " -> "
                      << printableText(image.placedAt.u8string()) << '\n';
        if (!image.placeError.empty())
            std::cerr << "tlw: not placed: " << printableText(image.placeError) << '\n';
    }
}

TriageOptions optionsOf(const TriageArguments& arguments) {
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    if (!arguments.copyTo.empty() && !arguments.linkTo.empty())
        throw Error("--copy-to and --link-to exclude each other: choose copies or links");
    TriageOptions options;
    options.rankedClass = arguments.className;
    if (!arguments.copyTo.empty()) {
        options.placement = TriagePlacement::Copy;
        options.destination = fs::u8path(arguments.copyTo);
    } else if (!arguments.linkTo.empty()) {
        options.placement = TriagePlacement::Symlink;
        options.destination = fs::u8path(arguments.linkTo);
    }
    options.batchSize = static_cast<int>(std::min<std::size_t>(arguments.batchSize, 65536));
    options.threads = arguments.threads;
    return options;
}

void runTriage(const TriageArguments& arguments) {
    TriageOptions options = optionsOf(arguments);
    // Checked before the work, so that a long pass does not end in a refusal.
    const fs::path csv = fs::u8path(arguments.csv);
    std::error_code error;
    if (!arguments.overwrite && fs::exists(csv, error)) throw Error(csv, "exists; --overwrite replaces it");
    setComputeThreads(arguments.threads);
    const TrainedModel model = TrainedModel::load(fs::u8path(arguments.model));
    TerminalProgress progress;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("predicting", done, total);
    };
    const TriageResult result = triageFolder(model, fs::u8path(arguments.folder), options);
    progress.end();
    if (result.images.empty()) throw Error(fs::u8path(arguments.folder), "no image files in the folder");
    writeFileAtomically(csv, triageToCsv(result));
    printTop(result, arguments.show);
    printAnswerCounts(result);
    std::cout.flush();
    std::vector<SkippedFile> unreadable;
    for (const TriagedImage& image : result.images)
        if (!image.prediction.error.empty())
            unreadable.push_back({image.prediction.file, image.prediction.error});
    printSkippedFiles(unreadable);
    std::cerr << "tlw: wrote " << csv.u8string() << ": " << result.images.size()
              << " images, most probable first\n";
    if (options.placement != TriagePlacement::None) printPlacement(result, arguments);
    if (unreadable.size() == result.images.size()) throw Error("none of the images could be read");
}

}  // namespace

void addTriageCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<TriageArguments>();
    CLI::App* command = app.add_subcommand("triage",
                                           "Rank an unlabelled folder's images by the probability of a class "
                                           "(--class), or sort them into a folder "
                                           "per answer; the originals are only read");
    command->add_option("model", arguments->model, "The trained model (.tlwm)")->required();
    command->add_option("folder", arguments->folder, "The images (searched recursively)")->required();
    command->add_option("--class", arguments->className,
                        "Rank by this class's (calibrated) probability; default: by each image's answer");
    command
        ->add_option("--csv", arguments->csv,
                     "Write rank,file,answer,p_<class>...,placed_at,error here, most probable first")
        ->required();
    command->add_flag("--overwrite", arguments->overwrite, "Replace the CSV file when it exists");
    command->add_option(
        "--copy-to", arguments->copyTo,
        "Copy the images here: into DIR/<answer>/ (unknown/ under the model's thresholds), or "
        "with --class into DIR with the rank in front of each name. Existing files stay; a "
        "taken name gets _2, _3...");
    command->add_option(
        "--link-to", arguments->linkTo,
        "As --copy-to, with symbolic links to the originals (absolute paths) instead of copies");
    command->add_option("--show", arguments->show, "Ranked images to print")->capture_default_str();
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->capture_default_str();
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments] { runTriage(*arguments); });
}

}  // namespace tlw::cli
