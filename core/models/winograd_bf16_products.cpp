#include "core/models/winograd_bf16_products.h"

// Built only with oneDNN (the CMakeLists defines TLW_HAVE_ONEDNN here): its callers are.
#ifdef TLW_HAVE_ONEDNN

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <tuple>

#include "core/models/onednn_common.h"
#include "core/util/error.h"

namespace tlw::bf16winograd {
namespace {

using namespace onednn;

// Below it oneDNN's direct bf16 kernels were faster (VGG16 at 224x224, batch 16, per layer: 64 input channels
// 2.0x slower, 128 1.06-1.7x slower; 256 and 512 1.13-1.34x faster).
constexpr int64_t kFewestInputChannels = 256;

// A convolution's chunk of tiles: its transformed inputs and float32 products (16 x tiles x channels each)
// stay within this, so the output transform reads them from the cache the product wrote them to.
constexpr int64_t kConvolutionChunkBytes = int64_t{12} << 20;
// A kernel gradient's chunk: each chunk's products are added into the whole 16 x Cout x Cin float32 sum
// (16 MiB for 512 channels), so chunks are as large as memory comfortably allows.
constexpr int64_t kGradientChunkBytes = int64_t{64} << 20;

// Tiles per chunk for bytesPerTile: a multiple of 16, at least 64, at most all of them.
int64_t chunkOf(const Geometry& g, int64_t bytesPerTile, int64_t budget) {
    return std::min(g.tiles(), std::max<int64_t>(64, budget / bytesPerTile / 16 * 16));
}

int64_t convolutionChunk(const Geometry& g) {
    return chunkOf(g, kPoints * (2 * g.inChannels + 4 * g.outChannels), kConvolutionChunkBytes);
}

int64_t gradientChunk(const Geometry& g) {
    return chunkOf(g, kPoints * 2 * (g.inChannels + g.outChannels), kGradientChunkBytes);
}

// The 16 products M[p] = L[p] R[p] of one chunk, L: rows x depth, R: depth x columns, each bfloat16 and
// stored transposed where said; M float32, added to what it holds where accumulate.
struct ProductShape {
    int64_t rows, depth, columns;
    bool leftTransposed, rightTransposed, accumulate;
    auto key() const {
        return std::make_tuple(rows, depth, columns, leftTransposed, rightTransposed, accumulate);
    }
    bool operator<(const ProductShape& other) const { return key() < other.key(); }
};

using MatmulKernel = Kernel<dnnl::matmul>;

memory::desc operand(int64_t outer, int64_t inner, bool transposed, memory::data_type type) {
    if (!transposed) return memory::desc({kPoints, outer, inner}, type, memory::format_tag::abc);
    return memory::desc({kPoints, outer, inner}, type, memory::format_tag::acb);
}

std::shared_ptr<MatmulKernel> makeMatmul(const ProductShape& shape) {
    const auto bf16 = memory::data_type::bf16;
    const memory::desc left = operand(shape.rows, shape.depth, shape.leftTransposed, bf16);
    const memory::desc right = operand(shape.depth, shape.columns, shape.rightTransposed, bf16);
    const memory::desc products = operand(shape.rows, shape.columns, false, memory::data_type::f32);
    dnnl::primitive_attr attributes = primitiveAttributes(false);
    if (shape.accumulate) {
        dnnl::post_ops operations;
        operations.append_sum(1.0f);
        attributes.set_post_ops(operations);
    }
    return kernelFrom<dnnl::matmul>(
        dnnl::matmul::primitive_desc(dnnl::matmul::desc(left, right, products), attributes, cpuEngine()));
}

std::shared_ptr<MatmulKernel> matmulFor(const ProductShape& shape) {
    static PrimitiveTable<ProductShape, MatmulKernel> table;
    return table.find(shape, makeMatmul);
}

std::shared_ptr<MatmulKernel> requireMatmul(const ProductShape& shape) {
    std::shared_ptr<MatmulKernel> kernel = matmulFor(shape);
    if (!kernel) throw Error("oneDNN has no bf16 matrix product for this shape on this CPU");
    return kernel;
}

void multiply(const MatmulKernel& kernel, const at::Tensor& left, const at::Tensor& right,
              const at::Tensor& products, dnnl::stream& stream) {
    const Buffer scratch = allocate(kernel.desc.scratchpad_desc());
    kernel.primitive.execute(stream, {{DNNL_ARG_SRC, over(left, kernel.desc.src_desc()).data},
                                      {DNNL_ARG_WEIGHTS, over(right, kernel.desc.weights_desc()).data},
                                      {DNNL_ARG_DST, over(products, kernel.desc.dst_desc()).data},
                                      {DNNL_ARG_SCRATCHPAD, scratch.data}});
    stream.wait();
}

ProductShape convolutionProduct(const Geometry& g, int64_t tiles, WeightOrder order) {
    return {tiles, g.inChannels, g.outChannels, false, order == WeightOrder::NByK, false};
}

// The kernel gradient's product for a chunk: (A dy A^T)^T V, Cout x tiles times tiles x Cin.
ProductShape gradientProduct(const Geometry& g, int64_t tiles, bool accumulate) {
    return {g.outChannels, tiles, g.inChannels, true, false, accumulate};
}

const uint16_t* bits(const at::Tensor& tensor) {
    return reinterpret_cast<const uint16_t*>(tensor.data_ptr());
}

uint16_t* mutableBits(const at::Tensor& tensor) { return reinterpret_cast<uint16_t*>(tensor.data_ptr()); }

at::Tensor scratchTensor(std::initializer_list<int64_t> sizes, at::ScalarType type) {
    return at::empty(sizes, at::TensorOptions().dtype(type));
}

}  // namespace

bool tilesFit(const at::Tensor& input, const at::Tensor& weight) {
    if (input.dim() != 4 || weight.dim() != 4 || weight.size(2) != 3 || weight.size(3) != 3 ||
        weight.size(1) != input.size(1))
        return false;
    const int64_t in = input.size(1);
    return in >= kFewestInputChannels && in % kLanes == 0 && weight.size(0) % kLanes == 0;
}

Geometry geometryOf(const at::Tensor& input, const at::Tensor& weight) {
    return {input.size(0), input.size(2), input.size(3), input.size(1), weight.size(0)};
}

bool convolutionSupported(const Geometry& g, WeightOrder order) {
    return matmulFor(convolutionProduct(g, convolutionChunk(g), order)) != nullptr;
}

at::Tensor convolveTiles(const at::Tensor& input, const at::Tensor& u, WeightOrder order, int64_t n,
                         const at::Tensor& bias, bool relu, Slots slots) {
    const Geometry g{input.size(0), input.size(2), input.size(3), input.size(1), n};
    at::Tensor output = at::empty({g.batch, n, g.height, g.width},
                                  input.options().memory_format(at::MemoryFormat::ChannelsLast));
    const int64_t chunk = convolutionChunk(g);
    const at::Tensor v = scratchTensor({kPoints, chunk, g.inChannels}, at::kBFloat16);
    const at::Tensor m = scratchTensor({kPoints, chunk, n}, at::kFloat);
    const float* biases = bias.defined() ? bias.data_ptr<float>() : nullptr;
    dnnl::stream stream(cpuEngine());
    for (int64_t first = 0; first < g.tiles(); first += chunk) {
        const int64_t tiles = std::min(chunk, g.tiles() - first);
        const std::shared_ptr<MatmulKernel> kernel = requireMatmul(convolutionProduct(g, tiles, order));
        at::parallel_for(0, tiles, 8, [&](int64_t begin, int64_t end) {
            inputTransform(g, bits(input), mutableBits(v), tiles, first, begin, end, slots);
        });
        multiply(*kernel, v, u, m, stream);
        at::parallel_for(0, tiles, 8, [&](int64_t begin, int64_t end) {
            outputTransform(g, m.data_ptr<float>(), biases, relu, mutableBits(output), tiles, first, begin,
                            end, slots);
        });
    }
    return output;
}

at::Tensor transformWeights(const at::Tensor& weight) {
    const at::Tensor kernel = weight.to(at::kFloat).contiguous(at::MemoryFormat::ChannelsLast);
    const int64_t out = weight.size(0);
    const int64_t in = weight.size(1);
    at::Tensor u = scratchTensor({kPoints, out, in}, at::kBFloat16);
    at::parallel_for(0, out, 16, [&](int64_t begin, int64_t end) {
        weightTransform(kernel.data_ptr<float>(), mutableBits(u), in, out, begin, end);
    });
    return u;
}

bool kernelGradientSupported(const Geometry& g) {
    const int64_t chunk = gradientChunk(g);
    return matmulFor(gradientProduct(g, chunk, false)) != nullptr &&
           matmulFor(gradientProduct(g, chunk, true)) != nullptr;
}

at::Tensor kernelGradient(const at::Tensor& input, const at::Tensor& outputGradient) {
    const Geometry g{input.size(0), input.size(2), input.size(3), input.size(1), outputGradient.size(1)};
    const int64_t chunk = gradientChunk(g);
    const at::Tensor v = scratchTensor({kPoints, chunk, g.inChannels}, at::kBFloat16);
    const at::Tensor dy = scratchTensor({kPoints, chunk, g.outChannels}, at::kBFloat16);
    const at::Tensor sums = scratchTensor({kPoints, g.outChannels, g.inChannels}, at::kFloat);
    dnnl::stream stream(cpuEngine());
    for (int64_t first = 0; first < g.tiles(); first += chunk) {
        const int64_t tiles = std::min(chunk, g.tiles() - first);
        const std::shared_ptr<MatmulKernel> kernel = requireMatmul(gradientProduct(g, tiles, first > 0));
        at::parallel_for(0, tiles, 8, [&](int64_t begin, int64_t end) {
            inputTransform(g, bits(input), mutableBits(v), tiles, first, begin, end, Slots::Plain);
            gradientTransform(g, bits(outputGradient), mutableBits(dy), tiles, first, begin, end);
        });
        multiply(*kernel, dy, v, sums, stream);
    }
    at::Tensor gradient =
        at::empty({g.outChannels, g.inChannels, 3, 3},
                  at::TensorOptions().dtype(at::kFloat).memory_format(at::MemoryFormat::ChannelsLast));
    at::parallel_for(0, g.outChannels, 16, [&](int64_t begin, int64_t end) {
        weightGradientTransform(sums.data_ptr<float>(), gradient.data_ptr<float>(), g.inChannels,
                                g.outChannels, begin, end);
    });
    return gradient;
}

}  // namespace tlw::bf16winograd

#endif  // TLW_HAVE_ONEDNN
