#pragma once

#include <QFrame>
#include <QImage>
#include <QString>
#include <vector>

class QLabel;
class QVBoxLayout;

namespace tlw::ui {

struct ClassProbability {
    QString className;
    double probability = 0.0;  // 0..1
};

// What the Predict page shows for one image; ui/adapters fills it from core's ImagePrediction.
struct PredictionResult {
    QString imagePath;                   // empty for an image pasted from the clipboard
    std::vector<ClassProbability> topK;  // most probable first
    QString error;                       // non-empty when the image could not be classified
    std::vector<double> probabilities;   // every class, in the model's label order
    QImage image;                        // a pasted image (no file behind it), for its thumbnail
    // The model's thresholds' answer (tlw predict's "answer"): a class name, or unknownAnswer when no class
    // is sure enough; neither when the model has no thresholds (the top class is the answer).
    QString answer;
    bool unknownAnswer = false;
};

// One image's card on the Predict page: its thumbnail, file name and the top-k classes as bars.
class PredictionCard : public QFrame {
    Q_OBJECT
public:
    explicit PredictionCard(const PredictionResult& result, QWidget* parent = nullptr);

    const PredictionResult& result() const { return m_result; }
    void setThumbnail(const QPixmap& pixmap);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    PredictionResult m_result;
    QLabel* m_thumbnail;
    QLabel* m_name = nullptr;
    QLabel* m_answer = nullptr;    // only when the model has thresholds
    QLabel* m_topLabel = nullptr;  // the most likely class and its bar
    QWidget* m_topBar = nullptr;
};

}  // namespace tlw::ui
