#include "core/train/head_cross_validation.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "core/train/run_notice.h"

namespace tlw {
namespace {

struct Problem {
    torch::Tensor features;
    torch::Tensor labels;
};

Problem noisyClasses(int64_t rows, int64_t featureCount, int classes, double separation, uint64_t seed) {
    torch::manual_seed(seed);
    Problem problem;
    problem.labels = torch::arange(rows, torch::kLong) % classes;
    const torch::Tensor means = torch::randn({classes, featureCount}, torch::kFloat64);
    problem.features = torch::randn({rows, featureCount}, torch::kFloat64) +
                       separation * means.index_select(0, problem.labels);
    return problem;
}

HeadCrossValidationOptions smallGrid(uint64_t seed) {
    HeadCrossValidationOptions options;
    options.strengths = {1.0, 0.1, 0.01, 0.001};
    options.seed = seed;
    return options;
}

TEST(StratifiedFolds, EveryFoldHoldsEveryClassInNearlyEqualShares) {
    std::vector<int64_t> labels;
    for (int i = 0; i < 23; ++i) labels.push_back(0);
    for (int i = 0; i < 12; ++i) labels.push_back(1);
    const std::vector<int> fold = stratifiedFolds(labels, 5, 7);
    std::map<std::pair<int, int64_t>, int> counts;
    for (size_t i = 0; i < labels.size(); ++i) ++counts[{fold[i], labels[i]}];
    for (int k = 0; k < 5; ++k) {
        const int ants = counts[std::make_pair(k, int64_t{0})];
        const int bees = counts[std::make_pair(k, int64_t{1})];
        EXPECT_GE(ants, 4);
        EXPECT_LE(ants, 5);
        EXPECT_GE(bees, 2);
        EXPECT_LE(bees, 3);
    }
    EXPECT_EQ(stratifiedFolds(labels, 5, 7), fold);
}

TEST(StratifiedSample, KeepsEachClassShareAndARareClassReachesEveryFold) {
    std::vector<int64_t> labels;
    for (int i = 0; i < 900; ++i) labels.push_back(0);
    for (int i = 0; i < 97; ++i) labels.push_back(1);
    for (int i = 0; i < 3; ++i) labels.push_back(2);
    const std::vector<int64_t> rows = stratifiedSample(labels, 100, 5, 11);
    std::map<int64_t, int> counts;
    for (const int64_t row : rows) ++counts[labels[static_cast<size_t>(row)]];
    EXPECT_EQ(counts[0], 90);
    EXPECT_EQ(counts[1], 9);
    EXPECT_EQ(counts[2], 3) << "a class rarer than the folds keeps all it has";
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
    EXPECT_EQ(std::set<int64_t>(rows.begin(), rows.end()).size(), rows.size());
    EXPECT_EQ(stratifiedSample(labels, 100, 5, 11), rows);
    EXPECT_NE(stratifiedSample(labels, 100, 5, 12), rows);
    EXPECT_EQ(stratifiedSample(labels, 5000, 5, 11).size(), labels.size());
}

TEST(HeadCrossValidation, ALargeSetChoosesOnASampleAndRefitsOnAll) {
    const Problem problem = noisyClasses(600, 6, 3, 0.6, 9);
    HeadCrossValidationOptions options = smallGrid(2);
    options.maxCrossValidationImages = 150;
    const CrossValidatedHead solved =
        solveHeadWithCrossValidation(problem.features, problem.labels, 3, {}, options);
    const HeadSolveReport& report = solved.report;
    EXPECT_EQ(report.trainingImages, 600);
    EXPECT_EQ(report.crossValidationImages, 150);
    ASSERT_EQ(report.path.size(), options.strengths.size());
    // The sample's grid carried to the whole set at the same C: lambda x 150 / 600.
    for (size_t i = 0; i < report.path.size(); ++i)
        EXPECT_DOUBLE_EQ(report.path[i].l2Strength, options.strengths[i] * 0.25);
    EXPECT_EQ(report.chosenStrength, report.path[report.chosenIndex].l2Strength);
    EXPECT_TRUE(report.converged);
    HeadFitOptions direct;
    direct.l2Strength = report.chosenStrength;
    direct.gradientTolerance = 1e-9;
    const HeadFit all = fitHead(problem.features, problem.labels, 3, {}, direct);
    EXPECT_LT((all.parameters.weight - solved.fit.parameters.weight).abs().max().item<double>(), 1e-4)
        << "the refit is the solve on all 600 images";
    const std::string line = headSolvedNotice(report).english();
    EXPECT_NE(line.find("cross-validation on 150 of 600 images"), std::string::npos) << line;
}

TEST(HeadCrossValidation, TheSameSeedChoosesTheSameStrengthAndPath) {
    const Problem problem = noisyClasses(80, 6, 3, 0.6, 4);
    const CrossValidatedHead first =
        solveHeadWithCrossValidation(problem.features, problem.labels, 3, {}, smallGrid(21));
    const CrossValidatedHead second =
        solveHeadWithCrossValidation(problem.features, problem.labels, 3, {}, smallGrid(21));
    ASSERT_EQ(first.report.path.size(), 4u);
    EXPECT_EQ(first.report.folds, 5);
    EXPECT_EQ(first.report.chosenStrength, second.report.chosenStrength);
    for (size_t i = 0; i < first.report.path.size(); ++i) {
        EXPECT_EQ(first.report.path[i].accuracy, second.report.path[i].accuracy);
        EXPECT_EQ(first.report.path[i].loss, second.report.path[i].loss);
    }
    EXPECT_TRUE(torch::equal(first.fit.parameters.weight, second.fit.parameters.weight));
}

TEST(HeadCrossValidation, ChoosesTheBestMeanAccuracyAndRefitsToTolerance) {
    const Problem problem = noisyClasses(100, 8, 2, 0.5, 8);
    const CrossValidatedHead solved =
        solveHeadWithCrossValidation(problem.features, problem.labels, 2, {}, smallGrid(3));
    const HeadSolveReport& report = solved.report;
    const CrossValidationPoint& chosen = report.path.at(report.chosenIndex);
    EXPECT_EQ(report.chosenStrength, chosen.l2Strength);
    for (const CrossValidationPoint& point : report.path) {
        EXPECT_LE(point.accuracy, chosen.accuracy);
        if (point.accuracy == chosen.accuracy) {
            EXPECT_GE(point.loss, chosen.loss);
        }
        EXPECT_GT(point.iterations, 0);
    }
    EXPECT_TRUE(report.converged);
    EXPECT_LE(report.gradientNorm, report.tolerance);

    // The refit is the plain solve at the chosen strength.
    HeadFitOptions options;
    options.l2Strength = report.chosenStrength;
    options.gradientTolerance = 1e-9;
    const HeadFit direct = fitHead(problem.features, problem.labels, 2, {}, options);
    EXPECT_LT((direct.parameters.weight - solved.fit.parameters.weight).abs().max().item<double>(), 1e-4);
}

TEST(HeadCrossValidation, TooFewImagesPerClassUseTheFallbackStrength) {
    const Problem problem = noisyClasses(3, 2, 3, 1.0, 2);
    const CrossValidatedHead solved =
        solveHeadWithCrossValidation(problem.features, problem.labels, 3, {}, smallGrid(1));
    EXPECT_EQ(solved.report.folds, 0);
    EXPECT_TRUE(solved.report.path.empty());
    EXPECT_EQ(solved.report.chosenStrength, HeadCrossValidationOptions{}.fallbackStrength);
    EXPECT_TRUE(solved.report.converged);
}

TEST(HeadCrossValidation, ClassWeightsShiftTheSolutionTowardsTheHeavierClass) {
    const Problem problem = noisyClasses(60, 4, 2, 0.4, 6);
    const CrossValidatedHead plain =
        solveHeadWithCrossValidation(problem.features, problem.labels, 2, {}, smallGrid(5));
    const CrossValidatedHead weighted = solveHeadWithCrossValidation(
        problem.features, problem.labels, 2, torch::tensor({1.0, 4.0}, torch::kFloat64), smallGrid(5));
    // Compared at one strength: the class weights may also move the chosen strength.
    HeadFitOptions options;
    options.l2Strength = 0.1;
    const torch::Tensor weights = torch::tensor({1.0, 4.0}, torch::kFloat64).index_select(0, problem.labels);
    const HeadFit heavy = fitHead(problem.features, problem.labels, 2, weights, options);
    const HeadFit even = fitHead(problem.features, problem.labels, 2, {}, options);
    EXPECT_GT(heavy.parameters.bias.item<double>(), even.parameters.bias.item<double>());
    EXPECT_TRUE(weighted.report.converged);
    EXPECT_FALSE(torch::allclose(plain.fit.parameters.weight, weighted.fit.parameters.weight));
}

TEST(HeadCrossValidation, RejectsFeaturesAndLabelsOfDifferentLengths) {
    EXPECT_THROW(solveHeadWithCrossValidation(torch::zeros({4, 2}), torch::zeros({3}, torch::kLong), 2, {},
                                              smallGrid(1)),
                 std::runtime_error);
}

}  // namespace
}  // namespace tlw
