#pragma once

// A deliberately plain CNN evaluator for the fidelity tests: channels-last maps, Keras's HWIO kernels used
// as stored in the file, nested loops with double accumulation. Nothing shared with core's LibTorch path.

#include <vector>

#include "tests/core/models/raw_keras_file.h"

namespace tlw::test {

struct FeatureMap {
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<double> values;  // (h * width + w) * channels + c

    double at(int h, int w, int c) const {
        return values[(static_cast<size_t>(h) * width + w) * channels + c];
    }
};

// Keras Conv2D: kernel (kh, kw, in, out) and bias (out) as read from the file; "same" padding for stride 1.
FeatureMap conv2d(const FeatureMap& in, const RawArray& kernel, const RawArray& bias, int stride,
                  bool samePadding, bool relu);
FeatureMap maxPool(const FeatureMap& in, int size, int stride);  // "valid": full windows only
FeatureMap relu(FeatureMap map);
FeatureMap concatChannels(const FeatureMap& a, const FeatureMap& b);

// SqueezeNet v1.1's convolutional base up to fire9/concat (conv1, pool1, fire2..fire9 with pool3 and pool5),
// from the raw Keras arrays of a weights file.
FeatureMap squeezeNetFire9Concat(const RawKerasFile& raw, const FeatureMap& image);

// The first image of a dataset folder (sorted), decoded by OpenCV (BGR), resized to size x size and
// mean-subtracted as Keras's "caffe" preprocess_input.
FeatureMap caffeImage(const std::filesystem::path& imageFile, int size);

}  // namespace tlw::test
