#include "ui/widgets/gallery_grad_cam.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/colour_bar.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {
namespace {

HeatMap topLeftMap(int classIndex) {
    HeatMap heatMap;
    heatMap.map.width = 2;
    heatMap.map.height = 2;
    heatMap.map.values = {1.0f, 0.0f, 0.0f, 0.0f};
    heatMap.map.classIndex = classIndex;
    return heatMap;
}

class GalleryGradCamTest : public ::testing::Test {
protected:
    GalleryGradCamTest() : m_gallery(QSize(32, 32)), m_gradCam(&m_gallery, &m_view) {
        QImage grey(32, 32, QImage::Format_RGB32);
        grey.fill(QColor(128, 128, 128));
        for (const char* name : {"a.png", "b.png"}) {
            const QString path = QString::fromStdString((m_dir / name).string());
            grey.save(path);
            m_paths << path;
        }
        m_view.setThumbnailModel(&m_gallery);
        m_view.setOpensViewer(true);
        m_gallery.setPaths(m_paths);
        // a: true ants (0), predicted bees (1); b: true bees, predicted ants.
        m_gradCam.setImages({{m_paths[0], 0, 1}, {m_paths[1], 1, 0}},
                            {QStringLiteral("ants"), QStringLiteral("bees")});
        m_gallery.requestThumbnails(0, 1);
    }
    bool thumbnailsReady() {
        return QTest::qWaitFor([this] {
            return m_gallery.stateAt(0) == ThumbnailListModel::State::Ready &&
                   m_gallery.stateAt(1) == ThumbnailListModel::State::Ready;
        });
    }
    QImage shown(int row) {
        return m_gallery.data(m_gallery.index(row), Qt::DecorationRole).value<QPixmap>().toImage();
    }

    tlw::test::TempDir m_dir;
    QStringList m_paths;
    ThumbnailListModel m_gallery;
    ThumbnailGridView m_view;
    GalleryGradCam m_gradCam;
};

TEST_F(GalleryGradCamTest, TheToggleAsksForThePredictedClassesMapsAndDrawsThemWithAColourBar) {
    ASSERT_TRUE(thumbnailsReady());
    const QImage plain = shown(0);
    QSignalSpy wanted(&m_gradCam, &GalleryGradCam::heatMapsWanted);
    EXPECT_TRUE(m_gradCam.colourBar()->isHidden());
    m_gradCam.setOn(true);
    ASSERT_FALSE(wanted.isEmpty());
    EXPECT_EQ(wanted.last().at(0).toStringList(), m_paths);
    EXPECT_EQ(wanted.last().at(1).value<QList<int>>(), (QList<int>{1, 0}));
    EXPECT_FALSE(m_gradCam.colourBar()->isHidden());
    EXPECT_EQ(m_gradCam.colourBar()->lowText(), QStringLiteral("low"));
    EXPECT_EQ(shown(0), plain);  // no map yet

    m_gradCam.setHeatMap(m_paths[0], 1, topLeftMap(1));
    EXPECT_TRUE(m_gradCam.hasHeatMap(m_paths[0]));
    const QImage drawn = shown(0);
    EXPECT_NE(drawn.pixelColor(2, 2), plain.pixelColor(2, 2));  // where the map is high
    EXPECT_EQ(shown(1), plain);                                 // no map of its own

    m_gradCam.setOn(false);
    EXPECT_EQ(shown(0), plain);
    EXPECT_TRUE(m_gradCam.colourBar()->isHidden());
    EXPECT_TRUE(wanted.last().at(0).toStringList().isEmpty());  // nothing wanted while off
}

// A long gallery asks for the maps in view first, and after a scroll for those it then shows.
TEST(GalleryGradCamOrder, AsksForTheMapsInViewFirstAndAgainAfterAScroll) {
    tlw::test::TempDir dir;
    QImage grey(32, 32, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    QStringList paths;
    std::vector<GalleryGradCam::Image> images;
    for (int i = 0; i < 120; ++i) {
        const QString path = QString::fromStdString((dir / ("i" + std::to_string(i) + ".png")).string());
        ASSERT_TRUE(grey.save(path));
        paths << path;
        images.push_back({path, 0, 1});
    }
    ThumbnailListModel gallery(QSize(32, 32));
    ThumbnailGridView view;
    GalleryGradCam gradCam(&gallery, &view);
    view.setThumbnailModel(&gallery);
    gallery.setPaths(paths);
    gradCam.setImages(images, {QStringLiteral("ants"), QStringLiteral("bees")});
    view.resize(300, 160);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.visibleRows().first >= 0; }));
    QSignalSpy wanted(&gradCam, &GalleryGradCam::heatMapsWanted);
    gradCam.setOn(true);
    ASSERT_FALSE(wanted.isEmpty());
    EXPECT_EQ(wanted.last().at(0).toStringList().size(), 120);
    EXPECT_EQ(wanted.last().at(0).toStringList().front(), paths.front());

    view.scrollToBottom();
    ASSERT_TRUE(QTest::qWaitFor([&] { return wanted.size() >= 2; }));
    const auto [first, last] = view.visibleRows();
    ASSERT_GT(first, 0);
    const QStringList after = wanted.last().at(0).toStringList();
    EXPECT_EQ(after.size(), 120);
    EXPECT_EQ(after.front(), paths[first]);  // the first image on screen now comes first
    EXPECT_TRUE(after.mid(0, last - first + 1).contains(paths[last]));
}

