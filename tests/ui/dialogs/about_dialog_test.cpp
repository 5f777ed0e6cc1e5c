#include "ui/dialogs/about_dialog.h"

#include <gtest/gtest.h>

#include <QLabel>

#include "core/models/winograd_status.h"
#include "core/util/version.h"

namespace tlw::ui {
namespace {

QString allLabelText(const QDialog& dialog) {
    QString text;
    for (const QLabel* label : dialog.findChildren<QLabel*>()) text += label->text() + QLatin1Char('\n');
    return text;
}

TEST(AboutDialog, NamesTheVersionsOfTheWorkbenchAndItsLibraries) {
    AboutDialog dialog;
    const QString shown = allLabelText(dialog);
    for (const std::string& version :
         {tlw::tlwVersion(), tlw::libtorchVersion(), tlw::opencvVersion(), tlw::hdf5Version()})
        EXPECT_TRUE(shown.contains(QString::fromStdString(version))) << version;
    EXPECT_TRUE(shown.contains(QString::fromLatin1(qVersion())));
    EXPECT_TRUE(shown.contains(QStringLiteral("LibTorch")));
    EXPECT_TRUE(shown.contains(QStringLiteral("OpenCV")));
    EXPECT_TRUE(dialog.versionsText().contains(QString::fromStdString(tlw::libtorchVersion())));
    EXPECT_EQ(shown.contains(QStringLiteral("Winograd")), tlw::winogradConvolutionsActive());
}

TEST(AboutDialog, ShowsTheWeightsInUse) {
    AboutDialog dialog;
    EXPECT_TRUE(allLabelText(dialog).contains(QStringLiteral("none loaded")));
    dialog.setWeightsDescription(QStringLiteral("SqueezeNet 1.1, ImageNet (squeezenet_weights.h5)"));
    EXPECT_TRUE(allLabelText(dialog).contains(QStringLiteral("squeezenet_weights.h5")));
    EXPECT_TRUE(dialog.versionsText().contains(QStringLiteral("squeezenet_weights.h5")));
}

}  // namespace
}  // namespace tlw::ui
