#pragma once

// Core-internal (LibTorch): layers of a pass that records no gradient (the frozen pass, evaluation,
// prediction) through oneDNN's inference primitives, on the library LibTorch itself links.
//
// Why: in SqueezeNet's frozen pass the convolutions were half the time; the rest went to the separate
// passes over each activation around them (bench/cache_pass_bench under perf: max pooling, ReLU and the
// Fire modules' concatenation about 40 %). Here a convolution applies its ReLU inside the kernel (a oneDNN
// post-op, as Winograd's already did), and max pooling skips the int64 indices LibTorch's computes for a
// backward that never runs (they are twice the output's size).
//
// float32 or bfloat16 CPU tensors (precision bf16 runs the whole frozen copy in bfloat16), dense
// channels-last in and out (the layout every pass runs in); where a tensor is not, or a build has no oneDNN
// headers, the Supported checks say no and the caller keeps LibTorch's.

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tlw {

// A convolution's stride and its zero padding on each side (Keras's "same" may pad one more bottom and
// right than top and left).
struct ConvolutionWindow {
    int64_t stride = 1;
    int64_t padTop = 0;
    int64_t padBottom = 0;
    int64_t padLeft = 0;
    int64_t padRight = 0;
};

// What a convolution applies to its output inside the kernel: nothing, ReLU, or ReLU capped at cap
// (MobileNet's ReLU6) where cap is positive.
struct OutputRelu {
    bool relu = false;
    double cap = 0.0;
};

// Whether inferenceConvolution runs these: dense channels-last float32, or bfloat16 input and weights, on the
// CPU, not grouped, and a kernel in oneDNN for the shape on this CPU (tried once per shape and remembered).
bool inferenceConvolutionSupported(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                                   const ConvolutionWindow& window, OutputRelu relu,
                                   bool blockedOutput = false);

// conv2d over the zero-padded input, then the ReLU inside the kernel. bias may be undefined. The result is a
// blocked activation (core/models/blocked_activation.h) where blockedOutput and the output channels are a
// multiple of 16, else channels-last. Needs inferenceConvolutionSupported with the same blockedOutput.
at::Tensor inferenceConvolution(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                                const ConvolutionWindow& window, OutputRelu relu, bool blockedOutput = false);

// The convolution of the parts' concatenation along the channels, without making it: each part convolved
// with its input channels of weight (in order), the results summed inside the kernels, then the bias and the
// ReLU. SqueezeNet's Fire modules end in a concatenation of their two expand convolutions that only the next
// Fire module's 1x1 squeeze reads (after a max pooling in two of them); making it was 13 % of the bfloat16
// frozen pass (docs/BENCHMARKS.md). Supported: two or more dense channels-last parts of one type, batch,
// height and width, whose channels add up to weight's input channels, and a kernel in oneDNN for each.
bool inferenceConvolutionOfPartsSupported(const std::vector<at::Tensor>& parts, const at::Tensor& weight,
                                          const at::Tensor& bias, const ConvolutionWindow& window,
                                          OutputRelu relu);
at::Tensor inferenceConvolutionOfParts(const std::vector<at::Tensor>& parts, const at::Tensor& weight,
                                       const at::Tensor& bias, const ConvolutionWindow& window,
                                       OutputRelu relu);

// Dense channels-last float32 or bfloat16, or a blocked activation, and a kernel in oneDNN for the shape.
bool inferenceMaxPoolSupported(const at::Tensor& input, int64_t kernel, int64_t stride);

// max_pool2d over "valid" windows. The input may be a blocked activation (core/models/blocked_activation.h),
// and the result is then one too. Needs inferenceMaxPoolSupported.
at::Tensor inferenceMaxPool(const at::Tensor& input, int64_t kernel, int64_t stride);

// The bytes of frozen layers' weights kept in oneDNN's layouts (core/models/onednn_frozen_weights.h): 0 in
// a build without oneDNN.
size_t frozenWeightBytesKept();

// Frees the kept weights of tensors that no longer exist. Otherwise they go at the next convolution that
// keeps weights; a pass's inference copy calls this when it is deleted, so a run's weights are not held after
// it (the window's memory between runs).
void releaseFrozenWeightsOfGoneTensors();

}  // namespace tlw
