#include "core/models/imagenet_classes.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/util/error.h"

namespace tlw {
namespace detail {
extern const char* const kImageNetClassDescriptions[kImageNetClassCount];
}  // namespace detail

std::string imagenetClassDescription(int index) {
    if (index < 0 || index >= kImageNetClassCount)
        throw Error("no ImageNet class " + std::to_string(index) + " (classes are 0 to 999)");
    return detail::kImageNetClassDescriptions[index];
}

std::string imagenetClassName(int index) {
    const std::string description = imagenetClassDescription(index);
    return description.substr(0, description.find(", "));
}

std::string imagenetKerasLabel(int index) {
    std::string label = imagenetClassName(index);
    std::replace(label.begin(), label.end(), ' ', '_');
    return label;
}

std::vector<ImageNetPrediction> topImageNetPredictions(const std::vector<float>& scores, int k,
                                                       ImageNetScores kind) {
    if (scores.size() != static_cast<size_t>(kImageNetClassCount)) {
        throw Error("expected " + std::to_string(kImageNetClassCount) + " ImageNet scores, got " +
                    std::to_string(scores.size()));
    }
    if (k < 1 || k > kImageNetClassCount) throw Error("top-k needs 1 <= k <= 1000, got " + std::to_string(k));
    if (!std::all_of(scores.begin(), scores.end(), [](float score) { return std::isfinite(score); }))
        throw Error("ImageNet scores contain NaN or infinity");

    std::vector<double> probabilities(scores.begin(), scores.end());
    if (kind == ImageNetScores::Logits) {
        // Softmax, shifted by the maximum so exp() cannot overflow.
        const double maximum = *std::max_element(probabilities.begin(), probabilities.end());
        double sum = 0.0;
        for (double& value : probabilities) sum += (value = std::exp(value - maximum));
        for (double& value : probabilities) value /= sum;
    }
    std::vector<int> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&probabilities](int a, int b) {
        return probabilities[static_cast<size_t>(a)] > probabilities[static_cast<size_t>(b)] ||
               (probabilities[static_cast<size_t>(a)] == probabilities[static_cast<size_t>(b)] && a < b);
    });
    std::vector<ImageNetPrediction> top;
    for (int rank = 0; rank < k; ++rank) {
        const int index = order[static_cast<size_t>(rank)];
        top.push_back(
            ImageNetPrediction{index, imagenetClassName(index), probabilities[static_cast<size_t>(index)]});
    }
    return top;
}

}  // namespace tlw
