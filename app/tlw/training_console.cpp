#include "app/tlw/training_console.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/tlw/keras_progress.h"
#include "app/tlw/weights_hint.h"
#include "core/train/training_history.h"

namespace tlw::cli {
namespace {

using Clock = std::chrono::steady_clock;

// 14714688 -> "14,714,688", as Keras's summary prints parameter counts.
std::string grouped(std::int64_t number) {
    std::string digits = std::to_string(number < 0 ? -number : number);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return number < 0 ? "-" + digits : digits;
}

// However many digits %.4f of a diverged loss takes (a fixed buffer cut 4.01e31 to a tenth of it).
std::string printed(const char* format, double value) {
    const int length = std::snprintf(nullptr, 0, format, value);
    std::string text(static_cast<std::size_t>(std::max(length, 0)) + 1, '\0');
    std::snprintf(text.data(), text.size(), format, value);
    text.pop_back();
    return text;
}

std::string figures(double loss, double accuracy) {
    return printed(" - loss: %.4f", loss) + printed(" - accuracy: %.4f", accuracy);
}

// "SqueezeNet v1.1 at 64x64 -> GlobalAveragePooling2D -> Dense(1), binary_crossentropy"
std::string modelLine(const TrainingConfig& config, std::size_t classCount, const std::string& lossName) {
    const std::string units = classCount == 2 ? "1" : std::to_string(classCount);
    std::string text = backboneDisplayName(config.backbone);
    if (config.replaceImageNetTop) {
        text += " with its ImageNet top at 224x224, predictions replaced by";
        if (config.normalizeFeatures) text += " Normalization ->";
        if (config.dropout > 0) text += printed(" Dropout(%g) ->", config.dropout);
        text += " Dense(" + units + ")";
    } else {
        text += " at " + toString(config.imageSize) + " -> GlobalAveragePooling2D";
        if (config.normalizeFeatures) text += " -> Normalization";
        if (config.dropout > 0) text += printed(" -> Dropout(%g)", config.dropout);
        text += " -> Dense(" + units + ")";
    }
    return text + ", " + lossName;
}

std::string optimizerText(const TrainingConfig& config) {
    if (config.optimizer == OptimizerKind::Sgd) return printed("SGD (momentum %g)", config.momentum);
    return "Adam";
}

std::string signalName(int signal) {
    if (signal == 2) return "Ctrl-C (SIGINT)";
    if (signal == 15) return "SIGTERM";
    return "signal " + std::to_string(signal);
}

// For the "tlw resume ..." hint: quoted when the shell would split or expand it.
std::string shellWord(const std::string& text) {
    if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                "0123456789/._-+,:=@%") == std::string::npos)
        return text;
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

nlohmann::json testJson(const EvaluationResult& test) {
    return {{"image_count", test.imageCount()},
            {"loss", test.loss},
            {"accuracy", test.accuracy},
            {"balanced_accuracy", test.balancedAccuracy}};
}

}  // namespace

TrainingConsole::TrainingConsole(const TrainingConfig& config, bool json)
    : m_config(config), m_json(json), m_live(json ? stderr : stdout), m_stageStart(Clock::now()) {}

void TrainingConsole::printLine(const std::string& line) { m_live.print(line); }

void TrainingConsole::printJson(const std::string& line) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
}

void TrainingConsole::announce(const std::string& line) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    printLine(line);
}

void TrainingConsole::endOutput() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_live.clear();
    printHeldNotes();
}

void TrainingConsole::onRunStarted(const RunStarted& run) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_totalEpochs = run.totalEpochs;
    m_trainImages = run.trainImages;
    m_lastEpochDone = run.firstEpoch - 1;
    m_weightsNote = run.weightsNote;
    std::string classes;
    for (std::size_t c = 0; c < run.classNames.size(); ++c) {
        classes += (c > 0 ? ", " : "") + run.classNames[c];
        if (c < run.trainImagesPerClass.size()) classes += " " + std::to_string(run.trainImagesPerClass[c]);
    }
    printLine("Found " + std::to_string(run.trainImages) + " training images in " +
              std::to_string(run.classNames.size()) + " classes: " + classes);
    printLine("Validation: " +
              (run.validationImages > 0 ? std::to_string(run.validationImages) + " images" : "none") +
              "; test: " + (run.testImages > 0 ? std::to_string(run.testImages) + " images" : "none"));
    printLine("Model: " + modelLine(m_config, run.classNames.size(), run.lossName));
    if (run.pretrained) {
        printLine("Weights: " + run.weightsNote);
    } else {
        printLine("Weights: " + notPretrainedWarning(run.weightsNote) +
                  " (random weights: expect far lower accuracy than from ImageNet weights)");
    }
    printLine("Optimizer: " + optimizerText(m_config) + ", batch size " + std::to_string(m_config.batchSize) +
              ", seed " + std::to_string(m_config.seed) +
              (m_config.augmentation.any()
                   ? ", augmentation " + formatAugmentation(m_config.augmentation) + " (training images)"
                   : ""));
    printHeldNotes();
}

