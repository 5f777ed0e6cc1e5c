#pragma once

#include <QObject>
#include <memory>

#include "ui/dialogs/triage_dialog.h"
#include "ui/pages/trained_model_info.h"

namespace tlw {
struct TriageResult;
}

namespace tlw::ui {

class BackgroundTask;
class MainWindow;
class TrainedModelController;

// The Predict page's "Triage a folder": the dialog's request runs core's triageFolder with the model in
// use on a worker thread (progress, Cancel), and the ranked result comes back to the dialog's table;
// Export CSV writes triageToCsv atomically.
class TriageController : public QObject {
    Q_OBJECT
public:
    TriageController(MainWindow& window, TrainedModelController& models, QObject* parent = nullptr);
    ~TriageController() override;

    TriageDialog* dialog() const { return m_dialog; }
    bool isBusy() const;
    bool hasResult() const { return m_result != nullptr; }

public slots:
    void openDialog();
    void run(const tlw::ui::TriageRequest& request);
    bool exportCsv(const QString& file);  // errors go to the dialog's summary line
    void cancel();

private:
    void onModelChanged(const TrainedModelInfo& info);
    void showResult(std::shared_ptr<const tlw::TriageResult> result);
    static QString summaryOf(const tlw::TriageResult& result);

    MainWindow& m_window;
    TrainedModelController& m_models;
    TriageDialog* m_dialog;
    BackgroundTask* m_task;
    std::shared_ptr<const tlw::TriageResult> m_result;
};

}  // namespace tlw::ui
