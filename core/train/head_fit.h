#pragma once

// Core-internal (LibTorch): the frozen head's training problem solved exactly at one L2 strength. With the
// backbone frozen and the features standardised, the Dense head is L2-regularised logistic regression (two
// classes: one logit, binary cross-entropy) or softmax regression (N classes): convex, so full-batch L-BFGS
// with a strong-Wolfe line search reaches its single optimum.

#include <torch/types.h>

namespace tlw {

// The Dense layer's weights: units x features and units (units = 1 for two classes, else the class count).
struct HeadParameters {
    torch::Tensor weight;
    torch::Tensor bias;
};

struct HeadFitOptions {
    double l2Strength = 1e-2;  // lambda in  sum_i w_i loss_i / n + lambda / 2 * |W|^2  (the bias is free)
    // Stop once every component of the gradient is this small (scikit-learn's lbfgs uses 1e-4 on the
    // same mean-loss scale).
    double gradientTolerance = 1e-5;
    int maxIterations = 1000;
};

struct HeadFit {
    HeadParameters parameters;
    double objective = 0.0;
    double gradientNorm = 0.0;  // largest absolute component of the gradient at the end
    int iterations = 0;
    bool converged = false;  // gradientNorm <= the tolerance
};

// Units of the head for classCount classes: 1 for two (a logit), classCount otherwise.
int64_t headUnits(int classCount);

// The objective at (weight, bias): the mean (sample-weighted) cross-entropy plus the L2 term.
// features: n x f (float32 or float64); labels: n int64; sampleWeights: n or undefined (all 1).
torch::Tensor headObjective(const HeadParameters& head, const torch::Tensor& features,
                            const torch::Tensor& labels, const torch::Tensor& sampleWeights,
                            double l2Strength);

// Minimises headObjective by L-BFGS, from `start` when given (a warm start along a path of strengths),
// else from zero. Works in the dtype of `features`.
HeadFit fitHead(const torch::Tensor& features, const torch::Tensor& labels, int classCount,
                const torch::Tensor& sampleWeights, const HeadFitOptions& options,
                const HeadParameters* start = nullptr);

// The per-image cross-entropy (unweighted) and whether each prediction is right, for held-out images.
struct HeadScores {
    double loss = 0.0;
    double accuracy = 0.0;
};
HeadScores scoreHead(const HeadParameters& head, const torch::Tensor& features, const torch::Tensor& labels);

}  // namespace tlw
