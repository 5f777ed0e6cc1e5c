#include "core/train/fine_tune_sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <system_error>

#include "core/models/architecture.h"
#include "core/train/training_session.h"
#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/error.h"

namespace tlw {

using nlohmann::json;

namespace {

std::filesystem::path withSuffix(const std::filesystem::path& model, const std::string& suffix) {
    return model.parent_path() / (model.filename().u8string() + suffix);
}

// Forwards a candidate's training calls to the sweep's observer and keeps what the table needs from them.
// A stop asked for while the candidate starts up reaches its session at the next progress report (a session
// forgets requests made before its run() begins).
class CandidateObserver : public TrainingObserver {
public:
    CandidateObserver(FineTuneSweepObserver& sweep, TrainingSession& session, const std::atomic<bool>& stop)
        : m_sweep(sweep), m_session(session), m_stop(stop) {}
    std::int64_t fineTuningTrainableParams() const { return m_trainableParams; }

    void onRunStarted(const RunStarted& run) override { m_sweep.onRunStarted(run); }
    void onPhaseStarted(const PhaseStarted& phase) override {
        if (phase.phase == 2) m_trainableParams = phase.trainableParams;
        m_sweep.onPhaseStarted(phase);
    }
    void onProgress(const BatchProgress& progress) override {
        if (m_stop) m_session.requestStop();
        m_sweep.onProgress(progress);
    }
    void onEpochEnded(const EpochMetrics& metrics) override { m_sweep.onEpochEnded(metrics); }
    void onHeadSolved(const HeadSolveReport& report) override { m_sweep.onHeadSolved(report); }
    void onCheckpointSaved(const std::filesystem::path& file) override { m_sweep.onCheckpointSaved(file); }
    void onNotice(const RunNotice& notice) override { m_sweep.onNotice(notice); }
    void onMessage(const std::string& line) override { m_sweep.onMessage(line); }

private:
    FineTuneSweepObserver& m_sweep;
    TrainingSession& m_session;
    const std::atomic<bool>& m_stop;
    std::int64_t m_trainableParams = 0;
};

// A copy that readers see whole or not at all: the output model is the user's file.
void copyFileAtomically(const std::filesystem::path& from, const std::filesystem::path& to) {
    AtomicFileWriter writer(to);
    readFileChunks(from, [&writer](std::string_view bytes) { writer.write(bytes); });
    writer.commit();
}

json optionalNumber(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::string formatFigure(const std::optional<double>& value) {
    if (!value) return "";
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", *value);
    return text;
}

json candidateToJson(const SweepCandidate& candidate, int rank) {
    return {{"rank", rank},
            {"fine_tune_at", candidate.fineTuneAt},
            {"first_trainable_layer", candidate.firstTrainableLayer},
            {"val_accuracy", optionalNumber(candidate.valAccuracy)},
            {"val_loss", optionalNumber(candidate.valLoss)},
            {"kept_epoch", candidate.keptEpoch},
            {"seconds", candidate.seconds},
            {"trainable_params", candidate.trainableParams},
            {"model", candidate.modelFile.u8string()},
            {"cancelled", candidate.cancelled},
            {"fold_val_accuracies", candidate.foldAccuracies},
            {"fold_mean", optionalNumber(candidate.foldMean())},
            {"fold_sd", optionalNumber(candidate.foldStandardDeviation())},
            {"history", json::parse(historyToJson(candidate.history, -1))}};
}

std::optional<double> optionalFrom(const json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<double>();
}

}  // namespace

void FineTuneSweepConfig::validate() const {
    if (candidates.empty()) throw Error("the fine_tune_at sweep needs at least one candidate");
    if (!base.fineTune)
        throw Error("the fine_tune_at sweep needs fine-tuning settings (epochs, learning rate)");
    const Architecture architecture = backboneArchitecture(base.backbone, base.replaceImageNetTop);
    std::set<int> seen;
    for (const int k : candidates) {
        if (k < 1 || k >= static_cast<int>(architecture.layers.size()))
            throw Error("fine_tune_at " + std::to_string(k) + " is not a layer of " +
                        backboneDisplayName(base.backbone) + " (1 to " +
                        std::to_string(architecture.layers.size() - 1) + ")");
        if (!seen.insert(k).second) throw Error("fine_tune_at " + std::to_string(k) + " is given twice");
    }
    if (folds == 1 || folds < 0 || folds > 20)
        throw Error("folds " + std::to_string(folds) + ": give 2 to 20, or 0 for none");
    base.validate();
}

std::optional<double> SweepCandidate::foldMean() const {
    if (foldAccuracies.empty()) return std::nullopt;
    double sum = 0.0;
    for (const double accuracy : foldAccuracies) sum += accuracy;
    return sum / static_cast<double>(foldAccuracies.size());
}

std::optional<double> SweepCandidate::foldStandardDeviation() const {
    if (foldAccuracies.size() < 2) return std::nullopt;
    const double mean = *foldMean();
    double squares = 0.0;
    for (const double accuracy : foldAccuracies) squares += (accuracy - mean) * (accuracy - mean);
    return std::sqrt(squares / static_cast<double>(foldAccuracies.size() - 1));
}

SplitManifest crossValidationFold(const SplitManifest& manifest, int folds, int fold, std::uint64_t seed) {
    std::map<std::string, std::vector<const SplitManifestEntry*>> byClass;
    for (const SplitManifestEntry& entry : manifest.files)
        if (entry.subset == Subset::Train) byClass[entry.className].push_back(&entry);
    SplitManifest result = manifest;
    result.files.clear();
    std::mt19937_64 random(seed);
    for (auto& [className, entries] : byClass) {
        if (static_cast<int>(entries.size()) < folds)
            throw Error("class '" + className + "' has " + std::to_string(entries.size()) +
                        " training images: too few for " + std::to_string(folds) + " folds");
        std::shuffle(entries.begin(), entries.end(), random);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            SplitManifestEntry entry = *entries[i];
            const bool held = static_cast<int>(i % static_cast<std::size_t>(folds)) == fold;
            entry.subset = held ? Subset::Validation : Subset::Train;
            result.files.push_back(std::move(entry));
        }
    }
    std::sort(result.files.begin(), result.files.end(),
              [](const SplitManifestEntry& a, const SplitManifestEntry& b) { return a.path < b.path; });
    return result;
}

void rankCandidates(std::vector<SweepCandidate>& candidates) {
    const bool folds = std::all_of(candidates.begin(), candidates.end(),
                                   [](const SweepCandidate& c) { return !c.foldAccuracies.empty(); });
    const auto better = [folds](const SweepCandidate& a, const SweepCandidate& b) {
        if (folds && *a.foldMean() != *b.foldMean()) return *a.foldMean() > *b.foldMean();
        if (a.valAccuracy.has_value() != b.valAccuracy.has_value()) return a.valAccuracy.has_value();
        if (a.valAccuracy && *a.valAccuracy != *b.valAccuracy) return *a.valAccuracy > *b.valAccuracy;
        if (a.valLoss.has_value() != b.valLoss.has_value()) return a.valLoss.has_value();
        if (a.valLoss && *a.valLoss != *b.valLoss) return *a.valLoss < *b.valLoss;
        return a.trainableParams < b.trainableParams;
    };
    std::stable_sort(candidates.begin(), candidates.end(), better);
}

std::filesystem::path sweepFolderFor(const std::filesystem::path& model) {
    return withSuffix(model, ".sweep");
}
std::filesystem::path sweepCsvPathFor(const std::filesystem::path& model) {
    return withSuffix(model, ".sweep.csv");
}
std::filesystem::path sweepJsonPathFor(const std::filesystem::path& model) {
    return withSuffix(model, ".sweep.json");
}

std::string sweepToCsv(const FineTuneSweepResult& result) {
    std::string csv =
        "rank,fine_tune_at,first_trainable_layer,val_accuracy,val_loss,kept_epoch,seconds,trainable_params,"
        "model,fold_mean,fold_sd\n";
    int rank = 0;
    for (const SweepCandidate& c : result.ranked) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f", c.seconds);
        csv += std::to_string(++rank) + "," + std::to_string(c.fineTuneAt) + "," +
               csvField(c.firstTrainableLayer) + "," + formatFigure(c.valAccuracy) + "," +
               formatFigure(c.valLoss) + "," + std::to_string(c.keptEpoch) + "," + seconds + "," +
               std::to_string(c.trainableParams) + "," + csvField(c.modelFile.u8string()) + "," +
               formatFigure(c.foldMean()) + "," + formatFigure(c.foldStandardDeviation()) + "\n";
    }
    return csv;
}

