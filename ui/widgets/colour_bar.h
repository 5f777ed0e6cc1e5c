#pragma once

#include <QWidget>

class QLabel;

namespace tlw::ui {

// The key to a Grad-CAM overlay: "<caption> low [gradient] high", the gradient in the overlay's colours
// (heatColour), so that a user can read which colour means much evidence for the class shown.
class ColourBar : public QWidget {
    Q_OBJECT
public:
    explicit ColourBar(QWidget* parent = nullptr);

    void setCaption(const QString& caption);  // which class the map is for, e.g. "Map for the true class"
    QString caption() const;
    QString lowText() const;
    QString highText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QLabel* m_caption;
    QLabel* m_low;
    QWidget* m_gradient;
    QLabel* m_high;
};

}  // namespace tlw::ui
