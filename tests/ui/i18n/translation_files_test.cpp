// The .ts files are complete (no unfinished entries), clean (no obsolete ones) and in step with the
// sources: lupdate run over ui/ and app/tlworkbench/ finds nothing new and nothing gone.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QXmlStreamReader>

#include "tests/support/temp_dir.h"

namespace tlw::ui {
namespace {

struct TsReport {
    QString language;
    int messages = 0;
    QStringList unfinished;  // "context: source"
    QStringList obsolete;    // obsolete or vanished: the source string is gone
    QStringList contexts;
    QString parseError;
};

TsReport readTs(const QString& path) {
    TsReport report;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.parseError = path + QStringLiteral(": ") + file.errorString();
        return report;
    }
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            report.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
            report.contexts << context;
        } else if (name == QLatin1String("message")) {
            ++report.messages;
        } else if (name == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString where = context + QStringLiteral(": ") + source;
            if (type == QLatin1String("unfinished")) report.unfinished << where;
            if (type == QLatin1String("obsolete") || type == QLatin1String("vanished"))
                report.obsolete << where;
        }
    }
    if (xml.hasError()) report.parseError = path + QStringLiteral(": ") + xml.errorString();
    return report;
}

QString tsPath(const char* name) {
    return QStringLiteral(TLW_SOURCE_DIR "/translations/") + QLatin1String(name);
}

TEST(TranslationFiles, SimplifiedChineseIsCompleteAndHasNoObsoleteEntries) {
    const TsReport report = readTs(tsPath("tlworkbench_zh_CN.ts"));
    ASSERT_TRUE(report.parseError.isEmpty()) << report.parseError.toStdString();
    EXPECT_EQ(report.language, QStringLiteral("zh_CN"));
    EXPECT_GT(report.messages, 200);
    EXPECT_TRUE(report.unfinished.isEmpty()) << "unfinished:\n" << report.unfinished.join('\n').toStdString();
    EXPECT_TRUE(report.obsolete.isEmpty()) << "obsolete:\n" << report.obsolete.join('\n').toStdString();
    // tr() looks strings up under the class's full name; a bare "MainWindow" context is never used.
    for (const QString& context : report.contexts)
        EXPECT_TRUE(context.startsWith(QStringLiteral("tlw::ui::"))) << context.toStdString();
}

TEST(TranslationFiles, SourceLanguageFileHoldsFinishedPluralForms) {
    const TsReport report = readTs(tsPath("tlworkbench_en.ts"));
    ASSERT_TRUE(report.parseError.isEmpty()) << report.parseError.toStdString();
    EXPECT_EQ(report.language, QStringLiteral("en"));
    EXPECT_GT(report.messages, 0);
    EXPECT_TRUE(report.unfinished.isEmpty()) << "unfinished:\n" << report.unfinished.join('\n').toStdString();
    EXPECT_TRUE(report.obsolete.isEmpty()) << "obsolete:\n" << report.obsolete.join('\n').toStdString();
}

// Runs lupdate over the sources into a copy of `name`, as the update_translations target does (but
// keeping obsolete entries, so that a string removed from the code shows up as one).
void expectInSyncWithSources(const char* name, bool pluralOnly) {
    test::TempDir dir;
    const QString copy = QString::fromStdString((dir / name).string());
    ASSERT_TRUE(QFile::copy(tsPath(name), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QStringList arguments{QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                          QStringLiteral("-I"), QStringLiteral(TLW_SOURCE_DIR)};
    if (pluralOnly) arguments << QStringLiteral("-pluralonly");
    arguments << QStringLiteral(TLW_TRANSLATED_DIRS).split(QLatin1Char('|')) << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(TLW_LUPDATE), arguments);
    ASSERT_TRUE(lupdate.waitForFinished(120000)) << lupdate.errorString().toStdString();
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();

    const TsReport report = readTs(copy);
    ASSERT_TRUE(report.parseError.isEmpty()) << report.parseError.toStdString();
    EXPECT_TRUE(report.unfinished.isEmpty())
        << name
        << ": strings in the code without a translation (run the update_translations target and translate "
        << "them):\n"
        << report.unfinished.join('\n').toStdString();
    EXPECT_TRUE(report.obsolete.isEmpty())
        << name << ": translations whose string left the code (run update_translations):\n"
        << report.obsolete.join('\n').toStdString();
}

TEST(TranslationFiles, SimplifiedChineseIsInStepWithTheSources) {
    expectInSyncWithSources("tlworkbench_zh_CN.ts", false);
}

TEST(TranslationFiles, SourceLanguageFileIsInStepWithTheSources) {
    expectInSyncWithSources("tlworkbench_en.ts", true);
}

}  // namespace
}  // namespace tlw::ui
