#include "core/train/training_history.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/util/error.h"

namespace tlw {
namespace {

using nlohmann::json;

// Enough digits that a CSV round trip keeps every float32 figure.
std::string csvNumber(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

std::string csvOptional(const std::optional<double>& value) { return value ? csvNumber(*value) : ""; }

json optionalJson(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::optional<double> optionalFrom(const json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<double>();
}

// JSON has no NaN: nlohmann writes it as null. Runs stop at a non-finite loss now, but histories written
// before that still hold nulls, and `tlw info` must read them.
double numberOrNan(const json& value) {
    return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

json epochJson(const EpochMetrics& m) {
    return json{{"epoch", m.epoch},
                {"phase", m.phase},
                {"loss", m.loss},
                {"accuracy", m.accuracy},
                {"val_loss", optionalJson(m.valLoss)},
                {"val_accuracy", optionalJson(m.valAccuracy)},
                {"lr", m.learningRate},
                {"seconds", m.seconds},
                {"images_per_second", m.imagesPerSecond},
                {"cached", m.fromCache}};
}

}  // namespace

namespace {
const EpochMetrics* epochNumbered(const std::vector<EpochMetrics>& epochs, int epoch) {
    for (const EpochMetrics& metrics : epochs)
        if (metrics.epoch == epoch) return &metrics;
    return nullptr;
}

// The phase's best figure, or nothing when the phase has no epoch with it.
std::optional<double> bestOfPhase(const TrainingHistory& history, int phase, bool lowerIsBetter) {
    std::optional<double> best;
    for (const EpochMetrics& metrics : history.epochs) {
        const std::optional<double> figure = monitoredFigure(metrics, history.monitor);
        if (metrics.phase != phase || !figure || std::isnan(*figure)) continue;
        if (!best || (lowerIsBetter ? *figure < *best : *figure > *best)) best = figure;
    }
    return best;
}
}  // namespace

const EpochMetrics* TrainingHistory::best() const { return epochNumbered(epochs, bestEpoch); }
const EpochMetrics* TrainingHistory::kept() const { return epochNumbered(epochs, keptEpoch); }

std::optional<double> monitoredFigure(const EpochMetrics& metrics, const std::string& monitor) {
    if (monitor == "val_loss") return metrics.valLoss;
    if (monitor == "val_accuracy") return metrics.valAccuracy;
    if (monitor == "loss") return metrics.loss;
    if (monitor == "accuracy") return metrics.accuracy;
    return std::nullopt;
}

std::optional<bool> fineTuningImproved(const TrainingHistory& history) {
    const bool lowerIsBetter =
        history.monitor.size() >= 4 && history.monitor.compare(history.monitor.size() - 4, 4, "loss") == 0;
    const std::optional<double> frozen = bestOfPhase(history, 1, lowerIsBetter);
    const std::optional<double> fineTuned = bestOfPhase(history, 2, lowerIsBetter);
    if (!frozen || !fineTuned) return std::nullopt;
    return lowerIsBetter ? *fineTuned < *frozen : *fineTuned > *frozen;
}

std::string historyToCsv(const TrainingHistory& history) {
    std::string csv = "epoch,phase,loss,accuracy,val_loss,val_accuracy,lr,seconds,images_per_second,cached\n";
    for (const EpochMetrics& m : history.epochs) {
        csv += std::to_string(m.epoch) + ',' + std::to_string(m.phase) + ',' + csvNumber(m.loss) + ',' +
               csvNumber(m.accuracy) + ',' + csvOptional(m.valLoss) + ',' + csvOptional(m.valAccuracy) + ',' +
               csvNumber(m.learningRate) + ',' + csvNumber(m.seconds) + ',' + csvNumber(m.imagesPerSecond) +
               ',' + (m.fromCache ? "1" : "0") + '\n';
    }
    return csv;
}

namespace {

json headSolveJson(const HeadSolveReport& report) {
    json path = json::array();
    for (const CrossValidationPoint& point : report.path)
        path.push_back({{"l2", point.l2Strength},
                        {"accuracy", point.accuracy},
                        {"loss", point.loss},
                        {"iterations", point.iterations}});
    return {{"solver", "lbfgs"},
            {"folds", report.folds},
            {"cross_validation_images", report.crossValidationImages},
            {"training_images", report.trainingImages},
            {"cross_validation", path},
            {"chosen_index", report.chosenIndex},
            {"l2", report.chosenStrength},
            {"iterations", report.iterations},
            {"gradient_norm", report.gradientNorm},
            {"tolerance", report.tolerance},
            {"converged", report.converged},
            {"objective", report.objective},
            {"seconds", report.seconds}};
}

HeadSolveReport headSolveFromJson(const json& in) {
    HeadSolveReport report;
    report.folds = in.at("folds").get<int>();
    report.crossValidationImages = in.value("cross_validation_images", 0);
    report.trainingImages = in.value("training_images", 0);
    for (const json& p : in.at("cross_validation"))
        report.path.push_back({p.at("l2").get<double>(), p.at("accuracy").get<double>(),
                               p.at("loss").get<double>(), p.at("iterations").get<int>()});
    report.chosenIndex = in.at("chosen_index").get<std::size_t>();
    report.chosenStrength = in.at("l2").get<double>();
    report.iterations = in.at("iterations").get<int>();
    report.gradientNorm = in.at("gradient_norm").get<double>();
    report.tolerance = in.at("tolerance").get<double>();
    report.converged = in.at("converged").get<bool>();
    report.objective = in.at("objective").get<double>();
    report.seconds = in.at("seconds").get<double>();
    return report;
}

}  // namespace

std::string historyToJson(const TrainingHistory& history, int indent) {
    json epochs = json::array();
    json keras = {{"loss", json::array()}, {"accuracy", json::array()}, {"lr", json::array()}};
    bool anyValidation = false;
    for (const EpochMetrics& m : history.epochs) {
        epochs.push_back(epochJson(m));
        keras["loss"].push_back(m.loss);
        keras["accuracy"].push_back(m.accuracy);
        keras["lr"].push_back(m.learningRate);
        anyValidation = anyValidation || m.valLoss.has_value();
    }
    if (anyValidation) {
        keras["val_loss"] = json::array();
        keras["val_accuracy"] = json::array();
        for (const EpochMetrics& m : history.epochs) {
            keras["val_loss"].push_back(optionalJson(m.valLoss));
            keras["val_accuracy"].push_back(optionalJson(m.valAccuracy));
        }
    }
    json out = {{"epochs", epochs},
                {"fine_tune_start_epoch", history.fineTuneStartEpoch},
                {"best_epoch", history.bestEpoch},
                {"kept_epoch", history.keptEpoch},
                {"monitor", history.monitor},
                {"stopped_early", history.stoppedEarly},
                {"history", keras}};
    if (history.headSolve) out["head_solve"] = headSolveJson(*history.headSolve);
    return out.dump(indent);
}

TrainingHistory historyFromJson(const std::string& text) {
    TrainingHistory history;
    try {
        const json in = json::parse(text);
        for (const json& e : in.at("epochs")) {
            EpochMetrics m;
            m.epoch = e.at("epoch").get<int>();
            m.phase = e.at("phase").get<int>();
            m.loss = numberOrNan(e.at("loss"));
            m.accuracy = numberOrNan(e.at("accuracy"));
            m.valLoss = optionalFrom(e.at("val_loss"));
            m.valAccuracy = optionalFrom(e.at("val_accuracy"));
            m.learningRate = e.at("lr").get<double>();
            m.seconds = e.at("seconds").get<double>();
            m.imagesPerSecond = e.at("images_per_second").get<double>();
            m.fromCache = e.at("cached").get<bool>();
            history.epochs.push_back(m);
        }
        history.fineTuneStartEpoch = in.at("fine_tune_start_epoch").get<int>();
        history.bestEpoch = in.at("best_epoch").get<int>();
        history.keptEpoch = in.value("kept_epoch", history.bestEpoch);
        history.monitor = in.at("monitor").get<std::string>();
        history.stoppedEarly = in.at("stopped_early").get<bool>();
        if (in.contains("head_solve")) history.headSolve = headSolveFromJson(in.at("head_solve"));
    } catch (const json::exception& e) {
        throw Error(std::string("malformed training history: ") + e.what());
    }
    return history;
}

std::string epochToJson(const EpochMetrics& metrics) { return epochJson(metrics).dump(); }

std::string formatEpochFigures(const EpochMetrics& metrics) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "loss: %.4f - accuracy: %.4f", metrics.loss, metrics.accuracy);
    std::string text = buffer;
    if (metrics.valLoss && metrics.valAccuracy) {
        std::snprintf(buffer, sizeof buffer, " - val_loss: %.4f - val_accuracy: %.4f", *metrics.valLoss,
                      *metrics.valAccuracy);
        text += buffer;
    }
    return text;
}

}  // namespace tlw
