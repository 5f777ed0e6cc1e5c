#include "ui/adapters/result_adapters.h"

#include <cstring>

#include "core/eval/decision_rule.h"
#include "core/models/trained_model.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

EvaluationSummary evaluationSummaryFrom(const tlw::EvaluationResult& result, LiveText source) {
    EvaluationSummary summary;
    summary.source = std::move(source);
    summary.loss = result.loss;
    summary.accuracy = result.accuracy;
    summary.balancedAccuracy = result.balancedAccuracy;
    summary.imageCount = static_cast<int>(result.imageCount());
    summary.pretrained = result.pretrained;
    for (const std::string& name : result.classNames) summary.classNames << QString::fromStdString(name);
    for (const tlw::ClassMetrics& metrics : result.perClass)
        summary.perClass.push_back({QString::fromStdString(metrics.className), metrics.precision,
                                    metrics.recall, metrics.f1, static_cast<int>(metrics.support)});
    for (const auto& row : result.confusion) {
        std::vector<int> counts;
        for (const std::size_t count : row) counts.push_back(static_cast<int>(count));
        summary.confusion.push_back(std::move(counts));
    }
    summary.images.reserve(result.images.size());
    for (const tlw::ImageOutcome& image : result.images) {
        const auto predicted = static_cast<std::size_t>(image.predicted);
        const double probability =
            predicted < image.probabilities.size() ? image.probabilities[predicted] : 0.0;
        summary.images.push_back(
            {toQString(image.file), image.label, image.predicted, image.loss, probability});
        if (image.probabilities.size() == 2)
            summary.secondClassProbabilities.push_back(image.probabilities[1]);
        summary.probabilities.push_back(image.probabilities);
    }
    summary.calibration = result.calibration;
    summary.curves = result.curves;
    for (const tlw::ImageFailure& failure : result.failures)
        summary.failures << QStringLiteral("%1: %2").arg(toQString(failure.path),
                                                         QString::fromStdString(failure.reason));
    return summary;
}

namespace {
void fillScores(PredictionResult& result, const std::vector<tlw::ClassScore>& top,
                const std::vector<float>& probabilities) {
    for (const tlw::ClassScore& score : top)
        result.topK.push_back({QString::fromStdString(score.className), score.probability});
    result.probabilities.assign(probabilities.begin(), probabilities.end());
}
}  // namespace

PredictionResult predictionResultFrom(const tlw::ImagePrediction& prediction) {
    PredictionResult result;
    result.imagePath = toQString(prediction.file);
    result.error = QString::fromStdString(prediction.error);
    fillScores(result, prediction.top, prediction.probabilities);
    return result;
}

PredictionResult predictionResultFrom(const tlw::ImagePrediction& prediction,
                                      const tlw::DecisionThresholds& decision,
                                      const std::vector<std::string>& classNames) {
    PredictionResult result = predictionResultFrom(prediction);
    if (!decision.any() || !prediction.error.empty()) return result;
    if (prediction.answer == tlw::kUnknownClass)
        result.unknownAnswer = true;
    else
        result.answer = QString::fromStdString(classNames.at(static_cast<std::size_t>(prediction.answer)));
    return result;
}

PredictionResult predictionResultFrom(const std::vector<float>& probabilities,
                                      const std::vector<std::string>& classNames, int topK) {
    PredictionResult result;
    fillScores(result, tlw::topClasses(probabilities, classNames, topK), probabilities);
    return result;
}

tlw::RgbImage rgbImageFrom(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    tlw::RgbImage result;
    result.width = rgb.width();
    result.height = rgb.height();
    const auto rowBytes = static_cast<std::size_t>(rgb.width()) * 3;
    result.pixels.resize(rowBytes * static_cast<std::size_t>(rgb.height()));
    // QImage pads rows to 4 bytes; core's images are packed.
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(result.pixels.data() + rowBytes * static_cast<std::size_t>(y), rgb.constScanLine(y),
                    rowBytes);
    return result;
}

}  // namespace tlw::ui
