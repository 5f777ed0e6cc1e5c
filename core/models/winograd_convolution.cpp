#include "core/models/winograd_convolution.h"

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <torch/autograd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "core/models/blocked_activation.h"
#include "core/models/onednn_winograd.h"
#include "core/models/winograd_bf16_training.h"
#include "core/models/winograd_status.h"

namespace tlw {
namespace {

WinogradPolicy policyFromEnvironment() {
    const char* value = std::getenv("TLW_WINOGRAD");
    return value != nullptr && std::strcmp(value, "0") == 0 ? WinogradPolicy::Never : WinogradPolicy::Auto;
}

std::atomic<WinogradPolicy>& policy() {
    static std::atomic<WinogradPolicy> current{policyFromEnvironment()};
    return current;
}

constexpr int64_t kFewestInputChannels = 32;

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

class WinogradConvolutionFunction : public torch::autograd::Function<WinogradConvolutionFunction> {
public:
    static at::Tensor forward(AutogradContext* context, const at::Tensor& input, const at::Tensor& weight,
                              const at::Tensor& bias) {
        context->save_for_backward({input, weight});
        context->saved_data["bias"] = bias.defined();
        return winogradForward(input, weight, bias);
    }

    static variable_list backward(AutogradContext* context, variable_list outputGradients) {
        const variable_list saved = context->get_saved_variables();
        const WinogradNeeds needs = winogradNeedsOf(*context);
        if (!needs.input && !needs.weight && !needs.bias) return {at::Tensor(), at::Tensor(), at::Tensor()};
        WinogradGradients gradients = winogradBackward(saved[0], saved[1], outputGradients[0], needs);
        return {gradients.input, needs.weight ? gradients.weight : at::Tensor(), gradients.bias};
    }
};

}  // namespace

WinogradPolicy winogradPolicy() { return policy().load(); }

void setWinogradPolicy(WinogradPolicy value) { policy().store(value); }

namespace {

bool enabledHere() { return winogradPolicy() != WinogradPolicy::Never && !at::autocast::is_cpu_enabled(); }

// Whether this build and CPU have the kernels at all: asked once, of a typical layer (VGG16's block3 at a
// small size).
bool kernelsAvailable() {
    static const bool available = winogradSupported(at::zeros({1, 64, 8, 8}), at::zeros({64, 64, 3, 3}));
    return available;
}

}  // namespace

WinogradNeeds winogradNeedsOf(AutogradContext& context) {
    WinogradNeeds needs;
    needs.input = context.needs_input_grad(0);
    needs.weight = context.needs_input_grad(1);
    needs.bias = context.saved_data["bias"].toBool() && context.needs_input_grad(2);
    return needs;
}

bool recordsGradient(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    const auto asks = [](const at::Tensor& tensor) { return tensor.defined() && tensor.requires_grad(); };
    return at::GradMode::is_enabled() && (asks(input) || asks(weight) || asks(bias));
}

bool winogradApplies(const at::Tensor& input, const at::Tensor& weight) {
    if (!enabledHere()) return false;
    if ((input.dim() != 4 && !isBlockedActivation(input)) || activationChannels(input) < kFewestInputChannels)
        return false;
    return winogradSupported(input, weight);
}

at::Tensor winogradConv2d(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    if (recordsGradient(input, weight, bias)) return WinogradConvolutionFunction::apply(input, weight, bias);
    return winogradForward(input, weight, bias);
}

bool bf16WinogradRuns(const at::Tensor& input, const at::Tensor& weight) {
    return at::autocast::is_cpu_enabled() && at::autocast::get_autocast_cpu_dtype() == at::kBFloat16 &&
           bf16WinogradTrains(input, weight);
}

at::Tensor convolve3x3(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias) {
    if (bf16WinogradRuns(input, weight)) return bf16WinogradConv2d(input, weight, bias);
    return winogradApplies(input, weight) ? winogradConv2d(input, weight, bias)
                                          : at::conv2d(input, weight, bias, 1, 1);
}

bool winogradMayRun(const at::Tensor& weight) {
    return enabledHere() && weight.scalar_type() == at::kFloat && weight.dim() == 4 && weight.size(2) == 3 &&
           weight.size(3) == 3 && weight.size(1) >= kFewestInputChannels && kernelsAvailable();
}

bool winogradConvolutionsActive() { return enabledHere() && kernelsAvailable(); }

}  // namespace tlw
