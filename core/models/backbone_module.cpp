#include "core/models/backbone_module.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/nn/functional/activation.h>

#include <algorithm>

#include "core/data/preprocess.h"
#include "core/models/blocked_activation.h"
#include "core/models/conv_relu_pool.h"
#include "core/models/onednn_inference.h"
#include "core/models/onednn_winograd.h"
#include "core/models/winograd_bf16.h"
#include "core/models/winograd_convolution.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// Whether the layer's one input is a concatenation left unmade (BackboneModule::defersConcatenation).
bool readsPartsNow(const LayerSpec& layer, const std::vector<std::vector<torch::Tensor>>& parts) {
    return layer.inbound.size() == 1 && !parts[static_cast<size_t>(layer.inbound.front())].empty();
}

// A convolution the fused conv + ReLU + pooling node can train: 3x3, stride 1, "same", ReLU, its input
// channels in the sparse kernels' chunks of 16, read by a max-pooling whose windows do not overlap alone.
bool poolsNext(const Architecture& architecture, const std::vector<int>& lastReader, int64_t inChannels,
               size_t index) {
    const LayerSpec& conv = architecture.layers[index];
    if (conv.kind != LayerKind::Conv2D || conv.kernel != 3 || conv.stride != 1 ||
        conv.padding != Padding::Same || conv.activation != Activation::Relu || inChannels % 16 != 0)
        return false;
    if (index + 1 >= architecture.layers.size() || lastReader[index] != static_cast<int>(index + 1))
        return false;
    const LayerSpec& pool = architecture.layers[index + 1];
    return pool.kind == LayerKind::MaxPooling2D && pool.padding == Padding::Valid && pool.kernel >= 2 &&
           pool.stride == pool.kernel && pool.inbound == std::vector<int>{static_cast<int>(index)};
}

// Keras "same" with stride 1 and an odd kernel pads kernel/2 on every side, as LibTorch's padding does;
// any other "same" (stride 2) may pad one more bottom and right, which runConvolution does itself.
bool needsExplicitPadding(const LayerSpec& layer) {
    return layer.padding == Padding::Same && (layer.stride != 1 || layer.kernel % 2 == 0);
}

int64_t symmetricPadding(const LayerSpec& layer) {
    return layer.padding == Padding::Same && !needsExplicitPadding(layer) ? layer.kernel / 2 : 0;
}

// The convolutions Winograd computes: 3x3, stride 1, "same" (every VGG16 convolution, ResNet50's middle ones,
// SqueezeNet's expand3x3), not depthwise.
bool isWinogradShaped(const LayerSpec& layer) {
    return layer.kind == LayerKind::Conv2D && layer.kernel == 3 && layer.stride == 1 &&
           layer.padding == Padding::Same;
}

// A Conv2D's stride and zero padding on each side for this input, as Keras pads.
ConvolutionWindow convolutionWindow(const LayerSpec& layer, const torch::Tensor& input) {
    ConvolutionWindow window;
    window.stride = layer.stride;
    if (layer.padding != Padding::Same) return window;
    const SidePadding rows = tfSamePadding(input.size(2), layer.kernel, layer.stride);
    const SidePadding columns = tfSamePadding(input.size(3), layer.kernel, layer.stride);
    window.padTop = rows.before;
    window.padBottom = rows.after;
    window.padLeft = columns.before;
    window.padRight = columns.after;
    return window;
}

// Keras's "tf" mode from our "caffe" input: RGB = flip(BGR - mean) + mean, then x / 127.5 - 1.
torch::Tensor caffeToTf(const torch::Tensor& caffe) {
    static const float kOffsets[3] = {kCaffeMeanBgr[2] / 127.5f - 1.0f, kCaffeMeanBgr[1] / 127.5f - 1.0f,
                                      kCaffeMeanBgr[0] / 127.5f - 1.0f};
    const torch::Tensor offsets = torch::tensor({kOffsets[0], kOffsets[1], kOffsets[2]}, torch::kFloat32)
                                      .to(caffe.device(), caffe.scalar_type())
                                      .reshape({1, 3, 1, 1});
    return caffe.flip({1}) * (1.0 / 127.5) + offsets;
}

// Our "caffe" input back to the 0..255 RGB that EfficientNet takes: flip(BGR + mean).
torch::Tensor caffeToRgb(const torch::Tensor& caffe) {
    const torch::Tensor means =
        torch::tensor({kCaffeMeanBgr[0], kCaffeMeanBgr[1], kCaffeMeanBgr[2]}, torch::kFloat32)
            .to(caffe.device(), caffe.scalar_type())
            .reshape({1, 3, 1, 1});
    return (caffe + means).flip({1});
}

