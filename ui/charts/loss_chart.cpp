#include "ui/charts/loss_chart.h"

#include <algorithm>

namespace tlw::ui {

LossChart::LossChart(QWidget* parent) : EpochChart(parent) {
    setObjectName(QStringLiteral("lossChart"));
    applyStyle();
}

EpochChart::Style LossChart::chartStyle() const {
    return {tr("Training and Validation Loss"),
            tr("Cross Entropy"),
            tr("Epoch"),
            tr("Training Loss"),
            tr("Validation Loss")};
}

QCPRange LossChart::valueRange(const QCPRange& data) const {
    // The tutorial fixes plt.ylim([0, 1.0]); a first epoch above 1 would vanish, so the top grows with it.
    return {0.0, std::max(1.0, data.upper * 1.05)};
}

}  // namespace tlw::ui
