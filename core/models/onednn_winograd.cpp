#include "core/models/onednn_winograd.h"

#include <ATen/ATen.h>

#include "core/models/blocked_activation.h"
#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include <algorithm>
#include <memory>
#include <tuple>

#include "core/models/onednn_common.h"
#include "core/models/onednn_frozen_weights.h"

namespace tlw {
namespace {

using onednn::activationLayout;
using onednn::allocate;
using onednn::anyLayout;
using onednn::Arguments;
using onednn::Buffer;
using onednn::copyInto;
using onednn::cpuEngine;
using onednn::Dims;
using onednn::inLayout;
using onednn::memory;
using onednn::over;
using onednn::primitiveAttributes;
using onednn::PrimitiveTable;
using onednn::weightsInLayout;

struct Shape {
    int64_t batch, inChannels, outChannels, height, width;
    bool bias;
    bool relu = false;  // ReLU applied to the output inside the kernel (forward only)
    bool operator<(const Shape& other) const {
        return std::tie(batch, inChannels, outChannels, height, width, bias, relu) <
               std::tie(other.batch, other.inChannels, other.outChannels, other.height, other.width,
                        other.bias, other.relu);
    }
};

// One shape's three kernels. The scratchpad is the caller's (one per call), so that two threads may run the
// same kernel at once whatever oneDNN's build does with its own scratchpad.
struct WinogradKernels {
    dnnl::convolution_forward::primitive_desc forwardDesc;
    dnnl::convolution_backward_data::primitive_desc backwardDataDesc;
    dnnl::convolution_backward_weights::primitive_desc backwardWeightsDesc;
    dnnl::convolution_forward forward;
    dnnl::convolution_backward_data backwardData;
    dnnl::convolution_backward_weights backwardWeights;
};

// Throws dnnl::error where oneDNN has no Winograd kernel for the shape on this CPU. A ReLU shape is for
// inference: it gets no backward kernels.
std::shared_ptr<WinogradKernels> makeKernels(const Shape& s) {
    const Dims source{s.batch, s.inChannels, s.height, s.width};
    const Dims weights{s.outChannels, s.inChannels, 3, 3};
    const Dims destination{s.batch, s.outChannels, s.height, s.width};
    const Dims strides{1, 1};
    const Dims padding{1, 1};
    const auto winograd = dnnl::algorithm::convolution_winograd;
    const memory::desc bias = s.bias ? anyLayout({s.outChannels}) : memory::desc();
    dnnl::engine& engine = cpuEngine();
    auto kernels = std::make_shared<WinogradKernels>();
    kernels->forwardDesc = dnnl::convolution_forward::primitive_desc(
        {dnnl::prop_kind::forward_training, winograd, anyLayout(source), anyLayout(weights), bias,
         anyLayout(destination), strides, padding, padding},
        primitiveAttributes(s.relu), engine);
    kernels->forward = dnnl::convolution_forward(kernels->forwardDesc);
    if (s.relu) return kernels;
    kernels->backwardDataDesc = dnnl::convolution_backward_data::primitive_desc(
        {winograd, anyLayout(source), anyLayout(weights), anyLayout(destination), strides, padding, padding},
        primitiveAttributes(false), engine, kernels->forwardDesc);
    kernels->backwardWeightsDesc = dnnl::convolution_backward_weights::primitive_desc(
        {winograd, anyLayout(source), anyLayout(weights), bias, anyLayout(destination), strides, padding,
         padding},
        primitiveAttributes(false), engine, kernels->forwardDesc);
    kernels->backwardData = dnnl::convolution_backward_data(kernels->backwardDataDesc);
    kernels->backwardWeights = dnnl::convolution_backward_weights(kernels->backwardWeightsDesc);
    return kernels;
}

std::shared_ptr<WinogradKernels> kernelsFor(const Shape& shape) {
    static PrimitiveTable<Shape, WinogradKernels> table;
    return table.find(shape, makeKernels);
}

Shape shapeOf(const at::Tensor& input, const at::Tensor& weight, bool bias) {
    return {input.size(0), activationChannels(input), weight.size(0), input.size(2), input.size(3), bias};
}

WinogradKernels& requireKernels(const Shape& shape) {
    const std::shared_ptr<WinogradKernels> kernels = kernelsFor(shape);
    if (!kernels) throw Error("oneDNN has no Winograd convolution for this shape on this CPU");
    return *kernels;
}

// A blocked activation is dense already (and its five dimensions name no memory format).
at::Tensor dense(const at::Tensor& tensor) {
    return isBlockedActivation(tensor) ? tensor : tensor.contiguous(tensor.suggest_memory_format());
}

// An ordinary tensor in the memory format of tensor (channels-last for a blocked activation).
at::Tensor emptyLike(const at::Tensor& tensor, at::IntArrayRef sizes) {
    const at::MemoryFormat format =
        isBlockedActivation(tensor) ? at::MemoryFormat::ChannelsLast : tensor.suggest_memory_format();
    return at::empty(sizes, tensor.options().memory_format(format));
}

// Images per kernel call: the blocked copies of a chunk's input and output stay within 32 MB, so that the
// first layers of a pass (VGG16's 224x224x64 map is 12.8 MB an image) hold no whole extra copies of a
// batch's activations; at 14x14 a whole batch of 32 is one chunk.
constexpr int64_t kChunkBytes = int64_t{32} << 20;

int64_t chunkImages(const at::Tensor& input, const at::Tensor& weight) {
    const int64_t channels = std::max(activationChannels(input), weight.size(0));
    const int64_t perImage = channels * input.size(2) * input.size(3) * int64_t{4};
    return std::clamp<int64_t>(kChunkBytes / perImage, 1, input.size(0));
}

// Calls body(start, count) for consecutive chunks of the batch.
template <class Body>
void forEachChunk(const at::Tensor& input, const at::Tensor& weight, Body body) {
    const int64_t batch = input.size(0);
    const int64_t chunk = chunkImages(input, weight);
    for (int64_t start = 0; start < batch; start += chunk) body(start, std::min(chunk, batch - start));
}

void forwardChunk(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias, bool relu,
                  const at::Tensor& output, dnnl::stream& stream) {
    Shape shape = shapeOf(input, weight, bias.defined());
    shape.relu = relu;
    if (relu && !kernelsFor(shape)) {  // no fused kernel: the ReLU after it
        forwardChunk(input, weight, bias, false, output, stream);
        output.relu_();
        return;
    }
    WinogradKernels& kernels = requireKernels(shape);
    const auto& desc = kernels.forwardDesc;
    const Buffer source = inLayout(input, desc.src_desc(), stream);
    const Buffer weights = weightsInLayout(weight, desc.weights_desc(), stream);
    // Straight into the output where it is in the kernel's layout (a blocked activation).
    const bool direct = activationLayout(output) == desc.dst_desc();
    const Buffer result = direct ? over(output, desc.dst_desc()) : allocate(desc.dst_desc());
    const Buffer scratch = allocate(desc.scratchpad_desc());
    Arguments arguments{{DNNL_ARG_SRC, source.data},
                        {DNNL_ARG_WEIGHTS, weights.data},
                        {DNNL_ARG_DST, result.data},
                        {DNNL_ARG_SCRATCHPAD, scratch.data}};
    const Buffer biases = bias.defined() ? inLayout(bias, desc.bias_desc(), stream) : Buffer{};
    if (bias.defined()) arguments.emplace(DNNL_ARG_BIAS, biases.data);
    kernels.forward.execute(stream, arguments);
    if (!direct) copyInto(result.data, output, stream);
    stream.wait();  // before the buffers go
}

void inputGradientChunk(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& outputGradient,
                        const at::Tensor& inputGradient, dnnl::stream& stream) {
    WinogradKernels& kernels = requireKernels(shapeOf(input, weight, false));
    const auto& desc = kernels.backwardDataDesc;
    const Buffer gradient = inLayout(outputGradient, desc.diff_dst_desc(), stream);
    const Buffer weights = inLayout(weight, desc.weights_desc(), stream);
    const Buffer result = allocate(desc.diff_src_desc());
    const Buffer scratch = allocate(desc.scratchpad_desc());
    kernels.backwardData.execute(stream, {{DNNL_ARG_DIFF_DST, gradient.data},
                                          {DNNL_ARG_WEIGHTS, weights.data},
                                          {DNNL_ARG_DIFF_SRC, result.data},
                                          {DNNL_ARG_SCRATCHPAD, scratch.data}});
    copyInto(result.data, inputGradient, stream);
    stream.wait();
}

// A chunk's weight gradient, and its bias gradient where withBias: oneDNN computes both in one pass.
WinogradGradients parameterGradientChunk(const at::Tensor& input, const at::Tensor& weight,
                                         const at::Tensor& outputGradient, bool withBias,
                                         dnnl::stream& stream) {
    WinogradKernels& kernels = requireKernels(shapeOf(input, weight, withBias));
    const auto& desc = kernels.backwardWeightsDesc;
    const Buffer source = inLayout(input, desc.src_desc(), stream);
    const Buffer gradient = inLayout(outputGradient, desc.diff_dst_desc(), stream);
    const Buffer weightResult = allocate(desc.diff_weights_desc());
    const Buffer biasResult = withBias ? allocate(desc.diff_bias_desc()) : Buffer{};
    const Buffer scratch = allocate(desc.scratchpad_desc());
    Arguments arguments{{DNNL_ARG_SRC, source.data},
                        {DNNL_ARG_DIFF_DST, gradient.data},
                        {DNNL_ARG_DIFF_WEIGHTS, weightResult.data},
                        {DNNL_ARG_SCRATCHPAD, scratch.data}};
    if (withBias) arguments.emplace(DNNL_ARG_DIFF_BIAS, biasResult.data);
    kernels.backwardWeights.execute(stream, arguments);
    WinogradGradients gradients;
    gradients.weight = emptyLike(weight, weight.sizes());
    copyInto(weightResult.data, gradients.weight, stream);
    if (withBias) {
        gradients.bias = at::empty({weight.size(0)}, weight.options());
        copyInto(biasResult.data, gradients.bias, stream);
    }
    stream.wait();
    return gradients;
}

// Sums a chunk's parameter gradients into the batch's.
void accumulate(WinogradGradients& total, const WinogradGradients& chunk) {
    if (!total.weight.defined()) {
        total.weight = chunk.weight;
        total.bias = chunk.bias;
        return;
    }
    total.weight.add_(chunk.weight);
    if (total.bias.defined()) total.bias.add_(chunk.bias);
}

}  // namespace

bool winogradSupported(const at::Tensor& input, const at::Tensor& weight) {
    if (!input.device().is_cpu() || input.scalar_type() != at::kFloat || weight.scalar_type() != at::kFloat)
        return false;
    if ((input.dim() != 4 && !isBlockedActivation(input)) || weight.dim() != 4 || weight.size(2) != 3 ||
        weight.size(3) != 3 || weight.size(1) != activationChannels(input))
        return false;
    // The shapes the chunks will run: the whole chunks and the rest.
    const int64_t chunk = chunkImages(input, weight);
    const int64_t rest = input.size(0) % chunk;
    Shape shape = shapeOf(input, weight, true);
    shape.batch = chunk;
    if (!kernelsFor(shape)) return false;
    shape.batch = rest;
    return rest == 0 || kernelsFor(shape) != nullptr;
}

at::Tensor winogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                           bool relu, bool blockedOutput) {
    const at::Tensor x = dense(input);
    const at::Tensor w = dense(weight);
    const at::Tensor b = bias.defined() ? bias.contiguous() : bias;
    const int64_t channels = w.size(0);
    const at::Tensor output = blockedOutput && blockable(channels)
                                  ? emptyBlockedActivation(x.size(0), channels, x.size(2), x.size(3))
                                  : emptyLike(x, {x.size(0), channels, x.size(2), x.size(3)});
    dnnl::stream stream(cpuEngine());
    forEachChunk(x, w, [&](int64_t start, int64_t count) {
        forwardChunk(x.narrow(0, start, count), w, b, relu, output.narrow(0, start, count), stream);
    });
    return output;
}