// Keras's Rescaling: one factor, or one per channel (NCHW).
torch::Tensor rescale(const torch::Tensor& x, const std::vector<double>& scale) {
    if (scale.size() == 1) return x * scale.front();
    const torch::Tensor factors =
        torch::tensor(scale, torch::kFloat64).to(x.device(), x.scalar_type()).reshape({1, -1, 1, 1});
    return x * factors;
}

// Keras's Add: the element-wise sum, a new tensor (the inputs may still be read by other layers).
torch::Tensor addInputs(const std::vector<torch::Tensor>& inputs) {
    torch::Tensor sum = inputs.at(0) + inputs.at(1);
    for (size_t i = 2; i < inputs.size(); ++i) sum.add_(inputs[i]);
    return sum;
}

// MobileNet's ReLU6. LibTorch 1.13 has no bfloat16 backward for hardtanh on the CPU (bf16 mixed-precision
// training); clamp's backward is the same except at exactly 0 and maxValue, where the kink's gradient is a
// convention. float32 keeps hardtanh, so fp32 runs do not change by a bit.
torch::Tensor cappedRelu(const torch::Tensor& x, double maxValue) {
    if (x.scalar_type() == torch::kBFloat16) return x.clamp(0.0, maxValue);
    return at::hardtanh(x, 0.0, maxValue);
}

}  // namespace

KerasNormalizationImpl::KerasNormalizationImpl(int64_t channels) {
    mean = register_buffer("mean", torch::zeros({channels}));
    variance = register_buffer("variance", torch::ones({channels}));
    count = register_buffer("count", torch::zeros({}));
}

torch::Tensor KerasNormalizationImpl::forward(const torch::Tensor& x) {
    const torch::Tensor scale = torch::clamp_min(torch::sqrt(variance), 1e-7).to(x.scalar_type());
    return (x - mean.to(x.scalar_type()).reshape({1, -1, 1, 1})) / scale.reshape({1, -1, 1, 1});
}

BackboneModule::BackboneModule(Architecture architecture)
    : m_architecture(std::move(architecture)), m_cutPoints(tlw::cutPoints(m_architecture)) {
    const size_t count = m_architecture.layers.size();
    m_convs.resize(count, torch::nn::Conv2d(nullptr));
    m_denses.resize(count, torch::nn::Linear(nullptr));
    m_pools.resize(count, torch::nn::MaxPool2d(nullptr));
    m_dropouts.resize(count, torch::nn::Dropout(nullptr));
    m_norms.resize(count, torch::nn::BatchNorm2d(nullptr));
    m_inputNorms.resize(count, KerasNormalization(nullptr));
    m_foldedNorms.assign(count, false);
    m_lastReader.assign(count, -1);
    m_readers.assign(count, 0);
    m_poolsNext.assign(count, false);

    // Channel counts and Dense input sizes come from the layer list at the nominal input size.
    const std::vector<LayerInfo> infos = inferLayerInfos(m_architecture, m_architecture.nominalInputSize);
    for (size_t index = 0; index < count; ++index) {
        const LayerSpec& layer = m_architecture.layers[index];
        for (const int from : layer.inbound) {
            m_lastReader[static_cast<size_t>(from)] =
                std::max(m_lastReader[static_cast<size_t>(from)], int(index));
            ++m_readers[static_cast<size_t>(from)];
        }
        const std::vector<int64_t> inShape =
            layer.inbound.empty() ? std::vector<int64_t>{}
                                  : infos[static_cast<size_t>(layer.inbound.front())].outputShape;
        switch (layer.kind) {
            case LayerKind::Conv2D:
            case LayerKind::DepthwiseConv2D: {
                // Depthwise (depth_multiplier 1): one 3x3 kernel per channel, LibTorch's groups = channels.
                const bool depthwise = layer.kind == LayerKind::DepthwiseConv2D;
                const int64_t inChannels = inShape.at(3);
                m_convs[index] = register_module(
                    layer.name,
                    torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                          inChannels, depthwise ? inChannels : layer.units, layer.kernel)
                                          .stride(layer.stride)
                                          .padding(symmetricPadding(layer))
                                          .groups(depthwise ? inChannels : 1)
                                          .bias(layer.useBias)));
                break;
            }
            case LayerKind::BatchNormalization:
                m_norms[index] = register_module(
                    layer.name, torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(inShape.at(3))
                                                           .eps(layer.epsilon)
                                                           .momentum(1.0 - layer.momentum)));
                break;
            case LayerKind::Normalization:
                m_inputNorms[index] = register_module(layer.name, KerasNormalization(inShape.at(3)));
                break;
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
    for (size_t index = 0; index < count; ++index) {
        const LayerSpec& layer = m_architecture.layers[index];
        const std::vector<int>& inbound = layer.inbound;
        if (layer.kind == LayerKind::Conv2D && inbound.size() == 1)
            m_poolsNext[index] =
                poolsNext(m_architecture, m_lastReader,
                          infos[static_cast<size_t>(inbound.front())].outputShape.at(3), index);
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
    // The inputs of concatenations left unmade, by layer index, and of max poolings of them.
    std::vector<std::vector<torch::Tensor>> parts(static_cast<size_t>(count));
    int next = fromLayer;
    if (fromLayer == 0) {
        outputs[0] = adaptInput(input);  // the InputLayer: the batch, in the backbone's preprocessing
        next = 1;
    } else {
        outputs[static_cast<size_t>(fromLayer - 1)] = input;
    }
    try {
        for (int index = next; index < toLayer; ++index) {
            if (outputs[static_cast<size_t>(index)].defined()) continue;  // computed ahead by a fused node
            const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(index)];
            if (readsPartsNow(layer, parts))
                runOnParts(index, toLayer, parts[static_cast<size_t>(layer.inbound.front())], outputs, parts);
            else
                runLayerAt(index, toLayer, next, outputs, parts);
            for (const int from : layer.inbound) {
                if (m_lastReader[static_cast<size_t>(from)] > index) continue;
                outputs[static_cast<size_t>(from)] = torch::Tensor();
                parts[static_cast<size_t>(from)].clear();
            }
        }
    } catch (const c10::Error& e) {
        throw Error(m_architecture.modelName + ": " + firstLine(e.what_without_backtrace()));
    }
    return ordinaryActivation(outputs[static_cast<size_t>(toLayer - 1)]);
}

