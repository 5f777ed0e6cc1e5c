// BackboneModule's concatenations left unmade: where the layer after a concatenation reads it part by part
// (core/models/onednn_inference.h, inferenceConvolutionOfParts), forwardRange keeps the parts instead.
#include <ATen/ATen.h>

#include <algorithm>

#include "core/models/backbone_module.h"
#include "core/models/onednn_inference.h"
#include "core/models/winograd_convolution.h"

namespace tlw {
namespace {

bool isOneByOne(const LayerSpec& layer) {
    return layer.kind == LayerKind::Conv2D && layer.kernel == 1 && layer.stride == 1;
}

}  // namespace

// A max pooling passes parts on (pooling each part is pooling the whole); a 1x1 convolution sums them.
bool BackboneModule::readsParts(int from, int toLayer) const {
    const size_t i = static_cast<size_t>(from);
    const int reader = m_lastReader[i];
    if (m_readers[i] != 1 || reader >= toLayer) return false;
    const size_t r = static_cast<size_t>(reader);
    const LayerSpec& layer = m_architecture.layers[r];
    if (layer.inbound.size() != 1) return false;
    if (layer.kind == LayerKind::MaxPooling2D) return readsParts(reader, toLayer);
    return isOneByOne(layer) && !recordsGradient(m_convs[r]->weight, m_convs[r]->bias);
}

// In a pass that records no gradient, a concatenation of dense channels-last tensors whose one reader (past
// max poolings) is a 1x1 convolution: SqueezeNet's Fire modules.
bool BackboneModule::defersConcatenation(int index, int toLayer,
                                         const std::vector<torch::Tensor>& inputs) const {
    const LayerSpec& layer = m_architecture.layers[static_cast<size_t>(index)];
    if (layer.kind != LayerKind::Concatenate || inputs.size() < 2) return false;
    const bool ordinary = std::all_of(inputs.begin(), inputs.end(), [](const torch::Tensor& x) {
        return x.device().is_cpu() && x.dim() == 4 && !recordsGradient(x) &&
               x.is_contiguous(at::MemoryFormat::ChannelsLast);
    });
    return ordinary && readsParts(index, toLayer);
}

// A max pooling pools each part; a 1x1 convolution (and the ReLU it feeds) sums the parts' convolutions where
// oneDNN has kernels for them, else runs on the concatenation made after all.
void BackboneModule::runOnParts(int index, int toLayer, const std::vector<torch::Tensor>& parts,
                                std::vector<torch::Tensor>& outputs,
                                std::vector<std::vector<torch::Tensor>>& partsOf) {
    const size_t i = static_cast<size_t>(index);
    const LayerSpec& layer = m_architecture.layers[i];
    if (layer.kind == LayerKind::MaxPooling2D) {
        std::vector<torch::Tensor> pooled;
        for (const torch::Tensor& part : parts) pooled.push_back(runLayer(index, {part}, false));
        partsOf[i] = std::move(pooled);
        return;
    }
    int last = index;
    const OutputRelu relu = reluInKernel(index, toLayer, parts, last);
    const torch::nn::Conv2d& conv = m_convs[i];
    if (inferenceConvolutionOfPartsSupported(parts, conv->weight, conv->bias, ConvolutionWindow{}, relu)) {
        outputs[static_cast<size_t>(last)] =
            inferenceConvolutionOfParts(parts, conv->weight, conv->bias, ConvolutionWindow{}, relu);
        return;
    }
    const torch::Tensor whole = torch::cat(parts, 1);
    outputs[static_cast<size_t>(last)] =
        relu.relu ? runConvolution(i, whole, relu, false) : runLayer(index, {whole}, false);
}

}  // namespace tlw
