#pragma once

#include <QDir>
#include <QHash>
#include <QIcon>
#include <QStandardItemModel>
#include <QStyle>

#include "ui/pages/dataset_overview.h"

namespace tlw::ui {

// The Dataset page's scan report as a tree: one section per kind of trouble (errors, warnings, skipped
// files, identical files, ignored entries, differences from the split manifest) holding its entries, or
// a single "no problems" row. Every row says what it is in EntryKindRole; rows naming one file carry it
// in PathRole, for revealing it in the file manager. Paths are shown relative to the dataset folder.
class ScanReportModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, EntryKindRole };
    // What a row is, for EntryKindRole (and tests).
    enum class EntryKind {
        Section,
        Error,
        Warning,
        Skipped,
        DuplicateGroup,
        Leakage,
        DuplicateFile,
        Ignored,
        Manifest,
        NoProblems
    };

    explicit ScanReportModel(QObject* parent = nullptr);

    // Refills the tree in the current language: the texts are worded here, so calling it again after a
    // language change is how the report is re-worded.
    void setReport(const QString& datasetFolder, const DatasetReport& report);

private:
    void appendErrors(const DatasetReport& report);
    void appendWarnings(const DatasetReport& report);
    void appendSkipped(const DatasetReport& report);
    void appendDuplicates(const DatasetReport& report);
    QStandardItem* makeDuplicateGroup(const DuplicateGroupEntry& group);
    void appendIgnored(const DatasetReport& report);
    void appendManifestDifferences(const DatasetReport& report);
    QStandardItem* appendSection(const QString& title, QStyle::StandardPixmap icon);
    QStandardItem* makeEntry(const QString& text, EntryKind kind, const QString& path = {}) const;
    QString shown(const QString& path) const;
    QIcon icon(QStyle::StandardPixmap which);

    QDir m_root;                // the dataset folder of the report being filled
    QHash<int, QIcon> m_icons;  // this fill's icons
};

}  // namespace tlw::ui
