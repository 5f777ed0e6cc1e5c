#include "core/models/backbone_module.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/nn/functional/activation.h>

#include <algorithm>

#include "core/util/error.h"

namespace tlw {
namespace {

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

BackboneModule::BackboneModule(Architecture architecture)
    : m_architecture(std::move(architecture)), m_cutPoints(tlw::cutPoints(m_architecture)) {
    const size_t count = m_architecture.layers.size();
    m_convs.resize(count, torch::nn::Conv2d(nullptr));
    m_denses.resize(count, torch::nn::Linear(nullptr));
    m_pools.resize(count, torch::nn::MaxPool2d(nullptr));
    m_dropouts.resize(count, torch::nn::Dropout(nullptr));
    m_lastReader.assign(count, -1);

    // Channel counts and Dense input sizes come from the layer list at the nominal input size.
    const std::vector<LayerInfo> infos = inferLayerInfos(m_architecture, m_architecture.nominalInputSize);
    for (size_t index = 0; index < count; ++index) {
        const LayerSpec& layer = m_architecture.layers[index];
        for (const int from : layer.inbound)
            m_lastReader[static_cast<size_t>(from)] =
                std::max(m_lastReader[static_cast<size_t>(from)], int(index));
        const std::vector<int64_t> inShape =
            layer.inbound.empty() ? std::vector<int64_t>{}
                                  : infos[static_cast<size_t>(layer.inbound.front())].outputShape;
        switch (layer.kind) {
            case LayerKind::Conv2D: {
                // Keras "same" with stride 1 and an odd kernel pads k/2 on every side, as PyTorch's padding
                // does.
                if (layer.padding == Padding::Same && (layer.stride != 1 || layer.kernel % 2 == 0))
                    throw Error(layer.name +
                                ": 'same' padding is supported for stride 1 and odd kernels only");
                const int padding = layer.padding == Padding::Same ? layer.kernel / 2 : 0;
                m_convs[index] = register_module(
                    layer.name,
                    torch::nn::Conv2d(torch::nn::Conv2dOptions(inShape.at(3), layer.units, layer.kernel)
                                          .stride(layer.stride)
                                          .padding(padding)));
                break;
            }
            case LayerKind::Dense:
                m_denses[index] = register_module(
                    layer.name, torch::nn::Linear(torch::nn::LinearOptions(inShape.at(1), layer.units)));
                break;
            case LayerKind::MaxPooling2D:
                if (layer.padding != Padding::Valid)
                    throw Error(layer.name + ": only 'valid' max pooling is supported");
                m_pools[index] = register_module(
                    layer.name,
                    torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(layer.kernel).stride(layer.stride)));
                break;
            case LayerKind::Dropout:
                m_dropouts[index] =
                    register_module(layer.name, torch::nn::Dropout(torch::nn::DropoutOptions(layer.rate)));
                break;
            default:
                break;
        }
    }
}

std::shared_ptr<BackboneModule> BackboneModule::create(BackboneKind kind, bool includeTop) {
    return std::make_shared<BackboneModule>(backboneArchitecture(kind, includeTop));
}

int BackboneModule::layerIndex(const std::string& name) const {
    for (size_t index = 0; index < m_architecture.layers.size(); ++index)
        if (m_architecture.layers[index].name == name) return static_cast<int>(index);
    return -1;
}

std::vector<LayerInfo> BackboneModule::layers(ImageSize inputSize) const {
    std::vector<LayerInfo> infos = inferLayerInfos(m_architecture, inputSize);
    const std::vector<bool> frozen = frozenMask();
    for (size_t index = 0; index < infos.size(); ++index) infos[index].trainable = !frozen[index];
    return infos;
}

torch::Tensor BackboneModule::forward(const torch::Tensor& images) {
    return forwardRange(images, 0, layerCount());
}

void BackboneModule::checkInput(const torch::Tensor& input, int fromLayer) const {
    const std::string& model = m_architecture.modelName;
    if (fromLayer > 1) return;  // mid-network inputs come from forwardRange itself; LibTorch checks the rest
    if (input.dim() != 4 || input.size(1) != 3) {
        throw Error(model + ": expected an image batch N x 3 x H x W, got " + std::to_string(input.dim()) +
                    "-D input" +
                    (input.dim() >= 2 ? " with " + std::to_string(input.size(1)) + " channels" : ""));
    }
    const int64_t height = input.size(2);
    const int64_t width = input.size(3);
    if (height < m_architecture.minimumInputSide || width < m_architecture.minimumInputSide) {
        throw Error(model + ": input " + std::to_string(height) + "x" + std::to_string(width) +
                    " is below the minimum " + std::to_string(m_architecture.minimumInputSide));
    }
    const ImageSize nominal = m_architecture.nominalInputSize;
    if (m_architecture.hasFlatten() && (height != nominal.height || width != nominal.width)) {
        throw Error(model + ": the model with its top needs " + toString(nominal) + " input, got " +
                    std::to_string(height) + "x" + std::to_string(width));
    }
}

torch::Tensor BackboneModule::forwardRange(const torch::Tensor& input, int fromLayer, int toLayer) {
    const int count = layerCount();
    if (fromLayer < 0 || toLayer > count || fromLayer > toLayer) {
        throw Error(m_architecture.modelName + ": invalid layer range [" + std::to_string(fromLayer) + ", " +
                    std::to_string(toLayer) + ") of " + std::to_string(count) + " layers");
    }
    if (!isCutPoint(fromLayer)) {
        throw Error(m_architecture.modelName + ": cannot start at layer " + std::to_string(fromLayer) + " (" +
                    m_architecture.layers[static_cast<size_t>(fromLayer)].name +
                    "): it is inside a module whose branches must run together");
    }
    checkInput(input, fromLayer);
    if (fromLayer == toLayer) return input;

    // Outputs by layer index; each is released once its last reader has run, so at most a module's worth of
    // activations is alive at a time.
    std::vector<torch::Tensor> outputs(static_cast<size_t>(count));
    int next = fromLayer;
    if (fromLayer == 0) {
        outputs[0] = input;  // the InputLayer passes the batch through
        next = 1;
    } else {
        outputs[static_cast<size_t>(fromLayer - 1)] = input;
    }
    try {
        for (int index = next; index < toLayer; ++index) {
            const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(index)];
            std::vector<torch::Tensor> inputs;
            inputs.reserve(layer.inbound.size());
            for (const int from : layer.inbound) inputs.push_back(outputs[static_cast<size_t>(from)]);
            outputs[static_cast<size_t>(index)] = runLayer(index, inputs, ownsSoleInput(index, next));
            for (const int from : layer.inbound) {
                if (m_lastReader[static_cast<size_t>(from)] <= index)
                    outputs[static_cast<size_t>(from)] = torch::Tensor();
            }
        }
    } catch (const c10::Error& e) {
        throw Error(m_architecture.modelName + ": " + firstLine(e.what_without_backtrace()));
    }
    return outputs[static_cast<size_t>(toLayer - 1)];
}

