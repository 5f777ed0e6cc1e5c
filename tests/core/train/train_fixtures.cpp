#include "tests/core/train/train_fixtures.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/io/tensor_archive.h"
#include "core/models/architecture.h"
#include "core/models/classifier_module.h"
#include "core/models/freeze_spec.h"
#include "core/train/optimizer_state.h"
#include "tests/core/data/image_fixtures.h"

namespace tlw::test {
namespace {

Rgb classColour(std::size_t index) {
    static const Rgb colours[] = {{40, 60, 200}, {200, 50, 40}, {50, 180, 60}, {200, 200, 60}};
    return colours[index % 4];
}

void writeClassImages(const std::filesystem::path& folder, Rgb mean, int count, int side,
                      std::mt19937& random) {
    std::filesystem::create_directories(folder);
    std::normal_distribution<double> noise(0.0, 40.0);
    for (int i = 0; i < count; ++i) {
        std::vector<std::uint8_t> pixels(static_cast<size_t>(side) * static_cast<size_t>(side) * 3);
        for (size_t p = 0; p < pixels.size(); p += 3) {
            const double channels[3] = {double(mean.r), double(mean.g), double(mean.b)};
            for (int c = 0; c < 3; ++c)
                pixels[p + static_cast<size_t>(c)] =
                    static_cast<std::uint8_t>(std::clamp(channels[c] + noise(random), 0.0, 255.0));
        }
        writeBytes(folder / ("image_" + std::to_string(i) + ".png"), encodePng(side, side, pixels));
    }
}

}  // namespace

void writeTinyDataset(const std::filesystem::path& root, const TinyDatasetSpec& spec) {
    std::mt19937 random(spec.seed);
    const bool splitFolders = spec.validationPerClass > 0 || spec.testPerClass > 0;
    for (std::size_t c = 0; c < spec.classes.size(); ++c) {
        const Rgb colour = classColour(c);
        const std::string& name = spec.classes[c];
        writeClassImages(splitFolders ? root / "train" / name : root / name, colour, spec.trainPerClass,
                         spec.side, random);
        if (spec.validationPerClass > 0)
            writeClassImages(root / "val" / name, colour, spec.validationPerClass, spec.side, random);
        if (spec.testPerClass > 0)
            writeClassImages(root / "test" / name, colour, spec.testPerClass, spec.side, random);
    }
}

TrainingConfig tinyTrainingConfig(const std::filesystem::path& data, const std::filesystem::path& outDir,
                                  const std::filesystem::path& cacheDir) {
    TrainingConfig config;
    config.dataDir = data;
    config.imageSize = {32, 32};
    config.backbone = BackboneKind::Vgg16;
    // A weights file that is not there: the engine goes on from seeded random weights ("not pretrained").
    config.weightsFile = outDir / "no-such-weights.h5";
    config.allowDownload = false;
    config.allowRandomInit = true;
    // Adam: these runs exercise the epoch machinery (the exact head has its own tests).
    config.headSolver = HeadSolver::Adam;
    config.epochs = 3;
    config.batchSize = 4;
    config.learningRate = 0.01;
    config.seed = 11;
    config.threads = 1;
    config.precision = Precision::Float32;  // exact comparisons between cached and uncached passes
    config.cache.directory = cacheDir;
    config.outputModel = outDir / "model.tlwm";
    return config;
}

std::shared_ptr<ClassifierModule> vgg16FineTunedAt(int cut, int side) {
    torch::manual_seed(5);
    HeadSpec head;
    head.classCount = 2;
    auto module =
        std::make_shared<ClassifierModule>(BackboneModule::create(BackboneKind::Vgg16, false), head);
    const Architecture& architecture = module->backbone().architecture();
    module->applyFreeze(
        FreezeSpec::firstLayers(cut).frozenMask(inferLayerInfos(architecture, ImageSize{side, side})));
    module->setTrainingMode(true);
    return module;
}

void rewriteWithLegacyOptimizer(const std::filesystem::path& checkpoint) {
    TensorArchive archive = readTensorArchive(checkpoint, "tlw-checkpoint");
    const std::string prefix = "optimizer/";
    NamedTensors state;
    std::map<size_t, torch::Tensor> shapes;  // a stand-in parameter per index, shaped as its moments
    std::vector<std::pair<std::string, torch::Tensor>> kept;
    for (auto& [name, tensor] : archive.tensors) {
        if (name.rfind(prefix, 0) != 0) {
            kept.emplace_back(name, tensor);
            continue;
        }
        const std::string field = name.substr(prefix.size());
        state.emplace_back(field, tensor);
        if (field.find("/exp_avg_sq") != std::string::npos)
            shapes[std::stoul(field)] = torch::zeros(tensor.sizes()).requires_grad_();
    }
    ASSERT_FALSE(state.empty()) << "no optimizer state in " << checkpoint;
    std::vector<torch::Tensor> parameters;
    for (const auto& [index, parameter] : shapes) {
        ASSERT_EQ(index, parameters.size()) << "a parameter without state";
        parameters.push_back(parameter);
    }
    torch::optim::Adam adam(parameters);
    restoreOptimizerState(adam, state, checkpoint);
    torch::serialize::OutputArchive serialized;
    adam.save(serialized);
    std::ostringstream bytes;
    serialized.save_to(bytes);
    const std::string blob = bytes.str();
    kept.emplace_back("optimizer", torch::from_blob(const_cast<char*>(blob.data()),
                                                    {static_cast<int64_t>(blob.size())}, torch::kUInt8)
                                       .clone());
    archive.tensors = std::move(kept);
    nlohmann::json document = nlohmann::json::parse(archive.json);
    document["format"] = 2;
    archive.json = document.dump();
    writeTensorArchive(checkpoint, archive);
}

}  // namespace tlw::test
