#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlw {

// One row of a backbone's layer list, mirroring Keras's model.layers one for one (same names, indices,
// types, output shapes and parameter counts), so that `fine_tune_at = 16` means the same thing here as in
// a Keras script. Torch-free: the GUI's layer table and the CLI's summary are built from it.
struct LayerInfo {
    int index = 0;                     // position in Keras's model.layers
    std::string name;                  // "block1_conv1", "fire2/squeeze1x1"
    std::string kerasType;             // "InputLayer", "Conv2D", "MaxPooling2D", "Flatten", "Dense", ...
    std::vector<int64_t> outputShape;  // Keras notation, channels last; -1 stands for None (the batch)
    int64_t params = 0;                // parameters this layer owns (0 for pooling, activation, input...)
    int64_t nonTrainableParams = 0;    // of those, never trainable: BatchNormalization's moving statistics
    bool trainable = true;             // Keras's layer.trainable; false for frozen layers
    std::string group;  // the unit users freeze by: "block1".."block5", "fire2".."fire9", "top"
    // Names of the layers feeding this one, in order (Keras's "Connected to"); empty for the input.
    std::vector<std::string> inboundLayers;
};

// "(None, 112, 112, 64)"; an InputLayer's shape is shown by Keras as "[(None, 224, 224, 3)]".
std::string kerasShapeString(const std::vector<int64_t>& shape);

struct ParamTotals {
    int64_t total = 0;
    int64_t trainable = 0;
    int64_t nonTrainable = 0;
};

// Sums as Keras's summary prints them: a frozen layer's parameters count as non-trainable, and so do
// BatchNormalization's moving statistics in any layer.
ParamTotals paramTotals(const std::vector<LayerInfo>& layers);

// "14,714,688": Keras's thousands separators.
std::string formatThousands(int64_t value);

}  // namespace tlw
