#pragma once

#include <string>
#include <vector>

#include "core/models/image_size.h"
#include "core/models/layer_info.h"

namespace tlw {

// Text exactly as Keras 2.10 (TensorFlow 2.10) prints model.summary(): 'Model: "vgg16"', the 65-column
// table for a chain of layers or the 98-column one with "Connected to" for a graph (SqueezeNet's fire
// modules), blank lines between rows, Keras's own wrapping of long cells, and the Total / Trainable /
// Non-trainable lines. showTrainable adds the Trainable column (Y/N) as summary(show_trainable=True) does.
// Every line ends with '\n'; trailing spaces are kept, as Keras prints them.
std::string formatKerasSummary(const std::string& modelName, const std::vector<LayerInfo>& layers,
                               bool showTrainable);

// What a summary is about, for the JSON form.
struct SummaryContext {
    std::string modelName;  // Keras's model.name
    std::string backbone;   // "vgg16"
    ImageSize inputSize;
    bool includeTop = false;
    std::string freeze;  // FreezeSpec::describe()
};

// {"model": ..., "backbone": ..., "input_size": [H, W], "include_top": ..., "freeze": ...,
//  "layers": [{"index", "name", "type", "output_shape" (null for the batch), "params", "trainable", "group",
//  "inbound"}], "total_params", "trainable_params", "non_trainable_params"}, pretty-printed.
std::string formatSummaryJson(const SummaryContext& context, const std::vector<LayerInfo>& layers);

}  // namespace tlw
