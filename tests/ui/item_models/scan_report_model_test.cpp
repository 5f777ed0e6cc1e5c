#include "ui/item_models/scan_report_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QDir>
#include <QFont>
#include <QLocale>
#include <string>

#include "core/data/dataset_scanner.h"
#include "core/data/split_manifest.h"
#include "tests/support/temp_dir.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/adapters/scan_overview.h"
#include "ui/util/language_manager.h"

namespace tlw::ui {
namespace {

using Kind = ScanReportModel::EntryKind;
using test::qpath;
using test::writePng;
using test::writeText;

// Fills the model from real scans of folders built on disk, as the Dataset page's controller does.
class ScanReportModelTest : public ::testing::Test {
protected:
    // The English plural forms ("2 groups", not "2 group(s)"), as the application installs them.
    void SetUp() override { m_languages.apply(QStringLiteral("en")); }
    void TearDown() override { m_languages.apply(QStringLiteral("en")); }  // the number format too

    void scan(const std::filesystem::path& root, tlw::ScanOptions options = {}) {
        m_result = tlw::scanDataset(root, options);
        m_overview = datasetOverviewFromScan(m_result);
        m_model.setReport(m_overview.folder, m_overview.report);
    }
    QString text(int row, const QModelIndex& parent = {}) const {
        return m_model.index(row, 0, parent).data().toString();
    }
    QStringList texts(const QModelIndex& parent = {}) const {
        QStringList list;
        for (int row = 0; row < m_model.rowCount(parent); ++row) list << text(row, parent);
        return list;
    }
    Kind kind(const QModelIndex& index) const {
        return static_cast<Kind>(index.data(ScanReportModel::EntryKindRole).toInt());
    }
    QString path(const QModelIndex& index) const { return index.data(ScanReportModel::PathRole).toString(); }
    // The section whose title starts with `title`, or an invalid index.
    QModelIndex section(const QString& title) const {
        for (int row = 0; row < m_model.rowCount(); ++row)
            if (text(row).startsWith(title)) return m_model.index(row, 0);
        return {};
    }
    static void writeTenDistinctPngs(const std::filesystem::path& folder, int hue) {
        for (int i = 0; i < 10; ++i)
            writePng(folder / (std::to_string(i) + ".png"), QColor::fromHsv((hue + i * 7) % 360, 200, 200));
    }

