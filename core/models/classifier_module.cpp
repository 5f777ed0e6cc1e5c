#include "core/models/classifier_module.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/nn/init.h>

#include <map>

#include "core/util/error.h"

namespace tlw {
namespace {

std::string shapeText(const torch::Tensor& tensor) {
    std::string text = "[";
    for (int64_t d = 0; d < tensor.dim(); ++d) text += (d ? ", " : "") + std::to_string(tensor.size(d));
    return text + "]";
}

}  // namespace

const char* HeadSpec::lossName() const {
    return binary() ? "binary_crossentropy" : "sparse_categorical_crossentropy";
}

ClassifierModule::ClassifierModule(std::shared_ptr<BackboneModule> backbone, HeadSpec head)
    : m_backbone(std::move(backbone)), m_head(head) {
    if (m_head.classCount < 2) throw Error("a classifier needs at least 2 classes");
    const Architecture& architecture = m_backbone->architecture();
    if (m_head.imageNetTop) {
        if (!architecture.includeTop)
            throw Error(architecture.modelName + ": replacing the ImageNet top needs the model with its top");
        m_backboneEnd = m_backbone->layerCount() - 1;  // everything but `predictions`
    } else {
        if (architecture.includeTop)
            throw Error(architecture.modelName + ": the pooled head goes on the convolutional base only");
        m_backboneEnd = m_backbone->layerCount();
    }
    const std::vector<LayerInfo> infos = inferLayerInfos(architecture, architecture.nominalInputSize);
    m_featureCount = infos.at(static_cast<size_t>(m_backboneEnd - 1)).outputShape.back();

    register_module("backbone", m_backbone);
    if (m_head.normalizeFeatures) {
        // Until adapted, the identity.
        m_normalizationMean = register_buffer("normalization_mean", torch::zeros({m_featureCount}));
        m_normalizationVariance = register_buffer("normalization_variance", torch::ones({m_featureCount}));
    }
    m_dropout = register_module("dropout", torch::nn::Dropout(torch::nn::DropoutOptions(m_head.dropout)));
    m_dense = register_module("dense", torch::nn::Linear(m_featureCount, m_head.units()));
    torch::NoGradGuard noGrad;
    torch::nn::init::xavier_uniform_(m_dense->weight);  // Keras's glorot_uniform
    m_dense->bias.zero_();
}

torch::Tensor ClassifierModule::forward(const torch::Tensor& images) { return forwardFrom(images, 0); }

torch::Tensor ClassifierModule::forwardFrom(const torch::Tensor& input, int fromLayer) {
    return headForward(m_backbone->forwardRange(input, fromLayer, m_backboneEnd));
}

torch::Tensor ClassifierModule::pooledFeatures(const torch::Tensor& features) const {
    // GlobalAveragePooling2D over H and W; the ImageNet top's fc2 output is already a vector.
    return m_head.imageNetTop ? features : features.mean({2, 3});
}

torch::Tensor ClassifierModule::normalizedFeatures(const torch::Tensor& pooled) const {
    if (!m_head.normalizeFeatures) return pooled;
    // Keras's Normalization: (x - mean) / max(sqrt(variance), epsilon).
    return (pooled - m_normalizationMean) / m_normalizationVariance.sqrt().clamp_min(1e-7);
}

torch::Tensor ClassifierModule::headForward(const torch::Tensor& features) {
    return m_dense->forward(m_dropout->forward(normalizedFeatures(pooledFeatures(features))));
}

void ClassifierModule::setDense(const torch::Tensor& weight, const torch::Tensor& bias) {
    if (!weight.sizes().equals(m_dense->weight.sizes()) || !bias.sizes().equals(m_dense->bias.sizes()))
        throw Error("the Dense layer's new weights do not fit its " +
                    std::to_string(m_dense->weight.size(0)) + " x " + std::to_string(m_featureCount) +
                    " shape");
    torch::NoGradGuard noGrad;
    m_dense->weight.copy_(weight);
    m_dense->bias.copy_(bias);
}

void ClassifierModule::setNormalization(const torch::Tensor& mean, const torch::Tensor& variance) {
    if (!m_head.normalizeFeatures) throw Error("the head has no Normalization layer to adapt");
    if (mean.numel() != m_featureCount || variance.numel() != m_featureCount)
        throw Error("Normalization statistics of " + std::to_string(mean.numel()) + " features, expected " +
                    std::to_string(m_featureCount));
    torch::NoGradGuard noGrad;
    m_normalizationMean.copy_(mean.reshape({-1}));
    // A feature that hardly varied over the training images (a channel ReLU left dead, say) would be
    // divided by almost nothing, and once fine-tuning wakes it up its values explode. Its variance is
    // raised to a millionth of the mean variance (a thousandth of the typical deviation), which leaves every
    // feature that carries information as Keras's Normalization has it; scikit-learn's StandardScaler
    // guards constant features the same way.
    const torch::Tensor floor = variance.mean().clamp_min(1e-14) * 1e-6;
    m_normalizationVariance.copy_(torch::max(variance.reshape({-1}), floor));
}

torch::Tensor ClassifierModule::probabilities(const torch::Tensor& logits, double temperature) const {
    const torch::Tensor scaled = temperature == 1.0 ? logits : logits / temperature;
    if (m_head.binary()) {
        // sigmoid(-z) rather than 1 - sigmoid(z): a confident image's small probability keeps its own digits
        // instead of the rounding of a number near 1 (calibration sharpens them further).
        const torch::Tensor z = scaled.reshape({-1, 1});
        return torch::cat({torch::sigmoid(-z), torch::sigmoid(z)}, 1);
    }
    return torch::softmax(scaled, 1);
}

torch::Tensor ClassifierModule::perImageLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                                             const torch::Tensor& classWeights) const {
    torch::Tensor loss;
    if (m_head.binary()) {
        loss = at::binary_cross_entropy_with_logits(logits.reshape({-1}).to(torch::kFloat32),
                                                    labels.to(torch::kFloat32), {}, {}, at::Reduction::None);
    } else {
        loss = -torch::log_softmax(logits.to(torch::kFloat32), 1).gather(1, labels.unsqueeze(1)).squeeze(1);
    }
    if (classWeights.defined()) loss = loss * classWeights.index_select(0, labels);
    return loss;
}

