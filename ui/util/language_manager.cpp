#include "ui/util/language_manager.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace tlw::ui {

namespace {
const QString kEnglish = QStringLiteral("en");
const QString kSimplifiedChinese = QStringLiteral("zh_CN");
}  // namespace

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

LanguageManager::~LanguageManager() { removeTranslators(); }

QStringList LanguageManager::availableLanguages() { return {kEnglish, kSimplifiedChinese}; }

QString LanguageManager::nativeName(const QString& code) {
    // Shown untranslated on purpose: a user who cannot read the current language must find their own.
    if (code == kSimplifiedChinese) return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString LanguageManager::resolve(const QString& preference, const QLocale& system) {
    if (availableLanguages().contains(preference)) return preference;
    // Traditional Chinese readers (zh_TW, zh_HK) get English rather than a script they did not choose.
    if (system.language() == QLocale::Chinese && system.script() != QLocale::TraditionalHanScript)
        return kSimplifiedChinese;
    return kEnglish;
}

void LanguageManager::removeTranslators() {
    if (m_appInstalled) QCoreApplication::removeTranslator(&m_appTranslator);
    if (m_qtInstalled) QCoreApplication::removeTranslator(&m_qtTranslator);
    m_appInstalled = m_qtInstalled = false;
}

QString LanguageManager::apply(const QString& preference) {
    const QString code = resolve(preference);
    removeTranslators();
    m_current = kEnglish;
    if (code != kEnglish) {
        // qtbase_zh_CN.qm comes from Debian's qt6-translations-l10n; the workbench works without it.
        if (m_qtTranslator.load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            m_qtInstalled = QCoreApplication::installTranslator(&m_qtTranslator);
        if (m_appTranslator.load(QStringLiteral(":/i18n/tlworkbench_%1.qm").arg(code))) {
            m_appInstalled = QCoreApplication::installTranslator(&m_appTranslator);
            if (m_appInstalled) m_current = code;
        }
    } else if (m_appTranslator.load(QStringLiteral(":/i18n/tlworkbench_en.qm"))) {
        // The source language's file only carries plural forms ("1 image", "2 images").
        m_appInstalled = QCoreApplication::installTranslator(&m_appTranslator);
    }
    // Numbers and dates follow the chosen language; with "System" they keep the system's conventions.
    QLocale::setDefault(preference.isEmpty() ? QLocale::system() : QLocale(m_current));
    emit languageChanged(m_current);
    return m_current;
}

}  // namespace tlw::ui