// True when layer index's one input was made in this forward call by a layer whose backward does not read its
// output, and nothing after index reads it: the layer may then overwrite it.
bool BackboneModule::ownsSoleInput(int index, int firstComputed) const {
    const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(index)];
    if (layer.inbound.size() != 1) return false;
    const int from = layer.inbound.front();
    if (from < firstComputed || m_lastReader[static_cast<size_t>(from)] != index) return false;
    const LayerSpec& producer = m_architecture.layers[static_cast<size_t>(from)];
    const bool linearOutput = producer.activation == Activation::Linear &&
                              (producer.kind == LayerKind::Conv2D || producer.kind == LayerKind::Dense);
    return linearOutput || producer.kind == LayerKind::Concatenate;
}

torch::Tensor BackboneModule::runLayer(int index, const std::vector<torch::Tensor>& inputs, bool ownsInput) {
    const size_t i = static_cast<size_t>(index);
    const LayerSpec& layer = m_architecture.layers[i];
    // A fused activation works in place on the fresh convolution or Dense output, as ReLU(inplace=True) in
    // torchvision: no second activation-sized tensor (VGG16's first ones are 411 MB a batch of 32), and
    // autograd allows it, since neither layer's backward reads its output. A separate Activation layer
    // (Keras's SqueezeNet has one after every convolution) does the same where it owns its input
    // (ownsSoleInput).
    const auto activate = [&layer](torch::Tensor x, bool fresh = false) {
        switch (layer.activation) {
            case Activation::Relu:
                return fresh ? torch::relu_(x) : torch::relu(x);
            case Activation::Softmax:
                return torch::softmax(x, 1);
            case Activation::Linear:
                return x;
        }
        return x;
    };
    switch (layer.kind) {
        case LayerKind::Input:
            return inputs.at(0);
        case LayerKind::Conv2D:
            return activate(m_convs[i]->forward(inputs.at(0)), true);
        case LayerKind::MaxPooling2D:
            return m_pools[i]->forward(inputs.at(0));
        case LayerKind::Activation:
            return activate(inputs.at(0), ownsInput);
        case LayerKind::Concatenate:
            return torch::cat(inputs, 1);
        case LayerKind::Dropout:
            return m_dropouts[i]->forward(inputs.at(0));
        // NCHW order; the Dense after it had its kernel reordered at load to match Keras's NHWC flatten.
        case LayerKind::Flatten:
            return inputs.at(0).flatten(1);
        case LayerKind::Dense:
            return activate(m_denses[i]->forward(inputs.at(0)), true);
    }
    return inputs.at(0);
}