void TrainingConsole::printHeldNotes() {
    m_headerPrinted = true;
    for (const std::string& note : m_notesBeforeHeader) printLine(note);
    m_notesBeforeHeader.clear();
}

void TrainingConsole::onPhaseStarted(const PhaseStarted& phase) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const bool twoPhases = m_config.fineTune.has_value();
    const std::string name = phase.freeze == "all" ? "feature extraction" : "fine-tuning";
    std::string title = twoPhases ? "Phase " + std::to_string(phase.phase) + " (" + name + ")" : "Training";
    title += ": epochs " + std::to_string(phase.firstEpoch) + "-" + std::to_string(phase.lastEpoch) +
             ", frozen: " + phase.freeze + printed(", learning rate %g", phase.learningRate);
    printLine(title);
    printLine("  Trainable params: " + grouped(phase.trainableParams) + " of " + grouped(phase.totalParams) +
              " (non-trainable: " + grouped(phase.totalParams - phase.trainableParams) + ")");
    // A later phase whose features came out of an earlier phase's pass has no note of its own.
    if (phase.cacheUsed)
        printLine("  Frozen-prefix cache: the output of " + phase.cachedLayer +
                  (phase.cachePooled ? ", global average pooled" : "") + " (" +
                  std::to_string(phase.cachedValuesPerImage) + " values per image" +
                  (phase.cacheNote.empty() ? "" : "; " + phase.cacheNote) + ")");
    else
        printLine("  Frozen-prefix cache: not used for training: " + phase.cacheNote);
}

void TrainingConsole::announceEpoch(int epoch, int epochs) {
    if (epoch <= 0 || epoch <= m_announcedEpoch) return;
    if (epochs > 0) m_totalEpochs = epochs;
    m_announcedEpoch = epoch;
    m_trainBatches = 0;
    printLine("Epoch " + std::to_string(epoch) + "/" + std::to_string(m_totalEpochs));
}

std::string TrainingConsole::trainingBar(const BatchProgress& p) const {
    std::string text = kerasBar(p.batch, p.batches);
    // Keras's ETA is the epoch's; the images left at the pass's rate so far.
    if (p.batch < p.batches && p.imagesPerSecond > 0) {
        const double imagesLeft =
            static_cast<double>((p.batches - p.batch) * static_cast<std::size_t>(m_config.batchSize));
        text += " - ETA: " + kerasEta(imagesLeft / p.imagesPerSecond);
    }
    text += figures(p.loss, p.accuracy);
    if (p.etaSeconds >= 0 && p.epoch < p.epochs)
        text += " - " + std::string(p.phase == 1 && m_config.fineTune ? "phase" : "run") +
                " ETA: " + kerasEta(p.etaSeconds);
    return text;
}

void TrainingConsole::onProgress(const BatchProgress& p) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (p.stage != m_stage) {
        m_stage = p.stage;
        m_stageStart = Clock::now();
    }
    if (p.stage == TrainingStage::Training || p.stage == TrainingStage::Validating)
        announceEpoch(p.epoch, p.epochs);
    if (p.stage == TrainingStage::Training) {
        m_trainBatches = p.batches;
        m_lastTraining = p;
    }
    if (!m_live.terminal()) return;
    const std::string count = std::to_string(p.batch) + "/" + std::to_string(p.batches);
    switch (p.stage) {
        case TrainingStage::Preparing:
            if (p.batches > 0) m_live.show("scanning the dataset " + count);
            break;
        case TrainingStage::CachingFeatures: {
            std::string text = "caching features " + count;
            const double elapsed = std::chrono::duration<double>(Clock::now() - m_stageStart).count();
            if (p.batch > 0 && p.batch < p.batches && elapsed > 0.5)
                text += " - ETA: " + kerasEta(elapsed * static_cast<double>(p.batches - p.batch) /
                                              static_cast<double>(p.batch));
            m_live.show(text);
            break;
        }
        case TrainingStage::Training:
            m_live.show(trainingBar(p));
            break;
        case TrainingStage::Validating:
            m_live.show(kerasBar(m_trainBatches, m_trainBatches) +
                        figures(m_lastTraining.loss, m_lastTraining.accuracy) + " - validating " + count);
            break;
        case TrainingStage::Testing:
            m_live.show("testing " + count + " images");
            break;
        case TrainingStage::Saving:
            m_live.show("saving the model");
            break;
    }
}

