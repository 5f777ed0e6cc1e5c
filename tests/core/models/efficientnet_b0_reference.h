#pragma once

// EfficientNetB0's convolutional base written out from keras.applications.efficientnet in plain ATen
// operations (double precision) on the raw channels-last arrays of a Keras file: nothing shared with core's
// layer list, converter, loader or module. For the fidelity tests.

#include <ATen/ATen.h>

#include "tests/core/models/raw_keras_file.h"

namespace tlw::test {

// rescaling through top_activation for a batch of RGB images in 0..255 (N x 3 x H x W), as Keras's
// EfficientNetB0 takes them; the output is N x 1280 x H/32 x W/32 (rounded as the strided layers round).
at::Tensor efficientNetB0Base(const RawKerasFile& raw, const at::Tensor& rgbImages);

}  // namespace tlw::test
