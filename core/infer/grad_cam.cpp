#include "core/infer/grad_cam.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <torch/autograd.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/data/preprocess.h"
#include "core/models/classifier_inference.h"
#include "core/models/classifier_module.h"
#include "core/util/error.h"

namespace tlw {
namespace {

// Where the map comes from: the index of the backbone's Grad-CAM layer, checked to be a layer the network
// can be split after (so that its output can be a leaf the gradient is taken with respect to).
int gradCamLayerIndex(ClassifierModule& module) {
    BackboneModule& backbone = module.backbone();
    const Architecture& architecture = backbone.architecture();
    const int layer = backbone.layerIndex(architecture.gradCamLayer);
    if (layer < 0)
        throw Error(backboneDisplayName(architecture.kind) + ": no Grad-CAM layer '" +
                    architecture.gradCamLayer + "'");
    if (layer + 1 > module.backboneEnd() || !backbone.isCutPoint(layer + 1))
        throw Error(backboneDisplayName(architecture.kind) + ": the Grad-CAM layer " +
                    architecture.gradCamLayer + " is not at a boundary the network can be split at");
    return layer;
}

// A float32 copy of a network kept in another dtype (bfloat16): a gradient taken in bfloat16 keeps about
// three significant digits, too few for the small differences between channel weights.
std::shared_ptr<ClassifierModule> float32Copy(ClassifierModule& module) {
    auto backbone = std::make_shared<BackboneModule>(module.backbone().architecture());
    auto copy = std::make_shared<ClassifierModule>(backbone, module.head());
    auto weights = module.namedWeights();
    for (auto& [name, tensor] : weights) tensor = tensor.detach().to(at::kCPU, at::kFloat);
    copy->loadNamedWeights(weights, "model");
    copy->eval();
    return copy;
}

// The class's score: its logit; for a binary model (one logit, for class 1) class 0's is its negation.
at::Tensor classScore(const at::Tensor& logits, int classIndex) {
    if (logits.size(1) == 1) return classIndex == 1 ? logits[0][0] : -logits[0][0];
    return logits[0][classIndex];
}

GradCamMap mapOf(const at::Tensor& activations, const at::Tensor& gradients) {
    // Channel weights: the gradient averaged over the map (the paper's alpha_k^c).
    const at::Tensor weights = gradients.mean({2, 3}, /*keepdim=*/true);
    const at::Tensor cam = at::relu((weights * activations).sum(1))[0].to(at::kCPU, at::kFloat).contiguous();
    GradCamMap map;
    map.height = static_cast<int>(cam.size(0));
    map.width = static_cast<int>(cam.size(1));
    map.values.assign(cam.data_ptr<float>(), cam.data_ptr<float>() + cam.numel());
    return map;
}

// The probability reported is the calibrated one (logits / temperature), as tlw predict reports it.
GradCamMap runGradCam(ClassifierModule& module, std::vector<float>& chw, int height, int width,
                      std::optional<int> classIndex, double temperature) {
    const int layer = gradCamLayerIndex(module);
    const at::Tensor weight = module.namedWeights().back().second;
    const at::Tensor images =
        at::from_blob(chw.data(), {1, 3, height, width}, at::kFloat).to(weight.device(), at::kFloat);
    // The layer's output, computed without a graph, then made the leaf the class score is derived from.
    at::Tensor activations;
    {
        const at::NoGradGuard noGrad;
        activations = module.backbone().forwardRange(images, 0, layer + 1);
    }
    activations = activations.detach().contiguous().requires_grad_(true);
    const at::Tensor logits = module.forwardFrom(activations, layer + 1);
    const at::Tensor probabilities =
        module.probabilities(logits.detach(), temperature).to(at::kCPU, at::kFloat)[0];
    const int predicted = static_cast<int>(probabilities.argmax().item<int64_t>());
    const int explained = classIndex.value_or(predicted);
    const at::Tensor gradients = torch::autograd::grad({classScore(logits, explained)}, {activations})[0];

    GradCamMap map = mapOf(activations.detach(), gradients);
    const Architecture& architecture = module.backbone().architecture();
    map.layer = architecture.gradCamLayer;
    map.cells = mapGeometry(architecture, layer, ImageSize{height, width});
    map.inputHeight = height;
    map.inputWidth = width;
    map.classIndex = explained;
    map.predictedClass = predicted;
    map.probability = probabilities[explained].item<float>();
    return map;
}

// One output pixel's two neighbouring cells on an axis, and the share of the second.
struct Tap {
    int low = 0;
    int high = 0;
    float weight = 0.0f;
};

// For each of `size` output pixels spread over an input side of inputSide pixels: its centre in input
// pixels, then where that falls between the centres of the axis's cells (clamped to the outer ones).
std::vector<Tap> taps(int size, int inputSide, int cellCount, CellCentres centres) {
    std::vector<Tap> result(static_cast<size_t>(std::max(size, 0)));
    for (int pixel = 0; pixel < size; ++pixel) {
        const double input = (pixel + 0.5) * inputSide / size - 0.5;
        const double cell = std::clamp((input - centres.start) / centres.step, 0.0, cellCount - 1.0);
        Tap& tap = result[static_cast<size_t>(pixel)];
        tap.low = static_cast<int>(std::floor(cell));
        tap.high = std::min(tap.low + 1, cellCount - 1);
        tap.weight = static_cast<float>(cell - tap.low);
    }
    return result;
}

}  // namespace

float GradCamMap::maximum() const {
    return values.empty() ? 0.0f : *std::max_element(values.begin(), values.end());
}

GradCamMap gradCam(const TrainedModel& model, const RgbImage& image, std::optional<int> classIndex) {
    const ModelDescription& description = model.description();
    const int classCount = static_cast<int>(description.classNames.size());
    if (classIndex && (*classIndex < 0 || *classIndex >= classCount))
        throw Error("class " + std::to_string(*classIndex) + " is out of range: the model has " +
                    std::to_string(classCount) + " classes");
    PreprocessOptions preprocess;
    preprocess.width = description.imageSize.width;
    preprocess.height = description.imageSize.height;
    preprocess.cropToAspectRatio = description.cropToAspectRatio;
    std::vector<float> chw = preprocessImage(image, preprocess);

    std::shared_ptr<ClassifierModule> network = model.impl().module;
    if (network->namedWeights().back().second.scalar_type() != at::kFloat) network = float32Copy(*network);
    const EvalModeGuard evalMode(*network);
    // A caller may hold inference mode (the GUI's prediction thread); the gradient needs a graph.
    const c10::InferenceMode noInferenceMode(false);
    const at::AutoGradMode gradients(true);
    try {
        GradCamMap map = runGradCam(*network, chw, preprocess.height, preprocess.width, classIndex,
                                    description.calibration.temperature);
        map.className = description.classNames.at(static_cast<size_t>(map.classIndex));
        return map;
    } catch (const c10::Error& e) {
        const std::string message = e.what_without_backtrace();
        throw Error("Grad-CAM: " + message.substr(0, message.find('\n')));
    }
}

int parseClassIndex(const std::string& text, const std::vector<std::string>& classNames) {
    for (size_t i = 0; i < classNames.size(); ++i)
        if (classNames[i] == text) return static_cast<int>(i);
    if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const unsigned long index = text.size() <= 9 ? std::stoul(text) : classNames.size();
        if (index < classNames.size()) return static_cast<int>(index);
    }
    std::string known;
    for (const std::string& name : classNames) known += (known.empty() ? "" : ", ") + name;
    throw Error("no class '" + text + "' in the model (classes: " + known + ", or their index from 0)");
}

