#include "ui/pages/page.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "ui/widgets/error_banner.h"

namespace tlw::ui {

Page::Page(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_description(new QLabel(this)),
      m_nextStep(new QPushButton(this)),
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

    m_nextStep->setObjectName(QStringLiteral("nextStepButton"));
    m_nextStep->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_nextStep->setLayoutDirection(Qt::RightToLeft);  // the arrow after the words
    m_nextStep->hide();
    connect(m_nextStep, &QPushButton::clicked, this, &Page::nextStepRequested);

    m_content->setContentsMargins(0, 0, 0, 0);
    m_content->setSpacing(12);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(6);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_nextStep, 0, Qt::AlignTop);
    layout->addLayout(titleRow);
    layout->addWidget(m_description);
    layout->addSpacing(10);
    layout->addWidget(m_banner);
    layout->addLayout(m_content, 1);
}

QString Page::title() const { return m_title->text(); }

void Page::setNextStep(const QString& text, const QString& toolTip) {
    m_nextStep->setText(text);
    m_nextStep->setToolTip(toolTip);
    m_nextStep->setVisible(!text.isEmpty());
}

void Page::showError(LiveText headline, LiveText details) {
    m_banner->showMessage(std::move(headline), std::move(details), ErrorBanner::Severity::Error);
}

void Page::showWarning(LiveText headline, LiveText details) {
    m_banner->showMessage(std::move(headline), std::move(details), ErrorBanner::Severity::Warning);
}

void Page::showInformation(LiveText headline, LiveText details) {
    m_banner->showMessage(std::move(headline), std::move(details), ErrorBanner::Severity::Information);
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
