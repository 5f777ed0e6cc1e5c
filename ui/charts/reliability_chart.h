#pragma once

#include <qcustomplot.h>

#include "core/eval/evaluation.h"

namespace tlw::ui {

// The reliability diagram of an evaluation (Guo et al. 2017): per confidence bin, the accuracy against
// the mean confidence (the calibrated model's, and the uncalibrated one's when the model carries a
// temperature), the diagonal where they would agree, and each bin's image count as bars on the right axis.
// The title gives the expected calibration error before and after.
class ReliabilityChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit ReliabilityChart(QWidget* parent = nullptr);

    void setFigures(const tlw::CalibrationFigures& figures);
    void clear();

    bool hasFigures() const { return m_after->dataCount() > 0; }
    QCPGraph* afterGraph() const { return m_after; }    // (mean confidence, accuracy) of non-empty bins
    QCPGraph* beforeGraph() const { return m_before; }  // empty without a fitted temperature
    QCPBars* countBars() const { return m_counts; }     // one bar per bin, at its centre
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QCPTextElement* m_title;
    QCPGraph* m_diagonal;
    QCPGraph* m_before;
    QCPGraph* m_after;
    QCPBars* m_counts;
    tlw::CalibrationFigures m_figures;
    bool m_hasFigures = false;
};

}  // namespace tlw::ui
