#include "core/models/winograd_bf16_training.h"

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include "core/models/winograd_convolution.h"
#include "core/models/winograd_status.h"
#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include "core/models/winograd_bf16_products.h"

namespace tlw {
namespace {

using namespace bf16winograd;

// As for the frozen pass (winograd_bf16.cpp): below 256 input channels oneDNN's direct bf16 kernels won.
constexpr int64_t kFewestInputChannels = 256;

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

at::Tensor bf16ChannelsLast(const at::Tensor& tensor) {
    return tensor.to(at::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast);
}

at::Tensor float32Bias(const at::Tensor& bias) {
    return bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
}

// The forward's product reads the transformed kernel [16][Cout][Cin] as Cin x Cout.
at::Tensor forwardTiles(const at::Tensor& x, const at::Tensor& u, const at::Tensor& bias) {
    return convolveTiles(x, u, WeightOrder::NByK, u.size(1), float32Bias(bias), false, Slots::Plain);
}

// The input gradient: the output gradient convolved with the flipped, transposed kernel, whose transform is
// u with its points permuted (Slots::Flipped) and read as Cout x Cin.
at::Tensor inputGradient(const at::Tensor& dy, const at::Tensor& u) {
    return convolveTiles(dy, u, WeightOrder::KByN, u.size(2), at::Tensor(), false, Slots::Flipped);
}

at::Tensor inWeightLayout(const at::Tensor& gradient, const at::Tensor& weight) {
    return gradient.to(weight.scalar_type()).contiguous(weight.suggest_memory_format());
}

class Bf16WinogradFunction : public torch::autograd::Function<Bf16WinogradFunction> {
public:
    static at::Tensor forward(AutogradContext* context, const at::Tensor& input, const at::Tensor& weight,
                              const at::Tensor& bias) {
        const at::Tensor x = bf16ChannelsLast(input);
        const at::Tensor u = transformWeights(weight);
        context->save_for_backward({x, u, weight});
        context->saved_data["inputType"] = static_cast<int64_t>(input.scalar_type());
        context->saved_data["bias"] = bias.defined();
        return forwardTiles(x, u, bias);
    }

    static variable_list backward(AutogradContext* context, variable_list outputGradients) {
        const variable_list saved = context->get_saved_variables();
        const at::Tensor dy = bf16ChannelsLast(outputGradients[0]);
        at::Tensor input, weight, bias;
        if (context->needs_input_grad(0)) {
            const auto inputType = static_cast<at::ScalarType>(context->saved_data["inputType"].toInt());
            input = inputGradient(dy, saved[1]).to(inputType);
        }
        if (context->needs_input_grad(1)) weight = inWeightLayout(kernelGradient(saved[0], dy), saved[2]);
        if (context->saved_data["bias"].toBool() && context->needs_input_grad(2))
            bias = dy.sum({0, 2, 3}, false, at::kFloat).to(saved[2].scalar_type());
        return {input, weight, bias};
    }
};

bool anyRequiresGrad(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    return input.requires_grad() || weight.requires_grad() || (bias.defined() && bias.requires_grad());
}

bool isFloatOrBf16(const at::Tensor& tensor) {
    return tensor.scalar_type() == at::kFloat || tensor.scalar_type() == at::kBFloat16;
}

}  // namespace

bool bf16WinogradTrains(const at::Tensor& input, const at::Tensor& weight) {
    if (!bf16WinogradActive()) return false;
    if (input.dim() != 4 || !input.is_cpu() || !isFloatOrBf16(input) || weight.dim() != 4 ||
        !weight.is_cpu() || !isFloatOrBf16(weight) || weight.size(2) != 3 || weight.size(3) != 3 ||
        weight.size(1) != input.size(1))
        return false;
    const int64_t in = input.size(1);
    const int64_t out = weight.size(0);
    if (in < kFewestInputChannels || in % kLanes != 0 || out % kLanes != 0) return false;
    const Geometry g{input.size(0), input.size(2), input.size(3), in, out};
    const Geometry transposed{g.batch, g.height, g.width, out, in};
    return convolutionSupported(g, WeightOrder::NByK) &&
           convolutionSupported(transposed, WeightOrder::KByN) && kernelGradientSupported(g);
}

at::Tensor bf16WinogradConv2d(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    if (!bf16WinogradTrains(input, weight)) throw Error("bf16 Winograd does not apply to this convolution");
    if (at::GradMode::is_enabled() && anyRequiresGrad(input, weight, bias))
        return Bf16WinogradFunction::apply(input, weight, bias);
    return forwardTiles(bf16ChannelsLast(input), transformWeights(weight), bias);
}

Bf16WinogradGradients bf16WinogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                           const at::Tensor& outputGradient, bool needInput, bool needBias) {
    const at::Tensor x = bf16ChannelsLast(input);
    const at::Tensor dy = bf16ChannelsLast(outputGradient);
    Bf16WinogradGradients gradients;
    if (needInput) gradients.input = inputGradient(dy, transformWeights(weight));
    gradients.weight = kernelGradient(x, dy);
    if (needBias) gradients.bias = dy.sum({0, 2, 3}, false, at::kFloat);
    return gradients;
}

}  // namespace tlw

#else  // no oneDNN headers at build time

namespace tlw {
bool bf16WinogradTrains(const at::Tensor&, const at::Tensor&) { return false; }
at::Tensor bf16WinogradConv2d(const at::Tensor&, const at::Tensor&, const at::Tensor&) {
    throw Error("this build has no bf16 Winograd kernels");
}
Bf16WinogradGradients bf16WinogradBackward(const at::Tensor&, const at::Tensor&, const at::Tensor&, bool,
                                           bool) {
    throw Error("this build has no bf16 Winograd kernels");
}
}  // namespace tlw

#endif
