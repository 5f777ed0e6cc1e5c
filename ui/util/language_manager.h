#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace tlw::ui {

// Installs the workbench's translation and Qt's own (qtbase: standard dialogs, context menus) for one
// language, and swaps them at run time. Installing a translator makes Qt send QEvent::LanguageChange to
// every widget, whose changeEvent() re-runs retranslateUi(): a new language applies immediately, no
// restart. English is the source language and needs no workbench translation.
class LanguageManager : public QObject {
    Q_OBJECT
public:
    static constexpr char kSystem[] = "";  // the preference that follows the system locale

    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    // Codes the GUI is translated to: "en", "zh_CN".
    static QStringList availableLanguages();
    // The language's own name for the Language menu: "English", "简体中文".
    static QString nativeName(const QString& code);
    // The language a preference stands for: itself when available, else the system's (any Simplified
    // Chinese locale gives "zh_CN"), else English.
    static QString resolve(const QString& preference, const QLocale& system = QLocale::system());

    // Installs the translators for `preference` (kSystem or a code) and returns the language now in
    // use. Falls back to English when a translation cannot be loaded.
    QString apply(const QString& preference);
    QString currentLanguage() const { return m_current; }

signals:
    void languageChanged(const QString& code);

private:
    void removeTranslators();

    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
    QString m_current = QStringLiteral("en");
};

}  // namespace tlw::ui
