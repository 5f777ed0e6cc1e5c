#pragma once

#include "ui/charts/overlay_curves_chart.h"

namespace tlw::ui {

// The fine_tune_at sweep's validation accuracy per epoch, one curve per candidate, overlaid: where the
// candidates part, and whether a deeper fine-tuning was still climbing when its epochs ran out. Points
// arrive as each candidate's epochs end.
class SweepCurvesChart : public OverlayCurvesChart {
    Q_OBJECT
public:
    explicit SweepCurvesChart(QWidget* parent = nullptr);

    // The candidate's curve, created on its first point.
    void appendEpoch(int fineTuneAt, int epoch, double valAccuracy);
    // The candidate the table has selected, drawn thicker.
    void highlight(int fineTuneAt);
    QCPGraph* curveOf(int fineTuneAt) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
};

}  // namespace tlw::ui
