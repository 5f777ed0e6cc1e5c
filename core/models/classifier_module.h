#pragma once

// Core-internal (LibTorch): the network that is trained, evaluated, saved and exported: a backbone and the
// classification head on top of it. Include only from core .cpp files.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/models/backbone_module.h"
#include "core/models/layer_info.h"
#include "core/models/trained_model.h"

namespace tlw {

// input -> backbone layers [0, backboneEnd) -> head. The head is the seed's GlobalAveragePooling2D ->
// Dropout -> Dense, or, with HeadSpec::imageNetTop, Dropout -> Dense on VGG16's fc2 output (the full
// model whose 1000-way `predictions` layer is replaced; that layer is then never run, trained or saved).
// Outputs are logits: N x 1 for two classes (binary cross-entropy), N x N classes otherwise.
class ClassifierModule : public torch::nn::Module {
public:
    // The head's Dense starts as Keras's: glorot_uniform kernel, zero bias, drawn from torch's global
    // generator (seed it first). Throws tlw::Error when the head does not fit the backbone.
    ClassifierModule(std::shared_ptr<BackboneModule> backbone, HeadSpec head);

    BackboneModule& backbone() const { return *m_backbone; }
    const HeadSpec& head() const noexcept { return m_head; }
    int backboneEnd() const noexcept { return m_backboneEnd; }
    int64_t featureCount() const noexcept { return m_featureCount; }

    // Images (N x 3 x H x W, caffe-preprocessed) to logits.
    torch::Tensor forward(const torch::Tensor& images);
    // From the output of backbone layer fromLayer-1 (a cut point, e.g. cached features) to logits.
    torch::Tensor forwardFrom(const torch::Tensor& input, int fromLayer);
    // The head alone, on the output of backbone layer backboneEnd-1.
    torch::Tensor headForward(const torch::Tensor& features);
    // What the head's Normalization (when it has one) and Dense layers see: the pooled features (or fc2's
    // output with the ImageNet top), N x featureCount.
    torch::Tensor pooledFeatures(const torch::Tensor& features) const;
    // Keras's Normalization.adapt(): the mean and (population) variance of the pooled features over the
    // training images. Throws tlw::Error when the head has no Normalization or the sizes differ.
    void setNormalization(const torch::Tensor& mean, const torch::Tensor& variance);
    // What the Dense layer sees of pooled features: through the Normalization when the head has one.
    torch::Tensor normalizedFeatures(const torch::Tensor& pooled) const;
    // Sets the Dense layer (units x featureCount, units), e.g. to the exact head solver's optimum.
    void setDense(const torch::Tensor& weight, const torch::Tensor& bias);

    // N x classCount probabilities of logits / temperature (sigmoid gives [1 - p, p] for two classes,
    // softmax otherwise): the one place where logits become what users see, so every predictor (files,
    // evaluation, the window) applies the model's calibration. A positive temperature keeps the arg-max.
    torch::Tensor probabilities(const torch::Tensor& logits, double temperature) const;
    // Per-image cross-entropy (N), binary on logits or softmax, labels int64 N; weights (per class, may be
    // undefined) scale each image's loss as Keras's class_weight does.
    torch::Tensor perImageLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                               const torch::Tensor& classWeights = {}) const;
    torch::Tensor predictedLabels(const torch::Tensor& logits) const;

    // train(training) for the whole network, except that frozen Dropout layers of the backbone stay in
    // inference mode (BackboneModule::setTrainingMode).
    void setTrainingMode(bool training);

    // Freezes the flagged backbone layers (the head always trains); see BackboneModule::applyFreeze.
    void applyFreeze(const std::vector<bool>& frozen);
    // Keras's totals for the whole model, head included.
    ParamTotals paramTotals() const;
    // Everything that requires gradients: trainable backbone layers, then the head. What optimizers get.
    std::vector<torch::Tensor> trainableParameters() const;

    // The weights a model file holds, by stable names: the backbone's "<keras layer>.weight" / ".bias"
    // (and a BN layer's ".running_mean" / ".running_var") for layers [0, backboneEnd), then
    // "head/normalization.mean" and ".variance" when the head normalizes, then "head/dense.weight" and
    // "head/dense.bias".
    std::vector<std::pair<std::string, torch::Tensor>> namedWeights() const;
    // Copies weights in by those names: every name must be present with its shape, or nothing changes.
    // Throws tlw::Error naming the first missing or mismatched weight (file is used in the message).
    void loadNamedWeights(const std::vector<std::pair<std::string, torch::Tensor>>& weights,
                          const std::filesystem::path& file);

private:
    std::shared_ptr<BackboneModule> m_backbone;
    HeadSpec m_head;
    int m_backboneEnd = 0;
    int64_t m_featureCount = 0;
    torch::Tensor m_normalizationMean;  // buffers, featureCount each; undefined without Normalization
    torch::Tensor m_normalizationVariance;
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::Linear m_dense{nullptr};
};

// TrainedModel's insides: the description and the network.
struct TrainedModel::Impl {
    ModelDescription description;
    std::shared_ptr<ClassifierModule> module;
};

// Wraps a network and its description as a TrainedModel (the engine's final model, a loaded file).
TrainedModel makeTrainedModel(ModelDescription description, std::shared_ptr<ClassifierModule> module);

}  // namespace tlw
