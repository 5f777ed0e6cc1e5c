#pragma once

#include <QFrame>
#include <QImage>
#include <QString>
#include <optional>
#include <vector>

#include "ui/widgets/heat_map.h"

class QLabel;
class QVBoxLayout;

namespace tlw::ui {

class SimilarStrip;

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

// One image's card on the Predict page: its thumbnail, file name and the top-k classes as bars; on request
// the thumbnail shows where the model looked for the top class (a Grad-CAM overlay), and under the classes
// the training images it resembles ("looks like").
class PredictionCard : public QFrame {
    Q_OBJECT
public:
    explicit PredictionCard(const PredictionResult& result, QWidget* parent = nullptr);

    const PredictionResult& result() const { return m_result; }
    void setThumbnail(const QPixmap& pixmap);

    // What names the image in the caches of maps and similar images: its path, or one given for a pasted
    // image.
    QString imageKey() const { return m_key; }
    void setImageKey(const QString& key) { m_key = key; }
    int topClassIndex() const;  // in the model's label order; -1 when the image could not be classified

    // The map of the top class; shown over the thumbnail while setHeatMapShown(true).
    void setHeatMap(const HeatMap& heatMap);
    bool hasHeatMap() const { return m_heatMap.has_value(); }
    int heatMapClass() const { return m_heatMap ? m_heatMap->map.classIndex : -1; }
    void setHeatMapError(const QString& reason);  // why there is no map: in the thumbnail's tooltip
    void setHeatMapShown(bool shown);
    bool isShowingHeatMap() const { return m_heatMapShown && m_heatMap.has_value(); }
    QImage thumbnailImage() const;  // what the thumbnail shows now, overlay included

    SimilarStrip* similarStrip() const { return m_similar; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateThumbnail();

    PredictionResult m_result;
    QString m_key;
    QImage m_picture;  // the thumbnail without overlay
    std::optional<HeatMap> m_heatMap;
    QString m_heatMapError;
    bool m_heatMapShown = false;
    QLabel* m_thumbnail;
    SimilarStrip* m_similar = nullptr;
    QLabel* m_name = nullptr;
    QLabel* m_answer = nullptr;    // only when the model has thresholds
    QLabel* m_topLabel = nullptr;  // the most likely class and its bar
    QWidget* m_topBar = nullptr;
};

}  // namespace tlw::ui
