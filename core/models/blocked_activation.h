#pragma once

// Core-internal (LibTorch): an activation kept in oneDNN's 16-channel-blocked layout (nChw16c) between two
// oneDNN layers that both work in it, so that neither reorders it.
//
// Why: VGG16's Winograd convolutions compute in that layout; with ordinary tensors between them every
// convolution reordered its input from channels-last and its result back, 10 % of the frozen pass
// (DNNL_VERBOSE, docs/BENCHMARKS.md). Where a Winograd convolution alone reads a result, directly or after a
// max pooling, the pass now hands it on blocked as it is; any other reader, and the pass's result, get an
// ordinary tensor (ordinaryActivation).
//
// A blocked activation is a float32 CPU tensor of N x C/16 x H x W x 16, contiguous: the bytes of nChw16c.
// Nothing outside BackboneModule's pass and the oneDNN files ever sees one.

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace tlw {

inline constexpr int64_t kActivationBlock = 16;

bool isBlockedActivation(const at::Tensor& tensor);

// The channels of an activation, blocked (C, not C/16) or ordinary.
int64_t activationChannels(const at::Tensor& tensor);

// Whether C channels make whole blocks (a multiple of 16): the layers asked for a blocked result write an
// ordinary one otherwise.
bool blockable(int64_t channels);

// An uninitialised blocked activation for N x C x H x W (blockable(C)).
at::Tensor emptyBlockedActivation(int64_t batch, int64_t channels, int64_t height, int64_t width);

// The activation as an ordinary N x C x H x W tensor, channels-last; an ordinary one is returned as it is.
at::Tensor ordinaryActivation(const at::Tensor& tensor);

}  // namespace tlw
