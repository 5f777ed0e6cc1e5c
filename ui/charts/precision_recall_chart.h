#pragma once

#include <qcustomplot.h>

#include <optional>

#include "core/eval/binary_curves.h"

namespace tlw::ui {

// A two-class evaluation's precision-recall curve over every threshold, the share of positives (what a
// random ranking reaches) as a dashed line, the average precision in the title, and a ring at the
// threshold chosen on the page.
class PrecisionRecallChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit PrecisionRecallChart(QWidget* parent = nullptr);

    void setCurves(const tlw::BinaryCurves& curves);
    void setMarker(const std::optional<tlw::ThresholdPoint>& point);  // nullopt: no ring
    void clear();

    bool hasCurve() const { return m_curve->dataCount() > 0; }
    QCPCurve* curve() const { return m_curve; }
    QCPGraph* marker() const { return m_marker; }
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QCPTextElement* m_title;
    QCPGraph* m_baseline;
    QCPCurve* m_curve;  // recall only grows as the threshold falls, precision goes up and down
    QCPGraph* m_marker;
    double m_averagePrecision = 0.0;
};

}  // namespace tlw::ui
