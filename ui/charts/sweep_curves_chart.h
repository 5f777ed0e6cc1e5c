#pragma once

#include <qcustomplot.h>

#include <map>

namespace tlw::ui {

// The fine_tune_at sweep's validation accuracy per epoch, one curve per candidate, overlaid: where the
// candidates part, and whether a deeper fine-tuning was still climbing when its epochs ran out. Points
// arrive as each candidate's epochs end; a burst becomes one replot.
class SweepCurvesChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit SweepCurvesChart(QWidget* parent = nullptr);

    void clear();
    // The candidate's curve, created on its first point.
    void appendEpoch(int fineTuneAt, int epoch, double valAccuracy);
    // The candidate the table has selected, drawn thicker.
    void highlight(int fineTuneAt);

    int curveCount() const { return static_cast<int>(m_curves.size()); }
    QCPGraph* curveOf(int fineTuneAt) const;
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QCPGraph* addCurve(int fineTuneAt);

    QCPTextElement* m_title;
    std::map<int, QCPGraph*> m_curves;
    int m_highlighted = -1;
};

}  // namespace tlw::ui
