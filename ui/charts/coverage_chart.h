#pragma once

#include <qcustomplot.h>

#include <optional>
#include <vector>

#include "core/eval/coverage.h"

namespace tlw::ui {

// Selective classification on an evaluation: accuracy on the answered images against the share answered,
// as one threshold shared by every class moves from 0 to 1; a dashed line at the accuracy of answering
// everything, and a ring at the per-class thresholds chosen on the page.
class CoverageChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit CoverageChart(QWidget* parent = nullptr);

    void setCurve(const std::vector<tlw::CoveragePoint>& curve);
    void setMarker(const std::optional<tlw::CoveragePoint>& point);  // nullopt: no ring
    void clear();

    bool hasCurve() const { return m_curve->dataCount() > 0; }
    QCPGraph* marker() const { return m_marker; }
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QCPTextElement* m_title;
    QCPGraph* m_everything;
    QCPCurve* m_curve;  // a curve: several thresholds can give the same coverage
    QCPGraph* m_marker;
};

}  // namespace tlw::ui
