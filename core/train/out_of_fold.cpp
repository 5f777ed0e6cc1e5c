#include "core/train/out_of_fold.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/train/head_cross_validation.h"
#include "core/train/head_fit.h"
#include "core/util/error.h"

namespace tlw {
namespace {

// Up to this many feature values the solves run in float64, as training's exact head does.
constexpr int64_t kFloat64Limit = 4'000'000;

// The head's penalty treats every weight alike, so the features need comparable scales; each fold takes
// them from its own training rows, so that the held-out rows stay unseen. The floor keeps constant
// features finite (the same as exact_head.cpp's).
struct Standardiser {
    torch::Tensor mean;
    torch::Tensor scale;

    static Standardiser of(const torch::Tensor& rows) {
        const torch::Tensor mean = rows.mean(0);
        const torch::Tensor variance = (rows - mean).pow(2).mean(0);
        return {mean, torch::max(variance, variance.mean().clamp_min(1e-14) * 1e-6).sqrt()};
    }
    torch::Tensor apply(const torch::Tensor& rows) const { return (rows - mean) / scale; }
};

// As the trained model reports them: two classes as [sigmoid(-z), sigmoid(z)], more by softmax.
torch::Tensor probabilitiesOf(const HeadParameters& head, const torch::Tensor& features) {
    const torch::Tensor logits = torch::addmm(head.bias, features, head.weight.t());
    if (logits.size(1) == 1) {
        const torch::Tensor z = logits.reshape({-1});
        return torch::stack({torch::sigmoid(-z), torch::sigmoid(z)}, 1);
    }
    return torch::softmax(logits, 1);
}

torch::Tensor rowsOfFold(const std::vector<int>& fold, int k, bool inFold) {
    std::vector<int64_t> rows;
    for (size_t i = 0; i < fold.size(); ++i)
        if ((fold[i] == k) == inFold) rows.push_back(static_cast<int64_t>(i));
    return torch::tensor(rows, torch::kLong);
}

bool cancelled(const std::atomic<bool>* cancel) { return cancel != nullptr && cancel->load(); }

}  // namespace

OutOfFoldProbabilities outOfFoldProbabilities(const torch::Tensor& features, const torch::Tensor& labels,
                                              int classCount, const OutOfFoldOptions& options,
                                              const std::atomic<bool>* cancel) {
    if (options.folds < 2) throw Error("the folds must be at least 2, got " + std::to_string(options.folds));
    const int64_t n = features.size(0);
    if (n < options.folds)
        throw Error(std::to_string(n) + " images are too few for " + std::to_string(options.folds) +
                    " folds");
    torch::NoGradGuard noGrad;
    const torch::Tensor x =
        features.to(features.numel() <= kFloat64Limit ? torch::kFloat64 : torch::kFloat32);
    const double tolerance = x.scalar_type() == torch::kFloat64 ? 1e-6 : 1e-4;

    OutOfFoldProbabilities result;
    HeadCrossValidationOptions choice;
    choice.seed = options.seed;
    choice.tolerance = tolerance;
    const CrossValidatedHead chosen =
        solveHeadWithCrossValidation(Standardiser::of(x).apply(x), labels, classCount, {}, choice, cancel);
    if (chosen.cancelled || cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }
    result.strengthChoice = chosen.report;
    result.folds = options.folds;

    const torch::Tensor labelRows = labels.to(torch::kLong).contiguous();
    const std::vector<int64_t> labelList(labelRows.data_ptr<int64_t>(), labelRows.data_ptr<int64_t>() + n);
    const std::vector<int> fold = stratifiedFolds(labelList, options.folds, options.seed);
    result.probabilities = torch::zeros({n, classCount}, torch::kFloat32);
    HeadFitOptions fitOptions;
    fitOptions.gradientTolerance = tolerance;
    for (int k = 0; k < options.folds; ++k) {
        if (cancelled(cancel)) {
            result.cancelled = true;
            return result;
        }
        const torch::Tensor train = rowsOfFold(fold, k, false);
        const torch::Tensor held = rowsOfFold(fold, k, true);
        if (held.numel() == 0) continue;
        const torch::Tensor trainRows = x.index_select(0, train);
        const Standardiser standardiser = Standardiser::of(trainRows);
        // The strength was chosen for all n images; at scikit-learn's C = 1 / (lambda n), as the
        // cross-validation carries it between sizes, the fold's n_train needs lambda n / n_train.
        fitOptions.l2Strength = chosen.report.chosenStrength * double(n) / double(train.numel());
        const HeadFit fit = fitHead(standardiser.apply(trainRows), labelRows.index_select(0, train),
                                    classCount, {}, fitOptions);
        const torch::Tensor heldProbabilities =
            probabilitiesOf(fit.parameters, standardiser.apply(x.index_select(0, held)));
        result.probabilities.index_copy_(0, held, heldProbabilities.to(torch::kFloat32));
    }
    return result;
}

}  // namespace tlw
