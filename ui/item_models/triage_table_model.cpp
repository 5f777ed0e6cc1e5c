#include "ui/item_models/triage_table_model.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {

TriageTableModel::TriageTableModel(ThumbnailLoader* thumbnails, QObject* parent)
    : QAbstractTableModel(parent), m_thumbnails(thumbnails) {
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, this, &TriageTableModel::onThumbnailReady);
}

void TriageTableModel::setRows(std::vector<TriageRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    // The ranking's top first: those are the images the user looks at.
    QStringList paths;
    for (const TriageRow& row : m_rows)
        if (row.rank > 0) paths << row.path;
    m_thumbnails->request(paths);
}

void TriageTableModel::onThumbnailReady(const QString& path) {
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].path != path) continue;
        const QModelIndex cell = index(static_cast<int>(r), FileColumn);
        emit dataChanged(cell, cell, {Qt::DecorationRole});
    }
}

int TriageTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TriageTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TriageTableModel::displayValue(const TriageRow& row, int column) const {
    const bool read = row.rank > 0;
    switch (column) {
        case RankColumn:
            return read ? QVariant(row.rank) : QVariant();
        case FileColumn:
            return QFileInfo(row.path).fileName();
        case AnswerColumn:
            if (!read) return row.error;
            return row.unknown ? tr("unknown") : row.answer;
        case ProbabilityColumn:
            return read ? QLocale().toString(row.probability * 100.0, 'f', 1) + QStringLiteral(" %")
                        : QVariant();
        case PlacedColumn:
            return read && !row.error.isEmpty() ? row.error : QDir::toNativeSeparators(row.placedAt);
        default:
            return {};
    }
}

QVariant TriageTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const TriageRow& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return displayValue(row, index.column());
        case Qt::DecorationRole: {
            if (index.column() != FileColumn) return {};
            const auto thumbnail = m_thumbnails->thumbnail(row.path);
            return thumbnail ? QVariant(*thumbnail) : QVariant();
        }
        case PathRole:
            return row.path;
        case Qt::ToolTipRole:
            return index.column() == FileColumn ? QDir::toNativeSeparators(row.path) : QVariant();
        case Qt::TextAlignmentRole:
            return index.column() == RankColumn || index.column() == ProbabilityColumn
                       ? static_cast<int>(Qt::AlignRight | Qt::AlignVCenter)
                       : static_cast<int>(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            return row.error.isEmpty() ? QVariant() : QColor(0xb3, 0x26, 0x1e);
        default:
            return {};
    }
}

QVariant TriageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case RankColumn:
            return tr("Rank");
        case FileColumn:
            return tr("Image");
        case AnswerColumn:
            return tr("Answer");
        case ProbabilityColumn:
            return tr("Probability");
        case PlacedColumn:
            return tr("Copied to");
        default:
            return {};
    }
}

}  // namespace tlw::ui
