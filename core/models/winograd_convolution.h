#pragma once

// Core-internal (LibTorch): which 3x3 convolutions run through oneDNN's Winograd kernels
// (core/models/onednn_winograd.h), and the autograd node that runs them.

#include <ATen/core/Tensor.h>

#include "core/models/onednn_winograd.h"

namespace torch::autograd {
struct AutogradContext;
}

namespace tlw {

// Auto: float32 convolutions on the CPU with at least 32 input channels, wherever oneDNN has the kernel
// (AVX-512 CPUs), outside bf16 autocast. Never: LibTorch's convolution everywhere, for benchmarks and for
// comparing against. The default is Auto, or Never where the environment variable TLW_WINOGRAD is 0, read
// once. Winograd's results differ from the direct convolution's in the last bits (about 1e-6 of the output's
// scale, the transforms' rounding; measured in tests/core/models/winograd_convolution_test.cpp) and repeat
// exactly run to run.
enum class WinogradPolicy { Auto, Never };

WinogradPolicy winogradPolicy();
void setWinogradPolicy(WinogradPolicy policy);

// Whether conv2d(input, weight, bias, stride 1, padding 1) runs through Winograd here. Below 32 input
// channels (SqueezeNet's first expand3x3 layers, 16 channels at 55x55) oneDNN's direct kernel was faster.
bool winogradApplies(const at::Tensor& input, const at::Tensor& weight);

// Whether Winograd may run a layer with this weight (Cout x Cin x 3 x 3), known without its input: the
// policy, autocast, the input channels and the CPU's kernels, no kernel made. Cheap enough for every batch.
bool winogradMayRun(const at::Tensor& weight);

// Whether autograd records a convolution of these: gradients on and any of them asking for one. weight and
// bias may be undefined. The frozen pass and evaluation record nothing.
bool recordsGradient(const at::Tensor& input, const at::Tensor& weight = {}, const at::Tensor& bias = {});

// In a Winograd autograd node's backward, the gradients autograd asks for: the bias's only where the forward
// had one, which the forward records as context.saved_data["bias"].
WinogradNeeds winogradNeedsOf(torch::autograd::AutogradContext& context);

// conv2d(input, weight, bias, stride 1, padding 1) through Winograd, with the gradients autograd asks for.
// bias may be undefined. Needs winogradApplies(input, weight).
at::Tensor winogradConv2d(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias);

// Whether convolve3x3 runs conv2d(input, weight, ...) through the bf16 Winograd training kernels
// (winograd_bf16_training.h): under bf16 autocast, where bf16WinogradTrains.
bool bf16WinogradRuns(const at::Tensor& input, const at::Tensor& weight);

// conv2d(input, weight, bias, stride 1, padding 1): through bf16 Winograd where bf16WinogradRuns, else
// through oneDNN's float32 Winograd where winogradApplies, else LibTorch's. The one place that chooses, for
// the layers one by one and the fused block-end node alike.
at::Tensor convolve3x3(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias);

}  // namespace tlw
