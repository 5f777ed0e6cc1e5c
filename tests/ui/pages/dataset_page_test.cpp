#include "ui/pages/dataset_page.h"

#include <gtest/gtest.h>

#include <QHeaderView>
#include <QImage>
#include <QTableView>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/item_models/class_count_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/thumbnail_delegate.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

DatasetClassSummary classOf(const QString& name, const QStringList& paths,
                            const QList<DatasetSubset>& subsets) {
    DatasetClassSummary summary;
    summary.name = name;
    summary.imagePaths = paths;
    summary.imageSubsets = subsets;
    for (DatasetSubset subset : subsets) ++summary.counts[static_cast<size_t>(subset)];
    return summary;
}

class DatasetPageTest : public ::testing::Test {
protected:
    QString writeImage(const std::string& name, QSize size) {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        const QString path = qpath(m_dir / name);
        EXPECT_TRUE(image.save(path));
        return path;
    }
    void show(const DatasetOverview& overview) {
        m_page.resize(1400, 800);
        m_page.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_page));
        m_page.showOverview(overview);
        QTest::qWait(50);  // the layout, and the page's sizing after it
    }
    ThumbnailGridView* grid() { return m_page.findChild<ThumbnailGridView*>(); }

    tlw::test::TempDir m_dir;
    DatasetPage m_page;
};

// Issue 17: at 1400 px the class column cut names off, with no tooltip. It now fits a long name whole
// and in view; a name past its maximum width is elided and its tooltip gives it whole.
TEST_F(DatasetPageTest, TheClassColumnFitsItsNamesAndTooltipsOnesTooLongToFit) {
    const QString longName = QStringLiteral("seal_script_region_of_the_han");
    const QString hugeName = QString(QStringLiteral("very_long_class_name_")).repeated(6);
    DatasetOverview overview;
    overview.folder = qpath(m_dir.path());
    overview.classes = {classOf(longName, {QStringLiteral("/a.png")}, {DatasetSubset::Train}),
                        classOf(hugeName, {QStringLiteral("/b.png")}, {DatasetSubset::Validation})};
    show(overview);
    QTableView* table = m_page.classTable();
    const int width = table->columnWidth(ClassCountModel::ClassColumn);
    EXPECT_GE(width, table->fontMetrics().horizontalAdvance(longName));
    EXPECT_LT(width, table->fontMetrics().horizontalAdvance(hugeName));  // a sane maximum
    // The whole column is in view beside the counts, without scrolling.
    EXPECT_LE(table->columnViewportPosition(ClassCountModel::ClassColumn) + width,
              table->viewport()->width());
    EXPECT_LE(table->columnViewportPosition(ClassCountModel::TestColumn), table->viewport()->width());
    const QModelIndex huge = table->model()->index(2, ClassCountModel::ClassColumn);
    EXPECT_EQ(huge.data(Qt::ToolTipRole).toString(), hugeName);
}

// Issue 17: thumbnails said nothing of their class or subset. Each now carries both as badges (and in its
// tooltip and the viewer's caption).
TEST_F(DatasetPageTest, ThumbnailsCarryTheirClassAndSubset) {
    const QString first = writeImage("ant1.png", {40, 20});
    const QString second = writeImage("ant2.png", {20, 40});
    const QString third = writeImage("bee1.png", {30, 30});
    DatasetOverview overview;
    overview.folder = qpath(m_dir.path());
    overview.classes = {
        classOf(QStringLiteral("ants"), {first, second}, {DatasetSubset::Train, DatasetSubset::Validation}),
        classOf(QStringLiteral("bees"), {third}, {DatasetSubset::Test})};
    show(overview);
    ThumbnailListModel* model = m_page.thumbnailModel();
    ASSERT_EQ(model->rowCount(), 3);  // all classes
    EXPECT_EQ(model->badgesAt(0), (QStringList{QStringLiteral("ants"), QStringLiteral("training")}));
    EXPECT_EQ(model->badgesAt(1), (QStringList{QStringLiteral("ants"), QStringLiteral("validation")}));
    EXPECT_EQ(model->badgesAt(2), (QStringList{QStringLiteral("bees"), QStringLiteral("test")}));
    EXPECT_TRUE(
        model->index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("subset: validation")));
    EXPECT_EQ(model->captions().at(2), QStringLiteral("Class: bees, subset: test"));

    m_page.showClassThumbnails(1);  // bees only
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0).data(ThumbnailListModel::BadgesRole).toStringList(),
              (QStringList{QStringLiteral("bees"), QStringLiteral("test")}));
}

// Issue 17: a landscape thumbnail's caption sat higher than a portrait one's. Every caption now starts
// at the same height in its cell, whatever the image's shape.
TEST_F(DatasetPageTest, CaptionsLineUpWhateverTheThumbnailsShape) {
    const QString wide = writeImage("wide.png", {200, 50});
    const QString tall = writeImage("tall.png", {50, 200});
    DatasetOverview overview;
    overview.folder = qpath(m_dir.path());
    overview.classes = {
        classOf(QStringLiteral("seals"), {wide, tall}, {DatasetSubset::Train, DatasetSubset::Train})};
    show(overview);
    ThumbnailListModel* model = m_page.thumbnailModel();
    ASSERT_TRUE(waitUntil([&] {
        return model->rowCount() == 2 && model->stateAt(0) == ThumbnailListModel::State::Ready &&
               model->stateAt(1) == ThumbnailListModel::State::Ready;
    }));
    auto* delegate = qobject_cast<ThumbnailDelegate*>(grid()->itemDelegate());
    ASSERT_NE(delegate, nullptr);
    const auto captionOffset = [&](int row) {
        const QModelIndex index = model->index(row);
        QStyleOptionViewItem option;
        option.initFrom(grid());
        option.widget = grid();
        option.rect = grid()->visualRect(index);
        option.decorationPosition = QStyleOptionViewItem::Top;
        option.decorationAlignment = Qt::AlignCenter;
        option.displayAlignment = Qt::AlignHCenter | Qt::AlignTop;
        option.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
        return delegate->captionRect(option, index).top() - option.rect.top();
    };
    EXPECT_EQ(captionOffset(0), captionOffset(1));
    EXPECT_GE(captionOffset(0), grid()->iconSize().height());  // below a full-height box, not the pixmap
}

}  // namespace
}  // namespace tlw::ui
