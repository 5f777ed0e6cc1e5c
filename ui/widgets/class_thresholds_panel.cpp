#include "ui/widgets/class_thresholds_panel.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

#include "ui/charts/coverage_chart.h"

namespace tlw::ui {

ClassThresholdsPanel::ClassThresholdsPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("classThresholdsPanel"));
    m_sliderLabel = new QLabel(this);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("allClassesThresholdSlider"));
    m_slider->setRange(0, 100);  // hundredths
    connect(m_slider, &QSlider::valueChanged, this, &ClassThresholdsPanel::setAll);
    m_boxes = new QWidget(this);
    m_boxLayout = new QGridLayout(m_boxes);
    m_boxLayout->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_boxes);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_figures = new QLabel(this);
    m_figures->setObjectName(QStringLiteral("coverageFigures"));
    m_figures->setWordWrap(true);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveClassThresholdsButton"));
    connect(m_save, &QPushButton::clicked, this, [this] { emit saveRequested(thresholds()); });
    m_chart = new CoverageChart(this);

    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_sliderLabel);
    sliderRow->addWidget(m_slider, 1);
    auto* controls = new QVBoxLayout;
    controls->addLayout(sliderRow);
    controls->addWidget(scroll, 1);
    controls->addWidget(m_figures);
    controls->addWidget(m_save);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls, 1);
    layout->addWidget(m_chart, 2);
    retranslateUi();
    refresh();
}

void ClassThresholdsPanel::setImages(const QStringList& classNames,
                                     std::vector<std::vector<float>> probabilities, std::vector<int> labels) {
    const std::vector<double> previous = thresholds();
    while (QLayoutItem* item = m_boxLayout->takeAt(0)) {
        delete item->widget();  // the class's label or box
        delete item;
    }
    m_classBoxes.clear();
    m_classNames = classNames;
    m_probabilities = std::move(probabilities);
    m_labels = std::move(labels);
    for (int c = 0; c < classNames.size(); ++c) {
        auto* box = new QDoubleSpinBox(m_boxes);
        box->setObjectName(QStringLiteral("classThreshold%1").arg(c));
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.01);
        box->setDecimals(2);
        box->setValue(double(m_slider->value()) / 100.0);
        connect(box, &QDoubleSpinBox::valueChanged, this, &ClassThresholdsPanel::refresh);
        m_boxLayout->addWidget(new QLabel(classNames[c], m_boxes), c, 0);
        m_boxLayout->addWidget(box, c, 1);
        m_classBoxes.push_back(box);
    }
    m_boxLayout->setRowStretch(static_cast<int>(classNames.size()), 1);
    setThresholds(previous);
    m_chart->setCurve(tlw::coverageCurve(m_probabilities, m_labels));
    refresh();
}

void ClassThresholdsPanel::clear() { setImages({}, {}, {}); }

void ClassThresholdsPanel::setSaveEnabled(bool enabled) {
    m_saveEnabled = enabled;
    m_save->setEnabled(enabled && !m_probabilities.empty());
}

std::vector<double> ClassThresholdsPanel::thresholds() const {
    std::vector<double> values;
    for (const QDoubleSpinBox* box : m_classBoxes) values.push_back(box->value());
    return values;
}

void ClassThresholdsPanel::setThresholds(const std::vector<double>& thresholds) {
    if (thresholds.size() != m_classBoxes.size()) return;
    for (std::size_t c = 0; c < thresholds.size(); ++c) {
        const QSignalBlocker blocker(m_classBoxes[c]);
        m_classBoxes[c]->setValue(thresholds[c]);
    }
    refresh();
}

QDoubleSpinBox* ClassThresholdsPanel::classBox(int classIndex) const {
    return classIndex >= 0 && classIndex < static_cast<int>(m_classBoxes.size())
               ? m_classBoxes[static_cast<std::size_t>(classIndex)]
               : nullptr;
}

std::optional<tlw::CoveragePoint> ClassThresholdsPanel::point() const {
    if (m_probabilities.empty()) return std::nullopt;
    tlw::DecisionThresholds decision;
    decision.classThresholds = thresholds();
    return tlw::coverageAt(m_probabilities, m_labels, decision);
}

// The one slider overrides every class's value; a class's box then fine-tunes it.
void ClassThresholdsPanel::setAll(int hundredths) {
    for (QDoubleSpinBox* box : m_classBoxes) {
        const QSignalBlocker blocker(box);
        box->setValue(double(hundredths) / 100.0);
    }
    refresh();
}

void ClassThresholdsPanel::refresh() {
    m_chart->setMarker(point());
    setSaveEnabled(m_saveEnabled);
    retranslateUi();
}

void ClassThresholdsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ClassThresholdsPanel::retranslateUi() {
    const QLocale locale;
    m_sliderLabel->setText(
        tr("Threshold for every class: %1").arg(locale.toString(double(m_slider->value()) / 100.0, 'f', 2)));
    m_save->setText(tr("Save Thresholds in Model"));
    m_save->setToolTip(
        tr("Predictions, triage and exports then answer \"unknown\" when the chosen class's "
           "probability is below its threshold"));
    const std::optional<tlw::CoveragePoint> shown = point();
    if (!shown) {
        m_figures->setText(tr("Evaluate to see what the thresholds cost."));
        return;
    }
    const QString percentFormat = QStringLiteral("%1 %");
    m_figures->setText(
        tr("Coverage %1 (%2 of %3 images answered, the rest unknown) · accuracy on the answered %4")
            .arg(percentFormat.arg(locale.toString(shown->coverage() * 100.0, 'f', 1)),
                 locale.toString(static_cast<qulonglong>(shown->answered)),
                 locale.toString(static_cast<qulonglong>(shown->total)),
                 shown->answered == 0
                     ? tr("(none answered)")
                     : percentFormat.arg(locale.toString(shown->accuracy() * 100.0, 'f', 1))));
}

}  // namespace tlw::ui
