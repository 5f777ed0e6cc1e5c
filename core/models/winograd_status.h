#pragma once

// Torch-free: whether float32 3x3 convolutions run through oneDNN's Winograd kernels in this process (see
// core/models/winograd_convolution.h), for `tlw info --system` and the About dialog.
namespace tlw {

bool winogradConvolutionsActive();

}  // namespace tlw
