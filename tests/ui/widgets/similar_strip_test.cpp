#include "ui/widgets/similar_strip.h"

#include <gtest/gtest.h>

#include <QTest>
#include <QToolButton>

#include "ui/dialogs/image_viewer_dialog.h"

namespace tlw::ui {
namespace {

std::vector<SimilarTrainingImage> threeNeighbours() {
    return {{QStringLiteral("/data/train/bees/a.jpg"), QStringLiteral("bees"), 0.91},
            {QStringLiteral("/data/train/ants/b.jpg"), QStringLiteral("ants"), 0.84},
            {QStringLiteral("/data/train/bees/c.jpg"), QStringLiteral("bees"), 0.80}};
}

TEST(SimilarStrip, ListsEachNeighbourWithItsClassAndSimilarity) {
    SimilarStrip strip;
    strip.showImages(threeNeighbours(), false);
    EXPECT_FALSE(strip.isHidden());
    EXPECT_EQ(strip.headingText(), QStringLiteral("Looks like:"));
    const QList<QToolButton*> buttons = strip.imageButtons();
    ASSERT_EQ(buttons.size(), 3);
    EXPECT_EQ(buttons[0]->text(), QStringLiteral("bees\n0.91"));
    EXPECT_EQ(buttons[1]->text(), QStringLiteral("ants\n0.84"));
    EXPECT_TRUE(buttons[1]->toolTip().contains(QStringLiteral("b.jpg")));
    EXPECT_TRUE(strip.messageText().isEmpty());
}

TEST(SimilarStrip, ThePerClassListSaysSo) {
    SimilarStrip strip;
    strip.showImages(threeNeighbours(), true);
    EXPECT_EQ(strip.headingText(), QStringLiteral("Closest of each class:"));
}

TEST(SimilarStrip, AMessageReplacesTheImages) {
    SimilarStrip strip;
    strip.showImages(threeNeighbours(), false);
    strip.showMessage(QStringLiteral("The training images are gone"));
    EXPECT_TRUE(strip.imageButtons().isEmpty());
    EXPECT_EQ(strip.messageText(), QStringLiteral("The training images are gone"));
    strip.showSearching();
    EXPECT_EQ(strip.messageText(), QStringLiteral("Looking for similar training images…"));
}

TEST(SimilarStrip, ClickingANeighbourOpensItInTheViewer) {
    SimilarStrip strip;
    strip.showImages(threeNeighbours(), false);
    strip.show();
    QTest::mouseClick(strip.imageButtons()[1], Qt::LeftButton);
    ASSERT_NE(strip.viewer(), nullptr);
    EXPECT_EQ(strip.viewer()->currentPath(), QStringLiteral("/data/train/ants/b.jpg"));
    EXPECT_TRUE(strip.viewer()->captionText().contains(QStringLiteral("ants")));
    strip.viewer()->close();
}

}  // namespace
}  // namespace tlw::ui
