#include "ui/item_models/scan_report_model.h"

#include <QApplication>
#include <QLocale>

#include "ui/adapters/scan_notice_text.h"
#include "ui/adapters/skip_reason_text.h"

namespace tlw::ui {

namespace {
constexpr int kDuplicateNamesShown = 3;
const QColor kLeakageColor(0xc6, 0x28, 0x28);

QString formatBytes(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

void setBold(QStandardItem* item) {
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
}
}  // namespace

ScanReportModel::ScanReportModel(QObject* parent) : QStandardItemModel(parent) {}

void ScanReportModel::setReport(const QString& datasetFolder, const DatasetReport& report) {
    clear();
    m_root = QDir(datasetFolder);
    m_icons.clear();
    appendErrors(report);
    appendWarnings(report);
    appendSkipped(report);
    appendDuplicates(report);
    appendIgnored(report);
    appendManifestDifferences(report);
    if (rowCount() == 0) {
        QStandardItem* fine =
            makeEntry(tr("No problems found: every image can be used."), EntryKind::NoProblems);
        fine->setIcon(icon(QStyle::SP_DialogApplyButton));
        appendRow(fine);
    }
}

void ScanReportModel::appendErrors(const DatasetReport& report) {
    if (report.errors.empty()) return;
    QStandardItem* errors = appendSection(
        tr("Cannot be trained on (%n reason(s))", nullptr, static_cast<int>(report.errors.size())),
        QStyle::SP_MessageBoxCritical);
    for (const tlw::ScanNotice& error : report.errors)
        errors->appendRow(makeEntry(ScanNoticeText::of(error), EntryKind::Error));
}

void ScanReportModel::appendWarnings(const DatasetReport& report) {
    if (report.warnings.empty()) return;
    QStandardItem* warnings = appendSection(
        tr("Warnings (%n)", nullptr, static_cast<int>(report.warnings.size())), QStyle::SP_MessageBoxWarning);
    for (const tlw::ScanNotice& warning : report.warnings)
        warnings->appendRow(makeEntry(ScanNoticeText::of(warning), EntryKind::Warning));
}

void ScanReportModel::appendSkipped(const DatasetReport& report) {
    if (report.skipped.empty()) return;
    QStandardItem* skipped =
        appendSection(tr("Skipped files (%n)", nullptr, static_cast<int>(report.skipped.size())),
                      QStyle::SP_MessageBoxWarning);
    for (const SkippedFileEntry& file : report.skipped) {
        QStandardItem* row = makeEntry(tr("%1 — %2").arg(shown(file.path), SkipReasonText::of(file.reason)),
                                       EntryKind::Skipped, file.path);
        // Core's exact reason, for a bug report or a search: the row says what kind of trouble it is.
        row->setToolTip(tr("%1\n%2\nDouble-click to show it in the file manager.")
                            .arg(QDir::toNativeSeparators(file.path), file.reason));
        skipped->appendRow(row);
    }
}

void ScanReportModel::appendDuplicates(const DatasetReport& report) {
    if (report.duplicates.empty()) return;
    QStandardItem* duplicates = appendSection(
        tr("Identical files (%n group(s))", nullptr, static_cast<int>(report.duplicates.size())),
        QStyle::SP_FileDialogContentsView);
    for (const DuplicateGroupEntry& group : report.duplicates)
        duplicates->appendRow(makeDuplicateGroup(group));
}

QStandardItem* ScanReportModel::makeDuplicateGroup(const DuplicateGroupEntry& group) {
    const int count = static_cast<int>(group.files.size());
    const QString size = formatBytes(group.sizeBytes);
    QString text;
    EntryKind kind = EntryKind::DuplicateGroup;
    switch (group.kind) {
        case DuplicateGroupEntry::Kind::WithinClass:
            text = tr("%n identical file(s) in one class (%1 each)", nullptr, count).arg(size);
            break;
        case DuplicateGroupEntry::Kind::AcrossClasses:
            text = tr("%n identical file(s) with different class labels (%1 each)", nullptr, count).arg(size);
            break;
        case DuplicateGroupEntry::Kind::AcrossSubsets:
            text = tr("Leakage: %n identical file(s) in training and in validation or test (%1 each)",
                      nullptr, count)
                       .arg(size);
            kind = EntryKind::Leakage;
            break;
    }
    // The names say which files, without unfolding the group.
    QStringList names;
    for (const QString& file : group.files.mid(0, kDuplicateNamesShown)) names << shown(file);
    if (group.files.size() > kDuplicateNamesShown) names << QStringLiteral("…");
    QStandardItem* row = makeEntry(tr("%1: %2").arg(text, names.join(QStringLiteral(", "))), kind);
    if (kind == EntryKind::Leakage) {
        setBold(row);
        row->setForeground(kLeakageColor);
        row->setIcon(icon(QStyle::SP_MessageBoxCritical));
        row->setToolTip(tr("Validation accuracy is inflated: these images were also trained on."));
    }
    for (const QString& file : group.files)
        row->appendRow(makeEntry(shown(file), EntryKind::DuplicateFile, file));
    return row;
}

void ScanReportModel::appendIgnored(const DatasetReport& report) {
    const int count = static_cast<int>(report.ignoredRootEntries.size() + report.ignoredOtherFiles.size()) +
                      (report.hiddenEntries > 0 ? 1 : 0);
    if (count == 0) return;
    QStandardItem* ignored =
        appendSection(tr("Ignored (%n)", nullptr, count), QStyle::SP_MessageBoxInformation);
    for (const QString& path : report.ignoredRootEntries)
        ignored->appendRow(
            makeEntry(tr("%1 — not a class folder", "a file beside the class folders").arg(shown(path)),
                      EntryKind::Ignored, path));
    for (const QString& path : report.ignoredOtherFiles)
        ignored->appendRow(makeEntry(tr("%1 — not an image file (by its extension)").arg(shown(path)),
                                     EntryKind::Ignored, path));
    if (report.hiddenEntries > 0)
        ignored->appendRow(
            makeEntry(tr("%n hidden entry(s) (names starting with a dot)", nullptr, report.hiddenEntries),
                      EntryKind::Ignored));
}

void ScanReportModel::appendManifestDifferences(const DatasetReport& report) {
    const int count = static_cast<int>(report.notInManifest.size() + report.missingFromManifest.size() +
                                       report.changedSinceManifest.size());
    if (count == 0) return;
    QStandardItem* manifest = appendSection(tr("Differences from the split manifest (%n)", nullptr, count),
                                            QStyle::SP_MessageBoxWarning);
    for (const QString& path : report.notInManifest)
        manifest->appendRow(
            makeEntry(tr("%1 — not in the manifest: left out").arg(shown(path)), EntryKind::Manifest, path));
    // A missing file has nothing to reveal: no path for it.
    for (const QString& path : report.missingFromManifest)
        manifest->appendRow(makeEntry(tr("%1 — in the manifest, but missing or unreadable").arg(shown(path)),
                                      EntryKind::Manifest));
    for (const QString& path : report.changedSinceManifest)
        manifest->appendRow(makeEntry(tr("%1 — changed since the manifest was written").arg(shown(path)),
                                      EntryKind::Manifest, path));
}

QStandardItem* ScanReportModel::appendSection(const QString& title, QStyle::StandardPixmap which) {
    QStandardItem* section = makeEntry(title, EntryKind::Section);
    setBold(section);
    section->setIcon(icon(which));
    appendRow(section);
    return section;
}

QStandardItem* ScanReportModel::makeEntry(const QString& text, EntryKind kind, const QString& path) const {
    auto* row = new QStandardItem(text);
    row->setEditable(false);
    row->setData(static_cast<int>(kind), EntryKindRole);
    if (!path.isEmpty()) {
        row->setData(path, PathRole);
        row->setToolTip(
            tr("%1\nDouble-click to show it in the file manager.").arg(QDir::toNativeSeparators(path)));
    } else {
        row->setToolTip(text);
    }
    return row;
}

QString ScanReportModel::shown(const QString& path) const {
    const QString relative = m_root.relativeFilePath(path);
    return QDir::toNativeSeparators(relative.startsWith(QLatin1String("..")) ? path : relative);
}

QIcon ScanReportModel::icon(QStyle::StandardPixmap which) {
    // Each icon looked up once per fill: a theme lookup costs about a millisecond.
    auto found = m_icons.find(which);
    if (found == m_icons.end()) found = m_icons.insert(which, QApplication::style()->standardIcon(which));
    return *found;
}

}  // namespace tlw::ui
