#include "ui/widgets/sidebar.h"

#include <QButtonGroup>
#include <QToolButton>
#include <QVBoxLayout>

namespace tlw::ui {

Sidebar::Sidebar(QWidget* parent)
    : QFrame(parent), m_group(new QButtonGroup(this)), m_layout(new QVBoxLayout(this)) {
    setObjectName(QStringLiteral("sidebar"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setStyleSheet(
        QStringLiteral("QFrame#sidebar { border-right: 1px solid palette(midlight); }"
                       "QFrame#sidebar QToolButton { border: none; border-radius: 8px; padding: 8px 4px; }"
                       "QFrame#sidebar QToolButton:hover { background: palette(midlight); }"
                       "QFrame#sidebar QToolButton:checked { background: palette(highlight); color: "
                       "palette(highlighted-text); }"));
    m_group->setExclusive(true);
    m_layout->setContentsMargins(8, 12, 8, 12);
    m_layout->setSpacing(6);
    m_layout->addStretch();
    connect(m_group, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked) emit currentChanged(id);
    });
}

int Sidebar::addEntry(const QIcon& icon, const QString& text) {
    auto* button = new QToolButton(this);
    button->setIcon(icon);
    button->setIconSize(QSize(28, 28));
    button->setText(text);
    button->setCheckable(true);
    button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    // Expanding keeps all entries as wide as the longest label (German and Chinese differ a lot).
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    button->setMinimumWidth(88);
    const int index = m_buttons.size();
    m_group->addButton(button, index);
    m_layout->insertWidget(index, button);
    m_buttons.append(button);
    if (index == 0) button->setChecked(true);
    return index;
}

void Sidebar::setEntryText(int index, const QString& text) {
    if (QToolButton* entry = button(index)) entry->setText(text);
}

void Sidebar::setEntryToolTip(int index, const QString& toolTip) {
    if (QToolButton* entry = button(index)) entry->setToolTip(toolTip);
}

QString Sidebar::entryText(int index) const {
    const QToolButton* entry = button(index);
    return entry != nullptr ? entry->text() : QString();
}

int Sidebar::currentIndex() const { return m_group->checkedId(); }

void Sidebar::setCurrentIndex(int index) {
    if (QToolButton* entry = button(index)) entry->setChecked(true);
}

}  // namespace tlw::ui
