#pragma once

#include <QFrame>

class QLabel;

namespace tlw::ui {

// One figure of the Evaluation page ("Accuracy  0.912"): a muted caption over a large value, with an
// optional line below (e.g. "on 153 test images"). Shows an em dash until a value is set.
class MetricCard : public QFrame {
    Q_OBJECT
public:
    explicit MetricCard(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setValue(const QString& value);  // empty: the "no value yet" dash
    void setCaption(const QString& caption);
    QString title() const;
    QString value() const;

private:
    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_caption;
};

}  // namespace tlw::ui
