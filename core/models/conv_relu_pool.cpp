#include "core/models/conv_relu_pool.h"

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <torch/autograd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "core/models/onednn_winograd.h"
#include "core/models/sparse_pool_backward.h"
#include "core/models/winograd_bf16_training.h"
#include "core/models/winograd_convolution.h"

namespace tlw {
namespace {

SparsePoolBackward policyFromEnvironment() {
    const char* value = std::getenv("TLW_SPARSE_POOL_BACKWARD");
    if (value == nullptr) return SparsePoolBackward::Auto;
    if (std::strcmp(value, "1") == 0) return SparsePoolBackward::Always;
    if (std::strcmp(value, "0") == 0) return SparsePoolBackward::Never;
    return SparsePoolBackward::Auto;
}

std::atomic<SparsePoolBackward>& policy() {
    static std::atomic<SparsePoolBackward> current{policyFromEnvironment()};
    return current;
}

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// What autograd computes for the layers one by one, the convolution's gradients by the kernels its forward
// ran in: where the CPU has no AVX-512 for the sparse kernels, and where bf16 Winograd's gradients, with less
// than half the arithmetic, beat them.
ConvReluPoolGradients denseBackward(const at::Tensor& input, const at::Tensor& weight,
                                    const at::Tensor& activated, const at::Tensor& pooledGradient,
                                    const at::Tensor& indices, int64_t pool, bool needInputGradient,
                                    bool bf16Winograd) {
    const at::Tensor outputGradient = at::threshold_backward(
        at::max_pool2d_with_indices_backward(pooledGradient, activated, {pool, pool}, {pool, pool}, {0, 0},
                                             {1, 1}, false, indices),
        activated, 0);
    if (bf16Winograd || winogradApplies(input, weight)) {
        WinogradNeeds needs;
        needs.input = needInputGradient;
        const WinogradGradients gradients = bf16Winograd
                                                ? bf16WinogradBackward(input, weight, outputGradient, needs)
                                                : winogradBackward(input, weight, outputGradient, needs);
        return {gradients.input, gradients.weight, gradients.bias};
    }
    const int64_t channels = weight.size(0);
    auto [inputGradient, weightGradient, biasGradient] =
        at::convolution_backward(outputGradient, input, weight, at::IntArrayRef(&channels, 1), {1, 1}, {1, 1},
                                 {1, 1}, false, {0, 0}, 1, {needInputGradient, true, true});
    return {inputGradient, weightGradient, biasGradient};
}

// The sparse kernels were measured where block5 of VGG16 trains (14x14, 512 channels, batch 32: 1.9-2.1x the
// dense backward), with a 16-channel chunk of the input (0.4 MB) kept in L2 while every tap visits it. At
// block1's 224x224 a chunk is 100 MB and the kernels' speed there is unmeasured, so larger maps keep oneDNN's
// dense backward.
constexpr int64_t kLargestSparseChunkBytes = int64_t{1} << 20;

class ConvReluPoolFunction : public torch::autograd::Function<ConvReluPoolFunction> {
public:
    static at::Tensor forward(AutogradContext* context, const at::Tensor& input, const at::Tensor& weight,
                              const at::Tensor& bias, int64_t pool) {
        // What autocast would do to the convolution's arguments, done here so that backward has them.
        const at::ScalarType type = convolutionType(input);
        const at::Tensor x = input.to(type);
        // bf16 Winograd transforms the float32 weights and adds the float32 bias itself, as it does for the
        // layers one by one. Backward runs without autocast, so the forward's choice is kept for it.
        const bool bf16Winograd = bf16WinogradRuns(x, weight);
        context->saved_data["bf16Winograd"] = bf16Winograd;
        const at::Tensor w = bf16Winograd ? weight : weight.to(type);
        const at::Tensor b = bf16Winograd || !bias.defined() ? bias : bias.to(type);
        const at::Tensor activated = convolve3x3(x, w, b).relu_();
        auto [pooled, indices] = at::max_pool2d_with_indices(activated, {pool, pool}, {pool, pool});
        context->save_for_backward({x, w, activated, indices});
        context->saved_data["inputType"] = static_cast<int64_t>(input.scalar_type());
        context->saved_data["weightType"] = static_cast<int64_t>(weight.scalar_type());
        context->saved_data["pool"] = pool;
        return pooled;
    }

    static variable_list backward(AutogradContext* context, variable_list outputGradients) {
        const variable_list saved = context->get_saved_variables();
        const bool needInput = context->needs_input_grad(0);
        const int64_t pool = context->saved_data["pool"].toInt();
        const bool bf16Winograd = context->saved_data["bf16Winograd"].toBool();
        const ConvReluPoolGradients gradients =
            !bf16Winograd && sparsePoolBackwardSupported() &&
                    sparseBackwardPays(saved[0].size(0), saved[0].size(2), saved[0].size(3))
                ? sparseConvReluPoolBackward(saved[0], saved[1], saved[2], outputGradients[0], saved[3],
                                             needInput)
                : denseBackward(saved[0], saved[1], saved[2], outputGradients[0], saved[3], pool, needInput,
                                bf16Winograd);
        // Each gradient in its input's dtype, as autograd's casts would give it.
        const auto inputType = static_cast<at::ScalarType>(context->saved_data["inputType"].toInt());
        const at::Tensor input = needInput ? gradients.input.to(inputType) : at::Tensor();
        const auto weightType = static_cast<at::ScalarType>(context->saved_data["weightType"].toInt());
        const at::Tensor weight = gradients.weight.to(weightType);
        const at::Tensor bias = context->needs_input_grad(2) ? gradients.bias.to(weightType) : at::Tensor();
        return {input, weight, bias, at::Tensor()};
    }
};

}  // namespace

SparsePoolBackward sparsePoolBackward() { return policy().load(); }

void setSparsePoolBackward(SparsePoolBackward value) { policy().store(value); }

bool fusesConvReluPool(at::ScalarType computeType) {
    switch (sparsePoolBackward()) {
        case SparsePoolBackward::Never:
            return false;
        case SparsePoolBackward::Auto:
        case SparsePoolBackward::Always:
            if (computeType != at::kFloat && computeType != at::kBFloat16) return false;
            break;
    }
    return sparsePoolBackwardSupported();
}

bool sparseBackwardPays(int64_t batch, int64_t height, int64_t width) {
    return 16 * batch * height * width * int64_t{4} <= kLargestSparseChunkBytes;
}

at::ScalarType convolutionType(const at::Tensor& input) {
    return at::autocast::is_cpu_enabled() ? at::autocast::get_autocast_cpu_dtype() : input.scalar_type();
}

at::Tensor convReluPool(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                        int64_t pool) {
    return ConvReluPoolFunction::apply(input, weight, bias, pool);
}

}  // namespace tlw
