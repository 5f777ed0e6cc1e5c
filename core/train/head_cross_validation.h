#pragma once

// Core-internal (LibTorch): the exact head with its L2 strength chosen by stratified k-fold
// cross-validation on the training split, as scikit-learn's LogisticRegressionCV does: every fold walks a
// log grid of strengths from strong to weak, each solve warm-started from the one before; the strength
// with the best mean held-out accuracy wins (lower mean loss breaks ties), and the head is refitted on all
// the training images at that strength.

#include <torch/types.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/train/head_fit.h"
#include "core/train/head_solve_report.h"

namespace tlw {

struct HeadCrossValidationOptions {
    int folds = 5;
    std::vector<double> strengths = defaultStrengths();  // strongest first
    double crossValidationTolerance = 1e-4;              // per fold: the held-out scores need no more digits
    double tolerance = 1e-5;                             // the refit
    int maxIterations = 1000;
    std::uint64_t seed = 1337;  // draws the folds
    // Without cross-validation (fewer than 2 images of some class per fold): the strength used.
    double fallbackStrength = 1e-2;
    // Above this many training images the strength is chosen on a stratified sample of this many (the
    // refit still uses them all). Held-out accuracy on 2,000 images already tells the grid's points apart
    // to about a point, while 65 solves on 20,000 took a minute; the sample's strengths are carried to the
    // whole set at the same C = 1 / (lambda n), as scikit-learn's C is defined.
    int maxCrossValidationImages = 2000;

    // 13 strengths from 10 down to 1e-5, half a decade apart: lambda = 1 / (C n) spans what scikit-learn's
    // default Cs = logspace(-4, 4, 10) spans for a few hundred to a few thousand images.
    static std::vector<double> defaultStrengths();
};

struct CrossValidatedHead {
    HeadFit fit;
    HeadSolveReport report;
    bool cancelled = false;
};

// Stratified folds: every class's images, shuffled by `seed`, dealt round-robin so that the folds differ by
// at most one image per class. Returns each image's fold.
std::vector<int> stratifiedFolds(const std::vector<int64_t>& labels, int folds, std::uint64_t seed);

// A stratified sample of about `count` of the rows: every class keeps its share, and at least
// `minimumPerClass` images (all it has, if fewer), so that a rare class still reaches every fold. Each
// class's rows drawn by `seed`; row indices in ascending order; all rows when there are no more.
std::vector<int64_t> stratifiedSample(const std::vector<int64_t>& labels, int count, int minimumPerClass,
                                      std::uint64_t seed);

// features n x f (standardised), labels n int64 in [0, classCount); classWeights per class or undefined.
// `cancel` (may be null) is polled between solves.
CrossValidatedHead solveHeadWithCrossValidation(const torch::Tensor& features, const torch::Tensor& labels,
                                                int classCount, const torch::Tensor& classWeights,
                                                const HeadCrossValidationOptions& options,
                                                const std::atomic<bool>* cancel = nullptr);

}  // namespace tlw
