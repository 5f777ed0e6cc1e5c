#include "tests/ui/layer_fixtures.h"

namespace tlw::ui::fixtures {

std::vector<tlw::LayerInfo> vgg16Layers() {
    struct Row {
        const char* name;
        const char* type;
        int64_t size;
        int64_t channels;
        int64_t params;
    };
    const Row rows[] = {
        {"input_1", "InputLayer", 224, 3, 0},         {"block1_conv1", "Conv2D", 224, 64, 1792},
        {"block1_conv2", "Conv2D", 224, 64, 36928},   {"block1_pool", "MaxPooling2D", 112, 64, 0},
        {"block2_conv1", "Conv2D", 112, 128, 73856},  {"block2_conv2", "Conv2D", 112, 128, 147584},
        {"block2_pool", "MaxPooling2D", 56, 128, 0},  {"block3_conv1", "Conv2D", 56, 256, 295168},
        {"block3_conv2", "Conv2D", 56, 256, 590080},  {"block3_conv3", "Conv2D", 56, 256, 590080},
        {"block3_pool", "MaxPooling2D", 28, 256, 0},  {"block4_conv1", "Conv2D", 28, 512, 1180160},
        {"block4_conv2", "Conv2D", 28, 512, 2359808}, {"block4_conv3", "Conv2D", 28, 512, 2359808},
        {"block4_pool", "MaxPooling2D", 14, 512, 0},  {"block5_conv1", "Conv2D", 14, 512, 2359808},
        {"block5_conv2", "Conv2D", 14, 512, 2359808}, {"block5_conv3", "Conv2D", 14, 512, 2359808},
        {"block5_pool", "MaxPooling2D", 7, 512, 0},
    };
    std::vector<tlw::LayerInfo> layers;
    int index = 0;
    for (const Row& row : rows) {
        tlw::LayerInfo layer;
        layer.index = index++;
        layer.name = row.name;
        layer.kerasType = row.type;
        layer.outputShape = {-1, row.size, row.size, row.channels};
        layer.params = row.params;
        const std::string name = row.name;
        layer.group = name.rfind("block", 0) == 0 ? name.substr(0, 6) : "input";
        layers.push_back(layer);
    }
    return layers;
}

}  // namespace tlw::ui::fixtures
