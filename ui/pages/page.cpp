#include "ui/pages/page.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/widgets/error_banner.h"

namespace tlw::ui {

Page::Page(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_description(new QLabel(this)),
      m_banner(new ErrorBanner(this)),
      m_content(new QVBoxLayout) {
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);
    m_description->setObjectName(QStringLiteral("pageDescription"));

    m_content->setContentsMargins(0, 0, 0, 0);
    m_content->setSpacing(12);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addSpacing(10);
    layout->addWidget(m_banner);
    layout->addLayout(m_content, 1);
}

QString Page::title() const { return m_title->text(); }

void Page::showError(const QString& headline, const QString& details) {
    m_banner->showMessage(headline, details, ErrorBanner::Severity::Error);
}

void Page::showWarning(const QString& headline, const QString& details) {
    m_banner->showMessage(headline, details, ErrorBanner::Severity::Warning);
}

void Page::showInformation(const QString& headline, const QString& details) {
    m_banner->showMessage(headline, details, ErrorBanner::Severity::Information);
}

void Page::setHeader(const QString& title, const QString& description) {
    m_title->setText(title);
    m_description->setText(description);
}

void Page::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace tlw::ui
