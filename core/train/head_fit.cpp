#include "core/train/head_fit.h"

#include <ATen/Context.h>
#include <ATen/ops/mkldnn_linear.h>
#include <c10/util/string_utils.h>
#include <torch/autograd.h>
#include <torch/optim/lbfgs.h>

#include <limits>

namespace tlw {
namespace {

torch::Tensor logitsOf(const HeadParameters& head, const torch::Tensor& features) {
    return torch::addmm(head.bias, features, head.weight.t());
}

// Per-image cross-entropy on logits: binary with one logit, softmax otherwise.
torch::Tensor perImageCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels) {
    if (logits.size(1) == 1)
        return at::binary_cross_entropy_with_logits(logits.reshape({-1}), labels.to(logits.scalar_type()), {},
                                                    {}, at::Reduction::None);
    return -torch::log_softmax(logits, 1).gather(1, labels.unsqueeze(1)).squeeze(1);
}

torch::Tensor predictions(const torch::Tensor& logits) {
    if (logits.size(1) == 1) return (logits.reshape({-1}) > 0).to(torch::kLong);
    return logits.argmax(1);
}

// The objective and its gradient in closed form, for L-BFGS's many evaluations: the features' two products
// (X W' and G' X) are nearly all the work. In float32 they go through oneDNN with X kept in its layout, as
// rows and as columns: LibTorch's BLAS multiplies a tall matrix by a thin one (20,000 x 512 by 512 x 10)
// 4x below memory speed, so one evaluation took 37 ms where 7 will do.
class HeadProblem {
public:
    HeadProblem(const torch::Tensor& features, const torch::Tensor& labels, int64_t units,
                const torch::Tensor& sampleWeights)
        : m_features(features),
          m_sampleWeights(sampleWeights),
          m_units(units),
          m_oneDnn(features.scalar_type() == torch::kFloat32 && at::hasMKLDNN()) {
        if (m_oneDnn) {
            m_rows = features.contiguous().to_mkldnn();
            m_columns = features.t().contiguous().to_mkldnn();
        }
        if (units > 1)
            m_targets = torch::one_hot(labels, units).to(features.scalar_type());
        else
            m_targets = labels.to(features.scalar_type()).reshape({-1, 1});
    }

    // Fills the gradient's two parts; returns the objective.
    torch::Tensor evaluate(const HeadParameters& head, double l2Strength, torch::Tensor& weightGradient,
                           torch::Tensor& biasGradient) const {
        const torch::Tensor logits = featuresTimes(head.weight) + head.bias;
        torch::Tensor perImage;
        torch::Tensor residual;  // d loss_i / d logits_i
        if (m_units == 1) {
            perImage = torch::softplus(logits) - m_targets * logits;
            residual = torch::sigmoid(logits) - m_targets;
        } else {
            const torch::Tensor logProbabilities = torch::log_softmax(logits, 1);
            perImage = -(logProbabilities * m_targets).sum(1, true);
            residual = logProbabilities.exp() - m_targets;
        }
        if (m_sampleWeights.defined()) {
            const torch::Tensor weights = m_sampleWeights.reshape({-1, 1});
            perImage = perImage * weights;
            residual = residual * weights;
        }
        residual = residual / static_cast<double>(m_features.size(0));
        weightGradient = transposedFeaturesTimes(residual).t() + l2Strength * head.weight;
        biasGradient = residual.sum(0);
        return perImage.mean() + 0.5 * l2Strength * head.weight.pow(2).sum();
    }

private:
    torch::Tensor featuresTimes(const torch::Tensor& weight) const {  // X W'
        if (!m_oneDnn) return torch::mm(m_features, weight.t());
        return at::mkldnn_linear(m_rows, weight.contiguous().to_mkldnn()).to_dense();
    }
    torch::Tensor transposedFeaturesTimes(const torch::Tensor& residual) const {  // X' G
        if (!m_oneDnn) return torch::mm(m_features.t(), residual);
        return at::mkldnn_linear(m_columns, residual.t().contiguous().to_mkldnn()).to_dense();
    }

