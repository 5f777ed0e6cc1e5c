#pragma once

#include <QWidget>

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

signals:
    void nextStepRequested();

public slots:
    void showError(const QString& headline, const QString& details = {});
    void showWarning(const QString& headline, const QString& details = {});
    void showInformation(const QString& headline, const QString& details = {});

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
