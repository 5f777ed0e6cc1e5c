#pragma once

// Core-internal (LibTorch): out-of-fold predicted probabilities, what confident learning needs. Each image's
// probabilities come from an exact head (core/train/head_fit.h) trained without it: the images are dealt
// into stratified folds, and the head of fold k is solved on the others and scores fold k. One L2 strength
// serves every fold, chosen once by the same cross-validation that training's exact head runs, so that the
// heads are the ones a run would fit.

#include <torch/types.h>

#include <atomic>
#include <cstdint>

#include "core/train/head_solve_report.h"

namespace tlw {

struct OutOfFoldOptions {
    int folds = 5;
    std::uint64_t seed = 1337;  // draws the folds
};

struct OutOfFoldProbabilities {
    torch::Tensor probabilities;  // n x classCount float32, rows in the order of the features
    HeadSolveReport strengthChoice;
    int folds = 0;  // as used: fewer than asked when there are fewer images
    bool cancelled = false;
};

// features n x f (pooled, not standardised; each fold standardises by its own training rows), labels n
// int64 in [0, classCount). Throws tlw::Error when folds < 2 or there are fewer images than folds.
// `cancel` (may be null) is polled between folds.
OutOfFoldProbabilities outOfFoldProbabilities(const torch::Tensor& features, const torch::Tensor& labels,
                                              int classCount, const OutOfFoldOptions& options,
                                              const std::atomic<bool>* cancel = nullptr);

}  // namespace tlw
