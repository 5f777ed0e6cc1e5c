// The Map's panel and scatter driven with the mouse: one point per image in its class's colour and shape, a
// free-hand lasso selects exactly the points inside it, the group's actions ask for their files, hover
// shows the card, a click opens the viewer, the projection switch moves the points.
#include "ui/widgets/embedding_map.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <set>

#include "tests/support/temp_dir.h"
#include "ui/dialogs/image_viewer_dialog.h"

namespace tlw::ui {
namespace {

// A 4 x 3 grid of points: column c (0..3) at t-SNE x = c, row r (0..2) at y = r; class = row. PCA puts
// them elsewhere (mirrored). Each point is a tiny real PNG, for the hover card and the viewer.
QList<MapPointItem> gridPoints(const test::TempDir& dir) {
    QList<MapPointItem> points;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 4; ++c) {
            const auto file = dir / ("p" + std::to_string(r) + std::to_string(c) + ".png");
            QImage image(16, 16, QImage::Format_RGB32);
            image.fill(QColor::fromHsv(r * 100, 200, 200));
            image.save(QString::fromStdString(file.string()));
            MapPointItem point;
            point.file = QString::fromStdString(file.string());
            point.split = QStringLiteral("train");
            point.label = r;
            point.tsne = QPointF(c, r);
            point.pca = QPointF(-c, -r * 2.0);
            point.suspect = r == 1 && c == 1;
            point.misclassified = point.suspect;
            points.append(point);
        }
    }
    return points;
}

class EmbeddingMapTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_panel.resize(760, 560);
        m_panel.setClassNames(m_classes);
        m_panel.showMap(gridPoints(m_dir), m_classes);
        m_panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_panel));
        plot()->replot();
    }
    EmbeddingMapPlot* plot() { return m_panel.plot(); }
    QPoint at(int row) { return plot()->pixelPosition(row).toPoint(); }
    // The mouse moved over the plot with no button held (sent as the window system would deliver it: QTest
    // moves the cursor instead, which not every platform turns into an event).
    void hoverAt(const QPoint& pixel) {
        QMouseEvent move(QEvent::MouseMove, QPointF(pixel), QPointF(plot()->mapToGlobal(pixel)), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(plot(), &move);
    }
    // Drags a closed path through `corners` with the left button, as a user draws a lasso.
    void drawLasso(const QList<QPoint>& corners, Qt::KeyboardModifiers modifiers = {}) {
        QTest::mousePress(plot(), Qt::LeftButton, modifiers, corners.front());
        for (int i = 1; i < corners.size(); ++i) {
            const QPoint from = corners[i - 1];
            for (int step = 1; step <= 4; ++step)  // a few points per edge, as a moving mouse gives
                QTest::mouseMove(plot(), from + (corners[i] - from) * step / 4);
        }
        QTest::mouseRelease(plot(), Qt::LeftButton, modifiers, corners.back());
    }

    test::TempDir m_dir;
    QStringList m_classes{QStringLiteral("ants"), QStringLiteral("bees"), QStringLiteral("wasps")};
    EmbeddingMapPanel m_panel;
};

TEST_F(EmbeddingMapTest, OnePointPerImageInItsClasssColourAndShape) {
    ASSERT_EQ(plot()->pointCount(), 12);
    std::set<QRgb> colours;
    std::set<int> shapes;
    for (int label = 0; label < 3; ++label) {
        QCPGraph* graph = plot()->classGraph(label);
        ASSERT_NE(graph, nullptr);
        EXPECT_EQ(graph->dataCount(), 4);
        EXPECT_EQ(graph->name(), m_classes[label]);
        EXPECT_EQ(graph->scatterStyle().brush().color(), EmbeddingMapPlot::classColor(label));
        colours.insert(graph->scatterStyle().brush().color().rgb());
        shapes.insert(graph->scatterStyle().shape());
    }
    EXPECT_EQ(colours.size(), 3u);
    EXPECT_EQ(shapes.size(), 3u);
    EXPECT_EQ(plot()->suspectGraph()->dataCount(), 1);
    EXPECT_EQ(plot()->legend->itemCount(), 5);  // three classes, the two marks
    EXPECT_TRUE(m_panel.selectionLine()->text().startsWith(QStringLiteral("0 ")));
    EXPECT_FALSE(m_panel.quarantineButton()->isEnabled());
}

