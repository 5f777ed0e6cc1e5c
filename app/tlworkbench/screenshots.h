#pragma once

#include <QString>

namespace tlw::ui {
class MainWindow;
}

// Renders each page of the window (and the About dialog) to FOLDER/PREFIX-<page>.png with QWidget::grab,
// which works on any Qt platform, offscreen included. Returns the number of files that failed.
int renderScreenshots(tlw::ui::MainWindow& window, const QString& folder, const QString& prefix);
