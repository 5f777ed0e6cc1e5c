#include "core/models/winograd_bf16_tiles.h"

// Built only with oneDNN (the CMakeLists defines TLW_HAVE_ONEDNN here): its callers are.
#ifdef TLW_HAVE_ONEDNN

#include <immintrin.h>

namespace tlw::bf16winograd {
namespace {

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

struct TilePosition {
    int64_t image, row, column;  // the tile's top-left output pixel
};

TilePosition tileAt(const Geometry& g, int64_t tile) {
    const int64_t perImage = g.tileRows() * g.tileColumns();
    const int64_t within = tile % perImage;
    return {tile / perImage, within / g.tileColumns() * 2, within % g.tileColumns() * 2};
}

// The row (and column) a point's index i is stored at.
struct SlotOrder {
    int64_t of[4];
};

SlotOrder slotOrder(Slots slots) {
    return slots == Slots::Flipped ? SlotOrder{{3, 1, 2, 0}} : SlotOrder{{0, 1, 2, 3}};
}

// The pixel of image `image` at (y, x), or null outside the image (read as zero).
const uint16_t* pixelAt(const Geometry& g, const uint16_t* data, int64_t channels, int64_t image, int64_t y,
                        int64_t x) {
    const bool inside = y >= 0 && y < g.height && x >= 0 && x < g.width;
    return inside ? data + ((image * g.height + y) * g.width + x) * channels : nullptr;
}

}  // namespace

TLW_BF16_TARGET void inputTransform(const Geometry& g, const uint16_t* input, uint16_t* v, int64_t chunk,
                                    int64_t first, int64_t begin, int64_t end, Slots slots) {
    const __m512 zero = _mm512_setzero_ps();
    const SlotOrder slot = slotOrder(slots);
    const int64_t plane = chunk * g.inChannels;
    for (int64_t tile = begin; tile < end; ++tile) {
        const TilePosition at = tileAt(g, first + tile);
        const uint16_t* pixel[4][4];
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j)
                pixel[i][j] = pixelAt(g, input, g.inChannels, at.image, at.row - 1 + i, at.column - 1 + j);
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
                uint16_t* row = out + slot.of[i] * 4 * plane + c;
                storeBf16(row + slot.of[0] * plane, _mm512_sub_ps(t[i][0], t[i][2]));
                storeBf16(row + slot.of[1] * plane, _mm512_add_ps(t[i][1], t[i][2]));
                storeBf16(row + slot.of[2] * plane, _mm512_sub_ps(t[i][2], t[i][1]));
                storeBf16(row + slot.of[3] * plane, _mm512_sub_ps(t[i][1], t[i][3]));
            }
        }
    }
}

TLW_BF16_TARGET void outputTransform(const Geometry& g, const float* m, const float* bias, bool relu,
                                     uint16_t* output, int64_t chunk, int64_t first, int64_t begin,
                                     int64_t end, Slots slots) {
    const __m512 zero = _mm512_setzero_ps();
    const SlotOrder slot = slotOrder(slots);
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
                const float* column = in + slot.of[j] * plane + k;
                const __m512 m0 = _mm512_loadu_ps(column + slot.of[0] * 4 * plane);
                const __m512 m1 = _mm512_loadu_ps(column + slot.of[1] * 4 * plane);
                const __m512 m2 = _mm512_loadu_ps(column + slot.of[2] * 4 * plane);
                const __m512 m3 = _mm512_loadu_ps(column + slot.of[3] * 4 * plane);
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

TLW_BF16_TARGET void gradientTransform(const Geometry& g, const uint16_t* gradient, uint16_t* out,
                                       int64_t chunk, int64_t first, int64_t begin, int64_t end) {
    const __m512 zero = _mm512_setzero_ps();
    const int64_t channels = g.outChannels;
    const int64_t plane = chunk * channels;
    for (int64_t tile = begin; tile < end; ++tile) {
        const TilePosition at = tileAt(g, first + tile);
        const uint16_t* pixel[2][2];
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j)
                pixel[i][j] = pixelAt(g, gradient, channels, at.image, at.row + i, at.column + j);
        uint16_t* tileOut = out + tile * channels;
        for (int64_t c = 0; c < channels; c += kLanes) {
            __m512 dy[2][2];
            for (int i = 0; i < 2; ++i)
                for (int j = 0; j < 2; ++j) dy[i][j] = pixel[i][j] ? loadBf16(pixel[i][j] + c) : zero;
            __m512 a[4][2];  // A dy, A = [1 0; 1 1; 1 -1; 0 -1]
            for (int j = 0; j < 2; ++j) {
                a[0][j] = dy[0][j];
                a[1][j] = _mm512_add_ps(dy[0][j], dy[1][j]);
                a[2][j] = _mm512_sub_ps(dy[0][j], dy[1][j]);
                a[3][j] = _mm512_sub_ps(zero, dy[1][j]);
            }
            for (int i = 0; i < 4; ++i) {  // (A dy) A^T
                uint16_t* row = tileOut + i * 4 * plane + c;
                storeBf16(row, a[i][0]);
                storeBf16(row + plane, _mm512_add_ps(a[i][0], a[i][1]));
                storeBf16(row + 2 * plane, _mm512_sub_ps(a[i][0], a[i][1]));
                storeBf16(row + 3 * plane, _mm512_sub_ps(zero, a[i][1]));
            }
        }
    }
}

