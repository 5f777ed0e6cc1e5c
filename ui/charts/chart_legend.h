#pragma once

class QCustomPlot;

namespace tlw::ui {

// Moves a chart's legend out of the plot area into a row of its own under the x axis, its entries side by
// side (a new line after `columns` of them), so that no legend ever hides a curve, whatever the data.
void placeLegendBelowPlot(QCustomPlot& plot, int columns);

// Whether the legend sits outside the plot area (the test of the above).
bool legendIsOutsidePlot(const QCustomPlot& plot);

}  // namespace tlw::ui
