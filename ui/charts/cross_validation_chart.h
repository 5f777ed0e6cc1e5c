#pragma once

#include <qcustomplot.h>

#include "core/train/head_solve_report.h"

namespace tlw::ui {

// What the exact head solver did, in place of epoch curves: the mean cross-validation accuracy (left axis)
// and loss (right axis) against the L2 strength on a log axis, the chosen strength marked by a dashed line
// and its point ringed; the ring's legend entry says the strength (a label inside the plot would sit on the
// curves: the chosen point is where accuracy peaks and loss bottoms out). Stronger regularisation lies to
// the right, as scikit-learn's plots put small C.
class CrossValidationChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit CrossValidationChart(QWidget* parent = nullptr);

    void setReport(const tlw::HeadSolveReport& report);
    void clear();

    bool hasReport() const { return m_accuracy->dataCount() > 0; }
    int pointCount() const { return m_accuracy->dataCount(); }
    double chosenStrength() const { return m_chosenStrength; }
    QCPGraph* accuracyGraph() const { return m_accuracy; }
    QCPGraph* lossGraph() const { return m_loss; }
    QString title() const;
    QString chosenLabel() const;  // the ring's legend entry, "Chosen: 0.32"

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void placeMarker();

    QCPTextElement* m_title;
    QCPGraph* m_accuracy;
    QCPGraph* m_loss;
    QCPGraph* m_chosen;  // the chosen point on the accuracy curve, ringed; in the legend while there is one
    QCPItemStraightLine* m_marker;
    double m_chosenStrength = 0.0;
    double m_chosenAccuracy = 0.0;
    int m_folds = 0;
};

}  // namespace tlw::ui
