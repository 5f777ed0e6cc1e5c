#pragma once

// Core-internal (LibTorch): the frozen phase's head trained by solving it (HeadSolver::Exact) instead of by
// epochs of Adam. The features the head sees are computed once (read from the cache when there is one), the
// Dense layer is set to the cross-validated optimum, and the Normalization keeps the mean and variance it
// was adapted to, so that the model has the same form as one trained with Adam.

#include <torch/types.h>

#include <cstdint>
#include <string>

#include "core/models/classifier_module.h"
#include "core/train/epoch_loop.h"
#include "core/train/head_solve_refusal.h"
#include "core/train/head_solve_report.h"
#include "core/train/training_config.h"

namespace tlw {

// Why the phase just frozen cannot be solved exactly, or None when its head is a convex problem: no
// augmentation, no dropout, nothing of the backbone trainable. Call after the phase's freeze is applied.
HeadSolveRefusal exactHeadRefusal(const TrainingConfig& config, const ClassifierModule& module);

struct ExactHeadResult {
    HeadSolveReport report;
    bool stopped = false;  // a stop request ended it; the Dense layer is unchanged
};

// Solves the head on the training images' pooled features (pooledFeatureMatrix: from the pooled cache when
// there is one) and sets the module's Dense layer to the optimum. The head's Normalization must already be
// adapted (when it has one); without one the features are standardised for the solve and the
// standardisation is folded into the Dense weights.
ExactHeadResult solveHeadExactly(ClassifierModule& module, const PooledFeatures& train,
                                 const PassSettings& settings, const torch::Tensor& classWeights,
                                 std::uint64_t seed);

}  // namespace tlw
