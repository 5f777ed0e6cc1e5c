#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace tlw::ui {

// Several curves of one figure per epoch overlaid, one per named thing (a sweep's candidate, a recorded
// run), each in its own colour with its name in a legend under the plot. Points arrive one at a time or a
// curve at once; a burst becomes one replot. The axes grow to hold every curve.
class OverlayCurvesChart : public QCustomPlot {
    Q_OBJECT
public:
    // Fraction: accuracies, the y axis up to 1; Positive: losses, the y axis from 0 to above the highest.
    enum class Scale { Fraction, Positive };

    // legendColumns: entries side by side in the legend's row; 1 for long names (a run's model file).
    explicit OverlayCurvesChart(QWidget* parent = nullptr, int legendColumns = 3);

    void clear();
    // The point on `key`'s curve, the curve made on its first point.
    void appendPoint(const QString& key, double x, double y);
    void setCurveName(const QString& key, const QString& name);
    // The curve drawn thicker; an unknown key thickens none.
    void highlight(const QString& key);
    void setScale(Scale scale);
    Scale scale() const { return m_scale; }

    int curveCount() const { return static_cast<int>(m_curves.size()); }
    QCPGraph* curveOf(const QString& key) const;
    QStringList curveNames() const;  // in the legend's order
    QString title() const;

protected:
    void setTitle(const QString& title);
    const std::vector<std::pair<QString, QCPGraph*>>& curves() const { return m_curves; }

private:
    QCPGraph* addCurve(const QString& key);
    void fitAxes();

    QCPTextElement* m_title;
    std::vector<std::pair<QString, QCPGraph*>> m_curves;  // in the order they came: their colours
    Scale m_scale = Scale::Fraction;
};

}  // namespace tlw::ui
