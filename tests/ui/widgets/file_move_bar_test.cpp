#include "ui/widgets/file_move_bar.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "ui/widgets/cancellable_progress.h"

namespace tlw::ui {
namespace {

TEST(FileMoveBar, KeepsTheChosenClassAcrossNewNamesAndTakesASuggestion) {
    FileMoveBar bar(FileMoveBar::Subject::OneFile);
    bar.setClassNames({QStringLiteral("ants"), QStringLiteral("bees")});
    bar.suggestClass(QStringLiteral("bees"));
    EXPECT_EQ(bar.targetClass()->currentText(), QStringLiteral("bees"));
    bar.setClassNames({QStringLiteral("ants"), QStringLiteral("bees"), QStringLiteral("wasps")});
    EXPECT_EQ(bar.targetClass()->currentText(), QStringLiteral("bees"));
    bar.suggestClass(QStringLiteral("hornets"));  // not a class: the choice stays
    EXPECT_EQ(bar.targetClass()->currentText(), QStringLiteral("bees"));
    bar.setClassNames({QStringLiteral("ants")});
    EXPECT_EQ(bar.targetClass()->currentText(), QStringLiteral("ants"));
}

TEST(FileMoveBar, EmitsTheChosenClassAndOnlyWhenMovable) {
    FileMoveBar bar(FileMoveBar::Subject::SelectedFiles);
    bar.setClassNames({QStringLiteral("ants"), QStringLiteral("bees")});
    bar.suggestClass(QStringLiteral("bees"));
    bar.show();
    QSignalSpy moved(&bar, &FileMoveBar::moveClicked);
    QSignalSpy quarantined(&bar, &FileMoveBar::quarantineClicked);
    bar.setMovable(false);
    QTest::mouseClick(bar.moveButton(), Qt::LeftButton);
    EXPECT_EQ(moved.count(), 0);
    bar.setMovable(true);
    QTest::mouseClick(bar.moveButton(), Qt::LeftButton);
    ASSERT_EQ(moved.count(), 1);
    EXPECT_EQ(moved.front().front().toString(), QStringLiteral("bees"));
    QTest::mouseClick(bar.quarantineButton(), Qt::LeftButton);
    EXPECT_EQ(quarantined.count(), 1);
    EXPECT_TRUE(bar.moveButton()->toolTip().contains(QStringLiteral("selected files")));
}

TEST(CancellableProgress, ShowsWhileRunningAndSaysCancel) {
    CancellableProgress progress;
    EXPECT_TRUE(progress.isHidden());
    progress.start();
    EXPECT_FALSE(progress.isHidden());
    EXPECT_TRUE(progress.isRunning());
    progress.show();
    QSignalSpy cancelled(&progress, &CancellableProgress::cancelClicked);
    QTest::mouseClick(progress.cancelButton(), Qt::LeftButton);
    EXPECT_EQ(cancelled.count(), 1);
    progress.stop();
    EXPECT_TRUE(progress.isHidden());
    EXPECT_FALSE(progress.isRunning());
}

}  // namespace
}  // namespace tlw::ui
