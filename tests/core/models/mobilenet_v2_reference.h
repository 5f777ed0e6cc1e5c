#pragma once

// MobileNetV2's convolutional base written out from keras.applications.mobilenet_v2 in plain ATen operations
// (double precision) on the raw channels-last arrays of a Keras file: nothing shared with core's layer list,
// converter, loader or module. For the fidelity tests.

#include <ATen/ATen.h>

#include "tests/core/models/raw_keras_file.h"

namespace tlw::test {

// Conv1 through out_relu for a batch of "tf" images (N x 3 x H x W, RGB, -1..1), at the width the file's
// arrays have; the output is N x C x H/32 x W/32 (rounded as the strided layers round), in double.
at::Tensor mobileNetV2Base(const RawKerasFile& raw, const at::Tensor& tfImages);

}  // namespace tlw::test
