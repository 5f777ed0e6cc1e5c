#include "core/dist/data_parallel.h"

#include <algorithm>
#include <string>

#include "core/dist/process_group.h"
#include "core/util/error.h"

namespace tlw {

ItemRange rankShare(int64_t count, int rank, int size) {
    return {count * rank / size, count * (rank + 1) / size};
}

RankBatches rankBatches(const std::vector<int64_t>& order, std::size_t batchSize, int rank, int size) {
    RankBatches batches;
    const auto total = static_cast<int64_t>(order.size());
    const auto step = static_cast<int64_t>(std::max<std::size_t>(1, batchSize));
    for (int64_t first = 0; first < total; first += step) {
        const ItemRange slice = rankShare(std::min(step, total - first), rank, size);
        for (int64_t i = slice.begin; i < slice.end; ++i)
            batches.order.push_back(order[static_cast<size_t>(first + i)]);
        batches.sizes.push_back(static_cast<std::size_t>(slice.size()));
    }
    return batches;
}

BatchFigures exchangeGradients(const std::vector<torch::Tensor>& parameters, const BatchFigures& local,
                               ProcessGroup& group) {
    // One buffer, one all-reduce: the gradients, then the figures (whole numbers below 2^24 stay exact in
    // float32; the loss sum keeps float32's 7 digits, as one process's per-batch sum does).
    std::vector<torch::Tensor> parts;
    parts.reserve(parameters.size() + 1);
    for (const torch::Tensor& parameter : parameters)
        parts.push_back(parameter.grad().defined() ? parameter.grad().reshape({-1})
                                                   : torch::zeros({parameter.numel()}, parameter.options()));
    parts.push_back(torch::tensor({static_cast<float>(local.lossSum), static_cast<float>(local.correct),
                                   static_cast<float>(local.images), local.stop ? 1.0f : 0.0f}));
    torch::Tensor buffer = torch::cat(parts);
    group.allReduceSum(buffer);

    const int64_t figuresAt = buffer.numel() - 4;
    const torch::Tensor figures = buffer.narrow(0, figuresAt, 4).to(torch::kFloat64);
    BatchFigures total;
    total.lossSum = figures[0].item<double>();
    total.correct = static_cast<int64_t>(figures[1].item<double>() + 0.5);
    total.images = static_cast<int64_t>(figures[2].item<double>() + 0.5);
    total.stop = figures[3].item<double>() > 0.5;
    if (total.images == 0) return total;
    torch::NoGradGuard noGrad;
    int64_t offset = 0;
    for (const torch::Tensor& parameter : parameters) {
        const torch::Tensor summed = buffer.narrow(0, offset, parameter.numel()).view(parameter.sizes());
        offset += parameter.numel();
        torch::Tensor& gradient = const_cast<torch::Tensor&>(parameter).mutable_grad();
        gradient = summed / static_cast<double>(total.images);
    }
    return total;
}

void broadcastWeights(ClassifierModule& module, ProcessGroup& group) {
    torch::NoGradGuard noGrad;
    for (auto& [name, weight] : module.namedWeights()) {
        torch::Tensor values = weight.detach().contiguous();
        group.broadcast(values, 0);
        if (!values.is_same(weight)) weight.copy_(values);
    }
}

bool checkRanksAgree(ClassifierModule& module, ProcessGroup& group, bool stopHere) {
    // Summed in float64 with each tensor weighted by its position, so that swapped tensors show as well.
    double checksum = 0.0;
    double position = 1.0;
    for (const torch::Tensor& parameter : module.trainableParameters())
        checksum += position++ * parameter.detach().to(torch::kFloat64).sum().item<double>();
    const torch::Tensor gathered =
        group.allGather(torch::tensor({checksum, stopHere ? 1.0 : 0.0}, torch::kFloat64));
    std::string differing;
    for (int rank = 1; rank < group.size(); ++rank)
        if (gathered[rank][0].item<double>() != gathered[0][0].item<double>())
            differing += (differing.empty() ? "" : ", ") + std::to_string(rank);
    if (!differing.empty())
        throw Error(group.context().describe() + ": the parameters of rank " + differing +
                    " differ from rank 0's: the ranks no longer train the same model (a different "
                    "LibTorch, BLAS or thread count on some node?)");
    return gathered.select(1, 1).sum().item<double>() > 0.5;
}

bool anyRank(ProcessGroup& group, bool flag) {
    torch::Tensor value = torch::tensor({flag ? 1.0f : 0.0f});
    group.allReduceSum(value);
    return value.item<float>() > 0.5f;
}

}  // namespace tlw
