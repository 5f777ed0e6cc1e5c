#pragma once

#include <QStringList>
#include <QWidget>
#include <optional>
#include <vector>

#include "core/eval/coverage.h"

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;

namespace tlw::ui {

class CoverageChart;

// The Evaluation page's thresholds for more than two classes: one slider sets every class's threshold,
// a box per class fine-tunes it, and the figures and the chart say what they cost on the evaluated
// images: the share answered (coverage) and the accuracy on those; the rest are "unknown".
class ClassThresholdsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClassThresholdsPanel(QWidget* parent = nullptr);

    // The evaluated images: every class's probability, and the true label, per image.
    void setImages(const QStringList& classNames, std::vector<std::vector<float>> probabilities,
                   std::vector<int> labels);
    void clear();
    void setSaveEnabled(bool enabled);

    std::vector<double> thresholds() const;
    void setThresholds(const std::vector<double>& thresholds);  // one per class, else ignored
    std::optional<tlw::CoveragePoint> point() const;            // nullopt without images
    QSlider* slider() const { return m_slider; }
    QDoubleSpinBox* classBox(int classIndex) const;
    QLabel* figuresLabel() const { return m_figures; }
    QPushButton* saveButton() const { return m_save; }
    CoverageChart* chart() const { return m_chart; }

signals:
    void saveRequested(const std::vector<double>& thresholds);

protected:
    void changeEvent(QEvent* event) override;

private:
    void setAll(int hundredths);
    void refresh();  // the chart's ring and the figures, after any change
    void retranslateUi();

    QStringList m_classNames;
    std::vector<std::vector<float>> m_probabilities;
    std::vector<int> m_labels;
    bool m_saveEnabled = false;
    QLabel* m_sliderLabel;
    QSlider* m_slider;
    QWidget* m_boxes;
    QGridLayout* m_boxLayout;
    std::vector<QDoubleSpinBox*> m_classBoxes;
    QLabel* m_figures;
    QPushButton* m_save;
    CoverageChart* m_chart;
};

}  // namespace tlw::ui
