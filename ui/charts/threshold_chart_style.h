#pragma once

#include <qcustomplot.h>

namespace tlw::ui {

// The look the Evaluation page's ROC and precision-recall charts share: a bold title row, unit axes, the
// dashed reference line (chance, or the share of positives), the curve in its colour, a ring for the
// chosen threshold that never enters the legend, and the legend in one corner. Returns the title element.
QCPTextElement* styleThresholdChart(QCustomPlot* plot, QCPGraph* reference, QCPCurve* curve, QCPGraph* marker,
                                    const QColor& curveColor, Qt::Alignment legendCorner);

}  // namespace tlw::ui
