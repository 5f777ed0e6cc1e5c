#include "ui/widgets/metric_card.h"

#include <QLabel>
#include <QVBoxLayout>

namespace tlw::ui {

namespace {
const QString kNoValue = QStringLiteral("—");
}

MetricCard::MetricCard(QWidget* parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_value(new QLabel(kNoValue, this)),
      m_caption(new QLabel(this)) {
    setObjectName(QStringLiteral("metricCard"));
    setStyleSheet(
        QStringLiteral("QFrame#metricCard { background: palette(base); border: 1px solid palette(midlight); "
                       "border-radius: 8px; }"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_title->setWordWrap(true);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 2.0);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_caption->setWordWrap(true);
    m_caption->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
}

void MetricCard::setTitle(const QString& title) { m_title->setText(title); }
void MetricCard::setValue(const QString& value) { m_value->setText(value.isEmpty() ? kNoValue : value); }
void MetricCard::setCaption(const QString& caption) {
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
}
QString MetricCard::title() const { return m_title->text(); }
QString MetricCard::value() const { return m_value->text(); }

}  // namespace tlw::ui
