#include "core/eval/evaluation.h"

#include <algorithm>

#include "core/eval/probability_figures.h"
#include "core/util/error.h"

// The figures of an evaluation from per-image outcomes: plain arithmetic, no model involved.
namespace tlw {
namespace {

int mostProbableClass(const std::vector<float>& probabilities) {
    // max_element returns the first maximum: ties go to the lower index, as argmax and a logit of 0 do.
    return static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) -
                            probabilities.begin());
}

double ratio(std::size_t numerator, std::size_t denominator) {
    return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

void checkOutcome(const ImageOutcome& image, std::size_t classCount) {
    if (image.label < 0 || static_cast<std::size_t>(image.label) >= classCount)
        throw Error(image.file, "label " + std::to_string(image.label) + " is not one of the " +
                                    std::to_string(classCount) + " classes");
    if (image.probabilities.size() != classCount)
        throw Error(image.file, std::to_string(image.probabilities.size()) + " probabilities for " +
                                    std::to_string(classCount) + " classes");
}

}  // namespace

std::vector<const ImageOutcome*> EvaluationResult::misclassifiedByLoss() const {
    std::vector<const ImageOutcome*> mistakes;
    for (const ImageOutcome& image : images)
        if (image.predicted != image.label) mistakes.push_back(&image);
    std::stable_sort(mistakes.begin(), mistakes.end(),
                     [](const ImageOutcome* a, const ImageOutcome* b) { return a->loss > b->loss; });
    return mistakes;
}

EvaluationResult summarizeEvaluation(const std::vector<std::string>& classNames,
                                     std::vector<ImageOutcome> images, bool binaryLoss) {
    const std::size_t classCount = classNames.size();
    if (classCount < 2) throw Error("an evaluation needs at least 2 classes");
    if (binaryLoss && classCount != 2)
        throw Error("a binary model has 2 classes, not " + std::to_string(classCount));

    EvaluationResult result;
    result.classNames = classNames;
    result.confusion.assign(classCount, std::vector<std::size_t>(classCount, 0));
    std::size_t correct = 0;
    double lossSum = 0.0;
    for (ImageOutcome& image : images) {
        checkOutcome(image, classCount);
        image.predicted = mostProbableClass(image.probabilities);
        ++result.confusion[static_cast<size_t>(image.label)][static_cast<size_t>(image.predicted)];
        correct += image.predicted == image.label ? 1 : 0;
        lossSum += image.loss;
    }
    result.accuracy = ratio(correct, images.size());
    result.loss = images.empty() ? 0.0 : lossSum / static_cast<double>(images.size());

    // scikit-learn's precision_recall_fscore_support with zero_division=0.
    double recallSum = 0.0;
    std::size_t classesWithImages = 0;
    for (std::size_t c = 0; c < classCount; ++c) {
        const std::size_t truePositives = result.confusion[c][c];
        std::size_t predicted = 0;
        std::size_t support = 0;
        for (std::size_t other = 0; other < classCount; ++other) {
            predicted += result.confusion[other][c];
            support += result.confusion[c][other];
        }
        ClassMetrics metrics;
        metrics.className = classNames[c];
        metrics.support = support;
        metrics.precision = ratio(truePositives, predicted);
        metrics.recall = ratio(truePositives, support);
        // 2PR / (P + R) without the rounding of P and R: 2 TP / (2 TP + FP + FN).
        metrics.f1 = ratio(2 * truePositives, predicted + support);
        if (support > 0) {
            recallSum += metrics.recall;
            ++classesWithImages;
        }
        result.perClass.push_back(metrics);
    }
    result.balancedAccuracy =
        classesWithImages == 0 ? 0.0 : recallSum / static_cast<double>(classesWithImages);
    result.calibration = calibrationFiguresOf(images);
    result.curves = binaryCurvesOf(images, classCount);
    result.images = std::move(images);
    return result;
}

}  // namespace tlw
