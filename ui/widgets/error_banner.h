#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace tlw::ui {

// A non-modal strip at the top of a page that says what went wrong: a translated headline, the
// technical details (usually a tlw::Error's "<file>: <reason>") behind a "Details" toggle, and a
// dismiss button. Hidden until showMessage(); it never blocks the window like a modal dialog.
class ErrorBanner : public QFrame {
    Q_OBJECT
public:
    enum class Severity { Error, Warning, Information };

    explicit ErrorBanner(QWidget* parent = nullptr);

    void showMessage(const QString& headline, const QString& details = {},
                     Severity severity = Severity::Error);
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

    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_details;
    QToolButton* m_detailsButton;
    QToolButton* m_dismissButton;
    Severity m_severity = Severity::Error;
};

}  // namespace tlw::ui
