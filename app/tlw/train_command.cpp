// tlw train DATA_DIR --out MODEL: the seed's transfer-learning recipe (and its fine-tuning phase) from the
// command line, printing like Keras's model.fit().
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tlw/commands.h"
#include "app/tlw/dist_options.h"
#include "app/tlw/train_arguments.h"
#include "app/tlw/training_run.h"

namespace tlw::cli {

void addTrainCommand(CLI::App& app, CommandContext& context) {
    auto arguments = std::make_shared<TrainArguments>();
    CLI::App* command = app.add_subcommand(
        "train",
        "Train a classifier on a pretrained backbone: by default the whole base frozen and a new "
        "GlobalAveragePooling2D -> Dense head trained (feature extraction); --fine-tune-at, --freeze and "
        "--two-phase unfreeze layers. Writes MODEL, its checkpoint after every epoch and its history "
        "(CSV, JSON); Ctrl-C stops after the batch, saving both");
    addTrainOptions(*command, *arguments);
    auto dist = std::make_shared<DistributedJobOptions>();
    addDistOptions(*command, *dist);
    command->callback([arguments, dist, &context] {
        TrainingSession session(trainingConfigFrom(*arguments));
        const DistributedJob job(*dist);  // one rank of a torchrun/srun job, or a job of one
        context.exitCode = runTrainingSession(session, arguments->json);
    });
}

}  // namespace tlw::cli