void TrainingConsole::onEpochEnded(const EpochMetrics& m) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    announceEpoch(m.epoch, 0);
    m_lastEpochDone = m.epoch;
    const std::size_t batchSize = static_cast<std::size_t>(m_config.batchSize);
    const std::size_t steps =
        m_trainBatches > 0 ? m_trainBatches : (m_trainImages + batchSize - 1) / batchSize;
    std::string line =
        kerasBar(steps, steps) + kerasEpochTime(m.seconds, steps) + " - " + formatEpochFigures(m);
    // Keras logs the learning rate when a callback changes it.
    if (m_config.reduceLr.enabled) line += printed(" - lr: %.4g", m.learningRate);
    printLine(line);
    if (m_json) printJson(epochToJson(m));
}

void TrainingConsole::onMessage(const std::string& line) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (line == m_weightsNote) return;  // the header said it
    // Notes from reading the data (skipped files, class weights, resuming) come before the engine knows
    // enough for the header; they read better under it.
    if (!m_headerPrinted) {
        m_notesBeforeHeader.push_back(line);
        return;
    }
    printLine(line);
}

void TrainingConsole::printSummary(const TrainingResult& result, int signal) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_live.clear();
    printHeldNotes();
    const TrainingHistory& history = result.history;
    const std::filesystem::path model = m_config.outputModel;
    const std::filesystem::path checkpoint = checkpointPathFor(model);
    const EpochMetrics* best = history.best();
    const int lastEpoch = history.epochs.empty() ? 0 : history.epochs.back().epoch;

    printLine("");
    if (result.cancelled) {
        const std::string by = signal > 0 ? " by " + signalName(signal) : "";
        if (lastEpoch == 0)
            printLine("Stopped" + by + " before the first epoch ended; no model was written.");
        else
            printLine("Stopped" + by + " after epoch " + std::to_string(lastEpoch) + " of " +
                      std::to_string(m_totalEpochs) + ".");
    } else if (history.stoppedEarly) {
        printLine("Early stopping ended the run after epoch " + std::to_string(lastEpoch) + ".");
    }
    const EpochMetrics* kept = history.kept();
    if (best != nullptr)
        printLine("Best epoch: " + std::to_string(best->epoch) + " (by " + history.monitor +
                  (kept == best ? "; the model holds its weights) - " : ") - ") + formatEpochFigures(*best));
    if (kept != nullptr && kept != best)
        printLine("Kept epoch: " + std::to_string(kept->epoch) +
                  " (the last; the model holds its weights) - " + formatEpochFigures(*kept));
    if (fineTuningImproved(history) == false)
        printLine("Fine-tuning did not improve on phase 1's best " + history.monitor + ".");
    if (result.test) {
        printLine("Test: " + std::to_string(result.test->imageCount()) + " images" +
                  printed(" - loss: %.4f", result.test->loss) +
                  printed(" - accuracy: %.4f", result.test->accuracy) +
                  printed(" - balanced accuracy: %.4f", result.test->balancedAccuracy) +
                  (result.test->cancelled ? " (interrupted: only the images done so far)" : ""));
    }
    if (!result.modelFile.empty()) printLine("Model:      " + result.modelFile.u8string());
    if (std::filesystem::exists(historyCsvPathFor(model)))
        printLine("History:    " + historyCsvPathFor(model).u8string() + ", " +
                  historyJsonPathFor(model).u8string());
    const bool checkpointKept = std::filesystem::exists(checkpoint);
    if (checkpointKept) printLine("Checkpoint: " + checkpoint.u8string());
    if (result.cancelled && checkpointKept)
        printLine("To continue the run: tlw resume " + shellWord(model.u8string()));

    if (!m_json) return;
    nlohmann::json summary = {
        {"type", "summary"},
        {"status", result.cancelled ? "cancelled" : (history.stoppedEarly ? "stopped_early" : "finished")},
        {"epochs_run", history.epochs.size()},
        {"last_epoch", lastEpoch},
        {"planned_epochs", m_totalEpochs},
        {"best_epoch", history.bestEpoch},
        {"kept_epoch", history.keptEpoch},
        {"monitor", history.monitor},
        {"best", best != nullptr ? nlohmann::json::parse(epochToJson(*best)) : nlohmann::json(nullptr)},
        {"test", result.test ? testJson(*result.test) : nlohmann::json(nullptr)},
        {"model",
         result.modelFile.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.modelFile.u8string())},
        {"history_csv", historyCsvPathFor(model).u8string()},
        {"history_json", historyJsonPathFor(model).u8string()},
        {"checkpoint", checkpointKept ? nlohmann::json(checkpoint.u8string()) : nlohmann::json(nullptr)},
        {"signal", signal}};
    printJson(summary.dump());
}

}  // namespace tlw::cli
