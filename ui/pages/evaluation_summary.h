#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/eval/evaluation.h"
#include "ui/util/live_text.h"

namespace tlw::ui {

// One class's line of scikit-learn's classification_report.
struct PerClassFigures {
    QString className;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    int support = 0;
};

// One evaluated image: its true and predicted class (indices into classNames) and its loss.
struct EvaluatedImage {
    QString path;
    int label = 0;
    int predicted = 0;
    double loss = 0.0;
    double predictedProbability = 0.0;  // calibrated, of the predicted class
};

// An evaluation's results as the Evaluation page shows them; ui/adapters fills it from core's
// EvaluationResult.
struct EvaluationSummary {
    LiveText source;  // what was evaluated, for people: "test split (40 images)", a folder
    double loss = 0.0;
    double accuracy = 0.0;
    double balancedAccuracy = 0.0;
    int imageCount = 0;
    QStringList classNames;
    std::vector<PerClassFigures> perClass;
    std::vector<std::vector<int>> confusion;  // [true][predicted]
    std::vector<EvaluatedImage> images;
    QStringList failures;  // "<file>: <reason>" for images that could not be read
    tlw::CalibrationFigures calibration;
    std::optional<tlw::BinaryCurves> curves;        // two classes only
    std::vector<double> secondClassProbabilities;   // two classes: per image (as `images`), for the threshold
    std::vector<std::vector<float>> probabilities;  // every class's, per image (as `images`): the coverage
    bool pretrained = true;

    // Misclassified images, highest loss first; with a cell given, only those of that cell.
    std::vector<EvaluatedImage> misclassifiedByLoss() const;
    std::vector<EvaluatedImage> imagesIn(int trueClass, int predictedClass) const;  // highest loss first
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::EvaluationSummary)
