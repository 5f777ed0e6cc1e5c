#pragma once

#include <QMainWindow>

namespace tlw::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace tlw::ui
