#include "ui/widgets/similar_strip.h"

#include <gtest/gtest.h>

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/workers/thumbnail_loader.h"

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

// Wide, tall and square training images: their captions start at one height, under icons of one size.
TEST(SimilarStrip, CaptionsLineUpWhateverTheThumbnailsShape) {
    QTemporaryDir folder;
    std::vector<SimilarTrainingImage> images;
    for (const QSize size : {QSize(200, 60), QSize(60, 200), QSize(120, 120)}) {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        const QString path =
            folder.filePath(QStringLiteral("%1x%2.png").arg(size.width()).arg(size.height()));
        ASSERT_TRUE(image.save(path));
        images.push_back({path, QStringLiteral("bees"), 0.9});
    }
    ThumbnailLoader loader(QSize(56, 56));
    SimilarStrip strip;
    strip.setThumbnailLoader(&loader);
    strip.showImages(images, false);
    strip.show();
    QSignalSpy idle(&loader, &ThumbnailLoader::idle);
    loader.request({images[0].path, images[1].path, images[2].path});
    ASSERT_TRUE(idle.wait(10000));
    QCoreApplication::processEvents();
    const QList<QToolButton*> buttons = strip.imageButtons();
    ASSERT_EQ(buttons.size(), 3);
    for (QToolButton* button : buttons) {
        ASSERT_FALSE(button->icon().isNull());
        EXPECT_EQ(button->icon().availableSizes().value(0), QSize(56, 56));
        EXPECT_EQ(button->sizeHint().height(), buttons[0]->sizeHint().height());
        EXPECT_EQ(button->geometry().top(), buttons[0]->geometry().top());
    }
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
