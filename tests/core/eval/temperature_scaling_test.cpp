#include "core/eval/temperature_scaling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

LogitRows rowsOf(std::size_t columns, std::vector<float> values, std::vector<int> labels) {
    LogitRows rows;
    rows.columns = columns;
    rows.values = std::move(values);
    rows.labels = std::move(labels);
    return rows;
}

TEST(TemperatureScaling, BinaryFitMatchesTheClosedForm) {
    // Four images with logit 2, three of them positive: the likelihood is best when sigmoid(2 / T) = 3/4,
    // i.e. T = 2 / ln 3.
    const LogitRows rows = rowsOf(1, {2, 2, 2, 2}, {1, 1, 1, 0});
    const TemperatureFit fit = fitTemperature(rows);
    EXPECT_NEAR(fit.temperature, 2.0 / std::log(3.0), 1e-6);
    EXPECT_NEAR(fit.nllAfter, -(0.75 * std::log(0.75) + 0.25 * std::log(0.25)), 1e-9);
    EXPECT_NEAR(fit.nllBefore, (3 * std::log1p(std::exp(-2.0)) + std::log1p(std::exp(2.0))) / 4, 1e-9);
}

TEST(TemperatureScaling, SoftmaxFitMatchesTheClosedForm) {
    // Logits (2, 0, 0) everywhere, half the labels class 0: best when e^(2/T) / (e^(2/T) + 2) = 1/2, i.e.
    // T = 2 / ln 2.
    const LogitRows rows = rowsOf(3, {2, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0}, {0, 0, 1, 2});
    EXPECT_NEAR(fitTemperature(rows).temperature, 2.0 / std::log(2.0), 1e-6);
}

// Logits of an overconfident model: drawn, then the labels sampled from softmax(logits / trueT).
LogitRows overconfidentRows(double trueT, std::size_t count, std::size_t columns) {
    std::mt19937 random(7);
    std::normal_distribution<float> logit(0.0f, 4.0f);
    LogitRows rows;
    rows.columns = columns;
    for (std::size_t i = 0; i < count; ++i) {
        std::vector<double> weights;
        for (std::size_t c = 0; c < columns; ++c) {
            rows.values.push_back(logit(random));
            weights.push_back(std::exp(rows.values.back() / trueT));
        }
        std::discrete_distribution<int> label(weights.begin(), weights.end());
        rows.labels.push_back(label(random));
    }
    return rows;
}

TEST(TemperatureScaling, RecoversTheTemperatureThatGeneratedTheLabelsAndLowersTheEce) {
    const LogitRows rows = overconfidentRows(2.0, 4000, 4);
    const TemperatureFit fit = fitTemperature(rows);
    EXPECT_NEAR(fit.temperature, 2.0, 0.2);
    EXPECT_LT(fit.nllAfter, fit.nllBefore);
    EXPECT_LT(fit.after.expectedCalibrationError, fit.before.expectedCalibrationError);
    // A minimum: a step either way does no better.
    EXPECT_LE(fit.nllAfter, temperatureScaledNll(rows, fit.temperature * 1.01));
    EXPECT_LE(fit.nllAfter, temperatureScaledNll(rows, fit.temperature / 1.01));
    // Deterministic: the same rows give the same T to the bit.
    EXPECT_EQ(fitTemperature(rows).temperature, fit.temperature);
}

TEST(TemperatureScaling, UnderconfidentLogitsGetATemperatureBelowOne) {
    EXPECT_NEAR(fitTemperature(overconfidentRows(0.5, 4000, 3)).temperature, 0.5, 0.06);
}

TEST(TemperatureScaling, ScalingNeverChangesWhichPredictionsAreRight) {
    const LogitRows rows = overconfidentRows(3.0, 500, 5);
    const TemperatureFit fit = fitTemperature(rows);
    std::size_t rightBefore = 0;
    std::size_t rightAfter = 0;
    for (std::size_t b = 0; b < fit.before.bins.size(); ++b) {
        rightBefore +=
            static_cast<std::size_t>(std::lround(fit.before.bins[b].accuracy * fit.before.bins[b].count));
        rightAfter +=
            static_cast<std::size_t>(std::lround(fit.after.bins[b].accuracy * fit.after.bins[b].count));
    }
    EXPECT_EQ(rightBefore, rightAfter);
}

TEST(TemperatureScaling, NoRowsKeepTemperatureOneAndBadInputIsAnError) {
    EXPECT_EQ(fitTemperature(rowsOf(3, {}, {})).temperature, 1.0);
    EXPECT_THROW(fitTemperature(rowsOf(3, {1, 2}, {0})), Error);
    EXPECT_THROW(fitTemperature(rowsOf(3, {1, 2, 3}, {3})), Error);
    EXPECT_THROW(fitTemperature(rowsOf(1, {1}, {2})), Error);
    EXPECT_THROW(temperatureScaledNll(rowsOf(1, {1}, {1}), 0.0), Error);
}

}  // namespace
}  // namespace tlw
