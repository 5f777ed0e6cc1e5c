#include "ui/charts/chart_legend.h"

#include <qcustomplot.h>

namespace tlw::ui {

void placeLegendBelowPlot(QCustomPlot& plot, int columns) {
    QCPLegend* legend = plot.legend;
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    if (inset->take(legend)) inset->simplify();
    QCPLayoutGrid* layout = plot.plotLayout();
    const int row = layout->rowCount();
    layout->addElement(row, 0, legend);
    layout->setRowStretchFactor(row, 0.001);  // as tall as its entries, the rest for the plot
    layout->setRowSpacing(0);
    legend->setVisible(true);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(QMargins(4, 0, 4, 2));
    legend->setColumnSpacing(12);
}

bool legendIsOutsidePlot(const QCustomPlot& plot) {
    return plot.legend->layout() == plot.plotLayout() &&
           !plot.legend->outerRect().intersects(plot.axisRect()->rect());
}

}  // namespace tlw::ui
