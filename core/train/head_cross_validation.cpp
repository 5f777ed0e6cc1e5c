#include "core/train/head_cross_validation.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

using Clock = std::chrono::steady_clock;

// Below this many multiply-adds per evaluation of the objective (images x features x units), one thread:
// L-BFGS runs many tiny operators in a row, and on a small problem waking a second thread for each costs
// more than it saves (191 x 512 x 5 on a busy 2-core machine: 9x slower on two threads than on one).
constexpr int64_t kParallelWork = 4'000'000;

// Sets LibTorch's thread count for the solve and puts the old one back, also when the solve throws.
class SolveThreads {
public:
    explicit SolveThreads(int64_t work) : m_previous(at::get_num_threads()) {
        if (work < kParallelWork) at::set_num_threads(1);
    }
    ~SolveThreads() {
        if (at::get_num_threads() != m_previous) at::set_num_threads(m_previous);
    }
    SolveThreads(const SolveThreads&) = delete;
    SolveThreads& operator=(const SolveThreads&) = delete;

private:
    int m_previous;
};

// The number of folds the data allows: at most the images of the rarest class, so that every fold holds
// each class; 0 when that is below 2.
int usableFolds(const std::vector<int64_t>& labels, int wanted) {
    std::map<int64_t, int> counts;
    for (const int64_t label : labels) ++counts[label];
    int rarest = labels.empty() ? 0 : static_cast<int>(labels.size());
    for (const auto& [label, count] : counts) rarest = std::min(rarest, count);
    const int folds = std::min(wanted, rarest);
    return folds >= 2 ? folds : 0;
}

torch::Tensor rowsWhere(const std::vector<int>& fold, int k, bool inFold) {
    std::vector<int64_t> rows;
    for (size_t i = 0; i < fold.size(); ++i)
        if ((fold[i] == k) == inFold) rows.push_back(static_cast<int64_t>(i));
    return torch::tensor(rows, torch::kLong);
}

torch::Tensor sampleWeightsFor(const torch::Tensor& classWeights, const torch::Tensor& labels,
                               const torch::TensorOptions& options) {
    if (!classWeights.defined()) return {};
    return classWeights.to(options).index_select(0, labels);
}

// Better mean accuracy wins; within a hair of it, the lower loss.
std::size_t bestPoint(const std::vector<CrossValidationPoint>& path) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const double gain = path[i].accuracy - path[best].accuracy;
        if (gain > 1e-9 || (std::abs(gain) <= 1e-9 && path[i].loss < path[best].loss)) best = i;
    }
    return best;
}

struct FoldPath {
    std::vector<HeadParameters> solutions;  // one per strength
    std::vector<HeadScores> scores;
    std::vector<int> iterations;
};

// One fold: the strengths from strong to weak, each solve starting where the previous ended.
FoldPath walkFold(const torch::Tensor& features, const torch::Tensor& labels, const std::vector<int>& fold,
                  int k, int classCount, const torch::Tensor& classWeights,
                  const HeadCrossValidationOptions& options, const std::atomic<bool>* cancel) {
    const torch::Tensor trainRows = rowsWhere(fold, k, false);
    const torch::Tensor heldOutRows = rowsWhere(fold, k, true);
    const torch::Tensor trainFeatures = features.index_select(0, trainRows);
    const torch::Tensor trainLabels = labels.index_select(0, trainRows);
    const torch::Tensor heldOutFeatures = features.index_select(0, heldOutRows);
    const torch::Tensor heldOutLabels = labels.index_select(0, heldOutRows);
    const torch::Tensor weights = sampleWeightsFor(classWeights, trainLabels, features.options());
    FoldPath path;
    HeadFitOptions fitOptions;
    fitOptions.gradientTolerance = options.crossValidationTolerance;
    fitOptions.maxIterations = options.maxIterations;
    for (const double strength : options.strengths) {
        if (cancel != nullptr && cancel->load()) break;
        fitOptions.l2Strength = strength;
        const HeadParameters* start = path.solutions.empty() ? nullptr : &path.solutions.back();
        const HeadFit fit = fitHead(trainFeatures, trainLabels, classCount, weights, fitOptions, start);
        path.solutions.push_back(fit.parameters);
        path.scores.push_back(scoreHead(fit.parameters, heldOutFeatures, heldOutLabels));
        path.iterations.push_back(fit.iterations);
    }
    return path;
}

// The folds' solutions at one strength, averaged: a warm start close to the refit's optimum.
HeadParameters meanSolution(const std::vector<FoldPath>& folds, std::size_t point) {
    HeadParameters mean{torch::zeros_like(folds.front().solutions[point].weight),
                        torch::zeros_like(folds.front().solutions[point].bias)};
    for (const FoldPath& fold : folds) {
        mean.weight += fold.solutions[point].weight;
        mean.bias += fold.solutions[point].bias;
    }
    mean.weight /= static_cast<double>(folds.size());
    mean.bias /= static_cast<double>(folds.size());
    return mean;
}

void checkInput(const torch::Tensor& features, const torch::Tensor& labels, int classCount,
                const HeadCrossValidationOptions& options) {
    if (features.dim() != 2 || labels.dim() != 1 || features.size(0) != labels.size(0) ||
        features.size(0) == 0)
        throw Error("the exact head solver needs n x f features and n labels (n > 0)");
    if (classCount < 2) throw Error("the exact head solver needs at least 2 classes");
    if (options.strengths.empty()) throw Error("the exact head solver needs at least one L2 strength");
}

}  // namespace

std::vector<double> HeadCrossValidationOptions::defaultStrengths() {
    std::vector<double> strengths;
    for (int step = 0; step <= 12; ++step) strengths.push_back(std::pow(10.0, 1.0 - 0.5 * step));
    return strengths;
}

