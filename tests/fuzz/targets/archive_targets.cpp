// The workbench's own binary files, as a user may hand them back damaged: tensor archives (the container of
// models and checkpoints), checkpoints and models behind a resealed checksum, the JSON inside a model, and
// the frozen-feature cache's index.

#include <ATen/ATen.h>
#include <xxhash.h>

#include <cstring>
#include <fstream>

#include "core/io/tensor_archive.h"
#include "core/models/model_description_json.h"
#include "core/train/checkpoint.h"
#include "core/train/feature_store.h"
#include "core/train/training_config.h"
#include "core/train/training_history.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

std::string archiveBytes(const tlw::TensorArchive& archive) {
    const std::filesystem::path file = tlw::fuzz::writeInputFile("", ".seed");
    tlw::writeTensorArchive(file, archive);
    return tlw::fuzz::readWholeFile(file);
}

std::vector<std::string> archiveSeeds() {
    tlw::TensorArchive model;
    model.kind = "tlw-model";
    model.json = R"({"classes": ["蜜蜂", "ants"]})";
    model.tensors = {{"block1_conv1.weight", at::arange(54, at::kFloat).view({2, 3, 3, 3})},
                     {"block1_conv1.bias", at::ones({2}, at::kHalf)},
                     {"step", at::scalar_tensor(3, at::kLong)},
                     {"empty", at::empty({0, 4}, at::kBFloat16)}};
    tlw::TensorArchive bare;
    bare.kind = "tlw-model";
    return {archiveBytes(model), archiveBytes(bare)};
}

// A mutated archive almost always fails its checksum first. To reach the parsing behind it, the length
// field and the checksum are made to agree with the mutated bytes, as a tool that rewrote the file would.
std::string resealed(std::string_view input) {
    std::string bytes(input);
    if (bytes.size() < 48 || bytes.compare(0, 8, "TLWARCH1") != 0) return bytes;
    const std::uint64_t size = bytes.size();
    for (int i = 0; i < 8; ++i) bytes[8 + static_cast<size_t>(i)] = static_cast<char>(size >> (8 * i));
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size() - 16));
    std::memcpy(bytes.data() + bytes.size() - 16, canonical.digest, 16);
    return bytes;
}

std::vector<std::string> checkpointSeeds() {
    tlw::Checkpoint checkpoint;
    checkpoint.state.configJson = tlw::trainingConfigToJson(tlw::TrainingConfig{});
    checkpoint.state.nextEpoch = 3;
    checkpoint.state.phase = 1;
    checkpoint.state.classNames = {"ants", "bees"};
    checkpoint.state.earlyStoppingBest = 0.25;
    tlw::EpochMetrics epoch;
    epoch.epoch = 1;
    epoch.loss = 0.5;
    epoch.valLoss = 0.6;
    checkpoint.state.history.epochs = {epoch, epoch};
    checkpoint.weights = {{"dense.weight", at::ones({1, 4})}, {"dense.bias", at::zeros({1})}};
    const std::filesystem::path file = tlw::fuzz::writeInputFile("", ".checkpoint");
    tlw::writeCheckpoint(file, checkpoint);
    return {tlw::fuzz::readWholeFile(file)};
}

std::vector<std::string> modelDescriptionSeeds() {
    tlw::ModelDescription description;
    description.backbone = tlw::BackboneKind::MobileNet025;
    description.classNames = {"ants", "bees", "wasps"};
    description.head.classCount = 3;
    description.head.dropout = 0.2;
    description.imageSize = {128, 160};
    description.frozenLayers = {1, 2, 3};
    description.trainingConfigJson = tlw::trainingConfigToJson(tlw::TrainingConfig{});
    description.calibration.temperature = 1.5;
    return {tlw::modelDescriptionToJson(description), tlw::modelDescriptionToJson(tlw::ModelDescription{})};
}

std::vector<std::string> featureIndexSeeds() {
    const std::filesystem::path folder = tlw::fuzz::writeInputFile("", ".seed").parent_path() / "seed-cache";
    {
        tlw::FeatureStore store(folder, 4);
        store.append(tlw::ContentHash{1, 2}, "abcd");
        store.append(tlw::ContentHash{3, 4}, "efgh");
        store.commit();
    }
    return {tlw::fuzz::readWholeFile(folder / "index.bin")};
}

}  // namespace

TLW_FUZZ_TARGET(tensor_archive, archiveSeeds) {
    tlw::readTensorArchive(tlw::fuzz::writeInputFile(input, ".tlwm"), "tlw-model");
}

TLW_FUZZ_TARGET(tensor_archive_resealed, archiveSeeds) {
    tlw::readTensorArchive(tlw::fuzz::writeInputFile(resealed(input), ".tlwm"), "tlw-model");
}

TLW_FUZZ_TARGET(checkpoint, checkpointSeeds) {
    tlw::readCheckpoint(tlw::fuzz::writeInputFile(resealed(input), ".checkpoint"));
}

TLW_FUZZ_TARGET(model_description, modelDescriptionSeeds) {
    tlw::modelDescriptionFromJson(std::string(input), "fuzz.tlwm");
}

// index.bin beside a features.bin of 64 bytes: the rows it names must fit the file, whatever it claims.
TLW_FUZZ_TARGET(feature_index, featureIndexSeeds) {
    static const std::filesystem::path folder = [] {
        const std::filesystem::path cache = tlw::fuzz::writeInputFile("", ".dir").parent_path() / "cache";
        std::filesystem::create_directories(cache);
        std::ofstream(cache / "features.bin", std::ios::binary) << std::string(64, 'x');
        return cache;
    }();
    std::ofstream(folder / "index.bin", std::ios::binary | std::ios::trunc) << input;
    const tlw::FeatureStore store(folder, 4);
    std::vector<std::int64_t> rows;
    for (std::int64_t row = 0; row < store.rowCount(); ++row) rows.push_back(row);
    std::string out(static_cast<size_t>(store.rowCount()) * 4, '\0');
    store.readRows(rows, reinterpret_cast<unsigned char*>(out.data()));
}
