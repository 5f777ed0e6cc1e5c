#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QStringList>
#include <memory>
#include <vector>

#include "core/eval/prediction.h"
#include "ui/pages/trained_model_info.h"
#include "ui/widgets/similar_strip.h"

namespace tlw::ui {

class BackgroundTask;
class GradCamLoader;
class MainWindow;
class PredictionCard;
class PredictPage;
class TrainedModelController;

// Connects the Predict page to core: dropped or chosen files get a card each (predictImages), a dropped
// folder fills the sortable table, a pasted image is classified from its pixels
// (TrainedModel::probabilities); all on a worker thread with progress and Cancel. Export CSV writes
// what the page shows with predictionsToCsv, atomically. Each batch of cards then gets, in the background,
// the training images it looks like (findSimilarTrainingImages) and, while the page's toggle is on, the
// Grad-CAM map of its top class; both are kept per image for the model, and the toggles are remembered.
class PredictionController : public QObject {
    Q_OBJECT
public:
    static constexpr int kTopK = 5;
    static constexpr int kSimilarImages = 5;  // "looks like": the k nearest training images

    PredictionController(MainWindow& window, TrainedModelController& models, QObject* parent = nullptr);
    ~PredictionController() override;

    bool isBusy() const;
    bool isFindingSimilarImages() const;
    GradCamLoader* gradCams() const { return m_gradCams; }
    const std::vector<tlw::ImagePrediction>& shownPredictions() const { return m_shown; }

public slots:
    void predict(const QStringList& paths);
    void predictImage(const QImage& image);
    bool exportCsv(const QString& file);  // errors go to the page's banner
    void cancel();

private:
    bool requireModel();
    void onModelChanged(const TrainedModelInfo& info);
    void connectInsights();
    void useInsightModel(const std::shared_ptr<const tlw::TrainedModel>& model);
    void requestGradCams();
    void showGradCam(const QString& key, int classIndex);
    void findSimilarImages();
    void showSimilarImages(const QString& path, const std::vector<SimilarTrainingImage>& images);
    void showSimilarMessage(const QStringList& paths, const QString& message);
    QString similarKey(const QString& path) const;  // the cache's: the image and the mode

    MainWindow& m_window;
    TrainedModelController& m_models;
    PredictPage* m_page;
    BackgroundTask* m_task;
    BackgroundTask* m_similarTask;
    GradCamLoader* m_gradCams;
    std::shared_ptr<const tlw::TrainedModel> m_insightModel;      // of the cards shown
    QHash<QString, std::vector<SimilarTrainingImage>> m_similar;  // by similarKey(), for m_insightModel
    std::vector<tlw::ImagePrediction> m_shown;  // what the cards or the table show, in order
    std::vector<std::string> m_classNames;      // of the model that made them
    tlw::DecisionThresholds m_decision;         // that model's thresholds: the CSV's answer column
};

}  // namespace tlw::ui
