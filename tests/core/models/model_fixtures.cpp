#include "tests/core/models/model_fixtures.h"

#include <torch/utils.h>

#include <algorithm>
#include <random>

#include "core/models/classifier_module.h"
#include "core/models/keras_weights.h"

namespace tlw::test {
namespace {

LayerSpec layerSpec(const std::string& name, LayerKind kind) {
    LayerSpec layer;
    layer.name = name;
    layer.kind = kind;
    return layer;
}

}  // namespace

TrainedModel makeSeededModel(const SeededModelOptions& options) {
    torch::manual_seed(options.seed);  // the head's glorot draw
    auto backbone = BackboneModule::create(options.backbone, false);
    initializeHeScaled(*backbone, options.seed);
    HeadSpec head;
    head.classCount = static_cast<int>(options.classNames.size());
    head.dropout = options.dropout;
    head.normalizeFeatures = options.normalizeFeatures;
    auto module = std::make_shared<ClassifierModule>(backbone, head);
    if (options.normalizeFeatures) {
        const int64_t features = module->featureCount();
        module->setNormalization(2 + torch::randn({features}), 0.5 + 3.5 * torch::rand({features}));
    }

    ModelDescription description;
    description.backbone = options.backbone;
    description.head = head;
    description.classNames = options.classNames;
    description.imageSize = options.imageSize;
    description.preprocessing = backbonePreprocessingId(options.backbone);
    description.pretrained = false;
    description.weightsNote = "not pretrained: seeded test weights";
    return makeTrainedModel(std::move(description), std::move(module));
}

TrainedModel makeTinyTopModel(int classCount, std::uint64_t seed) {
    Architecture architecture;
    architecture.kind = BackboneKind::Vgg16;
    architecture.includeTop = true;
    architecture.modelName = "tiny_top";
    architecture.nominalInputSize = {32, 32};
    const auto add = [&architecture](LayerSpec layer, std::vector<int> inbound) {
        layer.inbound = std::move(inbound);
        architecture.layers.push_back(std::move(layer));
        return static_cast<int>(architecture.layers.size()) - 1;
    };
    LayerSpec input = layerSpec("input_1", LayerKind::Input);
    LayerSpec conv = layerSpec("block1_conv1", LayerKind::Conv2D);
    conv.units = 4;
    conv.kernel = 3;
    conv.padding = Padding::Same;
    conv.activation = Activation::Relu;
    LayerSpec pool = layerSpec("block1_pool", LayerKind::MaxPooling2D);
    pool.kernel = 2;
    pool.stride = 2;
    LayerSpec flatten = layerSpec("flatten", LayerKind::Flatten);
    LayerSpec fc1 = layerSpec("fc1", LayerKind::Dense);
    fc1.units = 8;
    fc1.activation = Activation::Relu;
    LayerSpec dropout = layerSpec("drop", LayerKind::Dropout);
    dropout.rate = 0.5;
    LayerSpec predictions = layerSpec("predictions", LayerKind::Dense);
    predictions.units = 10;
    predictions.activation = Activation::Softmax;
    int last = add(input, {});
    for (LayerSpec* layer : {&conv, &pool, &flatten, &fc1, &dropout, &predictions})
        last = add(*layer, {last});

    torch::manual_seed(seed);
    auto backbone = std::make_shared<BackboneModule>(architecture);
    initializeHeScaled(*backbone, seed);
    HeadSpec head;
    head.classCount = classCount;
    head.imageNetTop = true;
    ModelDescription description;
    description.head = head;
    for (int i = 0; i < classCount; ++i) description.classNames.push_back("class " + std::to_string(i));
    description.imageSize = architecture.nominalInputSize;
    description.pretrained = false;
    return makeTrainedModel(std::move(description), std::make_shared<ClassifierModule>(backbone, head));
}

RgbImage makeTestImage(int width, int height, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> noise(-40, 40);
    const int base[3] = {noise(random) + 120, noise(random) + 120, noise(random) + 120};
    RgbImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    size_t i = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c) {
                const int gradient = c == 0 ? x * 255 / width : c == 1 ? y * 255 / height : 0;
                const int value = (base[c] + gradient) / 2 + noise(random);
                image.pixels[i++] = static_cast<std::uint8_t>(std::clamp(value, 0, 255));
            }
    return image;
}

}  // namespace tlw::test