// Layer index with its inputs from outputs; a concatenation the next layer reads part by part stays in parts.
void BackboneModule::runLayerAt(int index, int toLayer, int firstComputed,
                                std::vector<torch::Tensor>& outputs,
                                std::vector<std::vector<torch::Tensor>>& parts) {
    const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(index)];
    std::vector<torch::Tensor> inputs;
    inputs.reserve(layer.inbound.size());
    for (const int from : layer.inbound) inputs.push_back(outputs[static_cast<size_t>(from)]);
    if (!readsBlocked(index, inputs))
        for (torch::Tensor& x : inputs) x = ordinaryActivation(x);
    // A trained convolution and the pooling after it run as one node, and so does a convolution and the ReLU
    // it feeds where nothing records a gradient: the last fused layer's index gets it.
    int last = index;
    if (defersConcatenation(index, toLayer, inputs)) {
        parts[static_cast<size_t>(index)] = std::move(inputs);
    } else if (trainsWithNextPool(index, toLayer, inputs)) {
        outputs[static_cast<size_t>(index + 1)] = runConvReluPool(static_cast<size_t>(index), inputs.at(0));
    } else if (const OutputRelu relu = reluInKernel(index, toLayer, inputs, last); relu.relu) {
        outputs[static_cast<size_t>(last)] =
            runConvolution(static_cast<size_t>(index), inputs.at(0), relu, blockedForReader(last, toLayer));
    } else {
        outputs[static_cast<size_t>(index)] = runLayer(index, inputs, ownsSoleInput(index, firstComputed));
    }
}

// Where an input may stay a blocked activation (core/models/blocked_activation.h): a max pooling, or a
// convolution whose output nothing records a gradient of (they convert it themselves where their kernel
// cannot take it). Every other layer gets ordinary tensors.
bool BackboneModule::readsBlocked(int index, const std::vector<torch::Tensor>& inputs) const {
    const size_t i = static_cast<size_t>(index);
    const LayerKind kind = m_architecture.layers[i].kind;
    return kind == LayerKind::MaxPooling2D ||
           (kind == LayerKind::Conv2D && !recordsGradient(inputs.at(0), m_convs[i]->weight));
}

