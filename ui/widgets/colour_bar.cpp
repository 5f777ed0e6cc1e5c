#include "ui/widgets/colour_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>

#include "ui/widgets/heat_map.h"

namespace tlw::ui {

namespace {
// The strip itself: the colour map from low (left) to high (right).
class GradientStrip : public QWidget {
public:
    explicit GradientStrip(QWidget* parent) : QWidget(parent) {
        setObjectName(QStringLiteral("colourBarGradient"));
        setFixedSize(120, 12);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        constexpr int kStops = 16;
        QLinearGradient gradient(rect().topLeft(), rect().topRight());
        for (int i = 0; i <= kStops; ++i)
            gradient.setColorAt(double(i) / kStops, heatColour(double(i) / kStops));
        QPainter painter(this);
        painter.fillRect(rect(), gradient);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
    }
};
}  // namespace

ColourBar::ColourBar(QWidget* parent)
    : QWidget(parent),
      m_caption(new QLabel(this)),
      m_low(new QLabel(this)),
      m_gradient(new GradientStrip(this)),
      m_high(new QLabel(this)) {
    setObjectName(QStringLiteral("colourBar"));
    m_caption->setObjectName(QStringLiteral("colourBarCaption"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_caption);
    layout->addWidget(m_low);
    layout->addWidget(m_gradient);
    layout->addWidget(m_high);
    retranslateUi();
}

void ColourBar::setCaption(const QString& caption) {
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
}

QString ColourBar::caption() const { return m_caption->text(); }
QString ColourBar::lowText() const { return m_low->text(); }
QString ColourBar::highText() const { return m_high->text(); }

void ColourBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ColourBar::retranslateUi() {
    m_low->setText(tr("low"));
    m_high->setText(tr("high"));
    m_gradient->setToolTip(
        tr("How much the region raised the model's score for the class: the colours of the overlay"));
}

}  // namespace tlw::ui
