#include "core/models/onednn_winograd.h"

#include <ATen/ATen.h>

#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include <map>
#include <memory>
#include <mutex>
#include <oneapi/dnnl/dnnl.hpp>
#include <tuple>
#include <unordered_map>

namespace tlw {
namespace {

using dnnl::memory;
using Dims = memory::dims;
using Arguments = std::unordered_map<int, memory>;

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

struct Shape {
    int64_t batch, inChannels, outChannels, height, width;
    bool bias;
    bool operator<(const Shape& other) const {
        return std::tie(batch, inChannels, outChannels, height, width, bias) <
               std::tie(other.batch, other.inChannels, other.outChannels, other.height, other.width,
                        other.bias);
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

memory::desc anyLayout(const Dims& dims) {
    return memory::desc(dims, memory::data_type::f32, memory::format_tag::any);
}

// Throws dnnl::error where oneDNN has no Winograd kernel for the shape on this CPU.
std::shared_ptr<WinogradKernels> makeKernels(const Shape& s) {
    const Dims source{s.batch, s.inChannels, s.height, s.width};
    const Dims weights{s.outChannels, s.inChannels, 3, 3};
    const Dims destination{s.batch, s.outChannels, s.height, s.width};
    const Dims strides{1, 1};
    const Dims padding{1, 1};
    const auto winograd = dnnl::algorithm::convolution_winograd;
    const memory::desc bias = s.bias ? anyLayout({s.outChannels}) : memory::desc();
    dnnl::primitive_attr attributes;
    attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    dnnl::engine& engine = cpuEngine();

    const dnnl::convolution_forward::primitive_desc forward(
        {dnnl::prop_kind::forward_training, winograd, anyLayout(source), anyLayout(weights), bias,
         anyLayout(destination), strides, padding, padding},
        attributes, engine);
    const dnnl::convolution_backward_data::primitive_desc backwardData(
        {winograd, anyLayout(source), anyLayout(weights), anyLayout(destination), strides, padding, padding},
        attributes, engine, forward);
    const dnnl::convolution_backward_weights::primitive_desc backwardWeights(
        {winograd, anyLayout(source), anyLayout(weights), bias, anyLayout(destination), strides, padding,
         padding},
        attributes, engine, forward);
    return std::make_shared<WinogradKernels>(WinogradKernels{
        forward, backwardData, backwardWeights, dnnl::convolution_forward(forward),
        dnnl::convolution_backward_data(backwardData), dnnl::convolution_backward_weights(backwardWeights)});
}

// The kernels of a shape, made on first use; null where oneDNN has none. Batch sizes vary (a last, smaller
// batch; evaluation), so the table is emptied when it grows past what a run uses.
std::shared_ptr<WinogradKernels> kernelsFor(const Shape& shape) {
    static std::mutex mutex;
    static std::map<Shape, std::shared_ptr<WinogradKernels>> table;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = table.find(shape);
    if (found != table.end()) return found->second;
    if (table.size() >= 256) table.clear();
    std::shared_ptr<WinogradKernels> kernels;
    try {
        kernels = makeKernels(shape);
    } catch (const dnnl::error&) {
        // No kernel for this shape or CPU: the caller keeps LibTorch's convolution.
    }
    table.emplace(shape, kernels);
    return kernels;
}

Shape shapeOf(const at::Tensor& input, const at::Tensor& weight, bool bias) {
    return {input.size(0), input.size(1), weight.size(0), input.size(2), input.size(3), bias};
}

WinogradKernels& requireKernels(const Shape& shape) {
    const std::shared_ptr<WinogradKernels> kernels = kernelsFor(shape);
    if (!kernels) throw Error("oneDNN has no Winograd convolution for this shape on this CPU");
    return *kernels;
}

memory::desc stridedLayout(const at::Tensor& tensor) {
    return memory::desc(Dims(tensor.sizes().begin(), tensor.sizes().end()), memory::data_type::f32,
                        Dims(tensor.strides().begin(), tensor.strides().end()));
}

// A oneDNN memory over LibTorch storage: the tensor memory cache serves the blocked copies as it serves
// every other activation, and the storage lives as long as the Buffer.
struct Buffer {
    at::Tensor storage;
    memory data;
};

Buffer allocate(const memory::desc& layout) {
    at::Tensor storage = at::empty({static_cast<int64_t>(layout.get_size())}, at::kByte);
    return {storage, memory(layout, cpuEngine(), storage.data_ptr())};
}

// The tensor (float32, dense) in the kernel's layout: itself where the layouts agree, else a reordered copy.
Buffer inLayout(const at::Tensor& tensor, const memory::desc& layout, dnnl::stream& stream) {
    memory plain(stridedLayout(tensor), cpuEngine(), tensor.data_ptr());
    if (plain.get_desc() == layout) return {tensor, plain};
    Buffer copy = allocate(layout);
    dnnl::reorder(plain, copy.data).execute(stream, plain, copy.data);
    return copy;
}

void copyInto(memory from, const at::Tensor& to, dnnl::stream& stream) {
    memory plain(stridedLayout(to), cpuEngine(), to.data_ptr());
    dnnl::reorder(from, plain).execute(stream, from, plain);
}

at::Tensor dense(const at::Tensor& tensor) { return tensor.contiguous(tensor.suggest_memory_format()); }

at::Tensor emptyLike(const at::Tensor& tensor, at::IntArrayRef sizes) {
    return at::empty(sizes, tensor.options().memory_format(tensor.suggest_memory_format()));
}

at::Tensor inputGradient(WinogradKernels& kernels, const at::Tensor& input, const at::Tensor& weight,
                         const Buffer& outputGradient, dnnl::stream& stream) {
    const auto& desc = kernels.backwardDataDesc;
    const Buffer weights = inLayout(weight, desc.weights_desc(), stream);
    const Buffer result = allocate(desc.diff_src_desc());
    const Buffer scratch = allocate(desc.scratchpad_desc());
    kernels.backwardData.execute(stream, {{DNNL_ARG_DIFF_DST, outputGradient.data},
                                          {DNNL_ARG_WEIGHTS, weights.data},
                                          {DNNL_ARG_DIFF_SRC, result.data},
                                          {DNNL_ARG_SCRATCHPAD, scratch.data}});
    at::Tensor gradient = emptyLike(input, input.sizes());
    copyInto(result.data, gradient, stream);
    return gradient;
}

// The weight's gradient, and the bias's where the kernels have a bias: oneDNN computes both in one pass.
void parameterGradients(WinogradKernels& kernels, const at::Tensor& input, const at::Tensor& weight,
                        const at::Tensor& outputGradient, WinogradGradients& gradients,
                        dnnl::stream& stream) {
    const auto& desc = kernels.backwardWeightsDesc;
    const Buffer source = inLayout(input, desc.src_desc(), stream);
    const Buffer gradient = inLayout(outputGradient, desc.diff_dst_desc(), stream);
    const Buffer weightResult = allocate(desc.diff_weights_desc());
    const Buffer scratch = allocate(desc.scratchpad_desc());
    Arguments arguments{{DNNL_ARG_SRC, source.data},
                        {DNNL_ARG_DIFF_DST, gradient.data},
                        {DNNL_ARG_DIFF_WEIGHTS, weightResult.data},
                        {DNNL_ARG_SCRATCHPAD, scratch.data}};
    const bool withBias = !desc.diff_bias_desc().is_zero();
    const Buffer biasResult = withBias ? allocate(desc.diff_bias_desc()) : Buffer{};
    if (withBias) arguments.emplace(DNNL_ARG_DIFF_BIAS, biasResult.data);
    kernels.backwardWeights.execute(stream, arguments);
    gradients.weight = emptyLike(weight, weight.sizes());
    copyInto(weightResult.data, gradients.weight, stream);
    if (!withBias) return;
    gradients.bias = at::empty({weight.size(0)}, weight.options());
    copyInto(biasResult.data, gradients.bias, stream);
}

}  // namespace

bool winogradSupported(const at::Tensor& input, const at::Tensor& weight) {
    if (!input.device().is_cpu() || input.scalar_type() != at::kFloat || weight.scalar_type() != at::kFloat)
        return false;
    if (input.dim() != 4 || weight.dim() != 4 || weight.size(2) != 3 || weight.size(3) != 3 ||
        weight.size(1) != input.size(1))
        return false;
    return kernelsFor(shapeOf(input, weight, true)) != nullptr;
}

at::Tensor winogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    WinogradKernels& kernels = requireKernels(shapeOf(input, weight, bias.defined()));
    const auto& desc = kernels.forwardDesc;
    dnnl::stream stream(cpuEngine());
    const at::Tensor x = dense(input);
    const Buffer source = inLayout(x, desc.src_desc(), stream);
    const Buffer weights = inLayout(dense(weight), desc.weights_desc(), stream);
    const Buffer result = allocate(desc.dst_desc());
    const Buffer scratch = allocate(desc.scratchpad_desc());
    Arguments arguments{{DNNL_ARG_SRC, source.data},
                        {DNNL_ARG_WEIGHTS, weights.data},
                        {DNNL_ARG_DST, result.data},
                        {DNNL_ARG_SCRATCHPAD, scratch.data}};
    const Buffer biases = bias.defined() ? inLayout(bias.contiguous(), desc.bias_desc(), stream) : Buffer{};
    if (bias.defined()) arguments.emplace(DNNL_ARG_BIAS, biases.data);
    kernels.forward.execute(stream, arguments);
    at::Tensor output = emptyLike(x, {x.size(0), weight.size(0), x.size(2), x.size(3)});
    copyInto(result.data, output, stream);
    stream.wait();
    return output;
}

WinogradGradients winogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                   const at::Tensor& outputGradient, WinogradNeeds needs) {
    WinogradKernels& kernels = requireKernels(shapeOf(input, weight, needs.bias));
    dnnl::stream stream(cpuEngine());
    const at::Tensor x = dense(input);
    const at::Tensor w = dense(weight);
    const at::Tensor dy = dense(outputGradient);
    WinogradGradients gradients;
    if (needs.input) {
        const Buffer forData = inLayout(dy, kernels.backwardDataDesc.diff_dst_desc(), stream);
        gradients.input = inputGradient(kernels, x, w, forData, stream);
    }
    if (needs.weight || needs.bias) parameterGradients(kernels, x, w, dy, gradients, stream);
    stream.wait();
    return gradients;
}

}  // namespace tlw

#else  // no oneDNN headers at build time: LibTorch's own convolutions everywhere

namespace tlw {

bool winogradSupported(const at::Tensor&, const at::Tensor&) { return false; }

at::Tensor winogradForward(const at::Tensor&, const at::Tensor&, const at::Tensor&) {
    throw Error("this build has no oneDNN Winograd convolutions");
}

WinogradGradients winogradBackward(const at::Tensor&, const at::Tensor&, const at::Tensor&, WinogradNeeds) {
    throw Error("this build has no oneDNN Winograd convolutions");
}

}  // namespace tlw

#endif