bool BackboneModule::isCutPoint(int k) const {
    return std::binary_search(m_cutPoints.begin(), m_cutPoints.end(), k);
}

int BackboneModule::cutPointAtOrBefore(int k) const {
    int best = 0;
    for (const int cut : m_cutPoints)
        if (cut <= k) best = cut;
    return best;
}

void BackboneModule::applyFreeze(const std::vector<bool>& frozen) {
    if (frozen.size() != m_architecture.layers.size())
        throw Error(m_architecture.modelName + ": a freeze mask of " + std::to_string(frozen.size()) +
                    " flags for " + std::to_string(m_architecture.layers.size()) + " layers");
    for (int index = 0; index < layerCount(); ++index) {
        for (torch::Tensor parameter : layerParameters(index))
            parameter.set_requires_grad(!frozen[static_cast<size_t>(index)]);
    }
    m_frozen = frozen;
}

void BackboneModule::setTrainingMode(bool training) {
    train(training);
    if (!training || m_frozen.empty()) return;
    for (size_t index = 0; index < m_dropouts.size(); ++index)
        if (m_dropouts[index] && m_frozen[index]) m_dropouts[index]->eval();
}

std::vector<bool> BackboneModule::frozenMask() const {
    return m_frozen.empty() ? std::vector<bool>(m_architecture.layers.size(), false) : m_frozen;
}

std::vector<torch::Tensor> BackboneModule::trainableParameters() const {
    std::vector<torch::Tensor> parameters;
    for (int index = 0; index < layerCount(); ++index) {
        for (const torch::Tensor& parameter : layerParameters(index))
            if (parameter.requires_grad()) parameters.push_back(parameter);
    }
    return parameters;
}

std::vector<torch::Tensor> BackboneModule::layerParameters(int layer) const {
    const size_t i = static_cast<size_t>(layer);
    if (m_convs.at(i)) return {m_convs[i]->weight, m_convs[i]->bias};
    if (m_denses.at(i)) return {m_denses[i]->weight, m_denses[i]->bias};
    return {};
}

void BackboneModule::toChannelsLast() {
    torch::NoGradGuard noGrad;
    for (const torch::nn::Conv2d& conv : m_convs) {
        if (conv) conv->weight.set_data(conv->weight.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

void BackboneModule::setPretrained(bool pretrained, std::filesystem::path source) {
    m_pretrained = pretrained;
    m_weightsSource = std::move(source);
}

}  // namespace tlw
