#pragma once

// Core-internal (LibTorch): the backward of "3x3 convolution (stride 1, padding 1) + ReLU + max-pooling
// whose windows do not overlap" (VGG's block ends) that does only the arithmetic the pooling leaves.
//
// After the pooling, each channel's output gradient is non-zero at one position of each pooling window at
// most (the window's argmax, where the ReLU passed): a quarter of the positions, a different quarter for each
// channel. Dense kernels multiply the zeros too; these kernels visit the non-zero entries only, each entry
// one broadcast multiply-add over a row of input channels (weight gradient) or of weights (input gradient).

#include <ATen/core/Tensor.h>

namespace tlw {

struct ConvReluPoolGradients {
    at::Tensor input;   // N x Cin x H x W, channels-last, the input's dtype; undefined unless asked for
    at::Tensor weight;  // Cout x Cin x 3 x 3, channels-last, float32
    at::Tensor bias;    // Cout, float32
};

// Whether this CPU runs the sparse kernels (AVX-512F); where not, callers keep the dense backward.
bool sparsePoolBackwardSupported();

// input: the convolution's input (N x Cin x H x W, float32 or bfloat16); weight: Cout x Cin x 3 x 3;
// activated: the ReLU's output (N x Cout x H x W); pooledGradient and indices: the pooling's output gradient
// and argmax indices (LibTorch's max_pool2d_with_indices, flat h * W + w), N x Cout x Hp x Wp. Cin must be
// a multiple of 16. The gradients are those of autograd's dense backward up to float32 rounding order.
ConvReluPoolGradients sparseConvReluPoolBackward(const at::Tensor& input, const at::Tensor& weight,
                                                 const at::Tensor& activated,
                                                 const at::Tensor& pooledGradient, const at::Tensor& indices,
                                                 bool needInputGradient);

}  // namespace tlw
