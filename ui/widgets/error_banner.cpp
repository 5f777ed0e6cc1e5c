#include "ui/widgets/error_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace tlw::ui {

ErrorBanner::ErrorBanner(QWidget* parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_headline(new QLabel(this)),
      m_details(new QLabel(this)),
      m_detailsButton(new QToolButton(this)),
      m_dismissButton(new QToolButton(this)) {
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);

    // Paths and reasons must be copyable into a bug report.
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setVisible(false);

    m_detailsButton->setCheckable(true);
    m_detailsButton->setAutoRaise(true);
    connect(m_detailsButton, &QToolButton::toggled, this, &ErrorBanner::setDetailsVisible);

    m_dismissButton->setAutoRaise(true);
    m_dismissButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    connect(m_dismissButton, &QToolButton::clicked, this, &ErrorBanner::dismiss);

    auto* text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(m_headline);
    text->addWidget(m_details);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_detailsButton, 0, Qt::AlignTop);
    layout->addWidget(m_dismissButton, 0, Qt::AlignTop);

    retranslateUi();
    applySeverityStyle();
    hide();
}

void ErrorBanner::showMessage(LiveText headline, LiveText details, Severity severity) {
    m_severity = severity;
    m_headlineText = std::move(headline);
    m_detailsText = std::move(details);
    showTexts();
    m_detailsButton->setChecked(false);
    setDetailsVisible(false);
    applySeverityStyle();
    show();
}

void ErrorBanner::showTexts() {
    m_headline->setText(m_headlineText.text());
    m_details->setText(m_detailsText.text());
    m_detailsButton->setVisible(!m_details->text().isEmpty());
}

QString ErrorBanner::headline() const { return m_headline->text(); }
QString ErrorBanner::details() const { return m_details->text(); }
bool ErrorBanner::detailsVisible() const { return !m_details->isHidden(); }

void ErrorBanner::dismiss() {
    if (isHidden()) return;
    hide();
    emit dismissed();
}

void ErrorBanner::setDetailsVisible(bool visible) {
    m_details->setVisible(visible && !m_details->text().isEmpty());
    if (m_detailsButton->isChecked() != visible) m_detailsButton->setChecked(visible);
    m_detailsButton->setText(visible ? tr("Hide details") : tr("Details"));
}

void ErrorBanner::applySeverityStyle() {
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxCritical;
    QColor background(0xfd, 0xec, 0xea);
    QColor border(0xe0, 0x8a, 0x80);
    if (m_severity == Severity::Warning) {
        pixmap = QStyle::SP_MessageBoxWarning;
        background = QColor(0xfd, 0xf5, 0xe0);
        border = QColor(0xe0, 0xb8, 0x50);
    } else if (m_severity == Severity::Information) {
        pixmap = QStyle::SP_MessageBoxInformation;
        background = QColor(0xe8, 0xf1, 0xfb);
        border = QColor(0x86, 0xa8, 0xd8);
    }
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(iconSize, iconSize));
    // Fixed light tints keep the banner readable whatever the desktop theme; the text colour is set with
    // them.
    setStyleSheet(
        QStringLiteral("QFrame#errorBanner { background: %1; border: 1px solid %2; border-radius: 6px; }"
                       "QFrame#errorBanner QLabel { color: #202124; background: transparent; }")
            .arg(background.name(), border.name()));
}

void ErrorBanner::retranslateUi() {
    showTexts();
    m_dismissButton->setToolTip(tr("Dismiss"));
    m_detailsButton->setText(detailsVisible() ? tr("Hide details") : tr("Details"));
}

void ErrorBanner::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QFrame::changeEvent(event);
}

}  // namespace tlw::ui
