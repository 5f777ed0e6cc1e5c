#include <QApplication>

#include "ui/windows/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TL Workbench"));
    QApplication::setOrganizationName(QStringLiteral("TL Workbench"));
    tlw::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
