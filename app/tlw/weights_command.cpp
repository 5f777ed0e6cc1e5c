// tlw weights: where the ImageNet weights of a backbone are found (or would be looked for), whether the file
// is a valid Keras weights file for it, and --download to fetch the official file into ~/.keras/models/.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "core/io/download.h"
#include "core/io/weights_resolver.h"
#include "core/models/backbone.h"
#include "core/models/keras_weights_file.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct WeightsOptions {
    std::string backbone = "vgg16";
    double alpha = 0.0;
    bool includeTop = false;
    std::string weights;
    bool download = false;
};

// One flipped byte changed features by up to 0.27 with no warning (issue 18): a file under the name Keras
// publishes it by must have the MD5 Keras publishes for it. Other names are the user's own weights, whose
// sum nobody knows. False when it differs.
bool reportPublishedHash(const KerasWeightsFile& published, const std::filesystem::path& file) {
    if (file.filename() != published.fileName) {
        std::cout << "not named as Keras's file (" << published.fileName
                  << "): no published checksum to compare\n";
        return true;
    }
    if (published.md5.empty()) {
        std::cout << "Keras publishes no checksum for " << published.fileName
                  << ": checked layer by layer only\n";
        return true;
    }
    const std::string md5 = md5OfFile(file);
    if (md5 == published.md5) {
        std::cout << "MD5 " << md5 << ": the published " << published.fileName << '\n';
        return true;
    }
    std::cerr << file.string() << ": MD5 " << md5 << " is not Keras's published " << published.md5 << " for "
              << published.fileName << ": the file is damaged, or not the official release\n";
    return false;
}

void runWeights(const WeightsOptions& options, CommandContext& context) {
    const BackboneKind kind = cli::backboneFromOptions(options.backbone, options.alpha);
    const std::optional<std::filesystem::path> explicitPath =
        options.weights.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.weights);
    const WeightsEnvironment environment = WeightsEnvironment::fromProcess();

    std::filesystem::path file;
    if (options.download) {
        TerminalProgress progress;
        WeightsDownloadOptions download;
        download.progress = [&progress](const DownloadProgress& done) { progress.download(done); };
        const WeightsResolution resolution =
            resolveBackboneWeights(kind, options.includeTop, explicitPath, environment, download);
        progress.end();
        file = resolution.file;
        std::cout << (resolution.downloaded ? "downloaded: " : "found: ") << file.string() << '\n';
    } else {
        const WeightsSearch search = findBackboneWeights(kind, options.includeTop, explicitPath, environment);
        for (const std::filesystem::path& candidate : search.searched)
            std::cout << "looked at: " << candidate.string() << '\n';
        if (!search.found) {
            std::cerr << search.notFoundMessage() << '\n';
            const KerasWeightsFile published = kerasWeightsFile(kind, options.includeTop);
            if (!published.url.empty())
                std::cerr << "Or run: tlw weights --backbone " << backboneId(kind)
                          << (options.includeTop ? " --include-top" : "") << " --download\n";
            context.exitCode = 1;
            return;
        }
        file = *search.found;
        std::cout << "found: " << file.string() << '\n';
    }
    checkKerasWeightsFile(kind, options.includeTop, file);
    checkKerasWeightValues(kind, options.includeTop, file);
    std::cout << "valid Keras weights for " << backboneDisplayName(kind)
              << (options.includeTop ? " with top" : " base")
              << " (every layer's shape; no NaN or infinity)\n";
    if (!reportPublishedHash(kerasWeightsFile(kind, options.includeTop), file)) context.exitCode = 1;
}

}  // namespace

void addWeightsCommand(CLI::App& app, CommandContext& context) {
    auto options = std::make_shared<WeightsOptions>();
    CLI::App* command = app.add_subcommand(
        "weights", "Find (or --download) a backbone's Keras ImageNet weights file and check it");
    cli::addBackboneOptions(*command, options->backbone, options->alpha);
    command->add_flag("--include-top", options->includeTop, "The full model's file");
    command->add_option("--weights", options->weights, "An explicit .h5 file instead of searching");
    command->add_flag("--download", options->download,
                      "When not found, download the official Keras file into ~/.keras/models/ (MD5-checked)");
    command->callback([options, &context] { runWeights(*options, context); });
}

}  // namespace tlw::cli
