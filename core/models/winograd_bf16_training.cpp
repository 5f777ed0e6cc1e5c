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

// The gradients needs asks for, from the bfloat16 channels-last input x and output gradient dy and the
// transformed kernel u (undefined unless the input's gradient is asked for).
WinogradGradients gradientsOf(const at::Tensor& x, const at::Tensor& u, const at::Tensor& dy,
                              WinogradNeeds needs) {
    WinogradGradients gradients;
    if (needs.input) gradients.input = inputGradient(dy, u);
    if (needs.weight) gradients.weight = kernelGradient(x, dy);
    if (needs.bias) gradients.bias = dy.sum({0, 2, 3}, false, at::kFloat);
    return gradients;
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
        const WinogradNeeds needs = winogradNeedsOf(*context);
        WinogradGradients gradients =
            gradientsOf(saved[0], saved[1], bf16ChannelsLast(outputGradients[0]), needs);
        // Each in its input's dtype, as autograd's casts would give it.
        const auto inputType = static_cast<at::ScalarType>(context->saved_data["inputType"].toInt());
        if (needs.input) gradients.input = gradients.input.to(inputType);
        if (needs.weight) gradients.weight = inWeightLayout(gradients.weight, saved[2]);
        if (needs.bias) gradients.bias = gradients.bias.to(saved[2].scalar_type());
        return {gradients.input, gradients.weight, gradients.bias};
    }
};

bool isFloatOrBf16(const at::Tensor& tensor) {
    return tensor.scalar_type() == at::kFloat || tensor.scalar_type() == at::kBFloat16;
}

}  // namespace

bool bf16WinogradTrains(const at::Tensor& input, const at::Tensor& weight) {
    if (!bf16WinogradActive()) return false;
    if (!tilesFit(input, weight) || !input.is_cpu() || !isFloatOrBf16(input) || !weight.is_cpu() ||
        !isFloatOrBf16(weight))
        return false;
    const Geometry g = geometryOf(input, weight);
    const Geometry transposed{g.batch, g.height, g.width, g.outChannels, g.inChannels};
    return convolutionSupported(g, WeightOrder::NByK) &&
           convolutionSupported(transposed, WeightOrder::KByN) && kernelGradientSupported(g);
}

at::Tensor bf16WinogradConv2d(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    if (!bf16WinogradTrains(input, weight)) throw Error("bf16 Winograd does not apply to this convolution");
    if (recordsGradient(input, weight, bias)) return Bf16WinogradFunction::apply(input, weight, bias);
    return forwardTiles(bf16ChannelsLast(input), transformWeights(weight), bias);
}

WinogradGradients bf16WinogradBackward(const at::Tensor& input, const at::Tensor& weight,
                                       const at::Tensor& outputGradient, WinogradNeeds needs) {
    return gradientsOf(bf16ChannelsLast(input), needs.input ? transformWeights(weight) : at::Tensor(),
                       bf16ChannelsLast(outputGradient), needs);
}

}  // namespace tlw

#else  // no oneDNN headers at build time

namespace tlw {
bool bf16WinogradTrains(const at::Tensor&, const at::Tensor&) { return false; }
at::Tensor bf16WinogradConv2d(const at::Tensor&, const at::Tensor&, const at::Tensor&) {
    throw Error("this build has no bf16 Winograd kernels");
}
WinogradGradients bf16WinogradBackward(const at::Tensor&, const at::Tensor&, const at::Tensor&,
                                       WinogradNeeds) {
    throw Error("this build has no bf16 Winograd kernels");
}
}  // namespace tlw

#endif
