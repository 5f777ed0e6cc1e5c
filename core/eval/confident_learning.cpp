#include "core/eval/confident_learning.h"

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

void checkInput(const std::vector<float>& probabilities, const std::vector<int>& given, int classCount) {
    if (classCount < 2) throw Error("confident learning needs at least 2 classes");
    if (probabilities.size() != given.size() * static_cast<std::size_t>(classCount))
        throw Error("confident learning: " + std::to_string(probabilities.size()) + " probabilities for " +
                    std::to_string(given.size()) + " images of " + std::to_string(classCount) + " classes");
    for (const int label : given)
        if (label < 0 || label >= classCount)
            throw Error("confident learning: label " + std::to_string(label) + " out of range");
}

// t_j: the mean of p_j over the images labelled j.
std::vector<double> perClassThresholds(const std::vector<float>& probabilities, const std::vector<int>& given,
                                       int classCount) {
    std::vector<double> sum(static_cast<std::size_t>(classCount), 0.0);
    std::vector<std::size_t> count(static_cast<std::size_t>(classCount), 0);
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto label = static_cast<std::size_t>(given[i]);
        sum[label] += probabilities[i * static_cast<std::size_t>(classCount) + label];
        ++count[label];
    }
    std::vector<double> thresholds(sum.size());
    for (std::size_t j = 0; j < sum.size(); ++j)
        thresholds[j] = count[j] > 0 ? sum[j] / double(count[j]) : 2.0;
    return thresholds;
}

// The most probable of the classes whose threshold the image reaches, or -1 when it reaches none.
int confidentClass(const float* p, const std::vector<double>& thresholds) {
    int best = -1;
    for (std::size_t j = 0; j < thresholds.size(); ++j)
        if (double(p[j]) >= thresholds[j] && (best < 0 || p[j] > p[best])) best = static_cast<int>(j);
    return best;
}

LabelAssessment assessImage(const float* p, int given, const std::vector<double>& thresholds) {
    LabelAssessment image;
    image.given = given;
    int mostProbable = 0;
    float otherBest = -1.0f;
    for (std::size_t j = 0; j < thresholds.size(); ++j) {
        if (p[j] > p[mostProbable]) mostProbable = static_cast<int>(j);
        if (static_cast<int>(j) != given) otherBest = std::max(otherBest, p[j]);
    }
    image.score = double(otherBest) - double(p[given]);
    const int confident = confidentClass(p, thresholds);
    image.issue = confident >= 0 && confident != given;
    image.suggested = image.issue ? confident : mostProbable;
    return image;
}

}  // namespace

std::size_t LabelAssessments::issueCount() const {
    return static_cast<std::size_t>(std::count_if(images.begin(), images.end(),
                                                  [](const LabelAssessment& image) { return image.issue; }));
}

LabelAssessments assessLabels(const std::vector<float>& probabilities, const std::vector<int>& given,
                              int classCount) {
    checkInput(probabilities, given, classCount);
    LabelAssessments result;
    result.thresholds = perClassThresholds(probabilities, given, classCount);
    result.confidentJoint.assign(static_cast<std::size_t>(classCount),
                                 std::vector<std::size_t>(static_cast<std::size_t>(classCount), 0));
    for (std::size_t i = 0; i < given.size(); ++i) {
        const float* p = probabilities.data() + i * static_cast<std::size_t>(classCount);
        result.images.push_back(assessImage(p, given[i], result.thresholds));
        const int confident = confidentClass(p, result.thresholds);
        if (confident >= 0) ++result.confidentJoint[static_cast<std::size_t>(given[i])][confident];
    }
    result.ranking.resize(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) result.ranking[i] = i;
    // Stable, so that equal scores keep the input (file) order and a run repeats exactly.
    std::stable_sort(result.ranking.begin(), result.ranking.end(), [&](std::size_t a, std::size_t b) {
        const LabelAssessment& x = result.images[a];
        const LabelAssessment& y = result.images[b];
        if (x.issue != y.issue) return x.issue;
        return x.score > y.score;
    });
    return result;
}

}  // namespace tlw