std::string sweepToJson(const FineTuneSweepResult& result) {
    json candidates = json::array();
    int rank = 0;
    for (const SweepCandidate& c : result.ranked) candidates.push_back(candidateToJson(c, ++rank));
    const json document{{"candidates", candidates},
                        {"model", result.modelFile.u8string()},
                        {"seconds", result.seconds},
                        {"cancelled", result.cancelled}};
    return document.dump(2) + "\n";
}

FineTuneSweepResult sweepFromJson(const std::string& text) {
    try {
        const json document = json::parse(text);
        FineTuneSweepResult result;
        result.modelFile = std::filesystem::u8path(document.at("model").get<std::string>());
        result.seconds = document.at("seconds").get<double>();
        result.cancelled = document.at("cancelled").get<bool>();
        for (const json& entry : document.at("candidates")) {
            SweepCandidate c;
            c.fineTuneAt = entry.at("fine_tune_at").get<int>();
            c.firstTrainableLayer = entry.at("first_trainable_layer").get<std::string>();
            c.valAccuracy = optionalFrom(entry.at("val_accuracy"));
            c.valLoss = optionalFrom(entry.at("val_loss"));
            c.keptEpoch = entry.at("kept_epoch").get<int>();
            c.seconds = entry.at("seconds").get<double>();
            c.trainableParams = entry.at("trainable_params").get<std::int64_t>();
            c.modelFile = std::filesystem::u8path(entry.at("model").get<std::string>());
            c.cancelled = entry.at("cancelled").get<bool>();
            c.foldAccuracies = entry.value("fold_val_accuracies", std::vector<double>{});
            c.history = historyFromJson(entry.at("history").dump());
            result.ranked.push_back(std::move(c));
        }
        return result;
    } catch (const json::exception& e) {
        throw Error("not a fine_tune_at sweep: " + std::string(e.what()));
    }
}

