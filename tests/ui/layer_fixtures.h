#pragma once

#include <vector>

#include "core/models/layer_info.h"

namespace tlw::ui::fixtures {

// Keras's VGG16(include_top=False, input_shape=(224, 224, 3)).layers, written out from its summary:
// 19 rows, 14,714,688 parameters.
std::vector<tlw::LayerInfo> vgg16Layers();

}  // namespace tlw::ui::fixtures
