#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>
#include <QTextStream>
#include <memory>

#include "core/util/version.h"
#include "screenshots.h"
#include "ui/controllers/demo_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/session_controller.h"
#include "ui/controllers/workbench.h"
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
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Open the built-in demo data set (seal impressions), generating it first "
                       "when it is not there yet."));
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
    parser.addOptions({demoOption, languageOption, screenshotsOption, sizeOption});
    const ScreenshotOptions::Parser screenshotOptions(parser);
    parser.process(app);

    // Screenshots are taken in a sandbox: they must not change the user's settings, recent folders or last
    // session (the session autosaves while they are taken).
    QTemporaryDir screenshotSettings;
    std::unique_ptr<tlw::ui::Preferences> ownPreferences =
        parser.isSet(screenshotsOption) ? std::make_unique<tlw::ui::Preferences>(
                                              screenshotSettings.filePath(QStringLiteral("settings.ini")))
                                        : std::make_unique<tlw::ui::Preferences>();
    tlw::ui::Preferences& preferences = *ownPreferences;
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

    tlw::ui::Workbench workbench(preferences, &languages);
    tlw::ui::MainWindow& window = workbench.window();
    const QString dataset = parser.positionalArguments().value(0);
    if (parser.isSet(screenshotsOption)) {
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        const int width = size.value(0).toInt();
        const int height = size.value(1).toInt();
        window.resize(width > 0 ? width : 1280, height > 0 ? height : 820);
        window.show();
        ScreenshotOptions options = screenshotOptions.read(parser);
        options.folder = parser.value(screenshotsOption);
        options.prefix = language;
        if (!dataset.isEmpty()) options.dataset = QDir(dataset).absolutePath();
        return renderScreenshots(workbench, options) == 0 ? 0 : 1;
    }
    window.show();
    // Start with a backbone whose ImageNet weights are on this computer, when VGG16's are not.
    workbench.model().preferBackboneWithWeights();
    // The last session's settings come back; a dataset named on the command line replaces its dataset,
    // and the demo starts afresh.
    if (parser.isSet(demoOption))
        workbench.demo().openDemo();
    else if (!workbench.session().restoreLastSession(dataset.isEmpty() ? QString()
                                                                       : QDir(dataset).absolutePath()) &&
             !dataset.isEmpty())
        window.openDatasetFolder(QDir(dataset).absolutePath());
    // The first start opens the recipe beside the window; Help > Getting Started (F1) brings it back.
    if (!preferences.gettingStartedShown()) {
        window.showGettingStarted();
        preferences.setGettingStartedShown(true);
    }
    return QApplication::exec();
}
