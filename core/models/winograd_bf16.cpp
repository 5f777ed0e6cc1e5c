#include "core/models/winograd_bf16.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>

#include "core/models/winograd_convolution.h"
#include "core/models/winograd_status.h"
#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/models/onednn_common.h"
#include "core/models/onednn_frozen_weights.h"

namespace tlw {
namespace {

using namespace onednn;

constexpr int64_t kLanes = 16;   // float32 values in one AVX-512 register
constexpr int64_t kPoints = 16;  // a 4x4 input tile: F(2x2, 3x3) has 16 transformed products
// Below it oneDNN's direct bf16 kernels were faster (VGG16 at 224x224, batch 16, per layer: 64 input channels
// 2.0x slower, 128 1.06-1.7x slower; 256 and 512 1.13-1.34x faster).
constexpr int64_t kFewestInputChannels = 256;
// The tiles of one matrix product: its transformed inputs and float32 products (16 x tiles x channels each)
// stay within this, so the output transform reads them from the cache the product wrote them to.
constexpr int64_t kChunkBytes = int64_t{12} << 20;

#define TLW_BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512bf16")))

// GCC 12's AVX-512 headers start some conversions from an undefined vector, which -Wmaybe-uninitialized
// reports wherever they are inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

TLW_BF16_TARGET inline __m512 loadBf16(const uint16_t* p) {
    const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(raw), 16));
}

TLW_BF16_TARGET inline void storeBf16(uint16_t* p, __m512 v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), reinterpret_cast<__m256i>(_mm512_cvtneps_pbh(v)));
}

struct Geometry {
    int64_t batch, height, width, inChannels, outChannels;
    int64_t tileRows() const { return (height + 1) / 2; }
    int64_t tileColumns() const { return (width + 1) / 2; }
    int64_t tiles() const { return batch * tileRows() * tileColumns(); }
    // Tiles per matrix product: a multiple of 16, at least 64.
    int64_t chunk() const {
        const int64_t perTile = kPoints * (2 * inChannels + 4 * outChannels);
        return std::min(tiles(), std::max<int64_t>(64, kChunkBytes / perTile / 16 * 16));
    }
};

struct TilePosition {
    int64_t image, row, column;  // the tile's top-left output pixel
};

TilePosition tileAt(const Geometry& g, int64_t tile) {
    const int64_t perImage = g.tileRows() * g.tileColumns();
    const int64_t within = tile % perImage;
    return {tile / perImage, within / g.tileColumns() * 2, within % g.tileColumns() * 2};
}

// V = B^T d B for tiles [begin, end) of the chunk starting at first: d is the 4x4 input patch around the
// tile's outputs (zero outside the image, the convolution's padding), B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0;
// 0 1 0 -1]. V is [16][chunk][Cin], bfloat16.
TLW_BF16_TARGET void inputTransform(const Geometry& g, const uint16_t* input, uint16_t* v, int64_t chunk,
                                    int64_t first, int64_t begin, int64_t end) {
    const __m512 zero = _mm512_setzero_ps();
    for (int64_t tile = begin; tile < end; ++tile) {
        const TilePosition at = tileAt(g, first + tile);
        const uint16_t* pixel[4][4];
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) {
                const int64_t y = at.row - 1 + i;
                const int64_t x = at.column - 1 + j;
                const bool inside = y >= 0 && y < g.height && x >= 0 && x < g.width;
                pixel[i][j] =
                    inside ? input + ((at.image * g.height + y) * g.width + x) * g.inChannels : nullptr;
            }
        uint16_t* out = v + tile * g.inChannels;
        for (int64_t c = 0; c < g.inChannels; c += kLanes) {
            __m512 d[4][4];
            for (int i = 0; i < 4; ++i)
                for (int j = 0; j < 4; ++j) d[i][j] = pixel[i][j] ? loadBf16(pixel[i][j] + c) : zero;
            __m512 t[4][4];  // B^T d
            for (int j = 0; j < 4; ++j) {
                t[0][j] = _mm512_sub_ps(d[0][j], d[2][j]);
                t[1][j] = _mm512_add_ps(d[1][j], d[2][j]);
                t[2][j] = _mm512_sub_ps(d[2][j], d[1][j]);
                t[3][j] = _mm512_sub_ps(d[1][j], d[3][j]);
            }
            for (int i = 0; i < 4; ++i) {  // (B^T d) B
                const int64_t row = i * 4 * chunk * g.inChannels;
                storeBf16(out + row + c, _mm512_sub_ps(t[i][0], t[i][2]));
                storeBf16(out + row + chunk * g.inChannels + c, _mm512_add_ps(t[i][1], t[i][2]));
                storeBf16(out + row + 2 * chunk * g.inChannels + c, _mm512_sub_ps(t[i][2], t[i][1]));
                storeBf16(out + row + 3 * chunk * g.inChannels + c, _mm512_sub_ps(t[i][1], t[i][3]));
            }
        }
    }
}