TLW_BF16_TARGET void weightTransform(const float* weights, uint16_t* u, int64_t inChannels,
                                     int64_t outChannels, int64_t begin, int64_t end) {
    const __m512 half = _mm512_set1_ps(0.5f);
    const int64_t plane = outChannels * inChannels;
    for (int64_t o = begin; o < end; ++o) {
        const float* kernel = weights + o * 9 * inChannels;
        for (int64_t c = 0; c < inChannels; c += kLanes) {
            __m512 t[4][3];  // G g: its rows from g's
            for (int x = 0; x < 3; ++x) {
                const __m512 g0 = _mm512_loadu_ps(kernel + x * inChannels + c);
                const __m512 g1 = _mm512_loadu_ps(kernel + (3 + x) * inChannels + c);
                const __m512 g2 = _mm512_loadu_ps(kernel + (6 + x) * inChannels + c);
                t[0][x] = g0;
                t[1][x] = _mm512_mul_ps(half, _mm512_add_ps(_mm512_add_ps(g0, g1), g2));
                t[2][x] = _mm512_mul_ps(half, _mm512_add_ps(_mm512_sub_ps(g0, g1), g2));
                t[3][x] = g2;
            }
            for (int i = 0; i < 4; ++i) {  // (G g) G^T
                uint16_t* row = u + (i * 4 * plane) + o * inChannels + c;
                storeBf16(row, t[i][0]);
                storeBf16(row + plane,
                          _mm512_mul_ps(half, _mm512_add_ps(_mm512_add_ps(t[i][0], t[i][1]), t[i][2])));
                storeBf16(row + 2 * plane,
                          _mm512_mul_ps(half, _mm512_add_ps(_mm512_sub_ps(t[i][0], t[i][1]), t[i][2])));
                storeBf16(row + 3 * plane, t[i][2]);
            }
        }
    }
}

TLW_BF16_TARGET void weightGradientTransform(const float* products, float* gradient, int64_t inChannels,
                                             int64_t outChannels, int64_t begin, int64_t end) {
    const __m512 half = _mm512_set1_ps(0.5f);
    const int64_t plane = outChannels * inChannels;
    for (int64_t o = begin; o < end; ++o) {
        float* kernel = gradient + o * 9 * inChannels;
        for (int64_t c = 0; c < inChannels; c += kLanes) {
            __m512 q[3][4];  // G^T P, G^T = [1 1/2 1/2 0; 0 1/2 -1/2 0; 0 1/2 1/2 1]
            for (int j = 0; j < 4; ++j) {
                const float* column = products + j * plane + o * inChannels + c;
                const __m512 p0 = _mm512_loadu_ps(column);
                const __m512 p1 = _mm512_loadu_ps(column + 4 * plane);
                const __m512 p2 = _mm512_loadu_ps(column + 8 * plane);
                const __m512 p3 = _mm512_loadu_ps(column + 12 * plane);
                const __m512 sum = _mm512_mul_ps(half, _mm512_add_ps(p1, p2));
                q[0][j] = _mm512_add_ps(p0, sum);
                q[1][j] = _mm512_mul_ps(half, _mm512_sub_ps(p1, p2));
                q[2][j] = _mm512_add_ps(sum, p3);
            }
            for (int y = 0; y < 3; ++y) {  // (G^T P) G
                const __m512 sum = _mm512_mul_ps(half, _mm512_add_ps(q[y][1], q[y][2]));
                float* row = kernel + y * 3 * inChannels + c;
                _mm512_storeu_ps(row, _mm512_add_ps(q[y][0], sum));
                _mm512_storeu_ps(row + inChannels, _mm512_mul_ps(half, _mm512_sub_ps(q[y][1], q[y][2])));
                _mm512_storeu_ps(row + 2 * inChannels, _mm512_add_ps(sum, q[y][3]));
            }
        }
    }
}

#pragma GCC diagnostic pop

bool cpuHasBf16DotProducts() {
    // With AMX, oneDNN's direct bf16 kernels compute on its tiles at several times the AVX-512 rate; whether
    // Winograd's smaller products and AVX-512 transforms still win there is unmeasured, so those CPUs keep
    // them.
    static const bool has = __builtin_cpu_supports("avx512bf16") && __builtin_cpu_supports("avx512bw") &&
                            !__builtin_cpu_supports("amx-bf16");
    return has;
}

}  // namespace tlw::bf16winograd

#endif  // TLW_HAVE_ONEDNN
