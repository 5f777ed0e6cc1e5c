#include "core/models/model_calibration.h"

#include <cstdio>

#include "core/eval/reliability.h"

namespace tlw {
namespace {

std::string number(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

}  // namespace

std::string calibrationSummary(const ModelCalibration& calibration) {
    if (!calibration.fitted) {
        const std::string why = calibration.note.empty()
                                    ? "the file has none: trained by an older TL Workbench, or set by hand"
                                    : calibration.note;
        return "none (" + why + "): temperature " + number("%.4g", calibration.temperature);
    }
    return "temperature " + number("%.4g", calibration.temperature) + ", fitted on " +
           std::to_string(calibration.validationImages) + " validation images; expected calibration error " +
           number("%.4f", calibration.eceBefore) + " -> " + number("%.4f", calibration.eceAfter) + " (" +
           std::to_string(kReliabilityBins) + " bins), NLL " + number("%.4f", calibration.nllBefore) +
           " -> " + number("%.4f", calibration.nllAfter);
}

std::string decisionSummary(const DecisionThresholds& decision, const std::string& positiveClass) {
    std::string text;
    if (decision.positiveThreshold)
        text = "decision threshold " + number("%.4g", *decision.positiveThreshold) + " for " + positiveClass;
    if (decision.unknownBelow)
        text += (text.empty() ? "" : "; ") + std::string("unknown below ") +
                number("%.4g", *decision.unknownBelow);
    return text.empty() ? "arg-max (no thresholds)" : text;
}

}  // namespace tlw
