#pragma once

// Core-internal (LibTorch): bfloat16 3x3 convolutions by Winograd's F(2x2, 3x3), for the frozen pass in
// precision bf16. oneDNN 2.6 has Winograd kernels for float32 only, and its direct bf16 kernels already run
// at the CPU's dot-product peak, so the bf16 pass could only get faster by doing less arithmetic: F(2x2, 3x3)
// computes each 2x2 output tile with 16 multiplications per channel pair instead of 36. The transforms
// (adds and subtracts only) run here in float32 on AVX-512; the 16 products of the transformed tiles are one
// batched bf16 matrix product through oneDNN (float32 sums). Results are about 1.5 times as far from float32
// as the direct bf16 convolution's (the transformed tiles and weights are rounded to bf16 once each).

#include <ATen/core/Tensor.h>

namespace tlw {

// Whether conv2d(input, weight, bias, stride 1, padding 1) + optional ReLU runs through these kernels: a
// dense channels-last bfloat16 input with at least 256 channels and bfloat16 weights, channel counts
// multiples of 16, no gradient recorded and no autocast (mixed-precision training has its own node,
// winograd_bf16_training.h), a CPU with AVX-512 BF16 and no AMX, WinogradPolicy::Auto (TLW_WINOGRAD=0 turns
// it off).
bool bf16WinogradApplies(const at::Tensor& input, const at::Tensor& weight);

// relu(conv2d(input, weight, bias, 1, 1)) where relu, else the convolution: bfloat16, channels-last. bias may
// be undefined. Needs bf16WinogradApplies.
at::Tensor bf16WinogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                               bool relu);

}  // namespace tlw