    torch::Tensor m_features;
    torch::Tensor m_sampleWeights;
    int64_t m_units;
    bool m_oneDnn;
    torch::Tensor m_rows;
    torch::Tensor m_columns;
    torch::Tensor m_targets;  // one-hot rows, or the 0/1 label as a column for one unit
};

HeadParameters startingPoint(const HeadParameters* start, int64_t units, int64_t featureCount,
                             const torch::TensorOptions& options) {
    HeadParameters head;
    if (start != nullptr && start->weight.defined()) {
        head.weight = start->weight.detach().to(options).clone();
        head.bias = start->bias.detach().to(options).clone();
    } else {
        head.weight = torch::zeros({units, featureCount}, options);
        head.bias = torch::zeros({units}, options);
    }
    head.weight.set_requires_grad(true);
    head.bias.set_requires_grad(true);
    return head;
}

// LibTorch keeps L-BFGS's counters in the state of the first parameter, keyed by its TensorImpl.
int iterationsOf(torch::optim::LBFGS& optimizer, const torch::Tensor& firstParameter) {
    const auto& state = optimizer.state();
    const auto found = state.find(c10::guts::to_string(firstParameter.unsafeGetTensorImpl()));
    if (found == state.end()) return 0;
    return static_cast<int>(static_cast<const torch::optim::LBFGSParamState&>(*found->second).n_iter());
}

constexpr int kMaxRestarts = 4;

// L-BFGS also stops when the objective or the step changes by less than tolerance_change. Far below the
// dtype's rounding, it fires only once progress has truly stalled, so the gradient decides convergence.
torch::optim::LBFGSOptions lbfgsOptions(const HeadFitOptions& options, int maxIterations,
                                        torch::Dtype dtype) {
    const double epsilon = dtype == torch::kFloat64 ? std::numeric_limits<double>::epsilon()
                                                    : std::numeric_limits<float>::epsilon();
    return torch::optim::LBFGSOptions(1.0)
        .max_iter(maxIterations)
        .max_eval(maxIterations * 2)
        .tolerance_grad(options.gradientTolerance)
        .tolerance_change(epsilon * 1e-3)
        .history_size(10)
        .line_search_fn("strong_wolfe");
}

double largestGradient(const HeadParameters& head) {
    return std::max(head.weight.grad().abs().max().item<double>(),
                    head.bias.grad().abs().max().item<double>());
}

}  // namespace

int64_t headUnits(int classCount) { return classCount == 2 ? 1 : classCount; }

torch::Tensor headObjective(const HeadParameters& head, const torch::Tensor& features,
                            const torch::Tensor& labels, const torch::Tensor& sampleWeights,
                            double l2Strength) {
    torch::Tensor loss = perImageCrossEntropy(logitsOf(head, features), labels);
    if (sampleWeights.defined()) loss = loss * sampleWeights;
    return loss.mean() + 0.5 * l2Strength * head.weight.pow(2).sum();
}

HeadFit fitHead(const torch::Tensor& features, const torch::Tensor& labels, int classCount,
                const torch::Tensor& sampleWeights, const HeadFitOptions& options,
                const HeadParameters* start) {
    torch::NoGradGuard noGrad;  // the gradient is written out, not traced
    HeadFit fit;
    HeadParameters head = startingPoint(start, headUnits(classCount), features.size(1),
                                        features.options().requires_grad(false));
    const HeadProblem problem(features, labels, headUnits(classCount), sampleWeights);
    const auto objectiveWithGradient = [&] {
        torch::Tensor weightGradient;
        torch::Tensor biasGradient;
        torch::Tensor objective = problem.evaluate(head, options.l2Strength, weightGradient, biasGradient);
        head.weight.mutable_grad() = weightGradient.contiguous();  // L-BFGS views it flat
        head.bias.mutable_grad() = biasGradient;
        return objective;
    };
    // A stalled L-BFGS (its history spoilt by rounding) often gets on again from a fresh start; a few
    // restarts at most, since at the rounding floor they change nothing.
    for (int attempt = 0; attempt < kMaxRestarts && fit.iterations < options.maxIterations; ++attempt) {
        torch::optim::LBFGS optimizer(
            std::vector<torch::Tensor>{head.weight, head.bias},
            lbfgsOptions(options, options.maxIterations - fit.iterations, features.scalar_type()));
        optimizer.step(objectiveWithGradient);
        fit.iterations += iterationsOf(optimizer, head.weight);
        // Measured afresh at the final point: L-BFGS's own last gradient may belong to a trial step.
        fit.objective = objectiveWithGradient().item<double>();
        fit.gradientNorm = largestGradient(head);
        if (fit.gradientNorm <= options.gradientTolerance) break;
    }
    fit.converged = fit.gradientNorm <= options.gradientTolerance;
    fit.parameters = {head.weight.detach(), head.bias.detach()};
    return fit;
}

HeadScores scoreHead(const HeadParameters& head, const torch::Tensor& features, const torch::Tensor& labels) {
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = logitsOf(head, features);
    HeadScores scores;
    scores.loss = perImageCrossEntropy(logits, labels).mean().item<double>();
    scores.accuracy = predictions(logits).eq(labels).to(torch::kDouble).mean().item<double>();
    return scores;
}

}  // namespace tlw