std::vector<float> upsampledMap(const GradCamMap& map, int width, int height) {
    if (map.values.empty() || map.width <= 0 || map.height <= 0 ||
        map.values.size() != static_cast<size_t>(map.width) * static_cast<size_t>(map.height))
        throw Error("Grad-CAM: the map is empty");
    const bool placed = map.inputWidth > 0 && map.inputHeight > 0;
    const std::vector<Tap> rows = taps(height, placed ? map.inputHeight : map.height, map.height,
                                       placed ? map.cells.rows : CellCentres{});
    const std::vector<Tap> columns = taps(width, placed ? map.inputWidth : map.width, map.width,
                                          placed ? map.cells.columns : CellCentres{});
    const auto at = [&](int row, int column) {
        return map
            .values[static_cast<size_t>(row) * static_cast<size_t>(map.width) + static_cast<size_t>(column)];
    };
    std::vector<float> values;
    values.reserve(static_cast<size_t>(width) * static_cast<size_t>(height));
    for (const Tap& row : rows) {
        for (const Tap& column : columns) {
            const float upper =
                at(row.low, column.low) * (1 - column.weight) + at(row.low, column.high) * column.weight;
            const float lower =
                at(row.high, column.low) * (1 - column.weight) + at(row.high, column.high) * column.weight;
            values.push_back(upper * (1 - row.weight) + lower * row.weight);
        }
    }
    return values;
}

}  // namespace tlw
