#include "ui/util/language_manager.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

namespace tlw::ui {
namespace {

QString translate(const char* context, const char* source) {
    return QCoreApplication::translate(context, source);
}

TEST(LanguageManager, ResolvesSystemLocalesToAnAvailableLanguage) {
    EXPECT_EQ(LanguageManager::resolve(QString(), QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
    EXPECT_EQ(LanguageManager::resolve(QString(), QLocale(QStringLiteral("zh_SG"))), QStringLiteral("zh_CN"));
    EXPECT_EQ(LanguageManager::resolve(QString(), QLocale(QStringLiteral("zh_TW"))), QStringLiteral("en"));
    EXPECT_EQ(LanguageManager::resolve(QString(), QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
    EXPECT_EQ(LanguageManager::resolve(QStringLiteral("zh_CN"), QLocale(QStringLiteral("de_DE"))),
              QStringLiteral("zh_CN"));
    EXPECT_EQ(LanguageManager::resolve(QStringLiteral("klingon"), QLocale(QStringLiteral("en_US"))),
              QStringLiteral("en"));
}

TEST(LanguageManager, InstallsTheWorkbenchAndQtTranslationsAndSwitchesBack) {
    LanguageManager languages;
    ASSERT_EQ(languages.apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    EXPECT_EQ(translate("tlw::ui::MainWindow", "Dataset"), QStringLiteral("数据集"));
    // Qt's own strings (standard buttons) come from Debian's qtbase_zh_CN.qm.
    EXPECT_EQ(translate("QPlatformTheme", "&Yes"), QStringLiteral("是(&Y)"));

    EXPECT_EQ(languages.apply(QStringLiteral("en")), QStringLiteral("en"));
    EXPECT_EQ(translate("tlw::ui::MainWindow", "Dataset"), QStringLiteral("Dataset"));
    EXPECT_EQ(translate("QPlatformTheme", "&Yes"), QStringLiteral("&Yes"));
}

TEST(LanguageManager, EnglishPluralFormsComeFromTheSourceLanguageFile) {
    LanguageManager languages;
    languages.apply(QStringLiteral("en"));
    EXPECT_EQ(QCoreApplication::translate("tlw::ui::PredictPage", "%n image(s) classified", nullptr, 1),
              QStringLiteral("1 image classified"));
    EXPECT_EQ(QCoreApplication::translate("tlw::ui::PredictPage", "%n image(s) classified", nullptr, 3),
              QStringLiteral("3 images classified"));
}

TEST(LanguageManager, RemovesItsTranslatorsWhenDestroyed) {
    {
        LanguageManager languages;
        languages.apply(QStringLiteral("zh_CN"));
        ASSERT_EQ(translate("tlw::ui::MainWindow", "Dataset"), QStringLiteral("数据集"));
    }
    EXPECT_EQ(translate("tlw::ui::MainWindow", "Dataset"), QStringLiteral("Dataset"));
}

}  // namespace
}  // namespace tlw::ui
