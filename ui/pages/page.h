#pragma once

#include <QWidget>

#include "ui/util/live_text.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace tlw::ui {

class ErrorBanner;

// What every page of the main window shares: a title, a one-line description, the error banner and a
// content area, with the same margins and typography everywhere. Subclasses set their texts in
// retranslateUi(), which runs again on every QEvent::LanguageChange.
class Page : public QWidget {
    Q_OBJECT
public:
    explicit Page(QWidget* parent = nullptr);

    ErrorBanner* banner() const { return m_banner; }
    QString title() const;

    // The recipe's next step, at the top right of the page ("Next: Model"), so that a first-time user
    // always sees where to go; empty text hides it.
    void setNextStep(const QString& text, const QString& toolTip = {});
    QPushButton* nextStepButton() const { return m_nextStep; }

    // The banner's texts: give a function composing them with tr() so that they follow a language switch.
    void showError(LiveText headline, LiveText details = {});
    void showWarning(LiveText headline, LiveText details = {});
    void showInformation(LiveText headline, LiveText details = {});

signals:
    void nextStepRequested();

protected:
    void setHeader(const QString& title, const QString& description);
    QVBoxLayout* contentLayout() const { return m_content; }
    virtual void retranslateUi() = 0;
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_title;
    QLabel* m_description;
    QPushButton* m_nextStep;
    ErrorBanner* m_banner;
    QVBoxLayout* m_content;
};

}  // namespace tlw::ui
