#include "core/train/exact_head.h"

#include "core/train/head_cross_validation.h"

namespace tlw {
namespace {

// Up to this many feature values (n x f) the solve runs in float64, which costs little at that size and
// lets the gradient reach the tolerance without float32's rounding; above it float32 halves the time.
constexpr int64_t kFloat64Limit = 4'000'000;

struct Standardised {
    torch::Tensor features;
    torch::Tensor mean;  // undefined when the module's Normalization did the work
    torch::Tensor scale;
};

Standardised standardise(const ClassifierModule& module, const torch::Tensor& pooled) {
    const torch::Dtype dtype = pooled.numel() <= kFloat64Limit ? torch::kFloat64 : torch::kFloat32;
    if (module.head().normalizeFeatures) return {module.normalizedFeatures(pooled).to(dtype), {}, {}};
    // Without a Normalization layer the solve still needs comparable scales (the penalty treats every
    // weight alike); the same floor as the layer's keeps constant features finite.
    const torch::Tensor mean = pooled.mean(0);
    const torch::Tensor variance = (pooled - mean).pow(2).mean(0);
    const torch::Tensor scale = torch::max(variance, variance.mean().clamp_min(1e-14) * 1e-6).sqrt();
    return {((pooled - mean) / scale).to(dtype), mean, scale};
}

}  // namespace

HeadSolveRefusal exactHeadRefusal(const TrainingConfig& config, const ClassifierModule& module) {
    if (config.augmentation.any()) return HeadSolveRefusal::Augmenting;
    if (config.dropout > 0) return HeadSolveRefusal::Dropout;
    // trainableParameters() ends with the Dense weight and bias; anything before them is backbone.
    if (module.trainableParameters().size() > 2) return HeadSolveRefusal::BackboneTrains;
    return HeadSolveRefusal::None;
}

std::string headSolveRefusalReason(HeadSolveRefusal refusal) {
    switch (refusal) {
        case HeadSolveRefusal::Augmenting:
            return "random augmentation changes the features every epoch, so the head is not one fixed "
                   "problem";
        case HeadSolveRefusal::Dropout:
            return "dropout makes the head's loss random, so it has no single optimum";
        case HeadSolveRefusal::BackboneTrains:
            return "backbone layers train in this phase, so the problem is not convex";
        case HeadSolveRefusal::None:
            break;
    }
    return {};
}

ExactHeadResult solveHeadExactly(ClassifierModule& module, const PooledFeatures& pooled,
                                 const PassSettings& settings, const torch::Tensor& classWeights,
                                 std::uint64_t seed) {
    ExactHeadResult result;
    torch::NoGradGuard noGrad;
    const Standardised data = standardise(module, pooled.features);
    HeadCrossValidationOptions options;
    options.seed = seed;
    // float32 sums over many images stop the gradient near 1e-5: there the refit asks for scikit-learn's
    // 1e-4; float64 gets two more digits.
    options.tolerance = data.features.scalar_type() == torch::kFloat64 ? 1e-6 : 1e-4;
    const CrossValidatedHead solved = solveHeadWithCrossValidation(
        data.features, pooled.labels, module.head().classCount, classWeights, options, settings.cancel);
    if (solved.cancelled || settings.cancelRequested()) {
        result.stopped = true;
        return result;
    }
    torch::Tensor weight = solved.fit.parameters.weight.to(torch::kFloat32);
    torch::Tensor bias = solved.fit.parameters.bias.to(torch::kFloat32);
    if (data.mean.defined()) {
        // w . (x - m) / s + b  =  (w / s) . x + (b - (w / s) . m)
        weight = weight / data.scale;
        bias = bias - weight.mv(data.mean);
    }
    module.setDense(weight, bias);
    result.report = solved.report;
    return result;
}

}  // namespace tlw
