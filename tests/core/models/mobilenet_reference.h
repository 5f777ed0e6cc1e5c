#pragma once

// MobileNet v1's convolutional base in plain loops (double accumulation, Keras's channels-last arrays as
// stored in the file), for the fidelity tests: nothing shared with core's reader, converter or LibTorch.

#include <filesystem>

#include "tests/core/models/raw_keras_file.h"
#include "tests/core/models/reference_cnn.h"

namespace tlw::test {

// Keras "tf" preprocess_input of an image file resized to size x size: RGB, x / 127.5 - 1.
FeatureMap tfImage(const std::filesystem::path& imageFile, int size);

// conv1 through conv_pw_13_relu as keras.applications.mobilenet builds it today (TensorFlow "same" padding
// for conv1, ZeroPadding2D ((0, 1), (0, 1)) before each stride-2 depthwise convolution), at the width the
// file's arrays have.
FeatureMap mobileNetBase(const RawKerasFile& raw, const FeatureMap& image);

// The channel means of a map: GlobalAveragePooling2D.
std::vector<double> globalAverage(const FeatureMap& map);

}  // namespace tlw::test
