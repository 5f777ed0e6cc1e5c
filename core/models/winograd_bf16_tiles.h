#pragma once

// Core-internal, built only with oneDNN (an x86-64 CPU with AVX-512 BF16 runs it): the tile transforms of
// bfloat16 Winograd F(2x2, 3x3), shared by the frozen pass's forward (winograd_bf16.cpp) and by training's
// forward and gradients (winograd_bf16_training.cpp). Arithmetic in float32 on AVX-512, tiles and weights
// stored as bfloat16, 16 channels to a register: channel counts must be multiples of 16.
//
// With Y = A^T [U . V] A, V = B^T d B (d: a 4x4 input patch), U = G g G^T (g: a 3x3 kernel):
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1],
//   A^T = [1 1 1 0; 0 1 -1 -1].
// The gradients follow from the chain rule: the output gradient dy of a 2x2 tile reaches the 16 products as
// A dy A^T, and the kernel's gradient is G^T [sum over tiles of (A dy A^T) . V] G.

#include <cstdint>

namespace tlw::bf16winograd {

constexpr int64_t kLanes = 16;   // float32 values in one AVX-512 register
constexpr int64_t kPoints = 16;  // the products of one transformed 4x4 tile

// A convolution's sizes; tiles are the 2x2 output blocks, numbered image by image, row by row.
struct Geometry {
    int64_t batch, height, width, inChannels, outChannels;
    int64_t tileRows() const { return (height + 1) / 2; }
    int64_t tileColumns() const { return (width + 1) / 2; }
    int64_t tiles() const { return batch * tileRows() * tileColumns(); }
};

// Where each of a transformed tile's 16 points is stored. Flipped swaps rows 0 and 3 and columns 0 and 3:
// G J = P G (J reverses a kernel's taps, P swaps rows 0 and 3), so the transform of a spatially flipped
// kernel is U with its points so permuted, and the input gradient's convolution (dY with the flipped,
// transposed kernel) reuses the forward's transformed weights.
enum class Slots { Plain, Flipped };

// V = B^T d B for tiles [begin, end) of the chunk of `chunk` tiles starting at tile `first`: input is
// N x H x W x C (channels-last, C = g.inChannels), padding 1 read as zeros; v is [16][chunk][C].
void inputTransform(const Geometry& g, const uint16_t* input, uint16_t* v, int64_t chunk, int64_t first,
                    int64_t begin, int64_t end, Slots slots);

// Y = A^T M A (+ bias, then ReLU where relu) for tiles [begin, end) of the chunk: m is [16][chunk][Cout]
// float32 (Cout = g.outChannels), bias float32 or null; writes the tile's outputs inside the image into
// output, N x H x W x Cout bfloat16.
void outputTransform(const Geometry& g, const float* m, const float* bias, bool relu, uint16_t* output,
                     int64_t chunk, int64_t first, int64_t begin, int64_t end, Slots slots);

// A dy A^T for tiles [begin, end) of the chunk: gradient is N x H x W x Cout bfloat16 (the output's
// gradient; a tile's outputs outside the image count as zero), out is [16][chunk][Cout].
void gradientTransform(const Geometry& g, const uint16_t* gradient, uint16_t* out, int64_t chunk,
                       int64_t first, int64_t begin, int64_t end);

// U = G g G^T for output channels [begin, end): weights float32 Cout x 3 x 3 x Cin (a channels-last
// kernel's bytes), u [16][Cout][Cin] bfloat16.
void weightTransform(const float* weights, uint16_t* u, int64_t inChannels, int64_t outChannels,
                     int64_t begin, int64_t end);

// The kernel's gradient G^T P G for output channels [begin, end): products [16][Cout][Cin] float32 (the sums
// over tiles of A dy A^T . V), gradient float32 Cout x 3 x 3 x Cin.
void weightGradientTransform(const float* products, float* gradient, int64_t inChannels, int64_t outChannels,
                             int64_t begin, int64_t end);

// Whether this CPU has AVX-512 BF16 (and BW) and no AMX: the only CPUs these kernels run on (measured faster
// than oneDNN's direct bf16 kernels on an AVX-512 BF16 EPYC; on AMX CPUs those use the tiles instead).
bool cpuHasBf16DotProducts();

}  // namespace tlw::bf16winograd
