#pragma once

// Core-internal (LibTorch): the pieces of data-parallel training over a ProcessGroup. Every rank runs the
// same model on its own slice of each global batch; the slices' gradients are summed and divided by the
// global batch's image count, which is what one process's mean loss over the whole batch gives, so the run
// follows the single-process one step for step (to float rounding).

#include <torch/types.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/models/classifier_module.h"

namespace tlw {

class ProcessGroup;

// Rank `rank`'s contiguous share of `count` items: [count * rank / size, count * (rank + 1) / size). The
// shares differ by at most one item and keep the items in order, so an all-gather in rank order restores
// the whole list.
struct ItemRange {
    int64_t begin = 0;
    int64_t end = 0;
    int64_t size() const { return end - begin; }
};
ItemRange rankShare(int64_t count, int rank, int size);

// One rank's part of an epoch: the global order cut into batches of batchSize, each batch cut into
// contiguous slices by rankShare. `order` lists this rank's items, batch after batch; `sizes` holds its
// slice of every global batch (possibly 0 for a last batch smaller than the number of ranks).
struct RankBatches {
    std::vector<int64_t> order;
    std::vector<std::size_t> sizes;
};
RankBatches rankBatches(const std::vector<int64_t>& order, std::size_t batchSize, int rank, int size);

// What one rank's slice of a batch contributed, and after exchangeGradients the whole batch's figures.
struct BatchFigures {
    double lossSum = 0.0;  // per-image losses summed
    int64_t correct = 0;
    int64_t images = 0;
    bool stop = false;  // a stop request on this rank (after the exchange: on any rank)
};

// Sums every rank's gradients of `parameters` (from its summed loss; undefined ones count as zeros) and its
// figures in one all-reduce, then divides the gradients by the batch's image count. All ranks call it once
// per batch, even with an empty slice.
BatchFigures exchangeGradients(const std::vector<torch::Tensor>& parameters, const BatchFigures& local,
                               ProcessGroup& group);

// Rank 0's weights (namedWeights: parameters, BatchNorm statistics, the Normalization) on every rank.
void broadcastWeights(ClassifierModule& module, ProcessGroup& group);

// Once per epoch: a checksum of the trainable parameters and this rank's stop request, gathered from all
// ranks. Throws tlw::Error naming the ranks whose parameters differ from rank 0's; returns whether any rank
// asked to stop.
bool checkRanksAgree(ClassifierModule& module, ProcessGroup& group, bool stopHere);

// Whether any rank asked to stop (or reports a failure: `flag` true), agreed by all. One small all-reduce.
bool anyRank(ProcessGroup& group, bool flag);

}  // namespace tlw
