#include "core/train/checkpoint.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/io/tensor_archive.h"
#include "core/util/error.h"

namespace tlw {
namespace {

using nlohmann::json;

constexpr int kCheckpointFormat = 1;
constexpr char kKind[] = "tlw-checkpoint";
constexpr char kWeightsPrefix[] = "weights/";
constexpr char kBestPrefix[] = "best/";
constexpr char kOptimizerName[] = "optimizer";

json optionalJson(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? json(*value) : json(nullptr);
}
std::optional<double> optionalFrom(const json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<double>();
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

void writeCheckpoint(const std::filesystem::path& file, const Checkpoint& checkpoint) {
    const CheckpointState& s = checkpoint.state;
    const json document = {
        {"format", kCheckpointFormat},
        {"config", json::parse(s.configJson)},
        {"history", json::parse(historyToJson(s.history))},
        {"next_epoch", s.nextEpoch},
        {"phase", s.phase},
        {"phase_first_epoch", s.phaseFirstEpoch},
        {"optimizer_phase", s.optimizerPhase},
        {"learning_rate", s.learningRate},
        {"early_stopping", {{"best", optionalJson(s.earlyStoppingBest)}, {"wait", s.earlyStoppingWait}}},
        {"reduce_lr",
         {{"best", optionalJson(s.reduceLrBest)},
          {"wait", s.reduceLrWait},
          {"cooldown", s.reduceLrCooldown}}},
        {"best_epoch", s.bestEpoch},
        {"best_value", optionalJson(s.bestValue)},
        {"class_names", s.classNames},
        {"pretrained", s.pretrained},
        {"weights_note", s.weightsNote},
        {"manifest_fingerprint", s.manifestFingerprint}};
    TensorArchive archive;
    archive.kind = kKind;
    archive.json = document.dump(2);
    for (const auto& [name, tensor] : checkpoint.weights)
        archive.tensors.emplace_back(kWeightsPrefix + name, tensor);
    for (const auto& [name, tensor] : checkpoint.bestWeights)
        archive.tensors.emplace_back(kBestPrefix + name, tensor);
    if (checkpoint.optimizerState.defined())
        archive.tensors.emplace_back(kOptimizerName, checkpoint.optimizerState);
    writeTensorArchive(file, archive);
}

Checkpoint readCheckpoint(const std::filesystem::path& file) {
    TensorArchive archive = readTensorArchive(file, kKind);
    Checkpoint checkpoint;
    CheckpointState& s = checkpoint.state;
    try {
        const json in = json::parse(archive.json);
        if (in.at("format").get<int>() != kCheckpointFormat)
            throw Error(file, "checkpoint format " + std::to_string(in.at("format").get<int>()) +
                                  " is not supported by this version");
        s.configJson = in.at("config").dump();
        s.history = historyFromJson(in.at("history").dump());
        s.nextEpoch = in.at("next_epoch").get<int>();
        s.phase = in.at("phase").get<int>();
        s.phaseFirstEpoch = in.at("phase_first_epoch").get<int>();
        s.optimizerPhase = in.at("optimizer_phase").get<int>();
        s.learningRate = in.at("learning_rate").get<double>();
        s.earlyStoppingBest = optionalFrom(in.at("early_stopping").at("best"));
        s.earlyStoppingWait = in.at("early_stopping").at("wait").get<int>();
        s.reduceLrBest = optionalFrom(in.at("reduce_lr").at("best"));
        s.reduceLrWait = in.at("reduce_lr").at("wait").get<int>();
        s.reduceLrCooldown = in.at("reduce_lr").at("cooldown").get<int>();
        s.bestEpoch = in.at("best_epoch").get<int>();
        s.bestValue = optionalFrom(in.at("best_value"));
        s.classNames = in.at("class_names").get<std::vector<std::string>>();
        s.pretrained = in.at("pretrained").get<bool>();
        s.weightsNote = in.at("weights_note").get<std::string>();
        s.manifestFingerprint = in.at("manifest_fingerprint").get<std::string>();
    } catch (const json::exception& e) {
        throw Error(file, std::string("malformed checkpoint: ") + e.what());
    } catch (const Error& e) {
        if (e.file().empty()) throw Error(file, e.reason());
        throw;
    }
    for (auto& [name, tensor] : archive.tensors) {
        if (startsWith(name, kWeightsPrefix)) {
            checkpoint.weights.emplace_back(name.substr(sizeof kWeightsPrefix - 1), std::move(tensor));
        } else if (startsWith(name, kBestPrefix)) {
            checkpoint.bestWeights.emplace_back(name.substr(sizeof kBestPrefix - 1), std::move(tensor));
        } else if (name == kOptimizerName) {
            checkpoint.optimizerState = std::move(tensor);
        }
    }
    if (checkpoint.weights.empty()) throw Error(file, "the checkpoint holds no weights");
    return checkpoint;
}

}  // namespace tlw
