#pragma once

// Core-internal: the LibTorch module behind every backbone. Include only from core .cpp files (never from a
// header that ui/ includes): it pulls in LibTorch.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/models/architecture.h"
#include "core/models/freeze_spec.h"
#include "core/models/onednn_inference.h"

namespace tlw {

// Keras's Normalization layer as a backbone holds it (EfficientNet's input): per-channel mean and variance
// from the weights file, and the sample count adapt() saw, kept only so that a file round-trips. Buffers:
// nothing here trains.
class KerasNormalizationImpl : public torch::nn::Module {
public:
    explicit KerasNormalizationImpl(int64_t channels);
    // (x - mean) / max(sqrt(variance), 1e-7) over NCHW channels, as Keras computes it.
    torch::Tensor forward(const torch::Tensor& x);

    torch::Tensor mean;
    torch::Tensor variance;
    torch::Tensor count;
};
TORCH_MODULE(KerasNormalization);

// A backbone as LibTorch runs it, built from its Architecture: every Keras layer with weights (and every
// pooling and dropout layer) is a child registered under its Keras name ("block1_conv1",
// "fire2/squeeze1x1"), so parameters are named "block1_conv1.weight" and map one to one to the Keras file.
//
// The network runs as a sequence over Keras layer indices. Inputs are NCHW, preprocessed as Keras's
// "caffe" preprocess_input (BGR, mean-subtracted), whatever the backbone: a "tf" backbone (MobileNet)
// turns them into Keras's "tf" input (RGB, x / 127.5 - 1) as its input layer's output, a "none" one
// (EfficientNet) into RGB 0..255. Any memory format
// (channels-last is fastest on CPU after toChannelsLast()), float32 or, after to(kBFloat16) of module and
// input, bfloat16. Conv2D and Dense layers include their Keras activation (ReLU, softmax for VGG16's
// predictions).
//
// BatchNormalization follows Keras's transfer-learning rules: a frozen BN layer always runs in inference
// mode (moving statistics, no updates), and so, by default, does a trainable one (the base called with
// training=False); setBatchNormUpdates(true) lets trainable BN layers normalise by the batch and update
// their statistics while training.
class BackboneModule : public torch::nn::Module {
public:
    explicit BackboneModule(Architecture architecture);
    static std::shared_ptr<BackboneModule> create(BackboneKind kind, bool includeTop);

    const Architecture& architecture() const noexcept { return m_architecture; }
    BackboneKind kind() const noexcept { return m_architecture.kind; }
    bool includesTop() const noexcept { return m_architecture.includeTop; }
    int layerCount() const noexcept { return static_cast<int>(m_architecture.layers.size()); }
    // Keras's layer index of a name, or -1.
    int layerIndex(const std::string& name) const;

    // The layer list for an input size, with each layer's trainable flag as the module has it now.
    std::vector<LayerInfo> layers(ImageSize inputSize) const;

    // All layers: the image batch in, the last layer's output out.
    torch::Tensor forward(const torch::Tensor& images);
    // Layers [fromLayer, toLayer): input is the output of layer fromLayer-1 (the image batch when
    // fromLayer is 0 or 1), output is that of layer toLayer-1. fromLayer must be a cut point; toLayer may be
    // any later index (the output of a layer inside a fire module is fine). forwardRange(x, 0, k) then
    // forwardRange(y, k, layerCount()) equals forward(x) for every cut point k. Throws tlw::Error.
    torch::Tensor forwardRange(const torch::Tensor& input, int fromLayer, int toLayer);

    // Boundaries k where the network can be split (see tlw::cutPoints); ascending, from 0 to layerCount().
    const std::vector<int>& cutPoints() const noexcept { return m_cutPoints; }
    bool isCutPoint(int k) const;
    // The largest cut point <= k: where a frozen prefix layers[:k] can be cached.
    int cutPointAtOrBefore(int k) const;

