#include "ui/pages/evaluation_summary.h"

#include <algorithm>

namespace tlw::ui {

namespace {
std::vector<EvaluatedImage> byLoss(std::vector<EvaluatedImage> images) {
    std::stable_sort(images.begin(), images.end(),
                     [](const EvaluatedImage& a, const EvaluatedImage& b) { return a.loss > b.loss; });
    return images;
}
}  // namespace

std::vector<EvaluatedImage> EvaluationSummary::misclassifiedByLoss() const {
    std::vector<EvaluatedImage> wrong;
    std::copy_if(images.begin(), images.end(), std::back_inserter(wrong),
                 [](const EvaluatedImage& image) { return image.label != image.predicted; });
    return byLoss(std::move(wrong));
}

std::vector<EvaluatedImage> EvaluationSummary::imagesIn(int trueClass, int predictedClass) const {
    std::vector<EvaluatedImage> cell;
    std::copy_if(images.begin(), images.end(), std::back_inserter(cell), [&](const EvaluatedImage& image) {
        return image.label == trueClass && image.predicted == predictedClass;
    });
    return byLoss(std::move(cell));
}

}  // namespace tlw::ui
