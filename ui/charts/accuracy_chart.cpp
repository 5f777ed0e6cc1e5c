#include "ui/charts/accuracy_chart.h"

#include <algorithm>

namespace tlw::ui {

AccuracyChart::AccuracyChart(QWidget* parent) : EpochChart(parent) {
    setObjectName(QStringLiteral("accuracyChart"));
    applyStyle();
}

EpochChart::Style AccuracyChart::chartStyle() const {
    return {tr("Training and Validation Accuracy"),
            tr("Accuracy"),
            tr("Epoch"),
            tr("Training Accuracy"),
            tr("Validation Accuracy")};
}

QCPRange AccuracyChart::valueRange(const QCPRange& data) const {
    // The tutorial's plt.ylim([min(plt.ylim()), 1]): the lowest value with a margin, and 1 on top.
    if (data.lower == 0.0 && data.upper == 0.0) return {0.0, 1.0};
    const double upper = std::max(1.0, data.upper);
    const double lower = std::max(0.0, data.lower - (upper - data.lower) * 0.05);
    return {std::min(lower, upper - 0.01), upper};
}

}  // namespace tlw::ui