FineTuneSweep::FineTuneSweep(FineTuneSweepConfig config) : m_config(std::move(config)) {
    m_config.validate();
    m_order = m_config.candidates;
    // The deepest cut first: its run's frozen pass goes furthest and computes the others' cuts on the way.
    std::sort(m_order.rbegin(), m_order.rend());
}

FineTuneSweep::~FineTuneSweep() = default;

void FineTuneSweep::requestStop() noexcept {
    m_stop = true;
    const std::lock_guard<std::mutex> lock(m_sessionMutex);
    if (m_session) m_session->requestStop();
}

void FineTuneSweep::refuseExistingOutput() const {
    if (m_config.overwrite) return;
    const std::filesystem::path& model = m_config.base.outputModel;
    for (const std::filesystem::path& file :
         {model, sweepFolderFor(model), sweepCsvPathFor(model), sweepJsonPathFor(model)}) {
        std::error_code error;
        if (std::filesystem::exists(file, error)) throw Error(file, "exists; --overwrite replaces it");
    }
}

TrainingConfig FineTuneSweep::candidateConfig(std::size_t index) const {
    TrainingConfig config = m_config.base;
    const int k = m_order[index];
    config.fineTune->unfreezeFrom = k;
    config.outputModel = sweepFolderFor(m_config.base.outputModel) /
                         std::filesystem::u8path("fine_tune_at_" + std::to_string(k) + ".tlwm");
    return config;
}

TrainingResult FineTuneSweep::runSession(const TrainingConfig& config, FineTuneSweepObserver& observer,
                                         std::int64_t* fineTuningTrainableParams, bool shareThePass) {
    TrainingSession session(config);
    // Only the first run's pass needs to know the others: the later runs find their cut in the cache.
    if (shareThePass) session.alsoCacheFineTuneAt(std::vector<int>(m_order.begin() + 1, m_order.end()));
    {
        const std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_session = &session;
    }
    CandidateObserver candidateObserver(observer, session, m_stop);
    TrainingResult result;
    try {
        result = session.run(candidateObserver);
    } catch (...) {
        const std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_session = nullptr;
        throw;
    }
    {
        const std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_session = nullptr;
    }
    if (fineTuningTrainableParams) *fineTuningTrainableParams = candidateObserver.fineTuningTrainableParams();
    return result;
}

