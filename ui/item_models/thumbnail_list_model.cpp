#include "ui/item_models/thumbnail_list_model.h"

#include <QApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <algorithm>

#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {

namespace {

// A light frame with a stylised landscape: reads as "an image is coming" without looking like an error.
QIcon makePlaceholder(QSize size) {
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame =
        QRectF(pixmap.rect())
            .adjusted(size.width() * 0.12, size.height() * 0.2, -size.width() * 0.12, -size.height() * 0.2);
    painter.setPen(QPen(QColor(0xc4, 0xc9, 0xd0), 2));
    painter.setBrush(QColor(0xf1, 0xf3, 0xf5));
    painter.drawRoundedRect(frame, 6, 6);
    QPainterPath hills;
    hills.moveTo(frame.left() + 4, frame.bottom() - 4);
    hills.lineTo(frame.left() + frame.width() * 0.38, frame.top() + frame.height() * 0.45);
    hills.lineTo(frame.left() + frame.width() * 0.58, frame.top() + frame.height() * 0.7);
    hills.lineTo(frame.left() + frame.width() * 0.74, frame.top() + frame.height() * 0.55);
    hills.lineTo(frame.right() - 4, frame.bottom() - 4);
    hills.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xd5, 0xda, 0xe0));
    painter.drawPath(hills);
    painter.drawEllipse(QPointF(frame.right() - frame.width() * 0.22, frame.top() + frame.height() * 0.28),
                        frame.width() * 0.07, frame.width() * 0.07);
    return QIcon(pixmap);
}

}  // namespace

ThumbnailListModel::ThumbnailListModel(QSize thumbnailSize, QObject* parent)
    : QAbstractListModel(parent),
      m_loader(new ThumbnailLoader(thumbnailSize, this)),
      m_placeholder(makePlaceholder(thumbnailSize)),
      m_failedIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning)) {
    connect(m_loader, &ThumbnailLoader::thumbnailReady, this, &ThumbnailListModel::onThumbnailChanged);
    connect(m_loader, &ThumbnailLoader::thumbnailFailed, this,
            [this](const QString& path, const QString&) { onThumbnailChanged(path); });
}

ThumbnailListModel::~ThumbnailListModel() = default;

QSize ThumbnailListModel::thumbnailSize() const { return m_loader->thumbnailSize(); }

void ThumbnailListModel::setPaths(const QStringList& paths, const QStringList& captions,
                                  const QStringList& tileTexts) {
    beginResetModel();
    m_loader->cancelAll();
    m_paths = paths;
    m_captions = captions.size() == paths.size() ? captions : QStringList();
    m_tileTexts = tileTexts.size() == paths.size() ? tileTexts : QStringList();
    m_badges.clear();
    m_rows.clear();
    m_rows.reserve(paths.size());
    for (int row = 0; row < paths.size(); ++row) m_rows.insert(paths[row], row);
    endResetModel();
}

void ThumbnailListModel::setTexts(const QStringList& captions, const QStringList& tileTexts) {
    m_captions = captions.size() == m_paths.size() ? captions : QStringList();
    m_tileTexts = tileTexts.size() == m_paths.size() ? tileTexts : QStringList();
    if (!m_paths.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

void ThumbnailListModel::setBadges(const QList<QStringList>& badges) {
    m_badges = badges.size() == m_paths.size() ? badges : QList<QStringList>();
    if (!m_paths.isEmpty()) emit dataChanged(index(0), index(rowCount() - 1), {BadgesRole});
}

ThumbnailListModel::State ThumbnailListModel::stateAt(int row) const {
    const QString path = pathAt(row);
    if (m_loader->thumbnail(path)) return State::Ready;
    if (!m_loader->errorFor(path).isEmpty()) return State::Failed;
    return State::Loading;
}

void ThumbnailListModel::requestThumbnails(int first, int last) {
    first = std::max(first, 0);
    last = std::min(last, static_cast<int>(m_paths.size()) - 1);
    QStringList wanted;
    for (int row = first; row <= last; ++row) wanted.append(m_paths[row]);
    m_loader->request(wanted);
}

int ThumbnailListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_paths.size());
}

QVariant ThumbnailListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const QString& path = m_paths[index.row()];
    switch (role) {
        case Qt::DisplayRole:
            return m_tileTexts.isEmpty() ? QFileInfo(path).fileName() : m_tileTexts[index.row()];
        case Qt::DecorationRole:
            if (const auto pixmap = m_loader->thumbnail(path))
                return m_decorator ? m_decorator(path, *pixmap) : *pixmap;
            return m_loader->errorFor(path).isEmpty() ? m_placeholder : m_failedIcon;
        case Qt::ToolTipRole: {
            const QString error = m_loader->errorFor(path);
            const QString text = error.isEmpty() ? path : tr("%1\nCannot be read: %2").arg(path, error);
            return m_captions.isEmpty() ? text : text + QLatin1Char('\n') + m_captions[index.row()];
        }
        case PathRole:
            return path;
        case StateRole:
            return static_cast<int>(stateAt(index.row()));
        case BadgesRole:
            return m_badges.value(index.row());
        default:
            return {};
    }
}

void ThumbnailListModel::onThumbnailChanged(const QString& path) {
    const int row = rowOf(path);
    if (row < 0) return;
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {Qt::DecorationRole, Qt::ToolTipRole, StateRole});
}

void ThumbnailListModel::setDecorator(Decorator decorator) {
    m_decorator = std::move(decorator);
    refreshDecorations();
}

void ThumbnailListModel::refreshDecorations(const QString& path) {
    if (m_paths.isEmpty()) return;
    const int row = path.isEmpty() ? -1 : rowOf(path);
    if (!path.isEmpty() && row < 0) return;
    emit dataChanged(index(row < 0 ? 0 : row), index(row < 0 ? rowCount() - 1 : row), {Qt::DecorationRole});
}

}  // namespace tlw::ui
