#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace tlw::ui {

// scikit-learn's confusion_matrix as a table: row = true class, column = predicted class, each cell the
// number of images. The background shades with the share of its row (the class's recall on the diagonal),
// like matplotlib's "Blues" colour map in ConfusionMatrixDisplay, so a glance shows what gets confused.
class ConfusionMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { CountRole = Qt::UserRole + 1, RowShareRole };

    explicit ConfusionMatrixModel(QObject* parent = nullptr);

    // counts[true][predicted]; one row and one column per class name. Ignored when the sizes disagree.
    void setMatrix(const QStringList& classNames, const std::vector<std::vector<int>>& counts);
    void clear();
    int count(int trueClass, int predictedClass) const;
    const QStringList& classNames() const { return m_classNames; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The colour for a share of a row, 0..1: near white to matplotlib's dark blue.
    static QColor shade(double share);

private:
    double rowShare(int row, int column) const;

    QStringList m_classNames;
    std::vector<std::vector<int>> m_counts;
    std::vector<int> m_rowTotals;
};

}  // namespace tlw::ui
