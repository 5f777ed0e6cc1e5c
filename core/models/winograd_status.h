#pragma once

// Torch-free: whether 3x3 convolutions run through Winograd kernels in this process (see
// core/models/winograd_convolution.h and winograd_bf16.h), for `tlw info --system` and the About dialog.
namespace tlw {

bool winogradConvolutionsActive();

// Whether bfloat16 3x3 convolutions with 256 or more input channels run through tlw's F(2x2, 3x3)
// (core/models/winograd_bf16.h, winograd_bf16_training.h): precision bf16's frozen pass and bf16
// mixed-precision training, on a CPU with AVX-512 BF16.
bool bf16WinogradActive();

}  // namespace tlw
