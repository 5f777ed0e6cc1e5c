#include "ui/widgets/thumbnail_grid_view.h"

#include <algorithm>

#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/thumbnail_delegate.h"

namespace tlw::ui {

namespace {
// Long enough to skip the frames of a fast scroll, short enough to feel immediate.
constexpr int kRequestDelayMs = 40;
}  // namespace

ThumbnailGridView::ThumbnailGridView(QWidget* parent) : QListView(parent) {
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    // Batched layout spreads the item layout of a large list over several event-loop passes.
    setLayoutMode(QListView::Batched);
    setBatchSize(1000);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setTextElideMode(Qt::ElideMiddle);
    setWordWrap(false);
    setSpacing(6);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setItemDelegate(new ThumbnailDelegate(this));

    m_requestTimer.setSingleShot(true);
    m_requestTimer.setInterval(kRequestDelayMs);
    connect(&m_requestTimer, &QTimer::timeout, this, &ThumbnailGridView::requestVisibleThumbnails);
    connect(this, &QListView::activated, this, [this](const QModelIndex& index) {
        if (m_model == nullptr) return;
        emit imageActivated(m_model->pathAt(index.row()));
        if (m_opensViewer) openViewer(index.row());
    });
}

void ThumbnailGridView::openViewer(int row) {
    if (m_viewer == nullptr) m_viewer = new ImageViewerDialog(window());
    m_viewer->showImages(m_model->paths(), m_model->captions(), row);
    emit viewerOpened(m_viewer);
    m_viewer->show();
    m_viewer->raise();
    m_viewer->activateWindow();
}

void ThumbnailGridView::setThumbnailModel(ThumbnailListModel* model) {
    if (m_model != nullptr) disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    setModel(model);
    if (model == nullptr) return;
    updateGrid();
    connect(model, &QAbstractItemModel::modelReset, this, &ThumbnailGridView::scheduleRequest);
    connect(model, &QAbstractItemModel::modelReset, this, &ThumbnailGridView::updateGrid);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
                if (roles.isEmpty() || roles.contains(Qt::DisplayRole)) updateGrid();
            });
    connect(model, &QAbstractItemModel::rowsInserted, this, &ThumbnailGridView::scheduleRequest);
    scheduleRequest();
}

// Cells as wide as the widest caption of the first rows ("ants → bees (0.96)" is wider than a thumbnail),
// up to twice a thumbnail; longer ones are elided in the middle.
void ThumbnailGridView::updateGrid() {
    constexpr int kCaptionsMeasured = 200;
    const QSize thumb = m_model->thumbnailSize();
    setIconSize(thumb);
    int captionWidth = 0;
    const int rows = std::min(m_model->rowCount(), kCaptionsMeasured);
    for (int row = 0; row < rows; ++row)
        captionWidth =
            std::max(captionWidth,
                     fontMetrics().horizontalAdvance(m_model->index(row).data(Qt::DisplayRole).toString()));
    const int width = std::clamp(captionWidth, thumb.width(), 2 * thumb.width()) + 16;
    const int textHeight = fontMetrics().height();
    setGridSize(QSize(width, thumb.height() + textHeight + 16));
}

// Rows are laid out in order, left to right and line by line, so the rows on screen are a range: bisection
// on each row's rectangle finds its ends. (Sampling points of the viewport missed items narrower than half
// their grid cell, as short file names in cells widened by long ones are, and then nothing was requested.)
// Rows not laid out yet (a batched layout still running) count as below the viewport.
std::pair<int, int> ThumbnailGridView::visibleRows() const {
    const int rows = model() == nullptr ? 0 : model()->rowCount();
    if (rows == 0) return {-1, -1};
    const QRect area = viewport()->rect();
    const auto cell = [this](int row) { return visualRect(model()->index(row, 0)); };
    const auto firstWhere = [rows](const auto& holds) {  // holds: false ... false true ... true
        int low = 0;
        int high = rows;
        while (low < high) {
            const int middle = low + (high - low) / 2;
            if (holds(middle))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    };
    const int first = firstWhere([&](int row) {
        const QRect rect = cell(row);
        return !rect.isValid() || rect.bottom() >= area.top();
    });
    if (first >= rows || !cell(first).isValid() || cell(first).top() > area.bottom()) return {-1, -1};
    const int end = firstWhere([&](int row) {
        const QRect rect = cell(row);
        return !rect.isValid() || rect.top() > area.bottom();
    });
    return {first, end - 1};
}

void ThumbnailGridView::requestVisibleThumbnails() {
    if (m_model == nullptr) return;
    const auto [first, last] = visibleRows();
    if (first < 0) {
        // Nothing laid out yet (batched layout still running): try again shortly.
        if (m_model->rowCount() > 0 && isVisible()) scheduleRequest();
        return;
    }
    // One screen ahead makes scrolling down show ready thumbnails most of the time.
    const int ahead = last - first + 1;
    m_model->requestThumbnails(first, last + ahead);
}

void ThumbnailGridView::scheduleRequest() { m_requestTimer.start(); }

void ThumbnailGridView::resizeEvent(QResizeEvent* event) {
    QListView::resizeEvent(event);
    scheduleRequest();
}

void ThumbnailGridView::scrollContentsBy(int dx, int dy) {
    QListView::scrollContentsBy(dx, dy);
    scheduleRequest();
}

}  // namespace tlw::ui
