#include "core/train/head_solve_report.h"

#include <cstdio>

#include "core/models/layer_info.h"

namespace tlw {

std::string headSolveFigures(const HeadSolveReport& report) {
    char chosen[220];
    if (report.folds > 0 && report.chosenIndex < report.path.size()) {
        const CrossValidationPoint& point = report.path[report.chosenIndex];
        const bool sampled =
            report.crossValidationImages > 0 && report.crossValidationImages < report.trainingImages;
        const std::string sample = sampled ? " on " + formatThousands(report.crossValidationImages) + " of " +
                                                 formatThousands(report.trainingImages) + " images"
                                           : "";
        std::snprintf(chosen, sizeof chosen,
                      "L2 %.0e chosen by %d-fold cross-validation%s (accuracy %.4f, loss %.4f)",
                      point.l2Strength, report.folds, sample.c_str(), point.accuracy, point.loss);
    } else {
        std::snprintf(chosen, sizeof chosen, "L2 %.0e (too few images to cross-validate)",
                      report.chosenStrength);
    }
    char refit[160];
    std::snprintf(refit, sizeof refit, "%d L-BFGS iterations, gradient %.1e (tolerance %.0e)%s, %.2f s",
                  report.iterations, report.gradientNorm, report.tolerance,
                  report.converged ? "" : " NOT converged", report.seconds);
    return std::string(chosen) + "; " + refit;
}

}  // namespace tlw
