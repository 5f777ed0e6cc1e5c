#include "core/eval/temperature_scaling.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

// Golden-section steps: each keeps 0.618 of the interval, so 80 take log(400) = 6 down to 1e-16.
constexpr int kSearchSteps = 80;

void checkRows(const LogitRows& logits) {
    if (logits.columns == 0) throw Error("logits without columns");
    if (logits.values.size() != logits.rows() * logits.columns)
        throw Error(std::to_string(logits.values.size()) + " logits for " + std::to_string(logits.rows()) +
                    " rows of " + std::to_string(logits.columns));
    const int classes = logits.columns == 1 ? 2 : static_cast<int>(logits.columns);
    for (const int label : logits.labels)
        if (label < 0 || label >= classes)
            throw Error("label " + std::to_string(label) + " is not one of " + std::to_string(classes) +
                        " classes");
}

// log(1 + e^x) without overflow.
double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }

// One row's outcome at temperature T: its NLL, the top class's probability and whether it is the label.
struct RowOutcome {
    double nll = 0.0;
    double confidence = 0.0;
    bool correct = false;
};

RowOutcome binaryRow(double logit, int label, double temperature) {
    const double z = logit / temperature;
    RowOutcome outcome;
    outcome.nll = label == 1 ? softplus(-z) : softplus(z);
    // The network's decision: positive when the logit is above 0 (a tie goes to class 0, as arg-max does).
    const bool positive = logit > 0.0;
    outcome.confidence = 1.0 / (1.0 + std::exp(-std::fabs(z)));
    outcome.correct = (positive ? 1 : 0) == label;
    return outcome;
}

RowOutcome softmaxRow(const float* logits, std::size_t columns, int label, double temperature) {
    std::size_t top = 0;  // the first largest, as arg-max
    for (std::size_t c = 1; c < columns; ++c)
        if (logits[c] > logits[top]) top = c;
    const double largest = logits[top] / temperature;
    double sum = 0.0;
    for (std::size_t c = 0; c < columns; ++c) sum += std::exp(logits[c] / temperature - largest);
    const double logSum = largest + std::log(sum);
    RowOutcome outcome;
    outcome.nll = logSum - logits[static_cast<std::size_t>(label)] / temperature;
    outcome.confidence = 1.0 / sum;
    outcome.correct = static_cast<int>(top) == label;
    return outcome;
}

RowOutcome rowOutcome(const LogitRows& logits, std::size_t row, double temperature) {
    const float* values = logits.values.data() + row * logits.columns;
    const int label = logits.labels[row];
    return logits.columns == 1 ? binaryRow(values[0], label, temperature)
                               : softmaxRow(values, logits.columns, label, temperature);
}

void checkTemperature(double temperature) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw Error("temperature " + std::to_string(temperature) + " is not a positive number");
}

}  // namespace

double temperatureScaledNll(const LogitRows& logits, double temperature) {
    checkRows(logits);
    checkTemperature(temperature);
    if (logits.rows() == 0) return 0.0;
    double total = 0.0;
    for (std::size_t row = 0; row < logits.rows(); ++row) total += rowOutcome(logits, row, temperature).nll;
    return total / static_cast<double>(logits.rows());
}

ReliabilityDiagram reliabilityAtTemperature(const LogitRows& logits, double temperature, int binCount) {
    checkRows(logits);
    checkTemperature(temperature);
    std::vector<double> confidences;
    std::vector<bool> correct;
    for (std::size_t row = 0; row < logits.rows(); ++row) {
        const RowOutcome outcome = rowOutcome(logits, row, temperature);
        confidences.push_back(outcome.confidence);
        correct.push_back(outcome.correct);
    }
    return reliabilityDiagram(confidences, correct, binCount);
}

TemperatureFit fitTemperature(const LogitRows& logits) {
    TemperatureFit fit;
    fit.nllBefore = temperatureScaledNll(logits, 1.0);
    fit.nllAfter = fit.nllBefore;
    if (logits.rows() > 0) {
        const auto nllAt = [&logits](double logT) { return temperatureScaledNll(logits, std::exp(logT)); };
        const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
        double low = std::log(kMinTemperature);
        double high = std::log(kMaxTemperature);
        double a = high - ratio * (high - low);
        double b = low + ratio * (high - low);
        double nllA = nllAt(a);
        double nllB = nllAt(b);
        for (int step = 0; step < kSearchSteps; ++step) {
            if (nllA <= nllB) {
                high = b, b = a, nllB = nllA;
                a = high - ratio * (high - low), nllA = nllAt(a);
            } else {
                low = a, a = b, nllA = nllB;
                b = low + ratio * (high - low), nllB = nllAt(b);
            }
        }
        const double temperature = std::exp((low + high) / 2.0);
        const double nll = temperatureScaledNll(logits, temperature);
        if (nll < fit.nllBefore) fit.temperature = temperature, fit.nllAfter = nll;
    }
    fit.before = reliabilityAtTemperature(logits, 1.0);
    fit.after = reliabilityAtTemperature(logits, fit.temperature);
    return fit;
}

}  // namespace tlw
