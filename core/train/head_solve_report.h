#pragma once

#include <cstddef>
#include <string>
#include <vector>

// What the exact head solver did (core/train/head_cross_validation.h), torch-free: the history, the CLI's
// log and the GUI's cross-validation chart read it.
namespace tlw {

// One L2 strength of the grid: the mean over the folds of the held-out accuracy and loss.
struct CrossValidationPoint {
    double l2Strength = 0.0;  // lambda in  mean(loss) + lambda / 2 * |W|^2
    double accuracy = 0.0;
    double loss = 0.0;
    int iterations = 0;  // L-BFGS iterations, summed over the folds
};

struct HeadSolveReport {
    int folds = 0;  // 0: too few images to cross-validate; the default strength was used
    // Training images the cross-validation ran on: a stratified sample of them, or all (0 in histories
    // written before samples existed: all).
    int crossValidationImages = 0;
    int trainingImages = 0;
    std::vector<CrossValidationPoint> path;  // strongest to weakest
    std::size_t chosenIndex = 0;             // into path (when it is not empty)
    double chosenStrength = 0.0;
    // The refit on the whole training split at the chosen strength.
    int iterations = 0;
    double gradientNorm = 0.0;  // largest absolute component of the objective's gradient at the end
    double tolerance = 0.0;     // what gradientNorm had to reach
    bool converged = false;
    double objective = 0.0;  // training loss (class-weighted) plus the L2 term
    double seconds = 0.0;    // cross-validation and refit
};

// "L2 1e-02 chosen by 5-fold cross-validation (accuracy 0.8812, loss 0.3012); 37 L-BFGS iterations,
// gradient 4.1e-06 (tolerance 1e-05), 0.21 s"; on a sample, "... cross-validation on 2,000 of 20,000
// images (...)".
std::string headSolveFigures(const HeadSolveReport& report);

}  // namespace tlw