    tlw::test::TempDir m_dir;
    LanguageManager m_languages;
    ScanReportModel m_model;
    tlw::ScanResult m_result;
    DatasetOverview m_overview;
};

TEST_F(ScanReportModelTest, PassesQtModelConsistencyChecks) {
    QAbstractItemModelTester tester(&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto root = m_dir / "shapes";
    writePng(root / "circles" / "1.png", Qt::red);
    writePng(root / "squares" / "1.png", Qt::blue);
    std::filesystem::copy_file(root / "circles" / "1.png", root / "squares" / "2.png");
    writeText(root / "notes.txt", "x");
    scan(root);
    EXPECT_GT(m_model.rowCount(), 1);
    m_model.clear();
}

TEST_F(ScanReportModelTest, ACleanScanIsOneNoProblemsRow) {
    const auto root = m_dir / "clean";
    writeTenDistinctPngs(root / "cats", 0);
    writeTenDistinctPngs(root / "dogs", 180);
    scan(root);
    ASSERT_EQ(texts(), QStringList{QStringLiteral("No problems found: every image can be used.")});
    const QModelIndex fine = m_model.index(0, 0);
    EXPECT_EQ(kind(fine), Kind::NoProblems);
    EXPECT_EQ(m_model.rowCount(fine), 0);
    EXPECT_TRUE(path(fine).isEmpty());
    EXPECT_FALSE(fine.data(Qt::DecorationRole).value<QIcon>().isNull());
}

TEST_F(ScanReportModelTest, ListsEveryKindOfTroubleOfAFlawedScanSectionBySection) {
    const auto root = m_dir / "flowers";
    writePng(root / "train" / "roses" / "r1.png", Qt::red);
    writePng(root / "train" / "roses" / "r2.png", Qt::darkRed);
    std::filesystem::copy_file(root / "train" / "roses" / "r2.png", root / "train" / "roses" / "r2_copy.png");
    writePng(root / "train" / "tulips" / "t1.png", Qt::yellow);
    writePng(root / "train" / "tulips" / "t2.png", Qt::darkYellow);
    writeText(root / "train" / "tulips" / "broken.jpg", "this is not a JPEG");
    writeText(root / "train" / "tulips" / "readme.md", "about tulips");
    writePng(root / "val" / "roses" / "r3.png", Qt::magenta);
    std::filesystem::copy_file(root / "train" / "roses" / "r1.png", root / "val" / "roses" / "r1_again.png");
    writePng(root / "val" / "tulips" / "t3.png", Qt::green);
    writeText(root / "notes.txt", "collected in May");
    writeText(root / ".hidden", "");
    scan(root);

    const DatasetReport& report = m_overview.report;
    ASSERT_EQ(m_model.rowCount(), 4) << texts().join('\n').toStdString();
    EXPECT_EQ(text(0), QStringLiteral("Warnings (%1)").arg(report.warnings.size()));
    EXPECT_EQ(text(1), QStringLiteral("Skipped file (1)"));
    EXPECT_EQ(text(2), QStringLiteral("Identical files (2 groups)"));
    EXPECT_EQ(text(3), QStringLiteral("Ignored (3)"));
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QModelIndex index = m_model.index(row, 0);
        EXPECT_EQ(kind(index), Kind::Section);
        EXPECT_TRUE(index.data(Qt::FontRole).value<QFont>().bold());
    }

    // Core's warnings worded by the window, one row each.
    const QStringList warnings = texts(section(QStringLiteral("Warnings")));
    EXPECT_EQ(warnings.size(), static_cast<int>(report.warnings.size()));
    EXPECT_TRUE(warnings.contains(QStringLiteral("1 file skipped (listed with the reasons).")))
        << warnings.join('\n').toStdString();
    EXPECT_TRUE(
        warnings.contains(QStringLiteral("Identical images span subsets (1 group); leakage: validation or "
                                         "test images are also in training.")))
        << warnings.join('\n').toStdString();

    // A skipped file: its path relative to the dataset, the kind of trouble (core's exact reason in the
    // tooltip), and the absolute path to reveal.
    const QModelIndex skipped = m_model.index(0, 0, section(QStringLiteral("Skipped")));
    ASSERT_EQ(report.skipped.size(), 1u);
    EXPECT_EQ(skipped.data().toString(), QStringLiteral("train/tulips/broken.jpg — not an image: a text file"));
    EXPECT_EQ(report.skipped[0].reason, QStringLiteral("not an image (text file)"));
    EXPECT_EQ(kind(skipped), Kind::Skipped);
    EXPECT_EQ(path(skipped), qpath(root / "train" / "tulips" / "broken.jpg"));
    EXPECT_EQ(skipped.data(Qt::ToolTipRole).toString(),
              qpath(root / "train" / "tulips" / "broken.jpg") +
                  QStringLiteral("\nnot an image (text file)\nDouble-click to show it in the file manager."));
}

TEST_F(ScanReportModelTest, LeakageStandsOutAmongTheIdenticalFilesAndUnfoldsToItsFiles) {
    const auto root = m_dir / "flowers";
    writePng(root / "train" / "roses" / "r1.png", Qt::red);
    writePng(root / "train" / "roses" / "r2.png", Qt::darkRed);
    std::filesystem::copy_file(root / "train" / "roses" / "r2.png", root / "train" / "roses" / "r2_copy.png");
    writePng(root / "train" / "tulips" / "t1.png", Qt::yellow);
    writePng(root / "val" / "roses" / "r3.png", Qt::magenta);
    std::filesystem::copy_file(root / "train" / "roses" / "r1.png", root / "val" / "roses" / "r1_again.png");
    writePng(root / "val" / "tulips" / "t3.png", Qt::green);
    scan(root);

    const QModelIndex duplicates = section(QStringLiteral("Identical files"));
    ASSERT_TRUE(duplicates.isValid()) << texts().join('\n').toStdString();
    ASSERT_EQ(m_model.rowCount(duplicates), 2);
    QModelIndex leakage;
    QModelIndex withinClass;
    for (int row = 0; row < 2; ++row) {
        const QModelIndex group = m_model.index(row, 0, duplicates);
        (kind(group) == Kind::Leakage ? leakage : withinClass) = group;
    }
    ASSERT_TRUE(leakage.isValid());
    ASSERT_TRUE(withinClass.isValid());
    const auto bytes = static_cast<qint64>(std::filesystem::file_size(root / "train" / "roses" / "r1.png"));
    const QString size = QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
    const QString leakingFiles = leakage.data().toString().section(QStringLiteral(": "), 2);
    EXPECT_EQ(leakage.data().toString(),
              QStringLiteral("Leakage: 2 identical files in training and in validation or test (%1 each): %2")
                  .arg(size, leakingFiles));
    EXPECT_TRUE(leakingFiles.contains(QStringLiteral("train/roses/r1.png")));
    EXPECT_TRUE(leakingFiles.contains(QStringLiteral("val/roses/r1_again.png")));
    EXPECT_TRUE(leakage.data(Qt::FontRole).value<QFont>().bold());
    EXPECT_EQ(leakage.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    EXPECT_EQ(leakage.data(Qt::ToolTipRole).toString(),
              QStringLiteral("Validation accuracy is inflated: these images were also trained on."));
    EXPECT_TRUE(path(leakage).isEmpty());  // a group: its files are below it
    ASSERT_EQ(m_model.rowCount(leakage), 2);
    QStringList revealed;
    for (int row = 0; row < 2; ++row) {
        const QModelIndex file = m_model.index(row, 0, leakage);
        EXPECT_EQ(kind(file), Kind::DuplicateFile);
        EXPECT_EQ(file.data().toString(), QDir(qpath(root)).relativeFilePath(path(file)));
        revealed << path(file);
    }
    revealed.sort();
    EXPECT_EQ(revealed, QStringList({qpath(root / "train" / "roses" / "r1.png"),
                                     qpath(root / "val" / "roses" / "r1_again.png")}));

    EXPECT_TRUE(withinClass.data().toString().startsWith(
        QStringLiteral("2 identical files in one class (%1 each): train/roses/r2").arg(size)))
        << withinClass.data().toString().toStdString();
    EXPECT_FALSE(withinClass.data(Qt::FontRole).value<QFont>().bold());
}

TEST_F(ScanReportModelTest, IgnoredEntriesSayWhyAndHiddenOnesAreCountedInOneRow) {
    const auto root = m_dir / "flowers";
    writeTenDistinctPngs(root / "roses", 0);
    writeTenDistinctPngs(root / "tulips", 180);
    writeText(root / "notes.txt", "collected in May");
    writeText(root / "tulips" / "readme.md", "about tulips");
    writeText(root / ".hidden", "");
    writeText(root / "roses" / ".thumbs", "");
    scan(root);

    const QModelIndex ignored = section(QStringLiteral("Ignored"));
    ASSERT_TRUE(ignored.isValid()) << texts().join('\n').toStdString();
    EXPECT_EQ(ignored.data().toString(), QStringLiteral("Ignored (3)"));
    EXPECT_EQ(texts(ignored),
              QStringList({QStringLiteral("notes.txt — not a class folder"),
                           QStringLiteral("tulips/readme.md — not an image file (by its extension)"),
                           QStringLiteral("2 hidden entries (names starting with a dot)")}));
    EXPECT_EQ(path(m_model.index(0, 0, ignored)), qpath(root / "notes.txt"));
    EXPECT_EQ(path(m_model.index(1, 0, ignored)), qpath(root / "tulips" / "readme.md"));
    EXPECT_TRUE(path(m_model.index(2, 0, ignored)).isEmpty());
    for (int row = 0; row < 3; ++row) EXPECT_EQ(kind(m_model.index(row, 0, ignored)), Kind::Ignored);
}

TEST_F(ScanReportModelTest, ManifestDifferencesNameTheFilesAndOnlyExistingOnesCanBeRevealed) {
    const auto root = m_dir / "shapes";
    writeTenDistinctPngs(root / "circles", 0);
    writeTenDistinctPngs(root / "squares", 180);
    tlw::ScanOptions options;
    options.validationSplit = 0.2;
    scan(root, options);
    tlw::writeSplitManifest(tlw::makeSplitManifest(m_result.dataset), m_dir / "split.json");
    writePng(root / "circles" / "new.png", Qt::black);
    std::filesystem::remove(root / "squares" / "3.png");
    writePng(root / "circles" / "5.png", Qt::white);
    options.manifest = m_dir / "split.json";
    scan(root, options);

    const QModelIndex manifest = section(QStringLiteral("Differences from the split manifest"));
    ASSERT_TRUE(manifest.isValid()) << texts().join('\n').toStdString();
    EXPECT_EQ(manifest.data().toString(), QStringLiteral("Differences from the split manifest (3)"));
    EXPECT_EQ(texts(manifest),
              QStringList({QStringLiteral("circles/new.png — not in the manifest: left out"),
                           QStringLiteral("squares/3.png — in the manifest, but missing or unreadable"),
                           QStringLiteral("circles/5.png — changed since the manifest was written")}));
    EXPECT_EQ(path(m_model.index(0, 0, manifest)), qpath(root / "circles" / "new.png"));
    EXPECT_TRUE(path(m_model.index(1, 0, manifest)).isEmpty());
    EXPECT_EQ(path(m_model.index(2, 0, manifest)), qpath(root / "circles" / "5.png"));
}

TEST_F(ScanReportModelTest, AnUntrainableScanOpensWithItsReasons) {
    const auto root = m_dir / "one_class";
    writePng(root / "cats" / "1.png", Qt::gray);
    writePng(root / "cats" / "2.png", Qt::lightGray);
    scan(root);
    ASSERT_GE(m_model.rowCount(), 1);
    EXPECT_EQ(text(0), QStringLiteral("Cannot be trained on (1 reason)"));
    EXPECT_EQ(texts(m_model.index(0, 0)),
              QStringList{
                  QStringLiteral("Only one class folder (“cats”): a classifier needs at least 2 classes.")});
    EXPECT_EQ(kind(m_model.index(0, 0, m_model.index(0, 0))), Kind::Error);
}

TEST_F(ScanReportModelTest, FillingAgainAfterALanguageChangeRewordsTheReport) {
    const auto root = m_dir / "clean";
    writeTenDistinctPngs(root / "cats", 0);
    writeTenDistinctPngs(root / "dogs", 180);
    scan(root);
    ASSERT_EQ(m_languages.apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    m_model.setReport(m_overview.folder, m_overview.report);
    EXPECT_EQ(texts(), QStringList{QStringLiteral("未发现问题：所有图像都可以使用。")});
}

}  // namespace
}  // namespace tlw::ui
