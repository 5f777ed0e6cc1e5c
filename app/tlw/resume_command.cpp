// tlw resume MODEL_OR_CHECKPOINT: carries on a stopped or killed `tlw train` run from its last checkpoint,
// with the settings stored in it, continuing the same history.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "app/tlw/dist_options.h"
#include "app/tlw/training_run.h"
#include "core/train/training_config.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct ResumeArguments {
    std::string path;
    bool json = false;
};

// Which file the user means: a checkpoint as given, else the one written beside MODEL. Says which file is
// missing, so that a typo does not read as "the run cannot be resumed".
std::filesystem::path checkpointFor(const std::filesystem::path& path) {
    const std::filesystem::path checkpoint =
        path.extension() == ".checkpoint" ? path : checkpointPathFor(path);
    if (std::filesystem::exists(checkpoint)) return checkpoint;
    if (std::filesystem::exists(path) && path != checkpoint)
        throw Error(checkpoint, "no checkpoint beside the model: the run that wrote " + path.u8string() +
                                    " left none to resume from");
    throw Error(checkpoint, "no such checkpoint (tlw train writes MODEL.checkpoint beside its model)");
}

}  // namespace

void addResumeCommand(CLI::App& app, CommandContext& context) {
    auto arguments = std::make_shared<ResumeArguments>();
    CLI::App* command = app.add_subcommand(
        "resume",
        "Continue a tlw train run that was stopped or killed, from its last checkpoint: the same settings, "
        "the same history, the same results as an uninterrupted run");
    command
        ->add_option("model_or_checkpoint", arguments->path,
                     "The run's --out MODEL, or its MODEL.checkpoint file")
        ->required();
    command->add_flag("--json", arguments->json,
                      "One JSON object per epoch on stdout, and a summary object at the end; the "
                      "human-readable output goes to stderr");
    auto dist = std::make_shared<DistributedJobOptions>();
    addDistOptions(*command, *dist);
    command->callback([arguments, dist, &context] {
        TrainingSession session =
            TrainingSession::resume(checkpointFor(std::filesystem::u8path(arguments->path)));
        // A distributed run resumes distributed: every rank reads rank 0's checkpoint.
        const DistributedJob job(*dist);
        context.exitCode = runTrainingSession(session, arguments->json);
    });
}

}  // namespace tlw::cli
