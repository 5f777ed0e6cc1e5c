// tlw sweep DATA_DIR --fine-tune-at 16,15,11,7 --out MODEL: which layers to fine-tune, answered by the data.
// Every candidate runs the same two-phase recipe; the table ranks them by validation accuracy and the best
// one's model is written to MODEL.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <memory>

#include "app/tlw/commands.h"
#include "app/tlw/fine_tune_at_option.h"
#include "app/tlw/interrupt_watcher.h"
#include "app/tlw/train_arguments.h"
#include "app/tlw/training_console.h"
#include "core/train/fine_tune_sweep.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct SweepArguments {
    TrainArguments train;
    std::vector<std::string> fineTuneAt;
    int epochs = FineTuneSettings{}.epochs;
    double learningRate = FineTuneSettings{}.learningRate;
    bool overwrite = false;
    int folds = 0;
};

// Each candidate prints as `tlw train` does, under a line that says which one it is.
class SweepConsole : public FineTuneSweepObserver {
public:
    void onCandidateStarted(std::size_t index, std::size_t count, const TrainingConfig& config) override {
        m_config = config;
        m_console = std::make_unique<TrainingConsole>(m_config, false);
        std::printf("\nCandidate %zu/%zu: fine_tune_at = %d\n", index + 1, count,
                    *config.fineTune->unfreezeFrom);
        std::fflush(stdout);
    }
    void onFoldStarted(int fold, int folds, const TrainingConfig& config) override {
        if (m_console) m_console->endOutput();
        m_config = config;
        m_console = std::make_unique<TrainingConsole>(m_config, false);
        std::printf("\nCross-validation fold %d/%d: fine_tune_at = %d\n", fold + 1, folds,
                    *config.fineTune->unfreezeFrom);
        std::fflush(stdout);
    }
    void onCandidateEnded(const SweepCandidate& candidate) override {
        m_console->endOutput();
        std::printf("fine_tune_at = %d: val_accuracy %s at epoch %d, %.1f s\n", candidate.fineTuneAt,
                    candidate.valAccuracy ? std::to_string(*candidate.valAccuracy).c_str() : "-",
                    candidate.keptEpoch, candidate.seconds);
        std::fflush(stdout);
    }
    void onRunStarted(const RunStarted& run) override { m_console->onRunStarted(run); }
    void onPhaseStarted(const PhaseStarted& phase) override { m_console->onPhaseStarted(phase); }
    void onProgress(const BatchProgress& progress) override { m_console->onProgress(progress); }
    void onEpochEnded(const EpochMetrics& metrics) override { m_console->onEpochEnded(metrics); }
    void onMessage(const std::string& line) override { m_console->onMessage(line); }
    void announce(const std::string& line) {
        if (m_console) m_console->announce(line);
    }

private:
    TrainingConfig m_config;  // the console keeps a reference to it
    std::unique_ptr<TrainingConsole> m_console;
};

std::string formatOptional(const std::optional<double>& value, const char* format) {
    if (!value) return "-";
    char text[32];
    std::snprintf(text, sizeof text, format, *value);
    return text;
}

void printTable(const FineTuneSweepResult& result, const std::filesystem::path& model) {
    std::printf("\n%-4s %-12s %-22s %-12s %-10s %-10s %-16s %s\n", "rank", "fine_tune_at", "from layer",
                "val_accuracy", "val_loss", "kept epoch", "trainable params", "seconds");
    int rank = 0;
    for (const SweepCandidate& c : result.ranked)
        std::printf("%-4d %-12d %-22s %-12s %-10s %-10d %-16lld %.1f%s\n", ++rank, c.fineTuneAt,
                    c.firstTrainableLayer.c_str(), formatOptional(c.valAccuracy, "%.4f").c_str(),
                    formatOptional(c.valLoss, "%.4f").c_str(), c.keptEpoch,
                    static_cast<long long>(c.trainableParams), c.seconds, c.cancelled ? " (stopped)" : "");
    for (const SweepCandidate& c : result.ranked)
        if (c.foldMean())
            std::printf("fine_tune_at = %d: %zu-fold cross-validation accuracy %.4f +- %s\n", c.fineTuneAt,
                        c.foldAccuracies.size(), *c.foldMean(),
                        formatOptional(c.foldStandardDeviation(), "%.4f").c_str());
    std::printf("\nSweep: %.1f s in all.\n", result.seconds);
    if (!result.modelFile.empty())
        std::printf("Best: fine_tune_at = %d, written to %s\n", result.ranked.front().fineTuneAt,
                    model.u8string().c_str());
    std::printf("Table: %s and %s; each candidate's model and history in %s\n",
                sweepCsvPathFor(model).u8string().c_str(), sweepJsonPathFor(model).u8string().c_str(),
                sweepFolderFor(model).u8string().c_str());
}

