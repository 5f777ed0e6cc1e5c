#include "core/models/model_calibration.h"

#include <algorithm>
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

std::string decisionSummary(const DecisionThresholds& decision, const std::vector<std::string>& classNames) {
    std::string text;
    if (decision.positiveThreshold && !classNames.empty())
        text =
            "decision threshold " + number("%.4g", *decision.positiveThreshold) + " for " + classNames.back();
    if (decision.unknownBelow)
        text += (text.empty() ? "" : "; ") + std::string("unknown below ") +
                number("%.4g", *decision.unknownBelow);
    if (!decision.classThresholds.empty()) {
        text += (text.empty() ? "" : "; ") + std::string("unknown below per class:");
        for (std::size_t c = 0; c < decision.classThresholds.size(); ++c)
            text += (c == 0 ? " " : ", ") + (c < classNames.size() ? classNames[c] : std::to_string(c)) +
                    " " + number("%.4g", decision.classThresholds[c]);
    }
    return text.empty() ? "arg-max (no thresholds)" : text;
}

std::string decisionSummary(const DecisionThresholds& decision, const std::string& positiveClass) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c + 1 < std::max<std::size_t>(decision.classThresholds.size(), 2); ++c)
        names.push_back(std::to_string(c));
    names.push_back(positiveClass);
    return decisionSummary(decision, names);
}

}  // namespace tlw
