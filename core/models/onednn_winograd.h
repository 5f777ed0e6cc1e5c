#pragma once

// Core-internal (LibTorch): 3x3 convolutions (stride 1, padding 1) through oneDNN's Winograd kernels, called
// on the library LibTorch itself links (Debian's libtorch uses the system's libdnnl.so.2).
//
// Why: LibTorch's own CPU convolutions (oneDNN's direct algorithm) already run at 70-90 % of the CPU's
// multiply-add peak; what is left is to do less arithmetic. Winograd F(4x4, 3x3) computes a 4x4 output tile
// from a 6x6 input tile with 36 multiplications per channel pair instead of 144. Measured on the 2-vCPU
// AVX-512 development machine (docs/BENCHMARKS.md): VGG16's 3x3 layers forward 1.3-2.1x, backward 2-3.5x
// faster than LibTorch's channels-last convolution. oneDNN has the kernels for AVX-512 CPUs only; elsewhere,
// and in a build without oneDNN's headers, winogradSupported() says no for every shape.
//
// Tensors in and out are ordinary strided float32 CPU tensors (NCHW or channels-last): each call reorders
// into oneDNN's blocked layout and back, a few percent of the convolution's time.

#include <ATen/core/Tensor.h>

namespace tlw {

// Whether oneDNN has a Winograd kernel for this input (N x Cin x H x W, or a blocked activation) and weight
// (Cout x Cin x 3 x 3) on this CPU. Creating the kernel is tried once per shape and remembered.
bool winogradSupported(const at::Tensor& input, const at::Tensor& weight);

// conv2d(input, weight, bias, stride 1, padding 1), then ReLU inside the kernel where relu (for inference:
// saves a pass over the output). bias may be undefined. The input may be a blocked activation
// (core/models/blocked_activation.h); the output is one where blockedOutput and the output channels are a
// multiple of 16, else it has the input's memory format (channels-last for a blocked input). Needs
// winogradSupported(input, weight).
at::Tensor winogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                           bool relu = false, bool blockedOutput = false);

struct WinogradGradients {
    at::Tensor input;   // in the input's memory format; undefined unless asked for
    at::Tensor weight;  // in the weight's memory format
    at::Tensor bias;    // undefined unless asked for
};

// The gradients of winogradForward for outputGradient (N x Cout x H x W), those asked for.
struct WinogradNeeds {
    bool input = true;
    bool weight = true;
    bool bias = true;
};
WinogradGradients winogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                   const at::Tensor& outputGradient, WinogradNeeds needs);

}  // namespace tlw