FineTuneSweepConfig sweepConfigFrom(const SweepArguments& arguments) {
    FineTuneSweepConfig config;
    config.base = trainingConfigFrom(arguments.train);
    config.base.fineTune = FineTuneSettings{arguments.epochs, std::nullopt, arguments.learningRate};
    for (const std::string& text : arguments.fineTuneAt)
        config.candidates.push_back(
            parseFineTuneAt(text, config.base.backbone, config.base.replaceImageNetTop, "--fine-tune-at"));
    config.overwrite = arguments.overwrite;
    config.folds = arguments.folds;
    return config;
}

int runSweep(const SweepArguments& arguments) {
    FineTuneSweep sweep(sweepConfigFrom(arguments));
    setComputeThreads(sweep.config().base.threads);
    SweepConsole console;
    const InterruptWatcher watcher([&sweep, &console](int /*signal*/) {
        sweep.requestStop();
        console.announce(
            "Stopping after this batch: the candidates done so far are ranked and the best is saved. Press "
            "Ctrl-C again to quit at once.");
    });
    const FineTuneSweepResult result = sweep.run(console);
    printTable(result, sweep.config().base.outputModel);
    const int signal = watcher.signalReceived();
    if (signal > 0) return 128 + signal;
    return result.cancelled ? 128 + SIGINT : 0;
}

// The train options the sweep sets itself, or that mean something else here.
void removeTrainOnlyOptions(CLI::App& command) {
    for (const char* name : {"--fine-tune-at", "--freeze", "--two-phase", "--epochs", "--lr", "--json"})
        command.remove_option(command.get_option(name));
}

}  // namespace

void addSweepCommand(CLI::App& app, CommandContext& context) {
    auto arguments = std::make_shared<SweepArguments>();
    CLI::App* command = app.add_subcommand(
        "sweep",
        "Which layers to fine-tune? Runs the same two-phase recipe (the exact head, then fine-tuning) for "
        "each fine_tune_at candidate, computing the frozen part once, ranks them by validation accuracy "
        "(ties: validation loss) and writes the best model to --out, the table beside it as MODEL.sweep.csv "
        "and MODEL.sweep.json, and each candidate's model and history in MODEL.sweep/");
    addTrainOptions(*command, arguments->train);
    removeTrainOnlyOptions(*command);
    command
        ->add_option("--fine-tune-at", arguments->fineTuneAt,
                     "The candidates: layer indices (as tlw summary numbers them) or preset names, "
                     "comma-separated: 16,15,11,7")
        ->delimiter(',')
        ->required();
    command->add_option("--epochs", arguments->epochs, "Fine-tuning epochs of each candidate")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->add_option("--lr", arguments->learningRate, "Fine-tuning learning rate of each candidate")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command
        ->add_option(
            "--folds", arguments->folds,
            "Also cross-validate each candidate: K stratified folds of the training images (the "
            "validation images left out), K more runs per candidate; ranks by the mean fold accuracy")
        ->capture_default_str();
    command->add_flag("--overwrite", arguments->overwrite,
                      "Replace MODEL and the sweep's files beside it when they exist");
    command->callback([arguments, &context] { context.exitCode = runSweep(*arguments); });
}

}  // namespace tlw::cli
