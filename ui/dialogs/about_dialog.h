#pragma once

#include <QDialog>

class QLabel;
class QDialogButtonBox;

namespace tlw::ui {

// Help > About: the workbench's name and version, the versions of the libraries it runs on (Qt,
// LibTorch, OpenCV, HDF5), the weights in use, and a licence note.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // The pretrained weights the current model came from, e.g. "SqueezeNet 1.1, ImageNet (/path/file.h5)";
    // empty when none are loaded.
    void setWeightsDescription(const QString& description);
    QString weightsDescription() const { return m_weights; }
    QString versionsText() const;  // the plain text of the versions table (also what "Copy" copies)

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    QString computationText() const;

    QString m_weights;
    QLabel* m_name;
    QLabel* m_tagline;
    QLabel* m_versions;
    QLabel* m_licence;
    QDialogButtonBox* m_buttons;
    QPushButton* m_copyButton;
};

}  // namespace tlw::ui