torch::Tensor ClassifierModule::predictedLabels(const torch::Tensor& logits) const {
    if (m_head.binary()) return (logits.reshape({-1}) > 0).to(torch::kLong);
    return logits.argmax(1);
}

void ClassifierModule::setTrainingMode(bool training) {
    train(training);
    m_backbone->setTrainingMode(training);
}

void ClassifierModule::applyFreeze(const std::vector<bool>& frozen) {
    m_backbone->applyFreeze(frozen);
    // A replaced `predictions` layer is never run: it must not count, train or reach the optimizer.
    for (int layer = m_backboneEnd; layer < m_backbone->layerCount(); ++layer)
        for (torch::Tensor parameter : m_backbone->layerParameters(layer)) parameter.set_requires_grad(false);
}

ParamTotals ClassifierModule::paramTotals() const {
    const std::vector<LayerInfo> layers = m_backbone->layers(m_backbone->architecture().nominalInputSize);
    ParamTotals totals;
    for (int index = 0; index < m_backboneEnd; ++index) {
        const LayerInfo& layer = layers[static_cast<size_t>(index)];
        const ParamTotals layerTotals = tlw::paramTotals({layer});
        totals.total += layerTotals.total;
        totals.trainable += layerTotals.trainable;
        totals.nonTrainable += layerTotals.nonTrainable;
    }
    const int64_t headParams = m_dense->weight.numel() + m_dense->bias.numel();
    totals.total += headParams;
    totals.trainable += headParams;
    if (m_head.normalizeFeatures) {
        // Keras counts an adapted Normalization's mean, variance and count as non-trainable parameters.
        const int64_t normalizationParams = 2 * m_featureCount + 1;
        totals.total += normalizationParams;
        totals.nonTrainable += normalizationParams;
    }
    return totals;
}

std::vector<torch::Tensor> ClassifierModule::trainableParameters() const {
    std::vector<torch::Tensor> parameters;
    for (int layer = 0; layer < m_backboneEnd; ++layer)
        for (const torch::Tensor& parameter : m_backbone->layerParameters(layer))
            if (parameter.requires_grad()) parameters.push_back(parameter);
    parameters.push_back(m_dense->weight);
    parameters.push_back(m_dense->bias);
    return parameters;
}

std::vector<std::pair<std::string, torch::Tensor>> ClassifierModule::namedWeights() const {
    std::vector<std::pair<std::string, torch::Tensor>> weights;
    const Architecture& architecture = m_backbone->architecture();
    for (int layer = 0; layer < m_backboneEnd; ++layer) {
        const std::string& name = architecture.layers[static_cast<size_t>(layer)].name;
        for (const auto& [suffix, tensor] : m_backbone->layerWeights(layer))
            weights.emplace_back(name + "." + suffix, tensor);
    }
    if (m_head.normalizeFeatures) {
        weights.emplace_back("head/normalization.mean", m_normalizationMean);
        weights.emplace_back("head/normalization.variance", m_normalizationVariance);
    }
    weights.emplace_back("head/dense.weight", m_dense->weight);
    weights.emplace_back("head/dense.bias", m_dense->bias);
    return weights;
}

void ClassifierModule::loadNamedWeights(const std::vector<std::pair<std::string, torch::Tensor>>& weights,
                                        const std::filesystem::path& file) {
    std::map<std::string, const torch::Tensor*> byName;
    for (const auto& [name, tensor] : weights) byName[name] = &tensor;
    const std::vector<std::pair<std::string, torch::Tensor>> targets = namedWeights();
    // Check everything before copying anything: a bad file leaves the module as it was.
    for (const auto& [name, target] : targets) {
        const auto found = byName.find(name);
        if (found == byName.end()) throw Error(file, "weight '" + name + "' is missing");
        if (!found->second->sizes().equals(target.sizes()))
            throw Error(file, "weight '" + name + "' has shape " + shapeText(*found->second) + ", expected " +
                                  shapeText(target));
        if (!found->second->is_floating_point())
            throw Error(file, "weight '" + name + "' is not a floating-point tensor");
    }
    torch::NoGradGuard noGrad;
    for (const auto& [name, target] : targets) {
        torch::Tensor destination = target;
        destination.copy_(*byName.at(name));
    }
}

TrainedModel makeTrainedModel(ModelDescription description, std::shared_ptr<ClassifierModule> module) {
    auto impl = std::make_unique<TrainedModel::Impl>();
    impl->description = std::move(description);
    impl->module = std::move(module);
    return TrainedModel(std::move(impl));
}

}  // namespace tlw
