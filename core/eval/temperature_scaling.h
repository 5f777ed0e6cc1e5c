#pragma once

#include <cstddef>
#include <vector>

#include "core/eval/reliability.h"

// Temperature scaling (Guo et al. 2017): one scalar T that divides every logit before the softmax (or the
// sigmoid of a two-class model), fitted to minimise the negative log-likelihood of held-out labels. It
// leaves the order of a row's logits, and so the predicted class, as it was: only the confidence moves.
// Torch-free, in double precision.
namespace tlw {

// Where the search for T stays: a tenth of the logits' scale up to ten times it is what trained CNNs need
// (Guo et al. report 1.1 to 3.5); the wider bounds only matter for degenerate validation sets (every image
// right by a wide margin pushes T towards the lower bound).
constexpr double kMinTemperature = 0.05;
constexpr double kMaxTemperature = 20.0;

// A model's logits for labelled images, row by row.
struct LogitRows {
    std::vector<float> values;  // rows x columns, row-major
    std::size_t columns = 0;    // 1: a two-class model's single logit (sigmoid); more: softmax
    std::vector<int> labels;    // one per row; a one-column row's label is 0 or 1

    std::size_t rows() const { return labels.size(); }
};

struct TemperatureFit {
    double temperature = 1.0;
    double nllBefore = 0.0;  // mean NLL at T = 1
    double nllAfter = 0.0;   // at the fitted T
    ReliabilityDiagram before;
    ReliabilityDiagram after;
};

// Mean negative log-likelihood of the labels under softmax(logits / T) (sigmoid for one column).
// Throws tlw::Error for inconsistent sizes, a label out of range or T <= 0.
double temperatureScaledNll(const LogitRows& logits, double temperature);

// The reliability diagram of the probabilities at temperature T (top-1 confidence against correctness).
ReliabilityDiagram reliabilityAtTemperature(const LogitRows& logits, double temperature,
                                            int binCount = kReliabilityBins);

// T in [kMinTemperature, kMaxTemperature] minimising temperatureScaledNll, by golden-section search on
// log T: the NLL is convex in 1/T, so it has one minimum along log T, and a fixed number of steps makes the
// fit deterministic. T stays 1 when no T does better (or there are no rows). Throws as temperatureScaledNll.
TemperatureFit fitTemperature(const LogitRows& logits);

}  // namespace tlw
