#include "core/eval/decision_rule.h"

#include <algorithm>

namespace tlw {

int decideClass(const std::vector<float>& probabilities, const DecisionThresholds& decision) {
    if (probabilities.empty()) return kUnknownClass;
    int chosen = static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) -
                                  probabilities.begin());
    if (decision.positiveThreshold && probabilities.size() == 2)
        chosen = probabilities[1] >= *decision.positiveThreshold ? 1 : 0;
    if (decision.unknownBelow && probabilities[static_cast<std::size_t>(chosen)] < *decision.unknownBelow)
        return kUnknownClass;
    return chosen;
}

}  // namespace tlw