TEST_F(EmbeddingMapTest, ALassoSelectsExactlyThePointsInsideIt) {
    // A triangle with corners left of (0, 0), left of (0, 2) and right of (2, 0): inside lie (0,0), (1,0),
    // (2,0), (0,1), (1,1) and (0,2); (2,1), (1,2) and the points of columns 3 are outside.
    const QPoint leftBottom = at(0) + QPoint(-20, 20);
    const QPoint leftTop = at(8) + QPoint(-20, -30);
    const QPoint rightBottom = at(2) + QPoint(45, 20);
    m_panel.selectButton()->click();
    drawLasso({leftBottom, leftTop, rightBottom, leftBottom});
    QList<int> expected;
    const QPolygonF triangle({QPointF(leftBottom), QPointF(leftTop), QPointF(rightBottom)});
    for (int row = 0; row < 12; ++row)
        if (triangle.containsPoint(plot()->pixelPosition(row), Qt::OddEvenFill)) expected.append(row);
    EXPECT_EQ(expected, (QList<int>{0, 1, 2, 4, 5, 8}));  // the triangle holds the six points named
    EXPECT_EQ(plot()->selectedRows(), expected);
    EXPECT_TRUE(m_panel.selectionLine()->text().startsWith(QStringLiteral("6 ")));

    QSignalSpy quarantine(&m_panel, &EmbeddingMapPanel::quarantineRequested);
    ASSERT_TRUE(m_panel.quarantineButton()->isEnabled());
    m_panel.quarantineButton()->click();
    ASSERT_EQ(quarantine.count(), 1);
    EXPECT_EQ(quarantine.front().front().toStringList(), plot()->selectedFiles());
    QSignalSpy move(&m_panel, &EmbeddingMapPanel::moveRequested);
    m_panel.targetClass()->setCurrentText(QStringLiteral("wasps"));
    m_panel.moveButton()->click();
    ASSERT_EQ(move.count(), 1);
    EXPECT_EQ(move.front().at(1).toString(), QStringLiteral("wasps"));

    // Moved away: off the map, and out of the selection.
    m_panel.removeFiles({plot()->points()[0].file, plot()->points()[11].file});
    EXPECT_EQ(plot()->pointCount(), 10);
    EXPECT_EQ(plot()->selectedRows().size(), 5);
}

TEST_F(EmbeddingMapTest, ShiftDragIsALassoToo) {
    const QPoint corner = at(3);  // around (3, 0) only
    drawLasso({corner + QPoint(-10, -10), corner + QPoint(10, -10), corner + QPoint(10, 10),
               corner + QPoint(-10, 10), corner + QPoint(-10, -10)},
              Qt::ShiftModifier);
    EXPECT_EQ(plot()->selectedRows(), QList<int>{3});
}

TEST_F(EmbeddingMapTest, HoverShowsTheCardAndAClickOpensTheImage) {
    hoverAt(at(5) + QPoint(2, 1));
    EXPECT_EQ(plot()->hoveredRow(), 5);
    EXPECT_TRUE(plot()->hoverCard()->isVisible());
    EXPECT_TRUE(plot()->hoverText().startsWith(QStringLiteral("p11.png\n")))
        << plot()->hoverText().toStdString();
    EXPECT_TRUE(plot()->hoverText().contains(QStringLiteral("bees")));
    EXPECT_TRUE(plot()->hoverText().contains(QStringLiteral("doubts")));
    hoverAt(at(5) + QPoint(40, 40));
    EXPECT_EQ(plot()->hoveredRow(), -1);
    EXPECT_FALSE(plot()->hoverCard()->isVisible());

    QTest::mouseClick(plot(), Qt::LeftButton, {}, at(6));
    ASSERT_NE(m_panel.viewer(), nullptr);
    EXPECT_EQ(m_panel.viewer()->currentPath(), plot()->points()[6].file);
    EXPECT_TRUE(m_panel.viewer()->hasImage());
    m_panel.viewer()->close();
}

TEST_F(EmbeddingMapTest, TheProjectionSwitchMovesThePoints) {
    // t-SNE: column 3 right of column 0; PCA mirrors it.
    EXPECT_GT(at(3).x(), at(0).x());
    m_panel.projectionChoice()->setCurrentIndex(1);
    plot()->replot();
    EXPECT_LT(at(3).x(), at(0).x());
    EXPECT_GT(at(8).y(), at(0).y());  // PCA's y = -2r: row 2 lower on screen
}

}  // namespace
}  // namespace tlw::ui
