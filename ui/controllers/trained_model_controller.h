#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "core/models/export_check.h"
#include "ui/pages/trained_model_info.h"

namespace tlw {
class TrainedModel;
struct DecisionThresholds;
}  // namespace tlw

namespace tlw::ui {

class BackgroundTask;
class RunSwitcher;
class MainWindow;

// The trained model the workbench works with: the one a run just wrote, or one opened with File > Open
// Model. Loads, saves and exports (TorchScript, ONNX: each checked by another runtime on held-out images
// before it is kept) on worker threads (a VGG16 file is 60 MB), keeps the
// model shared and read-only so evaluation and prediction can use it from their own threads, and enables
// the File menu's model actions once there is one.
class TrainedModelController : public QObject {
    Q_OBJECT
public:
    explicit TrainedModelController(MainWindow& window, QObject* parent = nullptr);
    ~TrainedModelController() override;

    std::shared_ptr<const tlw::TrainedModel> model() const { return m_model; }
    const TrainedModelInfo& info() const { return m_info; }
    bool hasModel() const { return m_model != nullptr; }
    bool isBusy() const;
    // The switcher then names this controller's model and its run, and a run chosen in it is opened as
    // File > Open Model opens one. Every RunSwitcher in the window when the controller is made is attached.
    void attachRunSwitcher(RunSwitcher* switcher);

public slots:
    void openModel(const QString& file);
    void saveModel(const QString& file);  // atomic; the model's path becomes this file
    // Two classes: stores the threshold in the model's file (rewritten atomically) and uses that model.
    void saveDecisionThreshold(double threshold);
    void saveClassThresholds(const std::vector<double>& thresholds);  // one per class, into the file
    void exportTorchScript(const QString& file);
    void exportOnnx(const QString& file);

signals:
    void modelChanged(const tlw::ui::TrainedModelInfo& info);
    void modelSaved(const QString& file);
    void torchScriptExported(const QString& file);
    void onnxExported(const QString& file);
    void failed(const QString& message);

private:
    void setModel(std::shared_ptr<const tlw::TrainedModel> model, const QString& path);
    // "checked with OpenCV DNN 4.6.0 on 10 validation images of /data/bees: 10 of 10 labels agree, largest
    // difference 2.4e-07", translated.
    QString checkSummary(const tlw::ExportCheckImages& check, const tlw::ExportCheckReport& report) const;
    // Stores the thresholds in the model's file (rewritten atomically), then uses that model; the status
    // line says statusFormat with the file for %1.
    void saveDecision(const tlw::DecisionThresholds& decision, const QString& statusFormat);

    MainWindow& m_window;
    // One task each: starting a job on a BackgroundTask cancels its running one, and a save must never
    // be dropped because an export started.
    BackgroundTask* m_load;
    BackgroundTask* m_save;
    BackgroundTask* m_export;
    BackgroundTask* m_exportOnnx;
    std::shared_ptr<const tlw::TrainedModel> m_model;
    TrainedModelInfo m_info;
};

}  // namespace tlw::ui
