#include "core/train/head_fit.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace tlw {
namespace {

struct Problem {
    torch::Tensor features;  // n x f, float64
    torch::Tensor labels;    // n, int64
};

// Overlapping classes: the optimum is finite even with a weak L2 term.
Problem overlappingClasses(int64_t rows, int64_t featureCount, int classes, uint64_t seed) {
    torch::manual_seed(seed);
    Problem problem;
    problem.labels = torch::arange(rows, torch::kLong) % classes;
    const torch::Tensor means = torch::randn({classes, featureCount}, torch::kFloat64);
    problem.features =
        torch::randn({rows, featureCount}, torch::kFloat64) + 0.8 * means.index_select(0, problem.labels);
    return problem;
}

// The reference: Newton's method on the same objective, written out by hand. Parameters per unit are
// [w, b]; the Hessian of the mean cross-entropy is (1/n) sum_i (diag(p_i) - p_i p_i^T) (x) [x_i 1][x_i 1]^T
// (for one logit: p(1-p) [x 1][x 1]^T), plus lambda on the weights but not the biases.
HeadParameters newtonReference(const Problem& problem, int classCount, const torch::Tensor& sampleWeights,
                               double lambda) {
    const int64_t n = problem.features.size(0);
    const int64_t f = problem.features.size(1);
    const int64_t units = headUnits(classCount);
    const torch::Tensor x = torch::cat({problem.features, torch::ones({n, 1}, torch::kFloat64)}, 1);
    const torch::Tensor s = sampleWeights.defined() ? sampleWeights : torch::ones({n}, torch::kFloat64);
    torch::Tensor theta = torch::zeros({units, f + 1}, torch::kFloat64);
    torch::Tensor penalty = torch::ones({units, f + 1}, torch::kFloat64) * lambda;
    penalty.select(1, f).zero_();
    const torch::Tensor penaltyFlat = penalty.reshape({-1});
    for (int step = 0; step < 50; ++step) {
        const torch::Tensor logits = x.mm(theta.t());
        torch::Tensor residual;  // n x units: p - y
        torch::Tensor hessian = torch::diag(penaltyFlat);
        if (units == 1) {
            const torch::Tensor p = torch::sigmoid(logits);
            residual = p - problem.labels.to(torch::kFloat64).unsqueeze(1);
            const torch::Tensor d = (p * (1 - p)).squeeze(1) * s / n;
            hessian += x.t().mm(x * d.unsqueeze(1));
        } else {
            const torch::Tensor p = torch::softmax(logits, 1);
            residual = p - torch::one_hot(problem.labels, units).to(torch::kFloat64);
            for (int64_t i = 0; i < n; ++i) {
                const torch::Tensor pi = p[i];
                const torch::Tensor curvature = (torch::diag(pi) - torch::outer(pi, pi)) * (s[i] / n);
                hessian += torch::kron(curvature, torch::outer(x[i], x[i]));
            }
        }
        const torch::Tensor gradient =
            (residual * s.unsqueeze(1)).t().mm(x).reshape({-1}) / n + penaltyFlat * theta.reshape({-1});
        // The pseudo-inverse: with N logits the biases' sum is free (softmax ignores a common shift), and
        // both this and L-BFGS, starting from zero, leave it at zero.
        theta -= torch::linalg_pinv(hessian).mv(gradient).reshape({units, f + 1});
        if (gradient.abs().max().item<double>() < 1e-13) break;
    }
    return {theta.narrow(1, 0, f).clone(), theta.select(1, f).clone()};
}

double largestDifference(const HeadParameters& a, const HeadParameters& b) {
    return std::max((a.weight - b.weight).abs().max().item<double>(),
                    (a.bias - b.bias).abs().max().item<double>());
}

TEST(HeadFit, BinaryReachesTheNewtonOptimumWithItsGradientBelowTolerance) {
    const Problem problem = overlappingClasses(60, 4, 2, 3);
    HeadFitOptions options;
    options.l2Strength = 0.05;
    options.gradientTolerance = 1e-9;
    const HeadFit fit = fitHead(problem.features, problem.labels, 2, {}, options);
    EXPECT_TRUE(fit.converged);
    EXPECT_LE(fit.gradientNorm, 1e-9);
    EXPECT_EQ(fit.parameters.weight.sizes(), (torch::IntArrayRef{1, 4}));
    EXPECT_LT(largestDifference(fit.parameters, newtonReference(problem, 2, {}, 0.05)), 1e-7);
}

TEST(HeadFit, SoftmaxReachesTheNewtonOptimum) {
    const Problem problem = overlappingClasses(90, 5, 3, 11);
    HeadFitOptions options;
    options.l2Strength = 0.02;
    // About the floor for float64: below it the line search cannot tell the objective's values apart.
    options.gradientTolerance = 1e-8;
    const HeadFit fit = fitHead(problem.features, problem.labels, 3, {}, options);
    EXPECT_TRUE(fit.converged) << fit.gradientNorm << " after " << fit.iterations << " iterations";
    EXPECT_EQ(fit.parameters.weight.sizes(), (torch::IntArrayRef{3, 5}));
    EXPECT_LE(fit.gradientNorm, 1e-8);
    EXPECT_LT(largestDifference(fit.parameters, newtonReference(problem, 3, {}, 0.02)), 1e-6);
}

TEST(HeadFit, AWarmStartEndsAtTheSameOptimumInFewerIterations) {
    const Problem problem = overlappingClasses(90, 5, 3, 5);
    HeadFitOptions options;
    options.l2Strength = 0.01;
    options.gradientTolerance = 1e-9;
    const HeadFit cold = fitHead(problem.features, problem.labels, 3, {}, options);
    options.l2Strength = 0.011;
    const HeadFit nearby = fitHead(problem.features, problem.labels, 3, {}, options);
    options.l2Strength = 0.01;
    const HeadFit warm = fitHead(problem.features, problem.labels, 3, {}, options, &nearby.parameters);
    EXPECT_LT(largestDifference(cold.parameters, warm.parameters), 1e-6);
    EXPECT_LT(warm.iterations, cold.iterations);
}

// Keras's class_weight scales each image's loss: weight 3 on a class is the same objective as that class's
// images three times over, with the L2 strength rescaled by n / n' to keep the mean's scale.
TEST(HeadFit, AClassWeightActsAsRepeatingThatClassesImages) {
    const Problem problem = overlappingClasses(40, 3, 2, 9);
    const torch::Tensor positive = problem.labels.eq(1);
    const torch::Tensor weights =
        torch::where(positive, torch::full({40}, 3.0, torch::kFloat64), torch::ones({40}, torch::kFloat64));
    HeadFitOptions options;
    options.l2Strength = 0.03;
    options.gradientTolerance = 1e-10;
    const HeadFit weighted = fitHead(problem.features, problem.labels, 2, weights, options);

    const torch::Tensor positives = problem.features.index({positive});
    Problem repeated;
    repeated.features = torch::cat({problem.features, positives, positives});
    repeated.labels = torch::cat({problem.labels, torch::ones({2 * positives.size(0)}, torch::kLong)});
    options.l2Strength = 0.03 * 40.0 / static_cast<double>(repeated.features.size(0));
    const HeadFit plain = fitHead(repeated.features, repeated.labels, 2, {}, options);
    EXPECT_LT(largestDifference(weighted.parameters, plain.parameters), 1e-6);

    options.l2Strength = 0.03;
    const HeadFit unweighted = fitHead(problem.features, problem.labels, 2, {}, options);
    // The heavier class pulls the decision towards itself: a higher logit for every image.
    EXPECT_GT(weighted.parameters.bias.item<double>(), unweighted.parameters.bias.item<double>());
}

TEST(HeadFit, ScoresHeldOutImagesWithoutTheL2Term) {
    HeadParameters head{torch::tensor({{2.0, 0.0}}, torch::kFloat64), torch::zeros({1}, torch::kFloat64)};
    const torch::Tensor features = torch::tensor({{1.0, 5.0}, {-1.0, 5.0}, {1.0, 0.0}}, torch::kFloat64);
    const torch::Tensor labels = torch::tensor({1, 0, 0}, torch::kLong);
    const HeadScores scores = scoreHead(head, features, labels);
    EXPECT_NEAR(scores.accuracy, 2.0 / 3.0, 1e-12);
    const double right = std::log1p(std::exp(-2.0));
    const double wrong = std::log1p(std::exp(2.0));
    EXPECT_NEAR(scores.loss, (2 * right + wrong) / 3, 1e-12);
}

}  // namespace
}  // namespace tlw