// Whether layer from's output may be handed on blocked: its one reader runs in this pass and is a 3x3
// convolution Winograd may run, or a max pooling whose output may be handed on so. Anything else would only
// convert it back, at a cost: SqueezeNet's conv1 -> pool1 -> 1x1 squeeze ran 10 % slower so.
bool BackboneModule::blockedForReader(int from, int toLayer) const {
    const size_t i = static_cast<size_t>(from);
    const int reader = m_lastReader[i];
    if (m_readers[i] != 1 || reader >= toLayer) return false;
    const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(reader)];
    if (layer.kind == LayerKind::MaxPooling2D) return blockedForReader(reader, toLayer);
    // Where Winograd will not run it (TLW_WINOGRAD=0, a CPU without AVX-512, bf16 autocast, few input
    // channels), that reader converts it back.
    return layer.kind == LayerKind::Conv2D && isWinogradShaped(layer) &&
           winogradMayRun(m_convs[static_cast<size_t>(reader)]->weight);
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
    // Neither a concatenation's nor a sum's backward reads its output.
    return linearOutput || producer.kind == LayerKind::Concatenate || producer.kind == LayerKind::Add;
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
            // Their backward reads their input: in place only where no gradient is recorded.
            case Activation::Swish:
                return fresh && !at::GradMode::is_enabled() ? torch::silu_(x) : torch::silu(x);
            case Activation::Sigmoid:
                return fresh && !at::GradMode::is_enabled() ? torch::sigmoid_(x) : torch::sigmoid(x);
            case Activation::Linear:
                return x;
        }
        return x;
    };
    switch (layer.kind) {
        case LayerKind::Input:
            return inputs.at(0);
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
            return activate(runConvolution(i, inputs.at(0)), true);
        case LayerKind::BatchNormalization:
            return m_foldedNorms[i] ? inputs.at(0) : m_norms[i]->forward(inputs.at(0));
        case LayerKind::ZeroPadding2D: {
            const ZeroPaddingSides pad = zeroPaddingOf(layer, inputs.at(0).size(2), inputs.at(0).size(3));
            return at::constant_pad_nd(inputs.at(0), {pad.left, pad.right, pad.top, pad.bottom}, 0.0);
        }
        case LayerKind::ReLU:
            return layer.maxValue > 0 ? cappedRelu(inputs.at(0), layer.maxValue) : torch::relu(inputs.at(0));
        case LayerKind::MaxPooling2D:  // a blocked input gives a blocked result
            if (!recordsGradient(inputs.at(0)) &&
                inferenceMaxPoolSupported(inputs.at(0), layer.kernel, layer.stride))
                return inferenceMaxPool(inputs.at(0), layer.kernel, layer.stride);
            return m_pools[i]->forward(ordinaryActivation(inputs.at(0)));
        case LayerKind::Activation:
            return activate(inputs.at(0), ownsInput);
        case LayerKind::Concatenate:
            return torch::cat(inputs, 1);
        case LayerKind::Add:
            return addInputs(inputs);
        case LayerKind::Dropout:
            return runDropout(i, inputs.at(0));
        case LayerKind::Rescaling:
            return rescale(inputs.at(0), layer.scale);
        case LayerKind::Normalization:
            return m_inputNorms[i]->forward(inputs.at(0));
        case LayerKind::GlobalAveragePooling2D:
            return inputs.at(0).mean({2, 3});
        case LayerKind::Reshape:
            return inputs.at(0).reshape({inputs.at(0).size(0), -1, 1, 1});
        case LayerKind::Multiply:
            return inputs.at(0) * inputs.at(1);
        // NCHW order; the Dense after it had its kernel reordered at load to match Keras's NHWC flatten.
        case LayerKind::Flatten:
            return inputs.at(0).flatten(1);
        case LayerKind::Dense:
            return activate(m_denses[i]->forward(inputs.at(0)), true);
    }
    return inputs.at(0);
}

// Only where backward will run and the node's sparse backward pays (fusesConvReluPool): without gradients, or
// for a frozen convolution, the layers run one by one as always.
bool BackboneModule::trainsWithNextPool(int index, int toLayer,
                                        const std::vector<torch::Tensor>& inputs) const {
    const size_t i = static_cast<size_t>(index);
    return m_poolsNext[i] && index + 1 < toLayer && at::GradMode::is_enabled() &&
           m_convs[i]->weight.requires_grad() && fusesConvReluPool(convolutionType(inputs.at(0)));
}

torch::Tensor BackboneModule::runConvReluPool(size_t index, const torch::Tensor& input) {
    const torch::nn::Conv2d& conv = m_convs[index];
    return convReluPool(input, conv->weight, conv->bias, m_architecture.layers[index + 1].kernel);
}

