// GoogleTest main for the GUI tests: one QApplication for the whole process, offscreen unless the
// caller chose a platform (ctest sets QT_QPA_PLATFORM=offscreen).
#include <gtest/gtest.h>

#include <QApplication>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Tests that need settings pass their own INI file; this keeps any stray QSettings() away from the
    // user's.
    QApplication::setOrganizationName(QStringLiteral("TL Workbench Tests"));
    QApplication::setApplicationName(QStringLiteral("tlw_ui_tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
