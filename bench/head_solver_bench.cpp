// The exact head solver on synthetic cached features: one solve at a fixed L2 strength, and the whole
// cross-validated solve (5 folds x the default grid, then the refit), as the frozen phase runs it.
//
//   head_solver_bench [ROWS=20000] [FEATURES=512] [CLASSES=10] [THREADS=2] [float32|float64]
//
// The features are what a Normalization layer hands the head: standardised, classes that overlap (a
// shifted mean per class in a random direction plus noise), so that the optimum is finite and the
// held-out accuracy is below 1 as on real photographs.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/train/head_cross_validation.h"
#include "core/train/run_notice.h"
#include "core/util/tensor_memory.h"

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Problem {
    torch::Tensor features;
    torch::Tensor labels;
};

Problem syntheticProblem(int64_t rows, int64_t featureCount, int classes, torch::Dtype dtype) {
    torch::manual_seed(42);
    Problem problem;
    problem.labels = torch::randint(classes, {rows}, torch::kLong);
    const torch::Tensor means = torch::randn({classes, featureCount}) * 0.12;
    torch::Tensor x = torch::randn({rows, featureCount}) + means.index_select(0, problem.labels);
    x = (x - x.mean(0)) / x.std(0);
    problem.features = x.to(dtype).contiguous();
    return problem;
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 20000;
    const int64_t featureCount = argc > 2 ? std::atoll(argv[2]) : 512;
    const int classes = argc > 3 ? std::atoi(argv[3]) : 10;
    const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
    const torch::Dtype dtype =
        argc > 5 && std::string(argv[5]) == "float64" ? torch::kFloat64 : torch::kFloat32;
    torch::set_num_threads(threads);
    const tlw::TensorMemoryScope memory;       // as a training run has it
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes, also when the run is cut short
    const Problem problem = syntheticProblem(rows, featureCount, classes, dtype);
    std::printf("%lld x %lld features, %d classes, %d threads, %s\n", static_cast<long long>(rows),
                static_cast<long long>(featureCount), classes, threads,
                dtype == torch::kFloat64 ? "float64" : "float32");

    {
        // One evaluation of the objective and its gradient: what each L-BFGS iteration costs at least.
        tlw::HeadParameters head{
            torch::zeros({classes == 2 ? 1 : classes, featureCount}, dtype).requires_grad_(),
            torch::zeros({classes == 2 ? 1 : classes}, dtype).requires_grad_()};
        const auto evaluate = [&] {
            tlw::headObjective(head, problem.features, problem.labels, {}, 1e-3).backward();
        };
        evaluate();
        const auto start = Clock::now();
        for (int i = 0; i < 10; ++i) evaluate();
        std::printf("objective and gradient: %.1f ms\n", secondsSince(start) * 100.0);
    }

    // Tolerances as the frozen phase sets them (core/train/exact_head.cpp).
    const double tolerance = dtype == torch::kFloat64 ? 1e-6 : 1e-4;
    tlw::HeadFitOptions single;
    single.l2Strength = 1e-3;
    single.gradientTolerance = tolerance;
    auto start = Clock::now();
    const tlw::HeadFit fit = tlw::fitHead(problem.features, problem.labels, classes, {}, single);
    std::printf("one solve (L2 %.0e): %.3f s, %d iterations, gradient %.1e, converged %s\n",
                single.l2Strength, secondsSince(start), fit.iterations, fit.gradientNorm,
                fit.converged ? "yes" : "no");

    tlw::HeadCrossValidationOptions options;
    options.tolerance = tolerance;
    start = Clock::now();
    const tlw::CrossValidatedHead solved =
        tlw::solveHeadWithCrossValidation(problem.features, problem.labels, classes, {}, options);
    int cvIterations = 0;
    for (const tlw::CrossValidationPoint& point : solved.report.path) cvIterations += point.iterations;
    std::printf("cross-validated solve (%d folds x %zu strengths + refit): %.3f s, %d CV iterations\n",
                solved.report.folds, options.strengths.size(), secondsSince(start), cvIterations);
    std::printf("%s\n", tlw::headSolvedNotice(solved.report).english().c_str());
    return 0;
}
