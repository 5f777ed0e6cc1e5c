#include "core/models/onednn_inference.h"

#include <ATen/ATen.h>

#include "core/models/blocked_activation.h"
#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

#include "core/models/onednn_common.h"
#include "core/models/onednn_frozen_weights.h"

namespace tlw {
namespace {

using onednn::allocate;
using onednn::anyLayout;
using onednn::Arguments;
using onednn::blockedLayout;
using onednn::Buffer;
using onednn::cpuEngine;
using onednn::dataTypeOf;
using onednn::Dims;
using onednn::inLayout;
using onednn::memory;
using onednn::over;
using onednn::primitiveAttributes;
using onednn::PrimitiveTable;
using onednn::weightsInLayout;
using onednn::weightSliceInLayout;

// The pass's two precisions: float32, and bfloat16 where the whole frozen copy runs in it (precision bf16).
bool isInferenceType(at::ScalarType type) { return type == at::kFloat || type == at::kBFloat16; }

memory::desc channelsLast(const Dims& dims, memory::data_type type) {
    return memory::desc(dims, type, memory::format_tag::nhwc);
}

bool isDenseChannelsLast(const at::Tensor& tensor) {
    return tensor.device().is_cpu() && isInferenceType(tensor.scalar_type()) && tensor.dim() == 4 &&
           tensor.is_contiguous(at::MemoryFormat::ChannelsLast);
}

// 0 where the window is larger than the padded input.
int64_t outputSide(int64_t input, int64_t kernel, int64_t stride, int64_t padding) {
    return input + padding < kernel ? 0 : (input + padding - kernel) / stride + 1;
}

struct ConvolutionShape {
    int64_t batch, inChannels, height, width, outChannels, kernelRows, kernelColumns;
    int64_t stride, padTop, padBottom, padLeft, padRight;
    bool bias, relu;
    double reluCap;
    bool blockedOutput = false;  // the result a blocked activation, else channels-last
    memory::data_type type;      // of source, weights and result (a bfloat16 kernel's bias stays float32)
    bool accumulate = false;  // adds to what the result holds (the parts of a concatenation after the first)

    auto tied() const {
        return std::tie(batch, inChannels, height, width, outChannels, kernelRows, kernelColumns, stride,
                        padTop, padBottom, padLeft, padRight, bias, relu, reluCap, blockedOutput, type,
                        accumulate);
    }
    bool operator<(const ConvolutionShape& other) const { return tied() < other.tied(); }

    Dims source() const { return {batch, inChannels, height, width}; }
    Dims destination() const {
        return {batch, outChannels, outputSide(height, kernelRows, stride, padTop + padBottom),
                outputSide(width, kernelColumns, stride, padLeft + padRight)};
    }
};

ConvolutionShape shapeOf(const at::Tensor& input, const at::Tensor& weight, const ConvolutionWindow& window,
                         bool bias, OutputRelu relu, bool blockedOutput) {
    return {input.size(0), input.size(1), input.size(2), input.size(3), weight.size(0), weight.size(2),
            weight.size(3), window.stride, window.padTop, window.padBottom, window.padLeft, window.padRight,
            bias, relu.relu, relu.relu ? relu.cap : 0.0,
            // Blocked activations are float32 (what Winograd, their only reader, computes in).
            blockedOutput && blockable(weight.size(0)) && input.scalar_type() == at::kFloat,
            dataTypeOf(input.scalar_type())};
}

using ConvolutionKernel = onednn::Kernel<dnnl::convolution_forward>;

// oneDNN's direct algorithm, source and result in channels-last as LibTorch's convolution runs them, the
// weights in the kernel's own layout; bfloat16 ones accumulate in float32, as LibTorch's do, and round once.
// A blocked result reads a planar (NCHW) source: oneDNN's kernels for a three-channel first layer (VGG16's)
// that write blocked results read planar images, and for a channels-last source it has only its reference
// kernel. Null where only a reference kernel has the layouts.
std::shared_ptr<ConvolutionKernel> makeConvolution(const ConvolutionShape& s) {
    const memory::desc bias = s.bias ? anyLayout({s.outChannels}) : memory::desc();
    const Dims weights = {s.outChannels, s.inChannels, s.kernelRows, s.kernelColumns};
    return onednn::kernelFrom<dnnl::convolution_forward>(dnnl::convolution_forward::primitive_desc(
        {dnnl::prop_kind::forward_inference,
         dnnl::algorithm::convolution_direct,
         s.blockedOutput ? memory::desc(s.source(), memory::data_type::f32, memory::format_tag::nchw)
                         : channelsLast(s.source(), s.type),
         memory::desc(weights, s.type, memory::format_tag::any),
         bias,
         s.blockedOutput ? blockedLayout(s.destination()) : channelsLast(s.destination(), s.type),
         {s.stride, s.stride},
         {s.padTop, s.padLeft},
         {s.padBottom, s.padRight}},
        primitiveAttributes(s.relu, s.reluCap, s.accumulate), cpuEngine()));
}

std::shared_ptr<ConvolutionKernel> convolutionFor(const ConvolutionShape& shape) {
    static PrimitiveTable<ConvolutionShape, ConvolutionKernel> table;
    return table.find(shape, makeConvolution);
}

struct PoolShape {
    int64_t batch, channels, height, width, kernel, stride;
    bool blocked;  // source and result blocked activations, else channels-last
    memory::data_type type;