// Where nothing records a gradient (the frozen pass, evaluation, prediction), the ReLU a convolution's output
// goes through alone runs inside the convolution's kernel: one pass less over the output, which at VGG16's
// first layers is 13 MB an image. That ReLU is the convolution's own activation, or the Activation or ReLU
// layer that alone reads it (Keras's SqueezeNet, ResNet50, MobileNet), past BatchNormalizations folded into
// the convolution. Returns which ReLU (none: nothing fuses), and sets last to the index of the layer whose
// output the fused node computes.
OutputRelu BackboneModule::reluInKernel(int index, int toLayer, const std::vector<torch::Tensor>& inputs,
                                        int& last) const {
    const size_t i = static_cast<size_t>(index);
    const LayerSpec& conv = m_architecture.layers[i];
    last = index;
    if (conv.kind != LayerKind::Conv2D || recordsGradient(inputs.at(0), m_convs[i]->weight)) return {};
    if (conv.activation == Activation::Relu) return {true, 0.0};
    if (conv.activation != Activation::Linear) return {};
    // Keras's Fire module builds both expand convolutions before their ReLUs, so the reader need not be
    // the next layer; forwardRange skips the layers a fused node computed ahead.
    for (int reader = index;;) {
        const int next = m_lastReader[static_cast<size_t>(reader)];
        if (m_readers[static_cast<size_t>(reader)] != 1 || next >= toLayer) return {};
        const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(next)];
        if (layer.inbound.size() != 1) return {};  // it alone reads reader; a Concatenate or Add reads more
        reader = next;
        if (layer.kind == LayerKind::BatchNormalization && m_foldedNorms[static_cast<size_t>(next)]) continue;
        const bool activation = layer.kind == LayerKind::Activation && layer.activation == Activation::Relu;
        if (!activation && layer.kind != LayerKind::ReLU) return {};
        last = next;
        return {true, layer.kind == LayerKind::ReLU ? layer.maxValue : 0.0};
    }
}

// The convolution and the ReLU reluInKernel chose: inside Winograd's or oneDNN's kernel where it has one for
// the shape, else LibTorch's convolution and the ReLU after it. Winograd reads a blocked activation as it is;
// Winograd and oneDNN's direct convolution write one where blockedOutput (VGG16's first convolution hands
// its 64 channels to the first Winograd one so). The others read and write ordinary tensors.
torch::Tensor BackboneModule::runConvolution(size_t index, const torch::Tensor& blockedOrNot, OutputRelu relu,
                                             bool blockedOutput) {
    const LayerSpec& layer = m_architecture.layers[index];
    torch::nn::Conv2d& conv = m_convs[index];
    if (relu.cap <= 0.0 && isWinogradShaped(layer) && winogradApplies(blockedOrNot, conv->weight))
        return winogradForward(blockedOrNot, conv->weight, conv->bias, true, blockedOutput);
    const torch::Tensor input = ordinaryActivation(blockedOrNot);
    if (relu.cap <= 0.0 && isWinogradShaped(layer) && bf16WinogradApplies(input, conv->weight))
        return bf16WinogradForward(input, conv->weight, conv->bias, relu.relu);
    const ConvolutionWindow window = convolutionWindow(layer, input);
    for (const bool blocked : {blockedOutput, false}) {
        if (inferenceConvolutionSupported(input, conv->weight, conv->bias, window, relu, blocked))
            return inferenceConvolution(input, conv->weight, conv->bias, window, relu, blocked);
    }
    torch::Tensor output = runConvolution(index, input);
    return relu.cap > 0.0 ? cappedRelu(output, relu.cap) : torch::relu_(output);
}

torch::Tensor BackboneModule::runConvolution(size_t index, const torch::Tensor& blockedOrNot) {
    const torch::Tensor input = ordinaryActivation(blockedOrNot);
    const LayerSpec& layer = m_architecture.layers[index];
    torch::nn::Conv2d& conv = m_convs[index];
    if (isWinogradShaped(layer)) return convolve3x3(input, conv->weight, conv->bias);
    if (!needsExplicitPadding(layer)) return conv->forward(input);
    const ConvolutionWindow window = convolutionWindow(layer, input);
    return conv->forward(
        at::constant_pad_nd(input, {window.padLeft, window.padRight, window.padTop, window.padBottom}, 0.0));
}

