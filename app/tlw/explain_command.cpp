// tlw explain MODEL IMAGE... --out DIR [--class C]: where the model looked (Grad-CAM), per image an overlay
// PNG with a colour bar and the raw map as .npy.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "core/infer/explain_images.h"
#include "core/models/trained_model.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {

struct ExplainArguments {
    std::vector<std::string> paths;  // MODEL, then images and folders
    std::string out;
    std::string className;
    bool overwrite = false;
    int threads = 0;
};

// "IMAGE: bees 0.9731 (predicted bees) -> OUT/x.gradcam.png"
void printExplained(const ExplainedImage& image) {
    char probability[32];
    std::snprintf(probability, sizeof probability, "%.4f", image.map.probability);
    std::cout << printableText(image.file.u8string()) << ": " << image.map.className << ' ' << probability;
    if (image.map.predictedClass != image.map.classIndex) std::cout << " (not the predicted class)";
    std::cout << " -> " << printableText(image.overlay.u8string()) << '\n';
}

void runExplain(const ExplainArguments& arguments) {
    if (arguments.paths.size() < 2)
        throw Error("give images or folders after the model: tlw explain MODEL PATH... --out DIR");
    setComputeThreads(arguments.threads);
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.paths.front()));
    ExplainOptions options;
    options.outDir = std::filesystem::u8path(arguments.out);
    options.overwrite = arguments.overwrite;
    if (!arguments.className.empty())
        options.classIndex = parseClassIndex(arguments.className, model.description().classNames);
    TerminalProgress progress;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("explaining", done, total);
    };
    std::vector<std::filesystem::path> inputs;
    for (std::size_t i = 1; i < arguments.paths.size(); ++i)
        inputs.push_back(std::filesystem::u8path(arguments.paths[i]));

    const std::vector<ExplainedImage> explained = explainImages(model, inputs, options);
    progress.end();
    if (explained.empty()) throw Error("no image files found in the paths given");
    std::vector<SkippedFile> failed;
    for (const ExplainedImage& image : explained) {
        if (image.error.empty())
            printExplained(image);
        else
            failed.push_back({image.file, image.error});
    }
    std::cout.flush();
    printSkippedFiles(failed);
    if (failed.size() == explained.size()) throw Error("none of the images could be read");
}

}  // namespace

void addExplainCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<ExplainArguments>();
    CLI::App* command = app.add_subcommand(
        "explain",
        "Where a trained model looked (Grad-CAM on the last convolutional block): per image an overlay PNG "
        "and the raw map as .npy");
    command
        ->add_option("paths", arguments->paths, "MODEL, then image files and folders (searched recursively)")
        ->required();
    command
        ->add_option("--out", arguments->out, "Folder for IMAGE.gradcam.png and IMAGE.gradcam.npy (created)")
        ->required();
    command->add_option("--class", arguments->className,
                        "The class to explain, by name or index; default: each image's predicted class");
    command->add_flag("--overwrite", arguments->overwrite, "Replace output files that exist");
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments] { runExplain(*arguments); });
}

}  // namespace tlw::cli
