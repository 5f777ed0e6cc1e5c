#include "core/eval/decision_rule.h"

#include <algorithm>

namespace tlw {

int decideClass(const std::vector<float>& probabilities, const DecisionThresholds& decision) {
    if (probabilities.empty()) return kUnknownClass;
    int chosen = static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) -
                                  probabilities.begin());
    if (decision.positiveThreshold && probabilities.size() == 2)
        chosen = probabilities[1] >= *decision.positiveThreshold ? 1 : 0;
    const float top = probabilities[static_cast<std::size_t>(chosen)];
    if (decision.unknownBelow && top < *decision.unknownBelow) return kUnknownClass;
    // A list of the wrong length (a file edited by hand) is refused when the model loads; here it is ignored.
    if (decision.classThresholds.size() == probabilities.size() &&
        top < decision.classThresholds[static_cast<std::size_t>(chosen)])
        return kUnknownClass;
    return chosen;
}

}  // namespace tlw
