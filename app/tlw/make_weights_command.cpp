// tlw make-weights: writes a Keras-layout weights file with seeded random (He-scaled) weights, exactly as
// Keras's save_weights lays it out. Benchmarks and tests need full-size VGG16 files, and Keras's own cannot
// be had everywhere; these are not pretrained.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "core/models/backbone.h"
#include "core/models/keras_weights_file.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct MakeWeightsOptions {
    std::string backbone = "vgg16";
    double alpha = 0.0;
    bool includeTop = false;
    uint64_t seed = 0;
    std::string out;
};

void runMakeWeights(const MakeWeightsOptions& options) {
    const BackboneKind kind = cli::backboneFromOptions(options.backbone, options.alpha);
    if (options.includeTop && !backboneHasTop(kind))
        throw Error(backboneDisplayName(kind) + " is available without its ImageNet top only");
    const std::filesystem::path out = options.out;
    writeRandomKerasWeightsFile(kind, options.includeTop, options.seed, out);
    std::cout << "wrote " << out.string() << " (" << std::filesystem::file_size(out)
              << " bytes): " << backboneDisplayName(kind) << (options.includeTop ? " with top" : " base")
              << ", Keras layout, random He-scaled weights, seed " << options.seed << " (not pretrained)\n";
}

}  // namespace

void addMakeWeightsCommand(CLI::App& app, CommandContext& /*context*/) {
    auto options = std::make_shared<MakeWeightsOptions>();
    CLI::App* command = app.add_subcommand(
        "make-weights",
        "Write a Keras-layout .h5 weights file with seeded random weights (for tests and benchmarks)");
    cli::addBackboneOptions(*command, options->backbone, options->alpha);
    command->add_flag("--include-top", options->includeTop,
                      "The full model (VGG16: flatten, fc1, fc2, predictions)");
    command->add_option("--seed", options->seed, "Random seed: the same seed writes the same weights")
        ->capture_default_str();
    command->add_option("--out", options->out, "The .h5 file to write (replaced atomically)")->required();
    command->callback([options] { runMakeWeights(*options); });
}

}  // namespace tlw::cli