    auto tied() const { return std::tie(batch, channels, height, width, kernel, stride, blocked, type); }
    bool operator<(const PoolShape& other) const { return tied() < other.tied(); }

    Dims destination() const {
        return {batch, channels, outputSide(height, kernel, stride, 0), outputSide(width, kernel, stride, 0)};
    }
};

// What the pooling kernels read: dense channels-last float32, or a blocked activation.
bool poolable(const at::Tensor& input) { return isDenseChannelsLast(input) || isBlockedActivation(input); }

PoolShape poolShapeOf(const at::Tensor& input, int64_t kernel, int64_t stride) {
    return {input.size(0),
            activationChannels(input),
            input.size(2),
            input.size(3),
            kernel,
            stride,
            isBlockedActivation(input),
            dataTypeOf(input.scalar_type())};
}

using PoolKernel = onednn::Kernel<dnnl::pooling_forward>;

std::shared_ptr<PoolKernel> makePool(const PoolShape& s) {
    const auto layout = [&s](const Dims& dims) {
        return s.blocked ? blockedLayout(dims) : channelsLast(dims, s.type);
    };
    return onednn::kernelFrom<dnnl::pooling_forward>(
        dnnl::pooling_forward::primitive_desc({dnnl::prop_kind::forward_inference,
                                               dnnl::algorithm::pooling_max,
                                               layout({s.batch, s.channels, s.height, s.width}),
                                               layout(s.destination()),
                                               {s.stride, s.stride},
                                               {s.kernel, s.kernel},
                                               {0, 0},
                                               {0, 0}},
                                              primitiveAttributes(false), cpuEngine()));
}

std::shared_ptr<PoolKernel> poolFor(const PoolShape& shape) {
    static PrimitiveTable<PoolShape, PoolKernel> table;
    return table.find(shape, makePool);
}

at::Tensor emptyChannelsLast(const at::Tensor& like, const Dims& sizes) {
    return at::empty(sizes, like.options().memory_format(at::MemoryFormat::ChannelsLast));
}

// Each part's convolution: its input channels of the weights; the bias in the first, which writes the result;
// the others add to it, the last applying the ReLU.
std::vector<ConvolutionShape> partShapes(const std::vector<at::Tensor>& parts, const at::Tensor& weight,
                                         bool bias, const ConvolutionWindow& window, OutputRelu relu) {
    std::vector<ConvolutionShape> shapes;
    for (size_t p = 0; p < parts.size(); ++p) {
        const bool last = p + 1 == parts.size();
        ConvolutionShape shape =
            shapeOf(parts[p], weight, window, bias && p == 0, last ? relu : OutputRelu{}, false);
        shape.accumulate = p > 0;
        shapes.push_back(shape);
    }
    return shapes;
}

// Runs the kernel over source into output (its layout the kernel's destination), adding bias (undefined:
// none) in float32 whatever the weights' type: a bfloat16 kernel adds it before rounding its result.
void execute(const ConvolutionKernel& kernel, const Buffer& source, const Buffer& weights,
             const at::Tensor& bias, const at::Tensor& output, dnnl::stream& stream) {
    const Buffer scratch = allocate(kernel.desc.scratchpad_desc());
    const Buffer result = over(output, kernel.desc.dst_desc());
    Arguments arguments{{DNNL_ARG_SRC, source.data},
                        {DNNL_ARG_WEIGHTS, weights.data},
                        {DNNL_ARG_DST, result.data},
                        {DNNL_ARG_SCRATCHPAD, scratch.data}};
    const Buffer biases = bias.defined()
                              ? inLayout(bias.to(at::kFloat).contiguous(), kernel.desc.bias_desc(), stream)
                              : Buffer{};
    if (bias.defined()) arguments.emplace(DNNL_ARG_BIAS, biases.data);
    kernel.primitive.execute(stream, arguments);
    stream.wait();  // before the buffers go
}

bool samePartShapes(const std::vector<at::Tensor>& parts) {
    for (const at::Tensor& part : parts) {
        if (!isDenseChannelsLast(part) || part.scalar_type() != parts.front().scalar_type() ||
            part.size(0) != parts.front().size(0) || part.size(2) != parts.front().size(2) ||
            part.size(3) != parts.front().size(3))
            return false;
    }
    return true;
}

}  // namespace

bool inferenceConvolutionSupported(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                                   const ConvolutionWindow& window, OutputRelu relu, bool blockedOutput) {
    if (!isDenseChannelsLast(input) || weight.scalar_type() != input.scalar_type() || weight.dim() != 4 ||
        weight.size(1) != input.size(1) || (bias.defined() && !isInferenceType(bias.scalar_type())))
        return false;
    const ConvolutionShape shape = shapeOf(input, weight, window, bias.defined(), relu, blockedOutput);
    const Dims out = shape.destination();
    return out[2] > 0 && out[3] > 0 && convolutionFor(shape) != nullptr;
}

at::Tensor inferenceConvolution(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                                const ConvolutionWindow& window, OutputRelu relu, bool blockedOutput) {
    const ConvolutionShape shape = shapeOf(input, weight, window, bias.defined(), relu, blockedOutput);
    const std::shared_ptr<ConvolutionKernel> kernel = convolutionFor(shape);
    if (!isDenseChannelsLast(input) || !kernel)
        throw Error("oneDNN has no inference convolution for this shape on this CPU");
    const Dims out = shape.destination();
    const at::Tensor output = shape.blockedOutput ? emptyBlockedActivation(out[0], out[1], out[2], out[3])
                                                  : emptyChannelsLast(input, out);
    dnnl::stream stream(cpuEngine());
    const Buffer weights = weightsInLayout(weight, kernel->desc.weights_desc(), stream);
    const Buffer source = shape.blockedOutput ? inLayout(input, kernel->desc.src_desc(), stream)
                                              : over(input, kernel->desc.src_desc());
    execute(*kernel, source, weights, bias, output, stream);
    return output;
}

bool inferenceConvolutionOfPartsSupported(const std::vector<at::Tensor>& parts, const at::Tensor& weight,
                                          const at::Tensor& bias, const ConvolutionWindow& window,
                                          OutputRelu relu) {
    if (parts.size() < 2 || !samePartShapes(parts) || weight.scalar_type() != parts.front().scalar_type() ||
        weight.dim() != 4 || (bias.defined() && !isInferenceType(bias.scalar_type())))
        return false;
    int64_t channels = 0;
    for (const at::Tensor& part : parts) channels += part.size(1);
    if (channels != weight.size(1)) return false;
    for (const ConvolutionShape& shape : partShapes(parts, weight, bias.defined(), window, relu)) {
        const Dims out = shape.destination();
        if (out[2] <= 0 || out[3] <= 0 || convolutionFor(shape) == nullptr) return false;
    }
    return true;
}

at::Tensor inferenceConvolutionOfParts(const std::vector<at::Tensor>& parts, const at::Tensor& weight,
                                       const at::Tensor& bias, const ConvolutionWindow& window,
                                       OutputRelu relu) {
    const std::vector<ConvolutionShape> shapes = partShapes(parts, weight, bias.defined(), window, relu);
    std::vector<std::shared_ptr<ConvolutionKernel>> kernels;
    for (const ConvolutionShape& shape : shapes) kernels.push_back(convolutionFor(shape));
    if (!samePartShapes(parts) || std::find(kernels.begin(), kernels.end(), nullptr) != kernels.end())
        throw Error("oneDNN has no inference convolution for these parts on this CPU");
    const at::Tensor output = emptyChannelsLast(parts.front(), shapes.front().destination());
    dnnl::stream stream(cpuEngine());
    int64_t first = 0;
    for (size_t p = 0; p < parts.size(); ++p) {
        const std::shared_ptr<ConvolutionKernel>& kernel = kernels[p];
        const onednn::InputChannels channels{first, parts[p].size(1)};
        first += channels.count;
        const Buffer weights = weightSliceInLayout(weight, channels, kernel->desc.weights_desc(), stream);
        execute(*kernel, over(parts[p], kernel->desc.src_desc()), weights, p == 0 ? bias : at::Tensor(),
                output, stream);
    }
    return output;
}

bool inferenceMaxPoolSupported(const at::Tensor& input, int64_t kernel, int64_t stride) {
    if (!poolable(input) || kernel < 1 || stride < 1) return false;
    const PoolShape shape = poolShapeOf(input, kernel, stride);
    const Dims out = shape.destination();
    return out[2] > 0 && out[3] > 0 && poolFor(shape) != nullptr;
}

at::Tensor inferenceMaxPool(const at::Tensor& input, int64_t kernel, int64_t stride) {
    const PoolShape shape = poolShapeOf(input, kernel, stride);
    const std::shared_ptr<PoolKernel> pool = poolFor(shape);
    if (!poolable(input) || !pool)
        throw Error("oneDNN has no inference max pooling for this shape on this CPU");
    const Dims out = shape.destination();
    const at::Tensor output = shape.blocked ? emptyBlockedActivation(out[0], out[1], out[2], out[3])
                                            : emptyChannelsLast(input, out);
    dnnl::stream stream(cpuEngine());
    const Buffer scratch = allocate(pool->desc.scratchpad_desc());
    const Buffer source = over(input, pool->desc.src_desc());
    const Buffer result = over(output, pool->desc.dst_desc());
    pool->primitive.execute(
        stream,
        {{DNNL_ARG_SRC, source.data}, {DNNL_ARG_DST, result.data}, {DNNL_ARG_SCRATCHPAD, scratch.data}});
    stream.wait();
    return output;
}

}  // namespace tlw

