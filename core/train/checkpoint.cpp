#include "core/train/checkpoint.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/io/tensor_archive.h"
#include "core/util/error.h"

namespace tlw {
namespace {

using nlohmann::json;

// Format 3 holds the optimizer's state as tensors ("optimizer/<i>/<field>"); format 2 as one torch::serialize
// blob ("optimizer"). Format 2 leaves out a best-epoch weight equal to the current one (best_same_as_weights
// names them); format 1 wrote every one twice.
constexpr int kCheckpointFormat = 3;
constexpr int kOldestReadableFormat = 1;
constexpr char kKind[] = "tlw-checkpoint";
constexpr char kWeightsPrefix[] = "weights/";
constexpr char kBestPrefix[] = "best/";
constexpr char kOptimizerPrefix[] = "optimizer/";
constexpr char kLegacyOptimizerName[] = "optimizer";

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

// The best epoch's weights that equal the current ones: with a frozen base, all of the base (VGG16's 58 MB),
// which the checkpoint would otherwise hold twice and write after every epoch.
std::vector<std::string> bestSameAsWeights(const Checkpoint& checkpoint) {
    std::map<std::string, torch::Tensor> current(checkpoint.weights.begin(), checkpoint.weights.end());
    std::vector<std::string> same;
    for (const auto& [name, best] : checkpoint.bestWeights) {
        const auto found = current.find(name);
        if (found != current.end() && found->second.sizes().equals(best.sizes()) &&
            found->second.scalar_type() == best.scalar_type() && torch::equal(found->second, best))
            same.push_back(name);
    }
    return same;
}

// Format 2's left-out best weights, from the current ones.
void addBestSameAsWeights(Checkpoint& checkpoint, const std::vector<std::string>& names,
                          const std::filesystem::path& file) {
    std::map<std::string, torch::Tensor> current(checkpoint.weights.begin(), checkpoint.weights.end());
    for (const std::string& name : names) {
        const auto found = current.find(name);
        if (found == current.end())
            throw Error(file,
                        "malformed checkpoint: the best epoch's weight '" + name + "' has no current one");
        checkpoint.bestWeights.emplace_back(name, found->second);
    }
}

}  // namespace

void writeCheckpoint(const std::filesystem::path& file, const Checkpoint& checkpoint) {
    const CheckpointState& s = checkpoint.state;
    const std::vector<std::string> same = bestSameAsWeights(checkpoint);
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
        {"manifest_fingerprint", s.manifestFingerprint},
        {"best_same_as_weights", same}};
    TensorArchive archive;
    archive.kind = kKind;
    archive.json = document.dump(2);
    for (const auto& [name, tensor] : checkpoint.weights)
        archive.tensors.emplace_back(kWeightsPrefix + name, tensor);
    const std::set<std::string> leftOut(same.begin(), same.end());
    for (const auto& [name, tensor] : checkpoint.bestWeights)
        if (leftOut.count(name) == 0) archive.tensors.emplace_back(kBestPrefix + name, tensor);
    for (const auto& [name, tensor] : checkpoint.optimizer)
        archive.tensors.emplace_back(kOptimizerPrefix + name, tensor);
    if (checkpoint.legacyOptimizer.defined())
        archive.tensors.emplace_back(kLegacyOptimizerName, checkpoint.legacyOptimizer);
    writeTensorArchive(file, archive);
}

Checkpoint readCheckpoint(const std::filesystem::path& file) {
    TensorArchive archive = readTensorArchive(file, kKind);
    Checkpoint checkpoint;
    CheckpointState& s = checkpoint.state;
    std::vector<std::string> bestSame;
    try {
        const json in = json::parse(archive.json);
        const int format = in.at("format").get<int>();
        if (format < kOldestReadableFormat || format > kCheckpointFormat)
            throw Error(file,
                        "checkpoint format " + std::to_string(format) + " is not supported by this version");
        if (format >= 2) bestSame = in.at("best_same_as_weights").get<std::vector<std::string>>();
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
        } else if (startsWith(name, kOptimizerPrefix)) {
            checkpoint.optimizer.emplace_back(name.substr(sizeof kOptimizerPrefix - 1), std::move(tensor));
        } else if (name == kLegacyOptimizerName) {
            checkpoint.legacyOptimizer = std::move(tensor);
        }
    }
    if (checkpoint.weights.empty()) throw Error(file, "the checkpoint holds no weights");
    addBestSameAsWeights(checkpoint, bestSame, file);
    return checkpoint;
}

}  // namespace tlw
