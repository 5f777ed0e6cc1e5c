#include "ui/windows/main_window.h"

namespace tlw::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) { setWindowTitle(tr("TL Workbench")); }

}  // namespace tlw::ui