// Y = A^T M A + bias (then the ReLU) for tiles [begin, end) of the chunk, A^T = [1 1 1 0; 0 1 -1 -1]; M is
// [16][chunk][Cout] float32. Writes the tile's 2x2 outputs that lie inside the image, bfloat16.
TLW_BF16_TARGET void outputTransform(const Geometry& g, const float* m, const float* bias, bool relu,
                                     uint16_t* output, int64_t chunk, int64_t first, int64_t begin,
                                     int64_t end) {
    const __m512 zero = _mm512_setzero_ps();
    const int64_t plane = chunk * g.outChannels;
    for (int64_t tile = begin; tile < end; ++tile) {
        const TilePosition at = tileAt(g, first + tile);
        const bool right = at.column + 1 < g.width;
        const bool below = at.row + 1 < g.height;
        uint16_t* top = output + ((at.image * g.height + at.row) * g.width + at.column) * g.outChannels;
        uint16_t* bottom = top + g.width * g.outChannels;
        const float* in = m + tile * g.outChannels;
        for (int64_t k = 0; k < g.outChannels; k += kLanes) {
            __m512 s[4], r[4];  // the rows of A^T M
            for (int j = 0; j < 4; ++j) {
                const __m512 m0 = _mm512_loadu_ps(in + (0 * 4 + j) * plane + k);
                const __m512 m1 = _mm512_loadu_ps(in + (1 * 4 + j) * plane + k);
                const __m512 m2 = _mm512_loadu_ps(in + (2 * 4 + j) * plane + k);
                const __m512 m3 = _mm512_loadu_ps(in + (3 * 4 + j) * plane + k);
                s[j] = _mm512_add_ps(_mm512_add_ps(m0, m1), m2);
                r[j] = _mm512_sub_ps(_mm512_sub_ps(m1, m2), m3);
            }
            const __m512 b = bias ? _mm512_loadu_ps(bias + k) : zero;
            __m512 y[2][2] = {{_mm512_add_ps(_mm512_add_ps(s[0], s[1]), s[2]),
                               _mm512_sub_ps(_mm512_sub_ps(s[1], s[2]), s[3])},
                              {_mm512_add_ps(_mm512_add_ps(r[0], r[1]), r[2]),
                               _mm512_sub_ps(_mm512_sub_ps(r[1], r[2]), r[3])}};
            for (auto& row : y)
                for (__m512& value : row) {
                    value = _mm512_add_ps(value, b);
                    if (relu) value = _mm512_max_ps(value, zero);
                }
            storeBf16(top + k, y[0][0]);
            if (right) storeBf16(top + g.outChannels + k, y[0][1]);
            if (below) storeBf16(bottom + k, y[1][0]);
            if (below && right) storeBf16(bottom + g.outChannels + k, y[1][1]);
        }
    }
}

#pragma GCC diagnostic pop

// U = G g G^T for every (output, input) channel pair, G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1], as
// [16][Cin][Cout] bfloat16: the matrix product's right-hand side.
at::Tensor transformedWeights(const at::Tensor& weight) {
    const at::Tensor g =
        at::tensor({1.0f, 0.0f, 0.0f, 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0.0f, 0.0f, 1.0f}).view({4, 3});
    const int64_t out = weight.size(0);
    const int64_t in = weight.size(1);
    const at::Tensor kernels = weight.to(at::kFloat).contiguous().view({out * in, 3, 3});
    const at::Tensor u = at::matmul(at::matmul(g, kernels), g.t());  // out*in x 4 x 4
    return u.view({out, in, kPoints}).permute({2, 1, 0}).contiguous().to(at::kBFloat16);
}

using MatmulKernel = Kernel<dnnl::matmul>;

using MatmulShape = std::tuple<int64_t, int64_t, int64_t>;  // tiles, Cin, Cout

std::shared_ptr<MatmulKernel> makeMatmul(const MatmulShape& shape) {
    const auto [tiles, in, out] = shape;
    const memory::desc source({kPoints, tiles, in}, memory::data_type::bf16, memory::format_tag::abc);
    const memory::desc weights({kPoints, in, out}, memory::data_type::bf16, memory::format_tag::abc);
    const memory::desc products({kPoints, tiles, out}, memory::data_type::f32, memory::format_tag::abc);
    return kernelFrom<dnnl::matmul>(dnnl::matmul::primitive_desc(
        dnnl::matmul::desc(source, weights, products), primitiveAttributes(false), cpuEngine()));
}

std::shared_ptr<MatmulKernel> matmulFor(const MatmulShape& shape) {
    static PrimitiveTable<MatmulShape, MatmulKernel> table;
    return table.find(shape, makeMatmul);
}

