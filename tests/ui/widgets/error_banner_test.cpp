#include "ui/widgets/error_banner.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace tlw::ui {
namespace {

QToolButton* buttonWithText(QWidget& parent, const QString& text) {
    for (QToolButton* button : parent.findChildren<QToolButton*>())
        if (button->text() == text) return button;
    return nullptr;
}

TEST(ErrorBanner, IsHiddenUntilAMessageArrives) {
    QWidget window;
    auto* banner = new ErrorBanner(&window);
    window.show();
    EXPECT_FALSE(banner->isVisible());
    banner->showMessage(QStringLiteral("The dataset could not be read."),
                        QStringLiteral("/data/bees: permission denied"));
    EXPECT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->headline(), QStringLiteral("The dataset could not be read."));
    EXPECT_EQ(banner->details(), QStringLiteral("/data/bees: permission denied"));
    EXPECT_EQ(banner->severity(), ErrorBanner::Severity::Error);
}

TEST(ErrorBanner, DetailsButtonRevealsTheTechnicalDetails) {
    QWidget window;
    auto* banner = new ErrorBanner(&window);
    window.show();
    banner->showMessage(QStringLiteral("Headline"),
                        QStringLiteral("file.h5: kernel 3x3x3x32, expected 3x3x3x64"));
    EXPECT_FALSE(banner->detailsVisible());
    QToolButton* details = buttonWithText(*banner, QStringLiteral("Details"));
    ASSERT_NE(details, nullptr);
    QTest::mouseClick(details, Qt::LeftButton);
    EXPECT_TRUE(banner->detailsVisible());
    EXPECT_EQ(details->text(), QStringLiteral("Hide details"));
}

TEST(ErrorBanner, DismissHidesAndSignals) {
    QWidget window;
    auto* banner = new ErrorBanner(&window);
    window.show();
    banner->showMessage(QStringLiteral("Warning"), QString(), ErrorBanner::Severity::Warning);
    QSignalSpy dismissed(banner, &ErrorBanner::dismissed);
    QToolButton* close = nullptr;
    for (QToolButton* button : banner->findChildren<QToolButton*>())
        if (button->toolTip() == QStringLiteral("Dismiss")) close = button;
    ASSERT_NE(close, nullptr);
    QTest::mouseClick(close, Qt::LeftButton);
    EXPECT_FALSE(banner->isVisible());
    EXPECT_EQ(dismissed.count(), 1);
}

}  // namespace
}  // namespace tlw::ui
