#include "ui/item_models/thumbnail_list_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {
namespace {

QString writeImage(const test::TempDir& dir, const char* name, QSize size, QColor color,
                   const char* format = "PNG") {
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    const QString path = QString::fromStdString((dir / name).string());
    EXPECT_TRUE(image.save(path, format));
    return path;
}

QString writeBytes(const test::TempDir& dir, const char* name, const QByteArray& bytes) {
    const QString path = QString::fromStdString((dir / name).string());
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

bool waitForIdle(ThumbnailLoader* loader, int timeoutMs = 5000) {
    return QTest::qWaitFor([&] { return loader->queuedCount() == 0 && loader->runningCount() == 0; },
                           timeoutMs);
}

TEST(ThumbnailLoader, DecodesByContentAndScalesToFit) {
    test::TempDir dir;
    const QString wide = writeImage(dir, "wide.png", QSize(400, 200), Qt::red);
    // A PNG with a .jpg name: the decoder must follow the bytes, not the extension.
    const QString misnamed = writeImage(dir, "really_png.jpg", QSize(64, 64), Qt::blue, "PNG");
    const QString jpeg = writeImage(dir, "photo.jpg", QSize(300, 300), Qt::green, "JPG");
    QString error;
    const QImage thumb = ThumbnailLoader::decodeThumbnail(wide, QSize(100, 100), &error);
    EXPECT_EQ(thumb.size(), QSize(100, 50));
    EXPECT_EQ(ThumbnailLoader::decodeThumbnail(misnamed, QSize(100, 100), &error).size(), QSize(64, 64));
    const QImage photo = ThumbnailLoader::decodeThumbnail(jpeg, QSize(100, 100), &error);
    EXPECT_EQ(photo.size(), QSize(100, 100));
    EXPECT_GT(qGreen(photo.pixel(50, 50)), 200);
}

TEST(ThumbnailLoader, ReportsWhyAFileCannotBeDecoded) {
    test::TempDir dir;
    const QString broken = writeBytes(dir, "broken.png", QByteArray("\x89PNG\r\n\x1a\nnot really", 18));
    const QString missing = QString::fromStdString((dir / "missing.png").string());
    QString error;
    EXPECT_TRUE(ThumbnailLoader::decodeThumbnail(broken, QSize(64, 64), &error).isNull());
    EXPECT_FALSE(error.isEmpty());
    error.clear();
    EXPECT_TRUE(ThumbnailLoader::decodeThumbnail(missing, QSize(64, 64), &error).isNull());
    EXPECT_FALSE(error.isEmpty());
}

TEST(ThumbnailListModel, LoadsRequestedThumbnailsAsynchronously) {
    test::TempDir dir;
    const QString good = writeImage(dir, "a.png", QSize(40, 30), Qt::red);
    const QString bad = writeBytes(dir, "b.png", QByteArray("garbage"));
    ThumbnailListModel model(QSize(32, 32));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPaths({good, bad});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.data(model.index(0)).toString(), QStringLiteral("a.png"));
    EXPECT_EQ(model.stateAt(0), ThumbnailListModel::State::Loading);
    // data() never decodes: the placeholder is there at once.
    EXPECT_FALSE(model.data(model.index(0), Qt::DecorationRole).value<QIcon>().isNull());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.requestThumbnails(0, 1);
    ASSERT_TRUE(waitForIdle(model.loader()));
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(model.stateAt(0), ThumbnailListModel::State::Ready);
    EXPECT_EQ(model.data(model.index(0), Qt::DecorationRole).value<QPixmap>().size(), QSize(32, 24));
    EXPECT_EQ(model.stateAt(1), ThumbnailListModel::State::Failed);
    EXPECT_TRUE(model.data(model.index(1), Qt::ToolTipRole).toString().contains(bad));

    // Cached and failed thumbnails are not decoded again.
    model.requestThumbnails(0, 1);
    EXPECT_EQ(model.loader()->runningCount(), 0);
}

TEST(ThumbnailListModel, ANewRequestCancelsQueuedThumbnailsTheViewNoLongerShows) {
    test::TempDir dir;
    QStringList paths;
    for (int i = 0; i < 60; ++i)
        paths << writeImage(dir, QStringLiteral("img%1.png").arg(i).toUtf8().constData(), QSize(16, 16),
                            Qt::gray);
    ThumbnailListModel model(QSize(16, 16));
    model.loader()->setMaxConcurrent(1);
    model.setPaths(paths);
    model.requestThumbnails(0, 49);  // the user looks at the top...
    EXPECT_EQ(model.loader()->runningCount(), 1);
    EXPECT_EQ(model.loader()->queuedCount(), 49);
    model.requestThumbnails(55, 59);  // ...and jumps to the end before they load
    EXPECT_EQ(model.loader()->queuedCount(), 5);
    ASSERT_TRUE(waitForIdle(model.loader()));
    for (int row = 55; row < 60; ++row)
        EXPECT_EQ(model.stateAt(row), ThumbnailListModel::State::Ready) << row;
    EXPECT_LE(model.loader()->cachedCount(), 6);  // the five wanted, plus the one already running
    EXPECT_EQ(model.stateAt(30), ThumbnailListModel::State::Loading);
}

TEST(ThumbnailListModel, CacheIsBoundedLeastRecentlyUsedFirst) {
    test::TempDir dir;
    QStringList paths;
    for (int i = 0; i < 20; ++i)
        paths << writeImage(dir, QStringLiteral("c%1.png").arg(i).toUtf8().constData(), QSize(64, 64),
                            Qt::darkGray);
    ThumbnailListModel model(QSize(64, 64));
    model.loader()->setCacheCapacityKiB(16 * 10);  // a 64x64 RGB32 thumbnail costs 16 KiB: ten fit
    model.setPaths(paths);
    model.requestThumbnails(0, 19);
    ASSERT_TRUE(waitForIdle(model.loader()));
    EXPECT_LE(model.loader()->cachedCount(), 10);
    EXPECT_GT(model.loader()->cachedCount(), 0);
}

}  // namespace
}  // namespace tlw::ui
