#pragma once

#include <QImage>
#include <QObject>
#include <QStringList>
#include <vector>

#include "core/eval/prediction.h"
#include "ui/pages/trained_model_info.h"

namespace tlw::ui {

class BackgroundTask;
class MainWindow;
class PredictPage;
class TrainedModelController;

// Connects the Predict page to core: dropped or chosen files get a card each (predictImages), a dropped
// folder fills the sortable table, a pasted image is classified from its pixels
// (TrainedModel::probabilities); all on a worker thread with progress and Cancel. Export CSV writes
// what the page shows with predictionsToCsv, atomically.
class PredictionController : public QObject {
    Q_OBJECT
public:
    static constexpr int kTopK = 5;

    PredictionController(MainWindow& window, TrainedModelController& models, QObject* parent = nullptr);
    ~PredictionController() override;

    bool isBusy() const;
    const std::vector<tlw::ImagePrediction>& shownPredictions() const { return m_shown; }

public slots:
    void predict(const QStringList& paths);
    void predictImage(const QImage& image);
    bool exportCsv(const QString& file);  // errors go to the page's banner
    void cancel();

private:
    bool requireModel();
    void onModelChanged(const TrainedModelInfo& info);

    MainWindow& m_window;
    TrainedModelController& m_models;
    PredictPage* m_page;
    BackgroundTask* m_task;
    std::vector<tlw::ImagePrediction> m_shown;  // what the cards or the table show, in order
    std::vector<std::string> m_classNames;      // of the model that made them
    tlw::DecisionThresholds m_decision;         // that model's thresholds: the CSV's answer column
};

}  // namespace tlw::ui
