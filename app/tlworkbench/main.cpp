#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

#include "core/util/version.h"
#include "screenshots.h"
#include "ui/util/language_manager.h"
#include "ui/util/preferences.h"
#include "ui/windows/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TL Workbench"));
    QApplication::setOrganizationName(QStringLiteral("TL Workbench"));
    QApplication::setApplicationVersion(QString::fromStdString(tlw::tlwVersion()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tlworkbench.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Transfer-learning workbench for pretrained image CNNs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("DATASET_DIR"),
                                 QStringLiteral("Dataset folder to open (optional)."),
                                 QStringLiteral("[DATASET_DIR]"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QStringLiteral("User interface language: en or zh_CN (default: the "
                       "saved choice, else the system's)."),
        QStringLiteral("CODE"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QStringLiteral("Render every page to DIR/<language>-<page>.png and "
                       "exit (works with QT_QPA_PLATFORM=offscreen)."),
        QStringLiteral("DIR"));
    const QCommandLineOption sizeOption(QStringLiteral("window-size"),
                                        QStringLiteral("Window size for --screenshots (default 1280x820)."),
                                        QStringLiteral("WxH"), QStringLiteral("1280x820"));
    parser.addOptions({languageOption, screenshotsOption, sizeOption});
    parser.process(app);

    tlw::ui::Preferences preferences;
    tlw::ui::LanguageManager languages;
    const QString languagePreference =
        parser.isSet(languageOption) ? parser.value(languageOption) : preferences.language();
    if (parser.isSet(languageOption) &&
        !tlw::ui::LanguageManager::availableLanguages().contains(languagePreference)) {
        QTextStream(stderr) << "tlworkbench: error: --language " << languagePreference << ": not one of "
                            << tlw::ui::LanguageManager::availableLanguages().join(QStringLiteral(", "))
                            << '\n';
        return 2;
    }
    const QString language = languages.apply(languagePreference);

    tlw::ui::MainWindow window(preferences, &languages);
    if (parser.isSet(screenshotsOption)) {
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        const int width = size.value(0).toInt();
        const int height = size.value(1).toInt();
        window.resize(width > 0 ? width : 1280, height > 0 ? height : 820);
        window.show();
        return renderScreenshots(window, parser.value(screenshotsOption), language) == 0 ? 0 : 1;
    }
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openDatasetFolder(QDir(parser.positionalArguments().first()).absolutePath());
    return QApplication::exec();
}
