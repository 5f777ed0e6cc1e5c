#include "core/models/sparse_pool_backward.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <immintrin.h>

#include <cstdint>
#include <vector>

namespace tlw {
namespace {

constexpr int64_t kLanes = 16;  // float32 values in one AVX-512 register

// One non-zero output gradient, as the weight gradient reads it (grouped by output channel): where its 3x3
// input patch starts in the padded, chunked input copy (in positions), and the value.
struct PatchEntry {
    int32_t patch;
    float gradient;
};

// The same, as the input gradient reads it (grouped by output position): the output channel and the value.
struct ChannelEntry {
    int32_t channel;
    float gradient;
};

struct Shapes {
    int64_t batch, inChannels, outChannels, height, width, pooledHeight, pooledWidth;
    int64_t paddedHeight() const { return height + 2; }
    int64_t paddedWidth() const { return width + 2; }
    int64_t positions() const { return batch * height * width; }
    int64_t windows() const { return batch * pooledHeight * pooledWidth; }
};

// The non-zero output gradients: where the pooling sent its gradient and the ReLU let it through.
struct SparseGradient {
    std::vector<PatchEntry> byChannel;     // [outChannels][windows], the first channelCount[c] used
    std::vector<int32_t> channelCount;     // [outChannels]
    std::vector<ChannelEntry> byPosition;  // grouped by position, channels ascending
    std::vector<int64_t> positionStart;    // [positions + 1] into byPosition
};

// Visits every pooling window's non-zero gradient of channels [begin, end) of image n, in window order:
// visit(channel, position within the image (h * W + w), gradient).
template <typename Scalar, typename Visit>
void forEachNonZero(const Shapes& s, const at::Tensor& activated, const float* pooled, const int64_t* indices,
                    int64_t n, int64_t begin, int64_t end, Visit&& visit) {
    const Scalar* active = activated.data_ptr<Scalar>() + n * s.height * s.width * s.outChannels;
    const int64_t windows = s.pooledHeight * s.pooledWidth;
    for (int64_t window = 0; window < windows; ++window) {
        const int64_t row = (n * windows + window) * s.outChannels;
        for (int64_t c = begin; c < end; ++c) {
            const float gradient = pooled[row + c];
            const int64_t position = indices[row + c];
            if (gradient == 0.0f || !(static_cast<float>(active[position * s.outChannels + c]) > 0.0f))
                continue;
            visit(c, position, gradient);
        }
    }
}

template <typename Scalar>
SparseGradient collectNonZero(const Shapes& s, const at::Tensor& activated, const at::Tensor& pooledGradient,
                              const at::Tensor& indices, bool byPosition) {
    SparseGradient sparse;
    const float* pooled = pooledGradient.data_ptr<float>();
    const int64_t* argmax = indices.data_ptr<int64_t>();
    const int64_t windowsPerChannel = s.windows();
    sparse.byChannel.resize(static_cast<size_t>(s.outChannels * windowsPerChannel));
    sparse.channelCount.assign(static_cast<size_t>(s.outChannels), 0);
    at::parallel_for(0, s.outChannels, 16, [&](int64_t begin, int64_t end) {
        for (int64_t n = 0; n < s.batch; ++n) {
            const int64_t imageStart = n * s.paddedHeight() * s.paddedWidth();
            forEachNonZero<Scalar>(
                s, activated, pooled, argmax, n, begin, end,
                [&](int64_t c, int64_t position, float gradient) {
                    const int64_t h = position / s.width;
                    const int64_t w = position % s.width;
                    int32_t& count = sparse.channelCount[static_cast<size_t>(c)];
                    sparse.byChannel[static_cast<size_t>(c * windowsPerChannel + count++)] = {
                        static_cast<int32_t>(imageStart + h * s.paddedWidth() + w), gradient};
                });
        }
    });
    if (!byPosition) return sparse;

    // Counting sort by position; each image's positions are its own, so images run in parallel.
    const int64_t perImage = s.height * s.width;
    std::vector<int64_t> counts(static_cast<size_t>(s.positions()), 0);
    at::parallel_for(0, s.batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t n = begin; n < end; ++n)
            forEachNonZero<Scalar>(s, activated, pooled, argmax, n, 0, s.outChannels,
                                   [&](int64_t, int64_t position, float) {
                                       ++counts[static_cast<size_t>(n * perImage + position)];
                                   });
    });
    sparse.positionStart.assign(counts.size() + 1, 0);
    for (size_t p = 0; p < counts.size(); ++p)
        sparse.positionStart[p + 1] = sparse.positionStart[p] + counts[p];
    sparse.byPosition.resize(static_cast<size_t>(sparse.positionStart.back()));
    at::parallel_for(0, s.batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t n = begin; n < end; ++n) {
            std::vector<int64_t> cursor(sparse.positionStart.begin() + n * perImage,
                                        sparse.positionStart.begin() + (n + 1) * perImage);
            forEachNonZero<Scalar>(s, activated, pooled, argmax, n, 0, s.outChannels,
                                   [&](int64_t c, int64_t position, float gradient) {
                                       sparse.byPosition[static_cast<size_t>(cursor[position]++)] = {
                                           static_cast<int32_t>(c), gradient};
                                   });
        }
    });
    return sparse;
}

