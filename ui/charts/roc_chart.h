#pragma once

#include <qcustomplot.h>

#include <optional>

#include "core/eval/binary_curves.h"

namespace tlw::ui {

// A two-class evaluation's ROC curve: true positive rate against false positive rate over every threshold,
// the chance diagonal, the area in the title, and a ring at the threshold chosen on the page.
class RocChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit RocChart(QWidget* parent = nullptr);

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
    QCPGraph* m_chance;
    QCPCurve* m_curve;  // a curve, not a graph: equal false positive rates follow one another
    QCPGraph* m_marker;
    double m_auc = 0.0;
};

}  // namespace tlw::ui
