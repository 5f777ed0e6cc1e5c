#include "ui/charts/threshold_chart_style.h"

namespace tlw::ui {

namespace {
const QColor kMarkerColor(0x2c, 0xa0, 0x2c);
}  // namespace

QCPTextElement* styleThresholdChart(QCustomPlot* plot, QCPGraph* reference, QCPCurve* curve, QCPGraph* marker,
                                    const QColor& curveColor, Qt::Alignment legendCorner) {
    plot->setMinimumSize(240, 220);
    plot->setAntialiasedElements(QCP::aeAll);
    auto* title = new QCPTextElement(plot);
    QFont font = plot->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    title->setFont(font);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, title);
    reference->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.2, Qt::DashLine));
    curve->setPen(QPen(curveColor, 2));
    marker->setLineStyle(QCPGraph::lsNone);
    marker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kMarkerColor, 2), Qt::NoBrush, 12));
    marker->setName(QString());  // a ring, never in the legend
    marker->removeFromLegend();
    plot->xAxis->setRange(0.0, 1.0);
    plot->yAxis->setRange(0.0, 1.02);
    plot->legend->setVisible(true);
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setBorderPen(QPen(QColor(0xcc, 0xcc, 0xcc)));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | legendCorner);
    return title;
}

}  // namespace tlw::ui