// The input, zero-padded by one, in float32 chunks of 16 channels: [Cin / 16][N][H + 2][W + 2][16]. One
// chunk of every image (half a megabyte for VGG16's block5 at batch 32) stays in a core's L2 cache while the
// weight gradient of every output channel reads it.
at::Tensor paddedChunks(const at::Tensor& input, const Shapes& s) {
    const at::Tensor padded = at::constant_pad_nd(input.to(at::kFloat), {1, 1, 1, 1}, 0.0);
    return padded.reshape({s.batch, s.inChannels / kLanes, kLanes, s.paddedHeight(), s.paddedWidth()})
        .permute({1, 0, 3, 4, 2})
        .contiguous();
}

// Weight gradient of output channels [begin, end): 9 accumulators (one per kernel tap) of one 16-channel
// chunk, every non-zero entry of the channel one broadcast multiply-add into each.
__attribute__((target("avx512f"))) void weightGradientRange(const Shapes& s, const SparseGradient& sparse,
                                                            const float* chunks, float* weightGradient,
                                                            int64_t begin, int64_t end) {
    const int64_t chunkStride = s.batch * s.paddedHeight() * s.paddedWidth() * kLanes;
    int64_t tapOffset[9];
    for (int64_t tap = 0; tap < 9; ++tap) tapOffset[tap] = ((tap / 3) * s.paddedWidth() + tap % 3) * kLanes;
    for (int64_t chunk = 0; chunk < s.inChannels / kLanes; ++chunk) {
        const float* base = chunks + chunk * chunkStride;
        for (int64_t c = begin; c < end; ++c) {
            __m512 sum[9];
#pragma GCC unroll 9
            for (int tap = 0; tap < 9; ++tap) sum[tap] = _mm512_setzero_ps();
            const PatchEntry* entry = sparse.byChannel.data() + c * s.windows();
            const PatchEntry* last = entry + sparse.channelCount[static_cast<size_t>(c)];
            for (; entry != last; ++entry) {
                const float* patch = base + static_cast<int64_t>(entry->patch) * kLanes;
                const __m512 gradient = _mm512_set1_ps(entry->gradient);
#pragma GCC unroll 9
                for (int tap = 0; tap < 9; ++tap)
                    sum[tap] = _mm512_fmadd_ps(gradient, _mm512_loadu_ps(patch + tapOffset[tap]), sum[tap]);
            }
            // Channels-last weight layout: [Cout][3][3][Cin].
            float* out = weightGradient + c * 9 * s.inChannels + chunk * kLanes;
#pragma GCC unroll 9
            for (int tap = 0; tap < 9; ++tap) _mm512_storeu_ps(out + tap * s.inChannels, sum[tap]);
        }
    }
}

// Input gradient of output positions [begin, end) for one kernel tap and one chunk of Vectors x 16 input
// channels: each position gathers the non-zero entries of the position the tap reads it from.
template <int Vectors>
__attribute__((target("avx512f"))) void inputGradientRange(const Shapes& s, const SparseGradient& sparse,
                                                           const float* tapWeights, float* inputGradient,
                                                           int64_t tap, int64_t channel0, int64_t begin,
                                                           int64_t end) {
    const int64_t dy = 1 - tap / 3;
    const int64_t dx = 1 - tap % 3;
    const int64_t perImage = s.height * s.width;
    for (int64_t p = begin; p < end; ++p) {
        const int64_t y = (p % perImage) / s.width + dy;
        const int64_t x = p % s.width + dx;
        if (y < 0 || y >= s.height || x < 0 || x >= s.width) continue;
        const int64_t source = p + dy * s.width + dx;
        __m512 sum[Vectors];
#pragma GCC unroll 8
        for (int v = 0; v < Vectors; ++v) sum[v] = _mm512_setzero_ps();
        const ChannelEntry* entry =
            sparse.byPosition.data() + sparse.positionStart[static_cast<size_t>(source)];
        const ChannelEntry* last =
            sparse.byPosition.data() + sparse.positionStart[static_cast<size_t>(source + 1)];
        for (; entry != last; ++entry) {
            const float* row = tapWeights + entry->channel * s.inChannels + channel0;
            const __m512 gradient = _mm512_set1_ps(entry->gradient);
#pragma GCC unroll 8
            for (int v = 0; v < Vectors; ++v)
                sum[v] = _mm512_fmadd_ps(gradient, _mm512_loadu_ps(row + v * kLanes), sum[v]);
        }
        float* out = inputGradient + p * s.inChannels + channel0;
#pragma GCC unroll 8
        for (int v = 0; v < Vectors; ++v)
            _mm512_storeu_ps(out + v * kLanes, _mm512_add_ps(_mm512_loadu_ps(out + v * kLanes), sum[v]));
    }
}