TEST_F(GalleryGradCamTest, TheTrueClassCanBeChosenInstead) {
    ASSERT_TRUE(thumbnailsReady());
    m_gradCam.setOn(true);
    m_gradCam.setHeatMap(m_paths[0], 1, topLeftMap(1));
    const QImage predictedMap = shown(0);
    QSignalSpy wanted(&m_gradCam, &GalleryGradCam::heatMapsWanted);
    m_gradCam.setForTrueClass(true);
    EXPECT_EQ(m_gradCam.classOf(m_paths[0]), 0);
    ASSERT_FALSE(wanted.isEmpty());
    EXPECT_EQ(wanted.last().at(1).value<QList<int>>(), (QList<int>{0, 1}));
    EXPECT_FALSE(m_gradCam.hasHeatMap(m_paths[0]));  // the true class's map is not there yet
    EXPECT_NE(shown(0), predictedMap);
    m_gradCam.setForTrueClass(false);  // the predicted class's map was kept
    EXPECT_EQ(shown(0), predictedMap);
}

TEST_F(GalleryGradCamTest, TheViewerShowsTheMapOverTheLargeImage) {
    ASSERT_TRUE(thumbnailsReady());
    m_gradCam.setOn(true);
    m_view.resize(300, 200);
    m_view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_view));
    QSignalSpy first(&m_gradCam, &GalleryGradCam::heatMapWantedFirst);
    emit m_view.activated(m_gallery.index(0));
    ImageViewerDialog* viewer = m_view.viewer();
    ASSERT_NE(viewer, nullptr);
    EXPECT_FALSE(viewer->isShowingOverlay());
    ASSERT_FALSE(first.isEmpty());  // the image shown large is asked for first
    EXPECT_EQ(first.last().at(0).toString(), m_paths[0]);
    EXPECT_EQ(first.last().at(1).toInt(), 1);
    const QImage plain = viewer->shownImage();
    m_gradCam.setHeatMap(m_paths[0], 1, topLeftMap(1));
    EXPECT_TRUE(viewer->isShowingOverlay());
    EXPECT_FALSE(viewer->colourBar()->isHidden());
    EXPECT_EQ(viewer->colourBar()->caption(), QStringLiteral("Where the model looks for bees:"));
    EXPECT_NE(viewer->shownImage(), plain);
    viewer->close();
}

}  // namespace
}  // namespace tlw::ui