// M = V x U for one chunk of tiles, the 16 products at once: bfloat16 in, float32 sums out.
void multiply(const MatmulKernel& kernel, const at::Tensor& v, const at::Tensor& u, const at::Tensor& m,
              dnnl::stream& stream) {
    const Buffer scratch = allocate(kernel.desc.scratchpad_desc());
    kernel.primitive.execute(stream, {{DNNL_ARG_SRC, over(v, kernel.desc.src_desc()).data},
                                      {DNNL_ARG_WEIGHTS, over(u, kernel.desc.weights_desc()).data},
                                      {DNNL_ARG_DST, over(m, kernel.desc.dst_desc()).data},
                                      {DNNL_ARG_SCRATCHPAD, scratch.data}});
    stream.wait();
}

bool cpuHasBf16DotProducts() {
    static const bool has = __builtin_cpu_supports("avx512bf16") && __builtin_cpu_supports("avx512bw");
    return has;
}

}  // namespace

bool bf16WinogradActive() { return winogradPolicy() == WinogradPolicy::Auto && cpuHasBf16DotProducts(); }

bool bf16WinogradApplies(const at::Tensor& input, const at::Tensor& weight) {
    if (!bf16WinogradActive()) return false;
    if (input.dim() != 4 || input.scalar_type() != at::kBFloat16 || !input.is_cpu() ||
        !input.is_contiguous(at::MemoryFormat::ChannelsLast))
        return false;
    // The frozen pass's bf16 copy of the backbone; mixed-precision training (autocast over float32 weights)
    // keeps LibTorch's kernels in its validation and other no-gradient passes too, so that they compute
    // what its training steps do.
    if (weight.dim() != 4 || weight.scalar_type() != at::kBFloat16 || at::autocast::is_cpu_enabled() ||
        weight.size(2) != 3 || weight.size(3) != 3 || weight.size(1) != input.size(1))
        return false;
    if (at::GradMode::is_enabled() && (input.requires_grad() || weight.requires_grad())) return false;
    const int64_t in = input.size(1);
    const int64_t out = weight.size(0);
    return in >= kFewestInputChannels && in % kLanes == 0 && out % kLanes == 0 &&
           matmulFor({Geometry{input.size(0), input.size(2), input.size(3), in, out}.chunk(), in, out}) !=
               nullptr;
}

at::Tensor bf16WinogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                               bool relu) {
    if (!bf16WinogradApplies(input, weight)) throw Error("bf16 Winograd does not apply to this convolution");
    const Geometry g{input.size(0), input.size(2), input.size(3), input.size(1), weight.size(0)};
    at::Tensor output = at::empty({g.batch, g.outChannels, g.height, g.width},
                                  input.options().memory_format(at::MemoryFormat::ChannelsLast));
    const at::Tensor u = preparedWeights(weight,
                                         memory::desc({kPoints, g.inChannels, g.outChannels},
                                                      memory::data_type::bf16, memory::format_tag::abc),
                                         [&] { return transformedWeights(weight); });
    const at::Tensor biases = bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
    const int64_t chunk = g.chunk();
    const at::Tensor v = at::empty({kPoints, chunk, g.inChannels},
                                   input.options().memory_format(at::MemoryFormat::Contiguous));
    const at::Tensor m =
        at::empty({kPoints, chunk, g.outChannels},
                  input.options().dtype(at::kFloat).memory_format(at::MemoryFormat::Contiguous));
    const auto* in = reinterpret_cast<const uint16_t*>(input.data_ptr());
    auto* out = reinterpret_cast<uint16_t*>(output.data_ptr());
    auto* transformed = reinterpret_cast<uint16_t*>(v.data_ptr());
    dnnl::stream stream(cpuEngine());
    for (int64_t first = 0; first < g.tiles(); first += chunk) {
        const int64_t tiles = std::min(chunk, g.tiles() - first);
        const std::shared_ptr<MatmulKernel> kernel = matmulFor({tiles, g.inChannels, g.outChannels});
        if (!kernel) throw Error("oneDNN has no bf16 matrix product for this shape on this CPU");
        at::parallel_for(0, tiles, 8, [&](int64_t begin, int64_t end) {
            inputTransform(g, in, transformed, tiles, first, begin, end);
        });
        multiply(*kernel, v, u, m, stream);
        at::parallel_for(0, tiles, 8, [&](int64_t begin, int64_t end) {
            outputTransform(g, m.data_ptr<float>(), biases.defined() ? biases.data_ptr<float>() : nullptr,
                            relu, out, tiles, first, begin, end);
        });
    }
    return output;
}

}  // namespace tlw

#else  // no oneDNN headers at build time

namespace tlw {
bool bf16WinogradActive() { return false; }
bool bf16WinogradApplies(const at::Tensor&, const at::Tensor&) { return false; }
at::Tensor bf16WinogradForward(const at::Tensor&, const at::Tensor&, const at::Tensor&, bool) {
    throw Error("this build has no bf16 Winograd kernels");
}
}  // namespace tlw

#endif
