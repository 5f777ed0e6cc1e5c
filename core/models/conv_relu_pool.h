#pragma once

// Core-internal (LibTorch): "3x3 convolution (stride 1, padding 1) + ReLU + max-pooling with non-overlapping
// windows" (the end of each VGG block) as one autograd node. Its forward is the same convolution, ReLU and
// pooling as the layers run one by one; its backward (core/models/sparse_pool_backward.h) computes the
// convolution's gradients from the quarter of output gradients the pooling leaves non-zero, instead of
// oneDNN's dense backward over all of them: about half the time of a VGG16 fine-tune's block5_conv3
// backward. Where bf16 Winograd runs the convolution (mixed precision on AVX-512 BF16,
// winograd_bf16_training.h), its dense gradients, with less than half the arithmetic, are taken instead.

#include <ATen/core/Tensor.h>

namespace tlw {

// When BackboneModule trains a pattern through the fused node. Auto: in float32 and bf16 (mixed precision),
// wherever the CPU runs the sparse kernels: a VGG16 fine-tune-at-16 epoch in fp32 takes 0.6x the time of the
// dense backward on NCHW input (docs/BENCHMARKS.md); the gradients equal the dense ones up to rounding (the
// sparse sums add in another order) and repeat exactly run to run. Always: the same as Auto since fp32 took
// the node too (kept for TLW_SPARSE_POOL_BACKWARD=1 and the tests that name it). Never: nowhere, the layers
// one by one (for benchmarks). The default is Auto, or what the environment variable
// TLW_SPARSE_POOL_BACKWARD says (0: Never, 1: Always), read once.
enum class SparsePoolBackward { Auto, Always, Never };

SparsePoolBackward sparsePoolBackward();
void setSparsePoolBackward(SparsePoolBackward policy);

// Whether the fused node should train a pattern whose convolution runs in computeType on this CPU.
bool fusesConvReluPool(at::ScalarType computeType);

// Whether the node's backward uses the sparse kernels for an input of this batch and size: only where they
// were measured faster (a 16-channel chunk of the input within 1 MiB); larger maps take the dense backward.
bool sparseBackwardPays(int64_t batch, int64_t height, int64_t width);

// The dtype a convolution of input runs in here: autocast's where CPU autocast is on, else the input's.
at::ScalarType convolutionType(const at::Tensor& input);

// relu(conv2d(input, weight, bias, stride 1, padding 1)) max-pooled by pool x pool windows with stride pool,
// through the fused node (gradients for input, weight and bias as requires_grad asks). Inputs and outputs as
// the layers one by one give them; the weight gradient comes out in the weight's dtype. bias may be
// undefined. Needs input channels a multiple of 16 and sparsePoolBackwardSupported().
at::Tensor convReluPool(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                        int64_t pool);

}  // namespace tlw
