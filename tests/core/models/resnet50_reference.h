#pragma once

// ResNet50's convolutional base written out from keras.applications.resnet in plain ATen operations (double
// precision) on the raw channels-last arrays of a Keras file, as RawKerasFile reads them: nothing shared with
// core's layer list, converter, loader or module. For the fidelity tests.

#include <ATen/ATen.h>

#include "tests/core/models/raw_keras_file.h"
#include "tests/core/models/reference_cnn.h"

namespace tlw::test {

// conv1_pad through conv5_block3_out for a batch of "caffe" images (N x 3 x H x W, BGR, mean-free); the
// output is N x 2048 x H/32 x W/32 (rounded as the strided layers round), in double.
at::Tensor resNet50Base(const RawKerasFile& raw, const at::Tensor& caffeImages);

// A channels-last FeatureMap (caffeImage) as a 1 x C x H x W double tensor.
at::Tensor imageTensor(const FeatureMap& image);

}  // namespace tlw::test