std::vector<int64_t> stratifiedSample(const std::vector<int64_t>& labels, int count, int minimumPerClass,
                                      std::uint64_t seed) {
    const auto total = static_cast<int64_t>(labels.size());
    std::vector<int64_t> rows;
    if (total <= count) {
        for (int64_t i = 0; i < total; ++i) rows.push_back(i);
        return rows;
    }
    std::map<int64_t, std::vector<int64_t>> byClass;
    for (int64_t i = 0; i < total; ++i) byClass[labels[static_cast<size_t>(i)]].push_back(i);
    std::mt19937_64 random(seed);
    for (auto& [label, members] : byClass) {
        const auto share = static_cast<int64_t>(members.size()) * count / total;
        std::shuffle(members.begin(), members.end(), random);
        const auto keep = std::max<int64_t>(share, std::min<int64_t>(minimumPerClass, members.size()));
        members.resize(static_cast<size_t>(keep));
        rows.insert(rows.end(), members.begin(), members.end());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::vector<int> stratifiedFolds(const std::vector<int64_t>& labels, int folds, std::uint64_t seed) {
    std::map<int64_t, std::vector<int>> byClass;
    for (size_t i = 0; i < labels.size(); ++i) byClass[labels[i]].push_back(static_cast<int>(i));
    std::mt19937_64 random(seed);
    std::vector<int> fold(labels.size(), 0);
    int next = 0;  // carried across classes, so the folds' sizes differ by at most one in total too
    for (auto& [label, rows] : byClass) {
        std::shuffle(rows.begin(), rows.end(), random);
        for (const int row : rows) fold[static_cast<size_t>(row)] = next++ % folds;
    }
    return fold;
}

CrossValidatedHead solveHeadWithCrossValidation(const torch::Tensor& features, const torch::Tensor& labels,
                                                int classCount, const torch::Tensor& classWeights,
                                                const HeadCrossValidationOptions& options,
                                                const std::atomic<bool>* cancel) {
    checkInput(features, labels, classCount, options);
    const auto start = Clock::now();
    const SolveThreads threads(features.size(0) * features.size(1) * headUnits(classCount));
    torch::NoGradGuard noGrad;  // fitHead turns gradients on for its own parameters only
    const torch::Tensor labelsCpu = labels.to(torch::kLong).contiguous();
    const std::vector<int64_t> labelList(labelsCpu.data_ptr<int64_t>(),
                                         labelsCpu.data_ptr<int64_t>() + labelsCpu.numel());
    CrossValidatedHead result;
    HeadSolveReport& report = result.report;
    report.chosenStrength = options.fallbackStrength;

    const std::vector<int64_t> sampleRows =
        stratifiedSample(labelList, options.maxCrossValidationImages, options.folds, options.seed);
    std::vector<int64_t> sampleLabels;
    for (const int64_t row : sampleRows) sampleLabels.push_back(labelList[static_cast<size_t>(row)]);
    report.trainingImages = static_cast<int>(labelList.size());
    report.crossValidationImages = static_cast<int>(sampleRows.size());
    report.folds = usableFolds(sampleLabels, options.folds);
    // The sample's strength for the whole set at the same C = 1 / (lambda n).
    const double toWholeSet = static_cast<double>(sampleRows.size()) / static_cast<double>(labelList.size());

    std::vector<FoldPath> folds;
    if (report.folds > 0) {
        const torch::Tensor rows = torch::tensor(sampleRows, torch::kLong);
        const torch::Tensor sampleFeatures = features.index_select(0, rows);
        const torch::Tensor sampleLabelTensor = labelsCpu.index_select(0, rows);
        const std::vector<int> fold = stratifiedFolds(sampleLabels, report.folds, options.seed);
        // One fold after another. Side by side (at::parallel_for) was faster on an idle machine, but each
        // fold then called LibTorch's BLAS (OpenBLAS, with its own thread pool) from its own thread, and
        // under load 2,000 images took 780 s instead of seconds.
        for (int k = 0; k < report.folds; ++k)
            folds.push_back(walkFold(sampleFeatures, sampleLabelTensor, fold, k, classCount, classWeights,
                                     options, cancel));
        if (cancel != nullptr && cancel->load()) {
            result.cancelled = true;
            return result;
        }
        for (std::size_t i = 0; i < options.strengths.size(); ++i) {
            CrossValidationPoint point;
            point.l2Strength = options.strengths[i] * toWholeSet;
            for (const FoldPath& path : folds) {
                point.accuracy += path.scores[i].accuracy / report.folds;
                point.loss += path.scores[i].loss / report.folds;
                point.iterations += path.iterations[i];
            }
            report.path.push_back(point);
        }
        report.chosenIndex = bestPoint(report.path);
        report.chosenStrength = report.path[report.chosenIndex].l2Strength;
    }

    HeadFitOptions refit;
    refit.l2Strength = report.chosenStrength;
    refit.gradientTolerance = options.tolerance;
    refit.maxIterations = options.maxIterations;
    const HeadParameters warm = folds.empty() ? HeadParameters{} : meanSolution(folds, report.chosenIndex);
    result.fit = fitHead(features, labelsCpu, classCount,
                         sampleWeightsFor(classWeights, labelsCpu, features.options()), refit,
                         folds.empty() ? nullptr : &warm);
    report.iterations = result.fit.iterations;
    report.gradientNorm = result.fit.gradientNorm;
    report.tolerance = options.tolerance;
    report.converged = result.fit.converged;
    report.objective = result.fit.objective;
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

}  // namespace tlw