// Keras's Dropout with noise_shape (None, 1, 1, 1) keeps or drops each sample whole (EfficientNet's
// drop-connect of a residual branch); an ordinary one, each value.
torch::Tensor BackboneModule::runDropout(size_t index, const torch::Tensor& input) {
    torch::nn::Dropout& dropout = m_dropouts[index];
    const double rate = m_architecture.layers[index].rate;
    if (!m_architecture.layers[index].perSample || !dropout->is_training() || rate <= 0.0)
        return dropout->forward(input);
    const double keep = 1.0 - rate;
    const torch::Tensor mask = torch::empty({input.size(0), 1, 1, 1}, input.options()).bernoulli_(keep);
    return input * mask / keep;
}

torch::Tensor BackboneModule::adaptInput(const torch::Tensor& images) const {
    switch (m_architecture.preprocessing) {
        case Preprocessing::Tf:
            return caffeToTf(images);
        case Preprocessing::None:
            return caffeToRgb(images);
        case Preprocessing::Caffe:
            break;
    }
    return images;
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
    if (!training) return;
    const std::vector<bool> frozen = frozenMask();
    for (size_t index = 0; index < m_dropouts.size(); ++index) {
        if (m_dropouts[index] && frozen[index]) m_dropouts[index]->eval();
        // A BN layer normalising by the batch would also move its statistics: only when asked, never frozen.
        if (m_norms[index] && (frozen[index] || !m_batchNormUpdates)) m_norms[index]->eval();
    }
}

void BackboneModule::foldBatchNorm(int end) {
    torch::NoGradGuard noGrad;
    for (int index = 1; index < std::min(end, layerCount()); ++index) {
        const size_t i = static_cast<size_t>(index);
        const LayerSpec& layer = m_architecture.layers[i];
        if (!m_norms[i] || m_foldedNorms[i]) continue;
        const size_t from = static_cast<size_t>(layer.inbound.at(0));
        const LayerSpec& source = m_architecture.layers[from];
        // The convolution's raw output must feed this BN alone, with no fused activation in between.
        if (!m_convs[from] || m_lastReader[from] != index || source.activation != Activation::Linear)
            continue;
        const torch::nn::BatchNorm2d& norm = m_norms[i];
        const torch::Tensor scale = norm->weight / torch::sqrt(norm->running_var + norm->options.eps());
        const torch::nn::Conv2d& conv = m_convs[from];
        const torch::Tensor bias = conv->bias.defined() ? conv->bias : torch::zeros_like(norm->running_mean);
        // A convolution without a bias gets one: a new child with the same options, registered in its place
        // so that to(), eval() and the rest see it.
        const auto& options = conv->options;
        torch::nn::Conv2d folded(
            torch::nn::Conv2dOptions(options.in_channels(), options.out_channels(), options.kernel_size())
                .stride(options.stride())
                .padding(options.padding())
                .dilation(options.dilation())
                .groups(options.groups())
                .bias(true));
        // Where the module lives (a GPU, double precision for a check), the new child lives too.
        folded->to(conv->weight.device(), conv->weight.scalar_type());
        folded->weight.copy_(conv->weight * scale.reshape({-1, 1, 1, 1}));
        folded->bias.copy_(norm->bias + (bias - norm->running_mean) * scale);
        folded->train(conv->is_training());
        m_convs[from] = torch::nn::Conv2d(replace_module(source.name, folded));
        m_foldedNorms[i] = true;
    }
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
    std::vector<torch::Tensor> parameters;
    for (const auto& [name, tensor] : layerWeights(layer))
        if (name == "weight" || name == "bias") parameters.push_back(tensor);
    return parameters;
}

std::vector<std::pair<std::string, torch::Tensor>> BackboneModule::layerWeights(int layer) const {
    const size_t i = static_cast<size_t>(layer);
    if (m_convs.at(i)) {
        if (!m_convs[i]->bias.defined()) return {{"weight", m_convs[i]->weight}};
        return {{"weight", m_convs[i]->weight}, {"bias", m_convs[i]->bias}};
    }
    if (m_denses.at(i)) return {{"weight", m_denses[i]->weight}, {"bias", m_denses[i]->bias}};
    if (m_inputNorms.at(i))
        return {{"mean", m_inputNorms[i]->mean},
                {"variance", m_inputNorms[i]->variance},
                {"count", m_inputNorms[i]->count}};
    if (m_norms.at(i)) {
        return {{"weight", m_norms[i]->weight},
                {"bias", m_norms[i]->bias},
                {"running_mean", m_norms[i]->running_mean},
                {"running_var", m_norms[i]->running_var}};
    }
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
