#include "ui/util/preferences.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QString>

#include "tests/support/temp_dir.h"

namespace tlw::ui {
namespace {

QString ini(const test::TempDir& dir) { return QString::fromStdString((dir / "settings.ini").string()); }

TEST(Preferences, RoundTripsWindowLayoutFoldersAndLanguageThroughTheFile) {
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.path().string());
    {
        Preferences preferences(ini(dir));
        preferences.setWindowGeometry("geometry-bytes");
        preferences.setWindowState("state-bytes");
        preferences.setLastDatasetFolder(folder);
        preferences.setLastExportFolder(folder);
        preferences.setLanguage(QStringLiteral("zh_CN"));
        preferences.sync();
    }
    Preferences reopened(ini(dir));
    EXPECT_EQ(reopened.windowGeometry(), QByteArray("geometry-bytes"));
    EXPECT_EQ(reopened.windowState(), QByteArray("state-bytes"));
    EXPECT_EQ(reopened.lastDatasetFolder(), folder);
    EXPECT_EQ(reopened.lastExportFolder(), folder);
    EXPECT_EQ(reopened.language(), QStringLiteral("zh_CN"));
}

TEST(Preferences, LastFolderFallsBackToHomeWhenUnsetOrDeleted) {
    test::TempDir dir;
    Preferences preferences(ini(dir));
    EXPECT_EQ(preferences.lastModelFolder(), QDir::homePath());
    preferences.setLastModelFolder(QString::fromStdString((dir / "gone").string()));
    EXPECT_EQ(preferences.lastModelFolder(), QDir::homePath());
}

TEST(Preferences, RecentDatasetsAreMostRecentFirstWithoutDuplicatesAndCapped) {
    test::TempDir dir;
    Preferences preferences(ini(dir));
    for (int i = 0; i < Preferences::kMaxRecent + 3; ++i)
        preferences.addRecentDataset(QStringLiteral("/data/%1").arg(i));
    preferences.addRecentDataset(QStringLiteral("/data/5"));
    const QStringList recent = preferences.recentDatasets();
    ASSERT_EQ(recent.size(), Preferences::kMaxRecent);
    EXPECT_EQ(recent.first(), QStringLiteral("/data/5"));
    EXPECT_EQ(recent.count(QStringLiteral("/data/5")), 1);
    EXPECT_EQ(recent.at(1), QStringLiteral("/data/10"));
    EXPECT_FALSE(recent.contains(QStringLiteral("/data/0")));

    preferences.removeRecentDataset(QStringLiteral("/data/5"));
    EXPECT_FALSE(preferences.recentDatasets().contains(QStringLiteral("/data/5")));
    preferences.addRecentProject(QStringLiteral("/p/a.tlwproj"));
    preferences.clearRecent();
    EXPECT_TRUE(preferences.recentDatasets().isEmpty());
    EXPECT_TRUE(preferences.recentProjects().isEmpty());
}

TEST(Preferences, LanguageDefaultsToFollowingTheSystem) {
    test::TempDir dir;
    EXPECT_TRUE(Preferences(ini(dir)).language().isEmpty());
}

TEST(Preferences, TheInsightSwitchesAreOffUntilTurnedOnAndThenStayOn) {
    test::TempDir dir;
    {
        Preferences preferences(ini(dir));
        EXPECT_FALSE(preferences.predictGradCamShown());
        EXPECT_FALSE(preferences.evaluationGradCamShown());
        EXPECT_FALSE(preferences.similarPerClass());
        preferences.setPredictGradCamShown(true);
        preferences.setSimilarPerClass(true);
        preferences.sync();
    }
    Preferences reopened(ini(dir));
    EXPECT_TRUE(reopened.predictGradCamShown());
    EXPECT_FALSE(reopened.evaluationGradCamShown());  // each page has its own
    EXPECT_TRUE(reopened.similarPerClass());
}

}  // namespace
}  // namespace tlw::ui
