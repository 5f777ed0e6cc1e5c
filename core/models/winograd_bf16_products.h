#pragma once

// Core-internal (LibTorch), built only with oneDNN: bfloat16 Winograd F(2x2, 3x3) convolutions and kernel
// gradients from the tile transforms (winograd_bf16_tiles.h) and oneDNN's batched bf16 matrix products
// (float32 sums), chunk by chunk so that a chunk's transformed tiles stay in the cache between the steps.

#include <ATen/core/Tensor.h>

#include "core/models/winograd_bf16_tiles.h"

namespace tlw::bf16winograd {

// How transformed weights are stored for a product that multiplies K input channels into N outputs: as
// [16][K][N] (the frozen pass's, made once) or as [16][N][K] (weightTransform's, made on every step).
enum class WeightOrder { KByN, NByK };

// Whether conv2d(input, weight, 1, 1) has a shape these kernels run and were measured faster on: a 4-d input
// and a 3x3 kernel over all of its channels, at least 256 input channels, channel counts multiples of 16.
bool tilesFit(const at::Tensor& input, const at::Tensor& weight);

// The convolution's sizes.
Geometry geometryOf(const at::Tensor& input, const at::Tensor& weight);

// Whether oneDNN has a non-reference bf16 product for convolveTiles of this geometry on this CPU.
bool convolutionSupported(const Geometry& g, WeightOrder order);

// conv2d(input, kernel, bias, stride 1, padding 1) (+ ReLU where relu) for input N x K x H x W bfloat16
// channels-last and u the kernel's transform stored as order says (K input, n output channels); bias float32
// or undefined. Slots::Flipped reads u as the flipped kernel's transform (the input gradient's convolution).
// Returns N x n x H x W bfloat16, channels-last.
at::Tensor convolveTiles(const at::Tensor& input, const at::Tensor& u, WeightOrder order, int64_t n,
                         const at::Tensor& bias, bool relu, Slots slots);

// The transform of a Cout x Cin x 3 x 3 kernel (float32 or bfloat16, any memory format) as [16][Cout][Cin]
// bfloat16 (WeightOrder::NByK for the forward, KByN for the input gradient).
at::Tensor transformWeights(const at::Tensor& weight);

// The gradient of conv2d(input, kernel, stride 1, padding 1) with respect to the Cout x Cin x 3 x 3 kernel,
// for outputGradient N x Cout x H x W: both bfloat16 channels-last; the result float32, channels-last.
at::Tensor kernelGradient(const at::Tensor& input, const at::Tensor& outputGradient);

// Whether oneDNN has the products kernelGradient needs for these sizes on this CPU.
bool kernelGradientSupported(const Geometry& g);

}  // namespace tlw::bf16winograd
