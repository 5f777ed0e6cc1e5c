#pragma once

// Core-internal (LibTorch): mixed-precision (bf16 autocast) training's 3x3 convolutions by Winograd's
// F(2x2, 3x3), forward and gradients, through the frozen pass's bf16 kernels (winograd_bf16_products.h).
// Fine-tuning VGG16's block5 trains on cached maps: an epoch is almost only these convolutions, and oneDNN's
// direct bf16 kernels already run them at the CPU's dot-product peak, so only less arithmetic makes it
// faster. All three of a layer's convolutions do 16 products per 2x2 tile instead of 36: the forward, the
// input gradient (the output gradient convolved with the flipped kernel, whose transform is the forward's
// with its points permuted) and the kernel gradient (the chain rule through the transforms, summed over the
// tiles). The kernel's transform is made from the float32 master weights on every call (weights change every
// step), the products add in float32, and results are about as far from float32 as the direct bf16
// convolution's (tests/core/models/winograd_bf16_training_test.cpp).

#include <ATen/core/Tensor.h>

#include "core/models/onednn_winograd.h"

namespace tlw {

// Whether these kernels can run conv2d(input, weight, bias, 1, 1) as training under bf16 autocast has it:
// a 4-d CPU input (float32 or bfloat16) with at least 256 channels, a 3x3 float32 or bfloat16 weight, channel
// counts multiples of 16, a CPU with AVX-512 BF16 and no AMX, WinogradPolicy::Auto. Autocast itself is not
// asked here (a backward runs without it); convolve3x3 asks it.
bool bf16WinogradTrains(const at::Tensor& input, const at::Tensor& weight);

// conv2d(input, weight, bias, stride 1, padding 1) in bfloat16 through Winograd, with the gradients autograd
// asks for (each in its input's dtype); the output bfloat16 channels-last, as autocast's convolution gives
// it. bias may be undefined. Needs bf16WinogradTrains(input, weight).
at::Tensor bf16WinogradConv2d(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias);

// The gradients of bf16WinogradConv2d for outputGradient (N x Cout x H x W), those asked for, as
// winogradBackward gives float32 Winograd's: the input's bfloat16 channels-last, the weight's (channels-last)
// and the bias's float32. For the fused conv + ReLU + pooling node.
WinogradGradients bf16WinogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                       const at::Tensor& outputGradient, WinogradNeeds needs);

}  // namespace tlw