SweepCandidate FineTuneSweep::runCandidate(std::size_t index, FineTuneSweepObserver& observer) {
    const TrainingConfig config = candidateConfig(index);
    observer.onCandidateStarted(index, m_order.size(), config);
    SweepCandidate candidate;
    candidate.fineTuneAt = m_order[index];
    candidate.cancelled = true;
    if (m_stop) return candidate;  // no model: not ranked
    const auto start = std::chrono::steady_clock::now();
    TrainingResult result = runSession(config, observer, &candidate.trainableParams, index == 0);
    candidate.firstTrainableLayer =
        backboneArchitecture(config.backbone, config.replaceImageNetTop).layers.at(candidate.fineTuneAt).name;
    candidate.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    candidate.history = std::move(result.history);
    candidate.modelFile = result.modelFile;
    candidate.cancelled = result.cancelled;
    if (const EpochMetrics* kept = candidate.history.kept()) {
        candidate.keptEpoch = kept->epoch;
        candidate.valAccuracy = kept->valAccuracy;
        candidate.valLoss = kept->valLoss;
    }
    observer.onCandidateEnded(candidate);
    return candidate;
}

void FineTuneSweep::crossValidate(std::vector<SweepCandidate>& candidates, FineTuneSweepObserver& observer) {
    // The split every candidate ran on, pinned beside its model: the folds cut its training images.
    const SplitManifest split =
        readSplitManifest(std::filesystem::path(candidates.front().modelFile).concat(".split.json"));
    const std::filesystem::path folder = sweepFolderFor(m_config.base.outputModel);
    for (int fold = 0; fold < m_config.folds && !m_stop; ++fold) {
        const std::filesystem::path manifest = folder / ("fold_" + std::to_string(fold + 1) + ".split.json");
        writeSplitManifest(crossValidationFold(split, m_config.folds, fold, m_config.base.seed), manifest);
        for (SweepCandidate& candidate : candidates) {
            if (m_stop) break;
            TrainingConfig config = m_config.base;
            config.fineTune->unfreezeFrom = candidate.fineTuneAt;
            config.manifest = manifest;
            config.validationDir.reset();
            config.validationSplit = 0.0;
            config.testDir.reset();
            config.outputModel = folder / ("fold_" + std::to_string(fold + 1)) /
                                 ("fine_tune_at_" + std::to_string(candidate.fineTuneAt) + ".tlwm");
            observer.onFoldStarted(fold, m_config.folds, config);
            const TrainingResult result = runSession(config, observer, nullptr, false);
            const EpochMetrics* kept = result.history.kept();
            if (!result.cancelled && kept && kept->valAccuracy)
                candidate.foldAccuracies.push_back(*kept->valAccuracy);
        }
    }
}

void FineTuneSweep::writeResult(const FineTuneSweepResult& result) const {
    const std::filesystem::path& model = m_config.base.outputModel;
    if (!result.modelFile.empty()) {
        const std::filesystem::path& best = result.ranked.front().modelFile;
        copyFileAtomically(best, model);
        copyFileAtomically(historyCsvPathFor(best), historyCsvPathFor(model));
        copyFileAtomically(historyJsonPathFor(best), historyJsonPathFor(model));
    }
    writeFileAtomically(sweepCsvPathFor(model), sweepToCsv(result));
    writeFileAtomically(sweepJsonPathFor(model), sweepToJson(result));
}

FineTuneSweepResult FineTuneSweep::run(FineTuneSweepObserver& observer) {
    refuseExistingOutput();
    std::filesystem::create_directories(sweepFolderFor(m_config.base.outputModel));
    const auto start = std::chrono::steady_clock::now();
    FineTuneSweepResult result;
    for (std::size_t index = 0; index < m_order.size() && !m_stop; ++index) {
        SweepCandidate candidate = runCandidate(index, observer);
        // A candidate stopped before its first epoch ended wrote no model: nothing to rank.
        const bool hasModel = !candidate.modelFile.empty() && std::filesystem::exists(candidate.modelFile);
        if (hasModel) result.ranked.push_back(std::move(candidate));
    }
    if (m_config.folds >= 2 && !m_stop && !result.ranked.empty()) crossValidate(result.ranked, observer);
    result.cancelled = m_stop;
    rankCandidates(result.ranked);
    if (!result.ranked.empty()) result.modelFile = m_config.base.outputModel;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writeResult(result);
    return result;
}

}  // namespace tlw
