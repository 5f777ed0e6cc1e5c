#include "core/models/trained_model.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <numeric>

#include "core/data/preprocess.h"
#include "core/io/tensor_archive.h"
#include "core/models/classifier_inference.h"
#include "core/models/classifier_module.h"
#include "core/models/model_description_json.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr const char* kModelKind = "tlw-model";
// Images preprocessed and run together by probabilities(): bounds memory (a 224x224 batch is 19 MB).
constexpr std::size_t kInferenceBatch = 32;

std::shared_ptr<ClassifierModule> buildModule(const ModelDescription& description,
                                              const TensorArchive& archive,
                                              const std::filesystem::path& file) {
    auto module = std::make_shared<ClassifierModule>(
        BackboneModule::create(description.backbone, description.head.imageNetTop), description.head);
    module->loadNamedWeights(archive.tensors, file);
    module->backbone().setPretrained(description.pretrained);
    // Restored so that a loaded model reports the trainable/frozen split it was saved with.
    std::vector<bool> frozen(module->backbone().architecture().layers.size(), false);
    for (const int layer : description.frozenLayers) {
        if (layer < 0 || layer >= static_cast<int>(frozen.size()))
            throw Error(file, "frozen layer " + std::to_string(layer) + " is not a layer of the backbone");
        frozen[static_cast<std::size_t>(layer)] = true;
    }
    module->applyFreeze(frozen);
    module->eval();
    return module;
}

}  // namespace

TrainedModel::TrainedModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TrainedModel::TrainedModel(TrainedModel&&) noexcept = default;
TrainedModel& TrainedModel::operator=(TrainedModel&&) noexcept = default;
TrainedModel::~TrainedModel() = default;

TrainedModel TrainedModel::load(const std::filesystem::path& file) {
    const TensorArchive archive = readTensorArchive(file, kModelKind);
    ModelDescription description = modelDescriptionFromJson(archive.json, file);
    std::shared_ptr<ClassifierModule> module;
    try {
        module = buildModule(description, archive, file);
    } catch (const Error& e) {
        if (e.file() == file) throw;
        throw Error(file, e.reason());
    }
    return makeTrainedModel(std::move(description), std::move(module));
}

void TrainedModel::save(const std::filesystem::path& file) const {
    // A file that load() would refuse is never written.
    const ModelDescription& description = m_impl->description;
    validateModelDescription(description, file);
    const ClassifierModule& module = *m_impl->module;
    if (module.head().classCount != description.head.classCount ||
        module.head().imageNetTop != description.head.imageNetTop ||
        module.backbone().kind() != description.backbone)
        throw Error(file, "the description (" + backboneId(description.backbone) + ", " +
                              std::to_string(description.head.classCount) +
                              " classes) does not match the network (" +
                              backboneId(module.backbone().kind()) + ", " +
                              std::to_string(module.head().classCount) + " classes)");
    TensorArchive archive;
    archive.kind = kModelKind;
    archive.json = modelDescriptionToJson(m_impl->description);
    archive.tensors = m_impl->module->namedWeights();
    writeTensorArchive(file, archive);
}

const ModelDescription& TrainedModel::description() const { return m_impl->description; }

void TrainedModel::setCalibration(const ModelCalibration& calibration) {
    validateCalibration(calibration, {});
    m_impl->description.calibration = calibration;
}

void TrainedModel::setDecisionThresholds(const DecisionThresholds& decision) {
    validateDecisionThresholds(decision, {});
    const std::size_t classes = m_impl->description.classNames.size();
    if (!decision.classThresholds.empty() && decision.classThresholds.size() != classes)
        throw Error(std::to_string(decision.classThresholds.size()) + " per-class thresholds for " +
                    std::to_string(classes) + " classes");
    m_impl->description.decision = decision;
}

std::vector<std::vector<float>> TrainedModel::probabilities(const std::vector<RgbImage>& images) const {
    const ModelDescription& description = m_impl->description;
    PreprocessOptions preprocess;
    preprocess.width = description.imageSize.width;
    preprocess.height = description.imageSize.height;
    preprocess.cropToAspectRatio = description.cropToAspectRatio;
    const std::size_t imageFloats =
        3 * static_cast<size_t>(preprocess.width) * static_cast<size_t>(preprocess.height);

    ClassifierModule& module = *m_impl->module;
    EvalModeGuard evalMode(module);
    c10::InferenceMode inferenceMode;
    std::vector<std::vector<float>> result;
    result.reserve(images.size());
    std::vector<float> chw;
    for (std::size_t first = 0; first < images.size(); first += kInferenceBatch) {
        const std::size_t count = std::min(kInferenceBatch, images.size() - first);
        chw.resize(count * imageFloats);
        for (std::size_t i = 0; i < count; ++i) {
            const RgbImage& image = images[first + i];
            if (image.empty() || image.width <= 0 || image.height <= 0)
                throw Error("image " + std::to_string(first + i + 1) + " of " +
                            std::to_string(images.size()) + " is empty");
            preprocessImage(image, preprocess, chw.data() + i * imageFloats);
        }
        const at::Tensor logits = classifierLogits(module, chw.data(), static_cast<int64_t>(count),
                                                   preprocess.height, preprocess.width);
        const at::Tensor probabilities =
            module.probabilities(logits, description.calibration.temperature).contiguous();
        const float* values = probabilities.data_ptr<float>();
        const std::size_t classes = static_cast<size_t>(probabilities.size(1));
        for (std::size_t i = 0; i < count; ++i)
            result.emplace_back(values + i * classes, values + (i + 1) * classes);
    }
    return result;
}

std::vector<ClassScore> topClasses(const std::vector<float>& probabilities,
                                   const std::vector<std::string>& classNames, int k) {
    if (probabilities.size() != classNames.size())
        throw Error(std::to_string(probabilities.size()) + " probabilities for " +
                    std::to_string(classNames.size()) + " classes");
    std::vector<int> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    // stable_sort keeps the lower index first among equal probabilities.
    std::stable_sort(order.begin(), order.end(), [&probabilities](int a, int b) {
        return probabilities[static_cast<size_t>(a)] > probabilities[static_cast<size_t>(b)];
    });
    const std::size_t count = std::min(order.size(), static_cast<std::size_t>(std::max(k, 0)));
    std::vector<ClassScore> top;
    top.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t index = static_cast<size_t>(order[i]);
        top.push_back({order[i], classNames[index], probabilities[index]});
    }
    return top;
}

}  // namespace tlw