template <int Vectors>
void inputGradient(const Shapes& s, const SparseGradient& sparse, const at::Tensor& weight, float* out) {
    // [3][3][Cout][Cin]: one tap's weights (1 MB for block5) stay in L2 while every position reads them.
    const at::Tensor taps = weight.to(at::kFloat).permute({2, 3, 0, 1}).contiguous();
    const int64_t chunk = Vectors * kLanes;
    for (int64_t tap = 0; tap < 9; ++tap) {
        const float* tapWeights = taps.data_ptr<float>() + tap * s.outChannels * s.inChannels;
        for (int64_t channel0 = 0; channel0 < s.inChannels; channel0 += chunk) {
            at::parallel_for(0, s.positions(), 64, [&](int64_t begin, int64_t end) {
                inputGradientRange<Vectors>(s, sparse, tapWeights, out, tap, channel0, begin, end);
            });
        }
    }
}

}  // namespace

bool sparsePoolBackwardSupported() { return __builtin_cpu_supports("avx512f"); }

ConvReluPoolGradients sparseConvReluPoolBackward(const at::Tensor& input, const at::Tensor& weight,
                                                 const at::Tensor& activated,
                                                 const at::Tensor& pooledGradient, const at::Tensor& indices,
                                                 bool needInputGradient) {
    const Shapes s{input.size(0), input.size(1),          weight.size(0),        input.size(2),
                   input.size(3), pooledGradient.size(2), pooledGradient.size(3)};
    TORCH_CHECK(s.inChannels % kLanes == 0, "sparse pool backward: input channels not a multiple of 16");
    TORCH_CHECK(weight.size(2) == 3 && weight.size(3) == 3, "sparse pool backward: the kernel must be 3x3");
    const auto channelsLast = at::MemoryFormat::ChannelsLast;
    const at::Tensor active = activated.contiguous(channelsLast);
    const at::Tensor pooled = pooledGradient.to(at::kFloat).contiguous(channelsLast);
    const at::Tensor argmax = indices.contiguous(channelsLast);
    const SparseGradient sparse =
        active.scalar_type() == at::kBFloat16
            ? collectNonZero<at::BFloat16>(s, active, pooled, argmax, needInputGradient)
            : collectNonZero<float>(s, active.to(at::kFloat), pooled, argmax, needInputGradient);

    ConvReluPoolGradients gradients;
    gradients.weight = at::empty({s.outChannels, s.inChannels, 3, 3},
                                 at::TensorOptions().dtype(at::kFloat).memory_format(channelsLast));
    gradients.bias = at::zeros({s.outChannels}, at::kFloat);
    float* bias = gradients.bias.data_ptr<float>();
    const at::Tensor chunks = paddedChunks(input, s);
    at::parallel_for(0, s.outChannels, 8, [&](int64_t begin, int64_t end) {
        weightGradientRange(s, sparse, chunks.data_ptr<float>(), gradients.weight.data_ptr<float>(), begin,
                            end);
        for (int64_t c = begin; c < end; ++c) {
            const PatchEntry* entry = sparse.byChannel.data() + c * s.windows();
            for (int32_t i = 0; i < sparse.channelCount[static_cast<size_t>(c)]; ++i)
                bias[c] += entry[i].gradient;
        }
    });
    if (!needInputGradient) return gradients;

    // at::zeros would drop the memory format.
    at::Tensor inputGradientFloat =
        at::empty({s.batch, s.inChannels, s.height, s.width},
                  at::TensorOptions().dtype(at::kFloat).memory_format(channelsLast))
            .zero_();
    float* out = inputGradientFloat.data_ptr<float>();
    if (s.inChannels % (8 * kLanes) == 0)
        inputGradient<8>(s, sparse, weight, out);
    else if (s.inChannels % (4 * kLanes) == 0)
        inputGradient<4>(s, sparse, weight, out);
    else if (s.inChannels % (2 * kLanes) == 0)
        inputGradient<2>(s, sparse, weight, out);
    else
        inputGradient<1>(s, sparse, weight, out);
    gradients.input = inputGradientFloat.to(input.scalar_type());
    return gradients;
}

}  // namespace tlw
