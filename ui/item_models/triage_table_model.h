#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace tlw::ui {

class ThumbnailLoader;

// One image of a triaged folder as the Triage dialog shows it; ui/adapters fills it from core's
// TriagedImage.
struct TriageRow {
    int rank = 0;  // 1 = most probable; 0 when the image could not be read
    QString path;
    QString answer;  // a class name; empty when unknown or unreadable
    bool unknown = false;
    double probability = 0.0;  // the ranked class's, or the answer's (the top class's when unknown)
    QString placedAt;          // the copy or link, or empty
    QString error;             // why the image could not be read, or why its copy failed
};

// A triaged folder, most probable first: rank, the image (a thumbnail and its name), the answer and the
// probability it was ranked by. Thumbnails come from a ThumbnailLoader as they are decoded.
class TriageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RankColumn, FileColumn, AnswerColumn, ProbabilityColumn, PlacedColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1 };

    explicit TriageTableModel(ThumbnailLoader* thumbnails, QObject* parent = nullptr);

    void setRows(std::vector<TriageRow> rows);
    const std::vector<TriageRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayValue(const TriageRow& row, int column) const;
    void onThumbnailReady(const QString& path);

    ThumbnailLoader* m_thumbnails;
    std::vector<TriageRow> m_rows;
};

}  // namespace tlw::ui
