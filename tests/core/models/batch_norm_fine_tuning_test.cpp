// The classic Keras trap: fine-tuning the last block of a BN network while the frozen BN layers follow the
// batch statistics of a few new images collapses it (ResNet50 fine-tuning that fails where VGG16 works).
// Frozen BN layers must keep their moving statistics; trainable ones too, unless their updates are asked
// for. Checked for every backbone with BatchNormalization, at a small input size.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/optim/sgd.h>

#include <cctype>
#include <map>

#include "core/models/classifier_module.h"
#include "core/models/keras_weights.h"

namespace tlw {
namespace {

struct FineTuningCase {
    BackboneKind kind;
    int64_t side;  // input side: small, so a few SGD steps take a second
};

std::string caseName(const ::testing::TestParamInfo<FineTuningCase>& info) {
    std::string name = backboneId(info.param.kind);
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

class BatchNormFineTuning : public ::testing::TestWithParam<FineTuningCase> {
protected:
    // Trains the classifier for a few SGD steps with layers[:fineTunePreset] frozen (the backbone's
    // "fine-tune the last block" preset); returns the backbone.
    BackboneModule& train(bool batchNormUpdates) {
        const FineTuningCase& param = GetParam();
        auto backbone = BackboneModule::create(param.kind, false);
        initializeHeScaled(*backbone, 5);
        HeadSpec head;
        head.classCount = 2;
        m_module = std::make_shared<ClassifierModule>(backbone, head);
        m_from = fineTunePreset(param.kind, false);
        std::vector<bool> frozen(static_cast<size_t>(backbone->layerCount()), false);
        for (int i = 0; i < m_from; ++i) frozen[static_cast<size_t>(i)] = true;
        m_module->applyFreeze(frozen);
        m_module->backbone().setBatchNormUpdates(batchNormUpdates);
        snapshot();
        torch::optim::SGD optimizer(m_module->trainableParameters(), torch::optim::SGDOptions(0.05));
        m_module->setTrainingMode(true);
        for (int step = 0; step < 3; ++step) {
            at::manual_seed(20 + static_cast<uint64_t>(step));
            // Brighter than ImageNet's mean: batch statistics that differ from the moving ones.
            const at::Tensor images = (at::rand({4, 3, param.side, param.side}) * 255.0 - 120.0) * 0.5 + 30.0;
            const at::Tensor labels = at::tensor({0, 1, 0, 1}, at::kLong);
            optimizer.zero_grad();
            m_module->perImageLoss(m_module->forward(images), labels).mean().backward();
            optimizer.step();
        }
        return m_module->backbone();
    }

    std::vector<int> batchNormLayers() const {
        std::vector<int> layers;
        const BackboneModule& backbone = m_module->backbone();
        for (int index = 0; index < backbone.layerCount(); ++index)
            if (backbone.architecture().layers[static_cast<size_t>(index)].kind ==
                LayerKind::BatchNormalization)
                layers.push_back(index);
        return layers;
    }

    void snapshot() {
        for (const int layer : batchNormLayers())
            for (const auto& [name, tensor] : m_module->backbone().layerWeights(layer))
                m_before[std::to_string(layer) + name] = tensor.detach().clone();
    }

    bool statisticsUnchanged(int layer) const {
        for (const auto& [name, tensor] : m_module->backbone().layerWeights(layer))
            if ((name == "running_mean" || name == "running_var") &&
                !at::equal(tensor, m_before.at(std::to_string(layer) + name)))
                return false;
        return true;
    }

    bool gammaMoved(int layer) const {
        return !at::equal(m_module->backbone().layerParameters(layer)[0],
                          m_before.at(std::to_string(layer) + "weight"));
    }

    std::string nameOf(int layer) const {
        return m_module->backbone().architecture().layers[static_cast<size_t>(layer)].name;
    }

    std::shared_ptr<ClassifierModule> m_module;
    int m_from = 0;
    std::map<std::string, at::Tensor> m_before;
};

TEST_P(BatchNormFineTuning, EveryBatchNormKeepsItsStatisticsByDefault) {
    train(false);
    int trainedNorms = 0;
    for (const int layer : batchNormLayers()) {
        EXPECT_TRUE(statisticsUnchanged(layer)) << nameOf(layer);
        // The frozen ones keep their scale and offset as well; the trainable ones did train.
        if (layer < m_from) {
            EXPECT_FALSE(gammaMoved(layer)) << nameOf(layer);
        } else {
            trainedNorms += gammaMoved(layer) ? 1 : 0;
        }
    }
    EXPECT_GT(trainedNorms, 0);
    const BackboneModule& backbone = m_module->backbone();
    for (int layer = 0; layer < backbone.layerCount(); ++layer)
        for (const at::Tensor& parameter : backbone.layerParameters(layer))
            EXPECT_EQ(parameter.requires_grad(), layer >= m_from) << nameOf(layer);
}

TEST_P(BatchNormFineTuning, WithUpdatesOnlyTrainableBatchNormsMove) {
    train(true);
    for (const int layer : batchNormLayers()) {
        EXPECT_EQ(statisticsUnchanged(layer), layer < m_from) << nameOf(layer);
    }
}

INSTANTIATE_TEST_SUITE_P(Backbones, BatchNormFineTuning,
                         ::testing::Values(FineTuningCase{BackboneKind::MobileNet025, 48},
                                           FineTuningCase{BackboneKind::ResNet50, 48},
                                           FineTuningCase{BackboneKind::MobileNetV2_035, 48},
                                           FineTuningCase{BackboneKind::EfficientNetB0, 48}),
                         caseName);

}  // namespace
}  // namespace tlw
