#pragma once

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace tlw::ui {

// Help > Getting Started: the Keras transfer-learning tutorial's recipe as clicks, one step per page,
// each with the tutorial's line of code it replaces and a button that goes to the page. Not modal, so a
// first-time user can keep it open beside the window while following it.
class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int kStepCount = 6;

    explicit GettingStartedDialog(QWidget* parent = nullptr);

    QPushButton* goButton(int step) const { return m_steps.at(step).go; }

signals:
    // The sidebar index of the page a step happens on (Dataset 0 … Predict 4).
    void pageRequested(int page);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Step {
        QLabel* heading;
        QLabel* text;
        QPushButton* go;
        int page;
    };
    void retranslateUi();

    QLabel* m_intro;
    QList<Step> m_steps;
    QDialogButtonBox* m_buttons;
};

}  // namespace tlw::ui