WinogradGradients winogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                   const at::Tensor& outputGradient, WinogradNeeds needs) {
    const at::Tensor x = dense(input);
    const at::Tensor w = dense(weight);
    const at::Tensor dy = dense(outputGradient);
    WinogradGradients gradients;
    if (needs.input) gradients.input = emptyLike(x, x.sizes());
    dnnl::stream stream(cpuEngine());
    forEachChunk(x, w, [&](int64_t start, int64_t count) {
        const at::Tensor images = x.narrow(0, start, count);
        const at::Tensor imageGradients = dy.narrow(0, start, count);
        if (needs.input)
            inputGradientChunk(images, w, imageGradients, gradients.input.narrow(0, start, count), stream);
        if (needs.weight || needs.bias)
            accumulate(gradients, parameterGradientChunk(images, w, imageGradients, needs.bias, stream));
    });
    return gradients;
}

}  // namespace tlw

#else  // no oneDNN headers at build time: LibTorch's own convolutions everywhere

namespace tlw {

bool winogradSupported(const at::Tensor&, const at::Tensor&) { return false; }

at::Tensor winogradForward(const at::Tensor&, const at::Tensor&, const at::Tensor&, bool, bool) {
    throw Error("this build has no oneDNN Winograd convolutions");
}

WinogradGradients winogradBackward(const at::Tensor&, const at::Tensor&, const at::Tensor&, WinogradNeeds) {
    throw Error("this build has no oneDNN Winograd convolutions");
}

}  // namespace tlw

#endif
