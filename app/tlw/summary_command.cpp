// tlw summary: a backbone's layer table exactly as Keras's model.summary() prints it, with the Trainable
// column, for any input size and freeze setting, then the backbone's fine-tuning presets; --json for scripts.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/fine_tune_at_option.h"
#include "core/models/backbone.h"
#include "core/models/freeze_spec.h"
#include "core/models/keras_summary.h"

namespace tlw::cli {
namespace {

struct SummaryOptions {
    std::string backbone = "vgg16";
    double alpha = 0.0;
    std::string imageSize = "224";
    bool includeTop = false;
    std::string fineTuneAt;
    std::string freeze;
    bool json = false;
    bool noTrainableColumn = false;
};

void runSummary(const SummaryOptions& options, const CLI::App& command) {
    const BackboneKind kind = cli::backboneFromOptions(options.backbone, options.alpha);
    const ImageSize size = parseImageSize(options.imageSize);
    std::vector<LayerInfo> layers = describeBackbone(kind, size, options.includeTop);

    FreezeSpec freeze;
    if (command.count("--fine-tune-at") > 0) {
        freeze.add(FreezeSpec::firstLayers(
            parseFineTuneAt(options.fineTuneAt, kind, options.includeTop, "--fine-tune-at")));
    }
    if (!options.freeze.empty()) freeze.add(FreezeSpec::parseList(options.freeze));
    applyFreeze(freeze, layers);

    const std::string modelName = kerasModelName(kind);
    if (options.json) {
        std::cout << formatSummaryJson(
            SummaryContext{modelName, backboneId(kind), size, options.includeTop, freeze.describe()}, layers);
    } else {
        std::cout << formatKerasSummary(modelName, layers, !options.noTrainableColumn);
        if (!options.noTrainableColumn) std::cout << formatFineTunePresets(kind, options.includeTop);
    }
}

}  // namespace

void addSummaryCommand(CLI::App& app, CommandContext& /*context*/) {
    auto options = std::make_shared<SummaryOptions>();
    CLI::App* command =
        app.add_subcommand("summary", "Print a backbone's layers as Keras's model.summary() does");
    cli::addBackboneOptions(*command, options->backbone, options->alpha);
    command->add_option("--image-size", options->imageSize, "Input size: S or HxW (at least 32)")
        ->capture_default_str();
    command->add_flag(
        "--include-top", options->includeTop,
        "The full model with the ImageNet classifier (flatten, fc1, fc2, predictions; 224x224)");
    CLI::Option* fineTuneAt =
        command
            ->add_option(
                "--fine-tune-at", options->fineTuneAt,
                "Freeze layers[:K], as the Keras recipe's fine_tune_at (negative K counts from the end), or "
                "up to a preset: last-block, last-two-stages, ... (listed after the table)")
            ->type_name("K|NAME");
    CLI::Option* freeze = command->add_option(
        "--freeze", options->freeze,
        "Freeze these layers: indices, ranges (3-7), groups (block1, fire2) or layer names, "
        "comma-separated");
    fineTuneAt->excludes(freeze);
    command->add_flag("--json", options->json, "Print JSON instead of the Keras table");
    command->add_flag("--no-trainable-column", options->noTrainableColumn,
                      "Leave out the Trainable column (exactly Keras's summary() without show_trainable)");
    command->callback([options, command] { runSummary(*options, *command); });
}

}  // namespace tlw::cli
