#pragma once

#include <QFrame>

#include "ui/util/live_text.h"

class QLabel;
class QToolButton;

namespace tlw::ui {

// A non-modal strip at the top of a page that says what went wrong: a translated headline, the
// technical details (usually a tlw::Error's "<file>: <reason>") behind a "Details" toggle, and a
// dismiss button. Hidden until showMessage(); it never blocks the window like a modal dialog. Texts given as
// functions are composed again when the language changes.
class ErrorBanner : public QFrame {
    Q_OBJECT
public:
    enum class Severity { Error, Warning, Information };

    explicit ErrorBanner(QWidget* parent = nullptr);

    void showMessage(LiveText headline, LiveText details = {}, Severity severity = Severity::Error);
    QString headline() const;
    QString details() const;
    Severity severity() const { return m_severity; }
    bool detailsVisible() const;

public slots:
    void dismiss();
    void setDetailsVisible(bool visible);

signals:
    void dismissed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void applySeverityStyle();
    void showTexts();

    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_details;
    QToolButton* m_detailsButton;
    QToolButton* m_dismissButton;
    LiveText m_headlineText;
    LiveText m_detailsText;
    Severity m_severity = Severity::Error;
};

}  // namespace tlw::ui