#else  // no oneDNN headers at build time: LibTorch's own layers everywhere

namespace tlw {

bool inferenceConvolutionSupported(const at::Tensor&, const at::Tensor&, const at::Tensor&,
                                   const ConvolutionWindow&, OutputRelu, bool) {
    return false;
}

at::Tensor inferenceConvolution(const at::Tensor&, const at::Tensor&, const at::Tensor&,
                                const ConvolutionWindow&, OutputRelu, bool) {
    throw Error("this build has no oneDNN inference convolutions");
}

bool inferenceConvolutionOfPartsSupported(const std::vector<at::Tensor>&, const at::Tensor&,
                                          const at::Tensor&, const ConvolutionWindow&, OutputRelu) {
    return false;
}

at::Tensor inferenceConvolutionOfParts(const std::vector<at::Tensor>&, const at::Tensor&, const at::Tensor&,
                                       const ConvolutionWindow&, OutputRelu) {
    throw Error("this build has no oneDNN inference convolutions");
}

bool inferenceMaxPoolSupported(const at::Tensor&, int64_t, int64_t) { return false; }

at::Tensor inferenceMaxPool(const at::Tensor&, int64_t, int64_t) {
    throw Error("this build has no oneDNN inference max pooling");
}

}  // namespace tlw

#endif