    // Frozen layers' parameters get requires_grad = false, all others true: one flag per layer, as a
    // FreezePlan (core/train/freeze_plan.h) decides. Throws tlw::Error when the mask has another length.
    void applyFreeze(const std::vector<bool>& frozen);
    std::vector<bool> frozenMask() const;
    // train(training), except that frozen Dropout layers stay in inference mode: a frozen layer behaves
    // as in Keras's base_model(x, training=False), so a frozen prefix gives the same output every epoch.
    // BatchNormalization layers stay in inference mode too, unless setBatchNormUpdates(true) and unfrozen.
    void setTrainingMode(bool training);
    void setBatchNormUpdates(bool update) noexcept { m_batchNormUpdates = update; }
    bool batchNormUpdates() const noexcept { return m_batchNormUpdates; }
    // For an inference copy: folds every BatchNormalization among layers [0, end) that directly follows a
    // convolution read by nothing else into that convolution's kernel and bias (the BN layer becomes the
    // identity). The output equals the unfolded inference-mode forward up to rounding. Not reversible.
    void foldBatchNorm(int end);
    // Parameters that require gradients, in layer order: what an optimizer should get.
    std::vector<torch::Tensor> trainableParameters() const;
    // A layer's parameters in LibTorch layout: {weight, bias} for Conv2D and Dense ({weight} without a
    // bias), {gamma, beta} for BatchNormalization, empty otherwise.
    std::vector<torch::Tensor> layerParameters(int layer) const;
    // Everything a layer's output depends on, parameters and BN moving statistics, by LibTorch's names
    // ("weight", "bias", "running_mean", "running_var"), in Keras's weight order: what is saved, copied
    // and hashed.
    std::vector<std::pair<std::string, torch::Tensor>> layerWeights(int layer) const;

    // Conv kernels to channels-last memory, which the CPU convolutions run fastest with channels-last inputs.
    void toChannelsLast();

    // Whether trained weights were loaded (else: random initialisation), and from where; results computed
    // with a module that is not pretrained must say so.
    bool pretrained() const noexcept { return m_pretrained; }
    const std::filesystem::path& weightsSource() const noexcept { return m_weightsSource; }
    void setPretrained(bool pretrained, std::filesystem::path source = {});

private:
    torch::Tensor runLayer(int index, const std::vector<torch::Tensor>& inputs, bool ownsInput);
    void runLayerAt(int index, int toLayer, int firstComputed, std::vector<torch::Tensor>& outputs,
                    std::vector<std::vector<torch::Tensor>>& parts);
    bool readsBlocked(int index, const std::vector<torch::Tensor>& inputs) const;
    bool blockedForReader(int from, int toLayer) const;
    bool trainsWithNextPool(int index, int toLayer, const std::vector<torch::Tensor>& inputs) const;
    torch::Tensor runConvReluPool(size_t index, const torch::Tensor& input);
    bool ownsSoleInput(int index, int firstComputed) const;
    OutputRelu reluInKernel(int index, int toLayer, const std::vector<torch::Tensor>& inputs,
                            int& last) const;
    torch::Tensor runConvolution(size_t index, const torch::Tensor& input, OutputRelu relu,
                                 bool blockedOutput);
    torch::Tensor runConvolution(size_t index, const torch::Tensor& input);
    torch::Tensor runDropout(size_t index, const torch::Tensor& input);
    // Concatenations left unmade (core/models/backbone_concatenation_parts.cpp): whether layer from's output
    // may reach its reader as parts, whether the concatenation at index is so left, and running its reader
    // (or a max pooling between) on the parts, into outputs or, for a pooling, partsOf.
    bool readsParts(int from, int toLayer) const;
    bool defersConcatenation(int index, int toLayer, const std::vector<torch::Tensor>& inputs) const;
    void runOnParts(int index, int toLayer, const std::vector<torch::Tensor>& parts,
                    std::vector<torch::Tensor>& outputs, std::vector<std::vector<torch::Tensor>>& partsOf);
    torch::Tensor adaptInput(const torch::Tensor& images) const;
    void checkInput(const torch::Tensor& input, int fromLayer) const;

    Architecture m_architecture;
    std::vector<int> m_cutPoints;
    std::vector<int> m_lastReader;  // per layer: the last layer that reads its output
    std::vector<int> m_readers;     // per layer: how many layers read its output
    // Per layer: a 3x3 "same" Conv2D with ReLU read only by the next layer, a max-pooling with windows that
    // do not overlap, and input channels the fused node takes (core/models/conv_relu_pool.h).
    std::vector<bool> m_poolsNext;
    std::vector<torch::nn::Conv2d> m_convs;  // per layer, empty unless Conv2D
    std::vector<torch::nn::Linear> m_denses;
    std::vector<torch::nn::MaxPool2d> m_pools;
    std::vector<torch::nn::Dropout> m_dropouts;
    std::vector<torch::nn::BatchNorm2d> m_norms;
    std::vector<KerasNormalization> m_inputNorms;  // per layer, empty unless Normalization
    std::vector<bool> m_foldedNorms;  // per layer: a BN folded into its convolution, now the identity
    bool m_batchNormUpdates = false;
    std::vector<bool> m_frozen;  // per layer; empty until applyFreeze
    bool m_pretrained = false;
    std::filesystem::path m_weightsSource;
};

}  // namespace tlw
